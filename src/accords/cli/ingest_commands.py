"""``accords ingest``: news articles in, reviewable candidates out; accept or reject them.

Each command parses its options, makes one library call (:mod:`accords.ingest.workflow`,
:mod:`accords.ingest.accept`) and renders. The ingest extra (spaCy...) is imported only when
``add`` runs, never by ``accords --help``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from accords.cli.common import (
    CorpusOption,
    Format,
    FormatOption,
    console,
    emit,
    handle_errors,
    open_corpus,
)

__all__ = ["register"]

ingest_app = typer.Typer(
    name="ingest",
    help="Read news articles into reviewable candidate statements, stances, events, entities.",
    no_args_is_help=True,
)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Event database: URL or SQLite file (default: $ACCORDS_DB or "
        "./accords-events.sqlite).",
        show_default=False,
    ),
]
IdsArgument = Annotated[list[str], typer.Argument(help="Candidate ids (ARTICLE:KIND:START-END).")]


def register(app: typer.Typer) -> None:
    """Add the ``ingest`` command group to ``app``."""
    app.add_typer(ingest_app, name="ingest")


@ingest_app.command("add")
def add(
    path: Annotated[Path, typer.Argument(help="An article (UTF-8 text) or a folder of them.")],
    date: Annotated[
        str, typer.Option("--date", help="The article's date, YYYY-MM-DD (base for dates).")
    ],
    title: Annotated[str | None, typer.Option("--title", show_default=False)] = None,
    outlet: Annotated[str | None, typer.Option("--outlet", show_default=False)] = None,
    url: Annotated[str | None, typer.Option("--url", show_default=False)] = None,
    kind: Annotated[
        str, typer.Option("--kind", help="news-report, commentary, analysis or speculative.")
    ] = "news-report",
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", help="Largest article accepted, in bytes.")
    ] = 1_000_000,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="Run a folder on Dask: 'local' or a scheduler address (default: in-process).",
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
    corpus: CorpusOption = None,
    fmt: FormatOption = Format.text,
) -> None:
    """Extract candidates from an article (or a folder) and store them for review."""
    with handle_errors():
        from accords.exceptions import ArticleError
        from accords.ingest import parse_date_option, require
        from accords.ingest.nlp import INGEST_MODULES
        from accords.ingest.workflow import add_articles

        for module in INGEST_MODULES:
            require(module)
        published = parse_date_option(date)
        kinds = ("news-report", "commentary", "analysis", "speculative")
        if kind not in kinds:
            raise ArticleError("--kind", f"{kind!r}; expected one of {', '.join(kinds)}")
        result = add_articles(
            path,
            published=published,
            corpus=open_corpus(corpus),
            db=db,
            title=title,
            outlet=outlet,
            url=url,
            kind=kind,  # type: ignore[arg-type]
            max_bytes=max_bytes,
            scheduler=scheduler,
        )

    def render() -> None:
        from accords.report.terminal.ingest import render_candidates

        for report in result.reports:
            render_candidates(console, report.candidates, f"{report.article.id}: {report.counts}")
        console.print(
            f"{len(result.candidates)} candidate(s), {result.extra.get('n_new', 0)} new, "
            f"stored in {result.database}; review with `accords ingest show|accept|reject`"
        )

    emit(result, fmt, render)


@ingest_app.command("list")
def list_(
    article: Annotated[str | None, typer.Option("--article", show_default=False)] = None,
    status: Annotated[
        str | None,
        typer.Option("--status", help="pending, accepted or rejected.", show_default=False),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option("--kind", help="statement, stance, event or entity.", show_default=False),
    ] = None,
    db: DbOption = None,
    fmt: FormatOption = Format.text,
) -> None:
    """List stored candidates."""
    with handle_errors():
        from accords.exceptions import ArticleError
        from accords.ingest.workflow import list_candidates

        if status not in (None, "pending", "accepted", "rejected"):
            raise ArticleError("--status", f"{status!r}; expected pending, accepted or rejected")
        found = list_candidates(db=db, article=article, status=status, kind=kind)  # type: ignore[arg-type]
    _emit_candidates(found, fmt, "candidates")


@ingest_app.command("show")
def show(ids: IdsArgument, db: DbOption = None, fmt: FormatOption = Format.text) -> None:
    """Show candidates in full."""
    with handle_errors():
        from accords.ingest.workflow import show_candidates

        found = show_candidates(ids, db=db)
    _emit_candidates(found, fmt, "candidates")


@ingest_app.command("reject")
def reject(ids: IdsArgument, db: DbOption = None, fmt: FormatOption = Format.text) -> None:
    """Mark candidates rejected."""
    with handle_errors():
        from accords.ingest.accept import reject_candidates
        from accords.monitor.store import open_store

        with open_store(db, create=False) as store:
            result = reject_candidates(store, ids)
    emit(result, fmt, lambda: console.print(f"rejected {len(result.candidates)} candidate(s)"))


@ingest_app.command("accept")
def accept(
    ids: IdsArgument,
    corpus: Annotated[
        Path, typer.Option("--corpus", help="The corpus directory to write (not the embedded).")
    ],
    option: Annotated[
        str | None,
        typer.Option("--option", help="The issue option a stance names.", show_default=False),
    ] = None,
    db: DbOption = None,
    fmt: FormatOption = Format.text,
) -> None:
    """Accept candidates into a corpus directory (and events into the event store)."""
    with handle_errors():
        from accords.ingest.accept import accept_candidates, check_writable_corpus
        from accords.monitor.store import open_store

        check_writable_corpus(corpus)
        with open_store(db, create=False) as store:
            result = accept_candidates(store, ids, corpus_dir=corpus, option=option)

    def render() -> None:
        console.print(
            f"accepted {len(result.candidates)} candidate(s) into {result.corpus}: "
            f"{result.n_sources} source(s), {result.n_stances} stance(s), "
            f"{result.n_parties} part(y/ies), {result.n_events} event(s); "
            f"files: {', '.join(result.files) or 'none'}"
        )

    emit(result, fmt, render)


@ingest_app.command("export")
def export(
    article: Annotated[str, typer.Argument(help="Article id.")],
    plover: Annotated[bool, typer.Option("--plover", help="PLOVER JSON lines (required).")],
    db: DbOption = None,
) -> None:
    """Export an article's event candidates (not rejected) as PLOVER JSON lines."""
    with handle_errors():
        from accords.exceptions import ArticleError
        from accords.ingest.workflow import export_plover

        if not plover:
            raise ArticleError("export", "give --plover (the only export format)")
        lines = export_plover(article, db=db)
    import sys

    sys.stdout.write("".join(line + "\n" for line in lines))
    sys.stdout.flush()


def _emit_candidates(found: Any, fmt: Format, title: str) -> None:
    def render() -> None:
        from accords.report.terminal.ingest import render_candidates

        render_candidates(console, found.candidates, title)

    emit(found, fmt, render)
