"""Exact package search by mixed-integer programming (HiGHS), for spaces too large to enumerate.

A package is a set of binary variables ``x[i, j]`` (issue ``i`` takes option ``j``) with one
option per issue; options that cross a red line have no variable. Each party's utility is the
linear form ``u_p(x) = sum t_p[i, j] x[i, j]`` and acceptability adds ``u_p(x) >= d_p``.

* max-welfare, egalitarian (``max z, z <= u_p - d_p``) and Kalai-Smorodinsky
  (``max z, z <= (u_p - d_p) / (I_p - d_p)``, the ideal point ``I`` found first, one MIP per party)
  are linear MIPs.
* Nash maximises the concave ``sum_p log(u_p - d_p)``: each log is replaced by variables ``y_p``
  bounded above by tangents of the log (an outer approximation, so the MIP optimum bounds the true
  optimum from above). After each solve the chosen package is re-evaluated exactly, tangents are
  added at its gains, and the loop stops when the MIP bound exceeds the best exact objective by at
  most ``REL_TOL * max(1, |objective|)`` (Duran & Grossmann's outer approximation).

Every package returned is re-evaluated exactly from the utility tables; ``bound`` is the solver's
proved dual bound. HiGHS runs with ``mip_rel_gap = 0``, an absolute gap far below ``REL_TOL`` and
feasibility tolerances of 1e-9; a package that violates a reservation value by more than float
rounding after re-evaluation is cut off and the search resumed.

References
----------
Duran, M. A. & Grossmann, I. E. (1986). An outer-approximation algorithm for a class of
mixed-integer nonlinear programs. Mathematical Programming, 36, 307-339.
Huangfu, Q. & Hall, J. A. J. (2018). Parallelizing the dual revised simplex method. Mathematical
Programming Computation, 10, 119-142 (HiGHS).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from accords.bargaining._highs import INF, MipModel
from accords.bargaining.results import (
    MIN_GAIN,
    Concept,
    Solution,
    concept_scores,
    tie_tolerance,
)
from accords.bargaining.space import IndexArray, OutcomeSpace
from accords.bargaining.utilities import (
    FloatArray,
    Utilities,
    admissible_options,
    evaluate,
    red_lines_crossed,
)
from accords.exceptions import InfeasibleError, ModelSpecificationError
from accords.random import as_generator

__all__ = [
    "Relaxation",
    "ideal_point",
    "least_violating_package",
    "search_package",
    "why_infeasible",
]


def _exact_gap_ok(bound: float, value: float) -> bool:
    return bound - value <= tie_tolerance(value)


def _check(space: OutcomeSpace | None, utilities: Utilities) -> None:
    if space is not None:
        utilities.check_space(space)


def why_infeasible(space: OutcomeSpace | None, utilities: Utilities) -> str:
    """A sentence saying why no package is acceptable (cheap, separable checks first).

    Names the issues whose every option some party rejects, else the parties whose best
    admissible package is below their reservation value, else says the conflict is joint.

    Examples
    --------
    >>> from accords.bargaining.utilities import generate_problem
    >>> space, u = generate_problem(n_issues=2, n_options=2, n_parties=2, seed=0,
    ...                             reservation=[0.0, 2.0])
    >>> why_infeasible(space, u)[:45]
    'even its best admissible package leaves party'
    """
    names = space.issues if space is not None else tuple(str(i) for i in range(utilities.n_issues))
    allowed = admissible_options(utilities)
    blocked = [names[i] for i, ok in enumerate(allowed) if not ok.any()]
    if blocked:
        return f"every option of issue(s) {', '.join(blocked)} crosses some party's red line"
    best = np.array(
        [
            sum(float(t[p, ok].max()) for t, ok in zip(utilities.tables, allowed, strict=True))
            for p in range(utilities.n_parties)
        ]
    )
    short = [
        f"{utilities.parties[p]} (best {best[p]:.3f} < reservation {utilities.reservation[p]:.3f})"
        for p in np.flatnonzero(best < utilities.reservation)
    ]
    if short:
        return "even its best admissible package leaves " + "; ".join(short) + " below no deal"
    return (
        "each party can reach its reservation value alone, but no admissible package gives "
        "every party its reservation value at once"
    )


def ideal_point(
    utilities: Utilities,
    *,
    fixed: IndexArray | None = None,
    time_limit: float = 60.0,
) -> tuple[FloatArray, bool]:
    """Each party's best utility over the acceptable region, by one MIP per party.

    Returns
    -------
    ideal : ndarray of shape (n_parties,)
        Exact utilities of the best packages found.
    optimal : bool
        True when every value is proved optimal.

    Raises
    ------
    InfeasibleError
        If no package is acceptable.

    Examples
    --------
    >>> from accords.bargaining.utilities import generate_problem
    >>> _, u = generate_problem(n_issues=3, n_options=2, n_parties=2, seed=0)
    >>> ideal, proved = ideal_point(u)
    >>> ideal.round(6).tolist(), proved
    ([1.0, 1.0], True)
    """
    model = MipModel(
        utilities, allowed=admissible_options(utilities), fixed=fixed, time_limit=time_limit
    )
    model.add_reservation_rows(utilities.reservation)
    ideal = np.zeros(utilities.n_parties)
    proved = True
    for p in range(utilities.n_parties):
        model.set_objective(model.coef[p], maximize=True)
        res = model.solve()
        if res.package is None:
            if res.timed_out:
                raise InfeasibleError("time limit reached before any acceptable package was found")
            raise InfeasibleError(f"no acceptable package: {why_infeasible(None, utilities)}")
        value = float(evaluate(utilities, res.package)[0, p])
        ideal[p] = value
        proved &= res.optimal and _exact_gap_ok(res.bound, value)
    return ideal, proved


def search_package(
    space: OutcomeSpace,
    utilities: Utilities,
    concept: Concept,
    *,
    fixed: ArrayLike | None = None,
    time_limit: float = 60.0,
    tie_break: bool = True,
) -> Solution:
    """The best acceptable package under a bargaining concept, proved optimal by MIP.

    Works on spaces far too large to enumerate (tens of issues, 10**20 packages and more).

    Parameters
    ----------
    space : OutcomeSpace
    utilities : Utilities
    concept : {"nash", "kalai-smorodinsky", "egalitarian", "max-welfare"}
        See :mod:`accords.bargaining.results` for the objectives and tie-breaks.
    fixed : array-like of int, optional
        A partial package: issues it settles are held fixed, open ones (-1) are searched.
    time_limit : float
        Seconds for the whole search; past it the best package found is returned with
        ``optimal=False`` and its proved bound.
    tie_break : bool
        Solve a second MIP to break ties in the primary objective (see the concept table).

    Returns
    -------
    Solution
        With ``method="mip"``; ``package`` is None (and ``reason`` says why) when Nash or
        Kalai-Smorodinsky is undefined because no package gives every party that can gain a gain.

    Raises
    ------
    InfeasibleError
        If no package is acceptable (the message says which red lines or parties block).

    Examples
    --------
    >>> from accords.bargaining.utilities import generate_problem
    >>> space, u = generate_problem(n_issues=20, n_options=4, n_parties=3, seed=2,
    ...                             reservation=0.3)
    >>> sol = search_package(space, u, "egalitarian")
    >>> sol.optimal, bool((sol.utilities >= 0.3).all())
    (True, True)

    References
    ----------
    Nash, J. F. (1950). The bargaining problem. Econometrica, 18(2), 155-162.
    Kalai, E. & Smorodinsky, M. (1975). Other solutions to Nash's bargaining problem.
    Econometrica, 43(3), 513-518.
    """
    _check(space, utilities)
    if concept not in ("nash", "kalai-smorodinsky", "egalitarian", "max-welfare"):
        raise ModelSpecificationError(
            "concept must be 'nash', 'kalai-smorodinsky', 'egalitarian' or 'max-welfare'; "
            f"got {concept!r}"
        )
    fixed_arr = None if fixed is None else space.check(fixed, partial=True).astype(np.int64)
    started = time.monotonic()
    d = utilities.reservation
    allowed = admissible_options(utilities)
    if fixed_arr is not None:
        for issue, option, party in _fixed_red_lines(space, utilities, fixed_arr):
            raise InfeasibleError(
                f"the fixed option {option!r} of issue {issue!r} crosses {party}'s red line"
            )
    if any(not ok.any() for ok in allowed):
        raise InfeasibleError(f"no acceptable package: {why_infeasible(space, utilities)}")
    ideal: FloatArray | None = None
    ideal_proved = True
    if concept in ("nash", "kalai-smorodinsky"):
        try:
            ideal, ideal_proved = ideal_point(utilities, fixed=fixed_arr, time_limit=time_limit)
        except InfeasibleError as err:
            raise InfeasibleError(
                f"no acceptable package: {why_infeasible(space, utilities)}"
                if fixed_arr is None
                else f"no acceptable completion of the fixed issues ({err})"
            ) from None
        active = (ideal - d) >= MIN_GAIN
    else:
        active = np.ones(utilities.n_parties, dtype=bool)
    remaining = time_limit - (time.monotonic() - started)
    model = MipModel(utilities, allowed=allowed, fixed=fixed_arr, time_limit=remaining)
    model.add_reservation_rows(d)
    if concept == "nash":
        best, bound, timed_out = _nash(model, utilities, active, tie_break=tie_break)
    else:
        best, bound, timed_out = _linear(model, utilities, concept, active, ideal, tie_break)
    active_names = tuple(p for p, a in zip(utilities.parties, active, strict=True) if a)
    empty_ties = np.zeros((0, space.n_issues), dtype=space.dtype)
    if best is None:
        if timed_out:
            raise InfeasibleError(
                f"time limit of {time_limit:g} s reached before an acceptable package was found"
            )
        if concept == "nash":
            return Solution(
                concept,
                utilities.parties,
                None,
                None,
                None,
                None,
                False,
                "mip",
                empty_ties,
                active_names,
                ideal,
                "no acceptable package gives every party that can gain a gain of at least "
                f"{MIN_GAIN:g} over its reservation value at once",
            )
        raise InfeasibleError(f"no acceptable package: {why_infeasible(space, utilities)}")
    utils = evaluate(utilities, best)[0]
    primary, _ = concept_scores(concept, utils[None, :], d, ideal=ideal, active=active)
    objective = float(primary[0])
    optimal = (not timed_out) and ideal_proved and _exact_gap_ok(bound, objective)
    pkg = best.astype(space.dtype)
    return Solution(
        concept,
        utilities.parties,
        pkg,
        utils,
        objective,
        max(bound, objective) if math.isfinite(bound) else bound,
        optimal,
        "mip",
        pkg[None, :].copy(),
        active_names,
        ideal if concept == "kalai-smorodinsky" else None,
    )


def _fixed_red_lines(
    space: OutcomeSpace, utilities: Utilities, fixed: NDArray[np.int64]
) -> list[tuple[str, str, str]]:
    return [(i, o, p) for p, i, o in red_lines_crossed(space, utilities, fixed)]


def _acceptable_exact(utilities: Utilities, package: IndexArray) -> bool:
    return bool((evaluate(utilities, package)[0] >= utilities.reservation).all())


def _cut_off(model: MipModel, package: IndexArray) -> None:
    """Forbid one package (a no-good cut) after an exact re-evaluation rejected it."""
    cols = [model.col(i, int(j)) for i, j in enumerate(package)]
    idx = [c for c in cols if c is not None]
    model.add_row(-INF, len(idx) - 1.0, idx, np.ones(len(idx)))


def _linear(
    model: MipModel,
    utilities: Utilities,
    concept: Concept,
    active: NDArray[np.bool_],
    ideal: FloatArray | None,
    tie_break: bool,
) -> tuple[IndexArray | None, float, bool]:
    d = utilities.reservation
    welfare_costs = model.coef.sum(axis=0)

    def add_min_var(scales: FloatArray, parties: NDArray[np.intp]) -> int:
        z = int(model.add_vars(1)[0])
        for p in parties:
            model.add_utility_row(int(p), float(d[p]), extra=[(z, -float(scales[p]))])
        return z

    def scores(package: IndexArray) -> tuple[float, float]:
        primary, secondary = concept_scores(
            concept, evaluate(utilities, package), d, ideal=ideal, active=active
        )
        return float(primary[0]), float(secondary[0])

    everyone = np.arange(utilities.n_parties)
    ones = np.ones(utilities.n_parties)
    if concept == "max-welfare":
        model.set_objective(welfare_costs, maximize=True)
    else:
        scales = ones if concept == "egalitarian" else ideal - d  # type: ignore[operator]
        z = add_min_var(scales, np.flatnonzero(active))
        model.set_objective({z: 1.0}, maximize=True)
        start, value = _max_min_heuristic(model, utilities, scales, active)
        if start is not None:
            model.start_from(start, {z: value})
    best, bound, timed_out = _solve_exact(model, utilities)
    if best is None or not tie_break or timed_out:
        return best, bound, timed_out
    first, second = scores(best)
    floor1 = first - tie_tolerance(first)
    # Stage 2: hold the primary objective, maximise the first tie-break.
    if concept == "max-welfare":
        model.add_row(floor1, INF, model.x_idx, welfare_costs)
        z2 = add_min_var(ones, everyone)
        model.set_objective({z2: 1.0}, maximize=True)
    else:
        model.h.changeColBounds(z, floor1, INF)
        model.set_objective(welfare_costs, maximize=True)
    model.start_from(best)
    found, _, late = _solve_exact(model, utilities)
    if found is not None and scores(found)[0] >= floor1:
        best = found
    if concept != "max-welfare" or late:
        return best, bound, timed_out or late
    # Stage 3 (max-welfare): hold welfare and the smallest gain, maximise welfare again.
    first, second = scores(best)
    floor2 = second - tie_tolerance(second)
    model.h.changeColBounds(z2, floor2, INF)
    model.set_objective(welfare_costs, maximize=True)
    model.start_from(best)
    found, _, late = _solve_exact(model, utilities)
    if found is not None:
        f1, f2 = scores(found)
        if f1 >= floor1 and f2 >= floor2:
            best = found
    return best, bound, timed_out or late


def _max_min_heuristic(
    model: MipModel,
    utilities: Utilities,
    scales: FloatArray,
    active: NDArray[np.bool_],
    *,
    n_starts: int = 8,
) -> tuple[IndexArray | None, float]:
    """A good acceptable package for a max-min objective, to start the solver from.

    Coordinate ascent on a soft minimum of the scaled gains (sharpened in three rounds), from a
    few fixed pseudo-random starts; deterministic.
    """
    rng = as_generator(0)
    d = utilities.reservation
    parties = np.flatnonzero(active)
    if len(parties) == 0:
        return None, 0.0
    options = [model.col_option[model.col_issue == i] for i in range(model.n_issues)]
    tables = [utilities.tables[i][parties][:, opts] for i, opts in enumerate(options)]
    dd, sc = d[parties][:, None], scales[parties][:, None]
    best, best_value = None, -math.inf
    for _ in range(n_starts):
        pick = np.array([int(rng.integers(len(o))) for o in options])
        util = np.zeros(len(parties))
        for t, j in zip(tables, pick, strict=True):
            util = util + t[:, j]
        for kappa in (20.0, 100.0, 500.0):
            for _sweep in range(6):
                changed = False
                for i in rng.permutation(model.n_issues):
                    cand = util[:, None] - tables[i][:, pick[i]][:, None] + tables[i]
                    g = (cand - dd) / sc
                    m = g.min(axis=0)
                    score = m - np.log(np.exp(-kappa * (g - m)).sum(axis=0)) / kappa
                    j = int(np.argmax(score))
                    if j != pick[i]:
                        util = cand[:, j]
                        pick[i] = j
                        changed = True
                if not changed:
                    break
        package = np.array([o[j] for o, j in zip(options, pick, strict=True)])
        exact = evaluate(utilities, package)[0]
        if not (exact >= d).all():
            continue
        value = float(((exact - d)[parties] / scales[parties]).min())
        if value > best_value:
            best, best_value = package, value
    return best, best_value


def _solve_exact(model: MipModel, utilities: Utilities) -> tuple[IndexArray | None, float, bool]:
    """Solve, re-evaluate, cut off packages that fail the exact reservation check."""
    for _ in range(100):
        res = model.solve()
        if res.package is None:
            return None, res.bound, res.timed_out
        if _acceptable_exact(utilities, res.package):
            return res.package, res.bound, res.timed_out
        _cut_off(model, res.package)
    raise RuntimeError("the solver kept returning packages below a reservation value")


def _nash(
    model: MipModel,
    utilities: Utilities,
    active: NDArray[np.bool_],
    *,
    tie_break: bool,
) -> tuple[IndexArray | None, float, bool]:
    """Outer approximation of max sum log(u_p - d_p) over the active parties."""
    d = utilities.reservation
    parties = np.flatnonzero(active)
    if len(parties) == 0:
        # Nobody can gain: every acceptable package is equally good; take max welfare.
        return _linear(model, utilities, "max-welfare", active, None, tie_break)
    high = np.zeros(len(parties))
    for k, p in enumerate(parties):
        top = 0.0
        for i in range(model.n_issues):
            top += float(model.coef[p][model.col_issue == i].max())
        high[k] = max(top - d[p], MIN_GAIN)
    y = model.add_vars(len(parties), -INF, INF)
    for k, p in enumerate(parties):
        model.add_utility_row(int(p), float(d[p]) + MIN_GAIN)
        model.h.changeColBounds(int(y[k]), -INF, math.log(high[k]))
    cuts: list[set[float]] = [set() for _ in parties]

    def tangent(k: int, a: float) -> None:
        # y_k <= log(a) + (g - a) / a, with g = u_p(x) - d_p, i.e.
        # y_k - u_p(x) / a <= log(a) - 1 - d_p / a
        if a <= 0 or a in cuts[k]:
            return
        cuts[k].add(a)
        p = int(parties[k])
        rhs = math.log(a) - 1.0 - float(d[p]) / a
        model.add_row(
            -INF,
            rhs,
            np.concatenate([model.x_idx, [y[k]]]),
            np.concatenate([-model.coef[p] / a, [1.0]]),
        )

    for k in range(len(parties)):
        lo = max(MIN_GAIN, high[k] * 1e-3)
        for a in np.geomspace(lo, high[k], 8):
            tangent(k, float(a))
    model.set_objective({int(c): 1.0 for c in y}, maximize=True)
    best: IndexArray | None = None
    best_value = -math.inf
    bound = math.inf
    timed_out = False
    for _ in range(200):
        if best is not None:
            gains = evaluate(utilities, best)[0, parties] - d[parties]
            model.start_from(best, {int(c): math.log(g) for c, g in zip(y, gains, strict=True)})
        res = model.solve()
        if res.package is None:
            if res.timed_out:
                timed_out = True
                break
            return (best, bound, False) if best is not None else (None, -math.inf, False)
        bound = min(bound, res.bound)
        utils = evaluate(utilities, res.package)[0]
        gains = utils[parties] - d[parties]
        if not (utils >= d).all() or (gains < MIN_GAIN).any():
            _cut_off(model, res.package)
            continue
        value = float(np.log(gains).sum())
        if value > best_value:
            best, best_value = res.package, value
        if res.timed_out:
            timed_out = True
            break
        if _exact_gap_ok(bound, best_value):
            break
        for k in range(len(parties)):
            tangent(k, float(gains[k]))
    if best is None or timed_out or not tie_break:
        return best, bound, timed_out
    # Among packages within the tie tolerance of the optimum, the one with most welfare.
    floor = best_value - tie_tolerance(best_value)
    model.add_row(floor, INF, y, np.ones(len(y)))
    model.set_objective(model.coef.sum(axis=0), maximize=True)
    for _ in range(200):
        gains = evaluate(utilities, best)[0, parties] - d[parties]
        model.start_from(best, {int(c): math.log(g) for c, g in zip(y, gains, strict=True)})
        res = model.solve()
        if res.package is None:
            break
        utils = evaluate(utilities, res.package)[0]
        gains = utils[parties] - d[parties]
        if not (utils >= d).all() or (gains < MIN_GAIN).any():
            _cut_off(model, res.package)
            continue
        if float(np.log(gains).sum()) >= floor:
            best = res.package
            break
        if res.timed_out:
            break
        for k in range(len(parties)):
            tangent(k, float(gains[k]))
    return best, bound, timed_out


@dataclass(frozen=True, eq=False)
class Relaxation:
    """The package that breaks the fewest constraints when none is acceptable.

    Attributes
    ----------
    package : ndarray of shape (n_issues,)
    utilities : ndarray of shape (n_parties,)
    red_lines : tuple of (party, issue, option)
        The red lines it crosses.
    below_reservation : tuple of str
        The parties it leaves below their reservation value.
    n_violations : int
        ``len(red_lines) + len(below_reservation)``, proved minimal when ``optimal``.
    optimal : bool
    """

    package: IndexArray
    utilities: FloatArray
    red_lines: tuple[tuple[str, str, str], ...]
    below_reservation: tuple[str, ...]
    n_violations: int
    optimal: bool


def least_violating_package(
    space: OutcomeSpace, utilities: Utilities, *, time_limit: float = 60.0
) -> Relaxation:
    """The package that crosses the fewest red lines plus reservation values.

    Each red line (party, issue, option) and each party's reservation value counts as one
    constraint. Among the packages breaking the fewest, the one with the largest smallest gain
    over the reservation values (which may be negative) is chosen. Useful when no package is
    acceptable: it names the constraints whose relaxation would open a zone of agreement.

    Examples
    --------
    >>> from accords.bargaining.utilities import generate_problem
    >>> space, u = generate_problem(n_issues=3, n_options=3, n_parties=2, seed=0,
    ...                             reservation=0.99)
    >>> least_violating_package(space, u).n_violations
    1
    """
    _check(space, utilities)
    d = utilities.reservation
    everything = tuple(np.ones(k, dtype=bool) for k in utilities.cardinalities)
    model = MipModel(utilities, allowed=everything, time_limit=time_limit)
    red_count = np.array(
        [
            float(utilities.red_lines[i][:, j].sum())
            for i, j in zip(model.col_issue, model.col_option, strict=True)
        ]
    )
    low = np.array(
        [sum(float(t[p].min()) for t in utilities.tables) for p in range(utilities.n_parties)]
    )
    s = model.add_vars(utilities.n_parties, 0.0, 1.0)
    model.set_integer(s)
    for p in range(utilities.n_parties):
        big = max(float(d[p] - low[p]), 0.0) + 1.0
        model.add_utility_row(p, float(d[p]), extra=[(int(s[p]), big)])
    costs = np.concatenate([red_count, np.ones(len(s))])
    model.set_objective(costs, maximize=False)
    res = model.solve()
    if res.package is None:
        raise InfeasibleError("no package found within the time limit")
    first = res.package
    n_min = _violations(space, utilities, first)
    optimal = res.optimal and n_min <= res.bound + 0.5
    # Tie-break: among packages with n_min violations, maximise the smallest gain.
    model.add_row(-INF, n_min + 0.5, np.arange(len(costs), dtype=np.int32), costs)
    z = int(model.add_vars(1)[0])
    for p in range(utilities.n_parties):
        big = max(float(d[p] - low[p]), 0.0) + 1.0
        model.add_utility_row(p, float(d[p]), extra=[(z, -1.0), (int(s[p]), big)])
    model.set_objective({z: 1.0}, maximize=True)
    second = model.solve().package
    package = (
        second if second is not None and _violations(space, utilities, second) <= n_min else first
    )
    utils = evaluate(utilities, package)[0]
    crossed = tuple(red_lines_crossed(space, utilities, package))
    below = tuple(utilities.parties[p] for p in np.flatnonzero(utils < d))
    return Relaxation(
        package.astype(space.dtype), utils, crossed, below, len(crossed) + len(below), optimal
    )


def _violations(space: OutcomeSpace, utilities: Utilities, package: IndexArray) -> int:
    utils = evaluate(utilities, package)[0]
    return len(red_lines_crossed(space, utilities, package)) + int(
        (utils < utilities.reservation).sum()
    )
