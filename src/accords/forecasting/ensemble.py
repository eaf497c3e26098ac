r"""A stacking ensemble of the forecasting models, weighted by grouped cross-validation.

The ensemble forecast is a convex combination of its components' forecasts,

.. math:: \hat y = \sum_k w_k \hat y_k, \qquad w_k \ge 0, \; \sum_k w_k = 1,

with the weights that minimise the mean absolute error on the training cases (least absolute
deviations on the simplex, a linear programme solved with HiGHS through SciPy). The weights are
fit under the protocol of :mod:`accords.forecasting.validation` and shipped with their
provenance in ``accords/data/ensemble-weights.json``, written by
``benchmarks/fit_ensemble_weights.py`` (never typed by hand); :class:`EnsembleModel` reads
that file unless it is given weights.

Components (:data:`COMPONENTS`): the capability x salience compromise, the salience-weighted
compromise, the capability x salience weighted median, the per-issue Nash bargaining solution,
KTAB's SMP (actors with salience 0 left out, saliences scaled to sum to at most 1) and Bueno de
Mesquita's expected-utility model.

References
----------
.. [1] Wolpert, D. H. (1992). Stacked generalization. Neural Networks, 5(2), 241-259.
.. [2] Breiman, L. (1996). Stacked regressions. Machine Learning, 24, 49-64 (non-negative
   stacking weights).

Examples
--------
>>> from accords.forecasting.base import Actors
>>> actors = Actors.from_columns(["a", "b", "c"], [1, 2, 1], [0, 60, 100], [0.5, 0.8, 0.3])
>>> only_compromise = EnsembleWeights(
...     components=COMPONENTS, weights=(1.0, 0.0, 0.0, 0.0, 0.0, 0.0)
... )
>>> model = EnsembleModel(weights=only_compromise).fit(actors)
>>> forecast = model.predict()
>>> from accords.forecasting.compromise import CompromiseModel
>>> bool(forecast.outcome[0] == CompromiseModel().fit(actors).predict().outcome[0])
True
>>> fit_stacking_weights(np.array([[0.0, 10.0], [0.0, 20.0], [0.0, 30.0]]),
...                      np.array([10.0, 20.0, 30.0])).round(6).tolist()
[0.0, 1.0]
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, ClassVar, Self

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import linprog

from accords.exceptions import ModelSpecificationError
from accords.forecasting.base import Actors, BaseForecastModel, Forecast, ModelTags

__all__ = [
    "COMPONENTS",
    "WEIGHTS_FORMAT",
    "Component",
    "EnsembleModel",
    "EnsembleWeights",
    "component_forecasts",
    "fit_stacking_weights",
    "load_ensemble_weights",
    "parse_ensemble_weights",
]

FloatArray = NDArray[np.float64]

#: The ``format`` field of a weights file.
WEIGHTS_FORMAT = "accords-ensemble-weights"
_RESOURCE = "ensemble-weights.json"


@dataclass(frozen=True)
class Component:
    """One member of the ensemble: a registry model name and its parameters."""

    label: str
    model: str
    params: tuple[tuple[str, Any], ...] = ()
    positive_salience_only: bool = False

    def forecast(self, actors: Actors) -> float:
        """The component's forecast on dimension 0 of ``actors``."""
        from accords.forecasting.registry import make_model

        if self.positive_salience_only:
            actors = _positive(actors)
        model = make_model(self.model, **dict(self.params))
        return float(model.fit(actors).predict().outcome[0])

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "model": self.model,
            "params": dict(self.params),
            "positive_salience_only": self.positive_salience_only,
        }


#: The components, in the order of the weights.
COMPONENTS: tuple[Component, ...] = (
    Component("compromise", "compromise"),
    Component("compromise-salience", "compromise", (("weighting", "salience"),)),
    Component("median", "median"),
    Component("nash", "nash"),
    Component("smp", "smp", (("salience_sum", "scale"),), positive_salience_only=True),
    Component("bdm", "bdm"),
)


