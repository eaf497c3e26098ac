"""The report command: a terminal summary and one self-contained HTML file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from accords.cli.common import (
    CorpusOption,
    Format,
    FormatOption,
    console,
    emit,
    handle_errors,
    open_corpus,
)
from accords.report.summary import write_report
from accords.report.terminal import render_report_summary

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add report to ``app``."""
    app.command("report")(report)


def report(
    out: Annotated[
        Path, typer.Option("--out", "-o", help="HTML file to write.", dir_okay=False)
    ] = Path("accords-report.html"),
    corpus_dir: CorpusOption = None,
    fmt: FormatOption = Format.text,
) -> None:
    """Write the self-contained HTML report and print a summary.

    The page leads with findings generated from the analyses, then bargaining, forecasts,
    people and positions, the provisions with their evidence, the acceptability heatmaps, who
    must act, the version diffs and the sources; plotly.js is inlined, so it opens offline.
    """
    with handle_errors():
        summary = write_report(open_corpus(corpus_dir), out)

    def render() -> None:
        console.print(Text("Findings", style="bold underline"))
        for finding in summary.findings:
            console.print(Text(f"• {finding.headline}"))
        console.print()
        render_report_summary(
            console,
            summary.data,
            str(summary.written.path),
            summary.written.n_bytes,
            summary.seconds,
        )

    emit(summary, fmt, render)
