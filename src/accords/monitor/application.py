"""One library call per ``accords monitor`` command, each returning a frozen result.

=======================  ==========================================  ===================
command                  call                                        document
=======================  ==========================================  ===================
``monitor add``          :func:`add_event_file`                      ``monitor-add``
``monitor status``       :func:`monitor_status`                      ``monitor-status``
``monitor timeline``     :func:`monitor_timeline`                    ``monitor-timeline``
``monitor replay``       :func:`replay_scenario`                     ``monitor-replay``
``monitor waterfall``    :func:`monitor_waterfall`                   ``monitor-waterfall``
=======================  ==========================================  ===================

Each result's ``to_record()`` is the command's ``--format json`` document
(:mod:`accords.monitor.records`). The calls that read or write the event database open it
through :mod:`accords.monitor.store` (SQLAlchemy, imported only when they run); pass ``db`` as a
URL or a SQLite file path, or an open :class:`~accords.monitor.store.EventStore`.

Examples
--------
>>> from accords import load_corpus
>>> from accords.monitor import Event, Scenario
>>> sign = Event(id="s", date="2026-01-15", type="SIGN", actors=("us", "russia", "ukraine"),
...              attributes={"agreement": "us-28-point-plan"})
>>> result = replay_scenario(load_corpus(), "us-28-point-plan", Scenario(events=(sign,)))
>>> result.report.signed.date.isoformat(), result.report.provision("28").state
('2026-01-15', 'inactive')
>>> record = result.to_record()
>>> record["document"], record["signed"]
('monitor-replay', {'date': '2026-01-15', 'event': 's', 'by': 'SIGN'})
"""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from accords.exceptions import (
    InputFormatError,
    InvalidOptionError,
    ModelSpecificationError,
    NoEventStoreError,
)
from accords.model.agreements import Agreement
from accords.model.corpus import Corpus
from accords.monitor.defaults import DEFAULT_BATCH_SIZE
from accords.monitor.engine import replay, required_attributes
from accords.monitor.events import Event
from accords.monitor.io import (
    EventDefect,
    ParsedRecord,
    Scenario,
    check_actors,
    iter_event_file,
    read_scenario,
)
from accords.monitor.records import (
    AddDocument,
    ReplayDocument,
    StatusDocument,
    TimelineDocument,
    WaterfallDocument,
    report_body,
    timeline_records,
)
from accords.monitor.results import MonitorReport
from accords.monitor.waterfall import Waterfall, frozen_funds_waterfall

if TYPE_CHECKING:
    from accords.monitor.store import EventStore, IngestReport

__all__ = [
    "EventFileIngest",
    "MonitorStatus",
    "MonitorTimeline",
    "ScenarioReplay",
    "WaterfallReport",
    "add_event_file",
    "add_event_records",
    "monitor_status",
    "monitor_timeline",
    "monitor_waterfall",
    "parse_amount",
    "replay_scenario",
]


@dataclass(frozen=True)
class MonitorStatus:
    """Every provision's state from the stored events (:func:`monitor_status`)."""

    agreement: Agreement
    report: MonitorReport
    db: str

    def to_record(self) -> dict[str, Any]:
        """The ``monitor-status`` document."""
        return StatusDocument.build(**report_body(self.report), db=self.db)


@dataclass(frozen=True)
class MonitorTimeline:
    """Every dated step of an agreement, and the process's own events
    (:func:`monitor_timeline`)."""

    agreement: Agreement
    report: MonitorReport
    db: str | None
    process: tuple[Event, ...] = ()

    def to_record(self) -> dict[str, Any]:
        """The ``monitor-timeline`` document."""
        return TimelineDocument.build(
            agreement=self.report.agreement,
            as_of=self.report.as_of,
            db=self.db,
            n_events=self.report.n_events,
            entries=timeline_records(self.report.timeline),
            process=list(self.process),
        )


