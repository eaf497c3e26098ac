"""Rich renderers of the analyses: who must act, acceptability, version diffs, report summary.

Corpus text is always wrapped in :class:`rich.text.Text`, so that ``[brackets]`` in a quote are
printed, never read as markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from accords.analysis import (
    VERDICTS,
    AcceptabilityMatrix,
    AgreementDeps,
    AgreementDiff,
    PartyDependence,
)
from accords.model import Agreement, Corpus
from accords.report.data import ReportData

__all__ = [
    "VERDICT_STYLES",
    "VERDICT_SYMBOLS",
    "render_acceptability",
    "render_deps",
    "render_diff",
    "render_report_summary",
]

VERDICT_SYMBOLS = {"accepts": "✓", "conditional": "~", "unknown": "·", "rejects": "✗"}
VERDICT_STYLES = {
    "accepts": "bold green",
    "conditional": "bold yellow",
    "unknown": "dim",
    "rejects": "bold red",
}
_STATUS_STYLES = {
    "added": "green",
    "removed": "red",
    "unreported": "dim",
    "changed": "yellow",
    "unchanged": "dim",
}


def _join(items: Sequence[str]) -> Text:
    return Text(", ".join(items) if items else "—")


def _facts(*pairs: tuple[str, str]) -> str:
    return "; ".join(f"{k}: {v}" for k, v in pairs if v)


def render_deps(
    console: Console,
    agreement: Agreement,
    deps: AgreementDeps,
    dependence: Sequence[PartyDependence] = (),
) -> None:
    """Print who must act for each provision (one block each, so that no id is cut at any
    width), then the summaries."""
    console.print(Text(f"Who must act: {agreement.title}", style="bold"))
    console.print(Text(f"drafters: {', '.join(deps.drafters)}", style="dim"))
    for p in deps.provisions:
        line = Text(f"{p.label:>5}  ", style="bold")
        line.append(
            _facts(
                ("bearers", ", ".join(p.bearers) or "—"),
                ("drafted", ", ".join(p.drafters)),
                ("bound via groups", ", ".join(p.bound[len(p.bearers) :])),
                ("involved", ", ".join(p.involved)),
            )
        )
        if p.outside_parties:
            line.append(f"; outside the talks: {', '.join(p.outside_parties)}", style="magenta")
        console.print(line)
    if dependence:
        console.print(Text("\nProvisions that depend on the chosen parties", style="bold"))
        for d in dependence:
            line = Text(f"  {d.party}", style="bold")
            line.append(
                f" ({d.n_provisions}) "
                + _facts(
                    ("directly", ", ".join(d.direct)),
                    ("as member", ", ".join(d.as_member)),
                    ("as group", ", ".join(d.as_group)),
                )
            )
            console.print(line)
    non_drafting = deps.non_drafting_bearers()
    if non_drafting:
        console.print(Text("\nMust act but did not draft", style="bold"))
        for party, labels in non_drafting.items():
            line = Text(f"  {party}", style="bold")
            line.append(f" ({len(labels)}): {', '.join(labels)}")
            console.print(line)
    outside = deps.outside_provisions()
    line = Text(
        f"{len(outside)} of {len(deps.provisions)} provisions need a party outside the talks"
    )
    if outside:
        line.append(": " + "; ".join(f"{k} ({', '.join(v)})" for k, v in outside.items()))
    console.print(line)


def _matrix_headers(console: Console, parties: Sequence[str]) -> list[str]:
    """Party ids as column headers where they fit the terminal, else numbers with a key."""
    needed = len("provision") + sum(max(len(p), 3) + 3 for p in parties)
    if needed <= console.width:
        return list(parties)
    key = Text("parties: ", style="dim")
    key.append("; ".join(f"{k} = {p}" for k, p in enumerate(parties, 1)), style="dim")
    console.print(key)
    return [str(k) for k in range(1, len(parties) + 1)]


def render_acceptability(
    console: Console, agreement: Agreement, matrix: AcceptabilityMatrix, *, details: bool = True
) -> None:
    """Print the verdict matrix, the per-party summary, veto players and the known verdicts."""
    console.print(Text(f"Acceptability: {agreement.title}", style="bold"))
    legend = Text("  ")
    for verdict in VERDICTS:
        legend.append(f"{VERDICT_SYMBOLS[verdict]} {verdict}  ", style=VERDICT_STYLES[verdict])
    legend.append(
        "  (* deal-breaker, i inferred, a assumed, d disputed, v variant differs; "
        "inferred and assumed verdicts are dimmed)",
        style="dim",
    )
    console.print(legend)
    # One row per provision, one column per party: agreements have many more provisions than
    # parties, so this fits a terminal; where the party ids do not, columns are numbered.
    table = Table(show_lines=False, pad_edge=False)
    table.add_column("provision", no_wrap=True)
    for party, header in zip(matrix.parties, _matrix_headers(console, matrix.parties), strict=True):
        style = "bold" if party in matrix.veto_players else ""
        table.add_column(Text(header, style=style), justify="center", no_wrap=True)
    n = len(matrix.labels)
    for j, label in enumerate(matrix.labels):
        cells = []
        for i in range(len(matrix.parties)):
            c = matrix.cells[i * n + j]
            style = VERDICT_STYLES[c.verdict] + (" dim italic" if c.inferred else "")
            text = Text(VERDICT_SYMBOLS[c.verdict], style=style)
            marks = "".join(
                m
                for m, on in (
                    ("*", c.deal_breaker),
                    ("i", c.basis == "inferred"),
                    ("a", c.assumed or c.basis == "assumption"),
                    ("d", c.disputed),
                    ("v", c.variant_differs),
                )
                if on
            )
            if marks:
                text.append(marks, style="bold")
            cells.append(text)
        table.add_row(Text(label), *cells)
    console.print(table)

    console.print(Text("Per party", style="bold"))
    for s in matrix.summaries():
        line = Text(f"  {s.party}", style="bold")
        if s.is_veto_player:
            line.append(" (veto player)", style="bold")
        line.append(": " + ", ".join(f"{s.counts[v]} {v}" for v in VERDICTS))
        if s.rejects:
            line.append(f"; rejects {', '.join(s.rejects)}")
        if s.deal_breakers:
            line.append(f"; deal-breakers {', '.join(s.deal_breakers)}", style="bold red")
        console.print(line)
    line = Text(f"veto players: {', '.join(matrix.veto_players) or '—'}; ")
    if matrix.vetoed:
        line.append("VETOED: ", style="bold red")
        line.append("; ".join(f"{c.party} rejects {c.label}" for c in matrix.vetoes))
    else:
        line.append("no veto player is known to reject a provision", style="green")
    console.print(line)
    if details:
        for c in matrix.cells:
            if c.verdict == "unknown" and not c.variant_differs:
                continue
            head = Text(f"{c.party} · {c.label}: ", style="bold")
            head.append(c.verdict, style=VERDICT_STYLES[c.verdict])
            head.append(f" — {c.reason}")
            console.print(head)
            for e in c.evidence:
                console.print(Text(f"    “{e.quote}” — {e.source}", style="italic"))
            for v in c.variants:
                if v.verdict != c.verdict:
                    console.print(
                        Text(f"    variant {v.index + 1}: {v.verdict} — {v.reason}", style="yellow")
                    )


def render_diff(
    console: Console, corpus: Corpus | None, old: Agreement, new: Agreement, diff: AgreementDiff
) -> None:
    """Print the issue options of both versions and the aligned provisions, one block each."""
    console.print(Text(f"{old.title}  →  {new.title}", style="bold"))
    counts = Text()
    for status, n in diff.counts.items():
        counts.append(f"{n} {status}  ", style=_STATUS_STYLES[status])
    console.print(counts)
    issues = {i.id: i for i in corpus.issues} if corpus is not None else {}

    def describe(issue: str, options: Sequence[str]) -> str:
        found = issues.get(issue)
        known = {o.id: o.description for o in found.options} if found else {}
        return "; ".join(f"{known[o]} ({o})" if o in known else o for o in options) or "—"

    console.print(Text("\nOptions chosen per issue", style="bold"))
    for ic in diff.issues:
        head = Text(f"  {issues[ic.issue].title if ic.issue in issues else ic.issue} ")
        head.append(f"[{ic.status}]", style=_STATUS_STYLES[ic.status])
        console.print(head)
        console.print(Text(f"      {old.id}: {describe(ic.issue, ic.old_options)}"))
        console.print(Text(f"      {new.id}: {describe(ic.issue, ic.new_options)}"))
    old_text = {p.label: p.text for p in old.provisions}
    new_text = {p.label: p.text for p in new.provisions}
    console.print(Text("\nProvisions", style="bold"))
    for c in diff.provisions:
        text = new_text[c.new] if c.new else old_text[c.old] if c.old else ""
        head = Text("  ")
        head.append(c.status, style=_STATUS_STYLES[c.status])
        head.append(f"  {c.old or '—'} → {c.new or '—'}", style="bold")
        if c.old and c.new:
            head.append(f"  similarity {c.text_similarity:.2f}", style="dim")
        also = [x for x in c.changes if x != "text"]
        if also:
            head.append(f"  also changed: {', '.join(also)}", style="dim")
        console.print(head)
        console.print(Text(f"      {text}"))


def render_report_summary(
    console: Console, data: ReportData, path: str, n_bytes: int, seconds: float
) -> None:
    """Print one block per agreement and per version diff, then where the report was written."""
    console.print(Text(data.corpus.title, style="bold"))
    for s in data.sections:
        m = s.acceptability
        vetoers = sorted({c.party for c in m.vetoes})
        line = Text(f"  {s.agreement.id}", style="bold")
        line.append(
            f" ({s.agreement.status}, {len(s.agreement.provisions)} provisions): "
            + _facts(
                ("veto players", ", ".join(m.veto_players) or "—"),
                ("vetoed by", ", ".join(vetoers) or "—"),
                ("deal-breakers", str(len(m.deal_breakers))),
                ("need outsiders", str(len(s.deps.outside_provisions()))),
            )
        )
        console.print(line)
    for d in data.diffs:
        changed = [i.issue for i in d.issues if i.status == "changed"]
        counts = ", ".join(
            f"{d.counts[k]} {k}" for k in ("added", "removed", "changed", "unchanged", "unreported")
        )
        line = Text(f"  {d.old} → {d.new}", style="bold")
        line.append(f": {counts}; options changed: {', '.join(changed) or '—'}")
        console.print(line)
    line = Text("wrote ", style="green")
    line.append(path, style="bold")
    line.append(f" ({n_bytes / 1e6:.1f} MB) in {seconds:.2f} s")
    console.print(line)
