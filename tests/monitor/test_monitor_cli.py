"""``accords monitor`` through Typer's runner: JSON documents, text output, errors, exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from accords.cli.main import app

runner = CliRunner()


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, ["monitor", *args], env=env)
    return result.exit_code, result.stdout, result.stderr


def run_json(*args: str) -> tuple[int, Any]:
    code, out, err = run(*args, "--format", "json")
    assert out.strip(), err
    return code, json.loads(out)


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "events.sqlite")


def test_help_names_the_default_database() -> None:
    code, out, _ = run("--help")
    assert code == 0
    assert "accords-events.sqlite" in out
    for command in ("add", "status", "timeline", "replay", "waterfall"):
        assert command in out


def test_add_status_timeline(examples_dir: Path, db: str) -> None:
    events = str(examples_dir / "renewed-invasion.yaml")
    code, data = run_json("add", events, "--db", db)
    assert code == 0
    assert (data["n_read"], data["n_inserted"], data["n_rejected"]) == (5, 5, 0)
    code, data = run_json("add", events, "--db", db)
    assert (data["n_inserted"], data["n_unchanged"], data["n_events_stored"]) == (0, 5, 5)

    code, data = run_json("status", "us-28-point-plan", "--db", db, "--as-of", "2026-05-31")
    assert code == 0
    states = {p["label"]: p["state"] for p in data["provisions"]}
    # point 22 voids the guarantees on a Ukrainian breach only (its Russian branch is an
    # ambiguity of the text): 10 stays in force while 10.c acts
    assert (states["10"], states["13.a"], states["22"], states["25"]) == (
        "in-force",
        "revoked",
        "violated",
        "fulfilled",
    )
    assert data["signed"] == {"date": "2026-01-15", "event": "ri-sign", "by": "SIGN"}
    assert data["as_of"] == "2026-05-31"
    assert data["db"].startswith("sqlite:///")
    assert 0 <= data["pam"]["score"] <= 100
    assert [f["trigger"] for f in data["triggers_fired"]] == ["russia-invades-ukraine"]

    code, data = run_json("status", "us-28-point-plan", "--db", db, "--as-of", "2026-05-09")
    assert {p["label"]: p["state"] for p in data["provisions"]}["10"] == "in-force"

    code, data = run_json("timeline", "us-28-point-plan", "--db", db, "--as-of", "2026-05-31")
    kinds = [e["kind"] for e in data["entries"]]
    assert kinds[:2] == ["signature", "entry-into-force"]
    assert "ignored-effect" not in kinds  # every effect of the snap-back applies
    assert [e for e in data["entries"] if e["to"] == "voided"] == []
    revoked = {e["provision"] for e in data["entries"] if e["to"] == "revoked"}
    assert revoked == {"13", "13.a", "13.b", "13.c", "14.d", "21.a", "21.b", "21.d.1"}

    code, out, _ = run("status", "us-28-point-plan", "--db", db, "--as-of", "2026-05-31")
    assert code == 0
    assert "revoked" in out
    assert "Peace Accords Matrix" in out
    code, out, _ = run("timeline", "us-28-point-plan", "--db", db, "--as-of", "2026-05-31")
    assert code == 0
    assert "russia" in out.lower()


def test_add_reports_rejected_lines_and_exits_1(tmp_path: Path, db: str) -> None:
    path = tmp_path / "e.jsonl"
    path.write_text(
        '{"id": "a", "date": "2026-01-02", "type": "AID", "actors": ["us"]}\n'
        '{"id": "b", "date": "2026-01-02", "type": "AID"}\n',
        encoding="utf-8",
    )
    code, data = run_json("add", str(path), "--db", db)
    assert code == 1
    assert data["n_inserted"] == 1
    assert data["rejected"] == [
        {"file": str(path), "line": 2, "message": "actors: required key is missing"}
    ]
    code, out, _ = run("add", str(path), "--db", db)
    assert code == 1
    assert f"{path}:2: actors: required key is missing" in out.replace("\n", "")


def test_default_database_from_the_environment(examples_dir: Path, tmp_path: Path) -> None:
    env = {"ACCORDS_DB": str(tmp_path / "env.sqlite")}
    code, out, _ = run("add", str(examples_dir / "kept-ceasefire.yaml"), "--format", "json",
                       env=env)  # fmt: skip
    assert code == 0
    assert json.loads(out)["db"].endswith("env.sqlite")
    assert (tmp_path / "env.sqlite").exists()


@pytest.mark.parametrize(
    ("name", "label", "state"),
    [
        ("kept-ceasefire", "28", "in-force"),
        ("moscow-strike", "10", "voided"),
        ("renewed-invasion", "21.a", "revoked"),
        ("elections-missed", "25", "violated"),
    ],
)
def test_replay_examples(examples_dir: Path, name: str, label: str, state: str) -> None:
    code, data = run_json("replay", "us-28-point-plan", str(examples_dir / f"{name}.yaml"))
    assert code == 0
    assert {p["label"]: p["state"] for p in data["provisions"]}[label] == state
    assert data["scenario"].endswith(f"{name}.yaml")
    assert data["timeline"][0]["kind"] == "signature"
    code, out, _ = run("replay", "us-28-point-plan", str(examples_dir / f"{name}.yaml"))
    assert code == 0
    assert state in out


def test_replay_as_of_overrides_the_scenario(examples_dir: Path) -> None:
    _, data = run_json("replay", "us-28-point-plan", str(examples_dir / "moscow-strike.yaml"),
                          "--as-of", "2026-03-01")  # fmt: skip
    assert data["as_of"] == "2026-03-01"
    assert {p["label"]: p["state"] for p in data["provisions"]}["10"] == "in-force"


def test_replay_with_another_corpus(tarn_dir: Path, tmp_path: Path) -> None:
    scenario = tmp_path / "tarn.jsonl"
    scenario.write_text(
        '{"id": "s", "date": "2031-03-10", "type": "SIGN", "actors": ["norland"], '
        '"attributes": {"agreement": "tarn-valley-accord"}}\n',
        encoding="utf-8",
    )
    code, data = run_json("replay", "tarn-valley-accord", str(scenario), "--corpus", str(tarn_dir),
                          "--as-of", "2031-06-09")  # fmt: skip
    assert code == 0
    assert {p["label"]: p["state"] for p in data["provisions"]}["2"] == "violated"


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        ("300bn", [100e9, 200e9, 100e9]),
        ("80e9", [80e9, 0.0, 100e9]),
        ("100000000000", [100e9, 0.0, 100e9]),
    ],
    ids=["300bn", "80bn", "plain"],
)  # fmt: skip
def test_waterfall(total: str, expected: list[float]) -> None:
    code, data = run_json("waterfall", total, "--profit", "10bn")
    assert code == 0
    assert [line["amount"] for line in data["lines"]] == expected
    assert data["profit_to_us"] == 5e9
    code, out, _ = run("waterfall", total)
    assert code == 0
    assert "US-led reconstruction vehicle" in out


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("status", "us-28-point-plan", "--as-of", "31/05/2026"), 2, "--as-of must be a date"),
        (("status", "no-such-plan"), 2, "unknown agreement 'no-such-plan'"),
        (("add", "{missing}"), 2, "No such file"),
        (("add", "{csv}"), 2, "unknown event file type '.csv'"),
        (("replay", "us-19-point-plan", "{scenario}"), 2,
         "is a scenario for 'us-28-point-plan', not 'us-19-point-plan'"),
        (("replay", "us-28-point-plan", "{bad_yaml}"), 2, "bad.yaml:4: unknown event type 'FOO'"),
        (("status", "us-28-point-plan", "--db", "mysql://x/y"), 4, "unsupported database"),
        (("status", "us-28-point-plan"), 4, "no event database at"),
        (("waterfall", "lots"), 2, "TOTAL must be an amount"),
        (("waterfall", "300bn", "--provision", "13"), 2, "expected one USD quantity"),
    ],
    ids=["bad-date", "unknown-agreement", "missing-file", "bad-suffix", "wrong-agreement",
         "bad-record", "bad-db", "no-database-yet", "bad-amount", "provision-without-amounts"],
)  # fmt: skip
def test_errors(
    tmp_path: Path, examples_dir: Path, args: tuple[str, ...], code: int, message: str
) -> None:
    (tmp_path / "e.csv").write_text("id\n", encoding="utf-8")
    (tmp_path / "bad.yaml").write_text(
        "events:\n  - id: x\n    date: 2026-01-01\n    type: FOO\n    actors: [us]\n",
        encoding="utf-8",
    )
    shutil.copy(examples_dir / "kept-ceasefire.yaml", tmp_path / "scenario.yaml")
    paths = {
        "missing": str(tmp_path / "missing.jsonl"),
        "csv": str(tmp_path / "e.csv"),
        "scenario": str(tmp_path / "scenario.yaml"),
        "bad_yaml": str(tmp_path / "bad.yaml"),
    }
    filled = [a.format(**paths) for a in args]
    env = {"ACCORDS_DB": str(tmp_path / "db.sqlite"), "COLUMNS": "200"}
    got, out, err = run(*filled, env=env)
    assert got == code
    assert message in " ".join((err + out).split())
    assert "Traceback" not in err + out
    assert not (tmp_path / "db.sqlite").exists()  # reading never creates a database


def test_timeline_without_a_store_shows_the_process(tmp_path: Path) -> None:
    """No event database yet: the timeline still shows the events the sources report."""
    db = str(tmp_path / "none.sqlite")
    code, out, _ = run("timeline", "us-28-point-plan", "--db", db, "--format", "json")
    document = json.loads(out)
    assert code == 0
    assert "no event database" in document["db"]
    assert any(e["certainty"] == "disputed" for e in document["process"])
    assert not Path(db).exists()  # reading never creates a store
