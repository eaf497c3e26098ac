"""Reading event files: JSON Lines (streamed) and YAML/JSON scenario files, with line numbers.

A bad record never stops the reading: each record comes back as an :class:`Event` or as an
:class:`EventDefect` that names the file, the line and what is wrong, so that callers can keep
every good record and report every bad one.

``.jsonl`` / ``.ndjson``
    One event per line (PLOVER's suggested exchange format); blank lines and lines starting
    with ``//`` are skipped. Read lazily, so files of any size stream in constant memory.
``.yaml`` / ``.yml`` / ``.json``
    A list of events, or a scenario: a mapping with ``events`` and optionally ``title``,
    ``description``, ``agreement`` and ``as_of``.

Each record is in the native format or in PLOVER's (:mod:`accords.readwrite.plover`, the shape
:func:`~accords.readwrite.plover.event_to_plover` writes); the two may be mixed.

A record without ``id`` gets ``auto-`` and 16 hex digits of the SHA-256 of its canonical JSON,
so the same record read twice gets the same id (and is stored once).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from accords.corpus.yaml_lines import parse_yaml
from accords.exceptions import InputFormatError
from accords.monitor.events import Event
from accords.readwrite.plover import is_plover_record, plover_to_native

__all__ = [
    "EVENT_FILE_SUFFIXES",
    "EventDefect",
    "Scenario",
    "describe_validation_error",
    "iter_event_file",
    "parse_event_record",
    "parse_events_jsonl",
    "parse_scenario",
    "read_events",
    "read_scenario",
]

EVENT_FILE_SUFFIXES = (".jsonl", ".ndjson", ".yaml", ".yml", ".json")
_SCENARIO_KEYS = ("title", "description", "agreement", "as_of", "events")


@dataclass(frozen=True)
class EventDefect:
    """A record that could not be read: where it is and what is wrong."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


#: One record of an event file: its line and the event, or the defect that replaces it.
ParsedRecord = tuple[int | None, Event | EventDefect]


@dataclass(frozen=True)
class Scenario:
    """A what-if scenario: events, and what the file says about them."""

    events: tuple[Event, ...]
    title: str | None = None
    description: str | None = None
    agreement: str | None = None
    as_of: date | None = None
    lines: tuple[int | None, ...] = ()


def describe_validation_error(exc: ValidationError) -> str:
    """One line per problem of a record, without pydantic's union noise.

    Examples
    --------
    >>> try:
    ...     Event.model_validate({"id": "x", "date": "2026-01-01", "type": "AID",
    ...                           "actors": ["a"], "attributes": {"n": [1]}})
    ... except ValidationError as exc:
    ...     print(describe_validation_error(exc))
    attributes.n: expected text, true/false, an integer or a number; got list [1]
    """
    messages: list[str] = []
    grouped: dict[tuple[str | int, ...], list[ErrorDetails]] = {}
    for error in exc.errors():
        loc = tuple(p for p in error["loc"] if not _is_union_tag(p))
        grouped.setdefault(loc, []).append(error)
    for loc, errors in grouped.items():
        where = ".".join(str(p) for p in loc) or "record"
        value = errors[0].get("input")
        shown = _shown(value)
        if len(errors) > 1 and all(e["type"].endswith("_type") for e in errors):
            messages.append(
                f"{where}: expected text, true/false, an integer or a number; got {shown}"
            )
            continue
        error = errors[0]
        if error["type"] == "extra_forbidden":
            allowed = ", ".join(Event.model_fields)
            messages.append(f"unknown key {where!r}; allowed keys: {allowed}")
        elif error["type"] == "missing":
            messages.append(f"{where}: required key is missing")
        else:
            message = error["msg"].replace("Value error, ", "")
            if error["type"] == "value_error":
                messages.append(f"{where}: {message}" if where != "record" else message)
            else:
                messages.append(f"{where}: {message}; got {shown}")
    return "; ".join(messages)


