"""``accords bargain``, ``accords amend`` and ``accords simulate``: the bargaining engine.

The problem comes from a corpus (its issues, the parties' stances, reservation values and
agreements; see :mod:`accords.bargaining.from_corpus`) or from a GENIUS scenario folder
(``--genius DIR``). An infeasible problem (no package every veto player accepts) is a finding,
not an error: ``bargain`` reports why and analyses the minimally relaxed problem (exit 0);
``amend`` exits 3 (no solution) after printing the same diagnosis.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import numpy as np
import typer
from rich.table import Table
from rich.text import Text

from accords.bargaining import (
    CONCEPTS,
    AgreementPackage,
    Amendment,
    BargainingAnalysis,
    Diagnosis,
    OutcomeSpace,
    Placement,
    Solution,
    Utilities,
    agreement_package,
    analyse_bargaining,
    diagnose,
    nash_solution,
    read_genius,
    relax_constraints,
    simulate_negotiation,
    smallest_amendment,
    space_from_corpus,
    utilities_from_stances,
    utility_bounds,
)
from accords.bargaining.search import Relaxation
from accords.bargaining.simulate import TACTICS, NegotiationResult
from accords.cli.common import (
    CorpusOption,
    Format,
    FormatOption,
    console,
    emit,
    handle_errors,
    open_corpus,
)
from accords.corpus.yaml_lines import parse_yaml
from accords.exceptions import (
    InfeasibleError,
    InputFormatError,
    ModelSpecificationError,
    UnknownAgreementError,
)

__all__ = ["register"]

GeniusOption = Annotated[
    Path | None,
    typer.Option(
        "--genius",
        help="A GENIUS scenario folder (one domain XML, one profile XML per party) instead of a "
        "corpus.",
        show_default=False,
    ),
]
PartiesOption = Annotated[
    list[str] | None,
    typer.Option(
        "--parties",
        "-p",
        help="Veto players (repeat or comma-separate). Default: every party with a stance "
        "(corpus) or every profile (GENIUS).",
        show_default=False,
    ),
]
IssuesOption = Annotated[
    list[str] | None,
    typer.Option(
        "--issues",
        help="Issues to bargain over (repeat or comma-separate). Default: every issue on which "
        "a veto player states an ideal or red line.",
        show_default=False,
    ),
]
ValuesOption = Annotated[
    Path | None,
    typer.Option(
        "--values",
        help="YAML table of explicit option values: {party: {issue: {option: value}}}.",
        show_default=False,
    ),
]
TimeLimitOption = Annotated[
    float, typer.Option("--time-limit", min=0.1, help="Seconds allowed to each exact search.")
]


def register(app: typer.Typer) -> None:
    """Add ``bargain``, ``amend`` and ``simulate`` to ``app``."""
    app.command("bargain")(bargain)
    app.command("amend")(amend)
    app.command("simulate")(simulate)


# --------------------------------------------------------------------------- loading


@dataclass(frozen=True)
class _Problem:
    space: OutcomeSpace
    utilities: Utilities
    agreements: dict[str, AgreementPackage]
    titles: dict[str, str]
    source: dict[str, Any]


def _split(values: Sequence[str] | None) -> list[str] | None:
    if not values:
        return None
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def _read_values(path: Path) -> dict[str, dict[str, dict[str, float]]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise InputFormatError(str(path), None, f"not UTF-8 text ({err.reason})") from None
    parsed = parse_yaml(text)  # safe, and refuses alias bombs and numbers too long to read
    if parsed.defects:
        first = parsed.defects[0]
        raise InputFormatError(str(path), first.line, f"not valid YAML: {first.message}")
    data = parsed.data
    if not isinstance(data, dict):
        raise InputFormatError(str(path), None, "expected a mapping {party: {issue: {option: v}}}")
    out: dict[str, dict[str, dict[str, float]]] = {}
    for party, issues in data.items():
        if not isinstance(issues, dict):
            raise InputFormatError(str(path), None, f"{party}: expected {{issue: {{option: v}}}}")
        out[str(party)] = {}
        for issue, table in issues.items():
            if not isinstance(table, dict):
                raise InputFormatError(str(path), None, f"{party}.{issue}: expected {{option: v}}")
            try:
                values = {str(o): float(v) for o, v in table.items()}
            except (TypeError, ValueError, OverflowError):
                values = {"": math.nan}
            if not all(math.isfinite(v) for v in values.values()):
                raise InputFormatError(
                    str(path), None, f"{party}.{issue}: every value must be a number (finite)"
                )
            out[str(party)][str(issue)] = values
    return out


def _load(
    corpus_dir: Path | None,
    genius_dir: Path | None,
    parties: Sequence[str] | None,
    issues: Sequence[str] | None,
    values_file: Path | None,
) -> _Problem:
    party_list = _split(parties)
    issue_list = _split(issues)
    if genius_dir is not None:
        if corpus_dir is not None:
            raise ModelSpecificationError("give either --corpus or --genius, not both")
        if issue_list is not None or values_file is not None:
            raise ModelSpecificationError("--issues and --values apply to corpora, not --genius")
        scenario = read_genius(genius_dir, parties=party_list)
        return _Problem(
            scenario.space,
            scenario.utilities,
            {},
            {},
            {
                "kind": "genius",
                "path": str(genius_dir),
                "name": scenario.name,
                "files": dict(scenario.files),
                "discount": dict(scenario.discount),
            },
        )
    corpus = open_corpus(corpus_dir)
    values = _read_values(values_file) if values_file is not None else None
    space = space_from_corpus(corpus, issues=issue_list, parties=party_list)
    utilities = utilities_from_stances(corpus, space, parties=party_list, values=values)
    agreements = {a.id: agreement_package(space, a) for a in corpus.agreements}
    return _Problem(
        space,
        utilities,
        agreements,
        {a.id: a.title for a in corpus.agreements},
        {
            "kind": "corpus",
            "path": str(corpus_dir) if corpus_dir else None,
            "id": corpus.id,
            "title": corpus.title,
        },
    )


# --------------------------------------------------------------------------- JSON pieces


def _num(x: float | None) -> float | None:
    if x is None or not math.isfinite(float(x)):
        return None
    return float(x)


def _package(space: OutcomeSpace, package: np.ndarray | None) -> dict[str, str | None] | None:
    return None if package is None else space.describe(package)


def _by_party(parties: Sequence[str], values: np.ndarray | None) -> dict[str, float] | None:
    if values is None:
        return None
    return {p: float(v) for p, v in zip(parties, values, strict=True)}


def _solution_json(space: OutcomeSpace, utilities: Utilities, sol: Solution) -> dict[str, Any]:
    gains = None if sol.utilities is None else sol.utilities - utilities.reservation
    return {
        "concept": sol.concept,
        "package": _package(space, sol.package),
        "utilities": _by_party(utilities.parties, sol.utilities),
        "gains": _by_party(utilities.parties, gains),
        "objective": _num(sol.objective),
        "bound": _num(sol.bound),
        "gap": _num(sol.gap),
        "optimal": sol.optimal,
        "method": sol.method,
        "n_ties": len(sol.ties),
        "active_parties": list(sol.active),
        "ideal": _by_party(utilities.parties, sol.ideal),
        "reason": sol.reason,
    }


def _relaxation_json(space: OutcomeSpace, utilities: Utilities, r: Relaxation) -> dict[str, Any]:
    return {
        "package": _package(space, r.package),
        "utilities": _by_party(utilities.parties, r.utilities),
        "red_lines_crossed": [{"party": p, "issue": i, "option": o} for p, i, o in r.red_lines],
        "below_reservation": list(r.below_reservation),
        "n_violations": r.n_violations,
        "optimal": r.optimal,
    }


def _diagnosis_json(space: OutcomeSpace, utilities: Utilities, d: Diagnosis) -> dict[str, Any]:
    return {
        "summary": d.summary,
        "blocked_issues": [
            {"issue": issue, "rejected": {o: list(ps) for o, ps in who}}
            for issue, who in d.blocked_issues
        ],
        "short_parties": [
            {"party": p, "best": best, "reservation": res} for p, best, res in d.short_parties
        ],
        "conflicting_pairs": [list(pair) for pair in d.conflicting_pairs],
        "nearest_package": _relaxation_json(space, utilities, d.relaxation),
    }


def _placement_json(
    space: OutcomeSpace,
    utilities: Utilities,
    placement: Placement,
    title: str | None,
    nash: Solution | None,
) -> dict[str, Any]:
    a = placement.agreement
    best = placement.best_completion
    efficiency = None
    if (
        best is not None
        and best.concept == "nash"
        and best.objective is not None
        and nash is not None
        and nash.objective is not None
    ):
        efficiency = math.exp(best.objective - nash.objective)
    return {
        "id": a.agreement,
        "title": title,
        "settled": a.settled,
        "settled_by": a.provisions,
        "open": list(a.open),
        "text_complete": a.text_complete,
        "conflicts": list(a.conflicts),
        "outside_space": list(a.outside),
        "status": placement.status,
        "utilities": {
            p: {"low": float(lo), "high": float(hi)}
            for p, lo, hi in zip(utilities.parties, placement.low, placement.high, strict=True)
        },
        "red_lines_crossed": [
            {"party": p, "issue": i, "option": o} for p, i, o in placement.red_lines
        ],
        "short_parties": list(placement.short),
        "pareto_optimal": placement.pareto_optimal,
        "best_completion": None if best is None else _solution_json(space, utilities, best),
        "nash_efficiency": _num(efficiency),
    }


def _analysis_json(
    problem: _Problem, result: BargainingAnalysis, frontier_rows: int
) -> dict[str, Any]:
    space, utilities = result.space, result.utilities
    front = result.frontier
    rows: list[dict[str, Any]] = []
    if front is not None and frontier_rows > 0:
        order = np.argsort(-front.utilities.sum(axis=1), kind="stable")[:frontier_rows]
        rows = [
            {
                "package": space.describe(front.packages[k]),
                "utilities": _by_party(utilities.parties, front.utilities[k]),
            }
            for k in order
        ]
    nash = result.solutions.get("nash")
    zopa = result.zopa
    return {
        "feasible": result.feasible,
        "frontier": {
            "size": None if front is None else front.size,
            "enumerated": front is not None,
            "note": result.frontier_note,
            "top_by_welfare": rows,
        },
        "zopa": {
            "size": zopa.size,
            "estimate": zopa.estimate,
            "fraction": zopa.fraction,
            "exact": zopa.exact,
            "interval": None if zopa.interval is None else list(zopa.interval),
            "n_samples": zopa.n_samples,
            "n_admissible": zopa.n_admissible,
        },
        "solutions": {c: _solution_json(space, utilities, s) for c, s in result.solutions.items()},
        "agreements": [
            _placement_json(space, utilities, p, problem.titles.get(p.agreement.agreement), nash)
            for p in result.placements
        ],
        "diagnosis": None
        if result.diagnosis is None
        else _diagnosis_json(space, utilities, result.diagnosis),
    }


def _problem_json(problem: _Problem) -> dict[str, Any]:
    space, u = problem.space, problem.utilities
    allowed = [~r.any(axis=0) for r in u.red_lines]
    return {
        "source": problem.source,
        "parties": [
            {
                "id": p,
                "reservation": float(u.reservation[k]),
                "weights": {i: float(w) for i, w in zip(space.issues, u.weights[k], strict=True)},
                "red_lines": {
                    space.issues[i]: [
                        space.options[i][j] for j in np.flatnonzero(u.red_lines[i][k])
                    ]
                    for i in range(space.n_issues)
                    if u.red_lines[i][k].any()
                },
            }
            for k, p in enumerate(u.parties)
        ],
        "issues": [
            {
                "id": issue,
                "options": list(space.options[i]),
                "admissible": [space.options[i][j] for j in np.flatnonzero(allowed[i])],
            }
            for i, issue in enumerate(space.issues)
        ],
        "space_size": space.size,
        "notes": list(u.notes),
    }


# --------------------------------------------------------------------------- rendering


def _short_package(space: OutcomeSpace, package: np.ndarray | None, limit: int = 12) -> Text:
    if package is None:
        return Text("-")
    items = [f"{i}={o}" for i, o in space.describe(package).items() if o is not None]
    more = len(items) - limit
    text = "\n".join(items[:limit]) + (f"\n(+{more} more)" if more > 0 else "")
    return Text(text)


def _solutions_tables(result: BargainingAnalysis, title: str) -> list[Table]:
    """Utilities (party rows) and packages (issue rows), one column per solution concept."""
    u, space = result.utilities, result.space
    sols = [result.solutions[c] for c in CONCEPTS if c in result.solutions]
    utilities = Table(title=f"{title}: utilities", show_lines=False)
    utilities.add_column("party")
    for sol in sols:
        utilities.add_column(sol.concept, justify="right")
    utilities.add_column("no deal", justify="right")
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
    packages.add_column("issue")
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
    ranges.add_column("party")
    for pl in result.placements:
        ranges.add_column(pl.agreement.agreement, justify="right", overflow="fold")
    ranges.add_column("no deal", justify="right")
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


def _render_analysis(problem: _Problem, result: BargainingAnalysis) -> None:
    space, u = result.space, result.utilities
    src = problem.source
    head = Text(f"{src.get('title') or src.get('name')}", style="bold")
    console.print(head)
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


# --------------------------------------------------------------------------- commands


def bargain(
    corpus_dir: CorpusOption = None,
    genius_dir: GeniusOption = None,
    parties: PartiesOption = None,
    issues: IssuesOption = None,
    values_file: ValuesOption = None,
    max_frontier: Annotated[
        int,
        typer.Option(
            "--max-frontier", min=1, help="Candidate limit of the frontier before exact search."
        ),
    ] = 200_000,
    frontier_rows: Annotated[
        int,
        typer.Option("--frontier-rows", min=0, help="Frontier packages listed (best welfare)."),
    ] = 10,
    time_limit: TimeLimitOption = 60.0,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the ZOPA sampling if needed.")] = 0,
    fmt: FormatOption = Format.text,
) -> None:
    """Is there a package every veto player accepts, and which one is fairest?

    Prints the size of the Pareto frontier of the acceptable region, the Nash,
    Kalai-Smorodinsky, egalitarian and max-welfare packages with each party's utility, the size
    of the zone of possible agreement, and each agreement of the corpus placed against them.
    When nothing is acceptable it says which red lines or parties block, and repeats the analysis
    with the fewest constraints relaxed.
    """
    with handle_errors():
        problem = _load(corpus_dir, genius_dir, parties, issues, values_file)
        result = analyse_bargaining(
            problem.space,
            problem.utilities,
            agreements=list(problem.agreements.values()),
            max_frontier=max_frontier,
            time_limit=time_limit,
            seed=seed,
        )
    data = _problem_json(problem)
    data.update(_analysis_json(problem, result, frontier_rows))
    data["relaxed"] = (
        None
        if result.relaxed is None
        else {
            "relaxed_constraints": list(result.relaxed_constraints),
            **_analysis_json(problem, result.relaxed, frontier_rows),
        }
    )
    emit(data, fmt, lambda: _render_analysis(problem, result))


def amend(
    agreement_id: Annotated[str, typer.Argument(metavar="AGREEMENT", help="Agreement id.")],
    corpus_dir: CorpusOption = None,
    parties: PartiesOption = None,
    issues: IssuesOption = None,
    values_file: ValuesOption = None,
    time_limit: TimeLimitOption = 60.0,
    fmt: FormatOption = Format.text,
) -> None:
    """The smallest amendment of an agreement that every veto player accepts.

    Changes the fewest issues the agreement settles (issues it leaves open are completed and not
    counted), then maximises the Nash product. Exits 3 when no package at all is acceptable,
    after printing why.
    """
    with handle_errors():
        problem = _load(corpus_dir, None, parties, issues, values_file)
        if agreement_id not in problem.agreements:
            raise UnknownAgreementError(agreement_id, known=problem.agreements)
        placed = problem.agreements[agreement_id]
        space, u = problem.space, problem.utilities
        low, high = utility_bounds(u, placed.package)
        base: dict[str, Any] = {
            "agreement": agreement_id,
            "title": problem.titles.get(agreement_id),
            "settled": placed.settled,
            "open": list(placed.open),
            "conflicts": list(placed.conflicts),
            "draft_utilities": {
                p: {"low": float(lo), "high": float(hi)}
                for p, lo, hi in zip(u.parties, low, high, strict=True)
            },
            "reservation": _by_party(u.parties, u.reservation),
            "notes": list(u.notes),
        }
        try:
            result = smallest_amendment(space, u, placed.package, time_limit=time_limit)
        except InfeasibleError:
            diagnosis = diagnose(space, u, time_limit=time_limit)
            relaxed_u, relaxed_what = relax_constraints(space, u, diagnosis.relaxation)
            relaxed = smallest_amendment(space, relaxed_u, placed.package, time_limit=time_limit)
            data = {
                **base,
                "feasible": False,
                "diagnosis": _diagnosis_json(space, u, diagnosis),
                "relaxed": {
                    "relaxed_constraints": list(relaxed_what),
                    **_amendment_json(space, relaxed_u, relaxed),
                },
            }

            def render_infeasible() -> None:
                console.print(
                    Text(
                        f"No amendment of {agreement_id} is acceptable to every veto player: "
                        "no package is.",
                        style="bold red",
                    )
                )
                console.print(Text(diagnosis.summary, style="red"))
                console.print(Text("Relaxed: " + "; ".join(relaxed_what), style="yellow"))
                _render_amendment(agreement_id, relaxed_u, relaxed, low, high, "relaxed problem")

            emit(data, fmt, render_infeasible)
            raise typer.Exit(3) from None
    data = {**base, "feasible": True, **_amendment_json(space, u, result)}
    emit(data, fmt, lambda: _render_amendment(agreement_id, u, result, low, high, None))


def _amendment_json(space: OutcomeSpace, u: Utilities, result: Amendment) -> dict[str, Any]:
    return {
        "n_changes": result.n_changes,
        "changes": [{"issue": i, "from": a, "to": b} for i, a, b in result.changes],
        "completions": [{"issue": i, "option": o} for i, o in result.completions],
        "package": space.describe(result.package),
        "utilities": _by_party(u.parties, result.utilities),
        "reservation": _by_party(u.parties, u.reservation),
        "gains": _by_party(u.parties, result.utilities - u.reservation),
        "tie_break": result.tie_break,
        "objective": result.objective,
        "optimal": result.optimal,
        "method": result.method,
    }


def _render_amendment(
    agreement_id: str,
    u: Utilities,
    result: Amendment,
    low: np.ndarray,
    high: np.ndarray,
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
        table.add_column(column)
    for i, a, b in result.changes:
        table.add_row(Text(i), Text(a), Text(b, style="bold"))
    for i, o in result.completions:
        table.add_row(Text(i), Text("(open)", style="dim"), Text(o))
    console.print(table)
    util = Table(title="utilities")
    for column in ("party", "draft (low-high)", "amended", "reservation"):
        util.add_column(column)
    for k, p in enumerate(u.parties):
        util.add_row(
            Text(p),
            f"{low[k]:.3f}-{high[k]:.3f}",
            f"{result.utilities[k]:.3f}",
            f"{u.reservation[k]:.3f}",
        )
    console.print(util)


def _tactics(default: str, per_party: Sequence[str] | None) -> dict[str, str | float] | str | float:
    def parse(value: str) -> str | float:
        if value in TACTICS:
            return value
        try:
            return float(value)
        except ValueError:
            raise ModelSpecificationError(
                f"tactic {value!r}: use {', '.join(TACTICS)} or a positive number (beta)"
            ) from None

    if not per_party:
        return parse(default)
    out: dict[str, str | float] = {}
    for item in _split(per_party) or []:
        if "=" not in item:
            raise ModelSpecificationError(f"--tactic-of takes PARTY=TACTIC; got {item!r}")
        party, value = item.split("=", 1)
        out[party.strip()] = parse(value.strip())
    return {"__default__": parse(default), **out}


def simulate(
    corpus_dir: CorpusOption = None,
    genius_dir: GeniusOption = None,
    parties: PartiesOption = None,
    issues: IssuesOption = None,
    values_file: ValuesOption = None,
    tactic: Annotated[
        str,
        typer.Option(
            "--tactic", help="Tactic of every party: boulware, linear, conceder or a beta."
        ),
    ] = "boulware",
    tactic_of: Annotated[
        list[str] | None,
        typer.Option("--tactic-of", help="PARTY=TACTIC for one party (repeatable)."),
    ] = None,
    n_rounds: Annotated[
        int, typer.Option("--rounds", min=1, help="Rounds before the deadline.")
    ] = 100,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the run (same seed, same run).")] = 0,
    trace: Annotated[bool, typer.Option("--trace", help="List every offer.")] = False,
    relax: Annotated[
        bool,
        typer.Option(
            "--relax",
            help="When no package is acceptable, simulate the problem with the fewest "
            "constraints relaxed (as bargain reports it).",
        ),
    ] = False,
    fmt: FormatOption = Format.text,
) -> None:
    """Simulate multilateral alternating offers with time-dependent concession tactics.

    Boulware holds firm until late, conceder gives ground early, linear in between (Faratin,
    Sierra & Jennings 1998). The result is compared with the Nash solution.
    """
    with handle_errors():
        problem = _load(corpus_dir, genius_dir, parties, issues, values_file)
        spec = _tactics(tactic, tactic_of)
        if isinstance(spec, dict):
            default = spec.pop("__default__")
            tactics: Any = {p: spec.get(p, default) for p in problem.utilities.parties}
            unknown = sorted(set(spec) - set(problem.utilities.parties))
            if unknown:
                raise ModelSpecificationError(
                    f"--tactic-of names unknown parties {unknown} "
                    f"(known: {', '.join(problem.utilities.parties)})"
                )
        else:
            tactics = spec
        space = problem.space
        relaxed_what: tuple[str, ...] = ()
        try:
            nash: Solution | None = nash_solution(space, problem.utilities)
        except InfeasibleError:
            nash = None
            if relax:
                diagnosis = diagnose(space, problem.utilities)
                relaxed_u, relaxed_what = relax_constraints(
                    space, problem.utilities, diagnosis.relaxation
                )
                problem = _Problem(
                    space, relaxed_u, problem.agreements, problem.titles, problem.source
                )
                nash = nash_solution(space, relaxed_u)
        run = simulate_negotiation(
            space, problem.utilities, tactics=tactics, n_rounds=n_rounds, seed=seed
        )
    data = _simulation_json(problem, run, nash, seed, trace)
    data["relaxed_constraints"] = list(relaxed_what)

    def render() -> None:
        if relaxed_what:
            console.print(Text("Relaxed: " + "; ".join(relaxed_what), style="yellow"))
        _render_simulation(problem, run, nash, trace)

    emit(data, fmt, render)


def _simulation_json(
    problem: _Problem, run: NegotiationResult, nash: Solution | None, seed: int, trace: bool
) -> dict[str, Any]:
    space, u = problem.space, problem.utilities
    offers = [
        {
            "round": o.round,
            "proposer": o.proposer,
            "utilities": _by_party(u.parties, o.utilities),
            "accepted_by": list(o.accepted_by),
            **({"package": space.describe(o.package)} if trace else {}),
        }
        for o in run.offers
    ]
    return {
        "source": problem.source,
        "parties": list(u.parties),
        "betas": run.betas,
        "order": list(run.order),
        "n_rounds": run.n_rounds,
        "seed": seed,
        "agreed": run.agreement is not None,
        "reason": run.reason,
        "round": run.round,
        "agreement": _package(space, run.agreement),
        "utilities": _by_party(u.parties, run.utilities),
        "reservation": _by_party(u.parties, u.reservation),
        "pool_size": run.pool_size,
        "nash": None if nash is None else _solution_json(space, u, nash),
        "offers": offers,
        "notes": list(u.notes),
    }


def _render_simulation(
    problem: _Problem, run: NegotiationResult, nash: Solution | None, trace: bool
) -> None:
    u = problem.utilities
    tactics = ", ".join(f"{p} beta={b:g}" for p, b in run.betas.items())
    console.print(Text(f"alternating offers, {run.n_rounds} rounds; {tactics}", style="bold"))
    if run.agreement is None:
        console.print(Text(f"No agreement: {run.reason}. Everyone gets no deal.", style="red"))
    else:
        console.print(Text(f"Agreement in round {run.round} (of {run.n_rounds})", style="green"))
    table = Table()
    for column in ("party", "outcome", "Nash", "reservation"):
        table.add_column(column, justify="right")
    for k, p in enumerate(u.parties):
        table.add_row(
            Text(p),
            f"{run.utilities[k]:.3f}",
            "-" if nash is None or nash.utilities is None else f"{nash.utilities[k]:.3f}",
            f"{u.reservation[k]:.3f}",
        )
    console.print(table)
    if run.agreement is not None:
        console.print(_short_package(problem.space, run.agreement, limit=40))
    if trace:
        offers = Table(title="offers")
        for column in ("round", "proposer", *u.parties, "accepted by"):
            offers.add_column(column)
        for o in run.offers:
            offers.add_row(
                str(o.round),
                Text(o.proposer),
                *[f"{v:.3f}" for v in o.utilities],
                Text(", ".join(o.accepted_by)),
            )
        console.print(offers)
