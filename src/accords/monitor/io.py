"""Reading event files: JSON Lines (streamed) and YAML/JSON scenario files, with line numbers.

A bad record never stops the reading: each record comes back as an :class:`Event` or as an
:class:`EventDefect` that names the file, the line and what is wrong, so that callers can keep
every good record and report every bad one. Each line of a JSON Lines file is decoded and parsed
under its own guard: bytes that are not UTF-8, nesting too deep for the parser, duplicate keys,
``NaN``/``Infinity`` and NUL characters reject that line only.

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
import math
import re
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from accords.corpus.humanise import describe_errors
from accords.corpus.yaml_lines import parse_yaml
from accords.exceptions import Defect, InputFormatError
from accords.monitor.events import Event
from accords.readwrite.plover import is_plover_record, plover_to_native

__all__ = [
    "EVENT_FILE_SUFFIXES",
    "EventDefect",
    "Scenario",
    "check_actors",
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


#: A record that could not be read: where it is (``path``, ``line``) and what is wrong.
EventDefect = Defect


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

    The same humaniser as corpus files (:func:`accords.corpus.humanise.describe_errors`).

    Examples
    --------
    >>> try:
    ...     Event.model_validate({"id": "x", "date": "2026-01-01", "type": "AID",
    ...                           "actors": ["a"], "attributes": {"n": [1]}})
    ... except ValidationError as exc:
    ...     print(describe_validation_error(exc))
    attributes.n: expected text, true/false, an integer or a number; got list [1]
    """
    return _joined(describe_errors(exc.errors(), root=Event))


def _joined(described: list[tuple[tuple[str | int, ...], str]]) -> str:
    return "; ".join(message.replace("(top level)", "the record") for _, message in described)


def _value_problem(data: Any, where: str = "") -> str | None:
    """What makes plain data unfit to store: a non-finite number or a NUL character."""
    if isinstance(data, str):
        return (
            f"{where or 'record'}: NUL character in the text; remove it" if "\x00" in data else None
        )
    if isinstance(data, float):
        if math.isfinite(data):
            return None
        return f"{where or 'record'}: {data} is not a number; give a finite number"
    if isinstance(data, dict):
        for key, value in data.items():
            problem = _value_problem(key, where) or _value_problem(
                value, f"{where}.{key}" if where else str(key)
            )
            if problem:
                return problem
    elif isinstance(data, list | tuple):
        for i, value in enumerate(data):
            problem = _value_problem(value, f"{where}[{i}]")
            if problem:
                return problem
    return None


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
    problem = _value_problem(data)
    if problem is not None:
        return EventDefect(path, line, problem)
    if is_plover_record(data):  # PLOVER's shape: read into the native one, then validated
        try:
            data = plover_to_native(data)
        except ValueError as err:
            return EventDefect(path, line, str(err))
    if "id" not in data:
        data = {**data, "id": _auto_id(data)}
    try:
        return Event.model_validate(data)
    except RecursionError:
        return EventDefect(path, line, "nested too deeply to be an event")
    except ValidationError as exc:
        described = describe_errors(exc.errors(), root=Event, data=data)
        if line_of is not None and described:
            line = line_of(described[0][0]) or line
        return EventDefect(path, line, _joined(described))


def _auto_id(data: dict[str, Any]) -> str:
    canonical = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    return "auto-" + hashlib.sha256(canonical.encode()).hexdigest()[:16]


