"""``accords bargain``, ``amend`` and ``simulate`` through Typer's runner."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from bargaining_oracles import LAKE, genius_dir
from typer.testing import CliRunner

from accords import load_corpus
from accords.bargaining import (
    agreement_package,
    smallest_amendment,
    space_from_corpus,
    utilities_from_stances,
)
from accords.cli.main import app

runner = CliRunner()
LakeCopy = Callable[..., Path]


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def infeasible_lake(lake_copy: LakeCopy) -> Path:
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


def test_bargain_json_is_one_document_with_every_part() -> None:
    code, out, _ = run("bargain", "--corpus", str(LAKE), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["feasible"] is True
    assert data["space_size"] == 4 * 3 * 3 * 3 * 3
    assert [p["id"] for p in data["parties"]] == ["aldria", "borvia", "cestra"]
    assert data["frontier"]["enumerated"]
    assert data["frontier"]["size"] > 0
    assert data["zopa"]["exact"]
    assert 0 < data["zopa"]["size"] <= data["space_size"]
    assert set(data["solutions"]) == {"nash", "kalai-smorodinsky", "egalitarian", "max-welfare"}
    nash = data["solutions"]["nash"]
    assert set(nash["package"]) == {"quota", "monitoring", "compensation", "phase-in", "access"}
    assert set(nash["utilities"]) == {"aldria", "borvia", "cestra"}
    assert nash["optimal"] is True
    statuses = {a["id"]: a["status"] for a in data["agreements"]}
    assert statuses == {"aldrian-draft": "acceptable", "borvian-counter": "completable"}
    counter = next(a for a in data["agreements"] if a["id"] == "borvian-counter")
    assert counter["open"] == ["compensation", "phase-in", "access"]
    assert 0 < counter["nash_efficiency"] <= 1 + 1e-12
    assert data["diagnosis"] is None
    assert data["relaxed"] is None


def test_bargain_text_output() -> None:
    code, out, _ = run("bargain", "--corpus", str(LAKE))
    assert code == 0
    assert "zone of possible agreement" in out
    assert "kalai-smorodinsky" in out
    assert "borvian-counter" in out


def test_bargain_infeasible_says_why_and_relaxes(lake_copy: LakeCopy) -> None:
    root = infeasible_lake(lake_copy)
    code, out, _ = run("bargain", "--corpus", str(root), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["feasible"] is False
    assert data["solutions"] == {}
    assert data["diagnosis"]["blocked_issues"][0]["issue"] == "quota"
    assert data["diagnosis"]["nearest_package"]["n_violations"] >= 1
    assert data["relaxed"]["feasible"] is True
    assert data["relaxed"]["relaxed_constraints"]
    code, out, _ = run("bargain", "--corpus", str(root))
    assert code == 0
    assert "No package is acceptable" in out


def test_bargain_on_genius_domain() -> None:
    folder = genius_dir("group2-dinner")
    code, out, _ = run("bargain", "--genius", str(folder), "-f", "json")
    assert code == 0
    data = json.loads(out)
    assert data["source"]["kind"] == "genius"
    assert data["space_size"] == 1200
    assert len(data["parties"]) == 3
    assert data["agreements"] == []


def test_amend_matches_the_api() -> None:
    code, out, _ = run("amend", "borvian-counter", "--corpus", str(LAKE), "--format", "json")
    assert code == 0
    data = json.loads(out)
    corpus = load_corpus(LAKE)
    space = space_from_corpus(corpus)
    u = utilities_from_stances(corpus, space)
    expected = smallest_amendment(
        space, u, agreement_package(space, corpus.agreement("borvian-counter")).package
    )
    assert data["feasible"] is True
    assert data["n_changes"] == expected.n_changes
    assert data["package"] == space.describe(expected.package)
    assert [c["issue"] for c in data["completions"]] == ["compensation", "phase-in", "access"]
    code, out, _ = run("amend", "borvian-counter", "--corpus", str(LAKE))
    assert code == 0
    assert "Smallest acceptable amendment" in out


def test_amend_infeasible_exits_3_with_a_diagnosis(lake_copy: LakeCopy) -> None:
    root = infeasible_lake(lake_copy)
    code, out, _ = run("amend", "aldrian-draft", "--corpus", str(root), "--format", "json")
    assert code == 3
    data = json.loads(out)
    assert data["feasible"] is False
    assert "quota" in data["diagnosis"]["summary"]
    relaxed = data["relaxed"]
    assert relaxed["relaxed_constraints"]
    assert relaxed["n_changes"] >= 0
    assert set(relaxed["package"]) == {"quota", "monitoring", "compensation", "phase-in", "access"}


def test_simulate_same_seed_same_json() -> None:
    args = ("simulate", "--corpus", str(LAKE), "--tactic", "linear", "--seed", "4", "-f", "json")
    code1, out1, _ = run(*args)
    code2, out2, _ = run(*args)
    assert code1 == code2 == 0
    assert out1 == out2
    data = json.loads(out1)
    assert data["betas"] == {"aldria": 1.0, "borvia": 1.0, "cestra": 1.0}
    assert data["agreed"] is True
    _code, out, _ = run(
        "simulate",
        "--corpus",
        str(LAKE),
        "--tactic-of",
        "borvia=conceder,cestra=0.5",
        "--trace",
        "-f",
        "json",
    )
    data = json.loads(out)
    assert data["betas"] == {"aldria": 0.2, "borvia": 5.0, "cestra": 0.5}
    assert "package" in data["offers"][0]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("bargain", "--parties", "atlantis"), 2, "unknown party 'atlantis'"),
        (("bargain", "--issues", "fishing"), 2, "unknown issue 'fishing'"),
        (("bargain", "--genius", "/nonexistent"), 2, "give either --corpus or --genius"),
        (("amend", "treaty"), 2, "unknown agreement 'treaty'"),
        (("simulate", "--tactic", "stubborn"), 2, "tactic 'stubborn'"),
        (("simulate", "--tactic-of", "aldria"), 2, "PARTY=TACTIC"),
        (("bargain", "--corpus", "/nonexistent/dir"), 2, "no such directory"),
    ],
    ids=["party", "issue", "both-sources", "agreement", "tactic", "tactic-of", "corpus"],
)
def test_errors_are_messages_not_tracebacks(args: tuple[str, ...], code: int, message: str) -> None:
    full = list(args) if "--corpus" in args else [*args, "--corpus", str(LAKE)]
    result = runner.invoke(app, full)
    assert result.exit_code == code
    assert message in (result.stderr + result.stdout).replace("\n", " ")
    assert "Traceback" not in result.stderr + result.stdout


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("aldria: [1, 2", "not valid YAML"),
        ("- 1\n- 2\n", "expected a mapping"),
        ("aldria:\n  quota:\n    none: lots\n", "every value must be a number"),
    ],
    ids=["yaml", "shape", "number"],
)
def test_bad_values_file(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "values.yaml"
    path.write_text(text)
    result = runner.invoke(app, ["bargain", "--corpus", str(LAKE), "--values", str(path)])
    assert result.exit_code == 2
    assert message in result.stderr.replace("\n", " ")
    assert str(path.name) in result.stderr.replace("\n", "")


def test_genius_bad_xml_exit_2(tmp_path: Path) -> None:
    (tmp_path / "domain.xml").write_text("<negotiation_template><objective>")
    (tmp_path / "a.xml").write_text('<utility_space><item evaluation="1"/></utility_space>')
    result = runner.invoke(app, ["bargain", "--genius", str(tmp_path)])
    assert result.exit_code == 2
    assert "domain.xml:1: not well-formed XML" in result.stderr.replace("\n", "")


def test_simulate_infeasible_says_why_and_can_relax(lake_copy: LakeCopy) -> None:
    root = infeasible_lake(lake_copy)
    code, out, _ = run("simulate", "--corpus", str(root), "--rounds", "20", "-f", "json")
    data = json.loads(out)
    assert code == 0
    assert data["agreed"] is False
    assert "quota" in data["reason"]
    assert data["relaxed_constraints"] == []
    code, out, _ = run(
        "simulate", "--corpus", str(root), "--relax", "--tactic", "conceder", "-f", "json"
    )
    data = json.loads(out)
    assert code == 0
    assert data["relaxed_constraints"]
    assert data["agreed"] is True
    assert data["nash"]["package"] is not None
