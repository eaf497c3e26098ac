"""Sensitivity swings against the closed form of the compromise model."""

from __future__ import annotations

from typing import Self

import numpy as np
import pytest

from accords.exceptions import ModelSpecificationError
from accords.forecasting.base import Actors, Forecast
from accords.forecasting.compromise import CompromiseModel, NashBargainingModel
from accords.forecasting.montecarlo import ActorRanges
from accords.forecasting.sensitivity import sensitivity

ACTORS = Actors.from_columns(
    ["a", "b", "c", "d"], [4.0, 1.0, 2.0, 0.5], [30, 50, 70, 60], [0.5, 1.0, 0.8, 0.2]
)


def compromise(cap: np.ndarray, pos: np.ndarray, sal: np.ndarray) -> float:
    w = cap * sal
    return float((w * pos).sum() / w.sum())


def test_swings_match_the_closed_form_of_the_weighted_mean() -> None:
    table = sensitivity(
        CompromiseModel(), ACTORS, position_step=10, salience_step=0.1, capability_step=0.25
    )
    cap, pos, sal = ACTORS.capability, ACTORS.position[:, 0], ACTORS.salience[:, 0]
    expected: dict[tuple[str, str], float] = {}
    for i, name in enumerate(ACTORS.names):
        for what, values in (
            ("position", (pos[i] - 10, pos[i] + 10)),
            ("salience", (max(0.0, sal[i] - 0.1), min(1.0, sal[i] + 0.1))),
            ("capability", (cap[i] * 0.75, cap[i] * 1.25)),
        ):
            outcomes = []
            for v in values:
                c, p, s = cap.copy(), pos.copy(), sal.copy()
                {"position": p, "salience": s, "capability": c}[what][i] = v
                outcomes.append(compromise(c, p, s))
            expected[(name, what)] = abs(outcomes[1] - outcomes[0])
    got = {(r.actor, r.input): r.swing for r in table.rows}
    assert got.keys() == expected.keys()
    for key, value in expected.items():
        assert got[key] == pytest.approx(value, abs=1e-12), key
    # position swing is 2 x step x weight share: the analytic derivative
    share = cap * sal / (cap * sal).sum()
    for i, name in enumerate(ACTORS.names):
        assert got[(name, "position")] == pytest.approx(20 * share[i])
    swings = [r.swing for r in table.rows]
    assert swings == sorted(swings, reverse=True)
    assert [r.rank for r in table.rows] == list(range(1, len(table.rows) + 1))
    assert table.rows[0].actor == "a"
    assert table.rows[0].input == "position"


def test_ranges_are_used_where_given() -> None:
    ranges = ActorRanges(
        ACTORS, position_low=[[0], [50], [70], [60]], position_high=[[30], [50], [70], [60]]
    )
    table = sensitivity(CompromiseModel(), ranges)
    row = next(r for r in table.rows if r.actor == "a" and r.input == "position")
    assert (row.low, row.high) == (0.0, 30.0)
    other = next(r for r in table.rows if r.actor == "b" and r.input == "position")
    assert (other.low, other.high) == (40.0, 60.0)  # no range: mode +- step


class PlainNash:
    """Nash without predict_batch: forces the fit-by-fit path."""

    name = "nash-plain"

    def fit(self, actors: Actors) -> Self:
        self.forecast_ = NashBargainingModel().fit(actors).predict()
        return self

    def predict(self) -> Forecast:
        return self.forecast_


def test_batch_and_fit_paths_agree() -> None:
    batch = sensitivity(NashBargainingModel(), ACTORS)
    plain = sensitivity(PlainNash(), ACTORS)
    assert [(r.actor, r.input) for r in batch.rows] == [(r.actor, r.input) for r in plain.rows]
    np.testing.assert_allclose(
        [r.swing for r in batch.rows], [r.swing for r in plain.rows], atol=1e-9
    )


def test_multi_dimension_rows_name_their_dimension() -> None:
    actors = Actors.from_columns(
        ["a", "b"], [1, 2], [[10, 90], [50, 20]], [[1, 0.5], [0.5, 1]], dimensions=("x", "y")
    )
    table = sensitivity(CompromiseModel(), actors)
    assert {(r.input, r.dimension) for r in table.rows} == {
        ("position", "x"),
        ("position", "y"),
        ("salience", "x"),
        ("salience", "y"),
        ("capability", None),
    }
    record = table.to_record()
    assert record["dimensions"] == ["x", "y"]
    assert len(record["rows"][0]["outcome_low"]) == 2


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"position_step": -1}, "position_step: expected a number >= 0"),
        ({"salience_step": float("nan")}, "salience_step"),
        ({"capability_step": -0.5}, "capability_step"),
    ],
    ids=["negative-position-step", "nan-salience-step", "negative-capability-step"],
)
def test_bad_steps(kwargs, match) -> None:
    with pytest.raises(ModelSpecificationError, match=match):
        sensitivity(CompromiseModel(), ACTORS, **kwargs)
