"""The entry points behind ``bargain``, ``amend`` and ``simulate``, called in process.

Each result is checked against the brute-force oracles (or the lower-level call it wraps, where
that call is itself checked against them), its record against the document's JSON Schema, and
the record against what the command prints.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import numpy as np
import pytest
from bargaining_oracles import LAKE, genius_dir, oracle_best, oracle_utility
from typer.testing import CliRunner

import accords
from accords import load_corpus
from accords.bargaining import (
    AmendmentReport,
    BargainingProblem,
    BargainingReport,
    SimulationReport,
    amend_agreement,
    bargain,
    parse_tactic,
    read_genius,
    simulate_bargaining,
    smallest_amendment,
)
from accords.cli.main import app
from accords.exceptions import (
    InputFormatError,
    ModelSpecificationError,
    UnknownAgreementError,
    UnknownIssueError,
    UnknownPartyError,
)
from accords.model.documents import document_class

LakeCopy = Callable[..., Path]


def lake() -> BargainingProblem:
    return BargainingProblem.from_corpus(load_corpus(LAKE), path=LAKE)


def infeasible_lake(lake_copy: LakeCopy) -> Path:
    """The lake corpus with red lines that leave no acceptable quota."""
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
    return lake_copy({"stances.yaml": stances})


ENTRY_POINTS: list[tuple[str, Callable[[BargainingProblem], Any], list[str]]] = [
    ("bargain", lambda p: bargain(p), ["bargain"]),
    ("amend", lambda p: amend_agreement(p, "borvian-counter"), ["amend", "borvian-counter"]),
    (
        "simulate",
        lambda p: simulate_bargaining(p, tactic="linear", seed=4),
        ["simulate", "--tactic", "linear", "--seed", "4"],
    ),
]


@pytest.mark.parametrize(
    ("kind", "call", "args"), ENTRY_POINTS, ids=[k for k, _, _ in ENTRY_POINTS]
)
def test_record_is_the_commands_document(
    kind: str, call: Callable[[BargainingProblem], Any], args: list[str]
) -> None:
    record = call(lake()).to_record()
    assert record["document"] == kind
    assert record["schema_version"] >= 1
    assert record["accords_version"] == accords.__version__
    jsonschema.validate(record, document_class(kind).json_schema())
    result = CliRunner().invoke(app, [*args, "--corpus", str(LAKE), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == record


@pytest.mark.parametrize(
    "report",
    [
        lambda: bargain(lake()),
        lambda: amend_agreement(lake(), "borvian-counter"),
        lambda: simulate_bargaining(lake()),
    ],
    ids=["bargain", "amend", "simulate"],
)
def test_reports_are_frozen(report: Callable[[], Any]) -> None:
    done = report()
    assert isinstance(done, BargainingReport | AmendmentReport | SimulationReport)
    field = dataclasses.fields(done)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(done, field, None)


@pytest.mark.parametrize("concept", ["nash", "kalai-smorodinsky", "egalitarian", "max-welfare"])
def test_bargain_solutions_match_brute_force(concept: str) -> None:
    problem = lake()
    report = bargain(problem)
    expected = oracle_best(problem.utilities, concept)
    assert expected is not None
    solution = report.analysis.solutions[concept]
    assert solution.objective == pytest.approx(expected[0], abs=1e-9)
    record = report.to_record()["solutions"][concept]
    assert record["package"] == problem.space.describe(solution.package)
    assert list(record["utilities"].values()) == pytest.approx(
        oracle_utility(problem.utilities, tuple(int(j) for j in solution.package)), abs=1e-12
    )


@pytest.mark.parametrize("rows", [0, 1, 3])
def test_bargain_lists_the_frontier_rows_asked_for(rows: int) -> None:
    record = bargain(lake(), frontier_rows=rows).to_record()
    listed = record["frontier"]["top_by_welfare"]
    assert len(listed) == min(rows, record["frontier"]["size"])
    welfare = [sum(r["utilities"].values()) for r in listed]
    assert welfare == sorted(welfare, reverse=True)


def test_bargain_infeasible_diagnoses_and_relaxes(lake_copy: LakeCopy) -> None:
    problem = BargainingProblem.from_corpus(load_corpus(infeasible_lake(lake_copy)))
    report = bargain(problem)
    assert report.feasible is False
    assert oracle_best(problem.utilities, "max-welfare") is None
    record = report.to_record()
    assert record["solutions"] == {}
    assert record["diagnosis"]["blocked_issues"][0]["issue"] == "quota"
    assert record["relaxed"]["feasible"] is True
    relaxed = report.analysis.relaxed
    assert relaxed is not None
    assert oracle_best(relaxed.utilities, "nash") is not None


def test_amend_agreement_matches_smallest_amendment() -> None:
    problem = lake()
    report = amend_agreement(problem, "borvian-counter")
    draft = problem.agreement("borvian-counter")
    expected = smallest_amendment(problem.space, problem.utilities, draft.package)
    assert report.feasible
    assert report.amendment is not None
    assert report.amendment.n_changes == expected.n_changes
    assert np.array_equal(report.amendment.package, expected.package)
    util = oracle_utility(problem.utilities, tuple(int(j) for j in expected.package))
    assert all(x >= r for x, r in zip(util, problem.utilities.reservation, strict=True))
    record = report.to_record()
    assert "diagnosis" not in record
    assert "relaxed" not in record
    assert record["n_changes"] == expected.n_changes


def test_amend_agreement_infeasible_is_a_report_not_an_error(lake_copy: LakeCopy) -> None:
    problem = BargainingProblem.from_corpus(load_corpus(infeasible_lake(lake_copy)))
    report = amend_agreement(problem, "aldrian-draft")
    assert report.feasible is False
    assert report.diagnosis is not None
    assert "quota" in report.diagnosis.summary
    assert "because no package is" in report.summary
    assert "aldrian-draft" in report.summary
    assert report.relaxed is not None
    assert report.relaxed_utilities is not None
    util = oracle_utility(report.relaxed_utilities, tuple(int(j) for j in report.relaxed.package))
    assert all(
        x >= r - 1e-12 for x, r in zip(util, report.relaxed_utilities.reservation, strict=True)
    )
    record = report.to_record()
    assert record["feasible"] is False
    assert "n_changes" not in record
    assert record["relaxed"]["relaxed_constraints"] == list(report.relaxed_constraints)


@pytest.mark.parametrize(
    ("options", "betas"),
    [
        ({}, {"aldria": 0.2, "borvia": 0.2, "cestra": 0.2}),
        ({"tactic": "conceder"}, {"aldria": 5.0, "borvia": 5.0, "cestra": 5.0}),
        (
            {"tactic": 1.5, "tactic_of": {"borvia": "boulware"}},
            {"aldria": 1.5, "borvia": 0.2, "cestra": 1.5},
        ),
    ],
    ids=["default", "everyone", "one-party"],
)
def test_simulate_bargaining_tactics_and_seed(
    options: dict[str, Any], betas: dict[str, float]
) -> None:
    first = simulate_bargaining(lake(), seed=3, **options)
    again = simulate_bargaining(lake(), seed=3, **options)
    assert first.run.betas == betas
    assert first.to_record() == again.to_record()
    assert "package" not in first.to_record()["offers"][0]
    assert "package" in simulate_bargaining(lake(), trace=True).to_record()["offers"][0]


def test_simulate_bargaining_relaxes_only_when_asked(lake_copy: LakeCopy) -> None:
    problem = BargainingProblem.from_corpus(load_corpus(infeasible_lake(lake_copy)))
    plain = simulate_bargaining(problem, n_rounds=20)
    assert plain.nash is None
    assert plain.run.agreement is None
    assert plain.relaxed_constraints == ()
    relaxed = simulate_bargaining(problem, relax=True, tactic="conceder")
    assert relaxed.relaxed_constraints
    assert relaxed.nash is not None
    assert relaxed.nash.package is not None
    assert relaxed.problem.utilities is not problem.utilities


def test_problem_from_genius_is_the_scenario() -> None:
    folder = genius_dir("group2-dinner")
    problem = BargainingProblem.from_genius(folder, parties=["Dinner_util1", "Dinner_util3"])
    scenario = read_genius(folder, parties=["Dinner_util1", "Dinner_util3"])
    assert problem.utilities.parties == ("Dinner_util1", "Dinner_util3")
    assert problem.space.issues == scenario.space.issues
    for mine, theirs in zip(problem.utilities.tables, scenario.utilities.tables, strict=True):
        assert np.array_equal(mine, theirs)
    assert problem.agreements == {}
    assert problem.source["kind"] == "genius"
    assert problem.source["name"] == "group2-dinner"
    assert bargain(problem).to_record()["agreements"] == []


def test_problem_from_corpus_with_values_and_subsets() -> None:
    corpus = load_corpus(LAKE)
    problem = BargainingProblem.from_corpus(
        corpus,
        parties=["aldria", "borvia"],
        issues=["quota", "monitoring"],
        values={"aldria": {"quota": {"none": 0.8, "low": 1.0, "medium": 0.5, "high": 0.0}}},
    )
    assert problem.utilities.parties == ("aldria", "borvia")
    assert problem.space.issues == ("quota", "monitoring")
    quota = problem.space.options[0]
    given = {"none": 0.8, "low": 1.0, "medium": 0.5, "high": 0.0}
    aldria = problem.utilities.values[0][0]
    assert np.argsort(aldria).tolist() == np.argsort([given[o] for o in quota]).tolist()
    source = {"kind": "corpus", "path": None, "id": corpus.id, "title": corpus.title}
    assert problem.source == source


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: amend_agreement(lake(), "treaty"), UnknownAgreementError, "unknown agreement"),
        (
            lambda: simulate_bargaining(lake(), tactic_of={"atlantis": "linear"}),
            ModelSpecificationError,
            r"unknown parties \['atlantis'\]",
        ),
        (
            lambda: simulate_bargaining(lake(), tactic=-1.0),
            ModelSpecificationError,
            "must be positive",
        ),
        (lambda: parse_tactic("stubborn"), ModelSpecificationError, "tactic 'stubborn'"),
        (lambda: bargain(lake(), frontier_rows=-1), ModelSpecificationError, "frontier_rows"),
        (
            lambda: BargainingProblem.from_corpus(load_corpus(LAKE), parties=["atlantis"]),
            UnknownPartyError,
            "atlantis",
        ),
        (
            lambda: BargainingProblem.from_corpus(load_corpus(LAKE), issues=["fishing"]),
            UnknownIssueError,
            "fishing",
        ),
        (
            lambda: BargainingProblem.from_genius("/nonexistent/genius"),
            InputFormatError,
            "not a directory",
        ),
    ],
    ids=[
        "agreement",
        "tactic-party",
        "beta",
        "tactic",
        "rows",
        "party",
        "issue",
        "genius-folder",
    ],
)
def test_bad_inputs(call: Callable[[], Any], error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        call()
