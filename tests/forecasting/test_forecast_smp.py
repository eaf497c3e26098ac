"""KTAB's Spatial Model of Politics against KTAB's own reference run logs, turn by turn."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest

from accords.exceptions import ModelSpecificationError
from accords.forecasting import read_ktab_csv
from accords.forecasting.base import Actors
from accords.forecasting.smp import SpatialModel

KTAB = (Path(__file__).resolve().parents[2] / ".." / "shared" / "external" / "ktab").resolve()
SCENARIOS = [
    pytest.param(("SOE-Pol-Comp.csv", "ref-SOE-Pol-Comp.txt"), id="SOE-Pol-Comp"),
    pytest.param(("dummyData_3Dim.csv", "ref-dummyData_3Dim.txt"), id="dummyData_3Dim"),
]


# ----------------------------------------------------------------------------------------------
# A reader of KTAB's run logs (test-only): what the log prints, as the strings it prints.


@dataclass
class LoggedTurn:
    """One 'Starting Model::run iteration' block of a KTAB log."""

    positions: dict[int, list[str]] = field(default_factory=dict)  # 'postn i , t :' lines
    targets: dict[int, int] = field(default_factory=dict)  # challenger -> target
    challenge_prob: dict[int, str] = field(default_factory=dict)  # challenger's own estimate
    ratio: str | None = None  # 'Fractional change compared to first step'


@dataclass
class KtabLog:
    turns: list[LoggedTurn]
    risk: list[list[str]]  # 'Inferred risk attitudes' blocks, one per state
    win_probs: dict[str, list[str]]  # 'History of actors' winning probabilities'
    n_states: int


def parse_ktab_log(text: str) -> KtabLog:
    lines = text.splitlines()
    turns: list[LoggedTurn] = []
    risk: list[list[str]] = []
    win_probs: dict[str, list[str]] = {}
    n_states = -1
    k = 0
    while k < len(lines):
        line = lines[k]
        if re.match(r"Starting Model::run iteration (\d+)", line):
            turns.append(LoggedTurn())
        elif m := re.match(r"postn (\d+) , \d+ :", line):
            turns[-1].positions[int(m.group(1))] = lines[k + 1].split()
            k += 1
        elif m := re.match(r"In turn \d+ actor (\d+) has most advantageous target (\d+)", line):
            turns[-1].targets[int(m.group(1))] = int(m.group(2))
        elif m := re.match(
            r"Est by +(\d+) of prob ([\d.]+) that \[ *(\d+)> *(\d+)\], "
            r"with expected gain to +(\d+)",
            line,
        ):
            h, p, i, _, k_ = m.groups()
            if h == i == k_:
                turns[-1].challenge_prob[int(i)] = p
        elif m := re.match(r"Fractional change compared to first step: ([\d.]+)", line):
            turns[-1].ratio = m.group(1)
        elif line.startswith("Inferred risk attitudes"):
            block: list[str] = []
            while re.match(r"^\s*[+-]\d", lines[k + 1]):
                block.append(lines[k + 1].strip())
                k += 1
            risk.append(block)
        elif m := re.match(r"There were (\d+) states", line):
            n_states = int(m.group(1))
        elif m := re.match(r"(.+), prob :((?: [\d.]+)+)\s*$", line):
            win_probs[m.group(1)] = m.group(2).split()
        k += 1
    return KtabLog(turns, risk, win_probs, n_states)


def load(csv_name: str, log_name: str) -> tuple[Actors, KtabLog]:
    if not KTAB.is_dir():
        pytest.skip("../shared/external not present")
    actors, _ = read_ktab_csv(KTAB / csv_name)
    log = parse_ktab_log((KTAB / log_name).read_text(encoding="utf-8"))
    return actors, log


@pytest.fixture(scope="module", params=SCENARIOS)
def reference(request: pytest.FixtureRequest) -> tuple[Actors, KtabLog, SpatialModel]:
    actors, log = load(*request.param)
    return actors, log, SpatialModel().fit(actors)


# ----------------------------------------------------------------------------------------------
# Turn by turn against KTAB


def test_log_parser_reads_every_turn(reference: tuple[Actors, KtabLog, SpatialModel]) -> None:
    actors, log, _ = reference
    assert log.n_states == len(log.turns) + 1
    assert all(len(turn.positions) == actors.n_actors for turn in log.turns)
    assert all(turn.ratio is not None for turn in log.turns)
    assert len(log.risk) == log.n_states
    assert set(log.win_probs) == set(actors.names)


def test_same_number_of_turns_and_convergence(
    reference: tuple[Actors, KtabLog, SpatialModel],
) -> None:
    _, log, model = reference
    assert model.n_turns_ == len(log.turns)
    assert model.converged_


def test_every_position_at_every_turn(reference: tuple[Actors, KtabLog, SpatialModel]) -> None:
    actors, log, model = reference
    mismatches = [
        (t, actors.names[i], [f"{v:.4f}" for v in model.trajectory_[t, i]], logged)
        for t, turn in enumerate(log.turns, start=1)
        for i, logged in sorted(turn.positions.items())
        if [f"{v:.4f}" for v in model.trajectory_[t, i]] != logged
    ]
    assert mismatches == []


def test_fractional_change_of_every_turn(reference: tuple[Actors, KtabLog, SpatialModel]) -> None:
    _, log, model = reference
    ours = [f"{v:.4f}" for v in model.fractional_change_]
    assert ours == [turn.ratio for turn in log.turns]


def test_challengers_targets_and_probabilities(
    reference: tuple[Actors, KtabLog, SpatialModel],
) -> None:
    _, log, model = reference
    for t, turn in enumerate(log.turns):
        ours = {int(i): int(j) for i, j in enumerate(model.targets_[t]) if j >= 0}
        assert ours == turn.targets, f"turn {t + 1}"
        probs = {i: f"{model.challenge_probabilities_[t, i]:.4f}" for i in ours}
        assert probs == turn.challenge_prob, f"turn {t + 1}"


def test_risk_attitudes_of_every_state(reference: tuple[Actors, KtabLog, SpatialModel]) -> None:
    _, log, model = reference
    ours = [[f"{v:+.3f}" for v in state] for state in model.risk_attitudes_]
    assert ours == log.risk


def test_winning_probabilities_of_every_state(
    reference: tuple[Actors, KtabLog, SpatialModel],
) -> None:
    actors, log, model = reference
    for i, name in enumerate(actors.names):
        ours = [f"{v:.4f}" for v in model.position_probabilities_[:, i]]
        assert ours == log.win_probs[name], name


def test_reference_scenario_runs_under_one_second() -> None:
    actors, _ = load("SOE-Pol-Comp.csv", "ref-SOE-Pol-Comp.txt")
    start = time.perf_counter()
    SpatialModel().fit(actors)
    assert time.perf_counter() - start < 1.0


# ----------------------------------------------------------------------------------------------
# Behaviour on synthetic actors


def synthetic(n: int, d: int, seed: int) -> Actors:
    rng = np.random.default_rng(seed)
    sal = rng.dirichlet(np.ones(d + 1), size=n)[:, :d]  # each row adds up to less than 1
    return Actors.from_columns(
        [f"a{i}" for i in range(n)],
        rng.uniform(10, 200, n),
        rng.uniform(0, 100, (n, d)),
        sal,
    )


@pytest.mark.slow
def test_hundred_actors_five_dimensions_converge_under_thirty_seconds() -> None:
    actors = synthetic(100, 5, seed=20250101)
    start = time.perf_counter()
    model = SpatialModel().fit(actors)
    assert time.perf_counter() - start < 30.0
    assert model.converged_


def test_relabelling_actors_permutes_the_run() -> None:
    actors = synthetic(9, 2, seed=3)
    order = np.arange(actors.n_actors)[::-1]
    relabelled = Actors(
        tuple(actors.names[i] for i in order),
        actors.capability[order],
        actors.position[order],
        actors.salience[order],
    )
    a = SpatialModel().fit(actors)
    b = SpatialModel().fit(relabelled)
    np.testing.assert_allclose(b.trajectory_, a.trajectory_[:, order], atol=1e-9)


def test_positions_stay_between_the_extremes_on_each_dimension() -> None:
    actors = synthetic(12, 3, seed=11)
    traj = SpatialModel().fit(actors).trajectory_
    low, high = actors.position.min(axis=0), actors.position.max(axis=0)
    half_step = 0.005 + 1e-9  # bargains are rounded to 4 decimals on [0, 1]
    assert np.all(traj >= low - half_step)
    assert np.all(traj <= high + half_step)


def test_forecast_fields() -> None:
    actors = synthetic(6, 2, seed=5)
    forecast = SpatialModel().fit(actors).predict()
    assert forecast.model == "ktab-smp"
    assert forecast.trajectory.shape == (forecast.n_rounds + 1, 6, 2)
    np.testing.assert_array_equal(forecast.trajectory[0], actors.position)
    probs = forecast.details["position_probabilities"]
    assert isinstance(probs, np.ndarray)
    assert probs.shape == (forecast.n_rounds + 1, 6)
    final = forecast.trajectory[-1]
    assert np.all(forecast.outcome >= final.min(axis=0) - 1e-9)
    assert np.all(forecast.outcome <= final.max(axis=0) + 1e-9)


@pytest.mark.parametrize(
    ("risk_range", "low", "high"),
    [("mid", -0.5, 1.0), ("min", 0.0, 1.0), ("max", -1.0, 1.0)],
    ids=["mid", "min", "max"],
)
def test_risk_range_spans_its_interval(risk_range: str, low: float, high: float) -> None:
    model = SpatialModel(risk_range=risk_range, max_turns=3).fit(synthetic(8, 2, seed=1))  # type: ignore[arg-type]
    first = model.risk_attitudes_[0]
    assert first.min() == pytest.approx(low)
    assert first.max() == pytest.approx(high)


@pytest.mark.parametrize(
    "options",
    [
        {"victory": "square"},
        {"victory": "quartic"},
        {"risk_adjust": "full"},
        {"risk_adjust": "none"},
        {"risk_adjust": "half"},
        {"risk_adjust": "two-thirds"},
        {"interpolation": "s1p1"},
    ],
    ids=lambda o: "-".join(f"{k}={v}" for k, v in o.items()),
)
def test_options_change_the_run_but_keep_its_shape(options: dict[str, str]) -> None:
    actors = synthetic(10, 2, seed=8)
    default = SpatialModel().fit(actors)
    other = SpatialModel(**options).fit(actors)  # type: ignore[arg-type]
    assert other.trajectory_.shape[1:] == default.trajectory_.shape[1:]
    steps = min(len(other.trajectory_), len(default.trajectory_))
    assert not np.array_equal(other.trajectory_[:steps], default.trajectory_[:steps])


def test_deterministic_runs_repeat() -> None:
    actors = synthetic(10, 3, seed=2)
    a = SpatialModel().fit(actors).trajectory_
    b = SpatialModel().fit(actors).trajectory_
    np.testing.assert_array_equal(a, b)


def test_stochastic_transitions_same_seed_same_result() -> None:
    actors = synthetic(10, 2, seed=4)
    runs = [SpatialModel(transitions="stochastic", seed=s).fit(actors) for s in (7, 7, 8)]
    np.testing.assert_array_equal(runs[0].trajectory_, runs[1].trajectory_)
    assert not np.array_equal(runs[0].trajectory_, runs[2].trajectory_)


def test_salience_scale_option_equals_rescaled_input() -> None:
    actors = synthetic(6, 2, seed=9)
    heavy = Actors(actors.names, actors.capability, actors.position, np.full((6, 2), 0.9))
    scaled = Actors(actors.names, actors.capability, actors.position, np.full((6, 2), 0.5))
    a = SpatialModel(salience_sum="scale").fit(heavy).trajectory_
    b = SpatialModel().fit(scaled).trajectory_
    np.testing.assert_array_equal(a, b)


def test_all_on_one_position_stays_put() -> None:
    actors = Actors.from_columns(["a", "b", "c"], [1, 2, 3], [50, 50, 50], [0.5, 0.5, 0.5])
    model = SpatialModel().fit(actors)
    assert model.n_turns_ == 2  # KTAB needs two turns before it may stop
    assert np.all(model.trajectory_ == 50)
    np.testing.assert_array_equal(model.risk_attitudes_, 0.0)


BAD = [
    pytest.param(
        {}, Actors.from_columns(["a"], [1], [10], [0.5]), "at least 2 actors", id="one-actor"
    ),
    pytest.param(
        {}, Actors.from_columns(["a", "b"], [1, 1], [10, 120], [0.5, 0.5]), "0-100", id="off-scale"
    ),
    pytest.param(
        {},
        Actors.from_columns(["a", "b"], [1, 1], [[10, 20], [30, 40]], [[0.6, 0.6], [0.2, 0.2]]),
        "add up to more than 1",
        id="salience-over-one",
    ),
    pytest.param(
        {},
        Actors.from_columns(["a", "b"], [1, 1], [10, 20], [0.0, 0.4]),
        "zero salience",
        id="no-salience",
    ),
    pytest.param({"victory": "cubic"}, None, "victory must be one of", id="bad-victory"),
    pytest.param({"risk_range": "wide"}, None, "risk_range must be one of", id="bad-range"),
    pytest.param({"transitions": "random"}, None, "transitions must be one of", id="bad-stm"),
    pytest.param({"max_turns": 0}, None, "max_turns must be an integer", id="no-turns"),
    pytest.param({"tolerance": 1.5}, None, "tolerance must be in", id="bad-tolerance"),
]


@pytest.mark.parametrize(("options", "actors", "message"), BAD)
def test_bad_input_is_refused(
    options: dict[str, object], actors: Actors | None, message: str
) -> None:
    actors = actors or synthetic(4, 1, seed=0)
    with pytest.raises(ModelSpecificationError, match=message):
        SpatialModel(**options).fit(actors)  # type: ignore[arg-type]


def test_predict_before_fit_is_refused() -> None:
    with pytest.raises(ModelSpecificationError, match="before predict"):
        SpatialModel().predict()
