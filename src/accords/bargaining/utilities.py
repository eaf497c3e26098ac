"""The parties' additive utilities, red lines and reservation values over an outcome space.

Each party ``p`` values a package ``x`` as ``u_p(x) = sum_i w[p, i] * v_i[p, x_i]``: a weight per
issue (its salience, normalised to sum to 1) times the value (0-1) of the chosen option. Red
lines are hard constraints: a package that chooses an option some party rejects is not
*admissible*. A package is *acceptable* when it is admissible and gives every party at least its
reservation value (the value of no deal).

Exact sums. The weighted tables ``w[p, i] * v_i[p, :]`` are snapped to a binary grid, a power
of two at most 2**-52 times the largest utility any package can reach (about 2e-16 for utilities
on the 0-1 scale). Every sum of table entries is then a multiple of the grid below 2**52 grid
steps, so float64 adds them exactly, in any order: the frontier merge, brute force, the MIP's
re-evaluation and any user code give bit-for-bit the same utility for a package, and dominance
and ties between packages are decided exactly rather than by rounding.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from accords.bargaining.space import OPEN, IndexArray, OutcomeSpace
from accords.exceptions import ModelSpecificationError, UnknownPartyError
from accords.random import Seed, as_generator

__all__ = [
    "FloatArray",
    "Utilities",
    "admissible_options",
    "evaluate",
    "generate_problem",
    "is_acceptable",
    "is_admissible",
    "red_lines_crossed",
    "utility_bounds",
]

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]


@dataclass(frozen=True, eq=False)
class Utilities:
    """Additive utilities, red lines and reservation values of the parties.

    Parameters
    ----------
    parties : tuple of str
        Party ids (n parties).
    weights : ndarray of shape (n, n_issues)
        Weight of each issue for each party (non-negative; rows usually sum to 1).
    values : tuple of ndarray of shape (n, k_i)
        For each issue, the value of each option for each party (usually in [0, 1]).
    reservation : ndarray of shape (n,)
        Each party's utility of no agreement (its disagreement point).
    red_lines : tuple of bool ndarray of shape (n, k_i), optional
        True where an option crosses a party's red line. Empty means no red lines.
    notes : tuple of str
        Assumptions made in building the utilities (defaults, choices between reports).

    Examples
    --------
    >>> u = Utilities(
    ...     parties=("a", "b"),
    ...     weights=np.array([[1.0], [1.0]]),
    ...     values=(np.array([[1.0, 0.0], [0.0, 1.0]]),),
    ...     reservation=np.array([0.0, 0.0]),
    ... )
    >>> evaluate(u, [[0], [1]]).tolist()
    [[1.0, 0.0], [0.0, 1.0]]
    """

    parties: tuple[str, ...]
    weights: FloatArray
    values: tuple[FloatArray, ...]
    reservation: FloatArray
    red_lines: tuple[BoolArray, ...] = ()
    notes: tuple[str, ...] = ()
    tables: tuple[FloatArray, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        parties = tuple(self.parties)
        n = len(parties)
        if n == 0:
            raise ModelSpecificationError("need at least one party; got none")
        repeated = sorted({p for p in parties if parties.count(p) > 1})
        if repeated:
            raise ModelSpecificationError(f"party ids must be unique; repeated: {repeated}")
        weights = np.array(self.weights, dtype=np.float64)
        if weights.ndim != 2 or weights.shape[0] != n:
            raise ModelSpecificationError(
                f"weights must have shape (n_parties={n}, n_issues); got {weights.shape}"
            )
        n_issues = weights.shape[1]
        if not np.isfinite(weights).all() or (weights < 0).any():
            raise ModelSpecificationError("weights must be finite and non-negative")
        values = tuple(np.array(v, dtype=np.float64) for v in self.values)
        if len(values) != n_issues:
            raise ModelSpecificationError(
                f"need one value table per issue ({n_issues}); got {len(values)}"
            )
        for i, v in enumerate(values):
            if v.ndim != 2 or v.shape[0] != n or v.shape[1] < 1:
                raise ModelSpecificationError(
                    f"value table of issue {i} must have shape (n_parties={n}, n_options); "
                    f"got {v.shape}"
                )
            if not np.isfinite(v).all():
                raise ModelSpecificationError(f"value table of issue {i} has non-finite values")
        reservation = np.array(self.reservation, dtype=np.float64).reshape(-1)
        if reservation.shape != (n,) or np.isnan(reservation).any():
            raise ModelSpecificationError(
                f"need one reservation value per party ({n}); got {reservation.shape}"
            )
        red = tuple(np.array(r, dtype=bool) for r in self.red_lines)
        if not red:
            red = tuple(np.zeros(v.shape, dtype=bool) for v in values)
        if len(red) != n_issues or any(
            r.shape != v.shape for r, v in zip(red, values, strict=True)
        ):
            raise ModelSpecificationError("red_lines must have the shape of values, issue by issue")
        for arr in (weights, reservation, *values, *red):
            arr.setflags(write=False)
        tables = _snap(tuple(weights[:, i : i + 1] * values[i] for i in range(n_issues)))
        for t in tables:
            t.setflags(write=False)
        object.__setattr__(self, "parties", parties)
        object.__setattr__(self, "weights", weights)
        object.__setattr__(self, "values", values)
        object.__setattr__(self, "reservation", reservation)
        object.__setattr__(self, "red_lines", red)
        object.__setattr__(self, "notes", tuple(self.notes))
        object.__setattr__(self, "tables", tables)

    @property
    def n_parties(self) -> int:
        """Number of parties."""
        return len(self.parties)

    @property
    def n_issues(self) -> int:
        """Number of issues."""
        return len(self.values)

    @property
    def cardinalities(self) -> list[int]:
        """Number of options of each issue."""
        return [v.shape[1] for v in self.values]

    def party_index(self, party: str) -> int:
        """Position of a party; :class:`UnknownPartyError` if absent."""
        try:
            return self.parties.index(party)
        except ValueError:
            raise UnknownPartyError(party, known=self.parties) from None

    def check_space(self, space: OutcomeSpace) -> None:
        """Raise :class:`ModelSpecificationError` unless these utilities fit ``space``."""
        if self.cardinalities != space.cardinalities.tolist():
            raise ModelSpecificationError(
                f"utilities have option counts {self.cardinalities} per issue but the space has "
                f"{space.cardinalities.tolist()}"
            )

    def select(self, parties: Sequence[str]) -> Utilities:
        """The utilities of a subset of the parties (in the order given).

        Raises
        ------
        UnknownPartyError
            For a party that is not here.
        """
        idx = [self.party_index(p) for p in parties]
        if not idx:
            raise ModelSpecificationError("select at least one party")
        return Utilities(
            parties=tuple(self.parties[i] for i in idx),
            weights=self.weights[idx],
            values=tuple(v[idx] for v in self.values),
            reservation=self.reservation[idx],
            red_lines=tuple(r[idx] for r in self.red_lines),
            notes=self.notes,
        )

    def with_reservation(self, reservation: ArrayLike) -> Utilities:
        """The same utilities with other reservation values."""
        return Utilities(
            parties=self.parties,
            weights=self.weights,
            values=self.values,
            reservation=np.asarray(reservation, dtype=np.float64),
            red_lines=self.red_lines,
            notes=self.notes,
        )

    def with_red_lines(self, red_lines: Sequence[ArrayLike]) -> Utilities:
        """The same utilities with other red lines (an empty sequence drops them all)."""
        return Utilities(
            parties=self.parties,
            weights=self.weights,
            values=self.values,
            reservation=self.reservation,
            red_lines=tuple(np.asarray(r, dtype=bool) for r in red_lines),
            notes=self.notes,
        )


def _snap(tables: tuple[FloatArray, ...]) -> tuple[FloatArray, ...]:
    """Round the tables to a power-of-two grid on which every sum of entries is exact."""
    top = sum(float(np.abs(t).max()) for t in tables)
    if top == 0.0:
        return tuple(t.copy() for t in tables)
    quantum = math.ldexp(1.0, math.frexp(top)[1] - 52)  # top < 2**52 * quantum
    return tuple(np.round(t / quantum) * quantum for t in tables)


def _as_packages(utilities: Utilities, packages: ArrayLike) -> IndexArray:
    arr = np.asarray(packages)
    if arr.ndim == 1:
        arr = arr[None, :]
    if arr.ndim != 2 or arr.shape[1] != utilities.n_issues:
        raise ModelSpecificationError(
            f"packages need {utilities.n_issues} option indices each; got shape {arr.shape}"
        )
    if not np.issubdtype(arr.dtype, np.integer):
        raise ModelSpecificationError(f"option indices must be integers; got {arr.dtype}")
    return arr


def evaluate(utilities: Utilities, packages: ArrayLike) -> FloatArray:
    """Each party's utility of each package.

    Parameters
    ----------
    utilities : Utilities
    packages : array-like of int, shape (n, n_issues) or (n_issues,)
        Complete packages (option index per issue).

    Returns
    -------
    ndarray of shape (n, n_parties)

    Examples
    --------
    >>> _, u = generate_problem(n_issues=3, n_options=2, n_parties=2, seed=1)
    >>> evaluate(u, [[0, 1, 1]]).shape
    (1, 2)
    """
    arr = _as_packages(utilities, packages)
    if arr.size and ((arr < 0).any() or (arr >= np.array(utilities.cardinalities)).any()):
        raise ModelSpecificationError("option index out of range (open issues need bounds)")
    out = np.zeros((arr.shape[0], utilities.n_parties), dtype=np.float64)
    for i, table in enumerate(utilities.tables):
        out += table.T[arr[:, i]]
    return out


def admissible_options(utilities: Utilities) -> tuple[BoolArray, ...]:
    """For each issue, which options no party has ruled out by a red line.

    Examples
    --------
    >>> u = Utilities(("a", "b"), np.ones((2, 1)), (np.zeros((2, 3)),), np.zeros(2),
    ...               red_lines=(np.array([[True, False, False], [False, False, True]]),))
    >>> admissible_options(u)[0].tolist()
    [False, True, False]
    """
    return tuple(np.logical_not(r.any(axis=0)) for r in utilities.red_lines)


def is_admissible(utilities: Utilities, packages: ArrayLike) -> BoolArray:
    """True for the packages that cross no party's red line.

    Examples
    --------
    >>> u = Utilities(("a",), np.ones((1, 1)), (np.zeros((1, 2)),), np.zeros(1),
    ...               red_lines=(np.array([[True, False]]),))
    >>> is_admissible(u, [[0], [1]]).tolist()
    [False, True]
    """
    arr = _as_packages(utilities, packages)
    ok = np.ones(arr.shape[0], dtype=bool)
    for i, allowed in enumerate(admissible_options(utilities)):
        ok &= allowed[arr[:, i]]
    return ok


def is_acceptable(utilities: Utilities, packages: ArrayLike) -> BoolArray:
    """True for the packages that cross no red line and give every party its reservation value.

    Examples
    --------
    >>> _, u = generate_problem(n_issues=2, n_options=2, n_parties=2, seed=0)
    >>> is_acceptable(u.with_reservation([0.0, 0.0]), [[0, 0], [1, 1]]).tolist()
    [True, True]
    """
    arr = _as_packages(utilities, packages)
    return is_admissible(utilities, arr) & (evaluate(utilities, arr) >= utilities.reservation).all(
        axis=1
    )


def red_lines_crossed(
    space: OutcomeSpace, utilities: Utilities, package: ArrayLike
) -> list[tuple[str, str, str]]:
    """The ``(party, issue, option)`` red lines a (possibly partial) package crosses.

    Examples
    --------
    >>> space = OutcomeSpace(("nato",), (("open", "ban"),))
    >>> u = Utilities(("russia",), np.ones((1, 1)), (np.zeros((1, 2)),), np.zeros(1),
    ...               red_lines=(np.array([[True, False]]),))
    >>> red_lines_crossed(space, u, [0])
    [('russia', 'nato', 'open')]
    """
    arr = space.check(package, partial=True)
    out = []
    for i, j in enumerate(arr.tolist()):
        if j == OPEN:
            continue
        for p in np.flatnonzero(utilities.red_lines[i][:, j]):
            out.append((utilities.parties[p], space.issues[i], space.options[i][j]))
    return out


def utility_bounds(
    utilities: Utilities,
    package: ArrayLike,
    *,
    admissible: bool = True,
) -> tuple[FloatArray, FloatArray]:
    """The lowest and highest utility of each party over the completions of a partial package.

    Open issues (``-1``) may take any option (any option that crosses no red line when
    ``admissible`` is True); each party's bound is taken separately, so the low and high vectors
    need not be reached by one single completion. For a complete package both equal its utility.

    Examples
    --------
    >>> u = Utilities(("a",), np.array([[0.5, 0.5]]),
    ...               (np.array([[1.0, 0.0]]), np.array([[0.0, 1.0]])), np.array([0.0]))
    >>> [b.tolist() for b in utility_bounds(u, [0, -1])]
    [[0.5], [1.0]]
    """
    arr = np.asarray(package).reshape(-1)
    if arr.shape[0] != utilities.n_issues:
        raise ModelSpecificationError(
            f"a package needs {utilities.n_issues} entries; got {arr.shape[0]}"
        )
    allowed = admissible_options(utilities)
    low = np.zeros(utilities.n_parties)
    high = np.zeros(utilities.n_parties)
    for i, table in enumerate(utilities.tables):
        j = int(arr[i])
        if j == OPEN:
            cols = table[:, allowed[i]] if admissible and allowed[i].any() else table
            low += cols.min(axis=1)
            high += cols.max(axis=1)
        else:
            low += table[:, j]
            high += table[:, j]
    return low, high


def generate_problem(
    *,
    n_issues: int,
    n_options: int | Sequence[int],
    n_parties: int,
    seed: Seed = None,
    kind: Literal["table", "ideal-point"] = "table",
    reservation: float | Sequence[float] = 0.0,
    n_red_lines: int = 0,
) -> tuple[OutcomeSpace, Utilities]:
    """A random bargaining problem, for tests, benchmarks and experiments.

    Parameters
    ----------
    n_issues, n_options, n_parties : int
        Shape of the problem (``n_options`` may differ by issue).
    seed : int, Generator or None
    kind : {"table", "ideal-point"}
        ``table``: GENIUS-like option values, uniform and scaled so each issue's best option is
        worth 1. ``ideal-point``: each party has an ideal option and values the others by their
        distance to it, as utilities built from corpus stances do (many exact ties).
    reservation : float or sequence of float
        Reservation value of every party (or of each).
    n_red_lines : int
        Number of random red lines (party, issue, option), never the party's best option.

    Examples
    --------
    >>> space, u = generate_problem(n_issues=4, n_options=3, n_parties=2, seed=0)
    >>> space.size, u.n_parties
    (81, 2)
    >>> a, b = (generate_problem(n_issues=2, n_options=2, n_parties=2, seed=5) for _ in "ab")
    >>> bool((a[1].weights == b[1].weights).all())
    True
    """
    if n_issues < 1 or n_parties < 1:
        raise ModelSpecificationError("need at least one issue and one party")
    rng = as_generator(seed)
    cards = [n_options] * n_issues if isinstance(n_options, int) else list(n_options)
    if len(cards) != n_issues or min(cards) < 1:
        raise ModelSpecificationError("n_options must be positive, one per issue if a sequence")
    space = OutcomeSpace(
        tuple(f"issue-{i + 1}" for i in range(n_issues)),
        tuple(tuple(f"option-{j + 1}" for j in range(k)) for k in cards),
        tuple(tuple(float(x) for x in np.linspace(0, 100, k)) for k in cards),
    )
    weights = rng.dirichlet(np.ones(n_issues), size=n_parties)
    values = []
    for k in cards:
        if kind == "table":
            v = rng.random((n_parties, k))
            top = v.max(axis=1, keepdims=True)
            values.append(np.divide(v, top, out=np.zeros_like(v), where=top > 0))
        elif kind == "ideal-point":
            pos = np.linspace(0, 100, k)
            ideal = rng.integers(0, k, size=n_parties)
            dist = np.abs(pos[None, :] - pos[ideal][:, None])
            span = dist.max(axis=1, keepdims=True)
            values.append(1.0 - np.divide(dist, span, out=np.zeros_like(dist), where=span > 0))
        else:
            raise ModelSpecificationError(f"kind must be 'table' or 'ideal-point'; got {kind!r}")
    red = [np.zeros((n_parties, k), dtype=bool) for k in cards]
    for _ in range(n_red_lines):
        p, i = int(rng.integers(n_parties)), int(rng.integers(n_issues))
        j = int(rng.integers(cards[i]))
        if values[i][p, j] < values[i][p].max():
            red[i][p, j] = True
    res = np.broadcast_to(np.asarray(reservation, dtype=np.float64), (n_parties,))
    return space, Utilities(
        parties=tuple(f"party-{p + 1}" for p in range(n_parties)),
        weights=weights,
        values=tuple(values),
        reservation=res.copy(),
        red_lines=tuple(red),
    )
