"""The out-of-sample protocol: grouped folds, interval scores, intervals, and DEU figures."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

from accords.exceptions import ModelSpecificationError
from accords.forecasting.base import Actors
from accords.forecasting.compromise import CompromiseModel
from accords.forecasting.validation import (
    InputNoise,
    coverage,
    deu_cases,
    evaluate_forecasts,
    grouped_folds,
    interval_score,
    noisy_outcomes,
    parse_deu_proposals,
    residual_interval,
)

DEU_FILE = Path(__file__).resolve().parents[2] / ".." / "shared" / "external" / "deu" / "deu3.csv"


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("n_folds", [2, 3, 5])
def test_grouped_folds_keep_groups_together(seed: int, n_folds: int) -> None:
    rng = np.random.default_rng(seed)
    groups = [f"g{int(k)}" for k in rng.integers(0, 20, size=80)]
    folds = grouped_folds(groups, n_folds=n_folds, seed=seed)
    for g in set(groups):
        assert len({int(f) for f, h in zip(folds, groups, strict=True) if h == g}) == 1
    assert set(folds.tolist()) == set(range(n_folds))
    assert folds.tolist() == grouped_folds(groups, n_folds=n_folds, seed=seed).tolist()
    sizes = np.bincount(folds)
    biggest_group = max(groups.count(g) for g in set(groups))
    assert sizes.max() - sizes.min() <= biggest_group


@pytest.mark.parametrize(
    ("groups", "n_folds"), [(["a", "b"], 3), (["a", "a", "b"], 1)], ids=["few-groups", "one-fold"]
)
def test_grouped_folds_bad(groups: list[str], n_folds: int) -> None:
    with pytest.raises(ModelSpecificationError, match="n_folds"):
        grouped_folds(groups, n_folds=n_folds)


@pytest.mark.parametrize(
    ("low", "high", "y", "level", "expected"),
    [
        (40.0, 60.0, 50.0, 0.9, 20.0),  # inside: the width
        (40.0, 60.0, 70.0, 0.9, 20.0 + 2 / 0.1 * 10),  # above
        (40.0, 60.0, 30.0, 0.5, 20.0 + 2 / 0.5 * 10),  # below
        (50.0, 50.0, 50.0, 0.5, 0.0),
    ],
    ids=["inside", "above", "below", "point"],
)
def test_interval_score_formula(
    low: float, high: float, y: float, level: float, expected: float
) -> None:
    got = interval_score(np.array([low]), np.array([high]), np.array([y]), level)
    assert got[0] == pytest.approx(expected)


def test_interval_score_is_proper_for_quantiles() -> None:
    """The expected score over a known distribution is least at its true quantiles."""
    y = np.random.default_rng(0).normal(50, 10, 20000)
    true = np.quantile(y, [0.05, 0.95])

    def expected(lo: float, hi: float) -> float:
        return float(interval_score(np.full(y.size, lo), np.full(y.size, hi), y, 0.9).mean())

    best = expected(*true)
    for dl, dh in itertools.product([-3.0, 0.0, 3.0], repeat=2):
        assert expected(true[0] + dl, true[1] + dh) >= best - 1e-9


def test_residual_intervals_cover_nominally_out_of_sample() -> None:
    rng = np.random.default_rng(1)
    n = 600
    point = rng.uniform(20, 80, n)
    y = point + rng.normal(0, 8, n)
    groups = [f"g{k // 3}" for k in range(n)]
    folds = grouped_folds(groups, n_folds=5, seed=0)
    ev = evaluate_forecasts("synthetic", point, y, folds)
    assert ev.mae_in == ev.mae_oos == pytest.approx(np.mean(np.abs(point - y)))
    assert ev.coverage_oos[0.9] == pytest.approx(0.9, abs=0.03)
    assert ev.coverage_oos[0.5] == pytest.approx(0.5, abs=0.05)
    low, high = residual_interval(point, y - point, 0.9)
    assert coverage(low, high, y) == pytest.approx(0.9, abs=0.01)


def test_input_noise_chooses_the_true_noise() -> None:
    """Outcomes drawn with position noise 20: the interval score picks a scale near 20."""
    rng = np.random.default_rng(2)
    model = CompromiseModel()
    grid = [InputNoise(p, 0.0) for p in (0.0, 5.0, 20.0, 60.0)]
    cases, ys = [], []
    for k in range(120):
        a = Actors.from_columns(["a", "b", "c"], [1, 1, 1], rng.uniform(30, 70, 3), [1, 1, 1])
        cases.append(noisy_outcomes(model, a, grid, n_draws=200, seed=k))
        ys.append(noisy_outcomes(model, a, [InputNoise(20.0, 0.0)], n_draws=1, seed=10_000 + k))
    draws = np.stack(cases)
    y = np.concatenate(ys)[:, 0]
    point = draws[:, 0, 0]
    folds = grouped_folds([str(k) for k in range(120)], n_folds=4, seed=0)
    ev = evaluate_forecasts("noise", point, y, folds, method="input-noise", draws=draws, grid=grid)
    assert ev.noise == InputNoise(20.0, 0.0)
    assert ev.coverage_oos[0.9] == pytest.approx(0.9, abs=0.08)


def test_input_noise_needs_draws() -> None:
    with pytest.raises(ModelSpecificationError, match="input-noise"):
        evaluate_forecasts(
            "x", np.zeros(4), np.zeros(4), np.array([0, 0, 1, 1]), method="input-noise"
        )


@pytest.fixture(scope="module")
def deu_text() -> str:
    if not DEU_FILE.resolve().exists():
        pytest.skip("../shared/external not present")
    return DEU_FILE.resolve().read_text(encoding="utf-8")


def test_deu_cases_and_groups(deu_text: str) -> None:
    from accords.forecasting.io import read_deu

    cases = deu_cases(read_deu(DEU_FILE.resolve()).issues, parse_deu_proposals(deu_text))
    assert len(cases) == 353
    assert len({c.group for c in cases}) == 137
    assert {c.procedure for c in cases} == {"COD", "CNS"}


def test_deu_compromise_residual_intervals_calibrated(deu_text: str) -> None:
    """Target of the protocol: 90 % intervals cover 85-95 % of outcomes out of sample."""
    from accords.forecasting.io import read_deu

    cases = deu_cases(read_deu(DEU_FILE.resolve()).issues, parse_deu_proposals(deu_text))
    y = np.asarray([c.outcome for c in cases])
    point = np.asarray([CompromiseModel().fit(c.actors).predict().outcome[0] for c in cases])
    ev = evaluate_forecasts("compromise", point, y, grouped_folds([c.group for c in cases]))
    assert ev.mae_oos == pytest.approx(23.22, abs=0.006)
    assert 0.85 <= ev.coverage_oos[0.9] <= 0.95
    assert 0.40 <= ev.coverage_oos[0.5] <= 0.60
