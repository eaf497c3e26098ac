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
``postgresql://USER:PASSWORD@HOST:PORT/DB``). Each command is one call of
:mod:`accords.monitor.application`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from accords.cli.common import CorpusOption, Format, FormatOption, console, emit, open_corpus
from accords.exceptions import ModelSpecificationError, RejectedRecordsError
from accords.monitor.application import (
    add_event_file,
    monitor_status,
    monitor_timeline,
    monitor_waterfall,
    replay_scenario,
)
from accords.monitor.defaults import DB_ENV, DEFAULT_BATCH_SIZE, DEFAULT_DB_FILE
from accords.monitor.process import process_events as corpus_events

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


def register(app: typer.Typer) -> None:
    """Add the ``monitor`` command group to ``app``."""
    monitor = typer.Typer(
        help=(
            "Is a signed plan being kept? Store events and run the agreement's own "
            "mechanisms.\n\nEvents are PLOVER-like records; the mechanisms are the "
            "agreement's conditions, deadlines and triggers. The database is "
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


def _render(name: str, result: Any) -> Callable[[], None]:
    """Print ``result`` with ``accords.report.terminal.monitor.NAME`` (Rich loads only for
    text output)."""

    def render() -> None:
        from accords.report.terminal import monitor

        getattr(monitor, name)(console, result)

    return render


def _parse_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ModelSpecificationError(
            f"{option} must be a date as YYYY-MM-DD; got {value!r}"
        ) from None


def add(
    events_file: Annotated[
        Path,
        typer.Argument(
            metavar="EVENTS",
            help="Events as JSON Lines (.jsonl), YAML (.yaml) or JSON (.json); native or "
            "PLOVER records.",
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
    corpus = None if allow_unknown_actors else open_corpus(corpus_dir)
    result = add_event_file(
        events_file, db=db, batch_size=batch_size, replace=replace, corpus=corpus
    )
    emit(result, fmt, _render("render_ingest", result))
    if result.rejected:
        raise RejectedRecordsError(str(events_file), len(result.rejected), result.report.n_read)


def status(
    agreement_id: AgreementArgument,
    as_of: AsOfOption = None,
    db: DbOption = None,
    corpus_dir: CorpusOption = None,
    fmt: FormatOption = Format.text,
) -> None:
    """Every provision's state as of a date (default: today), from the stored events."""
    day = _parse_date(as_of, "--as-of")
    result = monitor_status(open_corpus(corpus_dir), agreement_id, db=db, as_of=day)
    emit(result, fmt, _render("render_status", result))


def timeline(
    agreement_id: AgreementArgument,
    as_of: AsOfOption = None,
    db: DbOption = None,
    corpus_dir: CorpusOption = None,
    fmt: FormatOption = Format.text,
) -> None:
    """Every dated step: signature, entry into force, transitions, triggers fired.

    The events of the process itself (the corpus's events.yaml: talks, leaks, claims) follow,
    by date up to --as-of, then those the sources do not date.
    """
    day = _parse_date(as_of, "--as-of")
    corpus = open_corpus(corpus_dir)
    result = monitor_timeline(
        corpus, agreement_id, db=db, as_of=day, process_events=corpus_events(corpus)
    )
    emit(result, fmt, _render("render_timeline", result))


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
    result = replay_scenario(open_corpus(corpus_dir), agreement_id, events_file, as_of=day)
    emit(result, fmt, _render("render_replay", result))


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
    result = monitor_waterfall(
        open_corpus(corpus_dir),
        total,
        agreement=agreement_id,
        provision=label,
        profit=profit,
        currency=currency,
    )
    emit(result, fmt, _render("render_waterfall", result))
