"""Nothing committed is lost when an ingest is killed: a real SIGKILL in the middle of a batch.

A child process ingests a big JSON Lines file in small batches and reports each commit; the
test kills it (SIGKILL, no clean-up of any kind) once a few batches are in, reopens the store,
checks its integrity and that every committed batch is whole, then finishes the ingest.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from accords.monitor.store import open_store

N_EVENTS = 6_000
BATCH = 150

CHILD = """
import sys
from accords.monitor.io import iter_event_file
from accords.monitor.store import open_store

def report(r):
    print(r.n_inserted, flush=True)

with open_store(sys.argv[1]) as store:
    store.add(iter_event_file(sys.argv[2]), source=sys.argv[2], batch_size=int(sys.argv[3]),
              on_batch=report)
print("done", flush=True)
"""


def big_file(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for i in range(N_EVENTS):
            record = {
                "id": f"k{i:06d}",
                "date": f"2031-{1 + i % 12:02d}-{1 + i % 28:02d}",
                "type": "ASSAULT",
                "mode": "aerial",
                "actors": ["norland" if i % 2 else "sudria"],
                "location": {"admin1": "XN-VEL"},
                "attributes": {"justified": bool(i % 3)},
                "text": "x" * 200,
            }
            out.write(json.dumps(record) + "\n")
    return path


def test_sigkill_mid_batch_loses_nothing_committed(db_url: str, tmp_path: Path) -> None:
    events = big_file(tmp_path / "big.jsonl")
    committed = []
    with subprocess.Popen(
        [sys.executable, "-c", CHILD, db_url, str(events), str(BATCH)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    ) as child:
        assert child.stdout is not None
        deadline = time.monotonic() + 120
        while len(committed) < 3 and time.monotonic() < deadline:
            line = child.stdout.readline()
            if not line:
                break
            committed.append(int(line))
        time.sleep(0.02)  # into the next batch
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert committed == [BATCH, 2 * BATCH, 3 * BATCH], "the child died before 3 batches"

    with open_store(db_url) as store:
        assert store.check() == []
        batches = store.batches()
        n = store.count()
        # at least the batches the child reported; every logged batch is whole
        assert len(batches) >= 3
        assert n == len(batches) * BATCH < N_EVENTS
        assert [b["n_inserted"] for b in batches] == [BATCH] * len(batches)
        # batches commit in file order: what is stored is exactly the first n records
        ids = sorted(e.id for e in store.events())
        assert ids == [f"k{i:06d}" for i in range(n)]
        assert [(b["first_line"], b["last_line"]) for b in batches] == [
            (k * BATCH + 1, (k + 1) * BATCH) for k in range(len(batches))
        ]

    finish = subprocess.run(
        [sys.executable, "-c", CHILD, db_url, str(events), str(5000)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert finish.stdout.strip().endswith("done")
    with open_store(db_url) as store:
        assert store.count() == N_EVENTS
        assert store.check() == []
