"""``accords monitor``: store events, report whether an agreement is kept, replay what-ifs.

::

    accords monitor add EVENTS.(jsonl|yaml|json) [--db URL] [--batch-size N] [--replace]
                        [--corpus DIR] [--allow-unknown-actors]
    accords monitor status AGREEMENT [--as-of DATE] [--db URL]
    accords monitor timeline AGREEMENT [--as-of DATE] [--db URL]
    accords monitor replay AGREEMENT EVENTS [--as-of DATE]        (no database)
    accords monitor waterfall TOTAL [--agreement ID] [--provision LABEL] [--profit X]

Every command takes ``--format json`` (one JSON document on stdout) and ``--corpus DIR``
where it reads agreements. The database is a SQLite file by default: ``$ACCORDS_DB`` if set,
else ``./accords-events.sqlite``; ``--db`` takes a file path or a URL (``sqlite:///FILE``,
``postgresql://USER:PASSWORD@HOST:PORT/DB``).
"""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from accords.cli.common import (
    CorpusOption,
    Format,
    FormatOption,
    console,
    emit,
    fail,
    handle_errors,
    open_corpus,
    to_jsonable,
)
from accords.exceptions import InvalidOptionError
from accords.model import Agreement
from accords.monitor import (
    MonitorReport,
    check_actors,
    frozen_funds_waterfall,
    iter_event_file,
    read_scenario,
    replay,
)
from accords.monitor.defaults import DB_ENV, DEFAULT_BATCH_SIZE, DEFAULT_DB_FILE
from accords.monitor.engine import required_attributes
from accords.monitor.io import ParsedRecord

__all__ = ["register"]

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help=(
            "Event database: a SQLite file path or a URL (sqlite:///FILE, "
            "postgresql://USER:PASSWORD@HOST:PORT/DB). Default: $"
            f"{DB_ENV} if set, else ./{DEFAULT_DB_FILE}."
        ),
        show_default=False,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="Report the state at the end of this day (events of that day included).",
        show_default=False,
    ),
]
AgreementArgument = Annotated[
    str, typer.Argument(metavar="AGREEMENT", help="Agreement id, e.g. us-28-point-plan.")
]

_STATE_STYLES = {
    "inactive": "dim",
    "in-force": "green",
    "suspended": "yellow",
    "fulfilled": "bold green",
    "violated": "bold red",
    "expired": "red",
    "voided": "bold magenta",
    "revoked": "magenta",
    "terminated": "cyan",
}


def register(app: typer.Typer) -> None:
    """Add the ``monitor`` command group to ``app``."""
    monitor = typer.Typer(
        help=(
            "Is a signed plan being kept? Store events (PLOVER-like) and run the agreement's "
            "own mechanisms (conditions, deadlines, triggers) over them. The database is "
            f"${DB_ENV} or ./{DEFAULT_DB_FILE} unless --db names another."
        ),
        no_args_is_help=True,
    )
    monitor.command("add")(add)
    monitor.command("status")(status)
    monitor.command("timeline")(timeline)
    monitor.command("replay")(replay_command)
    monitor.command("waterfall")(waterfall)
    app.add_typer(monitor, name="monitor")


def _parse_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"{option} must be a date as YYYY-MM-DD; got {value!r}")


