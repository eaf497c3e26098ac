"""Matching event patterns against events: one at a time, or vectorised over an event table.

An :class:`~accords.model.conditions.EventPattern` matches an event when every field it gives
agrees (empty fields match anything):

``type``, ``mode``
    Equal (a pattern without mode matches every mode).
``actors``, ``recipients``
    At least one of the event's actors (recipients) is one of the pattern's parties or a member
    of one, transitively (``europe`` matches an event by ``france``).
``location``
    One entry equals the event's ISO 3166-2 province code (``RU-MOW``), its country code
    (``RU``) or, ignoring case, its place name (``Moscow``).
``attributes``
    Every test holds. An event without the attribute fails the test, whatever the operator
    (``justified eq false`` is not met by an event that does not say). Numbers compare with
    numbers, truth values with truth values (``eq``/``ne``/``in`` only) and text with text
    (``eq``/``ne``/``in`` only); a value of another type fails.
``min_certainty``
    The event's certainty ranks at least as high, with ``disputed < claimed < confirmed``.

``at_least`` is not a property of one event: the engine counts matches (see
:mod:`accords.monitor.engine`).

:func:`event_matches` is the plain reading of these rules, one event at a time; an
:class:`EventTable` holds events as columns (numpy arrays of small integer codes) and
:func:`pattern_mask` evaluates a pattern over all of them at once. The tests check that the
two agree.

Examples
--------
>>> from accords.model import EventPattern
>>> from accords.monitor.events import Event
>>> e = Event(id="e1", date="2026-02-01", type="ASSAULT", mode="missile",
...           actors=("ukraine",), location={"admin1": "RU-MOW"}, attributes={"justified": False})
>>> p = EventPattern(type="ASSAULT", mode="missile", location=("RU-MOW", "RU-SPE"),
...                  attributes=({"name": "justified", "value": False},))
>>> event_matches(p, e)
True
>>> table = EventTable.from_events([e])
>>> pattern_mask(p, table).tolist()
[True]
"""

from __future__ import annotations

import gc
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from accords.model.conditions import AttributeTest, EventPattern
from accords.model.vocabulary import CERTAINTY_RANK, EVENT_TYPES, AttributeValue
from accords.monitor.events import Event

__all__ = [
    "AttributeColumn",
    "EventTable",
    "Members",
    "concat_tables",
    "event_matches",
    "expand_parties",
    "pattern_mask",
    "paused_gc",
]

#: For each party, its members (transitively); parties without members may be left out.
Members = Mapping[str, Iterable[str]]

BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]

_TYPE_INDEX: Final = {t: i for i, t in enumerate(EVENT_TYPES)}
_ORDER_OPS: Final[dict[str, Callable[[Any, Any], Any]]] = {
    "eq": operator.eq,
    "ne": operator.ne,
    "lt": operator.lt,
    "le": operator.le,
    "gt": operator.gt,
    "ge": operator.ge,
}
KIND_MISSING, KIND_BOOL, KIND_NUMBER, KIND_TEXT = 0, 1, 2, 3


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small objects.

    Columns of a million events are built from millions of short-lived strings and lists that
    hold no cycles; with the collector on, its repeated full passes over them can cost more
    than the work itself. Reference counting still frees everything.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def expand_parties(parties: Iterable[str], members: Members | None) -> frozenset[str]:
    """The parties and all their members.

    Examples
    --------
    >>> sorted(expand_parties(["europe"], {"europe": ["eu", "uk"], "eu": ["france"]}))
    ['eu', 'europe', 'france', 'uk']
    """
    out: set[str] = set()
    stack = list(parties)
    while stack:
        party = stack.pop()
        if party in out:
            continue
        out.add(party)
        if members is not None:
            stack.extend(members.get(party, ()))
    return frozenset(out)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _same_kind(a: object, b: object) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool)
    if _is_number(a) or _is_number(b):
        return _is_number(a) and _is_number(b)
    return isinstance(a, str) and isinstance(b, str)


def _attribute_holds(test: AttributeTest, value: AttributeValue | None) -> bool:
    if value is None:
        return False
    if test.op == "in":
        assert isinstance(test.value, tuple)
        return any(_same_kind(value, v) and value == v for v in test.value)
    if not _same_kind(value, test.value):
        return False
    return bool(_ORDER_OPS[test.op](value, test.value))


