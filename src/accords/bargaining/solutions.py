"""Bargaining solutions and the zone of possible agreement.

Each concept (Nash, Kalai-Smorodinsky, egalitarian, max welfare; see
:mod:`accords.bargaining.results` for the exact objectives) is found in one of two ways:

* ``method="frontier"``: enumerate the Pareto frontier of the acceptable region
  (:func:`~accords.bargaining.pareto.pareto_frontier`) and pick the best package on it. Every
  solution of these concepts lies on the frontier, so this is exact.
* ``method="mip"``: search the space by mixed-integer programming
  (:func:`~accords.bargaining.search.search_package`), for spaces whose frontier is too large.

``method="auto"`` (the default) tries the frontier and falls back to the search when the frontier
would exceed ``max_frontier`` candidates. With :data:`MIP_FIRST_PARTIES` parties or more and a
space larger than ``max_frontier`` packages, ``auto`` goes to the search first: the frontier
grows so fast with the number of parties that it would overflow after seconds of work (10**7
packages, 8 parties: 1.1-1.7 s spent on a frontier that overflows, against 0.1-0.4 s for the
search), while a space of at most ``max_frontier`` packages cannot overflow and is enumerated.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from accords.bargaining.pareto import Frontier, FrontierTooLargeError, pareto_frontier
from accords.bargaining.results import (
    CONCEPTS,
    MIN_GAIN,
    Concept,
    Solution,
    concept_scores,
    tie_tolerance,
)
from accords.bargaining.search import search_package, why_infeasible
from accords.bargaining.space import OutcomeSpace
from accords.bargaining.utilities import Utilities, admissible_options, evaluate
from accords.exceptions import InfeasibleError, ModelSpecificationError
from accords.random import Seed, as_generator

__all__ = [
    "MIP_FIRST_PARTIES",
    "SolveMethod",
    "Zopa",
    "egalitarian_solution",
    "frontier_solution",
    "kalai_smorodinsky_solution",
    "max_welfare_solution",
    "nash_solution",
    "solve",
    "zone_of_agreement",
]

SolveMethod = Literal["auto", "frontier", "mip"]

#: From this many parties, ``method="auto"`` searches a space larger than ``max_frontier`` by MIP
#: first instead of enumerating its frontier (see the module notes).
MIP_FIRST_PARTIES = 6


def frontier_solution(frontier: Frontier, utilities: Utilities, concept: Concept) -> Solution:
    """Pick a concept's package on an enumerated frontier of the acceptable region.

    Raises
    ------
    InfeasibleError
        If the frontier is empty (no package is acceptable).
    ModelSpecificationError
        If the frontier is not of the acceptable region.

    Examples
    --------
    >>> from accords.bargaining.utilities import generate_problem
    >>> space, u = generate_problem(n_issues=4, n_options=3, n_parties=2, seed=0)
    >>> front = pareto_frontier(space, u)
    >>> frontier_solution(front, u, "max-welfare").method
    'frontier'
    """
    if frontier.region != "acceptable":
        raise ModelSpecificationError(
            f"solutions are picked on the acceptable region's frontier; got {frontier.region!r}"
        )
    if concept not in CONCEPTS:
        raise ModelSpecificationError(f"unknown concept {concept!r}; known: {', '.join(CONCEPTS)}")
    if frontier.size == 0:
        raise InfeasibleError("no acceptable package: the acceptable region is empty")
    u = frontier.utilities
    d = utilities.reservation
    ideal = u.max(axis=0)
    active = (ideal - d) >= MIN_GAIN if concept in ("nash", "kalai-smorodinsky") else None
    primary, secondary = concept_scores(concept, u, d, ideal=ideal, active=active)
    best = float(primary.max())
    active_names = (
        utilities.parties
        if active is None
        else tuple(p for p, a in zip(utilities.parties, active, strict=True) if a)
    )
    if not math.isfinite(best):
        return Solution(
            concept,
            utilities.parties,
            None,
            None,
            None,
            None,
            False,
            "frontier",
            frontier.packages[:0],
            active_names,
            ideal if concept == "kalai-smorodinsky" else None,
            "no acceptable package gives every party that can gain a gain of at least "
            f"{MIN_GAIN:g} over its reservation value at once",
        )
    tied = np.flatnonzero(primary >= best - tie_tolerance(best))
    top2 = float(secondary[tied].max())
    tied = tied[secondary[tied] >= top2 - tie_tolerance(top2)]
    if concept == "max-welfare":
        welfare = u[tied].sum(axis=1)
        tied = tied[welfare == welfare.max()]
    pick = int(tied[0])  # frontier rows are in id order: the lowest id wins the remaining ties
    same = np.flatnonzero((u == u[pick]).all(axis=1))
    return Solution(
        concept,
        utilities.parties,
        frontier.packages[pick].copy(),
        u[pick].copy(),
        float(primary[pick]),
        float(primary[pick]),
        True,
        "frontier",
        frontier.packages[same].copy(),
        active_names,
        ideal if concept == "kalai-smorodinsky" else None,
    )


def solve(
    space: OutcomeSpace,
    utilities: Utilities,
    concept: Concept,
    *,
    method: SolveMethod = "auto",
    frontier: Frontier | None = None,
    max_frontier: int = 200_000,
    time_limit: float = 60.0,
) -> Solution:
    """A bargaining concept's package, by the frontier or by exact search (see module notes).

    Raises
    ------
    InfeasibleError
        If no package is acceptable.

    Examples
    --------
    >>> from accords.bargaining.utilities import generate_problem
    >>> space, u = generate_problem(n_issues=4, n_options=3, n_parties=3, seed=0)
    >>> solve(space, u, "nash", max_frontier=5).method  # frontier too large: exact search
    'mip'
    >>> space, u = generate_problem(n_issues=4, n_options=3, n_parties=6, seed=0)
    >>> solve(space, u, "nash", max_frontier=80).method  # 6 parties, 81 packages: MIP first
    'mip'
    """
    if method not in ("auto", "frontier", "mip"):
        raise ModelSpecificationError(f"method must be 'auto', 'frontier' or 'mip'; got {method!r}")
    if method == "mip" or (
        method == "auto"
        and frontier is None
        and utilities.n_parties >= MIP_FIRST_PARTIES
        and space.size > max_frontier
    ):
        return search_package(space, utilities, concept, time_limit=time_limit)
    if frontier is None:
        try:
            frontier = pareto_frontier(space, utilities, max_size=max_frontier)
        except FrontierTooLargeError:
            if method == "frontier":
                raise
            return search_package(space, utilities, concept, time_limit=time_limit)
    if frontier.size == 0:
        raise InfeasibleError(f"no acceptable package: {why_infeasible(space, utilities)}")
    return frontier_solution(frontier, utilities, concept)


def nash_solution(
    space: OutcomeSpace,
    utilities: Utilities,
    *,
    method: SolveMethod = "auto",
    frontier: Frontier | None = None,
    max_frontier: int = 200_000,
    time_limit: float = 60.0,
) -> Solution:
    """The Nash bargaining solution: the acceptable package maximising the product of gains.

    Maximises ``prod_p (u_p - d_p)`` over the acceptable region, ``d`` being the reservation
    values. Parties that cannot gain anywhere in the region are left out of the product.

    Parameters
    ----------
    space : OutcomeSpace
    utilities : Utilities
    method : {"auto", "frontier", "mip"}
    frontier : Frontier, optional
        An already computed frontier of the acceptable region, to share between concepts.
    max_frontier : int
        Candidate limit before ``auto`` switches to exact search.
    time_limit : float
        Seconds allowed to the exact search.

    Returns
    -------
    Solution

    Raises
    ------
    InfeasibleError
        If no package is acceptable.

    Examples
    --------
    >>> from accords.bargaining.utilities import generate_problem
    >>> space, u = generate_problem(n_issues=5, n_options=3, n_parties=3, seed=4)
    >>> a = nash_solution(space, u, method="frontier")
    >>> b = nash_solution(space, u, method="mip")
    >>> bool(abs(a.objective - b.objective) < 1e-9), b.optimal
    (True, True)

    References
    ----------
    Nash, J. F. (1950). The bargaining problem. Econometrica, 18(2), 155-162.
    """
    return solve(
        space,
        utilities,
        "nash",
        method=method,
        frontier=frontier,
        max_frontier=max_frontier,
        time_limit=time_limit,
    )


def kalai_smorodinsky_solution(
    space: OutcomeSpace,
    utilities: Utilities,
    *,
    method: SolveMethod = "auto",
    frontier: Frontier | None = None,
    max_frontier: int = 200_000,
    time_limit: float = 60.0,
) -> Solution:
    """The Kalai-Smorodinsky solution: the largest equal share of each party's possible gain.

    Maximises ``min_p (u_p - d_p) / (I_p - d_p)``, ``I_p`` being party ``p``'s best utility in
    the acceptable region; on a discrete space this is the package closest to the line from the
    disagreement point to the ideal point in the max-min sense. Parameters as
    :func:`nash_solution`.

    Examples
    --------
    >>> from accords.bargaining.utilities import generate_problem
    >>> space, u = generate_problem(n_issues=4, n_options=3, n_parties=2, seed=1)
    >>> ks = kalai_smorodinsky_solution(space, u)
    >>> 0 <= ks.objective <= 1
    True

    References
    ----------
    Kalai, E. & Smorodinsky, M. (1975). Other solutions to Nash's bargaining problem.
    Econometrica, 43(3), 513-518.
    """
    return solve(
        space,
        utilities,
        "kalai-smorodinsky",
        method=method,
        frontier=frontier,
        max_frontier=max_frontier,
        time_limit=time_limit,
    )


def egalitarian_solution(
    space: OutcomeSpace,
    utilities: Utilities,
    *,
    method: SolveMethod = "auto",
    frontier: Frontier | None = None,
    max_frontier: int = 200_000,
    time_limit: float = 60.0,
) -> Solution:
    """The egalitarian solution: the acceptable package with the largest smallest gain.

    Maximises ``min_p (u_p - d_p)``, ties broken by welfare. Parameters as
    :func:`nash_solution`.

    Examples
    --------
    >>> from accords.bargaining.utilities import generate_problem
    >>> space, u = generate_problem(n_issues=4, n_options=3, n_parties=3, seed=1)
    >>> egalitarian_solution(space, u).objective == egalitarian_solution(
    ...     space, u, method="mip").objective
    True

    References
    ----------
    Kalai, E. (1977). Proportional solutions to bargaining situations: interpersonal utility
    comparisons. Econometrica, 45(7), 1623-1630.
    """
    return solve(
        space,
        utilities,
        "egalitarian",
        method=method,
        frontier=frontier,
        max_frontier=max_frontier,
        time_limit=time_limit,
    )


def max_welfare_solution(
    space: OutcomeSpace,
    utilities: Utilities,
    *,
    method: SolveMethod = "auto",
    frontier: Frontier | None = None,
    max_frontier: int = 200_000,
    time_limit: float = 60.0,
) -> Solution:
    """The utilitarian solution: the acceptable package with the largest sum of utilities.

    Ties broken by the smallest gain, then welfare. Parameters as :func:`nash_solution`.

    Examples
    --------
    >>> from accords.bargaining.utilities import generate_problem
    >>> space, u = generate_problem(n_issues=4, n_options=3, n_parties=3, seed=1)
    >>> bool(max_welfare_solution(space, u).objective
    ...      >= nash_solution(space, u).utilities.sum() - 1e-12)
    True
    """
    return solve(
        space,
        utilities,
        "max-welfare",
        method=method,
        frontier=frontier,
        max_frontier=max_frontier,
        time_limit=time_limit,
    )


@dataclass(frozen=True)
class Zopa:
    """The zone of possible agreement: how many packages every party can accept.

    Attributes
    ----------
    size : int or None
        Number of acceptable packages when counted exactly (None when estimated).
    estimate : float
        Exact count, or the Monte Carlo estimate.
    fraction : float
        Share of the whole space that is acceptable.
    exact : bool
    interval : tuple of float or None
        95 % Wilson interval of the estimated count (None when exact).
    n_admissible : int
        Packages that cross no red line (exact: the product of the admissible option counts).
    space_size : int
    n_samples : int
        Packages sampled (0 when exact).
    """

    size: int | None
    estimate: float
    fraction: float
    exact: bool
    interval: tuple[float, float] | None
    n_admissible: int
    space_size: int
    n_samples: int = 0

    @property
    def is_empty(self) -> bool | None:
        """True or False when known; None when only estimated and no sample was acceptable."""
        if self.exact:
            return self.size == 0
        return False if self.estimate > 0 else None


def zone_of_agreement(
    space: OutcomeSpace,
    utilities: Utilities,
    *,
    max_live: int = 2_000_000,
    n_samples: int = 200_000,
    seed: Seed = 0,
) -> Zopa:
    """Size of the zone of possible agreement (the acceptable region).

    Counts exactly by merging issues one at a time while pruning partial packages that can no
    longer reach every reservation value and counting at once those that can no longer fall
    below any; when more than ``max_live`` partial packages stay undecided the count is
    estimated by uniform sampling of admissible packages (reproducible under ``seed``).

    Examples
    --------
    >>> from accords.bargaining.utilities import generate_problem
    >>> space, u = generate_problem(n_issues=5, n_options=3, n_parties=2, seed=0,
    ...                             reservation=0.5)
    >>> z = zone_of_agreement(space, u)
    >>> z.exact, z.space_size, 0 < z.size < z.space_size
    (True, 243, True)
    """
    utilities.check_space(space)
    allowed = admissible_options(utilities)
    n_admissible = math.prod(int(a.sum()) for a in allowed)
    total = space.size
    if n_admissible == 0:
        return Zopa(0, 0.0, 0.0, True, None, 0, total)
    count = _count_acceptable(utilities, allowed, max_live)
    if count is not None:
        return Zopa(count, float(count), count / total, True, None, n_admissible, total)
    rng = as_generator(seed)
    options = [np.flatnonzero(a) for a in allowed]
    hits = 0
    done = 0
    while done < n_samples:
        m = min(65_536, n_samples - done)
        sample = np.stack([opt[rng.integers(0, len(opt), m)] for opt in options], axis=1)
        hits += int((evaluate(utilities, sample) >= utilities.reservation).all(axis=1).sum())
        done += m
    p = hits / n_samples
    lo, hi = _wilson(hits, n_samples)
    est = p * n_admissible
    return Zopa(
        None,
        est,
        est / total,
        False,
        (lo * n_admissible, hi * n_admissible),
        n_admissible,
        total,
        n_samples,
    )


def _wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def _count_acceptable(
    utilities: Utilities, allowed: tuple[NDArray[np.bool_], ...], max_live: int
) -> int | None:
    n_issues = utilities.n_issues
    d = utilities.reservation
    cols = [t[:, a].T for t, a in zip(utilities.tables, allowed, strict=True)]
    best_rest = np.zeros((n_issues + 1, utilities.n_parties))
    worst_rest = np.zeros((n_issues + 1, utilities.n_parties))
    rest_count = [1] * (n_issues + 1)
    for i in range(n_issues - 1, -1, -1):
        best_rest[i] = best_rest[i + 1] + cols[i].max(axis=0)
        worst_rest[i] = worst_rest[i + 1] + cols[i].min(axis=0)
        rest_count[i] = rest_count[i + 1] * len(cols[i])
    margin = 1e-9 * (1.0 + np.abs(best_rest[0]) + np.abs(worst_rest[0]))
    live = np.zeros((1, utilities.n_parties))
    count = 0
    for i in range(n_issues):
        live = (live[:, None, :] + cols[i][None, :, :]).reshape(-1, utilities.n_parties)
        if i == n_issues - 1:
            count += int((live >= d).all(axis=1).sum())
            break
        dead = (live + best_rest[i + 1] < d - margin).any(axis=1)
        sure = (live + worst_rest[i + 1] >= d + margin).all(axis=1) & ~dead
        count += int(sure.sum()) * rest_count[i + 1]
        live = live[~dead & ~sure]
        if len(live) == 0:
            break
        if len(live) * len(cols[i + 1]) > max_live:
            return None
    return count
