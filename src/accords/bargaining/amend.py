"""The smallest amendment of a draft that every veto player can accept.

Among the acceptable packages (no red line crossed, every party at or above its reservation
value), the amendment changes the fewest issues the draft settles; among those it maximises the
Nash product ``prod_p (u_p - d_p)`` (ties: welfare). Issues the draft leaves open are completed
freely and do not count as changes. When no package with the fewest changes gives every party a
gain (the Nash product is zero throughout), the largest smallest gain decides instead.

Small spaces are enumerated; large ones are searched by MIP (HiGHS): first the fewest changes,
proved minimal, then the Nash product under that number of changes by outer approximation (see
:mod:`accords.bargaining.search`).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from accords.bargaining._highs import MipModel
from accords.bargaining.results import MIN_GAIN, tie_tolerance
from accords.bargaining.search import (
    _linear,
    _nash,
    _solve_exact,
    why_infeasible,
)
from accords.bargaining.space import OPEN, IndexArray, OutcomeSpace
from accords.bargaining.utilities import (
    FloatArray,
    Utilities,
    admissible_options,
    evaluate,
)
from accords.exceptions import InfeasibleError, ModelSpecificationError

__all__ = ["Amendment", "smallest_amendment"]

_ENUMERATE_LIMIT = 2_000_000


@dataclass(frozen=True, eq=False)
class Amendment:
    """The smallest acceptable amendment of a draft.

    Attributes
    ----------
    draft : ndarray of shape (n_issues,)
        The draft as a partial package (-1 for open issues).
    package : ndarray of shape (n_issues,)
        The amended, complete package.
    utilities : ndarray of shape (n_parties,)
    changes : tuple of (issue, from option, to option)
        The settled issues the amendment changes.
    completions : tuple of (issue, option)
        The open issues it settles (not counted as changes).
    n_changes : int
    tie_break : {"nash", "egalitarian"}
        Which criterion chose among the packages with the fewest changes.
    objective : float
        The Nash objective (sum of log gains) or the smallest gain, per ``tie_break``.
    optimal : bool
        True when both the number of changes and the objective are proved optimal.
    method : {"enumeration", "mip"}
    """

    draft: IndexArray
    package: IndexArray
    utilities: FloatArray
    changes: tuple[tuple[str, str, str], ...]
    completions: tuple[tuple[str, str], ...]
    n_changes: int
    tie_break: Literal["nash", "egalitarian"]
    objective: float
    optimal: bool
    method: Literal["enumeration", "mip"]


def smallest_amendment(
    space: OutcomeSpace,
    utilities: Utilities,
    draft: ArrayLike | Mapping[str, str],
    *,
    method: Literal["auto", "enumeration", "mip"] = "auto",
    time_limit: float = 60.0,
) -> Amendment:
    """The fewest changes to a draft that make it acceptable to every veto player.

    Parameters
    ----------
    space : OutcomeSpace
    utilities : Utilities
        The veto players' utilities, red lines and reservation values.
    draft : array-like of int or mapping of str to str
        A (partial) package: option index per issue with -1 for open issues, or
        ``{issue: option}`` for the issues it settles.
    method : {"auto", "enumeration", "mip"}
        ``auto`` enumerates when at most 2,000,000 admissible packages exist.
    time_limit : float
        Seconds for the MIP route.

    Returns
    -------
    Amendment

    Raises
    ------
    InfeasibleError
        If no package at all is acceptable (the message says which red lines or parties block).

    Examples
    --------
    >>> from accords.bargaining.utilities import generate_problem
    >>> space, u = generate_problem(n_issues=6, n_options=3, n_parties=3, seed=3,
    ...                             reservation=0.45)
    >>> a = smallest_amendment(space, u, [0, 0, 0, 0, 0, 0])
    >>> b = smallest_amendment(space, u, [0, 0, 0, 0, 0, 0], method="mip")
    >>> a.n_changes == b.n_changes, bool(abs(a.objective - b.objective) < 1e-9)
    (True, True)

    References
    ----------
    Nash, J. F. (1950). The bargaining problem. Econometrica, 18(2), 155-162.
    """
    utilities.check_space(space)
    if isinstance(draft, Mapping):
        draft_arr = space.package(draft, partial=True).astype(np.int64)
    else:
        draft_arr = space.check(draft, partial=True).astype(np.int64)
    if method not in ("auto", "enumeration", "mip"):
        raise ModelSpecificationError(
            f"method must be 'auto', 'enumeration' or 'mip'; got {method!r}"
        )
    allowed = admissible_options(utilities)
    if any(not ok.any() for ok in allowed):
        raise InfeasibleError(f"no acceptable package: {why_infeasible(space, utilities)}")
    n_admissible = math.prod(int(ok.sum()) for ok in allowed)
    if method == "enumeration" or (method == "auto" and n_admissible <= _ENUMERATE_LIMIT):
        result = _by_enumeration(utilities, draft_arr, allowed)
        kind: Literal["enumeration", "mip"] = "enumeration"
    else:
        result = _by_mip(utilities, draft_arr, allowed, time_limit)
        kind = "mip"
    if result is None:
        raise InfeasibleError(f"no acceptable package: {why_infeasible(space, utilities)}")
    package, tie, objective, optimal = result
    package = package.astype(space.dtype)
    changes = tuple(
        (space.issues[i], space.options[i][int(draft_arr[i])], space.options[i][int(package[i])])
        for i in range(space.n_issues)
        if draft_arr[i] != OPEN and draft_arr[i] != package[i]
    )
    completions = tuple(
        (space.issues[i], space.options[i][int(package[i])])
        for i in range(space.n_issues)
        if draft_arr[i] == OPEN
    )
    return Amendment(
        draft_arr.astype(space.dtype),
        package,
        evaluate(utilities, package)[0],
        changes,
        completions,
        len(changes),
        tie,
        objective,
        optimal,
        kind,
    )


_Found = tuple[IndexArray, Literal["nash", "egalitarian"], float, bool]


def _by_enumeration(
    utilities: Utilities, draft: NDArray[np.int64], allowed: tuple[NDArray[np.bool_], ...]
) -> _Found | None:
    options = [np.flatnonzero(ok) for ok in allowed]
    sub = OutcomeSpace(
        tuple(str(i) for i in range(len(options))),
        tuple(tuple(str(j) for j in o) for o in options),
    )
    d = utilities.reservation
    settled = draft != OPEN

    def scored() -> Iterator[
        tuple[IndexArray, FloatArray, NDArray[np.int64], FloatArray, FloatArray]
    ]:
        for chunk in sub.enumerate(chunk_size=1 << 17):
            pkgs = np.stack([o[chunk[:, i]] for i, o in enumerate(options)], axis=1)
            utils = evaluate(utilities, pkgs)
            ok = (utils >= d).all(axis=1)
            pkgs, utils = pkgs[ok], utils[ok]
            changes = (pkgs[:, settled] != draft[settled]).sum(axis=1)
            gains = utils - d
            nash = np.full(len(pkgs), -np.inf)
            good = (gains >= MIN_GAIN).all(axis=1)
            nash[good] = np.log(gains[good]).sum(axis=1)
            egal = gains.min(axis=1) if len(pkgs) else np.zeros(0)
            yield pkgs, utils, changes, nash, egal

    # Pass 1: fewest changes, whether a Nash product exists there, and the best objective.
    fewest = None
    for _, _, changes, _, _ in scored():
        if len(changes):
            fewest = int(changes.min()) if fewest is None else min(fewest, int(changes.min()))
    if fewest is None:
        return None
    best_nash, best_egal = -np.inf, -np.inf
    for _, _, changes, nash, egal in scored():
        at = changes == fewest
        if at.any():
            best_nash = max(best_nash, float(nash[at].max()))
            best_egal = max(best_egal, float(egal[at].max()))
    use_nash = bool(np.isfinite(best_nash))
    target = best_nash if use_nash else best_egal
    floor = target - tie_tolerance(target)
    # Pass 2: among the ties, most welfare, then the first package in id order.
    pick: IndexArray | None = None
    pick_welfare = -np.inf
    for pkgs, utils, changes, nash, egal in scored():
        score = nash if use_nash else egal
        at = np.flatnonzero((changes == fewest) & (score >= floor))
        if len(at):
            welfare = utils[at].sum(axis=1)
            k = int(np.argmax(welfare))
            if welfare[k] > pick_welfare:
                pick, pick_welfare = pkgs[at[k]].copy(), float(welfare[k])
    assert pick is not None
    gains = evaluate(utilities, pick)[0] - d
    value = float(np.log(gains).sum()) if use_nash else float(gains.min())
    return pick, ("nash" if use_nash else "egalitarian"), value, True


def _by_mip(
    utilities: Utilities,
    draft: NDArray[np.int64],
    allowed: tuple[NDArray[np.bool_], ...],
    time_limit: float,
) -> _Found | None:
    def fresh() -> tuple[MipModel, np.ndarray, int]:
        model = MipModel(utilities, allowed=allowed, time_limit=time_limit)
        model.add_reservation_rows(utilities.reservation)
        keep_cols = [
            c
            for i, j in enumerate(draft.tolist())
            if j != OPEN and (c := model.col(i, j)) is not None
        ]
        return model, np.array(keep_cols, dtype=np.int32), len(keep_cols)

    model, keep_cols, _ = fresh()
    model.set_objective({int(c): 1.0 for c in keep_cols}, maximize=True)
    first, bound, timed_out = _solve_exact(model, utilities)
    if first is None:
        return None
    kept = int(sum(1 for i, j in enumerate(draft.tolist()) if j != OPEN and first[i] == j))
    proved = (not timed_out) and bound < kept + 0.5

    def restrict(m: MipModel, cols: np.ndarray) -> None:
        if len(cols):
            m.add_row(kept - 0.5, np.inf, cols, np.ones(len(cols)))

    model, keep_cols, _ = fresh()
    restrict(model, keep_cols)
    everyone = np.ones(utilities.n_parties, dtype=bool)
    best, nbound, late = _nash(model, utilities, everyone, tie_break=True)
    if best is not None:
        gains = evaluate(utilities, best)[0] - utilities.reservation
        value = float(np.log(gains).sum())
        ok = proved and not late and nbound - value <= tie_tolerance(value)
        return best, "nash", value, ok
    model, keep_cols, _ = fresh()
    restrict(model, keep_cols)
    best, ebound, late = _linear(model, utilities, "egalitarian", everyone, None, True)
    if best is None:
        return (
            first,
            "egalitarian",
            float((evaluate(utilities, first)[0] - utilities.reservation).min()),
            False,
        )
    value = float((evaluate(utilities, best)[0] - utilities.reservation).min())
    ok = proved and not late and ebound - value <= tie_tolerance(value)
    return best, "egalitarian", value, ok