def _is_union_tag(part: str | int) -> bool:
    return isinstance(part, str) and (
        part in {"str", "bool", "int", "float", "none"} or "[" in part or part.startswith("lax-")
    )


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    text = f"{type(value).__name__} {value!r}" if isinstance(value, list) else repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def parse_event_record(
    data: Any,
    *,
    path: str,
    line: int | None,
    line_of: Callable[[tuple[str | int, ...]], int | None] | None = None,
) -> Event | EventDefect:
    """Validate one record (a mapping) into an :class:`Event`, or say what is wrong with it.

    ``line_of`` maps a field's path inside the record to its line, so that a defect names the
    line of the field at fault (YAML), not only the record's first line.
    """
    if not isinstance(data, dict):
        got = type(data).__name__ if data is not None else "nothing"
        return EventDefect(path, line, f"expected an event (a mapping); got {got}")
    if is_plover_record(data):  # PLOVER's shape: read into the native one, then validated
        try:
            data = plover_to_native(data)
        except ValueError as err:
            return EventDefect(path, line, str(err))
    if "id" not in data:
        data = {**data, "id": _auto_id(data)}
    try:
        return Event.model_validate(data)
    except ValidationError as exc:
        if line_of is not None:
            loc = tuple(p for p in exc.errors()[0]["loc"] if not _is_union_tag(p))
            line = line_of(loc) or line
        return EventDefect(path, line, describe_validation_error(exc))


def _auto_id(data: dict[str, Any]) -> str:
    canonical = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    return "auto-" + hashlib.sha256(canonical.encode()).hexdigest()[:16]


def parse_events_jsonl(
    lines: Iterable[str], *, path: str = "<events>", start: int = 1
) -> Iterator[ParsedRecord]:
    """Parse JSON Lines lazily: one ``(line, Event | EventDefect)`` per non-blank line.

    Examples
    --------
    >>> rows = list(parse_events_jsonl([
    ...     '{"id": "a", "date": "2026-01-02", "type": "AID", "actors": ["x"]}',
    ...     '',
    ...     '{"id": "b", "date": "2026-13-02", "type": "AID", "actors": ["x"]}',
    ... ]))
    >>> [(line, type(item).__name__) for line, item in rows]
    [(1, 'Event'), (3, 'EventDefect')]
    >>> print(rows[1][1])
    <events>:3: date: Input should be a valid date or datetime, month value is outside \
expected range of 1-12; got '2026-13-02'
    """
    for number, raw in enumerate(lines, start=start):
        text = raw.strip()
        if not text or text.startswith("//"):
            continue
        if text.startswith("{") and '"id"' in text:
            try:
                yield number, Event.model_validate_json(text)
                continue
            except ValidationError:
                pass  # fall through for the detailed message (and JSON syntax errors)
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            yield (
                number,
                EventDefect(path, number, f"malformed JSON: {exc.msg} (column {exc.colno})"),
            )
            continue
        yield number, parse_event_record(data, path=path, line=number)


