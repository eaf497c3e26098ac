"""deps, acceptability, diff and report through Typer's runner: JSON shapes, text output, errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from accords.cli.main import app

KESSEL = Path(__file__).resolve().parents[1] / "corpora" / "kessel-2031"
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, [*args])
    return result.exit_code, result.stdout, result.stderr


def run_json(*args: str) -> Any:
    code, out, err = run(*args, "--corpus", str(KESSEL), "--format", "json")
    assert code == 0, err
    return json.loads(out)  # exactly one JSON document on stdout


def test_deps_json_has_one_record_per_provision() -> None:
    data = run_json("deps", "kessel-draft", "--party", "northern-union,dunmark")
    assert data["agreement"] == "kessel-draft"
    assert [p["label"] for p in data["provisions"]] == ["1", "2", "3", "4", "5", "6", "7"]
    for record in data["provisions"]:
        assert {"label", "bearers", "drafters", "outside_parties"} <= set(record)
    assert data["provisions"][3]["bearers"] == ["development-bank", "corvia"]
    assert data["provisions"][3]["drafters"] == ["corvia"]
    assert data["provisions"][3]["outside_parties"] == ["development-bank"]
    summary = data["summary"]
    assert [(p["party"], p["n_provisions"], p["labels"]) for p in summary["parties"]] == [
        ("northern-union", 2, ["2", "3"]),
        ("dunmark", 3, ["2", "3", "5"]),
    ]
    assert summary["n_needing_outside"] == 3
    assert summary["outside"][0] == {"label": "4", "parties": ["development-bank"]}
    assert summary["non_drafting_bearers"][0] == {
        "party": "averland",
        "n_provisions": 3,
        "labels": ["1", "2", "7"],
    }


def test_deps_table_option_moves_parties_to_the_table() -> None:
    data = run_json("deps", "kessel-draft", "--table", "averland,brask,frell")
    assert data["at_table"] == ["averland", "brask", "frell"]
    assert data["summary"]["outside"][-1] == {"label": "5", "parties": ["summit-of-five"]}


def test_acceptability_json() -> None:
    data = run_json("acceptability", "kessel-union-counter")
    assert data["verdicts"] == ["accepts", "conditional", "unknown", "rejects"]
    assert data["parties"] == ["averland", "brask", "corvia", "dunmark", "northern-union"]
    assert data["matrix"][1] == ["accepts", "rejects", "accepts", "rejects"] + ["unknown"] * 3
    assert data["vetoed"] is True
    assert data["vetoes"][0]["party"] == "brask"
    assert [(d["party"], d["label"]) for d in data["deal_breakers"]] == [("brask", "4")]
    cell = next(c for c in data["cells"] if c["party"] == "brask" and c["label"] == "4")
    assert cell["verdict"] == "rejects"
    assert cell["disputed"] is True
    assert cell["evidence"] == [
        {"source": "union-counter-proposal", "quote": "theft that we will never sign"}
    ]
    assert [r["verdict"] for r in cell["issues"][0]["reports"]] == ["rejects", "conditional"]
    brask = next(s for s in data["party_summaries"] if s["party"] == "brask")
    assert brask["rejects"] == 2
    assert brask["deal_breakers"] == ["4"]


def test_acceptability_options() -> None:
    data = run_json(
        "acceptability", "kessel-union-counter", "--party", "brask", "--veto", "averland"
    )
    assert data["parties"] == ["brask"]
    assert data["veto_players"] == ["averland"]
    assert data["vetoed"] is False


def test_diff_json() -> None:
    data = run_json("diff", "kessel-draft", "kessel-union-counter")
    assert data["counts"] == {
        "added": 1,
        "removed": 1,
        "changed": 4,
        "unchanged": 2,
        "unreported": 0,
    }
    troops = next(i for i in data["issues"] if i["issue"] == "foreign-troops")
    assert troops["old_descriptions"] == ["no foreign troops stationed in Averland"]
    assert troops["new_descriptions"] == ["unarmed Union monitors along the line"]
    removed = next(p for p in data["provisions"] if p["status"] == "removed")
    assert removed["old_text"] == "Brask is readmitted to the Summit of Five."


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("deps", "kessel-draft"), "3 of 7 provisions need a party outside the talks"),
        (("deps", "kessel-draft", "--party", "corvia"), "as member"),
        (("acceptability", "kessel-union-counter"), "VETOED"),
        (("acceptability", "kessel-union-counter", "--brief"), "veto players"),
        (("diff", "kessel-draft", "kessel-union-counter"), "Options chosen per issue"),
    ],
    ids=["deps", "deps-party", "acceptability", "acceptability-brief", "diff"],
)
def test_text_output(args: tuple[str, ...], expected: str) -> None:
    code, out, err = run(*args, "--corpus", str(KESSEL))
    assert code == 0, err
    assert expected in " ".join(out.split())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("deps", "nope"), "unknown agreement 'nope'"),
        (("deps", "kessel-draft", "--party", "atlantis"), "unknown party 'atlantis'"),
        (("deps", "kessel-draft", "--party", " , "), "--party: give at least one party id"),
        (("deps", "kessel-draft", "--table", "atlantis"), "unknown party 'atlantis'"),
        (("acceptability", "kessel-draft", "--veto", "x"), "unknown party 'x'"),
        (("diff", "kessel-draft", "nope"), "unknown agreement 'nope'"),
        (
            ("diff", "kessel-draft", "kessel-draft", "--min-similarity", "0"),
            "min_text_similarity must be in (0, 1]",
        ),
    ],
    ids=["agreement", "party", "empty-party", "table", "veto", "diff-agreement", "threshold"],
)
def test_bad_input_exits_2_with_a_message(args: tuple[str, ...], message: str) -> None:
    code, out, err = run(*args, "--corpus", str(KESSEL))
    assert code == 2
    assert message in " ".join(err.split())
    assert "Traceback" not in err + out


def test_missing_corpus_exits_2() -> None:
    code, _, err = run("deps", "x", "--corpus", "/nonexistent/corpus")
    assert code == 2
    assert "no such directory" in err


def test_report_json_summarises_what_was_written(tmp_path: Path) -> None:
    out = tmp_path / "kessel.html"
    data = run_json("report", "--out", str(out))
    assert data["out"] == str(out)
    assert data["bytes"] == out.stat().st_size
    assert data["corpus"] == "kessel-2031"
    assert data["n_charts"] == 6  # 2 overview + (heatmap + bearers) x 2 agreements
    assert [a["id"] for a in data["agreements"]] == ["kessel-draft", "kessel-union-counter"]
    assert [a["vetoed"] for a in data["agreements"]] == [False, True]
    assert data["diffs"] == [
        {
            "old": "kessel-draft",
            "new": "kessel-union-counter",
            "counts": {"added": 1, "removed": 1, "changed": 4, "unchanged": 2, "unreported": 0},
        }
    ]


def test_report_text_summary(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    code, stdout, err = run("report", "--corpus", str(KESSEL), "--out", str(out))
    assert code == 0, err
    assert "wrote" in stdout
    assert out.exists()


def test_report_to_unwritable_place_exits_2(tmp_path: Path) -> None:
    code, _, err = run(
        "report", "--corpus", str(KESSEL), "--out", str(tmp_path / "missing" / "r.html")
    )
    assert code == 2
    assert "No such file or directory" in err
