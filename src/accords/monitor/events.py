"""Events: what happened, in a record close to the PLOVER event-data standard.

An :class:`Event` says who (``actors``) did what (``type`` and ``mode``) to whom
(``recipients``), when (``date``, ``end_date``, ``date_precision``), where (``location``, with
the province as an ISO 3166-2 code), with typed ``attributes`` (a personnel count, whether a
strike was justified), how sure we are (``certainty`` with the sources that claim or dispute
it) and on what ``evidence``.

Event types are the sixteen PLOVER categories (Halterman et al. 2023) plus seven accords types
for what no PLOVER category covers: the signature of an agreement, its entry into force, an
election held, a report of armed-forces personnel, an exchange of prisoners or bodies, a
power-sharing arrangement put into effect and a leak (a draft or recording made public; its
actors are the parties whose draft or words it is, since who leaked it is rarely known). Modes
follow PLOVER where it has one (``RETREAT/withdraw``, ``RETREAT/ceasefire``, ``ASSAULT/aerial``)
and extend it where the agreements need more (``ASSAULT/invasion``, ``ASSAULT/missile``);
PLOVER allows such extensions. :mod:`accords.readwrite.plover` converts to and from PLOVER JSON
records. The vocabularies are in :mod:`accords.model.vocabulary`.

Certainty is ordered ``disputed < claimed < confirmed``: an event pattern whose
``min_certainty`` is ``claimed`` (the default) ignores disputed events.

References
----------
Halterman, A., Bagozzi, B. E., Beger, A., Schrodt, P. A., Scarborough, G. I. (2023). PLOVER and
POLECAT: A new political event ontology and dataset. International Studies Association.
https://github.com/openeventdata/PLOVER

Examples
--------
>>> e = Event(id="e1", date="2026-01-10", type="RETREAT", mode="withdraw",
...           actors=("russia",), location={"admin1": "UA-23"})
>>> e.location.country
'UA'
>>> e.certainty
'claimed'
"""

from __future__ import annotations

import calendar
import datetime
import hashlib
import re
from typing import Annotated, Any, Literal, Self

from pydantic import (
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from accords.model._base import Date, Record, Slug
from accords.model.vocabulary import (
    ACCORDS_EVENT_TYPES,
    ATTRIBUTE_TYPES,
    CERTAINTY_RANK,
    EVENT_TYPES,
    PLOVER_EVENT_TYPES,
    AttributeValue,
    Certainty,
    EventType,
    attribute_type_error,
)

__all__ = [
    "ACCORDS_EVENT_TYPES",
    "ATTRIBUTE_TYPES",
    "CERTAINTY_RANK",
    "EVENT_TYPES",
    "PLOVER_EVENT_TYPES",
    "AttributeValue",
    "Certainty",
    "DatePrecision",
    "Event",
    "EventEvidence",
    "EventType",
    "Location",
    "canonical_json",
    "content_hash",
]

#: ``unknown``: the sources give no date at all; ``date`` is then None (never guessed), and the
#: event can be listed (a process log) but not replayed or stored.
DatePrecision = Literal["day", "month", "year", "unknown"]

_AGREEMENT_TYPES = ("SIGN", "ENTER_INTO_FORCE")
_COUNTS = frozenset(
    ("personnel", "dead", "injured", "prisoners", "bodies", "civilians", "remaining")
)
_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:/\-]*$"
_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2}))?$")


class _PeriodStart(datetime.date):
    """The first day of a month or year given as ``2026-03`` or ``2026`` (a marker)."""

    precision: str


def _period_start(value: Any) -> Any:
    """``2026-03`` and ``2026`` (or the integer 2026, as YAML reads it) as period starts.

    A field-level validator: unlike a model-level one, it keeps pydantic's fast JSON path.
    """
    if type(value) is int and 1000 <= value <= 9999:
        value = str(value)
    if type(value) is str and len(value) in (4, 7):
        match = _PERIOD.match(value)
        if match:
            start = _PeriodStart(int(match[1]), int(match[2] or 1), 1)
            start.precision = "month" if match[2] else "year"
            return start
    return value


#: Event records come from JSON and YAML data sets: lists are accepted for tuples and ISO
#: strings for dates (lax mode), but unknown keys are still rejected and text is never taken
#: for a number or a truth value in ``attributes``.
_LAX = ConfigDict(frozen=True, extra="forbid", strict=False, allow_inf_nan=False)

