"""The report leads with findings generated from the analyses, each linking to its evidence,
and stays small enough to mail (the partial plotly.js bundle)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from accords import load_corpus
from accords.model import Corpus
from accords.report import build_report_data, render_html
from accords.report.data import ReportData
from accords.report.findings import build_findings, short_title

MAX_BYTES = 2_000_000


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus()


@pytest.fixture(scope="module")
def data(corpus: Corpus) -> ReportData:
    return build_report_data(corpus)


@pytest.fixture(scope="module")
def page(data: ReportData) -> str:
    html, _ = render_html(data, generated=datetime(2026, 1, 1, tzinfo=UTC))
    return html


def collisions(corpus: Corpus, parties: set[str]) -> set[str]:
    """Oracle: issues where every option is a red line of one of ``parties`` (from stances)."""
    found = set()
    for issue in corpus.issues:
        red = {
            o
            for s in corpus.stances
            if s.issue == issue.id and s.party in parties
            for o in s.red_lines
        }
        if red and red >= {o.id for o in issue.options}:
            found.add(issue.id)
    return found


def test_bargaining_finding_names_the_colliding_red_lines(corpus: Corpus, data: ReportData) -> None:
    assert data.bargaining is not None
    parties = set(data.bargaining.utilities.parties)
    expected = collisions(corpus, parties)
    assert expected == {"luhansk", "donetsk", "zaporizhzhia-kherson"}
    first = build_findings(data)[0]
    assert first.kind == "bargaining"
    assert first.headline.startswith("No package satisfies every party")
    titles = {i.id: i.title for i in corpus.issues}
    for issue in expected:
        assert titles[issue] in first.headline


def test_every_finding_links_to_an_anchor_of_the_page(data: ReportData, page: str) -> None:
    anchors = set(re.findall(r'id="([^"]+)"', page))
    findings = build_findings(data)
    kinds = {f.kind for f in findings}
    assert {"bargaining", "rejections", "outside", "diff"} <= kinds
    for finding in findings:
        assert finding.links, finding.headline
        for link in finding.links:
            assert link.href.startswith("#")
            assert link.href[1:] in anchors, link


def test_findings_come_first_and_sections_exist(page: str) -> None:
    order = [page.index(f'id="{name}"') for name in ("findings", "overview", "bargaining")]
    assert order == sorted(order)
    for name in ("forecasts", "positions", "stance-table", "stance-filter", "sources"):
        assert f'id="{name}"' in page
    assert "relaxed solutions" in page
    assert "Ursula von der Leyen" in page  # speakers in the people and positions table


def test_page_is_small_and_offline(page: str) -> None:
    assert len(page.encode("utf-8")) <= MAX_BYTES
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=\"https?:", page)
    assert "plotly.js (cartesian - minified)" in page


def test_heatmap_labels_carry_short_titles(corpus: Corpus, page: str) -> None:
    point = corpus.agreement("us-28-point-plan").provision("21.a")
    assert f"21.a {short_title(point.text, 4)}".replace("'", "\\u0027")[:12] in page


def test_forecasts_cover_every_fast_model(data: ReportData) -> None:
    models = {r.model for r in data.forecasts}
    assert models == {"compromise", "median", "nash"}
    for row in data.forecasts:
        assert 0 <= row.point <= 100
        if row.interval_90 is not None:
            assert row.interval_90[0] <= row.interval_90[1]
