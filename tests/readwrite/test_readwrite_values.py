"""The option-values table (``accords bargain --values FILE``): good tables and bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from accords.exceptions import InputFormatError
from accords.readwrite import parse_option_values, read_option_values


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{}", {}),
        ("aldria:\n  quota: {low: 1, high: 0}\n", {"aldria": {"quota": {"low": 1.0, "high": 0.0}}}),
        ("a:\n  x: {1: 0.5, b: '2'}\n", {"a": {"x": {"1": 0.5, "b": 2.0}}}),
    ],
    ids=["empty", "one-table", "keys-as-text"],
)
def test_parse_option_values(text: str, expected: dict[str, object]) -> None:
    assert parse_option_values(text) == expected


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("aldria: [1, 2", r"v\.yaml:1: not valid YAML"),
        ("- 1\n- 2\n", r"v\.yaml: expected a mapping"),
        ("aldria: 3\n", r"aldria: expected \{issue"),
        ("aldria:\n  quota: [1]\n", r"aldria\.quota: expected \{option"),
        ("aldria:\n  quota:\n    none: lots\n", "every value must be a number"),
    ],
    ids=["yaml", "shape", "party", "issue", "number"],
)
def test_bad_tables(text: str, match: str) -> None:
    with pytest.raises(InputFormatError, match=match):
        parse_option_values(text, name="v.yaml")


def test_read_option_values_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "values.yaml"
    path.write_text("a:\n  x: {o: 1}\n", encoding="utf-8")
    assert read_option_values(path) == {"a": {"x": {"o": 1.0}}}
    path.write_text("- 1\n", encoding="utf-8")
    with pytest.raises(InputFormatError, match=r"values\.yaml: expected a mapping"):
        read_option_values(path)
