"""Forecasting: where each issue is likely to land, with honest uncertainty.

Every model follows one protocol (:class:`ForecastModel`, like a scikit-learn estimator):
parameters in the constructor, ``fit(actors)``, ``predict()`` returning a :class:`Forecast`
with the full trajectory; every random choice is behind a ``seed``.

=======================  ======================================================================
model (registry name)    what it is
=======================  ======================================================================
``compromise``           :class:`CompromiseModel`: capability x salience weighted mean
                         (van den Bos 1991; Achen 2006)
``median``               :class:`WeightedMedianModel`: weighted median (Black 1958)
``nash``                 :class:`NashBargainingModel`: asymmetric Nash bargaining solution per
                         issue (Nash 1950)
``smp``                  :class:`SpatialModel`: KTAB's Spatial Model of Politics
``bdm``                  :class:`ExpectedUtilityModel`: Bueno de Mesquita's expected-utility model
=======================  ======================================================================

Uncertain inputs (:class:`ActorRanges`) go through :func:`monte_carlo` (a
:class:`ForecastDistribution`: median, 50 % and 90 % intervals), optionally on a Dask cluster
(:class:`~accords.forecasting.parallel.DaskMapper`); :func:`sensitivity` ranks the inputs that
move a forecast most. Inputs come from a corpus (:func:`issue_actors`), a plain CSV, a KTAB
scenario or the DEU dataset (:func:`read_forecast_input`, in :mod:`accords.readwrite`).

:func:`forecast_corpus` and :func:`forecast_file` are the whole pipeline behind
``accords forecast``: every model on every issue, intervals, agreements, accuracy, in one
frozen :class:`ForecastReport` whose ``to_record()`` is the command's JSON document.
Every model derives from :class:`BaseForecastModel` (``get_params``, ``clone``, checked
``Literal`` parameters, :class:`ModelTags`); adding one is a module and a line in
:mod:`accords.forecasting.registry`.

Examples
--------
>>> from accords.forecasting import Actors, ActorRanges, make_model, monte_carlo
>>> actors = Actors.from_columns(["a", "b", "c"], [3, 2, 1], [10, 50, 90], [0.9, 0.5, 0.7])
>>> round(float(make_model("compromise").fit(actors).predict().outcome[0]), 2)  # 140 / 4.4
31.82
>>> dist = monte_carlo(make_model("compromise"), ActorRanges.from_confidence(actors, [0.5] * 3),
...                    n_draws=1000, seed=0)
>>> low, high = dist.interval(0.9)
>>> bool(low[0] < 31.82 < high[0])
True
"""

from typing import TYPE_CHECKING, Any

from accords.forecasting.base import (
    Actors,
    BaseForecastModel,
    Forecast,
    ForecastModel,
    ModelTags,
    model_tags,
)
from accords.forecasting.bdm import ExpectedUtilityModel
from accords.forecasting.compromise import (
    CompromiseModel,
    NashBargainingModel,
    WeightedMedianModel,
    nash_bargaining,
    weighted_mean,
    weighted_median,
)
from accords.forecasting.from_corpus import (
    ActorInput,
    AgreementPosition,
    IssueActors,
    agreement_positions,
    corpus_actors,
    issue_actors,
    nearest_option,
)
from accords.forecasting.montecarlo import (
    MAX_DRAW_CELLS,
    ActorDraws,
    ActorRanges,
    ForecastDistribution,
    check_draw_budget,
    check_seed,
    confidence_half_width,
    draw_actors,
    monte_carlo,
)
from accords.forecasting.pipeline import default_draws, forecast_corpus, forecast_file
from accords.forecasting.records import ForecastDocument, ForecastReport
from accords.forecasting.registry import MODEL_NAMES, available_models, make_model, model_class
from accords.forecasting.sensitivity import SensitivityRow, SensitivityTable, sensitivity
from accords.forecasting.smp import SpatialModel

if TYPE_CHECKING:
    from accords.readwrite.forecast_csv import (
        DeuDataset,
        DeuIssue,
        ForecastInput,
        ForecastProblem,
        detect_input_format,
        parse_deu,
        parse_forecast_input,
        parse_plain_csv,
        read_deu,
        read_forecast_input,
        read_plain_csv,
    )
    from accords.readwrite.ktab import parse_ktab_csv, read_ktab_csv

#: The readers live in :mod:`accords.readwrite` (which imports this package), so they are
#: loaded on first use.
_READERS = {
    **dict.fromkeys(
        (
            "DeuDataset",
            "DeuIssue",
            "ForecastInput",
            "ForecastProblem",
            "detect_input_format",
            "parse_deu",
            "parse_forecast_input",
            "parse_plain_csv",
            "read_deu",
            "read_forecast_input",
            "read_plain_csv",
        ),
        "accords.readwrite.forecast_csv",
    ),
    "parse_ktab_csv": "accords.readwrite.ktab",
    "read_ktab_csv": "accords.readwrite.ktab",
}


def __getattr__(name: str) -> Any:
    if name in _READERS:
        import importlib

        return getattr(importlib.import_module(_READERS[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "MAX_DRAW_CELLS",
    "MODEL_NAMES",
    "ActorDraws",
    "ActorInput",
    "ActorRanges",
    "Actors",
    "AgreementPosition",
    "BaseForecastModel",
    "CompromiseModel",
    "DeuDataset",
    "DeuIssue",
    "ExpectedUtilityModel",
    "Forecast",
    "ForecastDistribution",
    "ForecastDocument",
    "ForecastInput",
    "ForecastModel",
    "ForecastProblem",
    "ForecastReport",
    "IssueActors",
    "ModelTags",
    "NashBargainingModel",
    "SensitivityRow",
    "SensitivityTable",
    "SpatialModel",
    "WeightedMedianModel",
    "agreement_positions",
    "available_models",
    "check_draw_budget",
    "check_seed",
    "confidence_half_width",
    "corpus_actors",
    "default_draws",
    "detect_input_format",
    "draw_actors",
    "forecast_corpus",
    "forecast_file",
    "issue_actors",
    "make_model",
    "model_class",
    "model_tags",
    "monte_carlo",
    "nash_bargaining",
    "nearest_option",
    "parse_deu",
    "parse_forecast_input",
    "parse_ktab_csv",
    "parse_plain_csv",
    "read_deu",
    "read_forecast_input",
    "read_ktab_csv",
    "read_plain_csv",
    "sensitivity",
    "weighted_mean",
    "weighted_median",
]