def event_matches(pattern: EventPattern, event: Event, *, members: Members | None = None) -> bool:
    """True if ``event`` matches ``pattern`` (the rules of the module docstring).

    Parameters
    ----------
    pattern : EventPattern
    event : Event
    members : mapping, optional
        Members of each party (``Corpus.members_of``), so that a group matches its members.
    """
    if event.type != pattern.type:
        return False
    if pattern.mode is not None and event.mode != pattern.mode:
        return False
    if CERTAINTY_RANK[event.certainty] < CERTAINTY_RANK[pattern.min_certainty]:
        return False
    if pattern.actors and not set(event.actors) & expand_parties(pattern.actors, members):
        return False
    if pattern.recipients and not set(event.recipients) & expand_parties(
        pattern.recipients, members
    ):
        return False
    if pattern.location:
        loc = event.location
        if loc is None:
            return False
        codes = {c for c in (loc.country, loc.admin1) if c is not None}
        name = loc.name.casefold() if loc.name is not None else None
        if not any(entry in codes or entry.casefold() == name for entry in pattern.location):
            return False
    return all(_attribute_holds(t, event.attributes.get(t.name)) for t in pattern.attributes)


@dataclass(frozen=True, eq=False)
class AttributeColumn:
    """One attribute over all events of a table.

    ``kind`` is 0 (missing), 1 (truth value), 2 (number) or 3 (text); ``number`` holds numbers
    and truth values (as 0/1), ``text`` the vocabulary code of text values (-1 otherwise).
    """

    kind: npt.NDArray[np.int8]
    number: npt.NDArray[np.float64]
    text: npt.NDArray[np.int32]

    def take(self, index: IntArray | slice) -> AttributeColumn:
        """The column restricted to some events."""
        return AttributeColumn(self.kind[index], self.number[index], self.text[index])