def add(
    events_file: Annotated[
        Path,
        typer.Argument(
            metavar="EVENTS", help="Events as JSON Lines (.jsonl), YAML (.yaml) or JSON (.json)."
        ),
    ],
    db: DbOption = None,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Events per committed transaction.")
    ] = DEFAULT_BATCH_SIZE,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace",
            help="Overwrite stored events whose id comes again with other content "
            "(default: reject them).",
        ),
    ] = False,
    corpus_dir: CorpusOption = None,
    allow_unknown_actors: Annotated[
        bool,
        typer.Option(
            "--allow-unknown-actors",
            help="Store events whose actors or recipients are not parties of the corpus "
            "(default: reject them).",
        ),
    ] = False,
    fmt: FormatOption = Format.text,
) -> None:
    """Store the events of a file; the same event twice is stored once.

    Every good record is kept and every bad one reported with its line; each batch commits
    as one transaction. Events naming a party that the corpus does not know are rejected
    unless --allow-unknown-actors. Exits 1 when some records were rejected.
    """
    with handle_errors():
        start = time.perf_counter()
        from accords.monitor.store import is_memory_url, open_store  # SQLAlchemy loads lazily

        if is_memory_url(db):
            raise InvalidOptionError(
                "--db",
                f"{db!r} is an in-memory database, gone when the command ends; "
                "name a file or a server",
            )
        reader = iter_event_file(events_file)
        first = next(reader, None)  # a missing or unreadable file fails before the store opens
        records: Iterator[ParsedRecord] = itertools.chain([] if first is None else [first], reader)
        if not allow_unknown_actors:
            parties = {p.id for p in open_corpus(corpus_dir).parties}
            records = check_actors(records, parties, path=str(events_file))

        with open_store(db) as store:
            report = store.add(records, source=str(events_file), batch_size=batch_size,
                               replace=replace)  # fmt: skip
            seconds = time.perf_counter() - start
            stored = store.count()
            url = store.url
    data: dict[str, Any] = {
        "db": url,
        "source": str(events_file),
        "n_read": report.n_read,
        "n_inserted": report.n_inserted,
        "n_unchanged": report.n_unchanged,
        "n_replaced": report.n_replaced,
        "n_rejected": len(report.rejected),
        "n_batches": report.n_batches,
        "n_events_stored": stored,
        "seconds": round(seconds, 3),
        "rejected": [
            {"file": d.path, "line": d.line, "message": d.message} for d in report.rejected
        ],
    }

    def render() -> None:
        for defect in report.rejected:
            console.print(Text(str(defect), style="red"), soft_wrap=True)
        line = Text(f"{report.n_inserted} added, {report.n_unchanged} already stored")
        if report.n_replaced:
            line.append(f", {report.n_replaced} replaced")
        if report.rejected:
            line.append(f", {len(report.rejected)} rejected", style="bold red")
        line.append(f" ({report.n_read} read in {seconds:.2f} s; {stored} events in {url})")
        console.print(line)

    emit(data, fmt, render)
    if report.rejected:
        raise typer.Exit(1)


def status(
    agreement_id: AgreementArgument,
    as_of: AsOfOption = None,
    db: DbOption = None,
    corpus_dir: CorpusOption = None,
    fmt: FormatOption = Format.text,
) -> None:
    """Every provision's state as of a date (default: today), from the stored events."""
    agreement, report, url = _replay_store(agreement_id, as_of, db, corpus_dir)
    data = _report_data(report, source={"db": url})
    emit(data, fmt, lambda: _render_status(report, agreement, f"events in {url}"))


def timeline(
    agreement_id: AgreementArgument,
    as_of: AsOfOption = None,
    db: DbOption = None,
    corpus_dir: CorpusOption = None,
    fmt: FormatOption = Format.text,
) -> None:
    """Every dated step: signature, entry into force, transitions, triggers fired."""
    _, report, url = _replay_store(agreement_id, as_of, db, corpus_dir)
    data = {
        "agreement": report.agreement,
        "as_of": report.as_of.isoformat(),
        "db": url,
        "n_events": report.n_events,
        "entries": [_entry_data(e) for e in report.timeline],
    }
    emit(data, fmt, lambda: _render_timeline(report))


def replay_command(
    agreement_id: AgreementArgument,
    events_file: Annotated[
        Path,
        typer.Argument(metavar="EVENTS", help="A scenario or event file (.yaml, .json or .jsonl)."),
    ],
    as_of: AsOfOption = None,
    corpus_dir: CorpusOption = None,
    fmt: FormatOption = Format.text,
) -> None:
    """What if: replay a scenario file against an agreement, without any database.

    The date reported is --as-of, else the scenario's as_of, else its latest event's date.
    """
    day = _parse_date(as_of, "--as-of")
    with handle_errors():
        corpus = open_corpus(corpus_dir)
        agreement = corpus.agreement(agreement_id)
        scenario = read_scenario(events_file)
        if scenario.agreement is not None and scenario.agreement != agreement.id:
            fail(
                f"{events_file} is a scenario for {scenario.agreement!r}, not {agreement.id!r}; "
                "name that agreement or remove the scenario's agreement key"
            )
        report = replay(agreement, scenario.events, as_of=day or scenario.as_of, corpus=corpus)
    data = _report_data(
        report,
        source={
            "scenario": str(events_file),
            "title": scenario.title,
            "description": scenario.description,
        },
    )
    data["timeline"] = [_entry_data(e) for e in report.timeline]
    source = f"events of scenario {scenario.title or events_file}"
    emit(data, fmt, lambda: _render_status(report, agreement, source, timeline=True))