EventId = Annotated[str, StringConstraints(pattern=_ID_PATTERN, max_length=200)]
AttributeName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,59}$")]
Mode = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$", max_length=60)]


class Location(Record):
    """Where an event happened (PLOVER's location object, with ISO codes).

    Parameters
    ----------
    name : str or None
        Place name as reported (``Moscow``).
    country : str or None
        ISO 3166-1 alpha-2 code (``RU``); filled in from ``admin1`` when omitted.
    admin1 : str or None
        ISO 3166-2 code of the province, oblast or federal city (``RU-MOW``, ``UA-23``).
    admin2 : str or None
        District name.
    lat, lon : float or None
        WGS84 decimal degrees.
    geonameid : int or None
        GeoNames identifier.

    Examples
    --------
    >>> Location(admin1="RU-SPE").country
    'RU'
    """

    model_config = _LAX

    name: str | None = Field(default=None, min_length=1, max_length=200)
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None = None
    admin1: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}-[A-Z0-9]{1,3}$")] | None = None
    admin2: str | None = Field(default=None, min_length=1, max_length=200)
    lat: Annotated[float, Field(ge=-90, le=90)] | None = None
    lon: Annotated[float, Field(ge=-180, le=180)] | None = None
    geonameid: int | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        admin1, country = self.admin1, self.country
        if admin1 is not None:
            if country is None:
                object.__setattr__(self, "country", admin1[:2])  # derived, before freezing
            elif not admin1.startswith(country + "-"):
                raise ValueError(
                    f"admin1 {admin1!r} is not in country {country!r}; an ISO 3166-2 "
                    "code starts with its country's alpha-2 code"
                )
        elif self.name is None and country is None and self.lat is None:
            raise ValueError("a location needs at least one of name, country, admin1, lat/lon")
        if (self.lat is None) != (self.lon is None):
            raise ValueError("give both lat and lon, or neither")
        return self


class EventEvidence(Record):
    """What an event record rests on: a report, with its link and the words that matter.

    In a corpus' own event log (:func:`accords.monitor.process.process_events`) ``source`` is a
    source id of the corpus and ``quote`` must occur verbatim in its text.
    """

    model_config = _LAX

    source: str = Field(min_length=1)
    url: str | None = None
    quote: str | None = Field(default=None, min_length=1)
    published: Date | None = None


