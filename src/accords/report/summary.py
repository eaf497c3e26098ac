"""The library call behind ``accords report``: write the HTML page and summarise it.

Examples
--------
>>> import tempfile, pathlib
>>> from accords.corpus import load_corpus
>>> out = pathlib.Path(tempfile.mkdtemp()) / "report.html"
>>> summary = write_report(load_corpus(), out)
>>> record = summary.to_record()
>>> record["document"], record["corpus"], record["bytes"] == out.stat().st_size
('report', 'ukraine-2025', True)
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from accords.model import Corpus
from accords.model.documents import Document
from accords.report.data import ReportData, build_report_data
from accords.report.findings import Finding, build_findings
from accords.report.html import ReportWritten, write_html

__all__ = ["ReportDocument", "ReportSummary", "write_report"]


class ReportDocument(Document):
    """The ``accords report`` document: where the page went and what it holds."""

    kind: ClassVar[str] = "report"
    out: str
    bytes: int
    corpus: str
    seconds: float
    n_charts: int
    n_sources: int
    agreements: list[dict[str, Any]]
    diffs: list[dict[str, Any]]
    findings: list[dict[str, Any]]


@dataclass(frozen=True)
class ReportSummary:
    """What :func:`write_report` built and wrote."""

    data: ReportData
    written: ReportWritten
    seconds: float
    findings: tuple[Finding, ...]

    def to_record(self) -> dict[str, Any]:
        """The ``accords report --format json`` document."""
        data, written = self.data, self.written
        return ReportDocument.build(
            out=str(written.path),
            bytes=written.n_bytes,
            corpus=data.corpus.id,
            seconds=round(self.seconds, 3),
            n_charts=written.n_charts,
            n_sources=len(data.corpus.sources),
            agreements=[
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
            diffs=[{"old": d.old, "new": d.new, "counts": dict(d.counts)} for d in data.diffs],
            findings=[{"kind": f.kind, "headline": f.headline} for f in self.findings],
        )


def write_report(corpus: Corpus, out: str | Path) -> ReportSummary:
    """Run every analysis the report shows, write the self-contained HTML page to ``out``.

    Parameters
    ----------
    corpus
        The corpus to report on.
    out
        The HTML file to write (UTF-8); its folder must exist.

    Returns
    -------
    ReportSummary
        The report's data, what was written, and how long it took.
    """
    start = time.perf_counter()
    data = build_report_data(corpus)
    written = write_html(data, out)
    return ReportSummary(
        data=data,
        written=written,
        seconds=time.perf_counter() - start,
        findings=build_findings(data),
    )
