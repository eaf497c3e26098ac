"""``accords bargain``, ``accords amend`` and ``accords simulate``: the bargaining engine.

Each command parses its options into a :class:`~accords.bargaining.BargainingProblem` (from a
corpus or a GENIUS folder), makes one library call (:func:`~accords.bargaining.bargain`,
:func:`~accords.bargaining.amend_agreement`, :func:`~accords.bargaining.simulate_bargaining`)
and prints the report as text or as its JSON document. An infeasible problem is a finding, not
an error: ``bargain`` reports why and analyses the minimally relaxed problem (exit 0); ``amend``
prints the same diagnosis, then exits 3 (no solution).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer

from accords.bargaining import (
    BargainingProblem,
    Tactic,
    amend_agreement,
    parse_tactic,
    simulate_bargaining,
)
from accords.bargaining import (
    bargain as bargain_problem,
)
from accords.bargaining.robust import robust_package
from accords.cli.common import (
    CorpusOption,
    Format,
    FormatOption,
    console,
    emit,
    handle_errors,
    open_corpus,
)
from accords.exceptions import InfeasibleError, ModelSpecificationError
from accords.readwrite import read_option_values
from accords.report.terminal.bargaining import (
    render_amendment,
    render_bargaining,
    render_robust,
    render_simulation,
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


def _split(values: Sequence[str] | None) -> list[str] | None:
    if not values:
        return None
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def _problem(
    corpus_dir: Path | None,
    genius_dir: Path | None,
    parties: Sequence[str] | None,
    issues: Sequence[str] | None,
    values_file: Path | None,
) -> BargainingProblem:
    """The problem the source options name (parsing only: the library builds it)."""
    if genius_dir is not None:
        if corpus_dir is not None:
            raise ModelSpecificationError("give either --corpus or --genius, not both")
        if issues or values_file is not None:
            raise ModelSpecificationError("--issues and --values apply to corpora, not --genius")
        return BargainingProblem.from_genius(genius_dir, parties=_split(parties))
    return BargainingProblem.from_corpus(
        open_corpus(corpus_dir),
        parties=_split(parties),
        issues=_split(issues),
        values=None if values_file is None else read_option_values(values_file),
        path=corpus_dir,
    )


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
    seed: Annotated[
        int, typer.Option("--seed", help="Seed of the ZOPA sampling or of the robust draws.")
    ] = 0,
    robust: Annotated[
        bool,
        typer.Option(
            "--robust",
            help="Draw the uncertain stances (red lines by confidence and basis, ideals and "
            "saliences within their ranges) and find the package most likely acceptable to "
            "every veto player, with its probability and the stances that decide it.",
        ),
    ] = False,
    draws: Annotated[
        int, typer.Option("--draws", min=1, max=5000, help="With --robust: scenarios searched.")
    ] = 200,
    fmt: FormatOption = Format.text,
) -> None:
    """Is there a package every veto player accepts, and which one is fairest?

    Prints the size of the Pareto frontier of the acceptable region, the Nash,
    Kalai-Smorodinsky, egalitarian and max-welfare packages with each party's utility, the size
    of the zone of possible agreement, and each agreement of the corpus placed against them.
    When nothing is acceptable it says which red lines or parties block, and repeats the analysis
    with the fewest constraints relaxed. With --robust, the package that most probably passes
    every veto under uncertain stances (corpora only).
    """
    if robust:
        if genius_dir is not None or values_file is not None:
            raise ModelSpecificationError(
                "--robust draws a corpus's stances: drop --genius/--values"
            )
        robust_report = robust_package(
            open_corpus(corpus_dir),
            n_draws=draws,
            seed=seed,
            parties=_split(parties),
            issues=_split(issues),
            time_limit=time_limit,
        )
        emit(robust_report, fmt, lambda: render_robust(console, robust_report))
        return
    with handle_errors():
        report = bargain_problem(
            _problem(corpus_dir, genius_dir, parties, issues, values_file),
            max_frontier=max_frontier,
            frontier_rows=frontier_rows,
            time_limit=time_limit,
            seed=seed,
        )
    emit(report, fmt, lambda: render_bargaining(console, report))


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
        report = amend_agreement(
            _problem(corpus_dir, None, parties, issues, values_file),
            agreement_id,
            time_limit=time_limit,
        )
        emit(report, fmt, lambda: render_amendment(console, report))
        if not report.feasible:
            raise InfeasibleError(report.summary)


def _tactics(per_party: Sequence[str] | None) -> dict[str, Tactic | float] | None:
    """``PARTY=TACTIC`` items (repeated or comma-separated) as a mapping."""
    out: dict[str, Tactic | float] = {}
    for item in _split(per_party) or []:
        if "=" not in item:
            raise ModelSpecificationError(f"--tactic-of takes PARTY=TACTIC; got {item!r}")
        party, value = item.split("=", 1)
        out[party.strip()] = parse_tactic(value.strip())
    return out or None


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
        problem = _problem(corpus_dir, genius_dir, parties, issues, values_file)
        report = simulate_bargaining(
            problem,
            tactic=parse_tactic(tactic),
            tactic_of=_tactics(tactic_of),
            n_rounds=n_rounds,
            seed=seed,
            relax=relax,
            trace=trace,
        )
    emit(report, fmt, lambda: render_simulation(console, report))
