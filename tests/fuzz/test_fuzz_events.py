"""Fuzz the event reader and the store with files of good records and hostile lines.

For every file: no exception escapes, it finishes within ``TIME_BOUND`` seconds, every good
record is stored exactly once, every bad line is rejected with its own line number, and the
report's counts add up. A few runs go through the ``accords monitor add`` command as a process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from sqlalchemy import func, select

from accords import load_corpus
from accords.monitor import check_actors, iter_event_file
from accords.monitor.store import open_store
from accords.monitor.store.schema import events
from fuzz_inputs import BAD_LINES, TALLY, TIME_BOUND, EventCase, event_cases

_SETTINGS = {
    "derandomize": True,
    "database": None,
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
PARTIES = frozenset(p.id for p in load_corpus().parties)


def check_event_case(case: EventCase) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "events.jsonl"
        path.write_bytes(b"\n".join(case.lines) + b"\n")
        start = time.perf_counter()
        with open_store("sqlite://") as store:
            records = check_actors(iter_event_file(path), PARTIES, path=str(path))
            report = store.add(records, source=str(path), batch_size=case.batch_size)
            with store.engine.connect() as conn:
                per_id = dict(
                    conn.execute(select(events.c.id, func.count()).group_by(events.c.id)).all()
                )
        elapsed = time.perf_counter() - start
    assert elapsed < TIME_BOUND, f"hang: {elapsed:.1f} s"
    assert {d.line for d in report.rejected} == case.bad
    assert per_id == dict.fromkeys(case.good.values(), 1), "a good record lost or doubled"
    assert report.n_read == len(case.good) + len(case.bad)
    assert report.n_inserted == len(case.good)
    TALLY["event files"] += 1
    TALLY["event lines"] += len(case.good) + len(case.bad)
    TALLY["event: good records stored once"] += len(case.good)
    TALLY["event: bad lines rejected with their line"] += len(case.bad)


@settings(max_examples=200, **_SETTINGS)
@given(case=event_cases())
def test_event_files(case: EventCase) -> None:
    check_event_case(case)


@pytest.mark.slow
@pytest.mark.timeout(3600)
@settings(max_examples=1000, **_SETTINGS)
@given(case=event_cases())
def test_event_files_long(case: EventCase) -> None:
    check_event_case(case)


def test_monitor_add_as_a_process(tmp_path: Path) -> None:
    """Every bad line at once, between good records: exit 1, the JSON report, nothing lost."""
    good = [
        json.dumps({"id": f"g{i}", "date": "2026-01-02", "type": "AID", "actors": ["us"]}).encode()
        for i in range(len(BAD_LINES) + 1)
    ]
    lines = [x for pair in zip(good, [*BAD_LINES, b""], strict=True) for x in pair]
    path = tmp_path / "events.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from accords.cli.main import main; main()",
            "monitor",
            "add",
            str(path),
            "--db",
            str(tmp_path / "e.sqlite"),
            "--format",
            "json",
        ],
        capture_output=True,
        timeout=120,
        env=env,
    )
    assert b"Traceback" not in done.stderr, done.stderr.decode(errors="replace")
    assert done.returncode == 1
    data = json.loads(done.stdout)
    assert (data["n_inserted"], data["n_rejected"]) == (len(good), len(BAD_LINES))
    assert [r["line"] for r in data["rejected"]] == list(range(2, 2 * len(BAD_LINES) + 1, 2))
    TALLY["event: subprocess runs"] += 1
