"""``accords show``: one agreement, provision, party, issue or source with its evidence."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.text import Text

from accords.cli.common import (
    CorpusOption,
    Format,
    FormatOption,
    console,
    emit,
    handle_errors,
    open_corpus,
)
from accords.explore import issue_profile, party_profile, source_profile
from accords.explore.views import agreement_view, provision_view
from accords.formatting import format_date, format_quantity
from accords.model import Agreement, Evidence, Provision
from accords.report.terminal.explore import (
    render_issue_profile,
    render_party_profile,
    render_source_profile,
)

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add the ``show`` group to ``app``."""
    show = typer.Typer(
        help="Show one agreement, provision, party, issue or source with its evidence.",
        no_args_is_help=True,
    )
    show.command("agreement")(show_agreement)
    show.command("provision")(show_provision)
    show.command("party")(show_party)
    show.command("issue")(show_issue)
    show.command("source")(show_source)
    app.add_typer(show, name="show")


def _quantities(provision: Provision) -> str:
    return "; ".join(
        format_quantity(q.value, q.unit, approximate=q.approximate)
        + (f" ({q.measure})" if q.measure else "")
        for q in provision.quantities
    )


def _print_evidence(items: tuple[Evidence, ...], indent: str = "    ") -> None:
    for e in items:
        line = Text(f"{indent}“{e.quote}”", style="italic")
        line.append(f" — {e.source}", style="dim")
        console.print(line)


def _print_provision(p: Provision, *, indent: str = "") -> None:
    head = Text(f"{indent}{p.label}", style="bold")
    head.append(f"  {p.modality}", style="cyan")
    if p.bearers:
        head.append(f"; bearers: {', '.join(p.bearers)}")
    console.print(head)
    console.print(Text(f"{indent}    {p.text}"))
    if p.quantities:
        console.print(Text(f"{indent}    quantities: {_quantities(p)}"))
    for s in p.settles:
        console.print(Text(f"{indent}    settles {s.issue}: {s.option}", style="dim"))
    for k, v in enumerate(p.variants, 1):
        console.print(Text(f"{indent}    variant {k}: {v.text}", style="yellow"))
    for t in p.triggers:
        console.print(Text(f"{indent}    trigger {t.id}: {t.description}", style="magenta"))
    if p.notes:
        console.print(Text(f"{indent}    note: {p.notes.strip()}", style="dim"))
    sources = sorted({e.source for e in p.evidence})
    console.print(Text(f"{indent}    evidence: {', '.join(sources)}", style="dim"))


def show_agreement(
    agreement_id: Annotated[str, typer.Argument(metavar="ID", help="Agreement id.")],
    corpus_dir: CorpusOption = None,
    fmt: FormatOption = Format.text,
) -> None:
    """Show an agreement: date, evidence, notes, then every provision with its variants."""
    with handle_errors():
        view = agreement_view(open_corpus(corpus_dir), agreement_id)
        emit(view, fmt, lambda: _render_agreement(view.agreement))


def _render_agreement(agreement: Agreement) -> None:
    head = Text(agreement.title, style="bold")
    head.append(f"  [{agreement.id}]", style="dim")
    console.print(head)
    facts: list[str] = [agreement.status]
    if agreement.date:
        facts.append(f"dated {format_date(agreement.date)}")
    facts.append(f"proposed by {', '.join(agreement.proposers)}")
    if agreement.derived_from:
        facts.append(f"revises {agreement.derived_from}")
    if not agreement.complete:
        facts.append("partial text (provisions absent here are unreported)")
    facts.append(f"{len(agreement.top_level)} points, {len(agreement.provisions)} provisions")
    console.print(Text("; ".join(facts)))
    console.print(Text(f"sources: {', '.join(agreement.sources)}", style="dim"))
    if agreement.notes:
        console.print(Text(f"note: {agreement.notes.strip()}", style="dim"))
    _print_evidence(agreement.evidence, indent="  ")
    console.print()
    for p in agreement.provisions:
        _print_provision(p, indent="  " if not p.is_top_level else "")


def show_provision(
    agreement_id: Annotated[str, typer.Argument(metavar="AGREEMENT", help="Agreement id.")],
    label: Annotated[str, typer.Argument(metavar="LABEL", help="Provision label, e.g. 21.d.")],
    corpus_dir: CorpusOption = None,
    fmt: FormatOption = Format.text,
) -> None:
    """Show one provision, its lettered sub-points, and its evidence quotes and sources."""
    with handle_errors():
        view = provision_view(open_corpus(corpus_dir), agreement_id, label)
        data = view.to_record()
        emit(
            data,
            fmt,
            lambda: _render_provision(agreement_id, view.provision, list(view.sub_points), data),
        )


def _render_provision(
    agreement_id: str, provision: Provision, sub_points: list[Provision], data: dict[str, Any]
) -> None:
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
        console.print(Text(f"    — {item['source_title']} ({item['source_kind']})", style="dim"))
    for v in provision.variants:
        console.print(Text(f"variant: {v.text}", style="yellow"))
        _print_evidence(v.evidence)
    for t in provision.triggers:
        console.print(Text(f"trigger {t.id}: {t.description}", style="magenta"))
    bases = ", ".join(f"{k} {v}" for k, v in provision.field_bases().items())
    console.print(Text(f"basis: {bases or 'not stated'}", style="dim"))
    if provision.inference:
        console.print(Text(f"  inferred: {provision.inference}", style="dim"))
    for a in provision.ambiguities:
        console.print(Text(f"ambiguity: “{a.quote}” — {a.source}", style="magenta"))
        console.print(Text(f"  {a.note}"))
    if provision.notes:
        console.print(Text(f"note: {provision.notes.strip()}", style="dim"))
    if sub_points:
        console.print(Text(f"\n{len(sub_points)} sub-point(s)", style="bold underline"))
        for p in sub_points:
            _print_provision(p, indent="  ")


def show_party(
    party_id: Annotated[str, typer.Argument(metavar="ID", help="Party id (see accords list).")],
    corpus_dir: CorpusOption = None,
    fmt: FormatOption = Format.text,
) -> None:
    """Show a party: members, aliases, representatives, stances with quotes, provisions."""
    with handle_errors():
        profile = party_profile(open_corpus(corpus_dir), party_id)
        emit(profile, fmt, lambda: render_party_profile(console, profile))


def show_issue(
    issue_id: Annotated[str, typer.Argument(metavar="ID", help="Issue id (see accords list).")],
    corpus_dir: CorpusOption = None,
    fmt: FormatOption = Format.text,
) -> None:
    """Show an issue: options, every party's stance with quotes, provisions settling it."""
    with handle_errors():
        profile = issue_profile(open_corpus(corpus_dir), issue_id)
        emit(profile, fmt, lambda: render_issue_profile(console, profile))


def show_source(
    source_id: Annotated[str, typer.Argument(metavar="ID", help="Source id (see accords list).")],
    brief: Annotated[bool, typer.Option("--brief", help="Leave out the full text.")] = False,
    corpus_dir: CorpusOption = None,
    fmt: FormatOption = Format.text,
) -> None:
    """Show a source: its metadata, what in the corpus cites it, and its text."""
    with handle_errors():
        profile = source_profile(open_corpus(corpus_dir), source_id)
        emit(profile, fmt, lambda: render_source_profile(console, profile, full=not brief))
