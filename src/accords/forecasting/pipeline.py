"""The forecasting pipeline behind ``accords forecast``: one call, one frozen report.

:func:`forecast_corpus` forecasts the issues of a corpus (its stances, saliences and clout, see
:mod:`accords.forecasting.from_corpus`) and sets each agreement version against the forecast;
:func:`forecast_file` forecasts the problems of a data file (a plain CSV, a KTAB scenario or the
DEU dataset, see :mod:`accords.readwrite.forecast_csv`) and, where the file holds the real
outcomes (DEU), summarises each model's errors. Both run every model asked for on every
problem, with Monte Carlo draws where the inputs have ranges (:data:`DEFAULT_DRAWS_BATCH` for
models tagged ``batch``, :data:`DEFAULT_DRAWS_LOOP` for the others; exact inputs give the point
forecast only), leave out the actors that care about nothing for models tagged
``needs_salience``, and optionally add each model's trajectory and a sensitivity table.

The result, :class:`~accords.forecasting.records.ForecastReport`, is frozen; its
``to_record()`` is the versioned JSON document
(:class:`~accords.forecasting.records.ForecastDocument`) that ``accords forecast --format json``
prints, and ``to_rows()`` its table (``--format csv``).

Examples
--------
>>> from accords.corpus import load_corpus
>>> report = forecast_corpus(load_corpus(), issues=["nato-membership"],
...                          models=["compromise"], n_draws=500, seed=1)
>>> record = report.to_record()
>>> record["document"], record["models"], record["n_issues"]
('forecast', ['compromise'], 1)
>>> row = record["issues"][0]["forecasts"][0]
>>> options = [o["id"] for o in record["issues"][0]["options"]]
>>> row["model"], row["n_draws"], row["point_option"] in options, row["median"] is not None
('compromise', 500, True, True)
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from accords.exceptions import ModelSpecificationError
from accords.forecasting.base import Actors, model_tags
from accords.forecasting.from_corpus import IssueActors, corpus_actors, nearest_option
from accords.forecasting.montecarlo import (
    ActorRanges,
    ForecastDistribution,
    Mapper,
    check_draw_budget,
    check_seed,
    monte_carlo,
)
from accords.forecasting.records import POINT_OUTSIDE_NOTE, ForecastReport
from accords.forecasting.registry import MODEL_NAMES, available_models, make_model, model_class
from accords.forecasting.sensitivity import sensitivity
from accords.model import Corpus

__all__ = [
    "DEFAULT_DRAWS_BATCH",
    "DEFAULT_DRAWS_LOOP",
    "ForecastProgress",
    "default_draws",
    "forecast_corpus",
    "forecast_file",
    "parse_model_names",
]

FloatArray = NDArray[np.float64]

#: Default draws per forecast: models tagged ``batch`` (vectorised), and models fitted draw by
#: draw.
DEFAULT_DRAWS_BATCH = 2000
DEFAULT_DRAWS_LOOP = 200

#: Called with (what is being forecast, draws done, draws in all) as the work advances.
ForecastProgress = Callable[[str, int, int], None]


# --------------------------------------------------------------------------- options


def parse_model_names(values: Sequence[str] | None) -> tuple[str, ...]:
    """Model names from a list whose items may be comma-separated; default: every model here.

    Raises
    ------
    ModelSpecificationError
        For an unknown name or an empty list.

    Examples
    --------
    >>> parse_model_names(["median,compromise", "median"])
    ('median', 'compromise')
    """
    if not values:
        return available_models()
    names: list[str] = []
    for value in values:
        for part in value.split(","):
            name = part.strip().lower()
            if not name:
                continue
            if name not in MODEL_NAMES:
                raise ModelSpecificationError(
                    f"models: unknown model {name!r}: expected one of {', '.join(MODEL_NAMES)}"
                )
            if name not in names:
                names.append(name)
    if not names:
        raise ModelSpecificationError("models: give at least one model name")
    return tuple(names)


def default_draws(name: str, n_draws: int | None = None) -> int:
    """Draws for model ``name``: ``n_draws`` where given, else the default for its tags.

    >>> default_draws("compromise"), default_draws("smp"), default_draws("smp", 50)
    (2000, 200, 50)
    """
    if n_draws is not None:
        return n_draws
    return DEFAULT_DRAWS_BATCH if model_class(name).tags.batch else DEFAULT_DRAWS_LOOP


# --------------------------------------------------------------------------- one problem


@dataclass(frozen=True)
class _Job:
    """One issue (or input problem) to forecast, and its record as far as it is built."""

    key: str
    ranges: ActorRanges | None
    reference: FloatArray | None
    outcome: FloatArray | None
    record: dict[str, Any]
    issue: IssueActors | None = None
    results: dict[str, ForecastDistribution] = field(default_factory=dict)


def _num(value: float | None) -> float | None:
    return None if value is None or not math.isfinite(value) else float(value)


def _without_indifferent(ranges: ActorRanges) -> tuple[ActorRanges, list[str]]:
    """Leave out the actors whose salience is 0 on every dimension (at the mode and high)."""
    high = np.asarray(ranges.salience_high)
    keep = high.sum(axis=1) > 0
    if keep.all() or not keep.any():
        return ranges, []
    a = ranges.actors
    names = [n for n, k in zip(a.names, keep, strict=True) if not k]
    reduced = ActorRanges(
        Actors(
            tuple(n for n, k in zip(a.names, keep, strict=True) if k),
            a.capability[keep],
            a.position[keep],
            a.salience[keep],
            a.dimensions,
        ),
        **{
            name: np.asarray(getattr(ranges, name))[keep]
            for name in (
                "position_low",
                "position_high",
                "salience_low",
                "salience_high",
                "capability_low",
                "capability_high",
            )
        },
    )
    return reduced, names


def _forecast_rows(
    job: _Job,
    name: str,
    *,
    n_draws: int,
    seed: int,
    mapper: Mapper | None,
    tick: Callable[[int], None],
) -> list[dict[str, Any]]:
    """Run model ``name`` on one job; one row per dimension (or a failure row per dimension)."""
    assert job.ranges is not None
    model = make_model(name, reference=job.reference, seed=seed)
    ranges, left_out = job.ranges, list[str]()
    if model_tags(model).needs_salience:
        ranges, left_out = _without_indifferent(job.ranges)
    try:
        if n_draws:
            done = [0]

            def progress(k: int, _total: int) -> None:
                tick(k - done[0])
                done[0] = k

            dist = monte_carlo(
                model, ranges, n_draws=n_draws, seed=seed, mapper=mapper, progress=progress
            )
        else:
            fitted = model.fit(ranges.actors).predict()
            empty = np.empty((0, len(fitted.outcome)))
            dist = ForecastDistribution(fitted.model, ranges.actors.dimensions, fitted, empty)
    except (ModelSpecificationError, FloatingPointError) as err:
        return [
            {"model": name, "dimension": dim, "failure": str(err)}
            for dim in ranges.actors.dimensions
        ]
    job.results[name] = dist
    rows = []
    summary = dist.summary() if dist.n_draws else None
    for k, dim in enumerate(ranges.actors.dimensions):
        point = float(dist.point.outcome[k])
        row: dict[str, Any] = {
            "model": name,
            "dimension": dim,
            "point": _num(point),
            "n_rounds": dist.point.n_rounds,
            "converged": dist.point.converged,
            "n_draws": dist.n_draws,
        }
        if summary is not None:
            s = summary[k]
            i90 = [_num(v) for v in s["interval_90"]]
            row.update(
                median=_num(s["median"]),
                mean=_num(s["mean"]),
                sd=_num(s["sd"]),
                interval_50=[_num(v) for v in s["interval_50"]],
                interval_90=i90,
                n_failed=s["n_failed"],
            )
            if math.isfinite(point) and i90[0] is not None and i90[1] is not None:
                row["point_outside_90"] = not (i90[0] - 1e-9 <= point <= i90[1] + 1e-9)
        else:
            row.update(median=_num(point), interval_50=None, interval_90=None)
        if job.issue is not None and math.isfinite(point):
            row["point_option"] = nearest_option(job.issue.issue, point).id
            centre = row["median"] if row["median"] is not None else point
            row["nearest_option"] = nearest_option(job.issue.issue, centre).id
        if job.outcome is not None:
            row["outcome"] = float(job.outcome[k])
            row["absolute_error"] = _num(abs(point - float(job.outcome[k])))
        if left_out:
            row["left_out"] = left_out
        rows.append(row)
    return rows


def _agreement_rows(job: _Job, forecasts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if job.issue is None:
        return []
    rows = []
    for a in job.issue.agreements:
        distance: dict[str, float | None] = {}
        inside: dict[str, bool | None] = {}
        for f in forecasts:
            if f.get("point") is None:
                continue
            centre = f["median"] if f["median"] is not None else f["point"]
            distance[f["model"]] = round(a.position - centre, 6)
            interval = f.get("interval_90")
            inside[f["model"]] = (
                None if interval is None else bool(interval[0] <= a.position <= interval[1])
            )
        rows.append(
            {
                "agreement": a.agreement,
                "status": a.status,
                "provision": a.provision,
                "option": a.option,
                "position": a.position,
                "variant": a.variant,
                "distance": distance,
                "inside_90": inside,
            }
        )
    return rows


def _accuracy(jobs: Sequence[_Job], models: Sequence[str]) -> list[dict[str, Any]]:
    rows = []
    for name in models:
        errors = [
            f["absolute_error"]
            for job in jobs
            for f in job.record.get("forecasts", [])
            if f["model"] == name and f.get("absolute_error") is not None
        ]
        if errors:
            rows.append(
                {
                    "model": name,
                    "n_issues": len(errors),
                    "mean_absolute_error": float(np.mean(errors)),
                    "median_absolute_error": float(np.median(errors)),
                }
            )
    return rows


# --------------------------------------------------------------------------- jobs


def _corpus_jobs(issues: Sequence[IssueActors]) -> list[_Job]:
    jobs = []
    for ia in issues:
        record: dict[str, Any] = {
            "issue": ia.issue.id,
            "title": ia.issue.title,
            "options": [{"id": o.id, "position": o.position} for o in ia.issue.options],
            "n_actors": ia.n_actors,
            "actors": [
                {
                    "party": i.party,
                    "option": i.option,
                    "position": i.position,
                    "position_range": [i.low, i.high],
                    "salience": i.salience,
                    "capability": i.capability,
                    "confidence": i.confidence,
                    "n_reports": i.n_reports,
                    "assumptions": list(i.assumptions),
                }
                for i in ia.inputs
            ],
            "excluded": [{"party": p, "reason": r} for p, r in ia.excluded],
        }
        jobs.append(_Job(ia.issue.id, ia.ranges, None, None, record, ia))
    return jobs


def _actor_rows(ranges: ActorRanges) -> list[dict[str, Any]]:
    a = ranges.actors
    low, high = np.asarray(ranges.position_low), np.asarray(ranges.position_high)
    return [
        {
            "actor": name,
            "dimension": dim,
            "capability": float(a.capability[i]),
            "position": float(a.position[i, k]),
            "position_range": [float(low[i, k]), float(high[i, k])],
            "salience": float(a.salience[i, k]),
        }
        for i, name in enumerate(a.names)
        for k, dim in enumerate(a.dimensions)
    ]


def _file_jobs(path: str | os.PathLike[str]) -> tuple[list[_Job], str, tuple[str, ...]]:
    from accords.readwrite.forecast_csv import read_forecast_input

    data = read_forecast_input(path)
    jobs = []
    for p in data.problems:
        record: dict[str, Any] = {
            "issue": p.name,
            "line": p.line,
            "n_actors": p.actors.n_actors,
            "reference": None if p.reference is None else p.reference.tolist(),
            "outcome": None if p.outcome is None else p.outcome.tolist(),
            "notes": list(p.notes),
            "actors": _actor_rows(p.ranges),
        }
        jobs.append(_Job(p.name, p.ranges, p.reference, p.outcome, record))
    return jobs, data.format, data.notes


# --------------------------------------------------------------------------- running


def _run_job(
    job: _Job,
    names: Sequence[str],
    per_model: dict[str, int],
    *,
    seed: int,
    mapper: Mapper | None,
    tick: Callable[[int], None],
) -> None:
    """Every model on one job: its forecast rows, agreements and notes into its record."""
    forecasts: list[dict[str, Any]] = []
    if job.ranges is not None:
        for name in names:
            draws = 0 if job.ranges.is_exact else per_model[name]
            forecasts += _forecast_rows(
                job, name, n_draws=draws, seed=seed, mapper=mapper, tick=tick
            )
    job.record["forecasts"] = forecasts
    if job.issue is not None:
        job.record["agreements"] = _agreement_rows(job, forecasts)
    if any(f.get("point_outside_90") for f in forecasts):
        job.record.setdefault("notes", []).append(POINT_OUTSIDE_NOTE)


@contextmanager
def _mapper(mapper: Mapper | None, scheduler: str | None) -> Iterator[Mapper | None]:
    if scheduler is None:
        yield mapper
        return
    if mapper is not None:
        raise ModelSpecificationError("give a mapper or a scheduler, not both")
    from accords.forecasting.parallel import DaskMapper

    with DaskMapper(scheduler) as dask_mapper:
        yield dask_mapper


def _run(
    jobs: list[_Job],
    *,
    models: Sequence[str] | None,
    n_draws: int | None,
    seed: int,
    mapper: Mapper | None,
    scheduler: str | None,
    trajectory: bool,
    with_sensitivity: bool,
    progress: ForecastProgress | None,
    **report: Any,
) -> ForecastReport:
    """Check every option and the size of the work, run every model on every job, and
    return the report (``report`` holds the fields that name the input)."""
    check_seed(seed)
    if not isinstance(seed, int):
        raise ModelSpecificationError(f"seed: expected a whole number >= 0, got {seed!r}")
    if n_draws is not None and (isinstance(n_draws, bool) or n_draws < 1):
        raise ModelSpecificationError(f"n_draws: expected a whole number >= 1, got {n_draws!r}")
    names = parse_model_names(models)
    per_model = {name: default_draws(name, n_draws) for name in names}  # unavailable: fails here
    total = 0
    for job in jobs:
        if job.ranges is None or job.ranges.is_exact:
            continue
        a = job.ranges.actors
        for name in names:
            check_draw_budget(per_model[name], a.n_actors, a.n_dimensions, where=job.key)
            total += per_model[name]
    done = [0]
    with _mapper(mapper, scheduler) as run_on:
        for job in jobs:

            def tick(n: int, key: str = job.key) -> None:
                done[0] += n
                if progress is not None:
                    progress(key, done[0], total)

            tick(0)
            _run_job(job, names, per_model, seed=seed, mapper=run_on, tick=tick)
            if trajectory:
                for row in job.record["forecasts"]:
                    dist = job.results.get(row["model"])
                    if dist is not None:
                        k = dist.dimensions.index(row["dimension"])
                        row["trajectory"] = np.asarray(dist.point.trajectory)[:, :, k].tolist()
            if with_sensitivity and job.ranges is not None and job.results:
                first = next(iter(job.results))
                model = make_model(first, reference=job.reference, seed=seed)
                job.record["sensitivity"] = sensitivity(model, job.ranges).to_record()
    return ForecastReport(
        models=names,
        draws=n_draws,
        draws_per_model=per_model,
        seed=seed,
        issues=tuple(job.record for job in jobs),
        accuracy=tuple(_accuracy(jobs, names)),
        scheduler=scheduler,
        **report,
    )


def forecast_corpus(
    corpus: Corpus,
    *,
    issues: Sequence[str] | None = None,
    models: Sequence[str] | None = None,
    n_draws: int | None = None,
    seed: int = 0,
    mapper: Mapper | None = None,
    scheduler: str | None = None,
    trajectory: bool = False,
    with_sensitivity: bool = False,
    progress: ForecastProgress | None = None,
) -> ForecastReport:
    """Forecast where each issue of ``corpus`` lands, per model, with Monte Carlo intervals.

    Parameters
    ----------
    corpus : Corpus
    issues : sequence of str, optional
        Issue ids (default: every issue, in corpus order).
    models : sequence of str, optional
        Registry names (items may be comma-separated; default: every model available).
    n_draws : int, optional
        Draws per model and issue (default: :func:`default_draws`, by the model's tags).
    seed : int, default 0
        Seed of the draws, the same for every model (a whole number >= 0).
    mapper : Mapper, optional
        Evaluates the chunks of draws (default: in-process).
    scheduler : str, optional
        ``"local"`` or a Dask scheduler address: the draws run on a Dask cluster
        (:class:`~accords.forecasting.parallel.DaskMapper`); same numbers as in-process.
    trajectory : bool, default False
        Add each model's trajectory at the modes (rounds x actors) to its rows.
    with_sensitivity : bool, default False
        Rank each actor's inputs by how far they move the first model's forecast.
    progress : callable, optional
        Called with (issue id, draws done, draws in all) as the work advances.

    Returns
    -------
    ForecastReport

    Raises
    ------
    UnknownIssueError
        For an issue id the corpus lacks.
    ModelSpecificationError
        An unknown or unavailable model, a negative seed, fewer than 1 draw, a scheduler that
        does not answer like a Dask scheduler.
    ForecastTooLargeError
        When draws x actors x dimensions of an issue exceeds
        :data:`~accords.forecasting.montecarlo.MAX_DRAW_CELLS` (checked before any work).
    """
    ids = None if issues is None else [corpus.issue(i).id for i in issues]
    jobs = _corpus_jobs(corpus_actors(corpus, ids))
    return _run(
        jobs,
        models=models,
        n_draws=n_draws,
        seed=seed,
        mapper=mapper,
        scheduler=scheduler,
        trajectory=trajectory,
        with_sensitivity=with_sensitivity,
        progress=progress,
        corpus=corpus.id,
    )


def forecast_file(
    path: str | os.PathLike[str],
    *,
    models: Sequence[str] | None = None,
    n_draws: int | None = None,
    seed: int = 0,
    mapper: Mapper | None = None,
    scheduler: str | None = None,
    trajectory: bool = False,
    with_sensitivity: bool = False,
    progress: ForecastProgress | None = None,
) -> ForecastReport:
    """Forecast the problems of a plain CSV, KTAB scenario or DEU file (see
    :func:`~accords.readwrite.forecast_csv.read_forecast_input`); options as in
    :func:`forecast_corpus`. Where the file holds real outcomes, ``accuracy`` gives each
    model's errors.

    Raises
    ------
    InputFormatError
        For a file that cannot be read (naming the file, line and field).
    ModelSpecificationError, ForecastTooLargeError
        As :func:`forecast_corpus`.
    """
    jobs, fmt, notes = _file_jobs(path)
    return _run(
        jobs,
        models=models,
        n_draws=n_draws,
        seed=seed,
        mapper=mapper,
        scheduler=scheduler,
        trajectory=trajectory,
        with_sensitivity=with_sensitivity,
        progress=progress,
        notes=notes,
        input=os.fspath(Path(path)),
        format=fmt,
    )
