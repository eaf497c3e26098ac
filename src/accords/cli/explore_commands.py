"""Reader's commands: ``accords stances`` and ``accords search``."""

from __future__ import annotations

from typing import Annotated

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
from accords.explore import STANCE_COLUMNS, list_stances, search_with_events
from accords.explore.search import KINDS
from accords.report.terminal.explore import render_search, render_stances

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add stances and search to ``app``."""
    app.command("stances")(stances)
    app.command("search")(search)


def stances(
    party: Annotated[
        str | None, typer.Option("--party", help="Only this party's stances.", show_default=False)
    ] = None,
    issue: Annotated[
        str | None, typer.Option("--issue", help="Only stances on this issue.", show_default=False)
    ] = None,
    source: Annotated[
        str | None,
        typer.Option("--source", help="Only stances quoting this source.", show_default=False),
    ] = None,
    all_: Annotated[
        bool,
        typer.Option("--all", help="Include the placeholders that record no evidence."),
    ] = False,
    corpus_dir: CorpusOption = None,
    fmt: FormatOption = Format.text,
) -> None:
    """Every stance, one row each, with its speaker and quote.

    Columns: ideal, red lines, acceptable options, salience, confidence, date, the speaker
    where the corpus names one, and the quote.
    """
    with handle_errors():
        result = list_stances(
            open_corpus(corpus_dir),
            party=party,
            issue=issue,
            source=source,
            include_unknown=all_,
        )
        emit(
            result,
            fmt,
            lambda: render_stances(console, result),
            table=result.table,
            columns=STANCE_COLUMNS,
        )


def search(
    text: Annotated[str, typer.Argument(metavar="TEXT", help="Words, a phrase or a name.")],
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind", help=f"Only hits of this kind (repeatable): {', '.join((*KINDS, 'event'))}."
        ),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many hits.")] = 10,
    corpus_dir: CorpusOption = None,
    fmt: FormatOption = Format.text,
) -> None:
    """Search provision texts, notes, variants, stances, names, options and sources.

    Hits are ranked (BM25 over words; names and whole phrases count more; a word misspelt
    by a letter or two still matches) and show their kind, id and the passage.
    """
    with handle_errors():
        result = search_with_events(open_corpus(corpus_dir), text, kinds=kind, limit=limit)
        emit(
            result,
            fmt,
            lambda: render_search(console, result),
            table=lambda: [h.model_dump() for h in result.hits],
            columns=("rank", "score", "kind", "id", "field", "title", "passage"),
        )
