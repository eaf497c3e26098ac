"""The model registry: names, lazy imports, parameter filtering, the one protocol."""

from __future__ import annotations

import numpy as np
import pytest

from accords.exceptions import ModelSpecificationError
from accords.forecasting import registry
from accords.forecasting.base import Actors, Forecast
from accords.forecasting.compromise import (
    CompromiseModel,
    NashBargainingModel,
    WeightedMedianModel,
)
from accords.forecasting.registry import MODEL_NAMES, available_models, make_model, model_class

ACTORS = Actors.from_columns(["a", "b", "c"], [3, 2, 1], [10, 50, 90], [0.9, 0.5, 0.7])


@pytest.mark.parametrize(
    ("name", "cls"),
    [
        ("compromise", CompromiseModel),
        ("median", WeightedMedianModel),
        ("nash", NashBargainingModel),
    ],
    ids=["compromise", "median", "nash"],
)
def test_one_shot_models_by_name(name: str, cls: type) -> None:
    assert model_class(name) is cls


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_every_available_model_follows_the_protocol(name: str) -> None:
    if name not in available_models():
        pytest.skip(f"{name} is not available in this installation")
    model = make_model(name, reference=40.0, seed=3)
    assert model.fit(ACTORS) is model
    forecast = model.predict()
    assert isinstance(forecast, Forecast)
    assert forecast.outcome.shape == (1,)
    assert forecast.trajectory.ndim == 3
    assert forecast.trajectory.shape[1:] == (3, 1)
    assert 0.0 <= forecast.outcome[0] <= 100.0
    again = make_model(name, reference=40.0, seed=3).fit(ACTORS).predict()
    np.testing.assert_array_equal(forecast.outcome, again.outcome)  # same seed, same result


def test_parameters_a_model_lacks_are_dropped() -> None:
    model = make_model("nash", reference=30.0, seed=1, utility="linear")
    assert (model.reference, model.utility) == (30.0, "linear")
    assert make_model("compromise", reference=30.0, seed=1).weighting == "capability-salience"


def test_missing_module_is_reported_as_unavailable(monkeypatch) -> None:
    monkeypatch.setitem(registry._LOCATIONS, "bdm", ("accords.forecasting.not_there", "X"))
    assert "bdm" not in available_models()
    with pytest.raises(ModelSpecificationError, match="model 'bdm' is not available"):
        make_model("bdm")


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: make_model("oracle"), "unknown model 'oracle': expected one of compromise"),
        (lambda: model_class(""), "unknown model ''"),
    ],
    ids=["unknown", "empty"],
)
def test_unknown_names(call, match: str) -> None:
    with pytest.raises(ModelSpecificationError, match=match):
        call()
