"""Actor tables from a corpus: positions, ranges, saliences, clout, exclusions, agreements."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from accords import read_corpus
from accords.exceptions import ModelSpecificationError, UnknownIssueError
from accords.forecasting.from_corpus import (
    agreement_positions,
    corpus_actors,
    issue_actors,
    nearest_option,
)
from accords.model import Corpus

MARREN = Path(__file__).resolve().parent / "corpora" / "marren-2030"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return read_corpus(MARREN)


def by_party(corpus: Corpus, issue: str, **kwargs):
    return {i.party: i for i in issue_actors(corpus, issue, **kwargs).inputs}


@pytest.mark.parametrize(
    ("issue", "party", "position", "low", "high", "salience", "capability", "option"),
    [
        # ideal option, range from confidence 0.9: +-2.5 clipped at 0
        ("cod-quota", "ostra", 0.0, 0.0, 2.5, 0.9, 0.5, "moratorium"),
        # two reports: position_range (70-100) of the confident one, widened to cover 75 +- 17.5
        ("cod-quota", "pellin", 100.0, 57.5, 100.0, 0.8, 0.3, "hold"),
        # explicit position instead of an ideal option
        ("cod-quota", "quay-isles", 45.0, 37.5, 52.5, 0.5, 0.2, None),
        # no salience in the stance: the default
        ("patrols", "quay-isles", 100.0, 90.0, 100.0, 0.5, 0.2, "regional-coastguard"),
        ("patrols", "strait-council", 50.0, 37.5, 62.5, 0.7, 0.1, "joint-patrols"),
    ],
    ids=["ideal", "two-reports", "explicit-position", "default-salience", "institution"],
)
def test_actor_rules(corpus, issue, party, position, low, high, salience, capability, option):
    actor = by_party(corpus, issue)[party]
    assert (actor.position, actor.salience, actor.capability, actor.option) == (
        position,
        salience,
        capability,
        option,
    )
    assert (actor.low, actor.high) == pytest.approx((low, high))


def test_assumptions_are_recorded(corpus) -> None:
    pellin = by_party(corpus, "cod-quota")["pellin"]
    assert pellin.n_reports == 2
    assert pellin.assumptions == ("2 reports (100, 75): most confident is the mode",)
    quay = by_party(corpus, "patrols")["quay-isles"]
    assert quay.assumptions == ("salience not given: 0.5 assumed",)
    assert by_party(corpus, "patrols", default_salience=0.3)["quay-isles"].salience == 0.3


def test_exclusions_and_missing_clout(corpus) -> None:
    comp = issue_actors(corpus, "compensation")
    assert comp.excluded == (("fishers-league", "no clout in the corpus"),)
    with_league = issue_actors(corpus, "compensation", missing_clout=0.05)
    league = {i.party: i for i in with_league.inputs}["fishers-league"]
    assert league.capability == 0.05
    assert league.assumptions == ("no clout in the corpus: 0.05 assumed",)
    ports = issue_actors(corpus, "landing-ports")
    assert ports.ranges is None
    assert ports.excluded == (("strait-council", "no stance gives an ideal option or a position"),)


def test_ranges_match_the_inputs(corpus) -> None:
    table = issue_actors(corpus, "cod-quota")
    assert table.ranges is not None
    actors = table.ranges.actors
    assert actors.names == ("ostra", "pellin", "quay-isles")
    assert actors.dimensions == ("cod-quota",)
    np.testing.assert_allclose(table.ranges.position_low[:, 0], [0, 57.5, 37.5])
    np.testing.assert_allclose(table.ranges.position_high[:, 0], [2.5, 100, 52.5])
    np.testing.assert_allclose(actors.capability, [0.5, 0.3, 0.2])


def test_agreement_positions_include_variants(corpus) -> None:
    rows = agreement_positions(corpus, "patrols")
    assert [(r.agreement, r.provision, r.option, r.position, r.variant) for r in rows] == [
        ("council-draft", "2", "joint-patrols", 50.0, False),
        ("council-draft", "2", "regional-coastguard", 100.0, True),
        ("pellin-counter", "2", "national-patrols", 0.0, False),
    ]
    assert agreement_positions(corpus, "landing-ports") == ()


def test_corpus_actors_covers_every_issue(corpus) -> None:
    assert [t.issue.id for t in corpus_actors(corpus)] == [i.id for i in corpus.issues]
    assert [t.issue.id for t in corpus_actors(corpus, ["patrols"])] == ["patrols"]


@pytest.mark.parametrize(
    ("position", "expected"),
    [
        (0.0, "moratorium"),
        (20.0, "moratorium"),
        (20.1, "cut-half"),
        (88.0, "hold"),
        (87.4, "small-cut"),
    ],
    ids=["at-option", "tie-lower", "just-past-tie", "near-hold", "near-small-cut"],
)
def test_nearest_option(corpus, position: float, expected: str) -> None:
    assert nearest_option(corpus.issue("cod-quota"), position).id == expected


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"issue_id": "fish-prices"}, UnknownIssueError, "unknown issue 'fish-prices'"),
        (
            {"issue_id": "patrols", "default_salience": 2.0},
            ModelSpecificationError,
            "default_salience",
        ),
        ({"issue_id": "patrols", "missing_clout": -1.0}, ModelSpecificationError, "missing_clout"),
    ],
    ids=["unknown-issue", "bad-default-salience", "bad-missing-clout"],
)
def test_bad_arguments(corpus, kwargs, error, match) -> None:
    with pytest.raises(error, match=match):
        issue_actors(corpus, **kwargs)
