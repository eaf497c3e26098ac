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


def render_deps(
    console: Console,
    agreement: Agreement,
    deps: AgreementDeps,
    dependence: Sequence[PartyDependence] = (),
) -> None:
    """Print who must act for each provision, then the summaries."""
    title = Text(f"Who must act: {agreement.title}", style="bold")
    console.print(title)
    console.print(Text(f"drafters: {', '.join(deps.drafters)}", style="dim"))
    table = Table(show_lines=False)
    for column in (
        "label",
        "bearers",
        "drafted",
        "outside the talks",
        "bound via groups",
        "involved",
    ):
        table.add_column(column, overflow="fold")
    for p in deps.provisions:
        table.add_row(
            Text(p.label),
            _join(p.bearers),
            _join(p.drafters),
            Text(", ".join(p.outside_parties) or "—", style="magenta" if p.outside_parties else ""),
            _join(p.bound[len(p.bearers) :]),
            _join(p.involved),
        )
    console.print(table)
    if dependence:
        summary = Table(title="Provisions that depend on the chosen parties")
        for column in ("party", "n", "directly", "as member", "as group"):
            summary.add_column(column, overflow="fold")
        for d in dependence:
            summary.add_row(
                Text(d.party),
                Text(str(d.n_provisions)),
                _join(d.direct),
                _join(d.as_member),
                _join(d.as_group),
            )
        console.print(summary)
    non_drafting = deps.non_drafting_bearers()
    if non_drafting:
        t = Table(title="Must act but did not draft")
        t.add_column("party")
        t.add_column("n", justify="right")
        t.add_column("provisions", overflow="fold")
        for party, labels in non_drafting.items():
            t.add_row(Text(party), Text(str(len(labels))), _join(labels))
        console.print(t)
    outside = deps.outside_provisions()
    line = Text(
        f"{len(outside)} of {len(deps.provisions)} provisions need a party outside the talks"
    )
    if outside:
        line.append(": " + "; ".join(f"{k} ({', '.join(v)})" for k, v in outside.items()))
    console.print(line)


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
    # parties, so this fits a terminal.
    table = Table(show_lines=False, pad_edge=False)
    table.add_column("provision")
    for party in matrix.parties:
        table.add_column(
            Text(party, style="bold" if party in matrix.veto_players else ""),
            justify="center",
            overflow="fold",
        )
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

    summary = Table(title="Per party")
    summary.add_column("party")
    for verdict in VERDICTS:
        summary.add_column(verdict, justify="right")
    summary.add_column("rejected", overflow="fold")
    summary.add_column("deal-breakers", overflow="fold")
    summary.add_column("veto")
    for s in matrix.summaries():
        summary.add_row(
            Text(s.party),
            *(Text(str(s.counts[verdict])) for verdict in VERDICTS),
            _join(s.rejects),
            Text(", ".join(s.deal_breakers) or "—", style="bold red" if s.deal_breakers else ""),
            Text("yes" if s.is_veto_player else ""),
        )
    console.print(summary)
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
            console.print(head, soft_wrap=True)
            for e in c.evidence:
                console.print(Text(f"    “{e.quote}” — {e.source}", style="italic"), soft_wrap=True)
            for v in c.variants:
                if v.verdict != c.verdict:
                    console.print(
                        Text(
                            f"    variant {v.index + 1}: {v.verdict} — {v.reason}", style="yellow"
                        ),
                        soft_wrap=True,
                    )


def render_diff(
    console: Console, corpus: Corpus | None, old: Agreement, new: Agreement, diff: AgreementDiff
) -> None:
    """Print the issue options of both versions and the aligned provisions."""
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

    table = Table(title="Options chosen per issue")
    for column in ("issue", old.id, new.id, "status"):
        table.add_column(column, overflow="fold")
    for ic in diff.issues:
        table.add_row(
            Text(issues[ic.issue].title if ic.issue in issues else ic.issue),
            Text(describe(ic.issue, ic.old_options)),
            Text(describe(ic.issue, ic.new_options)),
            Text(ic.status, style=_STATUS_STYLES[ic.status]),
        )
    console.print(table)
    old_text = {p.label: p.text for p in old.provisions}
    new_text = {p.label: p.text for p in new.provisions}
    rows = Table(title="Provisions")
    for column in ("status", "old", "new", "sim", "text", "also changed"):
        rows.add_column(column, overflow="fold")
    for c in diff.provisions:
        text = new_text[c.new] if c.new else old_text[c.old] if c.old else ""
        rows.add_row(
            Text(c.status, style=_STATUS_STYLES[c.status]),
            Text(c.old or "—"),
            Text(c.new or "—"),
            Text(f"{c.text_similarity:.2f}" if c.old and c.new else ""),
            Text(text),
            _join([x for x in c.changes if x != "text"]),
        )
    console.print(rows)


def render_report_summary(
    console: Console, data: ReportData, path: str, n_bytes: int, seconds: float
) -> None:
    """Print one line per agreement and per version diff, then where the report was written."""
    table = Table(title=Text(f"{data.corpus.title}", style="bold"))
    for column in (
        "agreement",
        "status",
        "provisions",
        "veto players",
        "vetoed by",
        "deal-breakers",
        "need outsiders",
    ):
        table.add_column(column, overflow="fold")
    for s in data.sections:
        m = s.acceptability
        vetoers = sorted({c.party for c in m.vetoes})
        table.add_row(
            Text(s.agreement.id),
            Text(s.agreement.status),
            Text(str(len(s.agreement.provisions))),
            _join(m.veto_players),
            Text(", ".join(vetoers) or "—", style="bold red" if vetoers else "green"),
            Text(str(len(m.deal_breakers))),
            Text(str(len(s.deps.outside_provisions()))),
        )
    console.print(table)
    if data.diffs:
        diffs = Table(title="Version diffs")
        for column in (
            "old → new",
            "added",
            "removed",
            "changed",
            "unchanged",
            "unreported",
            "options changed",
        ):
            diffs.add_column(column, overflow="fold")
        for d in data.diffs:
            counts = d.counts
            changed = [i.issue for i in d.issues if i.status == "changed"]
            diffs.add_row(
                Text(f"{d.old} → {d.new}"),
                *(
                    Text(str(counts[k]))
                    for k in ("added", "removed", "changed", "unchanged", "unreported")
                ),
                _join(changed),
            )
        console.print(diffs)
    line = Text("wrote ", style="green")
    line.append(path, style="bold")
    line.append(f" ({n_bytes / 1e6:.1f} MB) in {seconds:.2f} s")
    console.print(line)