_AMOUNT = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:e[+-]?[0-9]+)?)\s*(k|m|bn|b|tn|t)?\s*$", re.I)
_SCALE = {None: 1.0, "k": 1e3, "m": 1e6, "b": 1e9, "bn": 1e9, "t": 1e12, "tn": 1e12}


def _parse_amount(value: str, option: str) -> float:
    match = _AMOUNT.match(value)
    if not match:
        fail(f"{option} must be an amount such as 300e9, 300bn or 80bn; got {value!r}")
    suffix = match[2].lower() if match[2] else None
    return float(match[1]) * _SCALE[suffix]


def waterfall(
    total: Annotated[
        str,
        typer.Argument(metavar="TOTAL", help="Frozen assets in the pool: 300e9, 300bn, 80bn."),
    ],
    agreement_id: Annotated[
        str, typer.Option("--agreement", help="Agreement holding the provision.")
    ] = "us-28-point-plan",
    label: Annotated[str, typer.Option("--provision", help="Provision label.")] = "14",
    profit: Annotated[
        str | None,
        typer.Option(
            "--profit", help="A profit of the US-led venture to split.", show_default=False
        ),
    ] = None,
    currency: Annotated[str, typer.Option("--currency", help="Unit of the amounts.")] = "USD",
    corpus_dir: CorpusOption = None,
    fmt: FormatOption = Format.text,
) -> None:
    """Point 14's frozen-funds waterfall for a given total, amounts read from the corpus."""
    amount = _parse_amount(total, "TOTAL")
    profit_amount = _parse_amount(profit, "--profit") if profit is not None else None
    with handle_errors():
        corpus = open_corpus(corpus_dir)
        provision = corpus.agreement(agreement_id).provision(label)
        result = frozen_funds_waterfall(provision, amount, profit=profit_amount, currency=currency)
    data = {"agreement": agreement_id, "provision": label, **_plain(result)}
    data["from_pool"] = result.from_pool

    def render() -> None:
        table = Table(title=f"{agreement_id} point {label}: {amount / 1e9:,.3g}bn {currency}")
        for column in ("recipient", "amount", "source", "shortfall"):
            table.add_column(column)
        for line in result.lines:
            table.add_row(
                Text(line.recipient),
                Text(f"{line.amount / 1e9:,.3f}bn"),
                Text(line.source),
                Text(f"{line.shortfall / 1e9:,.3f}bn" if line.shortfall else ""),
            )
        console.print(table)
        share = Text(f"US share of the US-led venture's profit: {result.profit_share:.0%}")
        if result.profit_to_us is not None:
            share.append(f" = {result.profit_to_us / 1e9:,.3f}bn {currency}")
        console.print(share)

    emit(data, fmt, render)


