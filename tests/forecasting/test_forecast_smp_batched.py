"""Batched SMP: the same outcomes as the per-draw SpatialModel, in-process and on Dask."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from accords.exceptions import ModelSpecificationError
from accords.forecasting.base import Actors
from accords.forecasting.montecarlo import ActorRanges, draw_actors, monte_carlo
from accords.forecasting.parallel import DaskMapper
from accords.forecasting.smp import SpatialModel
from accords.forecasting.smp_batched import BatchSpatialModel, smp_batch, sweep

DEU_FILE = Path(__file__).resolve().parents[2] / ".." / "shared" / "external" / "deu" / "deu3.csv"


def random_ranges(seed: int, n: int, d: int = 1) -> ActorRanges:
    rng = np.random.default_rng(seed)
    actors = Actors.from_columns(
        [f"a{k}" for k in range(n)],
        rng.uniform(1, 50, n),
        rng.uniform(0, 100, (n, d)),
        rng.uniform(0.05, 1.0 / d, (n, d)),
    )
    return ActorRanges.from_confidence(actors, rng.uniform(0.2, 0.9, n))


def per_draw(model: SpatialModel, ranges: ActorRanges, n_draws: int, seed: int) -> np.ndarray:
    draws = draw_actors(ranges, n_draws, seed=seed)
    out = np.full((n_draws, ranges.actors.n_dimensions), np.nan)
    for k in range(n_draws):
        try:
            out[k] = model.fit(draws.actors(k)).predict().outcome
        except ModelSpecificationError:
            continue
    return out


CASES = [
    (0, 4, 1, {}),
    (1, 9, 1, {}),
    (2, 6, 2, {}),
    (3, 7, 1, {"victory": "quartic", "risk_range": "min", "interpolation": "s1p1"}),
    (4, 5, 3, {"risk_adjust": "full", "victory": "square"}),
    (5, 12, 1, {"risk_adjust": "none", "risk_range": "max"}),
]


@pytest.mark.parametrize(
    ("seed", "n", "d", "params"), CASES, ids=[f"n{c[1]}-d{c[2]}-{c[0]}" for c in CASES]
)
def test_batch_identical_to_per_draw(seed: int, n: int, d: int, params: dict[str, str]) -> None:
    ranges = random_ranges(seed, n, d)
    model = SpatialModel(**params)  # type: ignore[arg-type]
    draws = draw_actors(ranges, 25, seed=seed)
    batched = smp_batch(draws.capability, draws.position, draws.salience, model=model)
    np.testing.assert_array_equal(batched, per_draw(model, ranges, 25, seed))


def test_refused_draws_are_nan_as_in_monte_carlo() -> None:
    """An actor whose saliences add up to more than 1 is refused by salience_sum='error'."""
    actors = Actors.from_columns(["a", "b", "c"], [1, 2, 3], [10, 50, 90], [0.5, 0.95, 0.4])
    ranges = ActorRanges(
        actors, salience_low=[[0.5], [0.9], [0.4]], salience_high=[[0.5], [1.0], [0.4]]
    )
    model = SpatialModel()
    draws = draw_actors(ranges, 30, seed=0)
    batched = smp_batch(draws.capability, draws.position, draws.salience, model=model)
    expected = per_draw(model, ranges, 30, 0)
    np.testing.assert_array_equal(batched, expected)


def test_monte_carlo_batched_equals_per_draw() -> None:
    ranges = random_ranges(7, 8)
    a = monte_carlo(BatchSpatialModel(), ranges, n_draws=40, seed=5)
    b = monte_carlo(SpatialModel(), ranges, n_draws=40, seed=5)
    assert a.details["batch"] is True
    np.testing.assert_array_equal(a.outcomes, b.outcomes)


def test_stochastic_transitions_are_not_batched() -> None:
    ranges = random_ranges(0, 4)
    draws = draw_actors(ranges, 2, seed=0)
    with pytest.raises(ModelSpecificationError, match="deterministic"):
        smp_batch(
            draws.capability,
            draws.position,
            draws.salience,
            model=SpatialModel(transitions="stochastic"),
        )


def test_sweep_on_a_local_cluster_equals_in_process() -> None:
    problems = [random_ranges(s, n) for s, n in ((0, 4), (1, 6), (2, 5))]
    model = BatchSpatialModel()
    local = sweep(model, problems, n_draws=30, seed=11, chunk_size=7)
    other_chunks = sweep(model, problems, n_draws=30, seed=11, chunk_size=30)
    with DaskMapper("local", n_workers=1, processes=False) as mapper:
        remote = sweep(model, problems, n_draws=30, seed=11, chunk_size=7, mapper=mapper)
    for a, b, c in zip(local, remote, other_chunks, strict=True):
        np.testing.assert_array_equal(a.outcomes, b.outcomes)
        np.testing.assert_array_equal(a.outcomes, c.outcomes)
    assert not np.array_equal(local[0].outcomes[:5], local[0].outcomes[5:10])


@pytest.mark.slow
def test_deu_issues_identical_to_per_draw() -> None:
    """Real issues (up to 30 actors, queues longer than 8): batched equals per-draw."""
    if not DEU_FILE.resolve().exists():
        pytest.skip("../shared/external not present")
    from accords.forecasting.io import read_deu

    issues = [i for i in read_deu(DEU_FILE.resolve()).issues if i.actors.salience.sum() > 0]
    model = SpatialModel(salience_sum="scale")
    for k in np.random.default_rng(0).choice(len(issues), 10, replace=False):
        a = issues[k].actors
        keep = a.salience[:, 0] > 0
        actors = Actors(
            tuple(n for n, x in zip(a.names, keep, strict=True) if x),
            a.capability[keep],
            a.position[keep],
            a.salience[keep],
            a.dimensions,
        )
        ranges = ActorRanges.from_confidence(actors, np.full(actors.n_actors, 0.5))
        draws = draw_actors(ranges, 20, seed=int(k))
        batched = smp_batch(draws.capability, draws.position, draws.salience, model=model)
        np.testing.assert_array_equal(batched, per_draw(model, ranges, 20, int(k)))