@dataclass(frozen=True, eq=False)
class EventTable:
    """Events as columns, sorted by date: the form the engine evaluates in bulk.

    Build one with :meth:`from_events` (from :class:`Event` records) or :meth:`from_columns`
    (from plain columns, as the event store and the benchmarks do).

    Attributes
    ----------
    ids : ndarray of object
        Event ids.
    day : ndarray of int64
        ``date.toordinal()`` of each event's start day, ascending.
    type_code : ndarray of int8
        Index of the type in :data:`~accords.monitor.events.EVENT_TYPES`.
    mode, country, admin1, place : ndarray of int32
        Vocabulary codes (-1 when absent); ``place`` is the case-folded place name.
    certainty : ndarray of int8
        :data:`~accords.monitor.events.CERTAINTY_RANK` of each event.
    actor_code, actor_event, recipient_code, recipient_event : ndarray of int32
        Actors (recipients) as flat lists: the party's code and the index of its event.
    attributes : mapping of str to AttributeColumn
    vocabulary : mapping of str to int
        The code of every string in the table.
    """

    ids: npt.NDArray[np.object_]
    day: IntArray
    type_code: npt.NDArray[np.int8]
    mode: npt.NDArray[np.int32]
    certainty: npt.NDArray[np.int8]
    actor_code: npt.NDArray[np.int32]
    actor_event: npt.NDArray[np.int32]
    recipient_code: npt.NDArray[np.int32]
    recipient_event: npt.NDArray[np.int32]
    country: npt.NDArray[np.int32]
    admin1: npt.NDArray[np.int32]
    place: npt.NDArray[np.int32]
    attributes: Mapping[str, AttributeColumn]
    vocabulary: Mapping[str, int]

    def __post_init__(self) -> None:
        n = len(self.ids)
        for name in ("day", "type_code", "mode", "certainty", "country", "admin1", "place"):
            if len(getattr(self, name)) != n:
                raise ValueError(f"column {name!r} has {len(getattr(self, name))} rows, not {n}")
        for name, column in self.attributes.items():
            if len(column.kind) != n:
                raise ValueError(f"attribute column {name!r} has {len(column.kind)} rows, not {n}")
        if n > 1 and bool(np.any(self.day[1:] < self.day[:-1])):
            raise ValueError("events must be sorted by day; use EventTable.from_columns")

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def n_events(self) -> int:
        """Number of events."""
        return len(self.ids)

    @classmethod
    def from_events(cls, events: Iterable[Event]) -> EventTable:
        """A table of these events (sorted by date; ties keep their order)."""
        items = list(events)
        attributes: dict[str, list[AttributeValue | None]] = {}
        for i, e in enumerate(items):
            for name, value in e.attributes.items():
                attributes.setdefault(name, [None] * len(items))[i] = value
        return cls.from_columns(
            ids=[e.id for e in items],
            days=[e.day.toordinal() for e in items],
            types=[e.type for e in items],
            modes=[e.mode for e in items],
            certainties=[e.certainty for e in items],
            actors=[e.actors for e in items],
            recipients=[e.recipients for e in items],
            countries=[e.location.country if e.location else None for e in items],
            admin1s=[e.location.admin1 if e.location else None for e in items],
            places=[e.location.name if e.location else None for e in items],
            attributes=attributes,
        )

    @classmethod
    @paused_gc()
    def from_columns(
        cls,
        *,
        ids: Sequence[str],
        days: Sequence[int] | IntArray,
        types: Sequence[str] | npt.NDArray[np.int8],
        modes: Sequence[str | None],
        certainties: Sequence[str] | npt.NDArray[np.int8],
        actors: Sequence[Sequence[str]],
        recipients: Sequence[Sequence[str]] | None = None,
        countries: Sequence[str | None] | None = None,
        admin1s: Sequence[str | None] | None = None,
        places: Sequence[str | None] | None = None,
        attributes: Mapping[str, Sequence[AttributeValue | None]] | None = None,
    ) -> EventTable:
        """A table from plain columns, one entry per event, in any order (garbage
        collection paused while it is built).

        ``types`` and ``certainties`` may be given as names or as codes (int8 arrays);
        ``days`` are ``date.toordinal()`` values.
        """
        n = len(ids)
        vocabulary: dict[str, int] = {}
        day = np.asarray(days, dtype=np.int64)
        order = np.argsort(day, kind="stable") if n and np.any(day[1:] < day[:-1]) else None

        def encode(
            values: Sequence[str | None] | None, fold: bool = False
        ) -> npt.NDArray[np.int32]:
            if values is None:
                return np.full(n, -1, dtype=np.int32)
            setdefault = vocabulary.setdefault
            out = [
                -1 if v is None else setdefault(v.casefold() if fold else v, len(vocabulary))
                for v in values
            ]
            return np.asarray(out, dtype=np.int32)

        def flat(lists: Sequence[Sequence[str]] | None) -> tuple[Any, Any]:
            if lists is None:
                return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int32)
            setdefault = vocabulary.setdefault
            codes = [setdefault(p, len(vocabulary)) for parties in lists for p in parties]
            owner = np.repeat(np.arange(n, dtype=np.int32), [len(p) for p in lists])
            return np.asarray(codes, dtype=np.int32), owner

        if isinstance(types, np.ndarray):
            type_code = types.astype(np.int8)
        else:
            try:
                type_code = np.asarray([_TYPE_INDEX[t] for t in types], dtype=np.int8)
            except KeyError as err:
                raise ValueError(f"unknown event type {err.args[0]!r}") from None
        if isinstance(certainties, np.ndarray):
            certainty = certainties.astype(np.int8)
        else:
            certainty = np.asarray([CERTAINTY_RANK[c] for c in certainties], dtype=np.int8)
        actor_code, actor_event = flat(actors)
        recipient_code, recipient_event = flat(recipients)
        columns = {
            name: _attribute_column(values, n, vocabulary)
            for name, values in (attributes or {}).items()
        }
        table = {
            "ids": np.asarray(list(ids), dtype=object),
            "day": day,
            "type_code": type_code,
            "mode": encode(modes),
            "certainty": certainty,
            "country": encode(countries),
            "admin1": encode(admin1s),
            "place": encode(places, fold=True),
        }
        if order is not None:
            rank = np.empty(n, dtype=np.int32)
            rank[order] = np.arange(n, dtype=np.int32)
            table = {k: v[order] for k, v in table.items()}
            actor_code, actor_event = _reorder_flat(actor_code, actor_event, rank)
            recipient_code, recipient_event = _reorder_flat(recipient_code, recipient_event, rank)
            columns = {k: c.take(order) for k, c in columns.items()}
        return cls(
            actor_code=actor_code,
            actor_event=actor_event,
            recipient_code=recipient_code,
            recipient_event=recipient_event,
            attributes=columns,
            vocabulary=vocabulary,
            **table,
        )

    def upto(self, day: int) -> EventTable:
        """The events that began on or before ``day`` (an ordinal): a prefix of the table."""
        cut = int(np.searchsorted(self.day, day, side="right"))
        if cut == len(self):
            return self
        a_cut = int(np.searchsorted(self.actor_event, cut))
        r_cut = int(np.searchsorted(self.recipient_event, cut))
        return EventTable(
            ids=self.ids[:cut],
            day=self.day[:cut],
            type_code=self.type_code[:cut],
            mode=self.mode[:cut],
            certainty=self.certainty[:cut],
            actor_code=self.actor_code[:a_cut],
            actor_event=self.actor_event[:a_cut],
            recipient_code=self.recipient_code[:r_cut],
            recipient_event=self.recipient_event[:r_cut],
            country=self.country[:cut],
            admin1=self.admin1[:cut],
            place=self.place[:cut],
            attributes={k: c.take(slice(0, cut)) for k, c in self.attributes.items()},
            vocabulary=self.vocabulary,
        )

    def date_of(self, index: int) -> date:
        """The start date of event ``index``."""
        return date.fromordinal(int(self.day[index]))


