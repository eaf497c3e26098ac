"""``accords forecast``: where each issue lands, per model, with Monte Carlo intervals.

Three sources of actors:

* ``accords forecast ISSUE`` / ``--all``: the corpus (its stances, saliences and clout; see
  :mod:`accords.forecasting.from_corpus`), and where each agreement version sits against the
  forecast;
* ``accords forecast --input FILE``: a plain CSV (actor, capability, position, salience), a KTAB
  scenario CSV or the DEU dataset, told apart by the first line
  (:mod:`accords.forecasting.io`); where the file holds real outcomes (DEU) the errors are
  summarised per model.

Inputs with ranges are run ``--draws`` times per model (vectorised for the one-shot models);
exact inputs give the point forecast only. ``--scheduler`` sends the draws to a Dask cluster
(``local`` or an address); the numbers are the same as in-process.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import numpy as np
import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from accords.cli.common import (
    CorpusOption,
    Format,
    FormatOption,
    console,
    emit,
    err_console,
    handle_errors,
    open_corpus,
)
from accords.exceptions import ModelSpecificationError
from accords.forecasting.base import Actors, ForecastModel
from accords.forecasting.from_corpus import IssueActors, corpus_actors, nearest_option
from accords.forecasting.io import ForecastInput, read_forecast_input
from accords.forecasting.montecarlo import (
    ActorRanges,
    BatchForecastModel,
    ForecastDistribution,
    Mapper,
    monte_carlo,
)
from accords.forecasting.parallel import DaskMapper
from accords.forecasting.registry import MODEL_NAMES, available_models, make_model
from accords.forecasting.sensitivity import sensitivity

__all__ = ["register"]

#: Default draws per forecast: vectorised one-shot models, and models fitted draw by draw.
DEFAULT_DRAWS_BATCH = 2000
DEFAULT_DRAWS_LOOP = 200
_MAX_TEXT_ISSUES = 12  # text output: beyond this many issues, one summary table


def register(app: typer.Typer) -> None:
    """Add ``forecast`` to ``app``."""
    app.command("forecast")(forecast)


# --------------------------------------------------------------------------- running


@dataclass(frozen=True)
class _Job:
    """One issue (or input problem) to forecast."""

    key: str
    title: str
    ranges: ActorRanges | None
    reference: np.ndarray[Any, np.dtype[np.float64]] | None
    outcome: np.ndarray[Any, np.dtype[np.float64]] | None
    record: dict[str, Any]
    issue: IssueActors | None = None


def _parse_models(values: Sequence[str] | None) -> list[str]:
    if not values:
        return list(available_models())
    names: list[str] = []
    for value in values:
        for part in value.split(","):
            name = part.strip().lower()
            if not name:
                continue
            if name not in MODEL_NAMES:
                raise ModelSpecificationError(
                    f"--model: unknown model {name!r}: expected one of {', '.join(MODEL_NAMES)}"
                )
            if name not in names:
                names.append(name)
    if not names:
        raise ModelSpecificationError("--model: give at least one model name")
    return names


def _draws_for(model: ForecastModel, draws: int | None) -> int:
    if draws is not None:
        return draws
    return DEFAULT_DRAWS_BATCH if isinstance(model, BatchForecastModel) else DEFAULT_DRAWS_LOOP


def _num(value: float) -> float | None:
    return None if not math.isfinite(value) else float(value)


def _forecast_records(
    job: _Job,
    models: Sequence[str],
    *,
    draws: int | None,
    seed: int,
    mapper: Mapper | None,
    tick: Callable[[int], None],
) -> tuple[list[dict[str, Any]], dict[str, ForecastDistribution]]:
    """Run every model on one job; one record per model and dimension."""
    records: list[dict[str, Any]] = []
    results: dict[str, ForecastDistribution] = {}
    base = job.ranges
    if base is None:
        return records, results
    for name in models:
        model = make_model(name, reference=job.reference, seed=seed)
        n_draws = 0 if base.is_exact else _draws_for(model, draws)
        left_out: list[str] = []
        ranges = base
        if name in _NEEDS_SALIENCE:
            ranges, left_out = _without_indifferent(base)
        try:
            if n_draws:
                done = [0]

                def progress(k: int, _total: int, done: list[int] = done) -> None:
                    tick(k - done[0])
                    done[0] = k

                dist = monte_carlo(
                    model, ranges, n_draws=n_draws, seed=seed, mapper=mapper, progress=progress
                )
            else:
                fitted = model.fit(ranges.actors).predict()
                dist = ForecastDistribution(
                    fitted.model,
                    ranges.actors.dimensions,
                    fitted,
                    np.empty((0, len(fitted.outcome))),
                )
        except (ModelSpecificationError, FloatingPointError) as err:
            for dim in ranges.actors.dimensions:
                records.append({"model": name, "dimension": dim, "failure": str(err)})
            continue
        results[name] = dist
        for k, dim in enumerate(ranges.actors.dimensions):
            point = float(dist.point.outcome[k])
            record: dict[str, Any] = {
                "model": name,
                "dimension": dim,
                "point": _num(point),
                "n_rounds": dist.point.n_rounds,
                "converged": dist.point.converged,
                "n_draws": dist.n_draws,
            }
            if dist.n_draws:
                row = dist.summary()[k]
                record.update(
                    median=_num(row["median"]),
                    mean=_num(row["mean"]),
                    sd=_num(row["sd"]),
                    interval_50=[_num(v) for v in row["interval_50"]],
                    interval_90=[_num(v) for v in row["interval_90"]],
                    n_failed=row["n_failed"],
                )
            else:
                record.update(median=_num(point), interval_50=None, interval_90=None)
            if job.issue is not None and math.isfinite(point):
                centre = record["median"] if record["median"] is not None else point
                record["nearest_option"] = nearest_option(job.issue.issue, centre).id
            if job.outcome is not None:
                record["outcome"] = float(job.outcome[k])
                record["absolute_error"] = _num(abs(point - float(job.outcome[k])))
            if left_out:
                record["left_out"] = left_out
            records.append(record)
    return records, results


#: Models that need every actor to have some salience (KTAB requires it).
_NEEDS_SALIENCE = frozenset({"smp"})


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
            field: np.asarray(getattr(ranges, field))[keep]
            for field in (
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


def _add_trajectories(
    forecasts: list[dict[str, Any]], results: dict[str, ForecastDistribution]
) -> None:
    for record in forecasts:
        dist = results.get(record["model"])
        if dist is None:
            continue
        k = dist.dimensions.index(record["dimension"])
        record["trajectory"] = np.asarray(dist.point.trajectory)[:, :, k].tolist()


def _agreement_records(job: _Job, forecasts: list[dict[str, Any]]) -> list[dict[str, Any]]:
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


def _accuracy(jobs: list[_Job], models: Sequence[str]) -> list[dict[str, Any]]:
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


def _actor_records(ranges: ActorRanges) -> list[dict[str, Any]]:
    a = ranges.actors
    rows = []
    for i, name in enumerate(a.names):
        for k, dim in enumerate(a.dimensions):
            rows.append(
                {
                    "actor": name,
                    "dimension": dim,
                    "capability": float(a.capability[i]),
                    "position": float(a.position[i, k]),
                    "position_range": [
                        float(np.asarray(ranges.position_low)[i, k]),
                        float(np.asarray(ranges.position_high)[i, k]),
                    ],
                    "salience": float(a.salience[i, k]),
                }
            )
    return rows


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
        jobs.append(_Job(ia.issue.id, ia.issue.title, ia.ranges, None, None, record, ia))
    return jobs


def _input_jobs(data: ForecastInput) -> list[_Job]:
    jobs = []
    for p in data.problems:
        record: dict[str, Any] = {
            "issue": p.name,
            "line": p.line,
            "n_actors": p.actors.n_actors,
            "reference": None if p.reference is None else p.reference.tolist(),
            "outcome": None if p.outcome is None else p.outcome.tolist(),
            "notes": list(p.notes),
            "actors": _actor_records(p.ranges),
        }
        jobs.append(_Job(p.name, p.name, p.ranges, p.reference, p.outcome, record))
    return jobs


def _total_draws(jobs: Sequence[_Job], models: Sequence[str], draws: int | None) -> int:
    total = 0
    for name in models:
        model = make_model(name)
        for job in jobs:
            if job.ranges is not None and not job.ranges.is_exact:
                total += _draws_for(model, draws)
    return total


def _progress(enabled: bool, total: int) -> AbstractContextManager[Progress | None]:
    if not enabled or total == 0:
        return nullcontext(None)
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
    )


def _mapper(scheduler: str | None) -> AbstractContextManager[Mapper | None]:
    if scheduler is None:
        return nullcontext(None)
    return DaskMapper(scheduler)


# --------------------------------------------------------------------------- the command


def forecast(
    issue: Annotated[
        str | None,
        typer.Argument(metavar="[ISSUE]", help="Issue id of the corpus to forecast."),
    ] = None,
    all_issues: Annotated[
        bool, typer.Option("--all", help="Forecast every issue of the corpus.")
    ] = False,
    input_file: Annotated[
        Path | None,
        typer.Option(
            "--input",
            help=(
                "Read the actors from FILE instead of the corpus: a plain CSV "
                "(actor,capability,position,salience), a KTAB scenario CSV or the DEU dataset "
                "(the format is told from the first line)."
            ),
            show_default=False,
        ),
    ] = None,
    model: Annotated[
        list[str] | None,
        typer.Option(
            "--model",
            "-m",
            help=(
                f"Model(s): {', '.join(MODEL_NAMES)}; repeat or separate with commas "
                "(default: every model available)."
            ),
            show_default=False,
        ),
    ] = None,
    draws: Annotated[
        int | None,
        typer.Option(
            "--draws",
            min=1,
            help=(
                f"Monte Carlo draws per model and issue (default: {DEFAULT_DRAWS_BATCH} for "
                f"compromise, median and nash, {DEFAULT_DRAWS_LOOP} for smp and bdm). Inputs "
                "without ranges get the point forecast only."
            ),
            show_default=False,
        ),
    ] = None,
    seed: Annotated[
        int, typer.Option("--seed", help="Seed of the draws (the same for every model).")
    ] = 0,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help=(
                "Run the draws on a Dask cluster: 'local' (a cluster on this machine) or a "
                "scheduler address such as tcp://10.0.0.5:8786. Same numbers as in-process."
            ),
            show_default=False,
        ),
    ] = None,
    with_trajectory: Annotated[
        bool,
        typer.Option(
            "--trajectory",
            help="Include each model's trajectory at the modes: every actor's position at "
            "every round (JSON: 'trajectory', rounds x actors).",
        ),
    ] = False,
    with_sensitivity: Annotated[
        bool,
        typer.Option(
            "--sensitivity",
            help="Rank each actor's position, salience and clout by how far it moves the "
            "first model's forecast.",
        ),
    ] = False,
    corpus_dir: CorpusOption = None,
    fmt: FormatOption = Format.text,
) -> None:
    """Forecast where each issue lands, per model, with 50 % and 90 % intervals.

    From the corpus (ISSUE or --all; each agreement version is set against the forecast) or
    from a data file (--input). JSON: one document with the models, draws, seed and one record
    per issue (actors, forecasts per model, agreements, sensitivity).
    """
    with handle_errors():
        chosen = [issue is not None, all_issues, input_file is not None]
        if sum(chosen) != 1:
            raise ModelSpecificationError(
                "give exactly one of: an ISSUE id, --all, or --input FILE"
            )
        models = _parse_models(model)
        header: dict[str, Any] = {
            "models": models,
            "draws": draws,
            "seed": seed,
            "scheduler": scheduler,
        }
        if input_file is not None:
            data = read_forecast_input(input_file)
            header = {"input": str(input_file), "format": data.format, **header}
            jobs = _input_jobs(data)
            notes = list(data.notes)
        else:
            corpus = open_corpus(corpus_dir)
            ids = None if all_issues else [corpus.issue(str(issue)).id]
            jobs = _corpus_jobs(corpus_actors(corpus, ids))
            header = {"corpus": corpus.id, **header}
            notes = []
        for name in models:
            make_model(name)  # unavailable models fail before any work
        total = _total_draws(jobs, models, draws)
        with (
            _mapper(scheduler) as mapper,
            _progress(fmt is Format.text, total) as bar,
        ):
            task = bar.add_task("forecasting", total=total) if bar is not None else None

            def tick(n: int) -> None:
                if bar is not None and task is not None:
                    bar.advance(task, n)

            for job in jobs:
                if bar is not None and task is not None:
                    bar.update(task, description=f"forecasting {job.key}")
                forecasts, results = _forecast_records(
                    job, models, draws=draws, seed=seed, mapper=mapper, tick=tick
                )
                if with_trajectory:
                    _add_trajectories(forecasts, results)
                job.record["forecasts"] = forecasts
                if job.issue is not None:
                    job.record["agreements"] = _agreement_records(job, forecasts)
                if with_sensitivity and job.ranges is not None and results:
                    first = next(iter(results))
                    table = sensitivity(
                        make_model(first, reference=job.reference, seed=seed), job.ranges
                    )
                    job.record["sensitivity"] = table.to_record()
        document = {
            **header,
            "n_issues": len(jobs),
            "notes": notes,
            "accuracy": _accuracy(jobs, models),
            "issues": [job.record for job in jobs],
        }
    emit(document, fmt, lambda: _render(document, models))


# --------------------------------------------------------------------------- rendering


def _fmt(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _interval(values: list[float | None] | None) -> str:
    if not values or values[0] is None or values[1] is None:
        return "—"
    return f"{values[0]:.1f} – {values[1]:.1f}"


def _render(document: dict[str, Any], models: Sequence[str]) -> None:
    issues: list[dict[str, Any]] = document["issues"]
    source = document.get("corpus") or document.get("input")
    console.print(
        Text(
            f"Forecasts ({', '.join(models)}) for {source}, seed {document['seed']}",
            style="bold",
        )
    )
    if len(issues) > _MAX_TEXT_ISSUES:
        _render_summary(issues, models)
    else:
        for record in issues:
            _render_issue(record)
    if document["accuracy"]:
        table = Table(title="Accuracy against the real outcomes (absolute error, 0-100)")
        for column in ("model", "issues", "mean", "median"):
            table.add_column(column, justify="right" if column != "model" else "left")
        for row in document["accuracy"]:
            table.add_row(
                Text(row["model"]),
                str(row["n_issues"]),
                f"{row['mean_absolute_error']:.2f}",
                f"{row['median_absolute_error']:.2f}",
            )
        console.print(table)
    for note in document["notes"]:
        console.print(Text(f"note: {note}", style="dim"))


def _render_summary(issues: list[dict[str, Any]], models: Sequence[str]) -> None:
    table = Table(title=f"{len(issues)} issues (point forecasts; --format json for details)")
    table.add_column("issue", overflow="fold")
    for name in models:
        table.add_column(name, justify="right")
    has_outcome = any(r.get("outcome") for r in issues)
    if has_outcome:
        table.add_column("outcome", justify="right")
    for record in issues:
        by_model: dict[str, str] = {}
        for f in record.get("forecasts", []):
            if f.get("failure"):
                by_model.setdefault(f["model"], "failed")
            else:
                by_model[f["model"]] = _fmt(f.get("median"))
        row = [Text(record["issue"]), *(Text(by_model.get(m, "—")) for m in models)]
        if has_outcome:
            outcome = record.get("outcome")
            row.append(Text(_fmt(outcome[0]) if outcome else "—"))
        table.add_row(*row)
    console.print(table)


def _render_issue(record: dict[str, Any]) -> None:
    title = Text(f"\n{record['issue']}", style="bold cyan")
    if record.get("title") and record["title"] != record["issue"]:
        title.append(Text(f" — {record['title']}", style="bold"))
    console.print(title)
    multi = len({a.get("dimension") for a in record.get("actors", [])}) > 1
    actors = Table(title="actors", title_justify="left", show_edge=False)
    columns = ["actor", *(["dimension"] if multi else []), "position", "range", "salience"]
    for column in (*columns, "capability", "notes"):
        actors.add_column(column, overflow="fold")
    for a in record.get("actors", []):
        name = a.get("party") or a.get("actor")
        notes = "; ".join(a.get("assumptions", []))
        actors.add_row(
            Text(str(name)),
            *([Text(str(a["dimension"]))] if multi else []),
            Text(f"{a['position']:g}" + (f" ({a['option']})" if a.get("option") else "")),
            Text(_interval(a["position_range"])),
            Text(f"{a['salience']:g}"),
            Text(f"{a['capability']:g}"),
            Text(notes, style="dim"),
        )
    if record.get("actors"):
        console.print(actors)
    for e in record.get("excluded", []):
        console.print(Text(f"left out: {e['party']} ({e['reason']})", style="yellow"))
    if not record.get("forecasts"):
        console.print(Text("no actor with a position: nothing to forecast", style="yellow"))
        return
    table = Table(title="forecast", title_justify="left")
    several = len({f["dimension"] for f in record["forecasts"]}) > 1
    columns = ["model", *(["dimension"] if several else []), "point", "median", "50 %", "90 %"]
    if any("nearest_option" in f for f in record["forecasts"]):
        columns.append("nearest option")
    if any("outcome" in f for f in record["forecasts"]):
        columns += ["outcome", "abs. error"]
    for column in columns:
        table.add_column(column, overflow="fold")
    for f in record["forecasts"]:
        if f.get("failure"):
            first = [Text(f["model"]), *([Text(f["dimension"])] if several else [])]
            table.add_row(
                *first,
                Text(f"failed: {f['failure']}", style="red"),
                *([Text("")] * (len(columns) - len(first) - 1)),
            )
            continue
        row = [
            Text(f["model"]),
            *([Text(f["dimension"])] if several else []),
            Text(_fmt(f["point"])),
            Text(_fmt(f["median"])),
            Text(_interval(f.get("interval_50"))),
            Text(_interval(f.get("interval_90"))),
        ]
        if "nearest option" in columns:
            row.append(Text(f.get("nearest_option", "—")))
        if "outcome" in columns:
            row += [Text(_fmt(f.get("outcome"))), Text(_fmt(f.get("absolute_error")))]
        table.add_row(*row)
    console.print(table)
    for f in record["forecasts"]:
        if f.get("left_out"):
            console.print(
                Text(
                    f"{f['model']}: left out {', '.join(f['left_out'])} (salience 0: the model "
                    "needs every actor to care)",
                    style="yellow",
                )
            )
    if record.get("agreements"):
        _render_agreements(record)
    if record.get("sensitivity"):
        _render_sensitivity(record["sensitivity"])


def _render_agreements(record: dict[str, Any]) -> None:
    models = [f["model"] for f in record["forecasts"] if f.get("point") is not None]
    table = Table(title="agreements against the forecast (position − median)", title_justify="left")
    for column in ("agreement", "provision", "option", "position", *models):
        table.add_column(column, overflow="fold")
    for a in record["agreements"]:
        cells = []
        for m in models:
            d = a["distance"].get(m)
            inside = a["inside_90"].get(m)
            mark = "" if inside is None else (" ✓" if inside else " ✗")
            cells.append(Text(f"{d:+.1f}{mark}" if d is not None else "—"))
        table.add_row(
            Text(a["agreement"]),
            Text(a["provision"] + (" (variant)" if a["variant"] else "")),
            Text(a["option"]),
            Text(f"{a['position']:g}"),
            *cells,
        )
    console.print(table)
    console.print(Text("✓ inside the 90 % interval, ✗ outside", style="dim"))


def _render_sensitivity(data: dict[str, Any]) -> None:
    title = f"sensitivity of {data['model']} (one input at a time)"
    table = Table(title=title, title_justify="left")
    for column in ("rank", "actor", "input", "low → high", "forecast low → high", "swing"):
        table.add_column(column, overflow="fold")
    for row in data["rows"][:15]:
        outcomes = f"{_vector(row['outcome_low'])} → {_vector(row['outcome_high'])}"
        table.add_row(
            str(row["rank"]),
            Text(row["actor"]),
            Text(row["input"]),
            Text(f"{row['low']:g} → {row['high']:g}"),
            Text(outcomes),
            Text(f"{row['swing']:.2f}"),
        )
    console.print(table)


def _vector(values: Sequence[float]) -> str:
    return ", ".join("—" if not math.isfinite(v) else f"{v:.1f}" for v in values)
