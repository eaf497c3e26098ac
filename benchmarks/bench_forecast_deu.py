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

Run: ``.venv/bin/python benchmarks/bench_forecast_deu.py`` (needs ../shared/external).
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
from accords.forecasting.registry import available_models, make_model

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


if __name__ == "__main__":
    main()
