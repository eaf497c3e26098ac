"""The report command: a terminal summary and one self-contained HTML file."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated, Any

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
from accords.report import build_report_data, write_html
from accords.report.findings import build_findings
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
    start = time.perf_counter()
    with handle_errors():
        corpus = open_corpus(corpus_dir)
        data = build_report_data(corpus)
        written = write_html(data, out)
        findings = build_findings(data)
    seconds = time.perf_counter() - start
    summary: dict[str, Any] = {
        "out": str(written.path),
        "bytes": written.n_bytes,
        "corpus": corpus.id,
        "seconds": round(seconds, 3),
        "n_charts": written.n_charts,
        "n_sources": len(corpus.sources),
        "agreements": [
            {
                "id": s.agreement.id,
                "n_provisions": len(s.agreement.provisions),
                "n_parties": len(s.acceptability.parties),
                "veto_players": list(s.acceptability.veto_players),
                "vetoed": s.acceptability.vetoed,
                "n_deal_breakers": len(s.acceptability.deal_breakers),
                "n_needing_outside": len(s.deps.outside_provisions()),
            }
            for s in data.sections
        ],
        "diffs": [{"old": d.old, "new": d.new, "counts": dict(d.counts)} for d in data.diffs],
        "findings": [{"kind": f.kind, "headline": f.headline} for f in findings],
    }

    def render() -> None:
        console.print(Text("Findings", style="bold underline"))
        for f in findings:
            console.print(Text(f"• {f.headline}"))
        console.print()
        render_report_summary(console, data, str(written.path), written.n_bytes, seconds)

    emit(summary, fmt, render)
