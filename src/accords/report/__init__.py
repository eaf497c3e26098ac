"""Renderers: Rich tables for the terminal, one self-contained HTML page, JSON records.

* :func:`build_report_data` runs every analysis the report shows (pure);
* :func:`render_html` / :func:`write_html` produce the HTML page (Jinja2, autoescaped, plotly
  charts inlined);
* :mod:`accords.report.terminal` prints the same results with Rich;
* :mod:`accords.report.records` gives the ``--format json`` documents.
"""

from accords.report.data import AgreementSection, ReportData, build_report_data, version_pairs
from accords.report.html import ReportWritten, render_html, word_diff, write_html
from accords.report.records import (
    acceptability_record,
    cell_record,
    deps_record,
    diff_record,
)
from accords.report.summary import ReportDocument, ReportSummary, write_report

__all__ = [
    "AgreementSection",
    "ReportData",
    "ReportDocument",
    "ReportSummary",
    "ReportWritten",
    "acceptability_record",
    "build_report_data",
    "cell_record",
    "deps_record",
    "diff_record",
    "render_html",
    "version_pairs",
    "word_diff",
    "write_html",
    "write_report",
]
