r"""Sensitivity: which actor's position, salience or clout moves the forecast most.

One-at-a-time swings (a tornado table): every input of every actor is set to a low and a high
value while all other inputs stay at their modes, the model is run on both, and the *swing* is
how far the forecast moves between them,

.. math:: \text{swing} = \lVert f(\text{high}) - f(\text{low}) \rVert_2

(on one dimension simply :math:`|f(\text{high}) - f(\text{low})|`). Rows are ranked by swing,
largest first.

The low and high values are the input's range where :class:`ActorRanges` gives one; otherwise
the mode plus and minus a step: ``position_step`` points (default 10), ``salience_step``
(default 0.1), and for capability a relative step (default 25 %: ``c * 0.75`` to ``c * 1.25``),
each clipped to its scale. Positions and saliences are varied on each dimension separately.

Examples
--------
>>> from accords.forecasting.base import Actors
>>> from accords.forecasting.compromise import CompromiseModel
>>> actors = Actors.from_columns(["a", "b", "c"], [3, 1, 1], [30, 50, 100], [1.0, 1.0, 1.0])
>>> table = sensitivity(CompromiseModel(), actors)
>>> top = table.rows[0]
>>> top.actor, top.input, round(top.swing, 6)   # 2 x 10 points x a's share 3/5
('a', 'position', 12.0)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, cast

import numpy as np
from numpy.typing import NDArray

from accords.exceptions import ModelSpecificationError
from accords.forecasting.base import Actors, ForecastModel, model_tags
from accords.forecasting.montecarlo import ActorRanges, BatchForecastModel

__all__ = ["InputName", "SensitivityRow", "SensitivityTable", "sensitivity"]

FloatArray = NDArray[np.float64]
InputName = Literal["position", "salience", "capability"]


@dataclass(frozen=True)
class SensitivityRow:
    """One input of one actor, set low and high.

    Parameters
    ----------
    rank : int
        1 for the input that moves the forecast most.
    actor : str
    input : {"position", "salience", "capability"}
    dimension : str or None
        The dimension of a position or salience (None for capability).
    mode, low, high : float
        The input's most likely, low and high values.
    outcome_low, outcome_high : ndarray of shape (d,)
        The forecast with the input at low and at high.
    swing : float
        Euclidean distance between the two forecasts.
    """

    rank: int
    actor: str
    input: InputName
    dimension: str | None
    mode: float
    low: float
    high: float
    outcome_low: FloatArray
    outcome_high: FloatArray
    swing: float

    def to_record(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "rank": self.rank,
            "actor": self.actor,
            "input": self.input,
            "dimension": self.dimension,
            "mode": self.mode,
            "low": self.low,
            "high": self.high,
            "outcome_low": self.outcome_low.tolist(),
            "outcome_high": self.outcome_high.tolist(),
            "swing": self.swing,
        }


@dataclass(frozen=True)
class SensitivityTable:
    """A model's forecast at the modes and the ranked swings of every input."""

    model: str
    dimensions: tuple[str, ...]
    base: FloatArray
    rows: tuple[SensitivityRow, ...]

    def to_record(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "model": self.model,
            "dimensions": list(self.dimensions),
            "base": self.base.tolist(),
            "rows": [r.to_record() for r in self.rows],
        }


@dataclass(frozen=True)
class _Case:
    actor: int
    input: InputName
    dimension: int | None
    mode: float
    low: float
    high: float


def _cases(
    ranges: ActorRanges, position_step: float, salience_step: float, capability_step: float
) -> list[_Case]:
    a = ranges.actors
    cases: list[_Case] = []
    scales: dict[str, tuple[float, float]] = {"position": (0.0, 100.0), "salience": (0.0, 1.0)}
    for i in range(a.n_actors):
        for what, step in (("position", position_step), ("salience", salience_step)):
            mode = getattr(a, what)
            low_b, high_b = ranges._bounds(what)
            floor, ceiling = scales[what]
            for k in range(a.n_dimensions):
                m = float(mode[i, k])
                lo, hi = float(low_b[i, k]), float(high_b[i, k])
                if lo == hi:
                    lo, hi = max(floor, m - step), min(ceiling, m + step)
                cases.append(_Case(i, what, k, m, lo, hi))  # type: ignore[arg-type]
        m = float(a.capability[i])
        low_c, high_c = ranges._bounds("capability")
        lo, hi = float(low_c[i]), float(high_c[i])
        if lo == hi:
            lo, hi = max(0.0, m * (1.0 - capability_step)), m * (1.0 + capability_step)
        cases.append(_Case(i, "capability", None, m, lo, hi))
    return cases


