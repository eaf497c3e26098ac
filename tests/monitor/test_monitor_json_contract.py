"""``accords monitor ... --format json`` as a process: exactly one JSON document on stdout,
versioned, valid against its schema, and the same as the library call's ``to_record()``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from accords import load_corpus
from accords.model.documents import SCHEMA_VERSION, document_class
from accords.monitor import monitor_status, monitor_timeline, process_events, replay_scenario

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PLAN = "us-28-point-plan"
AS_OF = "2026-05-31"


def run(*args: str, cwd: Path) -> Any:
    """Run ``accords ARGS --format json``; return the one document it printed."""
    code = "from accords.cli.main import main; main()"
    env = {**os.environ, "COLUMNS": "80", "PYTHONWARNINGS": "ignore"}
    done = subprocess.run(
        [sys.executable, "-c", code, *args, "--format", "json"],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=240,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)  # exactly one document: any other output fails here
    assert document["schema_version"] == SCHEMA_VERSION
    assert document["accords_version"]
    jsonschema.validate(document, document_class(document["document"]).json_schema())
    return document


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("store") / "events.sqlite"
    document = run("monitor", "add", str(EXAMPLES / "renewed-invasion.yaml"), "--db", str(path),
                   cwd=path.parent)  # fmt: skip
    assert document["document"] == "monitor-add"
    assert (document["n_inserted"], document["n_events_stored"]) == (5, 5)
    return str(path)


def comparable(document: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in document.items() if k != "seconds"}


@pytest.mark.parametrize("command", ["status", "timeline"])
def test_status_and_timeline(db: str, tmp_path: Path, command: str) -> None:
    document = run("monitor", command, PLAN, "--db", db, "--as-of", AS_OF, cwd=tmp_path)
    assert document["document"] == f"monitor-{command}"
    corpus, day = load_corpus(), date.fromisoformat(AS_OF)
    if command == "status":
        expected = monitor_status(corpus, PLAN, db=db, as_of=day).to_record()
    else:  # the timeline shows the corpus's own events beside the agreement's steps
        own = process_events(corpus)
        expected = monitor_timeline(corpus, PLAN, db=db, as_of=day, process_events=own).to_record()
        ids = [e["id"] for e in document["process"]]
        assert "geneva-talks" in ids  # undated: listed last, never given a date
        assert document["process"][-1]["date"] is None
    assert document == expected


@pytest.mark.parametrize(
    "name", ["kept-ceasefire", "moscow-strike", "renewed-invasion", "elections-missed"]
)
def test_replay(tmp_path: Path, name: str) -> None:
    path = str(EXAMPLES / f"{name}.yaml")
    document = run("monitor", "replay", PLAN, path, cwd=tmp_path)
    assert document["document"] == "monitor-replay"
    assert document == replay_scenario(load_corpus(), PLAN, path).to_record()


def test_waterfall(tmp_path: Path) -> None:
    document = run("monitor", "waterfall", "300bn", "--profit", "10bn", cwd=tmp_path)
    assert document["document"] == "monitor-waterfall"
    assert document["profit_to_us"] == 5e9