def _positive(actors: Actors) -> Actors:
    keep = actors.salience.sum(axis=1) > 0
    if keep.all():
        return actors
    return Actors(
        tuple(n for n, k in zip(actors.names, keep, strict=True) if k),
        actors.capability[keep],
        actors.position[keep],
        actors.salience[keep],
        actors.dimensions,
    )


def component_forecasts(actors: Actors, components: Sequence[Component] = COMPONENTS) -> FloatArray:
    """Every component's forecast (dimension 0) of one actor table; nan where one fails."""
    out = np.full(len(components), np.nan)
    for k, component in enumerate(components):
        try:
            out[k] = component.forecast(actors)
        except ModelSpecificationError:
            continue
    return out


def fit_stacking_weights(forecasts: FloatArray, y: FloatArray) -> FloatArray:
    """Weights on the simplex of least mean absolute error: argmin_w mean |y - F w|.

    Parameters
    ----------
    forecasts : ndarray of shape (n, k)
        Each component's forecast of each case.
    y : ndarray of shape (n,)

    Raises
    ------
    ModelSpecificationError
        For mismatched shapes, non-finite forecasts, or a solver failure.
    """
    f = np.asarray(forecasts, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if f.ndim != 2 or f.shape[0] != y.size or f.shape[0] == 0:
        raise ModelSpecificationError(f"forecasts: expected shape ({y.size}, k), got {f.shape}")
    if not np.all(np.isfinite(f)) or not np.all(np.isfinite(y)):
        raise ModelSpecificationError("forecasts and outcomes: expected finite values")
    n, k = f.shape
    # variables w (k), e+ (n), e- (n): F w + e+ - e- = y, sum w = 1, all >= 0
    cost = np.concatenate([np.zeros(k), np.ones(2 * n)])
    eye = np.eye(n)
    a_eq = np.vstack(
        [np.hstack([f, eye, -eye]), np.concatenate([np.ones(k), np.zeros(2 * n)])[None, :]]
    )
    b_eq = np.concatenate([y, [1.0]])
    result = linprog(cost, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
    if not result.success:
        raise ModelSpecificationError(f"stacking weights: the LP failed ({result.message})")
    w = np.clip(np.asarray(result.x[:k], dtype=np.float64), 0.0, None)
    return np.asarray(w / w.sum())


@dataclass(frozen=True)
class EnsembleWeights:
    """Fitted ensemble weights and where they came from."""

    components: tuple[Component, ...]
    weights: tuple[float, ...]
    provenance: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        w = np.asarray(self.weights, dtype=np.float64)
        if w.shape != (len(self.components),):
            raise ModelSpecificationError(
                f"ensemble weights: expected {len(self.components)} weights, got {w.size}"
            )
        if np.any(w < 0) or not np.isclose(w.sum(), 1.0, atol=1e-6):
            raise ModelSpecificationError(
                f"ensemble weights: expected non-negative weights adding up to 1, got {w.tolist()}"
            )

    def to_dict(self) -> dict[str, Any]:
        """The JSON of the weights file."""
        return {
            "format": WEIGHTS_FORMAT,
            "version": 1,
            "components": [c.to_dict() for c in self.components],
            "weights": list(self.weights),
            **{k: v for k, v in self.provenance.items() if k not in {"format", "version"}},
        }


def parse_ensemble_weights(text: str, *, source: str = "<string>") -> EnsembleWeights:
    """Read a weights file written by ``benchmarks/fit_ensemble_weights.py``.

    Raises
    ------
    ModelSpecificationError
        If the text is not a weights file.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise ModelSpecificationError(f"{source}: expected JSON, got {err}") from err
    if not isinstance(data, dict) or data.get("format") != WEIGHTS_FORMAT:
        raise ModelSpecificationError(
            f"{source}: expected a JSON object with format {WEIGHTS_FORMAT!r}"
        )
    try:
        components = tuple(
            Component(
                c["label"],
                c["model"],
                tuple(sorted(c.get("params", {}).items())),
                bool(c.get("positive_salience_only", False)),
            )
            for c in data["components"]
        )
        weights = tuple(float(w) for w in data["weights"])
    except (KeyError, TypeError, ValueError) as err:
        raise ModelSpecificationError(
            f"{source}: expected 'components' (label, model, params) and 'weights': {err}"
        ) from err
    provenance = {k: v for k, v in data.items() if k not in {"components", "weights"}}
    return EnsembleWeights(components, weights, provenance)


def load_ensemble_weights() -> EnsembleWeights:
    """The weights shipped with accords (``accords/data/ensemble-weights.json``)."""
    path = resources.files("accords.data").joinpath(_RESOURCE)
    return parse_ensemble_weights(path.read_text(encoding="utf-8"), source=str(path))


class EnsembleModel(BaseForecastModel):
    """Stacked forecast: the components' forecasts weighted by cross-validated weights.

    Parameters
    ----------
    weights : EnsembleWeights, optional
        Default: :func:`load_ensemble_weights` (the shipped, cross-validated weights).

    Attributes
    ----------
    component_outcomes_ : ndarray of shape (k, d)
        Each component's forecast (nan where a component failed or has weight 0).
    outcome_ : ndarray of shape (d,)
        The weighted forecast; weights of failed components are spread over the others.

    Notes
    -----
    Components with weight 0 are not run. The protocol and the figures are in
    :mod:`accords.forecasting.validation` and ``benchmarks/bench_forecast_deu.py``.
    """

    name = "ensemble"
    tags: ClassVar[ModelTags] = ModelTags(batch=False, stochastic=False, needs_salience=False)

    def __init__(self, *, weights: EnsembleWeights | None = None) -> None:
        self.weights = weights

    def fit(self, actors: Actors) -> Self:
        """Run every component with a positive weight on ``actors``.

        Raises
        ------
        ModelSpecificationError
            If every weighted component fails.
        """
        ensemble = self.weights if self.weights is not None else load_ensemble_weights()
        w = np.asarray(ensemble.weights)
        outcomes = np.full((len(ensemble.components), actors.n_dimensions), np.nan)
        for k, component in enumerate(ensemble.components):
            if w[k] <= 0:
                continue
            for d in range(actors.n_dimensions):
                one = _dimension(actors, d)
                try:
                    outcomes[k, d] = component.forecast(one)
                except ModelSpecificationError:
                    continue
        ok = np.isfinite(outcomes) & (w[:, None] > 0)
        if not ok.any(axis=0).all():
            raise ModelSpecificationError(
                "EnsembleModel: every component with a positive weight failed on "
                f"{', '.join(actors.dimensions)}"
            )
        weights = np.where(ok, w[:, None], 0.0)
        weights = weights / weights.sum(axis=0)
        self.component_outcomes_ = outcomes
        self.outcome_ = np.asarray(np.nansum(weights * np.nan_to_num(outcomes), axis=0))
        self.used_weights_ = weights
        self.ensemble_ = ensemble
        self.actors_ = actors
        return self

    def predict(self) -> Forecast:
        """The forecast of the last :meth:`fit` (details: each component's forecast and weight)."""
        if not hasattr(self, "outcome_"):
            raise ModelSpecificationError("EnsembleModel: call fit(actors) before predict()")
        return Forecast(
            model=self.name,
            outcome=self.outcome_.copy(),
            trajectory=self.actors_.position[None].copy(),
            details={
                "components": [c.label for c in self.ensemble_.components],
                "component_outcomes": self.component_outcomes_.copy(),
                "weights": self.used_weights_.copy(),
            },
        )


def _dimension(actors: Actors, d: int) -> Actors:
    return Actors(
        actors.names,
        actors.capability,
        actors.position[:, d : d + 1],
        actors.salience[:, d : d + 1],
        (actors.dimensions[d],),
    )
