"""Analysis commands: deps (who must act), acceptability, diff."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from accords.analysis import (
    MIN_TEXT_SIMILARITY,
    assess_acceptability,
    dependence_on,
    diff_agreements,
    who_must_act,
)
from accords.cli.common import (
    CorpusOption,
    Format,
    FormatOption,
    console,
    emit,
    handle_errors,
    open_corpus,
)
from accords.corpus import filter_by_basis
from accords.exceptions import ModelSpecificationError
from accords.model import Corpus
from accords.report.records import acceptability_record, deps_record, diff_record
from accords.report.terminal import render_acceptability, render_deps, render_diff

__all__ = ["parse_party_list", "register"]

PartiesOption = Annotated[
    str | None,
    typer.Option(
        "--party",
        help="Comma-separated party ids, e.g. europe,eu,nato.",
        show_default=False,
    ),
]
TableOption = Annotated[
    str | None,
    typer.Option(
        "--table",
        help=(
            "Comma-separated ids of the parties at the negotiating table (default: the "
            "proposers of any agreement and the parties with a known stance)."
        ),
        show_default=False,
    ),
]


def register(app: typer.Typer) -> None:
    """Add deps, acceptability and diff to ``app``."""
    app.command("deps")(deps)
    app.command("acceptability")(acceptability)
    app.command("diff")(diff)


def parse_party_list(corpus: Corpus, value: str | None, option: str) -> list[str] | None:
    """Split a comma-separated list of party ids and check each against the corpus.

    Raises
    ------
    ModelSpecificationError
        If the list is given but empty.
    UnknownPartyError
        If an id is not a party of the corpus.
    """
    if value is None:
        return None
    ids = [part.strip() for part in value.split(",") if part.strip()]
    if not ids:
        raise ModelSpecificationError(f"{option}: give at least one party id (comma-separated)")
    for party in ids:
        corpus.party(party)
    return list(dict.fromkeys(ids))


def deps(
    agreement_id: Annotated[str, typer.Argument(metavar="AGREEMENT", help="Agreement id.")],
    party: PartiesOption = None,
    table: TableOption = None,
    corpus_dir: CorpusOption = None,
    fmt: FormatOption = Format.text,
) -> None:
    """Who must act for each provision: bearers, drafters, parties outside the talks.

    Group membership is resolved both ways (a provision binding a group binds its members; one
    binding a member involves its groups). With --party, count the provisions that depend on
    those parties.
    """
    with handle_errors():
        corpus = open_corpus(corpus_dir)
        agreement = corpus.agreement(agreement_id)
        parties = parse_party_list(corpus, party, "--party")
        negotiators = parse_party_list(corpus, table, "--table")
        result = who_must_act(corpus, agreement, negotiators=negotiators)
        dependence = dependence_on(result, parties) if parties else ()
        record = deps_record(agreement, result, dependence)
        emit(
            record,
            fmt,
            lambda: render_deps(console, agreement, result, dependence),
            table=lambda: record["provisions"],
        )


def acceptability(
    agreement_id: Annotated[str, typer.Argument(metavar="AGREEMENT", help="Agreement id.")],
    party: PartiesOption = None,
    veto: Annotated[
        str | None,
        typer.Option(
            "--veto",
            help=(
                "Comma-separated veto players (default: the negotiators whose consent a "
                "provision needs)."
            ),
            show_default=False,
        ),
    ] = None,
    table: TableOption = None,
    brief: Annotated[
        bool, typer.Option("--brief", help="Text output: omit the per-cell reasons and quotes.")
    ] = False,
    basis: Annotated[
        str | None,
        typer.Option(
            "--basis",
            help=(
                "Comma-separated bases of the stance fields to use (quoted, inferred, "
                "assumption), e.g. 'quoted': which verdicts survive without inference."
            ),
            show_default=False,
        ),
    ] = None,
    corpus_dir: CorpusOption = None,
    fmt: FormatOption = Format.text,
) -> None:
    """Each party's verdict on each provision, with the reason and the quote.

    Verdicts are accepts, conditional, unknown or rejects; the summary names the deal-breakers
    and whether a veto player rejects any provision. Each verdict carries the basis of the
    stance it rests on; inferred and assumed verdicts are marked.
    """
    with handle_errors():
        corpus = open_corpus(corpus_dir)
        if basis is not None:
            corpus = filter_by_basis(corpus, basis=[b.strip() for b in basis.split(",")])
        agreement = corpus.agreement(agreement_id)
        matrix = assess_acceptability(
            corpus,
            agreement,
            parties=parse_party_list(corpus, party, "--party"),
            veto_players=parse_party_list(corpus, veto, "--veto"),
            negotiators=parse_party_list(corpus, table, "--table"),
        )
        record = acceptability_record(matrix)
        emit(
            record,
            fmt,
            lambda: render_acceptability(console, agreement, matrix, details=not brief),
            table=lambda: [_cell_row(agreement.id, cell) for cell in record["cells"]],
        )


def _cell_row(agreement: str, cell: dict[str, Any]) -> dict[str, Any]:
    """One acceptability cell as a flat CSV row (the first quote behind the verdict)."""
    first = cell["evidence"][0] if cell["evidence"] else {}
    return {
        "agreement": agreement,
        "party": cell["party"],
        "label": cell["label"],
        "verdict": cell["verdict"],
        "needs_consent": cell["needs_consent"],
        "deal_breaker": cell["deal_breaker"],
        "disputed": cell["disputed"],
        "variant_differs": cell["variant_differs"],
        "reason": cell["reason"],
        "source": first.get("source"),
        "quote": first.get("quote"),
    }


def diff(
    old_id: Annotated[str, typer.Argument(metavar="A", help="Id of the older agreement.")],
    new_id: Annotated[str, typer.Argument(metavar="B", help="Id of the newer agreement.")],
    min_similarity: Annotated[
        float,
        typer.Option(
            "--min-similarity",
            help="Least text similarity (token-set Jaccard) to pair provisions that settle "
            "no common issue.",
        ),
    ] = MIN_TEXT_SIMILARITY,
    corpus_dir: CorpusOption = None,
    fmt: FormatOption = Format.text,
) -> None:
    """Compare two agreements: provisions added, removed and changed, and options per issue.

    Provisions are aligned by the issues they settle, then by text similarity (an optimal
    assignment).
    """
    with handle_errors():
        corpus = open_corpus(corpus_dir)
        old, new = corpus.agreement(old_id), corpus.agreement(new_id)
        result = diff_agreements(old, new, min_text_similarity=min_similarity)
        emit(
            diff_record(corpus, old, new, result),
            fmt,
            lambda: render_diff(console, corpus, old, new, result),
        )