def _plain(data: Any) -> Any:
    """JSON-ready data: :func:`to_jsonable`, with dates as ISO strings."""
    if isinstance(data, date):
        return data.isoformat()
    if isinstance(data, dict):
        return {str(k): _plain(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [_plain(v) for v in data]
    if hasattr(data, "__dataclass_fields__"):
        return {k: _plain(getattr(data, k)) for k in data.__dataclass_fields__}
    return to_jsonable(data)


def _replay_store(
    agreement_id: str, as_of: str | None, db: str | None, corpus_dir: Path | None
) -> tuple[Agreement, MonitorReport, str]:
    """Replay the stored events against an agreement as of a date (default: today)."""
    from accords.monitor.store import open_store  # SQLAlchemy loads only when needed

    day = _parse_date(as_of, "--as-of") or date.today()
    with handle_errors():
        corpus = open_corpus(corpus_dir)
        agreement = corpus.agreement(agreement_id)
        with open_store(db, create=False) as store:
            table = store.table(as_of=day, attributes=required_attributes(agreement))
            url = store.url
        report = replay(agreement, table, as_of=day, corpus=corpus)
    return agreement, report, url


def _report_data(report: MonitorReport, *, source: dict[str, Any]) -> dict[str, Any]:
    def milestone(m: Any) -> Any:
        return None if m is None else {"date": m.date, "event": m.event, "by": m.by}

    data: dict[str, Any] = {
        "agreement": report.agreement,
        "as_of": report.as_of,
        **source,
        "n_events": report.n_events,
        "signed": milestone(report.signed),
        "in_force": milestone(report.in_force),
        "pam": {
            "score": round(report.pam.score, 2),
            "points": report.pam.points,
            "max_points": report.pam.max_points,
            "n_provisions": report.pam.n_provisions,
            "levels": dict(zip((0, 1, 2, 3), report.pam.levels, strict=True)),
        },
        "provisions": [
            {
                "label": p.label,
                "modality": p.modality,
                "state": p.state,
                "since": p.since,
                "cause": p.cause,
                "event": p.event,
                "trigger": p.trigger,
                "deadline": p.deadline,
                "pam": p.pam,
                "progress": round(p.progress, 3),
                "monitored": p.monitored,
                "n_transitions": len(p.transitions),
            }
            for p in report.provisions
        ],
        "triggers_fired": [
            {
                "trigger": f.trigger,
                "provision": f.provision,
                "date": f.date,
                "event": f.event,
                "effects": [
                    {
                        "action": e.action,
                        "provision": e.provision,
                        "applied": e.applied,
                        "from": e.from_state,
                        "to": e.to_state,
                    }
                    for e in f.effects
                ],
            }
            for f in report.firings
        ],
    }
    return _plain(data)  # type: ignore[no-any-return]


def _entry_data(entry: Any) -> dict[str, Any]:
    data = _plain(entry)
    data["from"] = data.pop("from_state")
    data["to"] = data.pop("to_state")
    return data  # type: ignore[no-any-return]


def _render_status(
    report: MonitorReport, agreement: Agreement, source: str, *, timeline: bool = False
) -> None:
    console.print(Text(f"{agreement.title} [{agreement.id}]", style="bold"))
    head = Text(f"as of {report.as_of}; {report.n_events} {source}; ")
    if report.signed is None:
        head.append("not signed (no SIGN event names this agreement)", style="yellow")
    else:
        assert report.in_force is not None
        head.append(f"signed {report.signed.date}, in force {report.in_force.date}")
    console.print(head)
    table = Table(show_lines=False)
    for column in ("label", "modality", "state", "since", "cause", "event", "PAM"):
        table.add_column(column, overflow="fold")
    for p in report.provisions:
        table.add_row(
            Text(p.label),
            Text(p.modality),
            Text(p.state, style=_STATE_STYLES.get(p.state, "")),
            Text(p.since.isoformat() if p.since else ""),
            Text(p.cause or ""),
            Text(p.event or (p.trigger or "")),
            Text(str(p.pam)),
        )
    console.print(table)
    for f in report.firings:
        effects = ", ".join(
            f"{e.action} {e.provision}" + ("" if e.applied else " (ignored)") for e in f.effects
        )
        console.print(Text(f"{f.date} trigger {f.trigger} (event {f.event}): {effects}"))
    pam = report.pam
    console.print(
        Text(
            f"Peace Accords Matrix implementation: {pam.score:.1f} "
            f"({pam.points}/{pam.max_points} points, {pam.n_provisions} provisions)",
            style="bold",
        )
    )
    if timeline:
        _render_timeline(report)


def _render_timeline(report: MonitorReport) -> None:
    table = Table(title=f"timeline of {report.agreement} to {report.as_of}")
    for column in ("date", "provision", "what", "event"):
        table.add_column(column, overflow="fold")
    rows: list[tuple[str, str, str, str, str]] = []
    for e in report.timeline:
        if e.kind == "transition":
            what = f"{e.from_state} -> {e.to_state} ({e.cause})"
            if e.trigger:
                what += f" by trigger {e.trigger}"
        else:
            what = e.detail
        style = "red" if e.kind == "ignored-effect" else ("bold" if e.kind == "trigger" else "")
        row = (e.date.isoformat(), e.provision or "", what, e.event or "", style)
        previous = rows[-1] if rows else None
        if (
            previous is not None
            and e.kind == "transition"
            and previous[0] == row[0]
            and previous[2] == row[2]
            and previous[3] == row[3]
        ):
            rows[-1] = (*previous[:1], f"{previous[1]}, {row[1]}", *previous[2:])  # same step
        else:
            rows.append(row)
    for day, provisions, what, event, style in rows:
        table.add_row(Text(day), Text(provisions), Text(what, style=style), Text(event))
    console.print(table)
