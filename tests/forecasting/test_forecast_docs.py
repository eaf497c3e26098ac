"""The Python API example of docs/forecasting.md runs and prints what it says."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[2] / "docs" / "forecasting.md"


def test_python_api_example_runs() -> None:
    if not DOC.exists():
        pytest.skip("docs/forecasting.md not present")
    result = doctest.testfile(str(DOC), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 5
    assert result.failed == 0
