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

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from accords.forecasting.records import POINT_OUTSIDE_NOTE, ForecastReport

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


def _compact(values: Sequence[float | None] | None) -> str:
    """An interval without spaces (it never wraps inside)."""
    return _interval(values).replace(" – ", "–")


def _forecast_table(title: str) -> Table:
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, padding=(0, 1))
    table.add_column("model", overflow="fold")
    table.add_column("")
    table.add_column("0-100", justify="right", no_wrap=True)
    table.add_column("nearest option; intervals of the draws", overflow="fold")
    return table


def _add_forecast(table: Table, f: dict[str, Any], label: str, tail: Sequence[Text]) -> bool:
    """Add a model's point row and median row; True where the point is outside its 90 %."""
    if f.get("failure"):
        table.add_row(Text(label), Text(""), Text(""), Text(f"failed: {f['failure']}", style="red"))
        return False
    outside = bool(f.get("point_outside_90"))
    option = f.get("point_option") or ""
    table.add_row(
        Text(label),
        Text("point"),
        Text(_fmt(f.get("point")) + (_OUTSIDE_MARK if outside else "")),
        Text(option),
        *tail,
    )
    if f.get("n_draws"):
        intervals = f"50 % {_compact(f.get('interval_50'))} · 90 % {_compact(f.get('interval_90'))}"
        option = f.get("nearest_option") or ""
        table.add_row(
            Text(""),
            Text("median"),
            Text(_fmt(f.get("median"))),
            Text(f"{option}\n{intervals}" if option else intervals),
            *([Text("")] * len(tail)),
        )
    return outside


def _render_summary(
    console: Console, issues: Sequence[dict[str, Any]], models: Sequence[str]
) -> None:
    del models  # rows follow the report: every issue, then each of its models
    table = _forecast_table(
        f"{len(issues)} issues: point forecast (the model on the most likely inputs) and median "
        "of the Monte Carlo draws, with the nearest option (--format json for details)"
    )
    has_outcome = any(r.get("outcome") for r in issues)
    if has_outcome:
        table.add_column("outcome", justify="right")
    outside = False
    for record in issues:
        outcome = record.get("outcome")
        tail = [Text(_fmt(outcome[0]) if outcome else "—")] if has_outcome else []
        table.add_row(Text(record["issue"], style="bold cyan"), *([Text("")] * (3 + len(tail))))
        if not record.get("forecasts"):
            table.add_row(Text(""), Text(""), Text(""), Text("nothing to forecast"), *tail)
        for f in record.get("forecasts", []):
            outside = _add_forecast(table, f, f"  {f['model']}", tail) or outside
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
    table = _forecast_table("forecast")
    several = len({f["dimension"] for f in forecasts}) > 1
    with_outcome = any("outcome" in f for f in forecasts)
    if with_outcome:
        table.add_column("outcome", justify="right")
        table.add_column("abs. error", justify="right")
    for f in forecasts:
        label = f"{f['model']} {f['dimension']}" if several else f["model"]
        tail = [Text(_fmt(f.get("outcome"))), Text(_fmt(f.get("absolute_error")))]
        _add_forecast(table, f, label, tail if with_outcome else [])
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
    table = Table(
        title="agreements against the forecast (position − median, per model)",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        padding=(0, 1),
    )
    longest = max((len(a["agreement"]) for a in record["agreements"]), default=10)
    table.add_column("agreement, provision", overflow="fold", min_width=min(longest, 30))
    table.add_column("option", overflow="fold")
    table.add_column("position", justify="right", no_wrap=True)
    table.add_column("− median", no_wrap=True)
    for a in record["agreements"]:
        cells = []
        for m in dict.fromkeys(models):
            d = a["distance"].get(m)
            inside = a["inside_90"].get(m)
            mark = "" if inside is None else (" ✓" if inside else " ✗")
            cells.append(f"{m} {d:+.1f}{mark}" if d is not None else f"{m} —")
        provision = a["provision"] + (" (variant)" if a["variant"] else "")
        table.add_row(
            Text(f"{a['agreement']}\nprovision {provision}"),
            Text(a["option"]),
            Text(f"{a['position']:g}"),
            Text("\n".join(cells)),
        )
    console.print(table)
    console.print(Text("✓ inside the model's 90 % interval, ✗ outside", style="dim"))


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
