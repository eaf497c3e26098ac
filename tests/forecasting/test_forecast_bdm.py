"""Bueno de Mesquita's expected-utility model: Scholz et al.'s Table 2 and a brute-force oracle."""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

import numpy as np
import pytest

from accords.exceptions import ModelSpecificationError
from accords.forecasting.base import Actors
from accords.forecasting.bdm import ExpectedUtilityModel

EMISSIONS = (
    Path(__file__).resolve().parents[2]
    / ".."
    / "shared"
    / "external"
    / "bdm"
    / "emissions-1994.csv"
).resolve()

# Scholz, Calbert & Smith (2011), Table 2, Q = 1.0: median and mean position after each round
PUBLISHED_MEDIAN = [8.4, 9.9, 9.9, 9.9, 9.9, 7.4, 8.8, 9.6]
PUBLISHED_MEAN = [7.4, 7.5, 7.6, 7.3, 7.3, 7.4, 7.5, 7.6]
# the one figure this reconstruction misses: Belgium, the median actor, compromises with France
# to 9.61 in round 2 (fraction |e_ij / e_ji| = 0.754); the published median needs >= 9.8
KNOWN_MISS = {("median", 2): 9.61}


def emissions() -> Actors:
    if not EMISSIONS.is_file():
        pytest.skip("../shared/external not present")
    with EMISSIONS.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return Actors.from_columns(
        [r["Actor"] for r in rows],
        [float(r["Capability"]) for r in rows],
        [float(r["Position"]) for r in rows],
        [float(r["Salience"]) for r in rows],
    )


@pytest.fixture(scope="module")
def table2_run() -> dict[str, object]:
    return ExpectedUtilityModel(q=1.0).fit(emissions()).predict().details


def table2_cases() -> list[object]:
    cases = []
    for stat, published in (("median", PUBLISHED_MEDIAN), ("mean", PUBLISHED_MEAN)):
        for round_, value in enumerate(published, start=1):
            marks = []
            if (stat, round_) in KNOWN_MISS:
                marks = [
                    pytest.mark.xfail(
                        strict=True,
                        reason=f"reconstruction gives {KNOWN_MISS[stat, round_]} (published "
                        f"{value}); see the model's Notes",
                    )
                ]
            cases.append(pytest.param(stat, round_, value, marks=marks, id=f"{stat}-round{round_}"))
    return cases


@pytest.mark.parametrize(("stat", "round_", "published"), table2_cases())
def test_table2_within_a_tenth(
    table2_run: dict[str, object], stat: str, round_: int, published: float
) -> None:
    series = table2_run[stat]
    assert isinstance(series, np.ndarray)
    assert abs(float(series[round_, 0]) - published) <= 0.1 + 1e-9


def test_table2_known_miss_is_what_the_notes_say(table2_run: dict[str, object]) -> None:
    median = table2_run["median"]
    assert isinstance(median, np.ndarray)
    assert round(float(median[2, 0]), 2) == KNOWN_MISS["median", 2]


def test_table2_starting_point(table2_run: dict[str, object]) -> None:
    median, mean = table2_run["median"], table2_run["mean"]
    assert isinstance(median, np.ndarray)
    assert isinstance(mean, np.ndarray)
    assert float(median[0, 0]) == 7.0  # weighted median of the data (positions 4, 7, 10)
    assert float(mean[0, 0]) == pytest.approx(5.003 / 0.677)  # c*s-weighted mean


# ----------------------------------------------------------------------------------------------
# An independent, deliberately plain re-implementation (loops over actors, one formula at a
# time, as in the model's docstring) to check the vectorised model against.


