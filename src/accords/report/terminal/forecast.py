"""Rich rendering of a forecast (:class:`~accords.forecasting.pipeline.ForecastReport`).

Every number on the 0-100 scale of a corpus issue is printed with the option nearest to it;
the point forecast (the model on the most likely inputs) and the median of the Monte Carlo
draws are labelled apart, and a point outside its own 90 % interval is marked ``†`` with the
reason printed under the table.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from accords.forecasting.pipeline import POINT_OUTSIDE_NOTE, ForecastReport

__all__ = ["MAX_TEXT_ISSUES", "render_forecast"]

#: Beyond this many issues, one summary table instead of one section per issue.
MAX_TEXT_ISSUES = 12
_OUTSIDE_MARK = " †"


def _fmt(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _interval(values: Sequence[float | None] | None) -> str:
    if not values or values[0] is None or values[1] is None:
        return "—"
    return f"{values[0]:.1f} – {values[1]:.1f}"


def _with_option(value: float | None, option: str | None) -> str:
    return _fmt(value) + (f" ({option})" if option and value is not None else "")


def render_forecast(console: Console, report: ForecastReport) -> None:
    """Print ``report``: per issue its actors, forecasts, agreements and sensitivity, or one
    summary table beyond :data:`MAX_TEXT_ISSUES` issues; then accuracy and notes."""
    console.print(
        Text(
            f"Forecasts ({', '.join(report.models)}) for {report.source}, seed {report.seed}",
            style="bold",
        )
    )
    if len(report.issues) > MAX_TEXT_ISSUES:
        _render_summary(console, report.issues, report.models)
    else:
        for record in report.issues:
            _render_issue(console, record)
    if report.accuracy:
        table = Table(title="Accuracy against the real outcomes (absolute error, 0-100)")
        for column in ("model", "issues", "mean", "median"):
            table.add_column(column, justify="right" if column != "model" else "left")
        for row in report.accuracy:
            table.add_row(
                Text(row["model"]),
                str(row["n_issues"]),
                f"{row['mean_absolute_error']:.2f}",
                f"{row['median_absolute_error']:.2f}",
            )
        console.print(table)
    for note in report.notes:
        console.print(Text(f"note: {note}", style="dim"))


def _render_summary(
    console: Console, issues: Sequence[dict[str, Any]], models: Sequence[str]
) -> None:
    table = Table(
        title=(
            f"{len(issues)} issues: point forecast (the model on the most likely inputs) and "
            "median of the Monte Carlo draws, 0-100, nearest option in brackets "
            "(--format json for details)"
        )
    )
    table.add_column("issue", overflow="fold")
    table.add_column("", overflow="fold")
    for name in models:
        table.add_column(name, overflow="fold")
    has_outcome = any(r.get("outcome") for r in issues)
    if has_outcome:
        table.add_column("outcome", justify="right")
    outside = False
    for record in issues:
        points: dict[str, str] = {}
        medians: dict[str, str] = {}
        for f in record.get("forecasts", []):
            if f.get("failure"):
                points.setdefault(f["model"], "failed")
                medians.setdefault(f["model"], "failed")
                continue
            mark = _OUTSIDE_MARK if f.get("point_outside_90") else ""
            outside = outside or bool(mark)
            points[f["model"]] = _with_option(f.get("point"), f.get("point_option")) + mark
            medians[f["model"]] = _with_option(f.get("median"), f.get("nearest_option"))
        outcome = record.get("outcome")
        tail = [Text(_fmt(outcome[0]) if outcome else "—")] if has_outcome else []
        table.add_row(
            Text(record["issue"]),
            Text("point"),
            *(Text(points.get(m, "—")) for m in models),
            *tail,
        )
        if any(f.get("n_draws") for f in record.get("forecasts", [])):
            table.add_row(
                Text(""),
                Text("median"),
                *(Text(medians.get(m, "—")) for m in models),
                *([Text("")] if has_outcome else []),
            )
    console.print(table)
    if outside:
        console.print(Text(f"† {POINT_OUTSIDE_NOTE}", style="yellow"))


def _render_actors(console: Console, record: dict[str, Any]) -> None:
    multi = len({a.get("dimension") for a in record.get("actors", [])}) > 1
    actors = Table(title="actors", title_justify="left", show_edge=False)
    columns = ["actor", *(["dimension"] if multi else []), "position", "range", "salience"]
    for column in (*columns, "capability", "notes"):
        actors.add_column(column, overflow="fold")
    for a in record.get("actors", []):
        name = a.get("party") or a.get("actor")
        actors.add_row(
            Text(str(name)),
            *([Text(str(a["dimension"]))] if multi else []),
            Text(f"{a['position']:g}" + (f" ({a['option']})" if a.get("option") else "")),
            Text(_interval(a["position_range"])),
            Text(f"{a['salience']:g}"),
            Text(f"{a['capability']:g}"),
            Text("; ".join(a.get("assumptions", [])), style="dim"),
        )
    if record.get("actors"):
        console.print(actors)


def _render_issue(console: Console, record: dict[str, Any]) -> None:
    title = Text(f"\n{record['issue']}", style="bold cyan")
    if record.get("title") and record["title"] != record["issue"]:
        title.append(Text(f" — {record['title']}", style="bold"))
    console.print(title)
    if record.get("options"):
        scale = ", ".join(f"{o['position']:g} {o['id']}" for o in record["options"])
        console.print(Text(f"options on 0-100: {scale}", style="dim"))
    _render_actors(console, record)
    for e in record.get("excluded", []):
        console.print(Text(f"left out: {e['party']} ({e['reason']})", style="yellow"))
    if not record.get("forecasts"):
        console.print(Text("no actor with a position: nothing to forecast", style="yellow"))
        return
    forecasts = record["forecasts"]
    table = Table(title="forecast", title_justify="left")
    several = len({f["dimension"] for f in forecasts}) > 1
    columns = ["model", *(["dimension"] if several else []), "point", "median", "50 %", "90 %"]
    if any("outcome" in f for f in forecasts):
        columns += ["outcome", "abs. error"]
    for column in columns:
        table.add_column(column, overflow="fold")
    for f in forecasts:
        first = [Text(f["model"]), *([Text(f["dimension"])] if several else [])]
        if f.get("failure"):
            rest = [Text("")] * (len(columns) - len(first) - 1)
            table.add_row(*first, Text(f"failed: {f['failure']}", style="red"), *rest)
            continue
        mark = _OUTSIDE_MARK if f.get("point_outside_90") else ""
        row = [
            *first,
            Text(_with_option(f["point"], f.get("point_option")) + mark),
            Text(_with_option(f["median"], f.get("nearest_option")) if f.get("n_draws") else "—"),
            Text(_interval(f.get("interval_50"))),
            Text(_interval(f.get("interval_90"))),
        ]
        if "outcome" in columns:
            row += [Text(_fmt(f.get("outcome"))), Text(_fmt(f.get("absolute_error")))]
        table.add_row(*row)
    console.print(table)
    console.print(
        Text(
            "point: the model on the most likely inputs; median and intervals: of the Monte "
            "Carlo draws",
            style="dim",
        )
    )
    for note in record.get("notes", []):
        text = f"† {note}" if note == POINT_OUTSIDE_NOTE else f"note: {note}"
        console.print(Text(text, style="yellow" if note == POINT_OUTSIDE_NOTE else "dim"))
    for f in forecasts:
        if f.get("left_out"):
            console.print(
                Text(
                    f"{f['model']}: left out {', '.join(f['left_out'])} (salience 0: the model "
                    "needs every actor to care)",
                    style="yellow",
                )
            )
    if record.get("agreements"):
        _render_agreements(console, record)
    if record.get("sensitivity"):
        _render_sensitivity(console, record["sensitivity"])


def _render_agreements(console: Console, record: dict[str, Any]) -> None:
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


def _render_sensitivity(console: Console, data: dict[str, Any]) -> None:
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


def _vector(values: Sequence[float | None]) -> str:
    return ", ".join("—" if v is None or not math.isfinite(v) else f"{v:.1f}" for v in values)
