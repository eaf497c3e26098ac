"""Monte Carlo: triangular draws against scipy, seeds, chunking, batch and per-draw paths."""

from __future__ import annotations

from typing import Self

import numpy as np
import pytest
from scipy import stats

from accords.exceptions import ModelSpecificationError
from accords.forecasting.base import Actors, BaseForecastModel, Forecast, ModelTags
from accords.forecasting.compromise import CompromiseModel, NashBargainingModel
from accords.forecasting.montecarlo import (
    ActorRanges,
    confidence_half_width,
    draw_actors,
    monte_carlo,
    triangular,
)
from accords.random import as_generator

ACTORS = Actors.from_columns(["a", "b", "c"], [3, 2, 1], [10, 50, 90], [0.9, 0.5, 0.7])


@pytest.mark.parametrize(
    ("low", "mode", "high"),
    [(0, 50, 100), (0, 0, 30), (20, 40, 40), (10, 12, 70)],
    ids=["symmetric", "mode-at-low", "mode-at-high", "skewed"],
)
def test_triangular_inverse_cdf_matches_scipy(low, mode, high) -> None:
    u = np.linspace(0, 1, 101)
    expected = stats.triang.ppf(u, (mode - low) / (high - low), loc=low, scale=high - low)
    np.testing.assert_allclose(triangular(low, mode, high, u), expected, atol=1e-9)


def test_draws_follow_the_triangular_distribution() -> None:
    ranges = ActorRanges(ACTORS, position_low=[[0], [30], [60]], position_high=[[40], [55], [95]])
    draws = draw_actors(ranges, 20000, seed=4)
    for i, (lo, mode, hi) in enumerate([(0, 10, 40), (30, 50, 55), (60, 90, 95)]):
        c = (mode - lo) / (hi - lo)
        result = stats.kstest(draws.position[:, i, 0], stats.triang(c, loc=lo, scale=hi - lo).cdf)
        assert result.pvalue > 0.001
    # exact inputs stay exact
    assert np.all(draws.salience == ACTORS.salience[None])
    assert np.all(draws.capability == ACTORS.capability[None])


@pytest.mark.parametrize(
    ("confidence", "half"), [(1.0, 0.0), (0.5, 12.5), (0.0, 25.0), (0.8, 5.0)], ids=str
)
def test_confidence_mapping(confidence: float, half: float) -> None:
    assert confidence_half_width(confidence) == pytest.approx(half)
    ranges = ActorRanges.from_confidence(ACTORS, [confidence] * 3)
    np.testing.assert_allclose(ranges.position_high[1], 50 + half)
    np.testing.assert_allclose(ranges.position_low[0], max(0.0, 10 - half))  # clipped at 0


def test_same_seed_same_result_and_different_seed_differs() -> None:
    ranges = ActorRanges.from_confidence(ACTORS, [0.5, 0.3, 0.6])
    first = monte_carlo(NashBargainingModel(), ranges, n_draws=500, seed=9)
    again = monte_carlo(NashBargainingModel(), ranges, n_draws=500, seed=9)
    other = monte_carlo(NashBargainingModel(), ranges, n_draws=500, seed=10)
    np.testing.assert_array_equal(first.outcomes, again.outcomes)
    assert not np.array_equal(first.outcomes, other.outcomes)


@pytest.mark.parametrize("chunk_size", [1, 7, 100, 10_000], ids=lambda c: f"chunk{c}")
def test_numbers_do_not_depend_on_chunking(chunk_size: int) -> None:
    ranges = ActorRanges.from_confidence(ACTORS, [0.5, 0.3, 0.6])
    reference = monte_carlo(CompromiseModel(), ranges, n_draws=300, seed=1)
    chunked = monte_carlo(CompromiseModel(), ranges, n_draws=300, seed=1, chunk_size=chunk_size)
    np.testing.assert_array_equal(reference.outcomes, chunked.outcomes)


def test_batch_outcomes_equal_a_loop_over_the_draws() -> None:
    ranges = ActorRanges.from_confidence(ACTORS, [0.5, 0.3, 0.6])
    dist = monte_carlo(CompromiseModel(), ranges, n_draws=200, seed=3)
    draws = draw_actors(ranges, 200, seed=as_generator(3))
    for i in range(200):
        expected = CompromiseModel().fit(draws.actors(i)).predict().outcome
        np.testing.assert_allclose(dist.outcomes[i], expected, atol=1e-12)


