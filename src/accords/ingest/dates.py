"""Dates in a sentence, resolved against the article's date, with their precision.

:func:`find_dates` finds date expressions (``December 2, 2025``, ``on Tuesday``, ``yesterday``,
``last week``, ``in late October``, ``mid-November``) and resolves each against the article's
date. Weekdays are resolved by tense: in a sentence about the future (``will meet on
Tuesday``, ``is expected to``) a weekday is the next one, otherwise the last one (an article's
own weekday is that day). A month without a day gives month precision, a year alone year
precision. Explicit dates go through dateparser with the article's date as the base.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Literal

from accords.ingest.nlp import require

__all__ = ["DateSpan", "find_dates", "is_future"]

Precision = Literal["day", "month", "year"]

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_PATTERN = re.compile(
    rf"""
    (?P<mdy>\b(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b)
  | (?P<dmy>\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})(?:,?\s+\d{{4}})?\b)
  | (?P<month>\b(?:(?:early|mid|late|mid-)\s*-?\s*)?(?:{_MONTHS})(?:\s+\d{{4}})?\b)
  | (?P<weekday>\b(?:(?:last|next|this|on)\s+)?
       (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)
  | (?P<relday>\b(?:yesterday|today|tomorrow|tonight)\b)
  | (?P<relweek>\b(?:last|this|next)\s+(?:week|month|weekend)\b|\bover\s+the\s+weekend\b)
  | (?P<year>\bin\s+(?:19|20)\d{{2}}\b)
    """,
    re.VERBOSE | re.IGNORECASE,
)
_FUTURE = re.compile(
    r"\b(?:will|shall|(?:is|are|'s|\u2019s)\s+(?:expected|set|due|scheduled|slated)\s+to|going\s+to|plans?\s+to|would\s+(?:meet|travel|visit)|"
    r"upcoming|next)\b|'ll\b|\u2019ll\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateSpan:
    """A date expression at ``start:end`` and the date it names."""

    start: int
    end: int
    text: str
    date: datetime.date
    precision: Precision
    rule: str


def is_future(sentence: str) -> bool:
    """True when the sentence speaks of the future (``will``, ``is expected to``).

    >>> is_future("He is expected to meet Putin on Tuesday."), is_future("They met on Sunday.")
    (True, False)
    """
    return _FUTURE.search(sentence) is not None


def _parse(text: str, base: datetime.date) -> datetime.date | None:
    dateparser = require("dateparser")
    settings = {
        "RELATIVE_BASE": datetime.datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": "past",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date() if parsed is not None else None


def _weekday(word: str, base: datetime.date, future: bool) -> datetime.date:
    parts = word.lower().split()
    target = _WEEKDAYS.index(parts[-1])
    qualifier = parts[0] if len(parts) > 1 else ""
    delta = (target - base.weekday()) % 7
    if qualifier == "next" or (future and qualifier != "last"):
        return base + datetime.timedelta(days=delta or (7 if qualifier == "next" else 0))
    back = (base.weekday() - target) % 7
    if qualifier == "last" and back == 0:
        back = 7
    return base - datetime.timedelta(days=back)


def find_dates(sentence: str, published: datetime.date, offset: int = 0) -> list[DateSpan]:
    """Every date expression of ``sentence`` resolved against ``published``.

    Examples
    --------
    >>> base = datetime.date(2025, 12, 1)  # a Monday
    >>> [(d.date.isoformat(), d.precision) for d in find_dates(
    ...     "Witkoff will meet Putin on Tuesday.", base)]
    [('2025-12-02', 'day')]
    >>> [(d.date.isoformat(), d.precision) for d in find_dates(
    ...     "The meeting was on Sunday, after talks in late October.", base)]
    [('2025-11-30', 'day'), ('2025-10-01', 'month')]
    >>> [d.date.isoformat() for d in find_dates("A strike yesterday.", base)]
    ['2025-11-30']
    """
    future = is_future(sentence)
    spans: list[DateSpan] = []
    for match in _PATTERN.finditer(sentence):
        kind = match.lastgroup or ""
        text = match.group(0)
        start, end = match.start() + offset, match.end() + offset
        resolved: datetime.date | None
        precision: Precision = "day"
        if kind == "weekday":
            resolved = _weekday(text, published, future)
        elif kind == "relday":
            shift = {"yesterday": -1, "tomorrow": 1}.get(text.lower(), 0)
            resolved = published + datetime.timedelta(days=shift)
        elif kind == "relweek":
            low = text.lower()
            sign = -1 if ("last" in low or "over" in low) else (1 if "next" in low else 0)
            if "month" in low:
                month = published.month + sign
                year = published.year + (month - 1) // 12
                resolved = datetime.date(year, (month - 1) % 12 + 1, 1)
                precision = "month"
            else:
                resolved = published + datetime.timedelta(days=7 * sign)
                if "weekend" in low:
                    resolved = _weekday("last saturday", published, False)
        elif kind == "year":
            resolved = datetime.date(int(text[-4:]), 1, 1)
            precision = "year"
        elif kind == "month":
            bare = re.sub(r"^(?:early|mid|late)\s*-?\s*", "", text, flags=re.IGNORECASE)
            if bare.lower() in ("may", "march") and not text[:1].isupper():
                continue
            if bare == "May" and "-" not in text and " " not in text.strip():
                continue  # "May" is more often the verb
            resolved = _parse(bare, published)
            if resolved is not None:
                if not re.search(r"\d{4}", bare) and resolved > published:
                    resolved = resolved.replace(year=resolved.year - 1)
                resolved = resolved.replace(day=1)
            precision = "month"
        else:
            cleaned = re.sub(r"(\d)(?:st|nd|rd|th)", r"\1", text)
            resolved = _parse(cleaned, published)
            if (
                resolved is not None
                and not re.search(r"\d{4}", text)
                and future
                and resolved < published - datetime.timedelta(days=60)
            ):
                resolved = resolved.replace(year=resolved.year + 1)
        if resolved is not None:
            spans.append(DateSpan(start, end, text, resolved, precision, f"date:{kind}"))
    return spans
