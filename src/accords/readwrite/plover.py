"""PLOVER event records: read them as accords events, write accords events as them.

PLOVER (Halterman et al. 2023) exchanges one JSON record per event, with the fields of its
manual ("Data Fields"): ``event`` (the category, in a list), ``mode``, ``actor`` and
``recipient`` (lists of entities with a ``code``), ``date``, ``enddate``, ``event_loc``
(``resolved_place``, ``country_code``, ``admin1_code``, ``district``, ``lat``, ``lon``,
``geonameid``), ``event_text`` and ``context``. accords keeps one category and one mode per
record; the fields PLOVER does not name (``attributes``, ``certainty``, ``claimed_by``,
``disputed_by``, ``evidence``, ``date_precision``) keep their accords names, as PLOVER allows.

:func:`event_to_plover` writes that shape and :func:`event_from_plover` reads it back
(round trip). The event files that ``accords monitor add`` reads may hold PLOVER records
beside native ones: :func:`is_plover_record` tells them apart and :func:`plover_to_native`
turns one into the native mapping, which is then validated as any native record, so a bad
PLOVER record is reported with its line like any other.

References
----------
Halterman, A., Bagozzi, B. E., Beger, A., Schrodt, P. A., Scarborough, G. I. (2023). PLOVER and
POLECAT: A new political event ontology and dataset. International Studies Association.
https://github.com/openeventdata/PLOVER

Examples
--------
>>> from accords.monitor import Event
>>> e = Event(id="e1", date="2026-01-10", type="RETREAT", mode="withdraw", actors=("russia",))
>>> record = event_to_plover(e)
>>> record["event"], record["actor"], is_plover_record(record)
(['RETREAT'], [{'code': 'russia'}], True)
>>> event_from_plover(record) == e
True
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported when used: accords.monitor's reader imports this module
    from accords.monitor.events import Event

__all__ = ["event_from_plover", "event_to_plover", "is_plover_record", "plover_to_native"]

#: Keys only a PLOVER record has (a native record names these ``type``, ``actors``, ...).
_PLOVER_KEYS = frozenset(("event", "actor", "recipient", "enddate", "event_loc", "event_text"))


def is_plover_record(record: Any) -> bool:
    """True for a mapping in PLOVER's shape (it has ``event`` or ``actor``, not ``type``).

    Examples
    --------
    >>> is_plover_record({"id": "x", "event": ["AID"], "actor": [{"code": "us"}]})
    True
    >>> is_plover_record({"id": "x", "type": "AID", "actors": ["us"]})
    False
    """
    return (
        isinstance(record, Mapping)
        and "type" not in record
        and "actors" not in record
        and any(key in record for key in _PLOVER_KEYS)
    )


def event_to_plover(event: Event) -> dict[str, Any]:
    """The event as a PLOVER JSON record (field names of the PLOVER manual, ch. "Data Fields").

    Fields PLOVER does not name (attributes, certainty, claimed_by, disputed_by, accords evidence)
    are kept under their own names, as PLOVER allows.
    """
    record: dict[str, Any] = {
        "id": event.id,
        "date": event.date.isoformat() if event.date is not None else None,
        "actor": [{"code": a} for a in event.actors],
        "event": [event.type],
    }
    if event.end_date is not None:
        record["enddate"] = event.end_date.isoformat()
    if event.date_precision != "day":
        record["date_precision"] = event.date_precision
    if event.recipients:
        record["recipient"] = [{"code": r} for r in event.recipients]
    if event.mode is not None:
        record["mode"] = [event.mode]
    if event.context:
        record["context"] = list(event.context)
    if event.location is not None:
        loc = event.location
        plover_loc = {
            "resolved_place": loc.name,
            "country_code": loc.country,
            "admin1_code": loc.admin1,
            "district": loc.admin2,
            "lat": loc.lat,
            "lon": loc.lon,
            "geonameid": loc.geonameid,
        }
        record["event_loc"] = {k: v for k, v in plover_loc.items() if v is not None}
    if event.text is not None:
        record["event_text"] = [event.text]
    if event.attributes:
        record["attributes"] = dict(event.attributes)
    record["certainty"] = event.certainty
    if event.claimed_by:
        record["claimed_by"] = list(event.claimed_by)
    if event.disputed_by:
        record["disputed_by"] = list(event.disputed_by)
    if event.evidence:
        record["evidence"] = [e.model_dump(mode="json", exclude_none=True) for e in event.evidence]
    return record


def plover_to_native(record: Mapping[str, Any]) -> dict[str, Any]:
    """The native mapping of a PLOVER record (not validated yet: :class:`Event` does that).

    Raises
    ------
    ValueError
        If the record has several event categories or modes (accords keeps one of each: split
        the record), or an actor or recipient without a ``code``.

    Examples
    --------
    >>> plover_to_native({"id": "p1", "date": "2026-02-01", "event": ["ASSAULT"],
    ...     "mode": ["aerial"], "actor": [{"code": "ukraine"}]})
    {'id': 'p1', 'date': '2026-02-01', 'type': 'ASSAULT', 'actors': ('ukraine',), \
'recipients': (), 'mode': 'aerial'}
    """
    categories = _as_list(record.get("event"))
    modes = _as_list(record.get("mode"))
    if len(categories) != 1:
        raise ValueError(
            f"record {record.get('id')!r} has event categories {categories}; accords keeps one "
            "per record: split it into one record per category"
        )
    if len(modes) > 1:
        raise ValueError(
            f"record {record.get('id')!r} has modes {modes}; accords keeps one: split it"
        )
    data: dict[str, Any] = {}
    if "id" in record:
        data["id"] = record["id"]
    data["date"] = record.get("date")
    data["type"] = categories[0]
    data["actors"] = tuple(_entity_code(a) for a in _as_list(record.get("actor")))
    data["recipients"] = tuple(_entity_code(r) for r in _as_list(record.get("recipient")))
    if modes:
        data["mode"] = modes[0]
    for plover_name, name in (("enddate", "end_date"), ("date_precision", "date_precision")):
        if record.get(plover_name) is not None:
            data[name] = record[plover_name]
    if record.get("context"):
        data["context"] = tuple(_as_list(record["context"]))
    loc = record.get("event_loc")
    if isinstance(loc, Mapping):
        location = {
            "name": loc.get("resolved_place") or loc.get("extracted_place"),
            "country": loc.get("country_code"),
            "admin1": loc.get("admin1_code"),
            "admin2": loc.get("district"),
            "lat": loc.get("lat"),
            "lon": loc.get("lon"),
            "geonameid": loc.get("geonameid"),
        }
        data["location"] = {k: v for k, v in location.items() if v is not None}
    texts = _as_list(record.get("event_text"))
    if texts:
        data["text"] = str(texts[0])
    for name in ("attributes", "certainty"):
        if record.get(name) is not None:
            data[name] = record[name]
    for name in ("claimed_by", "disputed_by"):
        if record.get(name):
            data[name] = tuple(record[name])
    if record.get("evidence"):
        data["evidence"] = tuple(record["evidence"])
    return data


def event_from_plover(record: Mapping[str, Any]) -> Event:
    """An :class:`Event` from a PLOVER JSON record (the inverse of :func:`event_to_plover`).

    Raises
    ------
    ValueError
        As :func:`plover_to_native`, or a ``pydantic.ValidationError`` (a ``ValueError``) if
        the record is not a valid event.

    Examples
    --------
    >>> e = event_from_plover({"id": "p1", "date": "2026-02-01", "event": ["ASSAULT"],
    ...     "mode": ["aerial"], "actor": [{"code": "ukraine"}],
    ...     "event_loc": {"resolved_place": "Moscow", "admin1_code": "RU-MOW"}})
    >>> (e.type, e.mode, e.location.admin1)
    ('ASSAULT', 'aerial', 'RU-MOW')
    """
    from accords.monitor.events import Event

    return Event.model_validate(plover_to_native(record), strict=False)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return list(value)
    return [value]


def _entity_code(entity: Any) -> str:
    if isinstance(entity, str):
        return entity
    if isinstance(entity, Mapping) and isinstance(entity.get("code"), str):
        return str(entity["code"])
    raise ValueError(f"an actor or recipient needs a 'code'; got {json.dumps(entity)}")