def test_summary_intervals_are_quantiles_of_the_draws() -> None:
    ranges = ActorRanges.from_confidence(ACTORS, [0.2, 0.2, 0.2])
    dist = monte_carlo(CompromiseModel(), ranges, n_draws=4000, seed=2)
    row = dist.summary()[0]
    values = dist.outcomes[:, 0]
    assert row["median"] == pytest.approx(np.median(values))
    assert row["interval_50"] == pytest.approx(
        [np.quantile(values, 0.25), np.quantile(values, 0.75)]
    )
    assert row["interval_90"] == pytest.approx(
        [np.quantile(values, 0.05), np.quantile(values, 0.95)]
    )
    assert row["interval_90"][0] < row["interval_50"][0] < row["median"] < row["interval_50"][1]
    assert row["point"] == pytest.approx(CompromiseModel().fit(ACTORS).predict().outcome[0])


def test_exact_inputs_repeat_the_point_forecast() -> None:
    dist = monte_carlo(CompromiseModel(), ACTORS, n_draws=50, seed=0)
    assert np.all(dist.outcomes == dist.point.outcome)


class SeededNoise(BaseForecastModel):
    """A model fitted draw by draw that uses its own seed: checks per-draw seeding."""

    name = "noise"
    tags = ModelTags(stochastic=True)

    def __init__(self, *, seed: int | None = None) -> None:
        self.seed = seed

    def fit(self, actors: Actors) -> Self:
        self.actors_ = actors
        self.outcome_ = actors.position.mean(axis=0) + as_generator(self.seed).normal(size=1)
        return self

    def predict(self) -> Forecast:
        return Forecast(self.name, self.outcome_, self.actors_.position[None])


def test_per_draw_models_get_reproducible_seeds() -> None:
    ranges = ActorRanges.from_confidence(ACTORS, [0.5, 0.5, 0.5])
    ticks: list[tuple[int, int]] = []
    a = monte_carlo(
        SeededNoise(seed=0), ranges, n_draws=60, seed=5, progress=lambda d, t: ticks.append((d, t))
    )
    b = monte_carlo(SeededNoise(seed=0), ranges, n_draws=60, seed=5, chunk_size=13)
    np.testing.assert_array_equal(a.outcomes, b.outcomes)
    assert (
        len(
            np.unique(
                a.outcomes - draw_actors(ranges, 60, seed=as_generator(5)).position.mean(axis=1)
            )
        )
        > 50
    )
    assert ticks[-1] == (60, 60)
    assert [d for d, _ in ticks] == sorted(d for d, _ in ticks)
    assert a.details["batch"] is False


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (
            lambda: ActorRanges(ACTORS, position_low=[[20], [0], [0]]),
            r"position of actor 'a'.*20 > 10",
        ),
        (
            lambda: ActorRanges(ACTORS, position_high=[[5], [60], [95]]),
            r"position of actor 'a'.*5 < 10",
        ),
        (
            lambda: ActorRanges(ACTORS, salience_high=[[1.5], [1], [1]]),
            r"salience_high: expected finite values in \[0, 1\]",
        ),
        (
            lambda: ActorRanges(ACTORS, capability_low=[1, 1]),
            r"capability_low: expected shape \(3,\)",
        ),
        (
            lambda: ActorRanges.from_confidence(ACTORS, [0.5, 2.0, 0.5]),
            r"confidence: expected values in \[0, 1\]",
        ),
        (lambda: ActorRanges.from_confidence(ACTORS, [0.5]), "confidence: expected shape"),
        (
            lambda: monte_carlo(CompromiseModel(), ACTORS, n_draws=0),
            "n_draws: expected a whole number >= 1",
        ),
        (
            lambda: monte_carlo(CompromiseModel(), ACTORS, chunk_size=0),
            "chunk_size: expected a number >= 1",
        ),
        (lambda: interval_at_level_one(), r"level: expected a value in \(0, 1\)"),
    ],
    ids=[
        "low-above-mode",
        "high-below-mode",
        "salience-off-scale",
        "capability-shape",
        "confidence-off-scale",
        "confidence-shape",
        "no-draws",
        "no-chunk",
        "bad-level",
    ],
)
def test_bad_inputs_raise(call, match) -> None:
    with pytest.raises(ModelSpecificationError, match=match):
        call()


def interval_at_level_one() -> None:
    monte_carlo(CompromiseModel(), ACTORS, n_draws=5, seed=0).interval(1.0)