@dataclass(frozen=True)
class ScenarioReplay:
    """A what-if scenario replayed against an agreement (:func:`replay_scenario`)."""

    agreement: Agreement
    report: MonitorReport
    scenario: Scenario
    path: str | None = None

    def to_record(self) -> dict[str, Any]:
        """The ``monitor-replay`` document."""
        return ReplayDocument.build(
            **report_body(self.report),
            scenario=self.path,
            title=self.scenario.title,
            description=self.scenario.description,
            timeline=timeline_records(self.report.timeline),
        )


@dataclass(frozen=True)
class WaterfallReport:
    """Point 14's frozen-funds waterfall for a total (:func:`monitor_waterfall`)."""

    agreement: str
    provision: str
    waterfall: Waterfall

    def to_record(self) -> dict[str, Any]:
        """The ``monitor-waterfall`` document."""
        w = self.waterfall
        return WaterfallDocument.build(
            agreement=self.agreement,
            provision=self.provision,
            total=w.total,
            currency=w.currency,
            lines=[vars(line) for line in w.lines],
            profit_share=w.profit_share,
            profit=w.profit,
            profit_to_us=w.profit_to_us,
            from_pool=w.from_pool,
        )


@dataclass(frozen=True)
class EventFileIngest:
    """What storing an event file did (:func:`add_event_file`)."""

    report: IngestReport
    db: str
    n_events_stored: int
    seconds: float

    @property
    def rejected(self) -> tuple[EventDefect, ...]:
        """The records left out, each with its line."""
        return self.report.rejected

    def to_record(self) -> dict[str, Any]:
        """The ``monitor-add`` document."""
        r = self.report
        return AddDocument.build(
            db=self.db,
            source=r.source,
            n_read=r.n_read,
            n_inserted=r.n_inserted,
            n_unchanged=r.n_unchanged,
            n_replaced=r.n_replaced,
            n_rejected=len(r.rejected),
            n_batches=r.n_batches,
            n_events_stored=self.n_events_stored,
            seconds=round(self.seconds, 3),
            rejected=[{"file": d.path, "line": d.line, "message": d.message} for d in r.rejected],
        )


def _agreement(corpus: Corpus, agreement: str | Agreement) -> Agreement:
    return corpus.agreement(agreement) if isinstance(agreement, str) else agreement


def _replay_store(
    corpus: Corpus, agreement: Agreement, db: str | EventStore | None, as_of: date | None
) -> tuple[MonitorReport, str]:
    from accords.monitor.store import EventStore, open_store  # SQLAlchemy only when needed

    day = as_of or date.today()
    if isinstance(db, EventStore):
        table = db.table(as_of=day, attributes=required_attributes(agreement))
        url = db.url
    else:
        with open_store(db, create=False) as store:
            table = store.table(as_of=day, attributes=required_attributes(agreement))
            url = store.url
    return replay(agreement, table, as_of=day, corpus=corpus), url


def monitor_status(
    corpus: Corpus,
    agreement: str | Agreement,
    *,
    db: str | EventStore | None = None,
    as_of: date | None = None,
) -> MonitorStatus:
    """Every provision's state as of a date, from the events in the store.

    Parameters
    ----------
    corpus : Corpus
        Holds the agreement and resolves group membership.
    agreement : str or Agreement
        The agreement (or its id).
    db : str or EventStore, optional
        The event database: a URL, a SQLite file path or an open store; default
        ``$ACCORDS_DB`` or ``./accords-events.sqlite``. A missing SQLite file is an error.
    as_of : date, optional
        The day to report on (its events included); default today.

    Returns
    -------
    MonitorStatus

    Raises
    ------
    UnknownAgreementError
        If the corpus has no such agreement.
    StoreError
        If the database cannot be opened or read.
    """
    chosen = _agreement(corpus, agreement)
    report, url = _replay_store(corpus, chosen, db, as_of)
    return MonitorStatus(chosen, report, url)


