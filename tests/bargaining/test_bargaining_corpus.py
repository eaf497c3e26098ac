"""Bargaining problems from a corpus: space, utilities from stances, agreements, the analysis."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from bargaining_oracles import LAKE, oracle_utility

from accords import load_corpus
from accords.bargaining import (
    agreement_package,
    analyse_bargaining,
    default_parties,
    is_acceptable,
    space_from_corpus,
    utilities_from_stances,
)
from accords.exceptions import ModelSpecificationError, UnknownIssueError, UnknownPartyError

LakeCopy = Callable[..., Path]


@pytest.fixture(scope="module")
def lake():  # type: ignore[no-untyped-def]
    corpus = load_corpus(LAKE)
    space = space_from_corpus(corpus)
    return corpus, space, utilities_from_stances(corpus, space)


def test_space_keeps_the_issues_someone_cares_about(lake) -> None:  # type: ignore[no-untyped-def]
    corpus, space, u = lake
    assert space.issues == ("quota", "monitoring", "compensation", "phase-in", "access")
    assert space.positions[0] == (0.0, 30.0, 60.0, 100.0)  # type: ignore[index]
    assert default_parties(corpus) == ("aldria", "borvia", "cestra")
    assert u.parties == ("aldria", "borvia", "cestra")
    everything = space_from_corpus(corpus, issues=["research", "quota"])
    assert everything.issues == ("research", "quota")


def test_values_weights_red_lines_and_reservations_follow_the_stances(lake) -> None:  # type: ignore[no-untyped-def]
    _, _space, u = lake
    # aldria: ideal "low" (position 30) on quota; distances 30, 0, 30, 70 over a span of 70.
    assert u.values[0][0].tolist() == pytest.approx([1 - 30 / 70, 1.0, 1 - 30 / 70, 0.0])
    # Saliences 0.9, 0.6, 0.5, (phase-in missing: mean 0.65), 0.6, normalised to sum 1.
    raw = np.array([0.9, 0.6, 0.5, 0.65, 0.6])
    assert u.weights[0] == pytest.approx(raw / raw.sum())
    # Phase-in: the confident report (ideal "immediate") wins over the 0.3 one.
    assert u.values[3][0].tolist() == pytest.approx([1.0, 0.5, 0.0])
    # borvia states nothing on compensation: weight 0 there.
    assert u.weights[1][2] == 0.0
    assert u.red_lines[1][1].tolist() == [False, False, True]  # borvia: no international
    assert u.red_lines[4][1].tolist() == [True, False, False]  # borvia: no closed lake
    assert u.red_lines[0][2].tolist() == [True, False, False, False]  # cestra: some quota
    assert u.reservation.tolist() == [0.45, 0.3, 0.0]
    assert any("cestra: no reservation value" in n for n in u.notes)
    assert any("aldria / phase-in: several reported stances" in n for n in u.notes)


def test_scale_distance_and_explicit_tables(lake) -> None:  # type: ignore[no-untyped-def]
    corpus, space, _ = lake
    scaled = utilities_from_stances(corpus, space, distance="scale")
    assert scaled.values[0][0].tolist() == pytest.approx([0.7, 1.0, 0.7, 0.3])
    table = {"cestra": {"monitoring": {"national": 0.2, "joint": 1.0, "international": 0.5}}}
    u = utilities_from_stances(corpus, space, values=table)
    assert u.values[1][2].tolist() == [0.2, 1.0, 0.5]
    assert u.weights[2][1] > 0  # a table on an issue without stance gets a default salience


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"parties": ["atlantis"]}, UnknownPartyError, "unknown party 'atlantis'"),
        ({"values": {"aldria": {"fishing": {}}}}, ModelSpecificationError, "names issue 'fishing'"),
        (
            {"values": {"aldria": {"quota": {"low": 1.0}}}},
            ModelSpecificationError,
            r"missing: \['high', 'medium', 'none'\]",
        ),
        ({"values": {"lake-council": {}}}, UnknownPartyError, "lake-council"),
        ({"distance": "manhattan"}, ModelSpecificationError, "distance must be"),
    ],
    ids=["unknown-party", "table-issue", "table-options", "table-party", "distance"],
)
def test_bad_utility_requests(
    lake, kwargs: dict[str, object], error: type[Exception], match: str
) -> None:  # type: ignore[no-untyped-def]
    corpus, space, _ = lake
    with pytest.raises(error, match=match):
        utilities_from_stances(corpus, space, **kwargs)  # type: ignore[arg-type]


def test_unknown_issue_is_named(lake) -> None:  # type: ignore[no-untyped-def]
    corpus, _, _ = lake
    with pytest.raises(UnknownIssueError, match="unknown issue 'fishing'"):
        space_from_corpus(corpus, issues=["fishing"])


def test_agreements_become_partial_packages(lake) -> None:  # type: ignore[no-untyped-def]
    corpus, space, _ = lake
    draft = agreement_package(space, corpus.agreement("aldrian-draft"))
    assert draft.is_complete
    assert space.describe(draft.package) == {
        "quota": "low",
        "monitoring": "joint",
        "compensation": "small",
        "phase-in": "three-years",
        "access": "seasonal",
    }
    assert draft.provisions["access"] == "3"
    counter = agreement_package(space, corpus.agreement("borvian-counter"))
    assert counter.open == ("compensation", "phase-in", "access")
    assert counter.package.tolist() == [3, 0, -1, -1, -1]


def test_conflicting_settlements_are_reported(lake_copy: LakeCopy) -> None:
    text = (LAKE / "agreements" / "borvian-counter.yaml").read_text()
    text = text.replace(
        "      - {issue: monitoring, option: national}",
        "      - {issue: monitoring, option: national}\n      - {issue: quota, option: low}",
    )
    root = lake_copy({"agreements/borvian-counter.yaml": text})
    corpus = load_corpus(root)
    space = space_from_corpus(corpus)
    placed = agreement_package(space, corpus.agreement("borvian-counter"))
    assert placed.conflicts == ("quota",)
    assert placed.settled["quota"] == "high"


def completions(u, package: np.ndarray) -> list[tuple[int, ...]]:  # type: ignore[no-untyped-def]
    choices = [
        [int(j)] if j >= 0 else list(range(k))
        for j, k in zip(package, u.cardinalities, strict=True)
    ]
    return list(itertools.product(*choices))


def test_analysis_places_the_agreements(lake) -> None:  # type: ignore[no-untyped-def]
    corpus, space, u = lake
    placed = [agreement_package(space, a) for a in corpus.agreements]
    result = analyse_bargaining(space, u, agreements=placed)
    assert result.feasible
    assert result.frontier is not None
    by_id = {p.agreement.agreement: p for p in result.placements}
    for pid, placement in by_id.items():
        options = completions(u, placement.agreement.package)
        ok = is_acceptable(u, np.array(options))
        expected = "acceptable" if ok.all() else "completable" if ok.any() else "not-acceptable"
        assert placement.status == expected, pid
        utils = np.array([oracle_utility(u, c) for c in options])
        # The bounds are over admissible completions; no open issue here has a red-lined option
        # except access=closed, so compare on admissible completions only.
        allowed = np.array(
            [not any(u.red_lines[i][:, j].any() for i, j in enumerate(c)) for c in options]
        )
        assert placement.low == pytest.approx(utils[allowed].min(axis=0))
        assert placement.high == pytest.approx(utils[allowed].max(axis=0))
    assert by_id["aldrian-draft"].status == "acceptable"
    assert by_id["aldrian-draft"].pareto_optimal is not None
    best = by_id["borvian-counter"].best_completion
    assert best is not None
    assert best.package is not None
    assert best.package[:2].tolist() == [3, 0]


def test_infeasible_corpus_is_diagnosed_and_relaxed(lake_copy: LakeCopy) -> None:
    stances = (
        (LAKE / "stances.yaml")
        .read_text()
        .replace(
            "    ideal: low\n    salience: 0.9",
            "    ideal: low\n    red_lines: [medium, high]\n    salience: 0.9",
        )
        .replace(
            "    ideal: high\n    salience: 0.8",
            "    ideal: high\n    red_lines: [low]\n    salience: 0.8",
        )
    )
    corpus = load_corpus(lake_copy({"stances.yaml": stances}))
    space = space_from_corpus(corpus)
    u = utilities_from_stances(corpus, space)
    result = analyse_bargaining(
        space, u, agreements=[agreement_package(space, a) for a in corpus.agreements]
    )
    assert not result.feasible
    assert result.solutions == {}
    assert result.diagnosis is not None
    assert [issue for issue, _ in result.diagnosis.blocked_issues] == ["quota"]
    assert "every option of quota crosses a red line" in result.diagnosis.summary
    assert result.diagnosis.relaxation.n_violations >= 1
    assert result.relaxed is not None
    assert result.relaxed.feasible
    assert result.relaxed_constraints
    assert all(p.status == "not-acceptable" for p in result.placements)


def test_auto_falls_back_to_exact_search_with_the_same_answers(lake) -> None:  # type: ignore[no-untyped-def]
    _, space, u = lake
    enumerated = analyse_bargaining(space, u)
    searched = analyse_bargaining(space, u, max_frontier=10)
    assert searched.frontier is None
    assert searched.frontier_note is not None
    assert "max_size=10" in searched.frontier_note
    for concept, sol in searched.solutions.items():
        assert sol.method == "mip"
        assert sol.optimal
        assert sol.utilities == pytest.approx(enumerated.solutions[concept].utilities, abs=1e-9)


def test_diagnosis_finds_parties_that_cannot_both_be_satisfied() -> None:
    from accords.bargaining import OutcomeSpace, Utilities, diagnose

    space = OutcomeSpace(("port", "fees"), (("north", "south"), ("low", "high")))
    # a wants north and low fees, b south and high fees, equally: each can reach 0.75 alone.
    values = (np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([[1.0, 0.0], [0.0, 1.0]]))
    u = Utilities(("a", "b"), np.full((2, 2), 0.5), values, np.array([0.75, 0.75]))
    result = diagnose(space, u)
    assert result.blocked_issues == ()
    assert result.short_parties == ()
    assert result.conflicting_pairs == (("a", "b"),)
    assert result.relaxation.n_violations == 1
    assert "a and b cannot both reach their reservation values" in result.summary