class Event(Record):
    """One event (PLOVER-like).

    Parameters
    ----------
    id : str
        Unique within a data set (letters, digits, ``_ . : / -``).
    date : date or None
        The day the event began. With ``date_precision`` ``month`` or ``year`` it is the first
        day of that period; ``"2026-03"`` and ``"2026"`` are accepted and set the precision.
        None only with ``date_precision: unknown`` (the sources give no date).
    end_date : date or None
        The last day, for events that last.
    type : str
        A PLOVER category or an accords type (see :data:`EVENT_TYPES`).
    mode : str or None
        How (PLOVER mode, lower case): ``withdraw``, ``invasion``, ``missile``.
    context : tuple of str
        PLOVER contexts (``military``, ``election``).
    actors, recipients : tuple of party ids
        Who acted and at whom (the corpus' party ids, e.g. ``russia``).
    location : Location or None
    attributes : dict
        Typed values: ``personnel: 650000``, ``justified: false``, ``agreement: us-28-point-plan``
        (``SIGN`` and ``ENTER_INTO_FORCE`` events must name their agreement). Known names must
        have their type (:data:`ATTRIBUTE_TYPES`).
    certainty : {"claimed", "confirmed", "disputed"}
    claimed_by, disputed_by : tuple of str
        Who asserts it and who denies it; a disputed event names at least one disputer.
    evidence : tuple of EventEvidence
    text : str or None
        A one-line description.
    """

    model_config = _LAX

    id: EventId
    date: Annotated[Date | None, BeforeValidator(_period_start)] = None
    end_date: Date | None = None
    date_precision: DatePrecision = "day"
    type: EventType
    mode: Mode | None = None
    context: tuple[str, ...] = ()
    actors: tuple[Slug, ...] = Field(min_length=1)
    recipients: tuple[Slug, ...] = ()
    location: Location | None = None
    attributes: dict[AttributeName, AttributeValue] = Field(default_factory=dict)
    certainty: Certainty = "claimed"
    claimed_by: tuple[str, ...] = ()
    disputed_by: tuple[str, ...] = ()
    evidence: tuple[EventEvidence, ...] = ()
    text: str | None = None

    @field_validator("attributes")
    @classmethod
    def _attributes(cls, value: dict[str, AttributeValue]) -> dict[str, AttributeValue]:
        if not value:
            return value
        for name, item in value.items():
            problem = attribute_type_error(name, item)
            if problem is not None:
                raise ValueError(problem)
            if name in _COUNTS and isinstance(item, int) and item < 0:
                raise ValueError(f"attribute {name!r} must be >= 0; got {item}")
        keys = list(value)
        return value if keys == sorted(keys) else dict(sorted(value.items()))

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if isinstance(self.date, _PeriodStart):
            precision = self.date.precision
            if "date_precision" in self.model_fields_set and self.date_precision != precision:
                raise ValueError(
                    f"date {self.date.isoformat()[: 4 if precision == 'year' else 7]} is a "
                    f"{precision}, but date_precision is {self.date_precision!r}"
                )
            # set before the record is handed out (it is frozen afterwards)
            start = self.date
            object.__setattr__(self, "date", datetime.date(start.year, start.month, start.day))
            object.__setattr__(self, "date_precision", precision)
            self.model_fields_set.add("date_precision")
        if self.date is None:
            if self.date_precision != "unknown":
                raise ValueError("an event needs a date, or date_precision: unknown and no date")
            if self.end_date is not None:
                raise ValueError("an event of unknown date cannot have an end_date")
        elif self.date_precision == "unknown":
            raise ValueError("date_precision unknown: leave date out (do not supply one)")
        if self.date is not None and self.end_date is not None and self.end_date < self.date:
            raise ValueError(f"end_date {self.end_date} is before date {self.date}")
        if self.date is not None and self.date_precision != "day":
            if self.date_precision == "month" and self.date.day != 1:
                raise ValueError("a date of month precision is the first day of the month")
            if self.date_precision == "year" and (self.date.month, self.date.day) != (1, 1):
                raise ValueError("a date of year precision is 1 January")
        if self.type in _AGREEMENT_TYPES and not isinstance(self.attributes.get("agreement"), str):
            raise ValueError(
                f"a {self.type} event names its agreement: attributes: {{agreement: ID}}"
            )
        if self.certainty == "disputed" and not self.disputed_by:
            raise ValueError("a disputed event names who disputes it: disputed_by: [...]")
        return self

    @property
    def day(self) -> datetime.date:
        """The event's date; raises for an event of unknown date, which cannot be replayed.

        Raises
        ------
        ValueError
            If the date is unknown (``date_precision: unknown``).
        """
        if self.date is None:
            raise ValueError(
                f"event {self.id!r} has no known date (date_precision: unknown); it can be "
                "listed but not replayed or stored"
            )
        return self.date

    @property
    def last_day(self) -> datetime.date:
        """The last day the event may cover (``end_date``, or the end of its period)."""
        if self.end_date is not None:
            return self.end_date
        day = self.day
        if self.date_precision == "month":
            days = calendar.monthrange(day.year, day.month)[1]
            return day.replace(day=days)
        if self.date_precision == "year":
            return day.replace(month=12, day=31)
        return day


def canonical_json(event: Event) -> str:
    """The event as canonical JSON: fields in model order, attributes sorted, defaults left out.

    Equal events have equal canonical JSON; the event store keeps it as the record.
    """
    return event.model_dump_json(exclude_defaults=True)


def content_hash(event: Event) -> str:
    """SHA-256 of the event's canonical JSON (:func:`canonical_json`).

    Examples
    --------
    >>> a = Event(id="x", date="2026-01-01", type="SIGN", actors=("a",),
    ...           attributes={"agreement": "p", "b": 1})
    >>> b = Event(id="x", date="2026-01-01", type="SIGN", actors=("a",),
    ...           attributes={"b": 1, "agreement": "p"})
    >>> content_hash(a) == content_hash(b)
    True
    """
    return hashlib.sha256(canonical_json(event).encode()).hexdigest()