def monitor_timeline(
    corpus: Corpus,
    agreement: str | Agreement,
    *,
    db: str | EventStore | None = None,
    as_of: date | None = None,
    process_events: Sequence[Event] = (),
) -> MonitorTimeline:
    """Every dated step of an agreement (signature, entry into force, transitions, triggers),
    from the events in the store, with the events of the process itself beside it.

    Parameters
    ----------
    corpus, agreement, db, as_of
        As for :func:`monitor_status`.
    process_events : sequence of Event
        Events of the negotiation (meetings, leaks, claims), such as the corpus's own event
        log (:func:`accords.monitor.process.process_events`). They are shown in their own
        section (``process``), by date up to ``as_of``, then those whose date the sources do
        not give (``date_precision: unknown``); the agreement's mechanisms do not see them.

    Where no event database exists yet and ``process_events`` are given, the timeline holds
    them alone (the agreement is replayed over no stored event) and ``db`` says so.

    Returns
    -------
    MonitorTimeline
    """
    chosen = _agreement(corpus, agreement)
    try:
        report, url = _replay_store(corpus, chosen, db, as_of)
    except NoEventStoreError:
        if not process_events:
            raise
        report = replay(chosen, (), as_of=as_of or date.today(), corpus=corpus)
        url = "(no event database yet: the process's own events only)"
    dated = sorted(
        (e for e in process_events if e.date is not None and e.date <= report.as_of),
        key=lambda e: (e.day, e.id),
    )
    undated = sorted((e for e in process_events if e.date is None), key=lambda e: e.id)
    process = [*dated, *undated]
    return MonitorTimeline(chosen, report, url, tuple(process))


def replay_scenario(
    corpus: Corpus,
    agreement: str | Agreement,
    scenario: Scenario | str | Path,
    *,
    as_of: date | None = None,
) -> ScenarioReplay:
    """What if: replay a scenario against an agreement, without any database.

    Parameters
    ----------
    corpus, agreement
        As for :func:`monitor_status`.
    scenario : Scenario, str or Path
        A scenario, or the path of a scenario or event file (``.yaml``, ``.json``, ``.jsonl``).
    as_of : date, optional
        The day to report on; default the scenario's ``as_of``, else its latest event's date.

    Returns
    -------
    ScenarioReplay

    Raises
    ------
    InputFormatError
        If the file has a bad record (named with its line), or is a scenario for another
        agreement.
    """
    chosen = _agreement(corpus, agreement)
    path = None if isinstance(scenario, Scenario) else str(scenario)
    loaded = scenario if isinstance(scenario, Scenario) else read_scenario(scenario)
    if loaded.agreement is not None and loaded.agreement != chosen.id:
        raise InputFormatError(
            path or "<scenario>",
            None,
            f"is a scenario for {loaded.agreement!r}, not {chosen.id!r}; name that agreement "
            "or remove the scenario's agreement key",
        )
    report = replay(chosen, loaded.events, as_of=as_of or loaded.as_of, corpus=corpus)
    return ScenarioReplay(chosen, report, loaded, path)


_AMOUNT = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:e[+-]?[0-9]+)?)\s*(k|m|bn|b|tn|t)?\s*$", re.I)
_SCALE = {None: 1.0, "k": 1e3, "m": 1e6, "b": 1e9, "bn": 1e9, "t": 1e12, "tn": 1e12}


def parse_amount(value: str | float, *, name: str = "amount") -> float:
    """An amount written as people write it: ``300e9``, ``300bn``, ``80bn``, ``1.5tn``.

    Examples
    --------
    >>> parse_amount("300bn"), parse_amount("1.5k"), parse_amount(80e9)
    (300000000000.0, 1500.0, 80000000000.0)

    Raises
    ------
    ModelSpecificationError
        If the text is not an amount.
    """
    if isinstance(value, int | float):
        return float(value)
    match = _AMOUNT.match(value)
    if not match:
        raise ModelSpecificationError(
            f"{name} must be an amount such as 300e9, 300bn or 80bn; got {value!r}"
        )
    suffix = match[2].lower() if match[2] else None
    return float(match[1]) * _SCALE[suffix]


