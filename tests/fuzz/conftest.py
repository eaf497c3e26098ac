"""Write what the fuzz suite saw to $ACCORDS_FUZZ_REPORT (JSON) when that is set."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from fuzz_inputs import TALLY


@pytest.fixture(scope="session", autouse=True)
def _fuzz_report() -> Iterator[None]:
    yield
    target = os.environ.get("ACCORDS_FUZZ_REPORT")
    if target:
        Path(target).write_text(json.dumps(dict(sorted(TALLY.items())), indent=2) + "\n")
