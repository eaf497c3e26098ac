"""The numpy Hungarian method behind small diffs, against scipy's (an independent oracle)."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from scipy.optimize import linear_sum_assignment

from accords.analysis.diff import SMALL_ASSIGNMENT, max_weight_assignment


@pytest.mark.parametrize(
    ("n_rows", "n_cols", "seed", "ties"),
    [(1, 1, 0, False), (3, 7, 1, False), (7, 3, 2, True), (20, 20, 3, True), (45, 60, 4, False),
     (SMALL_ASSIGNMENT, SMALL_ASSIGNMENT, 5, True), (0, 4, 6, False)],
)  # fmt: skip
def test_same_total_as_scipy(n_rows: int, n_cols: int, seed: int, ties: bool) -> None:
    rng = np.random.default_rng(seed)
    score = rng.random((n_rows, n_cols)) * (rng.random((n_rows, n_cols)) > 0.4)
    if ties:
        score = np.round(score, 1)
    pairs = max_weight_assignment(score)
    rows, cols = linear_sum_assignment(score, maximize=True)
    assert sum(score[i, j] for i, j in pairs) == pytest.approx(score[rows, cols].sum(), abs=1e-9)
    assert len({i for i, _ in pairs}) == len(pairs) == len({j for _, j in pairs})
    assert len(pairs) == min(n_rows, n_cols)


def test_a_small_diff_does_not_import_scipy_optimize() -> None:
    code = (
        "import sys\n"
        "from accords import load_corpus, diff_agreements\n"
        "c = load_corpus()\n"
        "diff_agreements(c.agreement('us-28-point-plan'), c.agreement('us-19-point-plan'))\n"
        "print('scipy.optimize' in sys.modules, 'scipy.sparse' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]