def oracle(
    c: list[float],
    x0: list[float],
    s: list[float],
    *,
    q: float,
    t: float,
    probability: str,
    vote_risk: str,
    risk: str,
    median: str,
    offer_choice: str,
    rounds: int,
) -> list[list[float]]:
    n = len(c)
    span = max(x0) - min(x0)
    x = list(x0)
    history = [list(x)]

    def weighted_median(w: list[float]) -> float:
        order = sorted(range(n), key=lambda i: (x[i], i))
        total, acc = sum(w), 0.0
        for i in order:
            acc += w[i]
            if acc >= total / 2:
                return x[i]
        raise AssertionError

    def find_median() -> float:
        if median == "capability-weighted":
            return weighted_median(c)
        if median == "salience-weighted":
            return weighted_median([c[k] * s[k] for k in range(n)])
        seen: list[float] = []
        for v in x:
            if v not in seen:
                seen.append(v)
        best = seen[0]
        for pos in seen[1:]:
            votes = sum(c[k] * s[k] * (abs(x[k] - best) - abs(x[k] - pos)) for k in range(n))
            if votes > 0:
                best = pos
        return best

    def vote(k: int, a: int, b: int, rho: list[float]) -> float:
        return (
            c[k]
            * s[k]
            * ((abs(x[k] - x[b]) / span) ** rho[k] - (abs(x[k] - x[a]) / span) ** rho[k])
        )

    def win_prob(i: int, j: int, rho: list[float], everything: float) -> float:
        if x[i] == x[j]:
            return 0.0
        support = sum(max(0.0, vote(k, i, j, rho)) for k in range(n))
        if probability == "all-votes":
            return support / everything
        total = sum(abs(vote(k, i, j, rho)) for k in range(n))
        return support / total if total > 0 else 0.0

    def expected(i: int, j: int, r: float, rho: list[float], mu: float, everything: float) -> float:
        p = win_prob(i, j, rho, everything)
        d = abs(x[i] - x[j]) / span
        u_s = 2 - 4 * (0.5 - 0.5 * d) ** r
        u_f = 2 - 4 * (0.5 + 0.5 * d) ** r
        u_sq = 2 - 4 * 0.5**r
        d_mu = (abs(x[i] - mu) + abs(x[i] - x[j])) / span
        u_b = 2 - 4 * max(0.5 - 0.25 * d_mu, 0.0) ** r
        u_w = 2 - 4 * (0.5 + 0.25 * d_mu) ** r
        status_quo = q * u_sq + (1 - q) * (t * u_b + (1 - t) * u_w)
        return s[j] * (p * u_s + (1 - p) * u_f) + (1 - s[j]) * u_s - status_quo

    for _ in range(rounds):
        mu = find_median()
        ones = [1.0] * n
        if risk == "security":
            every1 = sum(
                abs(vote(k, a, b, ones)) for k in range(n) for a in range(n) for b in range(n)
            )
            danger = [
                sum(expected(j, i, 1.0, ones, mu, every1) for j in range(n) if j != i)
                for i in range(n)
            ]
            hi, lo = max(danger), min(danger)
            big_r = [(2 * d - hi - lo) / (hi - lo) if hi > lo else 0.0 for d in danger]
            r = [(1 - b / 3) / (1 + b / 3) for b in big_r]
        else:
            r = ones
        rho = r if vote_risk == "own" else ones
        every = sum(abs(vote(k, a, b, rho)) for k in range(n) for a in range(n) for b in range(n))
        new_x = list(x)
        for i in range(n):
            offers = []  # (kind, j, position, e_ij, e_ji)
            for j in range(n):
                if j == i or x[j] == x[i]:
                    continue
                e_ij = expected(i, j, r[i], rho, mu, every)
                e_ji = expected(j, i, r[i], rho, mu, every)
                if e_ji > e_ij > 0:
                    offers.append((1, j, x[j], e_ij, e_ji))
                elif e_ji > 0 > e_ij and e_ji > abs(e_ij):
                    offers.append((2, j, x[i] + (x[j] - x[i]) * abs(e_ij / e_ji), e_ij, e_ji))
                elif e_ji > 0 > e_ij:
                    offers.append((3, j, x[j], e_ij, e_ji))
            if not offers:
                continue
            if offer_choice == "weighted-mean":
                w = [c[o[1]] * s[o[1]] for o in offers]
                new_x[i] = sum(wk * o[2] for wk, o in zip(w, offers, strict=True)) / sum(w)
            elif offer_choice == "closest":
                new_x[i] = min(offers, key=lambda o: (abs(o[2] - x[i]), o[1]))[2]
            elif offer_choice == "greatest-utility":
                new_x[i] = min(offers, key=lambda o: (-o[4], o[1]))[2]
            else:
                kind = min(o[0] for o in offers)
                pool = [o for o in offers if o[0] == kind]
                new_x[i] = min(pool, key=lambda o: scholz_rank(o, x[i], x))[2]
        x = new_x
        history.append(list(x))
    return history


