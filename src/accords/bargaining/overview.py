"""The whole bargaining analysis of one problem: frontier, solutions, ZOPA, agreements, diagnosis.

:func:`analyse_bargaining` answers "is there a package every veto player can accept, and which one
is fairest?": it computes the Pareto frontier of the acceptable region (when it can be
enumerated), the Nash, Kalai-Smorodinsky, egalitarian and max-welfare packages (by exact search
when the frontier is too large), the size of the zone of possible agreement, and places each
given agreement against them. When no package is acceptable it says why (issues every option of
which some party rejects, parties that cannot reach their reservation value, pairs of parties
that cannot both be satisfied), finds the package that breaks the fewest constraints, and
repeats the analysis with exactly those constraints relaxed.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from accords.bargaining._highs import MipModel
from accords.bargaining.from_corpus import AgreementPackage
from accords.bargaining.pareto import Frontier, FrontierTooLargeError, pareto_frontier
from accords.bargaining.results import CONCEPTS, Concept, Solution
from accords.bargaining.search import (
    Relaxation,
    least_violating_package,
    search_package,
)
from accords.bargaining.solutions import Zopa, frontier_solution, zone_of_agreement
from accords.bargaining.space import OPEN, IndexArray, OutcomeSpace
from accords.bargaining.utilities import (
    FloatArray,
    Utilities,
    admissible_options,
    red_lines_crossed,
    utility_bounds,
)
from accords.exceptions import InfeasibleError
from accords.random import Seed

__all__ = [
    "BargainingAnalysis",
    "Diagnosis",
    "Placement",
    "analyse_bargaining",
    "diagnose",
    "place_agreement",
    "relax_constraints",
]

PlacementStatus = Literal["acceptable", "completable", "not-acceptable"]


@dataclass(frozen=True, eq=False)
class Placement:
    """An agreement placed against the acceptable region and the solutions.

    Attributes
    ----------
    agreement : AgreementPackage
        The agreement as a partial package (settled and open issues, conflicts).
    low, high : ndarray of shape (n_parties,)
        Each party's lowest and highest utility over the admissible completions of the open
        issues (equal when the agreement settles every issue).
    red_lines : tuple of (party, issue, option)
        Red lines crossed by the issues it settles.
    short : tuple of str
        Parties below their reservation value even with the open issues at their best.
    status : {"acceptable", "completable", "not-acceptable"}
        ``acceptable``: every completion is acceptable; ``completable``: some is;
        ``not-acceptable``: none is.
    best_completion : Solution or None
        The acceptable completion with the largest Nash product (egalitarian if no completion
        gives every party a gain); None when none is acceptable.
    pareto_optimal : bool or None
        For a complete, acceptable agreement with an enumerated frontier: whether it is on it.
    """

    agreement: AgreementPackage
    low: FloatArray
    high: FloatArray
    red_lines: tuple[tuple[str, str, str], ...]
    short: tuple[str, ...]
    status: PlacementStatus
    best_completion: Solution | None
    pareto_optimal: bool | None


@dataclass(frozen=True, eq=False)
class Diagnosis:
    """Why no package is acceptable.

    Attributes
    ----------
    blocked_issues : tuple of (issue, ((option, (party, ...)), ...))
        Issues where every option crosses some party's red line, with who rejects each.
    short_parties : tuple of (party, best utility, reservation value)
        Parties whose best admissible package is below their reservation value.
    conflicting_pairs : tuple of (party, party)
        Pairs that cannot both reach their reservation value in one admissible package (checked
        only when the two lists above are empty).
    relaxation : Relaxation
        The package breaking the fewest red lines plus reservation values.
    summary : str
    """

    blocked_issues: tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...]
    short_parties: tuple[tuple[str, float, float], ...]
    conflicting_pairs: tuple[tuple[str, str], ...]
    relaxation: Relaxation
    summary: str


@dataclass(frozen=True, eq=False)
class BargainingAnalysis:
    """Everything :func:`analyse_bargaining` finds (see the module notes).

    ``relaxed`` holds the same analysis with the constraints broken by the least violating
    package relaxed (its red lines dropped, the reservation values of the parties it leaves short
    lowered to their worst admissible utility), when the problem is infeasible.
    """

    space: OutcomeSpace
    utilities: Utilities
    feasible: bool
    frontier: Frontier | None
    frontier_note: str | None
    solutions: dict[Concept, Solution]
    zopa: Zopa
    placements: tuple[Placement, ...]
    diagnosis: Diagnosis | None = None
    relaxed: BargainingAnalysis | None = None
    relaxed_constraints: tuple[str, ...] = field(default=())


def diagnose(space: OutcomeSpace, utilities: Utilities, *, time_limit: float = 60.0) -> Diagnosis:
    """Explain why no package is acceptable (see :class:`Diagnosis`).

    Examples
    --------
    >>> from accords.bargaining.utilities import generate_problem
    >>> space, u = generate_problem(n_issues=3, n_options=2, n_parties=2, seed=0,
    ...                             reservation=[1.5, 0.0])
    >>> diagnose(space, u).short_parties[0][0]
    'party-1'
    """
    utilities.check_space(space)
    allowed = admissible_options(utilities)
    blocked = []
    for i, ok in enumerate(allowed):
        if ok.any():
            continue
        who = tuple(
            (space.options[i][j], tuple(utilities.parties[p] for p in np.flatnonzero(red[:, j])))
            for red in (utilities.red_lines[i],)
            for j in range(red.shape[1])
        )
        blocked.append((space.issues[i], who))
    short: list[tuple[str, float, float]] = []
    if not blocked:
        for p in range(utilities.n_parties):
            best = sum(
                float(t[p, ok].max()) for t, ok in zip(utilities.tables, allowed, strict=True)
            )
            if best < utilities.reservation[p]:
                short.append((utilities.parties[p], best, float(utilities.reservation[p])))
    pairs: list[tuple[str, str]] = []
    if not blocked and not short:
        for a, b in itertools.combinations(range(utilities.n_parties), 2):
            model = MipModel(utilities, allowed=allowed, time_limit=time_limit)
            for r in (a, b):
                model.add_utility_row(r, float(utilities.reservation[r]))
            model.set_objective(np.zeros(model.n_x), maximize=True)
            if model.solve().package is None:
                pairs.append((utilities.parties[a], utilities.parties[b]))
    relaxation = least_violating_package(space, utilities, time_limit=time_limit)
    parts = []
    for issue, who in blocked:
        parts.append(
            f"every option of {issue} crosses a red line ("
            + "; ".join(f"{o}: {', '.join(ps)}" for o, ps in who)
            + ")"
        )
    for party, top, res in short:
        parts.append(f"{party} cannot reach its reservation value {res:.3f} (best {top:.3f})")
    for first, second in pairs:
        parts.append(f"{first} and {second} cannot both reach their reservation values")
    if not parts:
        parts.append("no admissible package gives every party its reservation value at once")
    crossed = [f"{who}'s red line on {i}={o}" for who, i, o in relaxation.red_lines]
    below = [f"{who}'s reservation value" for who in relaxation.below_reservation]
    parts.append(
        f"the nearest package breaks {relaxation.n_violations} constraint(s): "
        + ", ".join(crossed + below)
    )
    return Diagnosis(tuple(blocked), tuple(short), tuple(pairs), relaxation, "; ".join(parts))


def place_agreement(
    space: OutcomeSpace,
    utilities: Utilities,
    agreement: AgreementPackage,
    *,
    frontier: Frontier | None = None,
    time_limit: float = 60.0,
) -> Placement:
    """Place an agreement (a partial package) against the acceptable region.

    Examples
    --------
    >>> from accords.bargaining.utilities import generate_problem
    >>> from accords.bargaining.from_corpus import AgreementPackage
    >>> space, u = generate_problem(n_issues=3, n_options=3, n_parties=2, seed=1,
    ...                             reservation=0.5)
    >>> draft = AgreementPackage("d", np.array([0, -1, -1], dtype=np.int8), {}, {}, (), (), ())
    >>> place_agreement(space, u, draft).status
    'completable'
    """
    utilities.check_space(space)
    package = agreement.package
    low, high = utility_bounds(utilities, package)
    crossed = tuple(red_lines_crossed(space, utilities, package))
    d = utilities.reservation
    short = tuple(utilities.parties[p] for p in np.flatnonzero(high < d))
    best: Solution | None = None
    if not crossed and not short:
        best = _best_completion(space, utilities, package, time_limit)
    if best is None:
        status: PlacementStatus = "not-acceptable"
    elif (low >= d).all():
        status = "acceptable"
    else:
        status = "completable"
    pareto: bool | None = None
    if frontier is not None and not (package == OPEN).any() and status == "acceptable":
        pareto = bool((frontier.packages == package).all(axis=1).any())
    return Placement(agreement, low, high, crossed, short, status, best, pareto)


def _best_completion(
    space: OutcomeSpace, utilities: Utilities, package: IndexArray, time_limit: float
) -> Solution | None:
    try:
        sol = search_package(space, utilities, "nash", fixed=package, time_limit=time_limit)
    except InfeasibleError:
        return None
    if sol.package is None:
        try:
            sol = search_package(
                space, utilities, "egalitarian", fixed=package, time_limit=time_limit
            )
        except InfeasibleError:
            return None
    return sol


def _solutions(
    space: OutcomeSpace,
    utilities: Utilities,
    frontier: Frontier | None,
    time_limit: float,
) -> dict[Concept, Solution]:
    out: dict[Concept, Solution] = {}
    for concept in CONCEPTS:
        if frontier is not None:
            out[concept] = frontier_solution(frontier, utilities, concept)
        else:
            out[concept] = search_package(space, utilities, concept, time_limit=time_limit)
    return out


def analyse_bargaining(
    space: OutcomeSpace,
    utilities: Utilities,
    *,
    agreements: Sequence[AgreementPackage] = (),
    max_frontier: int = 200_000,
    time_limit: float = 60.0,
    seed: Seed = 0,
    relax: bool = True,
) -> BargainingAnalysis:
    """Frontier, solutions, ZOPA and agreement placements of a bargaining problem.

    Parameters
    ----------
    space : OutcomeSpace
    utilities : Utilities
    agreements : sequence of AgreementPackage
        Agreements to place (see :func:`~accords.bargaining.from_corpus.agreement_package`).
    max_frontier : int
        Candidate limit of the frontier; past it solutions come from exact search and the
        frontier is not listed.
    time_limit : float
        Seconds allowed to each exact search.
    seed : int, Generator or None
        For the Monte Carlo estimate of the ZOPA when it cannot be counted exactly.
    relax : bool
        When nothing is acceptable, also analyse the minimally relaxed problem.

    Returns
    -------
    BargainingAnalysis
        Never raises for an infeasible problem: ``feasible`` is False and ``diagnosis`` says why.

    Examples
    --------
    >>> from accords.bargaining.utilities import generate_problem
    >>> space, u = generate_problem(n_issues=4, n_options=3, n_parties=3, seed=0,
    ...                             reservation=0.4)
    >>> result = analyse_bargaining(space, u)
    >>> result.feasible, result.frontier.size > 0, sorted(result.solutions)[0]
    (True, True, 'egalitarian')

    References
    ----------
    Nash, J. F. (1950). The bargaining problem. Econometrica, 18(2), 155-162.
    Kalai, E. & Smorodinsky, M. (1975). Other solutions to Nash's bargaining problem.
    Econometrica, 43(3), 513-518.
    """
    utilities.check_space(space)
    zopa = zone_of_agreement(space, utilities, seed=seed)
    frontier: Frontier | None
    note: str | None = None
    try:
        frontier = pareto_frontier(space, utilities, max_size=max_frontier)
    except FrontierTooLargeError as err:
        frontier = None
        note = f"frontier not enumerated: {err}; solutions found by exact search"
    feasible = frontier.size > 0 if frontier is not None else zopa.is_empty is not True
    if frontier is None and zopa.is_empty is None:
        feasible = _has_acceptable(space, utilities, time_limit)
    if not feasible:
        diagnosis = diagnose(space, utilities, time_limit=time_limit)
        relaxed: BargainingAnalysis | None = None
        constraints: tuple[str, ...] = ()
        if relax:
            relaxed_u, constraints = relax_constraints(space, utilities, diagnosis.relaxation)
            relaxed = analyse_bargaining(
                space,
                relaxed_u,
                agreements=agreements,
                max_frontier=max_frontier,
                time_limit=time_limit,
                seed=seed,
                relax=False,
            )
        placements = tuple(
            place_agreement(space, utilities, a, time_limit=time_limit) for a in agreements
        )
        return BargainingAnalysis(
            space,
            utilities,
            False,
            frontier,
            note,
            {},
            zopa,
            placements,
            diagnosis,
            relaxed,
            constraints,
        )
    solutions = _solutions(space, utilities, frontier, time_limit)
    placements = tuple(
        place_agreement(space, utilities, a, frontier=frontier, time_limit=time_limit)
        for a in agreements
    )
    return BargainingAnalysis(space, utilities, True, frontier, note, solutions, zopa, placements)


def _has_acceptable(space: OutcomeSpace, utilities: Utilities, time_limit: float) -> bool:
    try:
        search_package(space, utilities, "max-welfare", time_limit=time_limit, tie_break=False)
    except InfeasibleError:
        return False
    return True


def relax_constraints(
    space: OutcomeSpace, utilities: Utilities, relaxation: Relaxation
) -> tuple[Utilities, tuple[str, ...]]:
    """The utilities with the constraints a relaxation breaks relaxed, and what was relaxed.

    The red lines the package crosses are dropped; the reservation value of each party it leaves
    short is lowered to that party's worst admissible utility (under the remaining red lines).

    Examples
    --------
    >>> from accords.bargaining.utilities import generate_problem
    >>> space, u = generate_problem(n_issues=3, n_options=3, n_parties=2, seed=0,
    ...                             reservation=[1.5, 0.0])
    >>> relaxed, what = relax_constraints(space, u, least_violating_package(space, u))
    >>> what[0].startswith("reservation value of party-1")
    True
    """
    red = [r.copy() for r in utilities.red_lines]
    dropped = []
    for party, issue, option in relaxation.red_lines:
        i = space.issue_index(issue)
        red[i][utilities.party_index(party), space.options[i].index(option)] = False
        dropped.append(f"red line of {party} on {issue}={option}")
    reservation = utilities.reservation.copy()
    relaxed = utilities.with_red_lines(red)
    allowed = admissible_options(relaxed)
    for party in relaxation.below_reservation:
        p = utilities.party_index(party)
        worst = sum(float(t[p, ok].min()) for t, ok in zip(relaxed.tables, allowed, strict=True))
        reservation[p] = min(worst, float(reservation[p]))
        dropped.append(
            f"reservation value of {party} ({utilities.reservation[p]:.3f} lowered to "
            f"{reservation[p]:.3f}, its worst admissible utility)"
        )
    return relaxed.with_reservation(reservation), tuple(dropped)
