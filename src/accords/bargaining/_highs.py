"""The HiGHS wrapper behind the exact searches (private).

:class:`MipModel` holds a HiGHS mixed-integer program over one-hot option variables ``x[i, j]``
(issue ``i`` takes option ``j``) of a possibly restricted outcome space, with helpers to add
utility rows, extra variables, objectives and a starting package. It is the only module of the
package that imports ``highspy``.

HiGHS prints a licence banner on file descriptor 1 when the first solver of a process is built,
before any option can be set. :func:`new_highs` builds that first solver with descriptor 1
pointed at the null device (and C's stdio buffers flushed before it is restored), so a library
call never writes on stdout, whatever the caller does with descriptor 1.
"""

from __future__ import annotations

import contextlib
import ctypes
import math
import os
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass

import highspy
import numpy as np
from numpy.typing import ArrayLike, NDArray

from accords.bargaining.space import OPEN, IndexArray
from accords.bargaining.utilities import FloatArray, Utilities
from accords.exceptions import InfeasibleError

__all__ = ["INF", "MipModel", "MipResult", "new_highs"]

INF = highspy.kHighsInf
_ABS_GAP = 1e-11
_FEAS_TOL = 1e-9


@dataclass
class MipResult:
    package: IndexArray | None
    bound: float
    optimal: bool
    timed_out: bool


class MipModel:
    """A HiGHS model over one-hot option variables of a (possibly restricted) space."""

    def __init__(
        self,
        utilities: Utilities,
        *,
        allowed: Sequence[NDArray[np.bool_]],
        fixed: IndexArray | None = None,
        time_limit: float = 60.0,
    ) -> None:
        self.utilities = utilities
        self.deadline = time.monotonic() + time_limit
        self.h = new_highs()
        for name, value in (
            ("mip_rel_gap", 0.0),
            ("mip_abs_gap", _ABS_GAP),
            ("primal_feasibility_tolerance", _FEAS_TOL),
            ("mip_feasibility_tolerance", _FEAS_TOL),
            ("threads", 1),
            ("random_seed", 0),
            ("mip_heuristic_run_rins", False),
            ("mip_heuristic_run_rens", False),
        ):
            self.h.setOptionValue(name, value)
        col_issue, col_option = [], []
        self.n_issues = utilities.n_issues
        for i, ok in enumerate(allowed):
            options = np.flatnonzero(ok)
            if fixed is not None and int(fixed[i]) != OPEN:
                options = options[options == int(fixed[i])]
            if len(options) == 0:
                raise InfeasibleError(f"no admissible option left for issue number {i}")
            col_issue.extend([i] * len(options))
            col_option.extend(options.tolist())
        self.col_issue = np.array(col_issue, dtype=np.int64)
        self.col_option = np.array(col_option, dtype=np.int64)
        self.n_x = len(col_issue)
        self.coef = np.stack(
            [utilities.tables[i][:, j] for i, j in zip(col_issue, col_option, strict=True)],
            axis=1,
        )
        self.n_cols = self.n_x
        h = self.h
        h.addVars(self.n_x, np.zeros(self.n_x), np.ones(self.n_x))
        h.changeColsIntegrality(
            self.n_x,
            np.arange(self.n_x, dtype=np.int32),
            np.full(self.n_x, highspy.HighsVarType.kInteger),
        )
        for i in range(self.n_issues):
            idx = np.flatnonzero(self.col_issue == i).astype(np.int32)
            h.addRow(1.0, 1.0, len(idx), idx, np.ones(len(idx)))
        self.x_idx = np.arange(self.n_x, dtype=np.int32)

    def set_integer(self, cols: NDArray[np.int32]) -> None:
        """Make the columns ``cols`` integer."""
        self.h.changeColsIntegrality(
            len(cols), cols, np.full(len(cols), highspy.HighsVarType.kInteger)
        )

    def col(self, issue: int, option: int) -> int | None:
        hit = np.flatnonzero((self.col_issue == issue) & (self.col_option == option))
        return int(hit[0]) if len(hit) else None

    def add_vars(self, n: int, lb: float = -INF, ub: float = INF) -> NDArray[np.int32]:
        start = self.n_cols
        self.h.addVars(n, np.full(n, lb), np.full(n, ub))
        self.n_cols += n
        return np.arange(start, start + n, dtype=np.int32)

    def add_row(self, lb: float, ub: float, idx: ArrayLike, val: ArrayLike) -> None:
        i = np.asarray(idx, dtype=np.int32)
        v = np.asarray(val, dtype=np.float64)
        self.h.addRow(lb, ub, len(i), i, v)

    def add_utility_row(
        self, p: int, lb: float, extra: Sequence[tuple[int, float]] = (), ub: float = INF
    ) -> None:
        """``lb <= u_p(x) + sum(coef * extra_col) <= ub``."""
        idx = np.concatenate([self.x_idx, [c for c, _ in extra]]).astype(np.int32)
        val = np.concatenate([self.coef[p], [v for _, v in extra]])
        self.add_row(lb, ub, idx, val)

    def add_reservation_rows(self, reservation: FloatArray) -> None:
        for p in range(self.utilities.n_parties):
            self.add_utility_row(p, float(reservation[p]))

    def set_objective(
        self, costs: dict[int, float] | NDArray[np.float64], *, maximize: bool
    ) -> None:
        full = np.zeros(self.n_cols)
        if isinstance(costs, dict):
            for c, v in costs.items():
                full[c] = v
        else:
            full[: len(costs)] = costs
        self.h.changeColsCost(self.n_cols, np.arange(self.n_cols, dtype=np.int32), full)
        self.h.changeObjectiveSense(
            highspy.ObjSense.kMaximize if maximize else highspy.ObjSense.kMinimize
        )

    def package(self, col_value: Sequence[float]) -> IndexArray:
        x = np.asarray(col_value[: self.n_x])
        chosen = x > 0.5
        out = np.full(self.n_issues, OPEN, dtype=np.int64)
        out[self.col_issue[chosen]] = self.col_option[chosen]
        if (out == OPEN).any():
            raise RuntimeError("solver returned a package that leaves an issue open")
        return out

    def start_from(self, package: IndexArray | None, extra: dict[int, float] | None = None) -> None:
        if package is None:
            return
        idx = [self.col(i, int(j)) for i, j in enumerate(package)]
        if any(c is None for c in idx):
            return
        cols = [c for c in idx if c is not None]
        vals = [1.0] * len(cols)
        for c, v in (extra or {}).items():
            cols.append(c)
            vals.append(v)
        self.h.setSolution(len(cols), np.array(cols, dtype=np.int32), np.array(vals))

    def solve(self) -> MipResult:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            return MipResult(None, math.inf, False, True)
        self.h.setOptionValue("time_limit", max(remaining, 1e-3))
        self.h.run()
        status = self.h.getModelStatus()
        info = self.h.getInfo()
        if status == highspy.HighsModelStatus.kInfeasible:
            return MipResult(None, -math.inf, True, False)
        has_solution = info.primal_solution_status == 2
        package = self.package(self.h.getSolution().col_value) if has_solution else None
        sense = self.h.getObjectiveSense()[1]
        bound = float(info.mip_dual_bound)
        if sense == highspy.ObjSense.kMinimize:
            bound = -bound
        optimal = status == highspy.HighsModelStatus.kOptimal
        return MipResult(package, bound, optimal, not optimal)


