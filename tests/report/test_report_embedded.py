"""The three analyses and the report on the embedded ukraine-2025 corpus: the issue's own
examples, checked by hand against the corpus files, and the invariants that hold everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from accords import default_corpus_path, load_corpus
from accords.analysis import assess_acceptability, diff_agreements, who_must_act
from accords.model import Corpus
from accords.report import build_report_data, render_html


@pytest.fixture(scope="module")
def ukraine() -> Corpus:
    if not (default_corpus_path() / "corpus.yaml").is_file():
        pytest.skip("the embedded corpus is not in place yet")
    return load_corpus()


def test_group_membership_resolved_both_ways(ukraine: Corpus) -> None:
    deps = who_must_act(ukraine, "us-28-point-plan")
    # point 2 binds europe: the EU, the UK and the EU's member states are bound
    point2 = deps.provision("2")
    assert "europe" in point2.bearers
    assert {"eu", "uk", "france", "germany", "poland", "italy"} <= set(point2.bound)
    # point 11 binds the EU: it involves europe
    assert deps.provision("11").bearers == ("eu",)
    assert "europe" in deps.provision("11").involved


def test_institutions_outside_the_talks(ukraine: Corpus) -> None:
    deps = who_must_act(ukraine, "us-28-point-plan")
    assert deps.provision("12.f").outside_parties == ("world-bank",)
    outside = {p for parties in deps.outside_provisions().values() for p in parties}
    assert "world-bank" in outside
    assert "g8" in outside  # Japan and Canada are not at the table
    for party in ("us", "russia", "ukraine"):
        assert party not in outside


def test_foreign_troops_option_changes_between_versions(ukraine: Corpus) -> None:
    d = diff_agreements(
        ukraine.agreement("us-28-point-plan"), ukraine.agreement("european-counterproposal")
    )
    troops = next(i for i in d.issues if i.issue == "foreign-troops")
    assert "no-nato-troops" in troops.old_options
    assert "no-permanent-nato-stationing-in-peacetime" in troops.new_options
    assert troops.status == "changed"


@pytest.mark.parametrize(
    "agreement",
    ["us-28-point-plan", "european-counterproposal", "us-19-point-plan", "moscow-package"],
)
def test_invariants(ukraine: Corpus, agreement: str) -> None:
    matrix = assess_acceptability(ukraine, agreement)
    for cell in matrix.cells:
        if cell.verdict != "unknown":
            assert cell.evidence or cell.assumptions, (cell.party, cell.label)
        if not ukraine.agreement(agreement).provision(cell.label).settles:
            assert cell.verdict == "unknown"
    deps = matrix.deps
    assert [p.label for p in deps.provisions] == list(matrix.labels)
    for p in deps.provisions:
        assert set(p.drafters) | set(p.non_drafters) == set(p.bearers)
        assert set(p.outside_parties) <= set(p.bearers)


def test_report_renders_every_agreement(ukraine: Corpus, tmp_path: Path) -> None:
    data = build_report_data(ukraine)
    page, n_charts = render_html(data)
    assert n_charts == 2 + 2 * len(ukraine.agreements)
    for agreement in ukraine.agreements:
        assert f'id="heatmap-{agreement.id}"' in page
    assert sorted((d.old, d.new) for d in data.diffs) == sorted(
        (a.derived_from, a.id) for a in ukraine.agreements if a.derived_from
    )
    # every version comes after the one it revises
    order = [s.agreement.id for s in data.sections]
    for a in ukraine.agreements:
        if a.derived_from:
            assert order.index(a.derived_from) < order.index(a.id)
