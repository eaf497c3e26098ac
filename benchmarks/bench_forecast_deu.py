"""Benchmark: every forecasting model against the real outcomes of the DEU dataset.

Decision-making in the European Union (DEU I+II+III, Arregui & Perarnaud 2022 deposit): 364
legislative issues with the positions and saliences (0-100) of the Commission, the Parliament
and the member states, the reference point and the outcome. Each model forecasts every issue
from the positions, saliences and the dataset's capability weights; the table gives the mean
and the median absolute error against the outcome over the 353 issues that have an outcome and
a positive total salience (the set of the published figures), next to the reference figures
from ../shared/external/README.md.

Input conventions (as in the published figures): actors with a position but no salience get
salience 0; the median position is the plain median of all positions. KTAB's SMP needs every
actor to care a little (a salience sum above 0), so actors with salience 0 are left out for it
only (as `accords forecast` does). A model that cannot forecast an issue is counted in "failed" and
left out of its own averages (the "n" column).

The second table applies the out-of-sample protocol of :mod:`accords.forecasting.validation`
(grouped 10-fold cross-validation by proposal, seed 0) to each model and to the stacking
ensemble: in-sample and out-of-sample MAE (with the fold-to-fold standard deviation), coverage
of the 50 % and 90 % intervals, their width and interval score. Intervals are made two ways:
"residual" (training-fold residual quantiles around the point forecast) for every model, and
"input-noise" (the model run on 200 draws of noisy positions and saliences, the noise scale
chosen on the training folds by interval score) for the models that evaluate draws in bulk.
The ensemble's weights are refit on each training fold; the shipped weights (fit on every case
by ``benchmarks/fit_ensemble_weights.py``) give the in-sample line of "ensemble (shipped)".
The last rows are what else was tried to beat the compromise model: stacking weights fit per
procedure (COD/CNS) or per voting rule (unanimity/QMV), and a compromise whose actor weights
are learned (capability and salience exponents, Commission and Parliament factors).

Run: ``.venv/bin/python benchmarks/bench_forecast_deu.py`` (needs ../shared/external; about a
minute).
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from accords.exceptions import ModelSpecificationError
from accords.forecasting import DeuIssue, read_deu
from accords.forecasting.base import Actors, ForecastModel
from accords.forecasting.ensemble import (
    COMPONENTS,
    component_forecasts,
    fit_stacking_weights,
    load_ensemble_weights,
)
from accords.forecasting.montecarlo import BatchForecastModel
from accords.forecasting.registry import available_models, make_model
from accords.forecasting.validation import (
    LEVELS,
    N_FOLDS,
    SEED,
    DeuCase,
    ModelEvaluation,
    deu_cases,
    evaluate_forecasts,
    grouped_folds,
    noisy_outcomes,
    parse_deu_proposals,
)

DEU = Path(__file__).resolve().parents[1] / ".." / "shared" / "external" / "deu" / "deu3.csv"

#: Published mean absolute errors (../shared/external/README.md).
REFERENCE = {
    "salience-weighted mean": 23.68,
    "capability x salience weighted mean": 23.22,
    "median position": 28.59,
    "reference point": 51.11,
    "BDM re-implementations": 28.3,
}


@dataclass(frozen=True)
class Row:
    label: str
    make: Callable[[DeuIssue], ForecastModel] | None
    reference: str | None = None
    positive_salience_only: bool = False


def rows() -> list[Row]:
    out = [
        Row(
            "compromise, salience-weighted (equal capability)",
            lambda i: make_model("compromise", weighting="salience"),
            "salience-weighted mean",
        ),
        Row(
            "compromise, capability x salience",
            lambda i: make_model("compromise"),
            "capability x salience weighted mean",
        ),
        Row(
            "median, equal weights (median position)",
            lambda i: make_model("median", weighting="equal"),
            "median position",
        ),
        Row("median, capability x salience weighted", lambda i: make_model("median")),
        Row(
            "median, capability weighted (voting power)",
            lambda i: make_model("median", weighting="capability"),
        ),
        Row("nash, quadratic, breakdown disagreement", lambda i: make_model("nash")),
        Row("nash, linear, breakdown disagreement", lambda i: make_model("nash", utility="linear")),
        Row(
            "nash, quadratic, reference point where given",
            lambda i: make_model("nash", reference=i.reference),
        ),
    ]
    if "smp" in available_models():
        out.append(
            Row(
                "smp (KTAB defaults)",
                lambda i: make_model("smp", salience_sum="scale"),
                positive_salience_only=True,
            )
        )
    if "bdm" in available_models():
        out.append(
            Row(
                "bdm (Scholz et al. defaults)",
                lambda i: make_model("bdm"),
                "BDM re-implementations",
            )
        )
    out.append(Row("reference point (no model)", None, "reference point"))
    return out


def positive(actors: Actors) -> Actors:
    keep = actors.salience[:, 0] > 0
    return Actors(
        tuple(n for n, k in zip(actors.names, keep, strict=True) if k),
        actors.capability[keep],
        actors.position[keep],
        actors.salience[keep],
        actors.dimensions,
    )


def main() -> None:
    path = DEU.resolve()
    if not path.exists():
        raise SystemExit(f"{path} not found: this benchmark needs ../shared/external")
    deu = read_deu(path)
    issues = [i for i in deu.issues if i.outcome is not None and i.actors.salience.sum() > 0]
    print(
        f"DEU: {len(deu.issues)} issues with positions, {len(issues)} with an outcome and "
        f"some salience; {len(deu.actor_codes)} actors\n"
    )
    header = (
        f"{'model':<50}{'n':>5}{'failed':>8}{'mean AE':>9}{'median AE':>11}"
        f"{'published':>11}{'time (s)':>10}"
    )
    print(header)
    print("-" * len(header))
    for row in rows():
        errors: list[float] = []
        failed = 0
        start = time.perf_counter()
        for issue in issues:
            assert issue.outcome is not None
            if row.make is None:
                if issue.reference is None:
                    continue
                errors.append(abs(issue.reference - issue.outcome))
                continue
            actors = positive(issue.actors) if row.positive_salience_only else issue.actors
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("error")
                    outcome = row.make(issue).fit(actors).predict().outcome[0]
            except (ModelSpecificationError, RuntimeWarning, FloatingPointError):
                failed += 1
                continue
            if not np.isfinite(outcome):
                failed += 1
                continue
            errors.append(abs(float(outcome) - issue.outcome))
        seconds = time.perf_counter() - start
        published = f"{REFERENCE[row.reference]:.2f}" if row.reference else "—"
        print(
            f"{row.label:<50}{len(errors):>5}{failed:>8}{np.mean(errors):>9.2f}"
            f"{np.median(errors):>11.2f}{published:>11}{seconds:>10.2f}"
        )
    print(
        "\nAE: absolute error against the outcome on the 0-100 scale. 'published' is the mean AE "
        "reported for that baseline (BDM: published re-implementations, about 28.3)."
    )
    validation_table(path)


#: Models of the out-of-sample table: label, component index in COMPONENTS or a registry spec.
OOS_MODELS: list[tuple[str, str, dict[str, object], bool]] = [
    ("compromise, capability x salience", "compromise", {}, False),
    ("compromise, salience-weighted", "compromise", {"weighting": "salience"}, False),
    ("median, capability x salience", "median", {}, False),
    ("median, equal weights", "median", {"weighting": "equal"}, False),
    ("nash, quadratic", "nash", {}, False),
    ("smp (KTAB defaults)", "smp", {"salience_sum": "scale"}, True),
    ("bdm (Scholz et al. defaults)", "bdm", {}, False),
]


def print_evaluation(row: ModelEvaluation) -> None:
    lo, hi = LEVELS
    noise = (
        ""
        if row.noise is None
        else f"  sd_x={row.noise.position:g}, sd_logs={row.noise.salience:g}"
    )
    print(
        f"{row.label:<38}{row.method:>12}{row.mae_in:>7.2f}{row.mae_oos:>7.2f}"
        f"{row.mae_fold_sd:>6.2f}"
        f"{row.coverage_in[lo]:>7.2f}{row.coverage_oos[lo]:>7.2f}"
        f"{row.coverage_in[hi]:>7.2f}{row.coverage_oos[hi]:>7.2f}"
        f"{row.width_oos[hi]:>7.1f}{row.score_oos[lo]:>7.1f}{row.score_oos[hi]:>7.1f}{noise}"
    )


def per_group(
    forecasts: np.ndarray, y: np.ndarray, key: np.ndarray
) -> Callable[[np.ndarray], np.ndarray]:
    """Stacking weights fit separately for each value of an issue-type feature."""

    def fit(train: np.ndarray) -> np.ndarray:
        out = np.empty(y.size)
        for value in np.unique(key):
            group = key == value
            w = fit_stacking_weights(forecasts[train & group], y[train & group])
            out[group] = forecasts[group] @ w
        return out

    return fit


def learned(cases: list[DeuCase], y: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    """Compromise with weights c^a s^b, the Commission's and (per procedure) the Parliament's
    weights scaled by learned factors: five parameters fit by Nelder-Mead on training MAE."""
    from scipy.optimize import minimize

    codes = sorted({n for c in cases for n in c.actors.names})
    index = {n: k for k, n in enumerate(codes)}
    x = np.zeros((len(cases), len(codes)))
    s = np.zeros_like(x)
    cap = np.zeros_like(x)
    for r, case in enumerate(cases):
        cols = [index[n] for n in case.actors.names]
        x[r, cols] = case.actors.position[:, 0]
        s[r, cols] = case.actors.salience[:, 0]
        cap[r, cols] = case.actors.capability
    cod = np.asarray([c.procedure == "COD" for c in cases])
    com, ep = index.get("com", 0), index.get("ep", 1)

    def predict(theta: np.ndarray) -> np.ndarray:
        a, b, l_com, l_cod, l_cns = theta
        w = np.where(s > 0, np.power(cap, a) * np.power(np.maximum(s, 1e-12), b), 0.0)
        w[:, com] *= np.exp(l_com)
        w[:, ep] *= np.where(cod, np.exp(l_cod), np.exp(l_cns))
        return np.asarray((w * x).sum(axis=1) / w.sum(axis=1))

    def fit(train: np.ndarray) -> np.ndarray:
        def loss(theta: np.ndarray) -> float:
            return float(np.mean(np.abs(predict(theta)[train] - y[train])))

        starts = ([1.0, 1.0, 0, 0, 0], [0.5, 1.0, 0, 0, 0], [1.0, 2.0, 0, 0, 0])
        best = min(
            (minimize(loss, np.asarray(t, float), method="Nelder-Mead") for t in starts),
            key=lambda r: float(r.fun),
        )
        return predict(best.x)

    return fit


def validation_table(path: Path) -> None:
    start = time.perf_counter()
    cases: list[DeuCase] = deu_cases(
        read_deu(path).issues, parse_deu_proposals(path.read_text(encoding="utf-8"))
    )
    y = np.asarray([c.outcome for c in cases])
    folds = grouped_folds([c.group for c in cases], n_folds=N_FOLDS, seed=SEED)
    print(
        f"\nOut of sample: {len(cases)} cases, {len({c.group for c in cases})} proposals, "
        f"grouped {N_FOLDS}-fold cross-validation by proposal (seed {SEED})\n"
    )
    header = (
        f"{'model':<38}{'intervals':>12}{'MAE in':>7}{'OOS':>7}{'sd':>6}"
        f"{'c50 in':>7}{'OOS':>7}{'c90 in':>7}{'OOS':>7}{'w90':>7}{'IS50':>7}{'IS90':>7}"
    )
    print(header)
    print("-" * len(header))
    for label, name, params, positive_only in OOS_MODELS:
        if name not in available_models():
            continue
        model = make_model(name, **params)
        point = np.asarray(
            [
                model.fit(positive(c.actors) if positive_only else c.actors).predict().outcome[0]
                for c in cases
            ]
        )
        print_evaluation(evaluate_forecasts(label, point, y, folds, method="residual"))
        if isinstance(model, BatchForecastModel):
            draws = np.stack(
                [noisy_outcomes(model, c.actors, seed=SEED + k) for k, c in enumerate(cases)]
            )
            print_evaluation(
                evaluate_forecasts(label, point, y, folds, method="input-noise", draws=draws)
            )
    forecasts = np.vstack([component_forecasts(c.actors, COMPONENTS) for c in cases])

    def stacked(train: np.ndarray) -> np.ndarray:
        return np.asarray(forecasts @ fit_stacking_weights(forecasts[train], y[train]))

    print_evaluation(evaluate_forecasts("ensemble (stacking, refit per fold)", stacked, y, folds))
    for label, key in (
        ("ensemble, weights per procedure", np.asarray([c.procedure for c in cases])),
        ("ensemble, weights per voting rule", np.asarray([c.voting == "Unan" for c in cases])),
    ):
        print_evaluation(evaluate_forecasts(label, per_group(forecasts, y, key), y, folds))
    print_evaluation(
        evaluate_forecasts("compromise, learned weight transform", learned(cases, y), y, folds)
    )
    shipped = np.asarray(load_ensemble_weights().weights)
    print_evaluation(
        evaluate_forecasts("ensemble (shipped weights)", forecasts @ shipped, y, folds)
    )
    print(
        "\nMAE in / OOS: mean absolute error fitted and scored on every case / each fold scored "
        "with what was fitted on the others; sd: standard deviation of the fold MAEs. c50, c90: "
        "coverage of the 50 % / 90 % intervals; w90: mean width of the 90 % interval (OOS); "
        "IS50, IS90: interval scores (OOS, lower is better). 'ensemble (shipped weights)' uses "
        "weights fit on every case, so its OOS MAE is not out of sample (only its intervals "
        f"are).  ({time.perf_counter() - start:.0f} s)"
    )


if __name__ == "__main__":
    main()