_BANNER_LOCK = threading.Lock()
_banner_silenced = False


def _flush_c_stdio() -> None:
    """Flush C's stdio buffers (the banner may sit there when stdout is a pipe)."""
    # No C library handle (Windows): nothing to flush this way.
    with contextlib.suppress(OSError, AttributeError, TypeError):
        ctypes.CDLL(None).fflush(None)


def _silent_highs() -> highspy.Highs:
    h = highspy.Highs()  # type: ignore[no-untyped-call]
    h.silent()
    return h


def new_highs() -> highspy.Highs:
    """A silent HiGHS solver; the first of the process is built with descriptor 1 muted.

    HiGHS 1.16 prints its banner once per process, when the first solver is built; the
    subprocess test ``tests/cli/test_cli_bargaining.py`` checks that nothing reaches stdout.
    """
    global _banner_silenced
    with _BANNER_LOCK:
        if _banner_silenced:
            return _silent_highs()
        _banner_silenced = True
        try:
            sys.stdout.flush()
            saved = os.dup(1)
        except (OSError, ValueError):  # no descriptor 1 (embedded interpreter): nothing to mute
            return _silent_highs()
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, 1)
            h = _silent_highs()
            _flush_c_stdio()
        finally:
            os.dup2(saved, 1)
            os.close(saved)
            os.close(devnull)
        return h