def concat_tables(tables: Sequence[EventTable]) -> EventTable:
    """One table of the events of several, sorted by day then id (vocabularies merged).

    Examples
    --------
    >>> a = EventTable.from_columns(ids=["b"], days=[5], types=["AID"], modes=["x"],
    ...     certainties=["claimed"], actors=[["us"]])
    >>> b = EventTable.from_columns(ids=["a", "c"], days=[5, 1], types=["AID", "AID"],
    ...     modes=[None, "y"], certainties=["claimed", "claimed"], actors=[["eu"], ["us"]])
    >>> t = concat_tables([a, b])
    >>> t.ids.tolist(), t.day.tolist(), sorted(t.vocabulary)
    (['c', 'a', 'b'], [1, 5, 5], ['eu', 'us', 'x', 'y'])
    """
    vocabulary: dict[str, int] = {}
    parts: list[dict[str, Any]] = []
    offset = 0
    for table in tables:
        words = sorted(table.vocabulary, key=table.vocabulary.__getitem__)
        remap = np.asarray(
            [vocabulary.setdefault(w, len(vocabulary)) for w in words] + [-1], dtype=np.int32
        )  # remap[-1] == -1 keeps missing values missing

        def code(values: npt.NDArray[np.int32], remap: npt.NDArray[np.int32] = remap) -> Any:
            return remap[values]

        parts.append(
            {
                "ids": table.ids,
                "day": table.day,
                "type_code": table.type_code,
                "mode": code(table.mode),
                "certainty": table.certainty,
                "country": code(table.country),
                "admin1": code(table.admin1),
                "place": code(table.place),
                "actor_code": code(table.actor_code),
                "actor_event": table.actor_event + offset,
                "recipient_code": code(table.recipient_code),
                "recipient_event": table.recipient_event + offset,
                "attributes": {
                    k: AttributeColumn(c.kind, c.number, code(c.text))
                    for k, c in table.attributes.items()
                },
                "n": len(table),
            }
        )
        offset += len(table)
    n = offset
    names = sorted({k for p in parts for k in p["attributes"]})
    attributes: dict[str, AttributeColumn] = {}
    for name in names:
        columns = [
            p["attributes"].get(name)
            or AttributeColumn(
                np.zeros(p["n"], np.int8), np.full(p["n"], np.nan), np.full(p["n"], -1, np.int32)
            )
            for p in parts
        ]
        attributes[name] = AttributeColumn(
            np.concatenate([c.kind for c in columns]),
            np.concatenate([c.number for c in columns]),
            np.concatenate([c.text for c in columns]),
        )

    def joined(key: str, dtype: Any) -> Any:
        arrays = [np.asarray(p[key], dtype=dtype) for p in parts]
        return np.concatenate(arrays) if arrays else np.zeros(0, dtype=dtype)

    ids = joined("ids", object)
    day = joined("day", np.int64)
    rows = {
        "ids": ids,
        "day": day,
        "type_code": joined("type_code", np.int8),
        "mode": joined("mode", np.int32),
        "certainty": joined("certainty", np.int8),
        "country": joined("country", np.int32),
        "admin1": joined("admin1", np.int32),
        "place": joined("place", np.int32),
    }
    actor_code, actor_event = joined("actor_code", np.int32), joined("actor_event", np.int32)
    recipient_code = joined("recipient_code", np.int32)
    recipient_event = joined("recipient_event", np.int32)
    if n > 1:
        order = np.lexsort((ids.astype(str), day))
        rank = np.empty(n, dtype=np.int32)
        rank[order] = np.arange(n, dtype=np.int32)
        rows = {k: v[order] for k, v in rows.items()}
        actor_code, actor_event = _reorder_flat(actor_code, actor_event, rank)
        recipient_code, recipient_event = _reorder_flat(recipient_code, recipient_event, rank)
        attributes = {k: c.take(order) for k, c in attributes.items()}
    return EventTable(
        actor_code=actor_code,
        actor_event=actor_event,
        recipient_code=recipient_code,
        recipient_event=recipient_event,
        attributes=attributes,
        vocabulary=vocabulary,
        **rows,
    )