def _scenario(actors: Actors, case: _Case, value: float) -> tuple[FloatArray, ...]:
    cap = actors.capability.copy()
    pos = actors.position.copy()
    sal = actors.salience.copy()
    if case.input == "capability":
        cap[case.actor] = value
    elif case.input == "position":
        pos[case.actor, case.dimension] = value
    else:
        sal[case.actor, case.dimension] = value
    return cap, pos, sal


def _outcomes(
    model: ForecastModel, actors: Actors, stacks: tuple[FloatArray, FloatArray, FloatArray]
) -> FloatArray:
    cap, pos, sal = stacks
    if model_tags(model).batch:
        batch = cast(BatchForecastModel, model)
        return np.asarray(batch.predict_batch(cap, pos, sal), dtype=np.float64)
    out = np.empty((cap.shape[0], actors.n_dimensions))
    for b in range(cap.shape[0]):
        table = Actors(actors.names, cap[b], pos[b], sal[b], actors.dimensions)
        try:
            out[b] = model.fit(table).predict().outcome
        except ModelSpecificationError:
            out[b] = np.nan
    return out


def _dimension_name(actors: Actors, index: int | None) -> str | None:
    return None if index is None else actors.dimensions[index]


def sensitivity(
    model: ForecastModel,
    inputs: Actors | ActorRanges,
    *,
    position_step: float = 10.0,
    salience_step: float = 0.1,
    capability_step: float = 0.25,
) -> SensitivityTable:
    """Rank every actor's inputs by how much they move the forecast (one at a time).

    Parameters
    ----------
    model : ForecastModel
    inputs : Actors or ActorRanges
        The modes, and the ranges to swing over where given.
    position_step : float, default 10
        Points either side of the mode where a position has no range.
    salience_step : float, default 0.1
        Either side of the mode where a salience has no range.
    capability_step : float, default 0.25
        Relative step either side where a capability has no range.

    Returns
    -------
    SensitivityTable
        Rows ranked by swing, largest first (ties: actor order, then position, salience,
        capability).

    Raises
    ------
    ModelSpecificationError
        If a step is negative or the model cannot forecast the modes.
    """
    for name, value in (
        ("position_step", position_step),
        ("salience_step", salience_step),
        ("capability_step", capability_step),
    ):
        if not (np.isfinite(value) and value >= 0):
            raise ModelSpecificationError(f"{name}: expected a number >= 0, got {value}")
    ranges = inputs if isinstance(inputs, ActorRanges) else ActorRanges.exact(inputs)
    actors = ranges.actors
    base = model.fit(actors).predict()
    cases = _cases(ranges, position_step, salience_step, capability_step)
    scenarios = [_scenario(actors, c, v) for c in cases for v in (c.low, c.high)]
    stacks = (
        np.stack([s[0] for s in scenarios]),
        np.stack([s[1] for s in scenarios]),
        np.stack([s[2] for s in scenarios]),
    )
    outcomes = _outcomes(model, actors, stacks)
    low_out, high_out = outcomes[0::2], outcomes[1::2]
    swings = np.linalg.norm(high_out - low_out, axis=1)
    order = sorted(
        range(len(cases)),
        key=lambda j: (-swings[j] if np.isfinite(swings[j]) else np.inf, j),
    )
    rows = tuple(
        SensitivityRow(
            rank=r + 1,
            actor=actors.names[cases[j].actor],
            input=cases[j].input,
            dimension=_dimension_name(actors, cases[j].dimension),
            mode=cases[j].mode,
            low=cases[j].low,
            high=cases[j].high,
            outcome_low=low_out[j],
            outcome_high=high_out[j],
            swing=float(swings[j]),
        )
        for r, j in enumerate(order)
    )
    return SensitivityTable(base.model, actors.dimensions, np.asarray(base.outcome), rows)