def parse_scenario(text: str, *, path: str = "<scenario>") -> tuple[Scenario, list[EventDefect]]:
    """Parse a YAML (or JSON) event file: a list of events or a scenario mapping.

    Returns the scenario with every good event and the list of defects (empty when sound).
    """
    parsed = parse_yaml(text)
    if parsed.defects:
        return Scenario(events=()), [EventDefect(path, d.line, d.message) for d in parsed.defects]
    data = parsed.data
    meta: dict[str, Any] = {}
    prefix: tuple[str | int, ...] = ()
    defects: list[EventDefect] = []
    if isinstance(data, dict):
        unknown = sorted(set(data) - set(_SCENARIO_KEYS), key=str)
        for key in unknown:
            defects.append(
                EventDefect(
                    path,
                    parsed.lines.line((str(key),)),
                    f"unknown key {key!r}; a scenario has {', '.join(_SCENARIO_KEYS)}",
                )
            )
        if "events" not in data:
            defects.append(EventDefect(path, 1, "a scenario needs events: [...]"))
        meta = {k: data.get(k) for k in _SCENARIO_KEYS if k != "events"}
        records = data.get("events") or []
        prefix = ("events",)
    elif data is None:
        records = []
    else:
        records = data
    if not isinstance(records, list):
        defects.append(EventDefect(path, parsed.lines.line(prefix), "events must be a list"))
        records = []
    events: list[Event] = []
    lines: list[int | None] = []
    for i, record in enumerate(records):
        line = parsed.lines.line((*prefix, i))
        item = parse_event_record(
            record,
            path=path,
            line=line,
            line_of=lambda loc, i=i: parsed.lines.line((*prefix, i, *loc)),  # type: ignore[misc]
        )
        if isinstance(item, EventDefect):
            defects.append(item)
        else:
            events.append(item)
            lines.append(line)
    as_of = _as_of(meta.get("as_of"), path, parsed.lines.line(("as_of",)), defects)
    for key in ("title", "description", "agreement"):
        if meta.get(key) is not None and not isinstance(meta[key], str):
            defects.append(EventDefect(path, parsed.lines.line((key,)), f"{key} must be text"))
            meta[key] = None
    scenario = Scenario(
        events=tuple(events),
        title=meta.get("title"),
        description=meta.get("description"),
        agreement=meta.get("agreement"),
        as_of=as_of,
        lines=tuple(lines),
    )
    return scenario, defects


def _as_of(value: Any, path: str, line: int | None, defects: list[EventDefect]) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        defects.append(EventDefect(path, line, f"as_of must be a date (YYYY-MM-DD); got {value!r}"))
        return None


def iter_event_file(path: str | Path) -> Iterator[ParsedRecord]:
    """Every record of an event file, in file order, as ``(line, Event | EventDefect)``.

    JSON Lines are streamed; YAML and JSON documents are read whole.

    Raises
    ------
    InputFormatError
        If the file's suffix is not one of :data:`EVENT_FILE_SUFFIXES`.
    OSError
        If the file cannot be read.
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in EVENT_FILE_SUFFIXES:
        raise InputFormatError(
            str(p),
            None,
            f"unknown event file type {suffix!r}; use {', '.join(EVENT_FILE_SUFFIXES)}",
        )
    if suffix in (".jsonl", ".ndjson"):
        with p.open(encoding="utf-8") as handle:
            yield from parse_events_jsonl(handle, path=str(p))
        return
    scenario, defects = parse_scenario(p.read_text(encoding="utf-8"), path=str(p))
    items: list[ParsedRecord] = [(d.line, d) for d in defects]
    items += list(zip(scenario.lines, scenario.events, strict=True))
    items.sort(key=lambda item: item[0] or 0)
    yield from items


def read_scenario(path: str | Path) -> Scenario:
    """Read a whole event or scenario file (any suffix of :data:`EVENT_FILE_SUFFIXES`).

    Raises
    ------
    InputFormatError
        On the first bad record, naming its file and line (all defects are in the message).
    """
    p = Path(path)
    if p.suffix.lower() in (".jsonl", ".ndjson"):
        events: list[Event] = []
        lines: list[int | None] = []
        defects: list[EventDefect] = []
        for line, item in iter_event_file(p):
            if isinstance(item, EventDefect):
                defects.append(item)
            else:
                events.append(item)
                lines.append(line)
        scenario = Scenario(events=tuple(events), lines=tuple(lines))
    else:
        if p.suffix.lower() not in EVENT_FILE_SUFFIXES:
            list(iter_event_file(p))  # raises the error that names the suffixes
        scenario, defects = parse_scenario(p.read_text(encoding="utf-8"), path=str(p))
    if defects:
        first = defects[0]
        more = "".join(f"\n{d}" for d in defects[1:])
        raise InputFormatError(first.path, first.line, first.message + more)
    return scenario


def read_events(path: str | Path) -> tuple[Event, ...]:
    """Read every event of a file; raise :class:`InputFormatError` if any record is bad."""
    return read_scenario(path).events
