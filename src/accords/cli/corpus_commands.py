"""Commands over the corpus itself: validate, list, show, schema."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
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
    err_console,
    handle_errors,
    open_corpus,
)
from accords.corpus import corpus_schema, default_corpus_path, validate_corpus
from accords.corpus.files import FILE_MODELS
from accords.exceptions import CorpusError
from accords.model import Agreement, Corpus, Provision

__all__ = ["register"]


class Listing(StrEnum):
    agreements = "agreements"
    parties = "parties"
    issues = "issues"
    sources = "sources"


def register(app: typer.Typer) -> None:
    """Add validate, list, show and schema to ``app``."""
    app.command("validate")(validate)
    app.command("list")(list_items)
    app.command("schema")(schema)
    show = typer.Typer(
        help="Show one agreement or provision with its evidence.", no_args_is_help=True
    )
    show.command("agreement")(show_agreement)
    show.command("provision")(show_provision)
    app.add_typer(show, name="show")


def validate(
    directory: Annotated[
        Path | None, typer.Argument(help="Corpus directory (default: the embedded corpus).")
    ] = None,
    fmt: FormatOption = Format.text,
) -> None:
    """Check a corpus: structure, types, references and every quote against its source.

    Exits 1 and lists each defect as ``file:line: message`` when there are any.
    """
    path = directory if directory is not None else default_corpus_path()
    with handle_errors():  # not a corpus directory at all: exit 2
        defects = validate_corpus(path)
    data: dict[str, Any] = {
        "corpus": str(path),
        "valid": not defects,
        "n_defects": len(defects),
        "defects": [{"file": d.file, "line": d.line, "message": d.message} for d in defects],
    }
    if not defects:
        corpus = open_corpus(directory)
        data["counts"] = _counts(corpus)

    def render() -> None:
        shown = defects[: CorpusError.MAX_SHOWN]
        for d in shown:
            console.print(Text(str(d), style="red"), soft_wrap=True)
        if len(defects) > len(shown):
            console.print(Text(f"... and {len(defects) - len(shown)} more defect(s)", style="red"))
        if defects:
            console.print(Text(f"{len(defects)} defect(s)", style="bold red"), Text(f"in {path}"))
        else:
            counts = ", ".join(f"{n} {k}" for k, n in data["counts"].items())
            console.print(f"[bold green]valid[/]: {Text(str(path))} ({counts})")

    emit(data, fmt, render)
    if defects:
        raise typer.Exit(1)


def _counts(corpus: Corpus) -> dict[str, int]:
    return {
        "sources": len(corpus.sources),
        "parties": len(corpus.parties),
        "issues": len(corpus.issues),
        "agreements": len(corpus.agreements),
        "provisions": sum(len(a.provisions) for a in corpus.agreements),
        "stances": len(corpus.stances),
        "quotes": _count_quotes(corpus),
    }


def _count_quotes(corpus: Corpus) -> int:
    dumped = json.dumps(corpus.model_dump(mode="json"))
    return dumped.count('"quote":')


def list_items(
    what: Annotated[Listing, typer.Argument(help="What to list.")],
    corpus_dir: CorpusOption = None,
    fmt: FormatOption = Format.text,
) -> None:
    """List the agreements, parties, issues or sources of a corpus."""
    with handle_errors():
        corpus = open_corpus(corpus_dir)
    rows = _rows(corpus, what)
    columns = list(rows[0]) if rows else []

    def render() -> None:
        table = Table(title=f"{what.value} of {corpus.title}")
        for column in columns:
            table.add_column(column)
        for row in rows:
            table.add_row(*(Text(_cell(row[c])) for c in columns))
        console.print(table)

    emit(rows, fmt, render)


def _cell(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def _rows(corpus: Corpus, what: Listing) -> list[dict[str, Any]]:
    if what is Listing.agreements:
        return [
            {
                "id": a.id,
                "title": a.title,
                "date": a.date.isoformat() if a.date else None,
                "status": a.status,
                "proposers": list(a.proposers),
                "derived_from": a.derived_from,
                "n_points": len(a.top_level),
                "n_provisions": len(a.provisions),
            }
            for a in corpus.agreements
        ]
    if what is Listing.parties:
        return [
            {
                "id": p.id,
                "name": p.name,
                "kind": p.kind,
                "members": list(p.members),
                "member_of": sorted(corpus.groups_of(p.id)),
                "representatives": [r.name for r in p.representatives],
            }
            for p in corpus.parties
        ]
    if what is Listing.issues:
        return [
            {
                "id": i.id,
                "title": i.title,
                "category": i.category,
                "options": [f"{o.id} ({o.position:g})" for o in i.options],
                "n_stances": sum(1 for s in corpus.stances if s.issue == i.id),
            }
            for i in corpus.issues
        ]
    return [
        {
            "id": s.id,
            "title": s.title,
            "published": s.published.isoformat() if s.published else None,
            "outlet": s.outlet,
            "author": s.author,
            "kind": s.kind,
            "path": s.path,
        }
        for s in corpus.sources
    ]


def show_agreement(
    agreement_id: Annotated[str, typer.Argument(metavar="ID", help="Agreement id.")],
    corpus_dir: CorpusOption = None,
    fmt: FormatOption = Format.text,
) -> None:
    """Show an agreement: every provision with bearers, modality, quantities and evidence."""
    with handle_errors():
        corpus = open_corpus(corpus_dir)
        agreement = corpus.agreement(agreement_id)
    data = agreement.model_dump(mode="json")
    data["n_points"] = len(agreement.top_level)
    data["n_provisions"] = len(agreement.provisions)

    def render() -> None:
        _render_agreement(corpus, agreement)

    emit(data, fmt, render)


def _render_agreement(corpus: Corpus, agreement: Agreement) -> None:
    head = Text(f"{agreement.title}", style="bold")
    head.append(f"  [{agreement.id}] {agreement.status}", style="dim")
    console.print(head)
    console.print(
        Text(
            f"proposed by {', '.join(agreement.proposers)}"
            + (f"; revises {agreement.derived_from}" if agreement.derived_from else "")
            + f"; {len(agreement.top_level)} points, {len(agreement.provisions)} provisions"
        )
    )
    table = Table(show_lines=False)
    for column in ("label", "modality", "bearers", "text", "quantities", "evidence"):
        table.add_column(column, overflow="fold")
    for p in agreement.provisions:
        table.add_row(
            Text(p.label),
            Text(p.modality),
            Text(", ".join(p.bearers)),
            Text(p.text),
            Text(_quantities(p)),
            Text(", ".join(sorted({e.source for e in p.evidence}))),
        )
    console.print(table)


def _quantities(provision: Provision) -> str:
    return "; ".join(
        f"{'~' if q.approximate else ''}{q.value:,.10g} {q.unit}" for q in provision.quantities
    )


def show_provision(
    agreement_id: Annotated[str, typer.Argument(metavar="AGREEMENT", help="Agreement id.")],
    label: Annotated[str, typer.Argument(metavar="LABEL", help="Provision label, e.g. 21.d.")],
    corpus_dir: CorpusOption = None,
    fmt: FormatOption = Format.text,
) -> None:
    """Show one provision with its evidence quotes and their sources."""
    with handle_errors():
        corpus = open_corpus(corpus_dir)
        provision = corpus.agreement(agreement_id).provision(label)
    data = {"agreement": agreement_id, **provision.model_dump(mode="json")}
    for item in data["evidence"]:
        source = corpus.source(item["source"])
        item["source_title"] = source.title
        item["source_kind"] = source.kind

    def render() -> None:
        console.print(Text(f"{agreement_id} {provision.label}: {provision.text}", style="bold"))
        console.print(
            Text(
                f"{provision.modality}; bearers: {', '.join(provision.bearers) or '-'}; "
                f"beneficiaries: {', '.join(provision.beneficiaries) or '-'}"
            )
        )
        if provision.quantities:
            console.print(Text(f"quantities: {_quantities(provision)}"))
        for s in provision.settles:
            console.print(Text(f"settles {s.issue}: {s.option}"))
        for item in data["evidence"]:
            console.print(Text(f"  “{item['quote']}”", style="italic"))
            console.print(
                Text(f"    — {item['source_title']} ({item['source_kind']})", style="dim")
            )
        for v in provision.variants:
            console.print(Text(f"variant: {v.text}", style="yellow"))
            for e in v.evidence:
                console.print(Text(f"  “{e.quote}” — {e.source}", style="italic"))

    emit(data, fmt, render)


def schema(
    file: Annotated[
        str | None,
        typer.Option("--file", help=f"One file's schema: {', '.join(FILE_MODELS)}."),
    ] = None,
) -> None:
    """Print the JSON Schema of the corpus files (one JSON document)."""
    try:
        document = corpus_schema(file)
    except KeyError as err:
        err_console.print(Text(f"error: {err.args[0]}", style="red"))
        raise typer.Exit(2) from None
    sys.stdout.write(json.dumps(document, indent=2) + "\n")
