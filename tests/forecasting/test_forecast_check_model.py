"""The common checks every registered forecasting model passes (scikit-learn's check_estimator).

Adding a model to the registry adds it here: clone equality, the get_params round trip, no
learned attribute before fit, same seed same result, a bad ``Literal`` parameter refused with
the project's error, tags that match what the model does, batch = draw-by-draw.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from accords.exceptions import ModelSpecificationError
from accords.forecasting import (
    MODEL_NAMES,
    ActorRanges,
    Actors,
    BaseForecastModel,
    Forecast,
    ModelTags,
    available_models,
    make_model,
    model_class,
    monte_carlo,
)

ACTORS = Actors.from_columns(
    ["a", "b", "c", "d"], [4, 3, 2, 1], [10, 40, 65, 95], [0.9, 0.5, 0.7, 0.6]
)
TWO_DIMENSIONS = Actors.from_columns(
    ["a", "b", "c"],
    [3, 2, 1],
    [[10, 80], [50, 20], [90, 60]],
    [[0.5, 0.4], [0.3, 0.6], [0.7, 0.2]],
)


def registered() -> list[str]:
    return [name for name in MODEL_NAMES if name in available_models()]


def same(a: Any, b: Any) -> bool:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return bool(np.array_equal(np.asarray(a), np.asarray(b)))
    return bool(a == b) and type(a) is type(b)


@pytest.fixture(params=registered())
def name(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_is_a_base_forecast_model_with_tags(name: str) -> None:
    cls = model_class(name)
    assert issubclass(cls, BaseForecastModel)
    assert isinstance(cls.tags, ModelTags)
    assert cls.name, "a model names its forecasts"


def test_parameters_are_keyword_only_with_defaults(name: str) -> None:
    import inspect

    for param in list(inspect.signature(model_class(name)).parameters.values()):
        assert param.kind is inspect.Parameter.KEYWORD_ONLY, param.name
        assert param.default is not inspect.Parameter.empty, param.name


def test_get_params_round_trip_and_clone_equality(name: str) -> None:
    model = make_model(name, seed=3)
    params = model.get_params()
    rebuilt = type(model)(**params)
    assert all(same(params[k], v) for k, v in rebuilt.get_params().items())
    clone = model.clone()
    assert clone is not model
    assert all(same(params[k], v) for k, v in clone.get_params().items())


def test_clone_is_unfitted_and_takes_a_seed(name: str) -> None:
    model = make_model(name, seed=1).fit(ACTORS)
    clone = model.clone(seed=9)
    assert not [k for k in vars(clone) if k.endswith("_") and not k.startswith("_")]
    if "seed" in model.get_params():
        assert clone.get_params()["seed"] == 9
    else:
        assert all(same(model.get_params()[k], v) for k, v in clone.get_params().items())


def test_no_learned_attribute_before_fit(name: str) -> None:
    model = make_model(name)
    assert not [k for k in vars(model) if k.endswith("_") and not k.startswith("_")]


def test_same_seed_same_result_and_fit_returns_self(name: str) -> None:
    for actors in (ACTORS, TWO_DIMENSIONS):
        model = make_model(name, seed=4)
        assert model.fit(actors) is model
        first = model.predict()
        assert isinstance(first, Forecast)
        assert first.outcome.shape == (actors.n_dimensions,)
        assert first.trajectory.shape[1:] == (actors.n_actors, actors.n_dimensions)
        assert np.all((first.outcome >= 0) & (first.outcome <= 100))
        again = make_model(name, seed=4).fit(actors).predict()
        np.testing.assert_array_equal(first.outcome, again.outcome)
        refit = model.clone().fit(actors).predict()
        np.testing.assert_array_equal(first.outcome, refit.outcome)


def test_every_literal_parameter_is_checked(name: str) -> None:
    cls = model_class(name)
    choices = cls.param_choices()
    if not choices:  # a model with no closed-vocabulary parameter: its defaults pass the check
        cls().check_params()
        return
    for param, allowed in choices.items():
        for value in allowed:  # every allowed value is accepted
            cls(**{param: value}).check_params()
        with pytest.raises(
            ModelSpecificationError, match=rf"{cls.__name__}: {param} must be one of"
        ):
            cls(**{param: "not-a-choice"}).fit(ACTORS)


def test_batch_tag_matches_draw_by_draw(name: str) -> None:
    model = make_model(name)
    assert model_class(name).tags.batch == hasattr(model, "predict_batch")
    if not model_class(name).tags.batch:
        return
    ranges = ActorRanges.from_confidence(ACTORS, [0.5, 0.6, 0.7, 0.8])
    batch = monte_carlo(model, ranges, n_draws=40, seed=2)
    from accords.forecasting import draw_actors

    draws = draw_actors(ranges, 40, seed=np.random.default_rng(2))
    one_by_one = np.stack([model.clone().fit(draws.actors(i)).predict().outcome for i in range(40)])
    np.testing.assert_allclose(batch.outcomes, one_by_one, rtol=0, atol=1e-9)


def test_stochastic_tag_matches_a_seed_parameter(name: str) -> None:
    cls = model_class(name)
    assert cls.tags.stochastic == ("seed" in cls.param_names())
