"""Forecasting models by name: ``compromise``, ``median``, ``nash``, ``smp``, ``bdm``.

====================  =====================================================================
name                  model
====================  =====================================================================
``compromise``        :class:`~accords.forecasting.compromise.CompromiseModel`
``median``            :class:`~accords.forecasting.compromise.WeightedMedianModel`
``nash``              :class:`~accords.forecasting.compromise.NashBargainingModel`
``smp``               :class:`accords.forecasting.smp.SpatialModel` (KTAB's SMP)
``bdm``               :class:`accords.forecasting.bdm.ExpectedUtilityModel` (Bueno de
                      Mesquita's expected-utility model)
====================  =====================================================================

The registry is built from the classes: one line per model in ``_LOCATIONS`` (name -> module
and class, imported only when asked for, so that the registry works in an installation that
lacks a model; :func:`available_models` lists what can be built). What a model needs to be run
(in bulk, with a seed per draw, without indifferent actors) is read from its class's
:class:`~accords.forecasting.base.ModelTags`, never from a list kept here. Adding a model: a
module with a :class:`~accords.forecasting.base.BaseForecastModel` subclass, and one line below;
``tests/forecasting/test_forecast_check_model.py`` then runs the common checks on it.

Examples
--------
>>> model = make_model("compromise", weighting="salience")
>>> model.name, model.weighting
('compromise', 'salience')
>>> make_model("nash", reference=40.0).reference
40.0
>>> make_model("compromise", reference=40.0).name   # parameters a model lacks are dropped
'compromise'
>>> make_model("oracle")
Traceback (most recent call last):
...
accords.exceptions.ModelSpecificationError: unknown model 'oracle': expected one of \
compromise, median, nash, smp, bdm, ensemble
"""

from __future__ import annotations

import importlib
import inspect
from typing import Any

from accords.exceptions import ModelSpecificationError
from accords.forecasting.base import BaseForecastModel, ForecastModel

__all__ = ["MODEL_NAMES", "available_models", "make_model", "model_class"]

#: One line per model: registry name -> (module, class), in the order of the tables (cheapest
#: first).
_LOCATIONS: dict[str, tuple[str, str]] = {
    "compromise": ("accords.forecasting.compromise", "CompromiseModel"),
    "median": ("accords.forecasting.compromise", "WeightedMedianModel"),
    "nash": ("accords.forecasting.compromise", "NashBargainingModel"),
    "smp": ("accords.forecasting.smp", "SpatialModel"),
    "bdm": ("accords.forecasting.bdm", "ExpectedUtilityModel"),
    "ensemble": ("accords.forecasting.ensemble", "EnsembleModel"),
}

#: Every model name, in the order of the tables.
MODEL_NAMES: tuple[str, ...] = tuple(_LOCATIONS)


def model_class(name: str) -> type[BaseForecastModel]:
    """The class behind a model name.

    Raises
    ------
    ModelSpecificationError
        If the name is unknown, or the model is not available in this installation.
    """
    if name not in _LOCATIONS:
        raise ModelSpecificationError(
            f"unknown model {name!r}: expected one of {', '.join(MODEL_NAMES)}"
        )
    module_name, class_name = _LOCATIONS[name]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as err:
        if err.name != module_name:
            raise
        raise ModelSpecificationError(
            f"model {name!r} is not available in this installation (no module {module_name}); "
            f"available: {', '.join(available_models())}"
        ) from err
    cls = getattr(module, class_name, None)
    if cls is None:
        raise ModelSpecificationError(
            f"model {name!r}: {module_name} has no {class_name}; "
            f"available: {', '.join(n for n in available_models() if n != name)}"
        )
    if not (isinstance(cls, type) and issubclass(cls, BaseForecastModel)):
        raise ModelSpecificationError(
            f"model {name!r}: {module_name}.{class_name} is not a BaseForecastModel"
        )
    return cls


def available_models() -> tuple[str, ...]:
    """The model names that can be built here, in :data:`MODEL_NAMES` order."""
    names = []
    for name in MODEL_NAMES:
        module_name, class_name = _LOCATIONS[name]
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as err:
            if err.name != module_name:
                raise
            continue
        if hasattr(module, class_name):
            names.append(name)
    return tuple(names)


def make_model(name: str, **params: Any) -> ForecastModel:
    """Build a model by name, passing only the parameters its constructor takes.

    Lets a caller hand the same ``reference`` (status quo) and ``seed`` to every model: the
    Nash solution uses the reference, the stochastic models the seed, the others neither.

    Raises
    ------
    ModelSpecificationError
        For an unknown or unavailable model.
    """
    cls = model_class(name)
    accepted = inspect.signature(cls).parameters
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in accepted.values()):
        kwargs = dict(params)
    else:
        kwargs = {k: v for k, v in params.items() if k in accepted}
    try:
        model: ForecastModel = cls(**kwargs)
    except TypeError as err:
        raise ModelSpecificationError(f"model {name!r}: {err}") from err
    return model
