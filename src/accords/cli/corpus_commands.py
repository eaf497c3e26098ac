"""Commands over the corpus itself: validate, list, schema, init."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.text import Text

from accords._version import __version__
from accords.cli.common import (
    CorpusOption,
    Format,
    FormatOption,
    console,
    emit,
    handle_errors,
    open_corpus,
    write_json,
)
from accords.corpus import basis_counts, corpus_schema, default_corpus_path, validate_corpus
from accords.corpus.files import FILE_MODELS
from accords.corpus.starter import write_starter_corpus
from accords.model import Corpus
from accords.model.documents import SCHEMA_VERSION, document_schemas

__all__ = ["register"]


class Listing(StrEnum):
    agreements = "agreements"
    parties = "parties"
    issues = "issues"
    sources = "sources"


def register(app: typer.Typer) -> None:
    """Add validate, list, schema and init to ``app``."""
    app.command("validate")(validate)
    app.command("list")(list_items)
    app.command("schema")(schema)
    app.command("init")(init)


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
        data["basis"] = basis_counts(corpus).to_record()

    def render() -> None:
        for d in defects:
            console.print(Text(str(d), style="red"), soft_wrap=True)
        if defects:
            console.print(f"[bold red]{len(defects)} defect(s)[/] in {path}")
        else:
            counts = ", ".join(f"{n} {k}" for k, n in data["counts"].items())
            console.print(f"[bold green]valid[/]: {Text(str(path))} ({counts})")
            console.print(_basis_line(data["basis"]))

    emit(data, fmt, render)
    if defects:
        raise typer.Exit(1)


def _basis_line(basis: dict[str, dict[str, int]]) -> str:
    def part(counts: dict[str, int]) -> str:
        line = f"{counts['quoted']} quoted / {counts['inferred']} inferred / "
        line += f"{counts['assumption']} assumption"
        return line + (f" / {counts['unstated']} unstated" if counts["unstated"] else "")

    return (
        f"basis: {part(basis['total'])} (stance fields {part(basis['stances'])}; "
        f"provision fields {part(basis['provisions'])})"
    )


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

        def render() -> None:
            # One block per item (id and title, then the other fields), so that no id is cut
            # and nothing is squeezed into a narrow column at 80 columns.
            console.print(Text(f"{len(rows)} {what.value} of {corpus.title}", style="bold"))
            for row in rows:
                head = Text(str(row["id"]), style="bold")
                label = row.get("title") or row.get("name")
                if label:
                    head.append(f"  {label}")
                console.print(head)
                facts = [
                    f"{k}: {_cell(v)}"
                    for k, v in row.items()
                    if k not in {"id", "title", "name"} and v not in (None, [], "")
                ]
                console.print(Text("    " + "; ".join(facts), style="dim"))

        emit(rows, fmt, render, table=lambda: rows)


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


def schema(
    file: Annotated[
        str | None,
        typer.Option("--file", help=f"One file's schema: {', '.join(FILE_MODELS)}."),
    ] = None,
    output: Annotated[
        bool,
        typer.Option(
            "--output",
            help="The JSON Schemas of every command's --format json document instead, by kind.",
        ),
    ] = False,
) -> None:
    """Print the JSON Schema of the corpus files (one JSON document).

    With --output, print instead the versioned JSON Schema of every output document (what each
    reporting command prints with --format json), keyed by the document's kind.
    """
    with handle_errors():
        if output:
            document = {
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "$id": f"urn:accords:documents:v{SCHEMA_VERSION}",
                "schema_version": SCHEMA_VERSION,
                "accords_version": __version__,
                "documents": document_schemas(),
            }
        else:
            document = corpus_schema(file)
    write_json(document)


def init(
    directory: Annotated[Path, typer.Argument(help="New (or empty) directory to write.")],
    fmt: FormatOption = Format.text,
) -> None:
    """Write a small valid starter corpus to edit: two parties, two issues, one agreement.

    Then check it with ``accords validate DIR`` and see it with ``accords report --corpus DIR``.
    """
    with handle_errors():
        written = write_starter_corpus(directory)

        def render() -> None:
            console.print(Text(f"wrote a starter corpus to {written.directory}:", style="bold"))
            for name in written.files:
                console.print(Text(f"  {name}"))
            console.print(
                Text(
                    f"next: accords validate {written.directory}; "
                    f"accords report --corpus {written.directory} --out report.html"
                )
            )

        emit(written, fmt, render)
