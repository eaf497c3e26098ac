"""Fit the ensemble's stacking weights on DEU and write them, with provenance, to the package.

Protocol: :mod:`accords.forecasting.validation` (grouped 10-fold cross-validation by proposal,
seed 0). The weights shipped are fit on every scored case; the file also records the weights
of each fold and the out-of-sample mean absolute error they gave, the data file's SHA-256, the
date and this command.

Run: ``.venv/bin/python benchmarks/fit_ensemble_weights.py`` (needs ../shared/external; about
15 s). ``--output PATH`` writes elsewhere (default: src/accords/data/ensemble-weights.json).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

from accords._version import __version__
from accords.forecasting.ensemble import (
    COMPONENTS,
    EnsembleWeights,
    component_forecasts,
    fit_stacking_weights,
)
from accords.forecasting.io import read_deu
from accords.forecasting.validation import (
    N_FOLDS,
    SEED,
    deu_cases,
    grouped_folds,
    parse_deu_proposals,
)

ROOT = Path(__file__).resolve().parents[1]
DEU = ROOT / ".." / "shared" / "external" / "deu" / "deu3.csv"
OUTPUT = ROOT / "src" / "accords" / "data" / "ensemble-weights.json"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    path = DEU.resolve()
    if not path.exists():
        raise SystemExit(f"{path} not found: this script needs ../shared/external")
    text = path.read_text(encoding="utf-8")
    cases = deu_cases(read_deu(path).issues, parse_deu_proposals(text))
    y = np.asarray([c.outcome for c in cases])
    forecasts = np.vstack([component_forecasts(c.actors, COMPONENTS) for c in cases])
    folds = grouped_folds([c.group for c in cases], n_folds=N_FOLDS, seed=SEED)
    fold_weights, errors = [], np.empty(y.size)
    fold_mae = []
    for f in range(N_FOLDS):
        test = folds == f
        w = fit_stacking_weights(forecasts[~test], y[~test])
        fold_weights.append([round(float(v), 6) for v in w])
        errors[test] = np.abs(forecasts[test] @ w - y[test])
        fold_mae.append(float(errors[test].mean()))
    weights = fit_stacking_weights(forecasts, y)
    weights = np.round(weights / weights.sum(), 6)
    ensemble = EnsembleWeights(
        COMPONENTS,
        tuple(float(v) for v in weights),
        {
            "objective": "least absolute deviations, weights >= 0 adding up to 1",
            "data": {
                "file": "deu3.csv",
                "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
                "n_cases": int(y.size),
                "cases": "issues with an outcome and a positive total salience",
            },
            "protocol": {
                "module": "accords.forecasting.validation",
                "grouping": "prnr (legislative proposal)",
                "n_folds": N_FOLDS,
                "seed": SEED,
            },
            "cross_validation": {
                "fold_weights": fold_weights,
                "fold_mae": [round(v, 4) for v in fold_mae],
                "mae_oos": round(float(errors.mean()), 4),
                "mae_fold_sd": round(float(np.std(fold_mae, ddof=1)), 4),
                "mae_in_sample": round(float(np.mean(np.abs(forecasts @ weights - y))), 4),
            },
            "created": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "accords_version": __version__,
            "command": "python benchmarks/fit_ensemble_weights.py " + " ".join(sys.argv[1:]),
        },
    )
    args.output.write_text(json.dumps(ensemble.to_dict(), indent=2) + "\n", encoding="utf-8")
    cv = ensemble.provenance["cross_validation"]
    print(f"wrote {args.output}")
    print("weights:", dict(zip([c.label for c in COMPONENTS], ensemble.weights, strict=True)))
    print(
        f"OOS MAE {cv['mae_oos']:.2f} (fold sd {cv['mae_fold_sd']:.2f}); "
        f"in-sample {cv['mae_in_sample']:.2f}"
    )


if __name__ == "__main__":
    main()
