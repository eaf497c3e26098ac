"""Commands over the corpus itself: validate, list, schema, init."""

from __future__ import annotations

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
from accords.corpus import corpus_schema
from accords.corpus.files import FILE_MODELS
from accords.corpus.overview import list_corpus, validation_report
from accords.corpus.starter import write_starter_corpus
from accords.exceptions import CorpusError, DefectsFoundError
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
    with handle_errors():  # not a corpus directory at all: exit 2
        report = validation_report(directory)
    data = report.to_record()

    def render() -> None:
        defects = report.defects
        shown = defects[: CorpusError.MAX_SHOWN]
        for d in shown:
            console.print(Text(str(d), style="red"), soft_wrap=True)
        if len(defects) > len(shown):
            console.print(Text(f"... and {len(defects) - len(shown)} more defect(s)", style="red"))
        if defects:
            console.print(
                Text(f"{len(defects)} defect(s)", style="bold red"), Text(f"in {report.path}")
            )
        else:
            counts = ", ".join(f"{n} {k}" for k, n in data["counts"].items())
            console.print(f"[bold green]valid[/]: {Text(report.path)} ({counts})")
            console.print(_basis_line(data["basis"]))

    emit(report, fmt, render)
    if not report.valid:
        raise DefectsFoundError(report.path, len(report.defects))


def _basis_line(basis: dict[str, dict[str, int]]) -> str:
    def part(counts: dict[str, int]) -> str:
        line = f"{counts['quoted']} quoted / {counts['inferred']} inferred / "
        line += f"{counts['assumption']} assumption"
        return line + (f" / {counts['unstated']} unstated" if counts["unstated"] else "")

    return (
        f"basis: {part(basis['total'])} (stance fields {part(basis['stances'])}; "
        f"provision fields {part(basis['provisions'])})"
    )


def list_items(
    what: Annotated[Listing, typer.Argument(help="What to list.")],
    corpus_dir: CorpusOption = None,
    fmt: FormatOption = Format.text,
) -> None:
    """List the agreements, parties, issues or sources of a corpus."""
    with handle_errors():
        corpus = open_corpus(corpus_dir)
        listing = list_corpus(corpus, what.value)

        def render() -> None:
            # One block per item (id and title, then the other fields), so that no id is cut
            # and nothing is squeezed into a narrow column at 80 columns.
            console.print(
                Text(f"{len(listing.items)} {what.value} of {corpus.title}", style="bold")
            )
            for row in listing.items:
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

        emit(listing, fmt, render, table=lambda: listing.items)


def _cell(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


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
