"""Numbers, dates and labels as people write them."""

from __future__ import annotations

from datetime import date

import pytest

from accords.exceptions import UnknownProvisionError
from accords.formatting import format_date, format_number, format_quantity, natural_sorted


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        (["10", "2", "1", "10.a", "11"], ["1", "2", "10", "10.a", "11"]),
        (["21.d", "21.a", "21"], ["21", "21.a", "21.d"]),
        (["E4", "E10", "E1"], ["E1", "E4", "E10"]),
    ],
)
def test_natural_order(labels: list[str], expected: list[str]) -> None:
    assert natural_sorted(labels) == expected


@pytest.mark.parametrize(
    ("value", "unit", "approximate", "expected"),
    [
        (1e11, "USD", False, "USD 100bn"),
        (7.6e10, "GBP", False, "GBP 76bn"),
        (600000, "personnel", True, "~600,000 personnel"),
        (50, "percent", False, "50%"),
        (100, "days", False, "100 days"),
        (2.5e6, "EUR", False, "EUR 2.5m"),
    ],
)
def test_quantities(value: float, unit: str, approximate: bool, expected: str) -> None:
    assert format_quantity(value, unit, approximate=approximate) == expected
    assert "e+" not in format_number(value)


def test_date() -> None:
    assert format_date(date(2025, 12, 2)) == "2 Dec 2025"
    assert format_date(None) == ""


def test_error_messages_list_labels_in_natural_order() -> None:
    err = UnknownProvisionError("plan:99", known=["10", "2", "1", "10.a"])
    assert "(known: 1, 2, 10, 10.a)" in str(err)
