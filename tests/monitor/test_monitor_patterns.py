"""Event patterns: the rules, one event at a time and vectorised (checked against each other)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from accords.model import AttributeTest, EventPattern
from accords.monitor import Event, EventTable, event_matches, pattern_mask

MEMBERS = {"europe": ["eu", "uk"], "eu": ["france", "germany"]}

STRIKE = Event.model_validate(
    {
        "id": "strike",
        "date": "2026-03-02",
        "type": "ASSAULT",
        "mode": "missile",
        "actors": ["ukraine"],
        "recipients": ["russia"],
        "location": {"admin1": "RU-MOW", "name": "Moscow"},
        "attributes": {
            "justified": False,
            "personnel": 0,
            "target_city": "Moscow",
            "n": 2.5,
            "verified": False,  # names accords does not type: any value may be tested
            "count": 0,
        },
        "certainty": "confirmed",
    }
)


def pattern(**fields: Any) -> EventPattern:
    return EventPattern.model_validate({"type": "ASSAULT", **fields}, strict=False)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, True),
        ({"type": "AID"}, False),
        ({"mode": "missile"}, True),
        ({"mode": "invasion"}, False),
        ({"actors": ("ukraine",)}, True),
        ({"actors": ("russia",)}, False),
        ({"actors": ("russia", "ukraine")}, True),
        ({"recipients": ("russia",)}, True),
        ({"recipients": ("ukraine",)}, False),
        ({"location": ("RU-MOW",)}, True),
        ({"location": ("RU",)}, True),
        ({"location": ("moscow",)}, True),
        ({"location": ("RU-SPE", "St Petersburg")}, False),
        ({"attributes": ({"name": "justified", "value": False},)}, True),
        ({"attributes": ({"name": "justified", "value": True},)}, False),
        ({"attributes": ({"name": "justified", "op": "ne", "value": True},)}, True),
        ({"attributes": ({"name": "verified", "value": 0},)}, False),
        ({"attributes": ({"name": "count", "value": False},)}, False),
        ({"attributes": ({"name": "personnel", "op": "ge", "value": 0},)}, True),
        ({"attributes": ({"name": "n", "op": "gt", "value": 2},)}, True),
        ({"attributes": ({"name": "n", "op": "lt", "value": 2.5},)}, False),
        ({"attributes": ({"name": "target_city", "value": "Moscow"},)}, True),
        ({"attributes": ({"name": "target_city", "op": "in", "value": ("Kyiv", "Moscow")},)}, True),
        ({"attributes": ({"name": "missing", "op": "ne", "value": 1},)}, False),
        ({"min_certainty": "confirmed"}, True),
    ],
    ids=[
        "type-only",
        "other-type",
        "mode",
        "other-mode",
        "actor",
        "other-actor",
        "any-of-actors",
        "recipient",
        "other-recipient",
        "iso-3166-2",
        "country",
        "place-name-any-case",
        "other-places",
        "truth-value",
        "other-truth-value",
        "ne",
        "number-is-not-bool",
        "bool-is-not-number",
        "ge",
        "gt-float",
        "lt-equal",
        "text",
        "in",
        "missing-attribute-fails-even-ne",
        "certainty",
    ],
)
def test_pattern_rules(fields: dict[str, Any], expected: bool) -> None:
    p = pattern(**fields)
    assert event_matches(p, STRIKE) is expected
    assert pattern_mask(p, EventTable.from_events([STRIKE])).tolist() == [expected]


@pytest.mark.parametrize(
    ("certainty", "minimum", "expected"),
    [
        ("disputed", "claimed", False),
        ("disputed", "disputed", True),
        ("claimed", "claimed", True),
        ("claimed", "confirmed", False),
        ("confirmed", "claimed", True),
    ],
    ids=lambda v: str(v),
)
def test_certainty_order(certainty: str, minimum: str, expected: bool) -> None:
    extra = {"disputed_by": ("x",)} if certainty == "disputed" else {}
    e = STRIKE.model_copy(update={"certainty": certainty, **extra})
    p = pattern(min_certainty=minimum)
    assert event_matches(p, e) is expected
    assert pattern_mask(p, EventTable.from_events([e])).tolist() == [expected]


def test_groups_match_their_members_transitively() -> None:
    e = STRIKE.model_copy(update={"actors": ("france",)})
    p = pattern(actors=("europe",))
    assert event_matches(p, e, members=MEMBERS)
    assert not event_matches(p, e)
    table = EventTable.from_events([e])
    assert pattern_mask(p, table, members=MEMBERS).tolist() == [True]
    assert pattern_mask(p, table).tolist() == [False]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"type": "ATTACK"}, "Input should be 'AGREE', 'CONSULT'"),
        ({"attributes": ({"name": "x", "op": "gt", "value": True},)}, "compares numbers"),
        ({"attributes": ({"name": "x", "op": "lt", "value": "a"},)}, "compares numbers"),
        ({"attributes": ({"name": "x", "op": "in", "value": 1},)}, "needs a list"),
        ({"attributes": ({"name": "x", "op": "eq", "value": (1, 2)},)}, "needs op 'in'"),
        ({"attributes": ({"name": "personnel", "value": "many"},)}, "no event can match"),
        ({"attributes": ({"name": "justified", "op": "in", "value": (True, 1)},)},
         "is a truth value; got int 1"),
    ],
    ids=["unknown-type", "gt-bool", "lt-text", "in-scalar", "list-with-eq", "text-for-count",
         "number-for-truth"],
)  # fmt: skip
def test_bad_patterns_are_rejected_when_built(fields: dict[str, Any], message: str) -> None:
    # an unevaluable pattern cannot exist: the corpus reader reports it with its line
    with pytest.raises(ValidationError, match=message):
        pattern(**fields)


def test_table_sorts_by_date_and_keeps_flat_parties_aligned() -> None:
    events = [
        STRIKE.model_copy(update={"id": "late", "date": STRIKE.date.replace(day=20)}),
        STRIKE.model_copy(update={"id": "early", "actors": ("russia", "belarus")}),
    ]
    table = EventTable.from_events(events)
    assert table.ids.tolist() == ["early", "late"]
    mask = pattern_mask(pattern(actors=("belarus",)), table)
    assert mask.tolist() == [True, False]
    assert len(table.upto(STRIKE.date.toordinal())) == 1


# -- the vectorised matcher against the plain one, on random events and patterns ------------

PARTIES = ["russia", "ukraine", "france", "eu", "europe"]
PLACES = [None, {"admin1": "RU-MOW", "name": "Moscow"}, {"admin1": "UA-14"}, {"name": "Kherson"}]
TYPES = ["ASSAULT", "RETREAT", "PERSONNEL_REPORT"]
VALUES = st.one_of(st.booleans(), st.integers(-2, 2), st.sampled_from([0.5, 1.0, -1.5]),
                   st.sampled_from(["a", "b"]))  # fmt: skip


@st.composite
def events(draw: st.DrawFn, i: int) -> Event:
    certainty = draw(st.sampled_from(["claimed", "confirmed", "disputed"]))
    return Event.model_validate(
        {
            "id": f"e{i}",
            "date": f"2026-01-{draw(st.integers(1, 28)):02d}",
            "type": draw(st.sampled_from(TYPES)),
            "mode": draw(st.sampled_from([None, "withdraw", "missile"])),
            "actors": draw(st.lists(st.sampled_from(PARTIES), min_size=1, max_size=2)),
            "recipients": draw(st.lists(st.sampled_from(PARTIES), max_size=2)),
            "location": draw(st.sampled_from(PLACES)),
            "attributes": draw(st.dictionaries(st.sampled_from(["x", "y"]), VALUES, max_size=2)),
            "certainty": certainty,
            "disputed_by": ["d"] if certainty == "disputed" else [],
        }
    )


@st.composite
def patterns(draw: st.DrawFn) -> EventPattern:
    tests = []
    for name in draw(st.lists(st.sampled_from(["x", "y"]), max_size=2)):
        value = draw(VALUES)
        ops = ["eq", "ne"] + (["lt", "le", "gt", "ge"] if not isinstance(value, bool | str) else [])
        op = draw(st.sampled_from([*ops, "in"]))
        if op == "in":
            tests.append(AttributeTest(name=name, op="in", value=(value, draw(VALUES))))
        else:
            tests.append(AttributeTest(name=name, op=op, value=value))  # type: ignore[arg-type]
    return EventPattern(
        type=draw(st.sampled_from(TYPES)),
        mode=draw(st.sampled_from([None, "withdraw", "missile"])),
        actors=tuple(draw(st.lists(st.sampled_from(PARTIES), max_size=2))),
        recipients=tuple(draw(st.lists(st.sampled_from(PARTIES), max_size=1))),
        location=tuple(draw(st.lists(st.sampled_from(["RU-MOW", "RU", "kherson", "UA"]),
                                     max_size=2))),
        attributes=tuple(tests),
        min_certainty=draw(st.sampled_from(["disputed", "claimed", "confirmed"])),
    )  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_vectorised_matching_agrees_with_the_plain_rules(data: st.DataObject) -> None:
    n = data.draw(st.integers(0, 12))
    evs = [data.draw(events(i)) for i in range(n)]
    p = data.draw(patterns())
    table = EventTable.from_events(evs)
    expected = {e.id for e in evs if event_matches(p, e, members=MEMBERS)}
    got = set(table.ids[pattern_mask(p, table, members=MEMBERS)].tolist())
    assert got == expected


def test_empty_table() -> None:
    table = EventTable.from_events([])
    assert pattern_mask(pattern(), table).shape == (0,)
    assert np.asarray(table.day).dtype == np.int64