def _reorder_flat(
    codes: npt.NDArray[np.int32], owner: npt.NDArray[np.int32], rank: npt.NDArray[np.int32]
) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int32]]:
    new_owner = rank[owner]
    order = np.argsort(new_owner, kind="stable")
    return codes[order], new_owner[order]


def _attribute_column(
    values: Sequence[AttributeValue | None], n: int, vocabulary: dict[str, int]
) -> AttributeColumn:
    if len(values) != n:
        raise ValueError(f"an attribute column has {len(values)} rows, not {n}")
    kind = np.zeros(n, dtype=np.int8)
    number = np.full(n, np.nan)
    text = np.full(n, -1, dtype=np.int32)
    for i, v in enumerate(values):
        if v is None:
            continue
        if isinstance(v, bool):
            kind[i], number[i] = KIND_BOOL, float(v)
        elif isinstance(v, int | float):
            kind[i], number[i] = KIND_NUMBER, float(v)
        else:
            kind[i], text[i] = KIND_TEXT, vocabulary.setdefault(v, len(vocabulary))
    return AttributeColumn(kind, number, text)


def _codes(table: EventTable, values: Iterable[str]) -> npt.NDArray[np.int32]:
    found = [table.vocabulary[v] for v in values if v in table.vocabulary]
    return np.asarray(found, dtype=np.int32)


def _party_hits(
    codes: npt.NDArray[np.int32],
    owner: npt.NDArray[np.int32],
    wanted: npt.NDArray[np.int32],
    n: int,
) -> BoolArray:
    hit = np.zeros(n, dtype=bool)
    if len(wanted):
        hit[owner[np.isin(codes, wanted)]] = True
    return hit


def pattern_mask(
    pattern: EventPattern, table: EventTable, *, members: Members | None = None
) -> BoolArray:
    """For every event of ``table``, whether it matches ``pattern`` (a boolean array).

    The type test runs over the whole table; the other tests only over the events of the
    right type, so a pattern costs little more than one comparison per event.
    """
    n = len(table)
    mask: BoolArray = np.asarray(table.type_code == _TYPE_INDEX[pattern.type], dtype=bool)
    if pattern.mode is not None:
        code = table.vocabulary.get(pattern.mode, -2)
        mask &= table.mode == code
    if pattern.min_certainty != "disputed":
        mask &= table.certainty >= CERTAINTY_RANK[pattern.min_certainty]
    if pattern.actors and mask.any():
        wanted = _codes(table, expand_parties(pattern.actors, members))
        mask &= _party_hits(table.actor_code, table.actor_event, wanted, n)
    if pattern.recipients and mask.any():
        wanted = _codes(table, expand_parties(pattern.recipients, members))
        mask &= _party_hits(table.recipient_code, table.recipient_event, wanted, n)
    if pattern.location and mask.any():
        codes = _codes(table, pattern.location)
        names = _codes(table, {entry.casefold() for entry in pattern.location})
        mask &= (
            np.isin(table.admin1, codes)
            | np.isin(table.country, codes)
            | np.isin(table.place, names)
        )
    for test in pattern.attributes:
        if not mask.any():
            break
        column = table.attributes.get(test.name)
        if column is None:
            mask[:] = False
            break
        index = np.flatnonzero(mask)
        mask[index] = _test_column(test, column.take(index), table.vocabulary)
    return mask


def _test_column(
    test: AttributeTest, column: AttributeColumn, vocabulary: Mapping[str, int]
) -> BoolArray:
    values = test.value if isinstance(test.value, tuple) else (test.value,)
    if test.op == "in":
        hit = np.zeros(len(column.kind), dtype=bool)
        for v in values:
            hit |= _compare(column, "eq", v, vocabulary)
        return hit
    return _compare(column, test.op, values[0], vocabulary)


def _compare(
    column: AttributeColumn, op: str, value: AttributeValue, vocabulary: Mapping[str, int]
) -> BoolArray:
    if isinstance(value, bool):
        kind_ok = column.kind == KIND_BOOL
        result: BoolArray = _ORDER_OPS[op](column.number, float(value))
    elif isinstance(value, int | float):
        kind_ok = column.kind == KIND_NUMBER
        with np.errstate(invalid="ignore"):
            result = _ORDER_OPS[op](column.number, float(value))
    else:
        kind_ok = column.kind == KIND_TEXT
        result = _ORDER_OPS[op](column.text, vocabulary.get(value, -2))
    out: BoolArray = np.asarray(kind_ok & result, dtype=bool)
    return out
