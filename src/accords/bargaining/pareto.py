"""The Pareto frontier: packages that no other package improves for one party without a loss.

Two layers:

* :func:`pareto_indices` finds the non-dominated rows of any utility matrix (a vectorised
  sort-filter-skyline in blocks, with the points split into zones around a pivot so that a point
  is only compared with the zones that can dominate it; a linear scan for two parties).
* :func:`pareto_frontier` finds the frontier of an outcome space without enumerating it: with
  additive utilities the frontier of a sum is contained in the sum of the frontiers, so issues are
  merged one at a time and each partial frontier is filtered (and, for the acceptable region,
  pruned of partial packages that cannot reach every reservation value).

Distinct packages with equal utility vectors are all kept. Dominance is exact on the float
utilities computed in the canonical order (see :mod:`accords.bargaining.utilities`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from accords.bargaining.space import IndexArray, OutcomeSpace
from accords.bargaining.utilities import FloatArray, Utilities, admissible_options
from accords.exceptions import FrontierTooLargeError, ModelSpecificationError

__all__ = [
    "Frontier",
    "FrontierTooLargeError",
    "Region",
    "pareto_frontier",
    "pareto_indices",
]

Region = Literal["acceptable", "admissible", "all"]

_PAIR_BUDGET = 1 << 17  # pairs compared in one vectorised step
RankArray = NDArray[np.signedinteger]


@dataclass(frozen=True, eq=False)
class Frontier:
    """The Pareto-optimal packages of a region of an outcome space.

    Attributes
    ----------
    packages : ndarray of shape (n, n_issues)
        Option index per issue, rows in lexicographic (id) order.
    utilities : ndarray of shape (n, n_parties)
        Each party's utility of each package.
    region : {"acceptable", "admissible", "all"}
        ``acceptable``: no red line crossed and every party at or above its reservation value;
        ``admissible``: no red line crossed; ``all``: the whole space.
    """

    packages: IndexArray
    utilities: FloatArray
    region: Region

    @property
    def size(self) -> int:
        """Number of Pareto-optimal packages."""
        return int(self.packages.shape[0])


def pareto_indices(points: ArrayLike) -> NDArray[np.intp]:
    """Indices of the non-dominated rows of a utility matrix, ascending.

    Row ``q`` dominates row ``p`` when it is at least as good for every column and better for
    one. Rows that are equal to each other are all kept when none of them is dominated.

    Parameters
    ----------
    points : array-like of shape (n, d)
        Utilities, one row per package, one column per party (higher is better).

    Returns
    -------
    ndarray of int
        Indices of the Pareto-optimal rows, in increasing order.

    Examples
    --------
    >>> pareto_indices([[1, 0], [0, 1], [0.5, 0.5], [0.2, 0.2], [1, 0]]).tolist()
    [0, 1, 2, 4]
    >>> pareto_indices([[1, 1, 1], [1, 1, 0], [0, 2, 0]]).tolist()
    [0, 2]

    References
    ----------
    Chomicki, J., Godfrey, P., Gryz, J. & Liang, D. (2003). Skyline with presorting. ICDE.
    """
    pts = np.asarray(points, dtype=np.float64)
    if pts.ndim != 2:
        raise ModelSpecificationError(f"points must be a 2-d array; got shape {pts.shape}")
    if np.isnan(pts).any():
        raise ModelSpecificationError("points must not contain NaN")
    n, d = pts.shape
    if n == 0 or d == 0:
        return np.arange(n if d == 0 else 0, dtype=np.intp)
    if d == 1:
        return np.flatnonzero(pts[:, 0] == pts[:, 0].max())
    if d == 2:
        return np.sort(np.flatnonzero(_keep_2d(pts)))
    return np.flatnonzero(_keep_nd(pts))


def _keep_2d(pts: FloatArray) -> NDArray[np.bool_]:
    order = np.lexsort((-pts[:, 1], -pts[:, 0]))
    a0, a1 = pts[order, 0], pts[order, 1]
    n = len(order)
    new = np.ones(n, dtype=bool)
    new[1:] = (a0[1:] != a0[:-1]) | (a1[1:] != a1[:-1])
    start = np.maximum.accumulate(np.where(new, np.arange(n), 0))
    prefix = np.empty(n)
    prefix[0] = -np.inf
    prefix[1:] = np.maximum.accumulate(a1)[:-1]
    keep_sorted = prefix[start] < a1
    keep = np.zeros(n, dtype=bool)
    keep[order] = keep_sorted
    return keep


def _dominated(
    cand: RankArray, cand_sum: NDArray[np.int64], pts: RankArray, pts_sum: NDArray[np.int64]
) -> NDArray[np.bool_]:
    """For each candidate row, whether some row of ``pts`` dominates it.

    Rows are dense per-column ranks, so ``q >= p`` everywhere plus a larger rank sum means ``q``
    is better somewhere: the test is exact.
    """
    out = np.zeros(len(cand), dtype=bool)
    if len(pts) == 0 or len(cand) == 0:
        return out
    d = cand.shape[1]
    step = max(1, _PAIR_BUDGET // max(1, len(pts)))
    buf_ge = np.empty((min(step, len(cand)), len(pts)), dtype=bool)
    buf = np.empty_like(buf_ge)
    cols = [np.ascontiguousarray(pts[:, j]) for j in range(d)]
    for lo in range(0, len(cand), step):
        c = cand[lo : lo + step]
        m = len(c)
        ge, tmp = buf_ge[:m], buf[:m]
        np.greater(pts_sum[None, :], cand_sum[lo : lo + step, None], out=ge)
        for j in range(d):
            np.greater_equal(cols[j][None, :], c[:, j : j + 1], out=tmp)
            ge &= tmp
        out[lo : lo + step] = ge.any(axis=1)
    return out


def _ranks(pts: FloatArray) -> RankArray:
    n, d = pts.shape
    dtype = np.int16 if n < 32767 else np.int32
    ranks = np.empty((n, d), dtype=dtype)
    for j in range(d):
        ranks[:, j] = np.unique(pts[:, j], return_inverse=True)[1].reshape(-1)
    return ranks


def _keep_nd(pts: FloatArray) -> NDArray[np.bool_]:
    n, d = pts.shape
    ranks = _ranks(pts)
    sums = ranks.sum(axis=1, dtype=np.int64)
    order = np.argsort(-sums, kind="stable")
    q = np.ascontiguousarray(ranks[order])
    qs = sums[order]
    keep_sorted = np.zeros(n, dtype=bool)
    bits = 1 << np.arange(d)
    zones: NDArray[np.int64] | None = None
    groups: dict[int, list[NDArray[np.intp]]] = {}
    cache: dict[int, NDArray[np.intp]] = {}
    start, block = 0, 256
    while start < n:
        stop = min(n, start + block)
        idx = np.arange(start, stop)
        alive = np.ones(len(idx), dtype=bool)
        if zones is not None:
            bz = zones[start:stop]
            for z in np.unique(bz).tolist():
                members = np.flatnonzero(bz == z)
                for zf in groups:
                    if zf & z != z:
                        continue
                    live = members[alive[members]]
                    if len(live) == 0:
                        break
                    if zf not in cache:
                        cache[zf] = np.concatenate(groups[zf])
                    f = cache[zf]
                    dom = _dominated(q[idx[live]], qs[idx[live]], q[f], qs[f])
                    alive[live[dom]] = False
        survivors = idx[alive]
        if len(survivors):
            dom = _dominated(q[survivors], qs[survivors], q[survivors], qs[survivors])
            survivors = survivors[~dom]
        keep_sorted[survivors] = True
        if zones is None:
            pivot = np.median(q[survivors], axis=0) if len(survivors) else q[0]
            zones = ((q >= pivot) * bits).sum(axis=1)
        for z in np.unique(zones[survivors]).tolist():
            groups.setdefault(z, []).append(survivors[zones[survivors] == z])
            cache.pop(z, None)
        start = stop
        block = min(block * 2, 8192)
    keep = np.zeros(n, dtype=bool)
    keep[order] = keep_sorted
    return keep


def pareto_frontier(
    space: OutcomeSpace,
    utilities: Utilities,
    *,
    region: Region = "acceptable",
    max_size: int = 2_000_000,
) -> Frontier:
    """The Pareto frontier of a region of the outcome space, without enumerating the space.

    Parameters
    ----------
    space : OutcomeSpace
    utilities : Utilities
        Additive utilities over ``space``.
    region : {"acceptable", "admissible", "all"}
        Which packages compete: ``acceptable`` (default) respects every red line and gives every
        party at least its reservation value; ``admissible`` respects the red lines only;
        ``all`` is the whole space.
    max_size : int
        Largest number of candidate packages allowed in one merge step.

    Returns
    -------
    Frontier
        The Pareto-optimal packages (distinct packages with equal utilities all kept), in id
        order, with their utilities. Empty when the region is empty.

    Raises
    ------
    FrontierTooLargeError
        If a merge step would exceed ``max_size`` candidates.

    Notes
    -----
    With additive utilities ``u(x) = sum_i t_i(x_i)``, a package whose restriction to the first
    issues is dominated (among partial packages) is dominated by the same completion of the
    dominating partial package; so each issue is merged into the partial frontier and the result
    filtered. The frontier of the acceptable region is the frontier of the admissible region
    restricted to packages at or above every reservation value (a package dominating an
    acceptable one is acceptable), and partial packages that cannot reach a reservation value
    even with every remaining issue at the party's best are pruned.

    Examples
    --------
    >>> from accords.bargaining.utilities import generate_problem
    >>> space, u = generate_problem(n_issues=4, n_options=3, n_parties=2, seed=0)
    >>> front = pareto_frontier(space, u, region="all")
    >>> front.size, front.utilities.shape[1]
    (10, 2)
    """
    if region not in ("acceptable", "admissible", "all"):
        raise ModelSpecificationError(
            f"region must be 'acceptable', 'admissible' or 'all'; got {region!r}"
        )
    utilities.check_space(space)
    n_parties = utilities.n_parties
    allowed = (
        admissible_options(utilities)
        if region != "all"
        else tuple(np.ones(k, dtype=bool) for k in utilities.cardinalities)
    )
    empty = Frontier(
        np.zeros((0, space.n_issues), dtype=space.dtype), np.zeros((0, n_parties)), region
    )
    if any(not a.any() for a in allowed):
        return empty
    # Best utility each party can still add from issue i on (for reservation pruning).
    best_rest = np.zeros((space.n_issues + 1, n_parties))
    for i in range(space.n_issues - 1, -1, -1):
        best_rest[i] = best_rest[i + 1] + utilities.tables[i][:, allowed[i]].max(axis=1)
    margin = 1e-9 * (1.0 + np.abs(best_rest[0]))
    prune = region == "acceptable"
    if prune and (best_rest[0] < utilities.reservation - margin).any():
        return empty

    packages = np.zeros((1, 0), dtype=space.dtype)
    utils = np.zeros((1, n_parties))
    for i, table in enumerate(utilities.tables):
        options = np.flatnonzero(allowed[i])
        cols = table[:, options].T  # (k, n_parties)
        keep = pareto_indices(cols)
        options, cols = options[keep], cols[keep]
        n_cand = len(utils) * len(options)
        if n_cand > max_size:
            raise FrontierTooLargeError(
                f"the partial frontier after {i} of {space.n_issues} issues has {len(utils)} "
                f"packages; merging issue {space.issues[i]!r} would test {n_cand} candidates, "
                f"more than max_size={max_size}"
            )
        cand_u = (utils[:, None, :] + cols[None, :, :]).reshape(-1, n_parties)
        cand_p = np.concatenate(
            [
                np.repeat(packages, len(options), axis=0),
                np.tile(options.astype(space.dtype), len(packages))[:, None],
            ],
            axis=1,
        )
        if prune:
            ok = (cand_u + best_rest[i + 1] >= utilities.reservation - margin).all(axis=1)
            cand_u, cand_p = cand_u[ok], cand_p[ok]
            if len(cand_u) == 0:
                return empty
        keep = pareto_indices(cand_u)
        utils, packages = cand_u[keep], cand_p[keep]
    if prune:
        ok = (utils >= utilities.reservation).all(axis=1)
        utils, packages = utils[ok], packages[ok]
    order = np.lexsort(packages.T[::-1]) if len(packages) else np.zeros(0, dtype=np.intp)
    return Frontier(packages[order], utils[order], region)
