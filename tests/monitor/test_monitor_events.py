"""The event record: PLOVER-like fields, typed attributes, certainty, PLOVER exchange."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from accords.monitor import (
    EVENT_TYPES,
    PLOVER_EVENT_TYPES,
    Event,
    content_hash,
    event_from_plover,
    event_to_plover,
)

BASE: dict[str, Any] = {"id": "e1", "date": "2026-01-10", "type": "AID", "actors": ["ukraine"]}


def test_plover_types_are_the_sixteen_polecat_categories() -> None:
    assert len(PLOVER_EVENT_TYPES) == 16
    assert {"RETREAT", "ASSAULT", "SANCTION", "COERCE"} <= set(PLOVER_EVENT_TYPES)
    assert set(EVENT_TYPES) - set(PLOVER_EVENT_TYPES) == {
        "SIGN",
        "ENTER_INTO_FORCE",
        "ELECTION",
        "PERSONNEL_REPORT",
        "EXCHANGE",
        "POWER_SPLIT",
        "LEAK",
    }


@pytest.mark.parametrize(
    ("changes", "check"),
    [
        ({"date": "2026-03"}, lambda e: (e.date, e.date_precision) == (date(2026, 3, 1), "month")),
        ({"date": "2026"}, lambda e: (e.date, e.date_precision) == (date(2026, 1, 1), "year")),
        ({"date": 2026}, lambda e: e.date_precision == "year"),
        ({"date": "2026-03"}, lambda e: e.last_day == date(2026, 3, 31)),
        ({"end_date": "2026-01-12"}, lambda e: e.last_day == date(2026, 1, 12)),
        ({"location": {"admin1": "UA-14"}}, lambda e: e.location.country == "UA"),
        ({"location": {"name": "Moscow"}}, lambda e: e.location.country is None),
        ({"attributes": {"b": 1, "a": True}}, lambda e: list(e.attributes) == ["a", "b"]),
        ({"attributes": {"personnel": 600000}}, lambda e: e.attributes["personnel"] == 600000),
        ({"attributes": {"share": 0.5}}, lambda e: e.attributes["share"] == 0.5),
        ({"attributes": {"share": 1}}, lambda e: e.attributes["share"] == 1),
        (
            {"certainty": "disputed", "disputed_by": ["Kyiv"]},
            lambda e: e.disputed_by == ("Kyiv",),
        ),
        ({"mode": "invasion", "type": "ASSAULT"}, lambda e: e.mode == "invasion"),
    ],
    ids=[
        "month-period",
        "year-period",
        "bare-year-from-yaml",
        "month-last-day",
        "end-date",
        "country-from-admin1",
        "name-only",
        "attributes-sorted",
        "int-attribute",
        "float-attribute",
        "int-for-float-attribute",
        "disputed-with-disputer",
        "extension-mode",
    ],
)
def test_good_events(changes: dict[str, Any], check: Any) -> None:
    assert check(Event.model_validate({**BASE, **changes}))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"type": "ATTACK"}, "Input should be 'AGREE'"),
        ({"actors": []}, "at least 1 item"),
        ({"actors": ["Ukraine"]}, "should match pattern"),
        ({"date": "2026-02-30"}, "day value is outside expected range"),
        ({"end_date": "2026-01-01"}, "end_date 2026-01-01 is before date 2026-01-10"),
        ({"date_precision": "month"}, "first day of the month"),
        ({"date": "2026-03", "date_precision": "day"}, "is a month, but date_precision is 'day'"),
        ({"mode": "Withdraw"}, "should match pattern"),
        ({"attributes": {"personnel": "600000"}}, "'personnel' must be int; got str"),
        ({"attributes": {"personnel": 6.5e5}}, "'personnel' must be int; got float"),
        ({"attributes": {"personnel": True}}, "'personnel' must be int; got bool"),
        ({"attributes": {"personnel": -1}}, "'personnel' must be >= 0"),
        ({"attributes": {"justified": "false"}}, "'justified' must be bool; got str"),
        ({"attributes": {"Bad-Name": 1}}, "should match pattern"),
        ({"attributes": {"x": [1]}}, "valid string"),
        ({"certainty": "likely"}, "'claimed', 'confirmed' or 'disputed'"),
        ({"certainty": "disputed"}, "names who disputes it"),
        ({"type": "SIGN"}, "a SIGN event names its agreement"),
        ({"location": {"admin1": "RU-MOW", "country": "UA"}}, "is not in country 'UA'"),
        ({"location": {"admin1": "Moscow"}}, "should match pattern"),
        ({"location": {}}, "at least one of name, country, admin1"),
        ({"location": {"lat": 55.0}}, "give both lat and lon"),
        ({"location": {"lat": 95.0, "lon": 1.0}}, "less than or equal to 90"),
        ({"colour": "red"}, "Extra inputs are not permitted"),
        ({"id": "has space"}, "should match pattern"),
    ],
    ids=[
        "unknown-type",
        "no-actor",
        "actor-not-slug",
        "impossible-date",
        "end-before-start",
        "month-precision-mid-month",
        "period-with-day-precision",
        "mode-case",
        "personnel-as-text",
        "personnel-as-float",
        "personnel-as-bool",
        "negative-count",
        "justified-as-text",
        "attribute-name",
        "attribute-list",
        "unknown-certainty",
        "disputed-without-disputer",
        "sign-without-agreement",
        "admin1-outside-country",
        "admin1-not-iso",
        "empty-location",
        "lat-without-lon",
        "lat-out-of-range",
        "unknown-key",
        "bad-id",
    ],
)
def test_bad_events(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Event.model_validate({**BASE, **changes})


def test_content_hash_is_canonical_and_sensitive() -> None:
    a = Event.model_validate({**BASE, "attributes": {"x": 1, "y": "z"}})
    b = Event.model_validate({**BASE, "attributes": {"y": "z", "x": 1}})
    c = Event.model_validate({**BASE, "attributes": {"x": 2, "y": "z"}})
    assert content_hash(a) == content_hash(b)
    assert content_hash(a) != content_hash(c)
    assert len(content_hash(a)) == 64


def test_json_round_trip_keeps_types() -> None:
    e = Event.model_validate(
        {**BASE, "attributes": {"justified": False, "personnel": 1, "share": 1.0, "city": "Kyiv"}}
    )
    again = Event.model_validate_json(e.model_dump_json())
    assert again == e
    assert type(again.attributes["justified"]) is bool
    assert type(again.attributes["personnel"]) is int
    assert type(again.attributes["share"]) is float


def test_plover_round_trip() -> None:
    e = Event.model_validate(
        {
            "id": "p1",
            "date": "2026-03-02",
            "end_date": "2026-03-03",
            "type": "ASSAULT",
            "mode": "missile",
            "context": ["military"],
            "actors": ["ukraine"],
            "recipients": ["russia"],
            "location": {"name": "Moscow", "admin1": "RU-MOW", "lat": 55.75, "lon": 37.62},
            "attributes": {"justified": False},
            "certainty": "disputed",
            "claimed_by": ["Russian MoD"],
            "disputed_by": ["Ukrainian MoD"],
            "evidence": [{"source": "wire", "url": "https://example.org/x", "quote": "missile"}],
            "text": "A missile strike on Moscow.",
        }
    )
    record = event_to_plover(e)
    assert record["event"] == ["ASSAULT"]
    assert record["mode"] == ["missile"]
    assert record["actor"] == [{"code": "ukraine"}]
    assert record["recipient"] == [{"code": "russia"}]
    assert record["enddate"] == "2026-03-03"
    assert record["event_loc"]["admin1_code"] == "RU-MOW"
    assert event_from_plover(record) == e


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"id": "x", "date": "2026-01-01", "event": ["AID", "AGREE"], "actor": [{"code": "a"}]},
         "split it into one record per category"),
        ({"id": "x", "date": "2026-01-01", "event": ["AID"], "mode": ["a", "b"],
          "actor": [{"code": "a"}]}, "accords keeps one: split it"),
        ({"id": "x", "date": "2026-01-01", "event": ["AID"], "actor": [{"name": "A"}]},
         "needs a 'code'"),
    ],
    ids=["two-categories", "two-modes", "actor-without-code"],
)  # fmt: skip
def test_bad_plover_records(record: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        event_from_plover(record)
