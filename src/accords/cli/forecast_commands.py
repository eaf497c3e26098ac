"""``accords forecast``: where each issue lands, per model, with Monte Carlo intervals.

A thin shell over :func:`accords.forecasting.forecast_corpus` (ISSUE or ``--all``) and
:func:`accords.forecasting.forecast_file` (``--input``): parse the options, make the one call,
print the report as text, JSON (:class:`~accords.forecasting.pipeline.ForecastDocument`) or CSV
(one row per issue, model and dimension).
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from accords.cli.common import (
    CorpusOption,
    Format,
    FormatOption,
    console,
    emit,
    err_console,
    handle_errors,
    open_corpus,
    write_csv,
)
from accords.exceptions import ModelSpecificationError
from accords.forecasting.montecarlo import MAX_DRAW_CELLS
from accords.forecasting.pipeline import (
    DEFAULT_DRAWS_BATCH,
    DEFAULT_DRAWS_LOOP,
    ForecastProgress,
    forecast_corpus,
    forecast_file,
)
from accords.forecasting.records import CSV_COLUMNS
from accords.forecasting.registry import MODEL_NAMES
from accords.report.terminal.forecast import render_forecast

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add ``forecast`` to ``app``."""
    app.command("forecast")(forecast)


def _progress_bar(enabled: bool) -> AbstractContextManager[Progress | None]:
    if not enabled:
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


def _advance(bar: Progress | None) -> ForecastProgress | None:
    """A progress callback that moves ``bar`` (None without a bar)."""
    if bar is None:
        return None
    task = bar.add_task("forecasting", total=None)

    def progress(key: str, done: int, total: int) -> None:
        bar.update(task, description=f"forecasting {key}", completed=done, total=total or None)

    return progress


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
                "without ranges get the point forecast only. Draws x actors x dimensions of "
                f"one issue may not exceed {MAX_DRAW_CELLS:,}."
            ),
            show_default=False,
        ),
    ] = None,
    seed: Annotated[
        int,
        typer.Option("--seed", help="Seed of the draws, >= 0 (the same for every model)."),
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
    from a data file (--input). Text: the point forecast (the model on the most likely inputs)
    and the median of the draws, each with the nearest option. JSON: one document with the
    models, draws, seed and one record per issue (actors, forecasts per model, agreements,
    sensitivity). CSV: one row per issue, model and dimension.
    """
    with handle_errors():
        if sum([issue is not None, all_issues, input_file is not None]) != 1:
            raise ModelSpecificationError(
                "give exactly one of: an ISSUE id, --all, or --input FILE"
            )
        with _progress_bar(fmt is Format.text) as bar:
            if input_file is not None:
                report = forecast_file(
                    input_file,
                    models=model,
                    n_draws=draws,
                    seed=seed,
                    scheduler=scheduler,
                    trajectory=with_trajectory,
                    with_sensitivity=with_sensitivity,
                    progress=_advance(bar),
                )
            else:
                report = forecast_corpus(
                    open_corpus(corpus_dir),
                    issues=None if all_issues else [str(issue)],
                    models=model,
                    n_draws=draws,
                    seed=seed,
                    scheduler=scheduler,
                    trajectory=with_trajectory,
                    with_sensitivity=with_sensitivity,
                    progress=_advance(bar),
                )
    if fmt is Format.csv:
        write_csv(report.to_rows(), CSV_COLUMNS)
        return
    emit(report, fmt, lambda: render_forecast(console, report))
