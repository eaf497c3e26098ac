"""The DEU dataset: the models reproduce the published baseline errors (an independent oracle).

Reference figures (mean absolute error against the real outcome, 0-100 scale, over the 353
issues with an outcome and a positive total salience), from /work/shared/external/README.md:
salience-weighted mean 23.68, capability x salience weighted mean 23.22, median position 28.59,
reference point 51.11 (over the issues that have one).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from accords.forecasting import DeuDataset, read_deu
from accords.forecasting.compromise import CompromiseModel, WeightedMedianModel

DEU_FILE = Path(__file__).resolve().parents[2] / ".." / "shared" / "external" / "deu" / "deu3.csv"


@pytest.fixture(scope="module")
def deu() -> DeuDataset:
    if not DEU_FILE.resolve().exists():
        pytest.skip("../shared/external not present")
    return read_deu(DEU_FILE.resolve())


def scored(deu: DeuDataset):
    """Issues with an outcome and some salience, as in the published figures."""
    return [i for i in deu.issues if i.outcome is not None and i.actors.salience.sum() > 0]


def test_dataset_shape(deu: DeuDataset) -> None:
    assert len(deu.actor_codes) == 30
    assert len(deu.issues) == 364
    assert len(scored(deu)) == 353


@pytest.mark.parametrize(
    ("make", "published"),
    [
        (lambda: CompromiseModel(weighting="salience"), 23.68),
        (lambda: CompromiseModel(weighting="capability-salience"), 23.22),
        (lambda: WeightedMedianModel(weighting="equal"), 28.59),
    ],
    ids=["salience-weighted-mean", "capability-salience-mean", "median-position"],
)
def test_models_reproduce_published_errors(deu: DeuDataset, make, published: float) -> None:
    errors = [abs(make().fit(i.actors).predict().outcome[0] - i.outcome) for i in scored(deu)]
    assert len(errors) == 353
    assert np.mean(errors) == pytest.approx(published, abs=0.006)


def test_reference_point_error(deu: DeuDataset) -> None:
    errors = [abs(i.reference - i.outcome) for i in scored(deu) if i.reference is not None]
    assert np.mean(errors) == pytest.approx(51.11, abs=0.006)
