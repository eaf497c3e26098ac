"""How accords writes numbers, dates and labels for people: one place for each.

* :func:`natural_key` sorts provision labels as people count (``1, 2, 10, 10.a, 11``);
* :func:`format_number` and :func:`format_quantity` write ``600,000`` and ``USD 100bn``,
  never ``1e+11``;
* :func:`format_date` writes ``2 Dec 2025``.

Every renderer (terminal, HTML, CSV stays raw) and every error message that lists labels uses
these, so the same number reads the same everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

__all__ = [
    "CURRENCIES",
    "format_date",
    "format_number",
    "format_quantity",
    "natural_key",
    "natural_sorted",
]

#: Units written before the number (``USD 100bn``).
CURRENCIES = frozenset({"USD", "EUR", "GBP", "RUB", "UAH", "CHF", "JPY", "CNY"})

_PARTS = re.compile(r"(\d+)")
_SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"))


def natural_key(label: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key that orders numbers by value and text alphabetically.

    Examples
    --------
    >>> sorted(["10.a", "2", "11", "10", "1", "E-3", "E-10"], key=natural_key)
    ['1', '2', '10', '10.a', '11', 'E-3', 'E-10']
    """
    key: list[tuple[int, int | str]] = []
    for part in _PARTS.split(str(label)):
        if not part:
            continue
        key.append((0, int(part)) if part.isdigit() else (1, part.lower()))
    return tuple(key)


def natural_sorted(labels: Iterable[str]) -> list[str]:
    """``labels`` in natural order (see :func:`natural_key`).

    >>> natural_sorted(["21.d", "3", "21"])
    ['3', '21', '21.d']
    """
    return sorted(labels, key=natural_key)


def format_number(value: float) -> str:
    """A number as people write it: thousands separated, no exponent, no stray ``.0``.

    Examples
    --------
    >>> format_number(600000), format_number(1e11), format_number(0.25), format_number(-3.0)
    ('600,000', '100,000,000,000', '0.25', '-3')
    """
    if value == int(value) and abs(value) < 1e18:
        return f"{int(value):,}"
    text = f"{value:,.6f}".rstrip("0").rstrip(".")
    return text


def _scaled(value: float) -> str:
    for scale, suffix in _SCALES:
        if abs(value) >= scale:
            return f"{format_number(round(value / scale, 1))}{suffix}"
    return format_number(value)


def format_quantity(value: float, unit: str, *, approximate: bool = False) -> str:
    """A quantity with its unit: currencies first and scaled (``USD 100bn``), others after.

    Examples
    --------
    >>> format_quantity(1e11, "USD"), format_quantity(600000, "personnel", approximate=True)
    ('USD 100bn', '~600,000 personnel')
    >>> format_quantity(50, "percent"), format_quantity(7.6e10, "GBP")
    ('50%', 'GBP 76bn')
    """
    tilde = "~" if approximate else ""
    if unit.upper() in CURRENCIES:
        return f"{tilde}{unit.upper()} {_scaled(value)}"
    if unit in {"percent", "%"}:
        return f"{tilde}{format_number(value)}%"
    return f"{tilde}{format_number(value)} {unit}"


def format_date(day: date | None) -> str:
    """A date as ``2 Dec 2025`` (empty for None).

    >>> format_date(date(2025, 12, 2))
    '2 Dec 2025'
    """
    if day is None:
        return ""
    return f"{day.day} {day.strftime('%b')} {day.year}"
