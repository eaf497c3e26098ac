"""The one-shot models against independent oracles: plain loops, numpy.median, brute force."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import minimize_scalar

from accords.exceptions import ModelSpecificationError
from accords.forecasting.base import Actors
from accords.forecasting.compromise import (
    CompromiseModel,
    NashBargainingModel,
    WeightedMedianModel,
    nash_bargaining,
    weighted_median,
)

RNG_CASES = list(range(12))


def random_actors(seed: int, n: int = 7, d: int = 1) -> Actors:
    rng = np.random.default_rng(seed)
    return Actors.from_columns(
        [f"a{i}" for i in range(n)],
        rng.uniform(0.1, 5.0, n),
        rng.uniform(0, 100, (n, d)),
        rng.uniform(0.05, 1.0, (n, d)),
    )


# --------------------------------------------------------------------------- compromise


@pytest.mark.parametrize(
    ("weighting", "weight"),
    [
        ("capability-salience", lambda c, s: c * s),
        ("salience", lambda c, s: s),
        ("capability", lambda c, s: c),
        ("equal", lambda c, s: 1.0),
    ],
    ids=["cs", "s", "c", "equal"],
)
@pytest.mark.parametrize("seed", RNG_CASES[:4])
def test_compromise_is_the_weighted_mean_of_a_plain_loop(weighting, weight, seed) -> None:
    actors = random_actors(seed, d=2)
    got = CompromiseModel(weighting=weighting).fit(actors).predict().outcome
    for k in range(2):
        num = den = 0.0
        for i in range(actors.n_actors):
            w = weight(actors.capability[i], actors.salience[i, k])
            num += w * actors.position[i, k]
            den += w
        assert got[k] == pytest.approx(num / den, rel=1e-12)


def test_compromise_forecast_carries_protocol_fields() -> None:
    actors = random_actors(0, n=4, d=3)
    forecast = CompromiseModel().fit(actors).predict()
    assert forecast.model == "compromise"
    assert forecast.trajectory.shape == (1, 4, 3)
    np.testing.assert_array_equal(forecast.trajectory[0], actors.position)
    shares = forecast.details["weight_share"]
    np.testing.assert_allclose(np.asarray(shares).sum(axis=0), 1.0)


# --------------------------------------------------------------------------- median


@pytest.mark.parametrize("n", [1, 2, 3, 4, 7, 10], ids=lambda n: f"n{n}")
@pytest.mark.parametrize("seed", RNG_CASES[:3])
def test_equal_weight_median_is_numpy_median(n: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    pos = rng.integers(0, 101, (n, 1)).astype(float)  # integers: ties happen
    got = weighted_median(pos, np.ones_like(pos))
    assert got[0] == np.median(pos)


@pytest.mark.parametrize("seed", RNG_CASES)
def test_weighted_median_minimises_weighted_absolute_distance(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 9))
    pos = rng.integers(0, 101, n).astype(float)
    w = rng.integers(0, 5, n).astype(float)
    if w.sum() == 0:
        w[0] = 1.0
    got = float(weighted_median(pos[:, None], w[:, None])[0])
    grid = np.linspace(0, 100, 10001)
    cost = np.abs(grid[:, None] - pos[None, :]) @ w
    best = cost.min()
    assert (np.abs(pos - got) @ w) == pytest.approx(best, abs=1e-9)


def test_weighted_median_batch_matches_one_by_one() -> None:
    rng = np.random.default_rng(5)
    pos = rng.uniform(0, 100, (50, 6, 2))
    w = rng.uniform(0, 1, (50, 6, 2))
    batch = weighted_median(pos, w)
    for b in range(50):
        np.testing.assert_array_equal(batch[b], weighted_median(pos[b], w[b]))


# --------------------------------------------------------------------------- Nash


def brute_force_nash(
    c: np.ndarray, x: np.ndarray, s: np.ndarray, reference: float | None, utility: str
) -> float:
    """Grid search of the Nash product, independent of the bisection solver."""
    grid = np.linspace(0.0, 100.0, 200001)
    loss = (lambda z: z**2) if utility == "quadratic" else np.abs
    u = -s[None, :] * loss((grid[:, None] - x[None, :]) / 100.0)
    ud = np.full_like(s, -1.0) if reference is None else -s * loss((reference - x) / 100.0)
    active = (c > 0) & (s > 0)
    gain = u[:, active] - ud[None, active]
    ok = np.all(gain > 0, axis=1)
    if not ok.any():
        assert reference is not None
        return reference
    log_product = np.where(
        ok, (np.log(np.where(ok[:, None], gain, 1.0)) * c[active]).sum(1), -np.inf
    )
    return float(grid[np.argmax(log_product)])


@pytest.mark.parametrize("utility", ["quadratic", "linear"])
@pytest.mark.parametrize(
    "reference", [None, 0.0, 30.0, 100.0], ids=["breakdown", "q0", "q30", "q100"]
)
@pytest.mark.parametrize("seed", RNG_CASES[:6])
def test_nash_matches_brute_force(utility, reference, seed) -> None:
    actors = random_actors(seed, n=5)
    c, x, s = actors.capability, actors.position[:, 0], actors.salience[:, 0]
    got = NashBargainingModel(reference=reference, utility=utility).fit(actors).predict()
    expected = brute_force_nash(c, x, s, reference, utility)
    assert got.outcome[0] == pytest.approx(expected, abs=2e-3)


@pytest.mark.parametrize("seed", RNG_CASES[:6])
def test_nash_matches_scipy_on_the_log_product(seed: int) -> None:
    actors = random_actors(seed, n=6)
    c, x, s = actors.capability, actors.position[:, 0] / 100, actors.salience[:, 0]

    def negative_log_product(v: float) -> float:
        return -float(np.sum(c * np.log(1.0 - s * (v - x) ** 2)))

    ref = minimize_scalar(
        negative_log_product, bounds=(0.0, 1.0), method="bounded", options={"xatol": 1e-10}
    )
    got = NashBargainingModel().fit(actors).predict().outcome[0]
    assert got == pytest.approx(ref.x * 100, abs=1e-4)


def test_nash_with_costly_breakdown_approaches_the_compromise_model() -> None:
    """Achen (2006): with small losses against the gain of agreeing, Nash ~ compromise."""
    rng = np.random.default_rng(11)
    n = 8
    actors = Actors.from_columns(
        [f"a{i}" for i in range(n)],
        rng.uniform(0.5, 3, n),
        rng.uniform(45, 55, n),  # clustered positions: losses are tiny
        rng.uniform(0.2, 1.0, n),
    )
    nash = NashBargainingModel().fit(actors).predict().outcome[0]
    compromise = CompromiseModel().fit(actors).predict().outcome[0]
    assert abs(nash - compromise) < 1e-3
    spread = Actors.from_columns(
        actors.names, actors.capability, np.linspace(0, 100, n), actors.salience[:, 0]
    )
    far_nash = NashBargainingModel(breakdown_utility=-50).fit(spread).predict().outcome[0]
    assert far_nash == pytest.approx(CompromiseModel().fit(spread).predict().outcome[0], abs=0.05)


@pytest.mark.parametrize(
    ("positions", "reference", "expected"),
    [
        ([20, 80], 50.0, 50.0),  # status quo between them: gridlock
        ([50, 80], 50.0, 50.0),  # an actor at the status quo blocks every move
        ([60, 80], 0.0, None),  # both above: a move away from 0
        ([20, 80], None, 50.0),  # symmetric breakdown: midpoint
    ],
    ids=["straddle", "actor-at-q", "one-side", "symmetric"],
)
def test_nash_gridlock_and_symmetry(positions, reference, expected) -> None:
    actors = Actors.from_columns(["a", "b"], [1, 1], positions, [1.0, 1.0])
    forecast = NashBargainingModel(reference=reference).fit(actors).predict()
    if expected is None:
        assert positions[0] <= forecast.outcome[0] <= positions[1]
        assert forecast.details["gridlock"] == [False]
    else:
        assert forecast.outcome[0] == pytest.approx(expected, abs=1e-9)


def test_nash_saliences_drop_out_with_a_status_quo() -> None:
    base = Actors.from_columns(["a", "b", "c"], [1, 2, 1], [60, 75, 90], [1.0, 1.0, 1.0])
    other = Actors.from_columns(["a", "b", "c"], [1, 2, 1], [60, 75, 90], [0.2, 0.9, 0.4])
    model = NashBargainingModel(reference=10.0)
    assert model.fit(base).predict().outcome[0] == pytest.approx(
        model.fit(other).predict().outcome[0], abs=1e-9
    )


@pytest.mark.parametrize("model_cls", [CompromiseModel, WeightedMedianModel, NashBargainingModel])
def test_predict_batch_matches_fit_draw_by_draw(model_cls) -> None:
    rng = np.random.default_rng(2)
    b, n, d = 20, 5, 2
    cap = rng.uniform(0.1, 3, (b, n))
    pos = rng.uniform(0, 100, (b, n, d))
    sal = rng.uniform(0.1, 1, (b, n, d))
    model = model_cls()
    batch = model.predict_batch(cap, pos, sal)
    for i in range(b):
        one = model.fit(Actors(tuple("abcde"), cap[i], pos[i], sal[i])).predict().outcome
        np.testing.assert_allclose(batch[i], one, rtol=0, atol=1e-9)


def test_nash_batch_handles_per_problem_reference() -> None:
    pos = np.array([[[20.0], [80.0]], [[60.0], [90.0]]])
    got = nash_bargaining(np.ones((2, 2)), pos, np.ones((2, 2, 1)), reference=[[50.0], [0.0]])
    assert got[0, 0] == 50.0
    assert 60.0 < got[1, 0] < 90.0


# --------------------------------------------------------------------------- bad inputs

ONE = Actors.from_columns(["a", "b"], [1, 1], [10, 90], [0.5, 0.5])
ZERO = Actors.from_columns(["a", "b"], [0, 1], [10, 90], [0.5, 0.0])


@pytest.mark.parametrize(
    ("make", "actors", "match"),
    [
        (lambda: CompromiseModel(weighting="votes"), ONE, "weighting must be one of"),
        (lambda: WeightedMedianModel(weighting="x"), ONE, "weighting must be one of"),
        (lambda: CompromiseModel(), ZERO, "no actor has a positive weight"),
        (lambda: WeightedMedianModel(), ZERO, "no actor has a positive weight"),
        (lambda: NashBargainingModel(), ZERO, "no actor has a capability and a salience"),
        (lambda: NashBargainingModel(utility="cubic"), ONE, "utility must be one of"),
        (lambda: NashBargainingModel(breakdown_utility=-0.5), ONE, "breakdown_utility"),
        (lambda: NashBargainingModel(reference=[1, 2]), ONE, "reference: expected a number"),
        (
            lambda: NashBargainingModel(reference=150),
            ONE,
            r"reference: expected values on \[0, 100\]",
        ),
    ],
    ids=[
        "bad-weighting",
        "bad-median-weighting",
        "no-weight",
        "median-no-weight",
        "nash-no-active",
        "bad-utility",
        "breakdown-too-good",
        "reference-shape",
        "reference-off-scale",
    ],
)
def test_bad_parameters_raise(make, actors, match) -> None:
    with pytest.raises(ModelSpecificationError, match=match):
        make().fit(actors)