def monitor_waterfall(
    corpus: Corpus,
    total: str | float,
    *,
    agreement: str = "us-28-point-plan",
    provision: str = "14",
    profit: str | float | None = None,
    currency: str = "USD",
) -> WaterfallReport:
    """Point 14's frozen-funds waterfall for a total, amounts read from the corpus.

    ``total`` and ``profit`` are numbers or amounts as text (``300bn``); see
    :func:`~accords.monitor.waterfall.frozen_funds_waterfall`.

    Examples
    --------
    >>> from accords import load_corpus
    >>> w = monitor_waterfall(load_corpus(), "80bn").waterfall
    >>> [line.amount / 1e9 for line in w.lines]
    [80.0, 0.0, 100.0]
    """
    amount = parse_amount(total, name="TOTAL")
    profit_amount = parse_amount(profit, name="--profit") if profit is not None else None
    spec = corpus.agreement(agreement).provision(provision)
    result = frozen_funds_waterfall(spec, amount, profit=profit_amount, currency=currency)
    return WaterfallReport(agreement, provision, result)


def add_event_file(
    path: str | Path,
    *,
    db: str | EventStore | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    replace: bool = False,
    corpus: Corpus | None = None,
) -> EventFileIngest:
    """Store the events of a file; the same event twice is stored once.

    Every good record is kept and every bad one reported with its line (in the result, not
    raised); each batch commits as one transaction. Records in the native format and PLOVER
    records (:mod:`accords.readwrite.plover`) may be mixed. With ``corpus``, a record whose
    actors or recipients are not parties of it is rejected.

    Raises
    ------
    InvalidOptionError
        If ``db`` names an in-memory database (it would be gone when the call returns).
    InputFormatError
        If the file's type is not an event file (before the store is opened).
    OSError
        If the file cannot be read.
    StoreError
        If the database cannot be opened or written.
    """
    from accords.monitor.store import is_memory_url

    if isinstance(db, str) and is_memory_url(db):
        raise InvalidOptionError(
            "--db",
            f"{db!r} is an in-memory database, gone when the command ends; name a file or a server",
        )
    start = time.perf_counter()
    reader = iter_event_file(path)
    first = next(reader, None)  # a missing or unreadable file fails before the store opens
    records: Iterator[ParsedRecord] = itertools.chain([] if first is None else [first], reader)
    return add_event_records(
        records,
        db=db,
        source=str(path),
        batch_size=batch_size,
        replace=replace,
        corpus=corpus,
        started=start,
    )


def add_event_records(
    records: Iterable[ParsedRecord],
    *,
    db: str | EventStore | None = None,
    source: str,
    batch_size: int = DEFAULT_BATCH_SIZE,
    replace: bool = False,
    corpus: Corpus | None = None,
    started: float | None = None,
) -> EventFileIngest:
    """Store parsed records (``(line, Event | EventDefect)``), as :func:`add_event_file` does
    for a file: defects and unknown actors rejected with their line, good events stored once.

    Raises
    ------
    InvalidOptionError
        If ``db`` names an in-memory database.
    StoreError
        If the database cannot be opened or written.
    """
    from accords.monitor.store import (  # SQLAlchemy only when needed
        EventStore,
        is_memory_url,
        open_store,
    )

    if isinstance(db, str) and is_memory_url(db):
        raise InvalidOptionError(
            "--db",
            f"{db!r} is an in-memory database, gone when the command ends; name a file or a server",
        )
    start = started if started is not None else time.perf_counter()
    if corpus is not None:
        records = check_actors(records, {p.id for p in corpus.parties}, path=source)

    def run(store: EventStore) -> EventFileIngest:
        report = store.add(records, source=source, batch_size=batch_size, replace=replace)
        seconds = time.perf_counter() - start
        return EventFileIngest(report, store.url, store.count(), seconds)

    if isinstance(db, EventStore):
        return run(db)
    with open_store(db) as store:
        return run(store)