def scholz_rank(offer: tuple[int, int, float, float, float], here: float, x: list[float]):
    """Compromises by the lowest weighted point, other kinds by distance; ties to low index."""
    kind, j, position, e_ij, e_ji = offer
    if kind == 2:
        return ((abs(e_ij) * here + abs(e_ji) * x[j]) / (abs(e_ij) + abs(e_ji)), j)
    return (abs(position - here), j)


OPTION_GRID = [
    dict(zip(("probability", "vote_risk", "risk", "offer_choice", "q"), combo, strict=True))
    for combo in itertools.product(
        ["all-votes", "pairwise"],
        ["own", "neutral"],
        ["security", "neutral"],
        ["scholz", "closest", "greatest-utility", "weighted-mean"],
        [1.0, 0.5],
    )
]


@pytest.mark.parametrize("options", OPTION_GRID, ids=lambda o: "-".join(str(v) for v in o.values()))
@pytest.mark.parametrize("seed", [1, 2], ids=["seed1", "seed2"])
def test_matches_brute_force_oracle(options: dict[str, object], seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = 6
    c = rng.uniform(0.05, 1.0, n).round(3).tolist()
    x0 = rng.integers(0, 11, n).astype(float).tolist()
    s = rng.uniform(0.1, 1.0, n).round(2).tolist()
    rounds = 4
    expected = oracle(
        c,
        x0,
        s,
        t=0.7,
        median="salience-weighted",
        rounds=rounds,
        **options,  # type: ignore[arg-type]
    )
    model = ExpectedUtilityModel(max_rounds=rounds, tolerance=0.0, t=0.7, **options)  # type: ignore[arg-type]
    got = model.fit(Actors.from_columns([f"a{i}" for i in range(n)], c, x0, s)).trajectory_[:, :, 0]
    np.testing.assert_allclose(got, np.asarray(expected)[: len(got)], rtol=0, atol=1e-9)


@pytest.mark.parametrize(
    "median", ["salience-weighted", "capability-weighted", "pairwise-scan"], ids=str
)
def test_median_rules_match_oracle(median: str) -> None:
    rng = np.random.default_rng(5)
    c = rng.uniform(0.05, 1.0, 7).tolist()
    x0 = rng.integers(0, 11, 7).astype(float).tolist()
    s = rng.uniform(0.1, 1.0, 7).tolist()
    expected = oracle(
        c,
        x0,
        s,
        q=0.5,
        t=1.0,
        probability="all-votes",
        vote_risk="own",
        risk="security",
        median=median,
        offer_choice="scholz",
        rounds=3,
    )
    model = ExpectedUtilityModel(max_rounds=3, tolerance=0.0, q=0.5, median=median)  # type: ignore[arg-type]
    got = model.fit(Actors.from_columns([f"a{i}" for i in range(7)], c, x0, s)).trajectory_[:, :, 0]
    np.testing.assert_allclose(got, np.asarray(expected)[: len(got)], rtol=0, atol=1e-9)


# ----------------------------------------------------------------------------------------------
# Behaviour


def test_risk_exponents_lie_in_half_to_two() -> None:
    details = ExpectedUtilityModel().fit(emissions()).predict().details
    r = details["risk_exponents"]
    assert isinstance(r, np.ndarray)
    assert r.min() >= 0.5 - 1e-12
    assert r.max() <= 2.0 + 1e-12
    assert r[0].min() == pytest.approx(0.5)  # the most threatened actor (R = 1)
    assert r[0].max() == pytest.approx(2.0)  # the safest (R = -1)


def test_each_dimension_is_its_own_issue() -> None:
    """Two issues run as two separate runs; a mirrored issue runs mirrored.

    The mirror holds for ``offer_choice="closest"``; Scholz et al.'s rule ranks compromises by
    their position (lowest first), which is not symmetric under mirroring.
    """
    one = emissions()
    two = Actors(
        one.names,
        one.capability,
        np.column_stack([one.position[:, 0], 14 - one.position[:, 0]]),
        np.column_stack([one.salience[:, 0], one.salience[:, 0]]),
    )
    both = ExpectedUtilityModel(max_rounds=5, offer_choice="closest").fit(two).trajectory_
    alone = ExpectedUtilityModel(max_rounds=5, offer_choice="closest").fit(one).trajectory_
    np.testing.assert_allclose(both[:, :, 0], alone[:, :, 0])
    np.testing.assert_allclose(both[:, :, 1], 14 - alone[:, :, 0], atol=1e-12)  # mirror image


def test_agreement_needs_no_rounds() -> None:
    actors = Actors.from_columns(["a", "b", "c"], [1, 2, 3], [5, 5, 5], [0.2, 0.5, 0.9])
    forecast = ExpectedUtilityModel().fit(actors).predict()
    assert forecast.n_rounds == 0
    assert forecast.converged
    assert forecast.outcome.tolist() == [5.0]


def test_forecast_is_the_final_median() -> None:
    forecast = ExpectedUtilityModel().fit(emissions()).predict()
    median = forecast.details["median"]
    assert isinstance(median, np.ndarray)
    assert forecast.outcome.tolist() == median[-1].tolist()
    assert forecast.trajectory.shape == (forecast.n_rounds + 1, 10, 1)
    assert forecast.n_rounds == 8


def test_same_input_same_result() -> None:
    a = ExpectedUtilityModel().fit(emissions()).trajectory_
    b = ExpectedUtilityModel().fit(emissions()).trajectory_
    np.testing.assert_array_equal(a, b)


BAD = [
    pytest.param({"q": 1.5}, "q must be a probability", id="q-over-one"),
    pytest.param({"t": -0.1}, "t must be a probability", id="t-negative"),
    pytest.param({"probability": "bayes"}, "probability must be one of", id="bad-probability"),
    pytest.param({"vote_risk": "mine"}, "vote_risk must be one of", id="bad-vote-risk"),
    pytest.param({"risk": "positions"}, "risk must be one of", id="bad-risk"),
    pytest.param({"median": "mean"}, "median must be one of", id="bad-median"),
    pytest.param({"offer_choice": "best"}, "offer_choice must be one of", id="bad-offer"),
    pytest.param({"max_rounds": 0}, "max_rounds must be an integer", id="no-rounds"),
    pytest.param({"tolerance": -1.0}, "tolerance must be >= 0", id="negative-tolerance"),
]


@pytest.mark.parametrize(("options", "message"), BAD)
def test_bad_parameters(options: dict[str, object], message: str) -> None:
    actors = Actors.from_columns(["a", "b"], [1, 1], [0, 10], [0.5, 0.5])
    with pytest.raises(ModelSpecificationError, match=message):
        ExpectedUtilityModel(**options).fit(actors)  # type: ignore[arg-type]


def test_one_actor_is_refused() -> None:
    with pytest.raises(ModelSpecificationError, match="at least 2 actors"):
        ExpectedUtilityModel().fit(Actors.from_columns(["a"], [1], [3], [0.5]))


def test_predict_before_fit_is_refused() -> None:
    with pytest.raises(ModelSpecificationError, match="before predict"):
        ExpectedUtilityModel().predict()
