"""The outcome space: every package that settles each issue with one of its options.

A *package* is a small-integer array holding, for each issue, the index of the option it chooses
(issues in space order, options in issue order). Many packages are an ``(n, n_issues)`` array.
A *partial package* uses ``-1`` for an issue it leaves open. Where the space is small enough
(fewer than 2**63 packages) a package also has a mixed-radix integer id: the first issue is the
most significant digit, so ids follow the lexicographic order of the index arrays.

Nothing here builds one Python tuple per outcome: enumeration yields index arrays in chunks.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from math import prod

import numpy as np
from numpy.typing import ArrayLike, NDArray

from accords.exceptions import ModelSpecificationError, UnknownIssueError

__all__ = ["OPEN", "IndexArray", "OutcomeSpace"]

#: Marks an issue that a partial package leaves open.
OPEN = -1

IndexArray = NDArray[np.signedinteger]

_INT64_LIMIT = 2**63 - 1


@dataclass(frozen=True, eq=False)
class OutcomeSpace:
    """The issues under negotiation and the options of each.

    Parameters
    ----------
    issues : tuple of str
        Issue ids, in the order used by every package array.
    options : tuple of tuple of str
        Option ids of each issue, in order (at least one per issue).
    positions : tuple of tuple of float, optional
        Position of each option on its issue's 0-100 scale, where known (corpus issues have them;
        GENIUS domains do not).
    titles : tuple of str, optional
        A human title per issue.

    Examples
    --------
    >>> space = OutcomeSpace(("nato", "army"), (("open", "ban"), ("small", "mid", "large")))
    >>> space.size, space.cardinalities.tolist()
    (6, [2, 3])
    >>> space.package({"nato": "ban", "army": "mid"}).tolist()
    [1, 1]
    >>> space.encode([[1, 1]]).tolist()
    [4]
    >>> space.describe(space.decode([4])[0])
    {'nato': 'ban', 'army': 'mid'}
    """

    issues: tuple[str, ...]
    options: tuple[tuple[str, ...], ...]
    positions: tuple[tuple[float, ...], ...] | None = None
    titles: tuple[str, ...] | None = None
    _cards: NDArray[np.int64] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        issues = tuple(self.issues)
        options = tuple(tuple(o) for o in self.options)
        object.__setattr__(self, "issues", issues)
        object.__setattr__(self, "options", options)
        if not issues:
            raise ModelSpecificationError("an outcome space needs at least one issue; got none")
        if len(options) != len(issues):
            raise ModelSpecificationError(
                f"need one option list per issue; got {len(options)} lists for {len(issues)} issues"
            )
        repeated = sorted({i for i in issues if issues.count(i) > 1})
        if repeated:
            raise ModelSpecificationError(f"issue ids must be unique; repeated: {repeated}")
        for issue, opts in zip(issues, options, strict=True):
            if not opts:
                raise ModelSpecificationError(f"issue {issue!r} has no options; give at least one")
            if len(set(opts)) != len(opts):
                raise ModelSpecificationError(f"issue {issue!r} repeats an option id: {opts}")
            if len(opts) > 32767:
                raise ModelSpecificationError(
                    f"issue {issue!r} has {len(opts)} options; at most 32767 are supported"
                )
        if self.positions is not None:
            positions = tuple(tuple(float(p) for p in ps) for ps in self.positions)
            if [len(p) for p in positions] != [len(o) for o in options]:
                raise ModelSpecificationError("need one position per option of every issue")
            object.__setattr__(self, "positions", positions)
        if self.titles is not None and len(self.titles) != len(issues):
            raise ModelSpecificationError("need one title per issue")
        object.__setattr__(self, "_cards", np.array([len(o) for o in options], dtype=np.int64))

    # -- shape -------------------------------------------------------------------------------

    @property
    def n_issues(self) -> int:
        """Number of issues."""
        return len(self.issues)

    @property
    def cardinalities(self) -> NDArray[np.int64]:
        """Number of options of each issue."""
        return self._cards.copy()

    @property
    def size(self) -> int:
        """Number of packages (an exact Python int: it may exceed 2**63)."""
        return prod(len(o) for o in self.options)

    @property
    def dtype(self) -> np.dtype[np.signedinteger]:
        """The small signed integer type of package arrays (int8 up to 127 options)."""
        return np.dtype(np.int8) if int(self._cards.max()) <= 127 else np.dtype(np.int16)

    @property
    def has_ids(self) -> bool:
        """True where every package has an int64 id (the space has fewer than 2**63 packages)."""
        return self.size <= _INT64_LIMIT

    def issue_index(self, issue: str) -> int:
        """The position of an issue in the space; :class:`UnknownIssueError` if absent."""
        try:
            return self.issues.index(issue)
        except ValueError:
            raise UnknownIssueError(issue, known=self.issues) from None

    # -- conversions -------------------------------------------------------------------------

    def package(self, choices: Mapping[str, str], *, partial: bool = False) -> IndexArray:
        """The index array of a package given as ``{issue: option}``.

        With ``partial=True`` issues missing from ``choices`` are left open (``-1``); otherwise
        every issue must be given.

        Raises
        ------
        UnknownIssueError
            For an issue that is not in the space.
        ModelSpecificationError
            For an unknown option, or a missing issue when ``partial`` is False.
        """
        out = np.full(self.n_issues, OPEN, dtype=self.dtype)
        for issue, option in choices.items():
            i = self.issue_index(issue)
            try:
                out[i] = self.options[i].index(option)
            except ValueError:
                known = ", ".join(self.options[i])
                raise ModelSpecificationError(
                    f"issue {issue!r} has no option {option!r} (known: {known})"
                ) from None
        if not partial and (out == OPEN).any():
            missing = [self.issues[i] for i in np.flatnonzero(out == OPEN)]
            raise ModelSpecificationError(f"package leaves issues open: {missing}")
        return out

    def describe(self, package: ArrayLike) -> dict[str, str | None]:
        """``{issue: option}`` for one (possibly partial) package; open issues map to None."""
        arr = self.check(package, partial=True)
        if arr.ndim != 1:
            raise ModelSpecificationError("describe takes one package (a 1-d index array)")
        return {
            issue: (None if int(j) == OPEN else self.options[i][int(j)])
            for i, (issue, j) in enumerate(zip(self.issues, arr, strict=True))
        }

    def check(self, packages: ArrayLike, *, partial: bool = False) -> IndexArray:
        """Return ``packages`` as an index array of this space, or raise if out of range.

        Raises
        ------
        ModelSpecificationError
            If the last axis is not ``n_issues`` long or an index is out of range.
        """
        arr = np.asarray(packages)
        if arr.ndim == 0 or arr.shape[-1] != self.n_issues:
            raise ModelSpecificationError(
                f"packages need {self.n_issues} option indices each (one per issue); "
                f"got shape {arr.shape}"
            )
        if arr.size and not np.issubdtype(arr.dtype, np.integer):
            raise ModelSpecificationError(f"option indices must be integers; got {arr.dtype}")
        low = OPEN if partial else 0
        if arr.size and ((arr < low).any() or (arr >= self._cards).any()):
            raise ModelSpecificationError(
                f"option index out of range: each must lie in [{low}, cardinality) with "
                f"cardinalities {self._cards.tolist()}"
            )
        return arr.astype(self.dtype, copy=False)

    def _strides(self) -> NDArray[np.int64]:
        if not self.has_ids:
            raise ModelSpecificationError(
                f"the space has {self.size:.3e} packages, too many for int64 ids; "
                "use index arrays instead"
            )
        strides = np.ones(self.n_issues, dtype=np.int64)
        for i in range(self.n_issues - 2, -1, -1):
            strides[i] = strides[i + 1] * self._cards[i + 1]
        return strides

    def encode(self, packages: ArrayLike) -> NDArray[np.int64]:
        """Mixed-radix ids of complete packages (first issue most significant)."""
        arr = self.check(packages).astype(np.int64)
        return arr @ self._strides()

    def decode(self, ids: ArrayLike) -> IndexArray:
        """Index arrays of packages given by their ids."""
        ids_arr = np.asarray(ids, dtype=np.int64)
        if ids_arr.size and ((ids_arr < 0).any() or (ids_arr >= self.size).any()):
            raise ModelSpecificationError(f"package ids must lie in [0, {self.size})")
        strides = self._strides()
        return ((ids_arr[..., None] // strides) % self._cards).astype(self.dtype)

    def enumerate(self, *, chunk_size: int = 1 << 18) -> Iterator[IndexArray]:
        """Every package, in id order, as index arrays of at most ``chunk_size`` rows.

        Examples
        --------
        >>> space = OutcomeSpace(("a", "b"), (("x", "y"), ("p", "q", "r")))
        >>> [chunk.tolist() for chunk in space.enumerate(chunk_size=4)]
        [[[0, 0], [0, 1], [0, 2], [1, 0]], [[1, 1], [1, 2]]]
        """
        if chunk_size < 1:
            raise ModelSpecificationError(f"chunk_size must be positive; got {chunk_size}")
        size = self.size
        for start in range(0, size, chunk_size):
            yield self.decode(np.arange(start, min(start + chunk_size, size), dtype=np.int64))

    def restrict(self, issues: Sequence[str]) -> OutcomeSpace:
        """The space over a subset of issues (in the order given)."""
        idx = [self.issue_index(i) for i in issues]
        return OutcomeSpace(
            tuple(self.issues[i] for i in idx),
            tuple(self.options[i] for i in idx),
            None if self.positions is None else tuple(self.positions[i] for i in idx),
            None if self.titles is None else tuple(self.titles[i] for i in idx),
        )


def product_indices(cardinalities: Sequence[int], dtype: np.dtype[np.signedinteger]) -> IndexArray:
    """All index arrays of a small product, in lexicographic order (helper for tests/brute force).

    Examples
    --------
    >>> product_indices([2, 2], np.dtype(np.int8)).tolist()
    [[0, 0], [0, 1], [1, 0], [1, 1]]
    """
    grids = np.meshgrid(*[np.arange(c) for c in cardinalities], indexing="ij")
    return np.stack([g.ravel() for g in grids], axis=-1).astype(dtype)