def parse_events_jsonl(
    lines: Iterable[str | bytes], *, path: str = "<events>", start: int = 1
) -> Iterator[ParsedRecord]:
    """Parse JSON Lines lazily: one ``(line, Event | EventDefect)`` per non-blank line.

    Lines may be text or UTF-8 bytes; each is decoded and parsed under its own guard, so a bad
    line (bytes that are not UTF-8, nesting too deep, duplicate keys, ``NaN``) is a defect with
    its line number and every other line is still read.

    Examples
    --------
    >>> rows = list(parse_events_jsonl([
    ...     '{"id": "a", "date": "2026-01-02", "type": "AID", "actors": ["x"]}',
    ...     '',
    ...     '{"id": "b", "date": "2026-13-02", "type": "AID", "actors": ["x"]}',
    ...     b'{"id": "c", "date": "2026-01-02", "type": "AID", "actors": ["caf\\xe9"]}',
    ...     '{"id": "d", "id": "e", "date": "2026-01-02", "type": "AID", "actors": ["x"]}',
    ... ]))
    >>> [(line, type(item).__name__) for line, item in rows]
    [(1, 'Event'), (3, 'Defect'), (4, 'Defect'), (5, 'Defect')]
    >>> print(rows[1][1])
    <events>:3: date: Input should be a valid date or datetime, month value is outside \
expected range of 1-12; got '2026-13-02'
    >>> print(rows[2][1])
    <events>:4: not UTF-8 text (byte 0xE9 at column 65); save the file as UTF-8
    >>> print(rows[3][1])
    <events>:5: malformed JSON: duplicate key 'id'; keep one of them
    """
    for number, raw in enumerate(lines, start=start):
        if isinstance(raw, bytes):
            try:
                text = raw.decode("utf-8").strip()
            except UnicodeDecodeError as exc:
                message = (
                    f"not UTF-8 text (byte 0x{raw[exc.start]:02X} at column {exc.start + 1}); "
                    "save the file as UTF-8"
                )
                yield number, EventDefect(path, number, message)
                continue
        else:
            text = raw.strip()
        if not text or text.startswith("//"):
            continue
        if text.startswith("{") and '"id"' in text and "\\u0000" not in text:
            try:  # the fast path: pydantic parses and validates in one pass
                event = Event.model_validate_json(text)
            except (ValidationError, ValueError, RecursionError):
                pass  # fall through for the detailed message
            else:
                n_keys = _n_keys(event)  # no key given twice: as many colons, or key marks
                if text.count(":") == n_keys or len(_KEY.findall(text)) == n_keys:
                    yield number, event
                    continue
        try:
            data = json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant)
        except json.JSONDecodeError as exc:
            yield (
                number,
                EventDefect(path, number, f"malformed JSON: {exc.msg} (column {exc.colno})"),
            )
            continue
        except _JsonRejectedError as exc:
            yield number, EventDefect(path, number, f"malformed JSON: {exc}")
            continue
        except RecursionError:
            message = "malformed JSON: nested too deeply to be an event"
            yield number, EventDefect(path, number, message)
            continue
        except ValueError as exc:  # int() refuses a number of more than 4,300 digits
            message = "malformed JSON: a number too long to read; write a smaller number"
            yield number, EventDefect(path, number, message if "digits" in str(exc) else str(exc))
            continue
        yield number, parse_event_record(data, path=path, line=number)


#: A JSON key (and any string followed by a colon, so it never counts fewer than the keys).
_KEY = re.compile(r'"\s*:')


def _n_keys(event: Event) -> int:
    """The keys of the JSON object ``event`` was validated from, if none was given twice.

    A key given twice is kept once by the parser, so the text holds more keys than this.
    """
    n = len(event.model_fields_set) + len(event.attributes)
    if event.location is not None:
        n += len(event.location.model_fields_set)
    return n + sum(len(e.model_fields_set) for e in event.evidence)


class _JsonRejectedError(ValueError):
    """JSON that parses but that accords refuses (duplicate keys, NaN)."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _JsonRejectedError(f"duplicate key {key!r}; keep one of them")
            seen.add(key)
    return result


def _no_constant(name: str) -> Any:
    raise _JsonRejectedError(f"{name} is not a number; give a finite number")


def check_actors(
    records: Iterable[ParsedRecord], parties: Collection[str], *, path: str = "<events>"
) -> Iterator[ParsedRecord]:
    """The records, with each event naming a party not in ``parties`` turned into a defect.

    Examples
    --------
    >>> e = Event(id="a", date="2026-01-02", type="AID", actors=("atlantis",))
    >>> [str(item) for _, item in check_actors([(1, e)], {"russia", "ukraine"}, path="f")]
    ["f:1: actors names party 'atlantis', which is not in the corpus (known: russia, ukraine); \
correct the id, or pass --allow-unknown-actors"]
    """
    known = ", ".join(sorted(parties)[:12]) + (", ..." if len(parties) > 12 else "")
    for line, item in records:
        if isinstance(item, Event):
            for role in ("actors", "recipients"):
                unknown = [p for p in getattr(item, role) if p not in parties]
                if unknown:
                    item = EventDefect(
                        path,
                        line,
                        f"{role} names party {unknown[0]!r}, which is not in the corpus "
                        f"(known: {known}); correct the id, or pass --allow-unknown-actors",
                    )
                    break
        yield line, item


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
        with p.open("rb") as handle:
            yield from parse_events_jsonl(handle, path=str(p))
        return
    text, problem = _decode(p)
    if problem is not None:
        yield problem.line, problem
        return
    scenario, defects = parse_scenario(text, path=str(p))
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
        text, problem = _decode(p)
        scenario, defects = (
            parse_scenario(text, path=str(p)) if problem is None else (Scenario(()), [problem])
        )
    if defects:
        first = defects[0]
        more = "".join(f"\n{d}" for d in defects[1:])
        raise InputFormatError(first.path, first.line, first.message + more)
    return scenario


def _decode(path: Path) -> tuple[str, EventDefect | None]:
    """The text of a whole event file, or the defect saying where it is not UTF-8."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        message = f"not UTF-8 text (byte 0x{data[exc.start]:02X}); save the file as UTF-8"
        return "", EventDefect(str(path), line, message)


def read_events(path: str | Path) -> tuple[Event, ...]:
    """Read every event of a file; raise :class:`InputFormatError` if any record is bad."""
    return read_scenario(path).events
