"""Rich renderers of the bargaining reports: ``bargain``, ``amend`` and ``simulate``.

Each takes a console and the report whose ``to_record()`` is the command's JSON document.
Issue, option and party names are wrapped in :class:`rich.text.Text`, never read as markup.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Console
from rich.table import Table
from rich.text import Text

from accords.bargaining import (
    CONCEPTS,
    Amendment,
    AmendmentReport,
    BargainingAnalysis,
    BargainingReport,
    OutcomeSpace,
    SimulationReport,
    Utilities,
)
from accords.bargaining.robust import RobustReport
from accords.bargaining.space import IndexArray
from accords.bargaining.utilities import FloatArray

__all__ = ["render_amendment", "render_bargaining", "render_simulation"]


def _short_package(space: OutcomeSpace, package: IndexArray | None, limit: int = 12) -> Text:
    if package is None:
        return Text("-")
    items = [f"{i}={o}" for i, o in space.describe(package).items() if o is not None]
    more = len(items) - limit
    return Text("\n".join(items[:limit]) + (f"\n(+{more} more)" if more > 0 else ""))


def _solutions_tables(result: BargainingAnalysis, title: str) -> list[Table]:
    """Utilities (party rows) and packages (issue rows), one column per solution concept."""
    u, space = result.utilities, result.space
    sols = [result.solutions[c] for c in CONCEPTS if c in result.solutions]
    utilities = Table(title=f"{title}: utilities", show_lines=False)
    utilities.add_column("party", overflow="fold")
    for sol in sols:
        utilities.add_column(sol.concept, justify="right", overflow="fold")
    utilities.add_column("no deal", justify="right", overflow="fold")
    for k, p in enumerate(u.parties):
        utilities.add_row(
            Text(p),
            *["-" if sol.utilities is None else f"{sol.utilities[k]:.3f}" for sol in sols],
            f"{u.reservation[k]:.3f}",
        )
    utilities.add_row(
        Text("objective", style="dim"),
        *["-" if sol.objective is None else f"{sol.objective:.4f}" for sol in sols],
        "",
    )
    utilities.add_row(
        Text("proof", style="dim"),
        *[
            Text(
                f"{sol.method}: {'optimal' if sol.optimal else 'not proved'}"
                + (f" (gap {sol.gap:.0e})" if sol.method == "mip" and sol.gap is not None else "")
            )
            for sol in sols
        ],
        "",
    )
    packages = Table(title=f"{title}: packages", show_lines=False)
    packages.add_column("issue", overflow="fold")
    for sol in sols:
        packages.add_column(sol.concept, overflow="fold")
    for i, issue in enumerate(space.issues):
        packages.add_row(
            Text(issue),
            *[
                Text(sol.reason or "-")
                if sol.package is None
                else Text(space.options[i][int(sol.package[i])])
                for sol in sols
            ],
        )
    return [utilities, packages]


def _placements_tables(result: BargainingAnalysis, titles: Mapping[str, str]) -> list[Table]:
    u, space = result.utilities, result.space
    style = {"acceptable": "green", "completable": "yellow", "not-acceptable": "red"}
    status = Table(title="agreements of the corpus", show_lines=True)
    for column in ("agreement", "status", "settles", "red lines crossed", "short of no deal"):
        status.add_column(column, overflow="fold")
    for pl in result.placements:
        a = pl.agreement
        status.add_row(
            Text(f"{a.agreement}\n{titles.get(a.agreement, '')}"),
            Text(pl.status, style=style[pl.status]),
            Text(f"{space.n_issues - len(a.open)} of {space.n_issues} issues"),
            Text("; ".join(f"{p}: {i}={o}" for p, i, o in pl.red_lines) or "-"),
            Text(", ".join(pl.short) or "-"),
        )
    ranges = Table(title="agreements: utility over the completions of open issues")
    ranges.add_column("party", overflow="fold")
    for pl in result.placements:
        ranges.add_column(pl.agreement.agreement, justify="right", overflow="fold")
    ranges.add_column("no deal", justify="right", overflow="fold")
    for k, p in enumerate(u.parties):
        ranges.add_row(
            Text(p),
            *[
                f"{pl.low[k]:.3f}"
                if abs(pl.high[k] - pl.low[k]) < 1e-12
                else f"{pl.low[k]:.2f}-{pl.high[k]:.2f}"
                for pl in result.placements
            ],
            f"{u.reservation[k]:.3f}",
        )
    return [status, ranges]


def render_bargaining(console: Console, report: BargainingReport) -> None:
    """Print a :class:`~accords.bargaining.BargainingReport` (``accords bargain``)."""
    result, problem = report.analysis, report.problem
    space, u = result.space, result.utilities
    src = problem.source
    console.print(Text(f"{src.get('title') or src.get('name')}", style="bold"))
    console.print(
        Text(
            f"{len(u.parties)} veto players ({', '.join(u.parties)}), {space.n_issues} issues, "
            f"{space.size:,} packages, {result.zopa.n_admissible:,} admissible"
        )
    )
    z = result.zopa
    zopa = f"{z.size:,}" if z.exact and z.size is not None else f"~{z.estimate:,.0f}"
    front = (
        f"{result.frontier.size:,}" if result.frontier is not None else "not enumerated (too large)"
    )
    console.print(
        Text(f"zone of possible agreement: {zopa} packages ({z.fraction:.3%}); frontier: {front}")
    )
    if not result.feasible:
        console.print(Text("No package is acceptable to every veto player.", style="bold red"))
        if result.diagnosis is not None:
            console.print(Text(result.diagnosis.summary, style="red"))
    else:
        for table in _solutions_tables(result, "solutions"):
            console.print(table)
    if result.relaxed is not None:
        console.print(Text("Relaxed: " + "; ".join(result.relaxed_constraints), style="yellow"))
        for table in _solutions_tables(result.relaxed, "solutions of the relaxed problem"):
            console.print(table)
    if result.placements:
        for table in _placements_tables(result, problem.titles):
            console.print(table)
    for note in u.notes:
        console.print(Text(f"note: {note}", style="dim"))


def _amendment_tables(
    console: Console,
    agreement_id: str,
    u: Utilities,
    result: Amendment,
    low: FloatArray,
    high: FloatArray,
    where: str | None,
) -> None:
    scope = f" ({where})" if where else ""
    console.print(
        Text(
            f"Smallest acceptable amendment of {agreement_id}{scope}: {result.n_changes} "
            f"change(s) ({result.method}, {'proved optimal' if result.optimal else 'not proved'})",
            style="bold",
        )
    )
    table = Table(show_lines=False)
    for column in ("issue", "draft", "amended"):
        table.add_column(column, overflow="fold")
    for i, a, b in result.changes:
        table.add_row(Text(i), Text(a), Text(b, style="bold"))
    for i, o in result.completions:
        table.add_row(Text(i), Text("(open)", style="dim"), Text(o))
    console.print(table)
    util = Table(title="utilities")
    for column in ("party", "draft (low-high)", "amended", "reservation"):
        util.add_column(column, overflow="fold")
    for k, p in enumerate(u.parties):
        util.add_row(
            Text(p),
            f"{low[k]:.3f}-{high[k]:.3f}",
            f"{result.utilities[k]:.3f}",
            f"{u.reservation[k]:.3f}",
        )
    console.print(util)


def render_amendment(console: Console, report: AmendmentReport) -> None:
    """Print an :class:`~accords.bargaining.AmendmentReport` (``accords amend``)."""
    name = report.agreement_id
    if report.amendment is not None:
        _amendment_tables(
            console,
            name,
            report.problem.utilities,
            report.amendment,
            report.low,
            report.high,
            None,
        )
        return
    console.print(
        Text(
            f"No amendment of {name} is acceptable to every veto player: no package is.",
            style="bold red",
        )
    )
    if report.diagnosis is not None:
        console.print(Text(report.diagnosis.summary, style="red"))
    if report.relaxed is not None and report.relaxed_utilities is not None:
        console.print(Text("Relaxed: " + "; ".join(report.relaxed_constraints), style="yellow"))
        _amendment_tables(
            console,
            name,
            report.relaxed_utilities,
            report.relaxed,
            report.low,
            report.high,
            "relaxed problem",
        )


def render_simulation(console: Console, report: SimulationReport) -> None:
    """Print a :class:`~accords.bargaining.SimulationReport` (``accords simulate``)."""
    run, nash, u = report.run, report.nash, report.problem.utilities
    if report.relaxed_constraints:
        console.print(Text("Relaxed: " + "; ".join(report.relaxed_constraints), style="yellow"))
    tactics = ", ".join(f"{p} beta={b:g}" for p, b in run.betas.items())
    console.print(Text(f"alternating offers, {run.n_rounds} rounds; {tactics}", style="bold"))
    if run.agreement is None:
        console.print(Text(f"No agreement: {run.reason}. Everyone gets no deal.", style="red"))
    else:
        console.print(Text(f"Agreement in round {run.round} (of {run.n_rounds})", style="green"))
    table = Table()
    for column in ("party", "outcome", "Nash", "reservation"):
        table.add_column(column, justify="right", overflow="fold")
    for k, p in enumerate(u.parties):
        table.add_row(
            Text(p),
            f"{run.utilities[k]:.3f}",
            "-" if nash is None or nash.utilities is None else f"{nash.utilities[k]:.3f}",
            f"{u.reservation[k]:.3f}",
        )
    console.print(table)
    if run.agreement is not None:
        console.print(_short_package(report.problem.space, run.agreement, limit=40))
    if report.trace:
        offers = Table(title="offers")
        for column in ("round", "proposer", *u.parties, "accepted by"):
            offers.add_column(column, overflow="fold")
        for o in run.offers:
            offers.add_row(
                str(o.round),
                Text(o.proposer),
                *[f"{v:.3f}" for v in o.utilities],
                Text(", ".join(o.accepted_by)),
            )
        console.print(offers)


def render_robust(console: Console, report: RobustReport) -> None:
    """The most robust package, its probability, who rejects it and what decides it."""
    low, high = report.interval_95
    console.print(
        Text(
            f"Most robust package over {report.n_draws} drawn scenarios "
            f"({'proved optimal' if report.optimal else 'best found'}; seed {report.seed})",
            style="bold",
        )
    )
    console.print(
        Text(
            f"accepted by every veto player in {report.probability:.2%} of "
            f"{report.n_evaluation_draws} independent draws (95 % interval {low:.2%}-{high:.2%}; "
            f"{report.in_sample_share:.1%} of the searched scenarios)"
        )
    )
    for issue, option in report.package.items():
        console.print(Text(f"  {issue}: {option}"))
    console.print(Text("rejected by (share of draws):", style="bold"))
    for party, share in sorted(report.party_rejection.items(), key=lambda kv: -kv[1]):
        console.print(Text(f"  {party}: {share:.1%}"))
    if report.sensitivity:
        console.print(
            Text("uncertain stances that decide it (largest effect first):", style="bold")
        )
        for s in report.sensitivity:
            console.print(Text(f"  {s.stance} ({s.kind}): {s.effect:+.3f}"))
