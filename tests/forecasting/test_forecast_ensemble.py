"""The stacking ensemble: LAD weights against brute force, the model, the shipped weights."""

from __future__ import annotations

import hashlib
import itertools
from pathlib import Path

import numpy as np
import pytest

from accords.exceptions import ModelSpecificationError
from accords.forecasting.base import Actors
from accords.forecasting.ensemble import (
    COMPONENTS,
    EnsembleModel,
    EnsembleWeights,
    component_forecasts,
    fit_stacking_weights,
    load_ensemble_weights,
    parse_ensemble_weights,
)

DEU_FILE = Path(__file__).resolve().parents[2] / ".." / "shared" / "external" / "deu" / "deu3.csv"


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_stacking_weights_beat_every_grid_point(seed: int) -> None:
    """The LP optimum is no worse than any point of a fine grid on the 3-simplex."""
    rng = np.random.default_rng(seed)
    y = rng.uniform(0, 100, 60)
    f = np.column_stack([y + rng.normal(0, s, 60) for s in (5.0, 10.0, 30.0)])
    w = fit_stacking_weights(f, y)
    assert w.min() >= 0
    assert w.sum() == pytest.approx(1.0)
    best = np.mean(np.abs(f @ w - y))
    for a, b in itertools.product(np.linspace(0, 1, 21), repeat=2):
        if a + b <= 1:
            grid_w = np.array([a, b, 1 - a - b])
            assert best <= np.mean(np.abs(f @ grid_w - y)) + 1e-7


@pytest.mark.parametrize(
    ("forecasts", "y", "match"),
    [
        (np.zeros((3, 2)), np.zeros(4), "shape"),
        (np.full((2, 2), np.nan), np.zeros(2), "finite"),
    ],
    ids=["shape", "nan"],
)
def test_stacking_bad_inputs(forecasts: np.ndarray, y: np.ndarray, match: str) -> None:
    with pytest.raises(ModelSpecificationError, match=match):
        fit_stacking_weights(forecasts, y)


def test_ensemble_is_the_weighted_sum_of_components() -> None:
    rng = np.random.default_rng(4)
    actors = Actors.from_columns(
        list("abcde"), rng.uniform(1, 5, 5), rng.uniform(0, 100, 5), rng.uniform(0.1, 1, 5)
    )
    w = rng.dirichlet(np.ones(len(COMPONENTS)))
    weights = EnsembleWeights(COMPONENTS, tuple(float(v) for v in w / w.sum()))
    got = EnsembleModel(weights=weights).fit(actors).predict().outcome[0]
    expected = component_forecasts(actors) @ np.asarray(weights.weights)
    assert got == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize(
    ("text", "match"),
    [("[]", "format"), ("nope", "JSON"), ('{"format": "accords-ensemble-weights"}', "components")],
    ids=["not-object", "not-json", "no-components"],
)
def test_parse_bad_weights(text: str, match: str) -> None:
    with pytest.raises(ModelSpecificationError, match=match):
        parse_ensemble_weights(text)


def test_weights_must_be_on_simplex() -> None:
    with pytest.raises(ModelSpecificationError, match="adding up to 1"):
        EnsembleWeights(COMPONENTS, (0.5,) * len(COMPONENTS))


def test_shipped_weights_have_provenance() -> None:
    shipped = load_ensemble_weights()
    assert [c.label for c in shipped.components] == [c.label for c in COMPONENTS]
    prov = shipped.provenance
    assert prov["protocol"]["n_folds"] == 10
    assert prov["protocol"]["seed"] == 0
    assert prov["command"].startswith("python benchmarks/fit_ensemble_weights.py")
    assert len(prov["cross_validation"]["fold_weights"]) == 10
    if DEU_FILE.resolve().exists():
        digest = hashlib.sha256(DEU_FILE.resolve().read_bytes()).hexdigest()
        assert prov["data"]["sha256"] == digest
    # the default model reads them
    actors = Actors.from_columns(["a", "b"], [1, 2], [10, 90], [0.5, 0.9])
    forecast = EnsembleModel().fit(actors).predict()
    assert 10 <= forecast.outcome[0] <= 90
    assert forecast.model == "ensemble"


def test_predict_before_fit() -> None:
    with pytest.raises(ModelSpecificationError, match="fit"):
        EnsembleModel().predict()


def test_shipped_weights_reproduce_their_recorded_error() -> None:
    """The file's in-sample MAE is what its weights give on the data it names (not typed in)."""
    if not DEU_FILE.resolve().exists():
        pytest.skip("../shared/external not present")
    from accords.forecasting.io import read_deu
    from accords.forecasting.validation import deu_cases, parse_deu_proposals

    path = DEU_FILE.resolve()
    cases = deu_cases(read_deu(path).issues, parse_deu_proposals(path.read_text("utf-8")))
    model = EnsembleModel()
    errors = [abs(model.fit(c.actors).predict().outcome[0] - c.outcome) for c in cases]
    recorded = load_ensemble_weights().provenance["cross_validation"]["mae_in_sample"]
    assert np.mean(errors) == pytest.approx(recorded, abs=1e-4)
    assert np.mean(errors) < 23.22
