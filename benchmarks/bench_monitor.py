"""Benchmark: replaying a million events against the 28-point plan; ingesting into SQLite.

1. Replay. One million synthetic events (seeded) over two years, of every event type, with
   the actors, modes, places and attributes that the plan's patterns test, plus the signature;
   built as columns (``EventTable.from_columns``) and replayed with ``replay`` against the
   embedded ``us-28-point-plan``. The peer is the plain way: one ``event_matches`` call per
   event and pattern, timed on a 20,000-event sample and scaled to the full size.
2. Ingest. ``--n-ingest`` events (200,000 by default) written as JSON Lines, then
   (a) parsed and validated (``iter_event_file``), (b) stored from parsed events
   (``EventStore.add``, batches of 5,000, SQLite WAL, ``synchronous=FULL``) and (c) both
   together, as ``accords monitor add`` does; then loaded back as a table
   (``EventStore.table``). The peer for (b) is SQLAlchemy Core's ``executemany`` of the same
   rows (one ``INSERT`` per row through the ORM-free Core layer, on a fresh database).

3. Status and timeline on a stored million. ``--n-store`` events (1,000,000 by default) are
   written straight into a fresh SQLite store (one ``executemany``; the records are the plain
   JSON of the same fields), then ``accords monitor status`` / ``timeline`` are timed as the
   library calls behind them (``monitor_status``, ``monitor_timeline``: load, replay, record)
   and as processes (``accords monitor status ... -f json``, interpreter start included).
   "Before" is the loading of accords 0.x up to this change, kept here as
   ``legacy_table``: ``ORDER BY day, id`` in SQL, every row's actors split and attributes
   parsed as JSON, every string encoded again; "after" reads the column snapshot
   (``event_columns``), which each ingest brings up to date. The snapshot's first build and
   the incremental refresh after adding 5,000 events are timed too. Both paths must give the
   same report.

Targets (issue #6): replay of 1,000,000 events < 10 s; ingest > 20,000 events/s in batches.
Target (issue #9): ``monitor status`` / ``timeline`` on 1,000,000 stored events <= 2 s.

Run: ``.venv/bin/python benchmarks/bench_monitor.py [--seed 0] [--n-replay 1000000]
[--n-ingest 200000] [--n-store 1000000] [--only replay,ingest,store]``
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import create_engine

from accords import load_corpus
from accords.model import Agreement, Condition, EventPattern
from accords.model.corpus import Corpus
from accords.monitor import (
    EVENT_TYPES,
    Event,
    EventTable,
    canonical_json,
    event_matches,
    monitor_status,
    monitor_timeline,
    replay,
)
from accords.monitor.engine import required_attributes
from accords.monitor.io import iter_event_file
from accords.monitor.store import EventStore, open_store
from accords.monitor.store.migrate import upgrade
from accords.monitor.store.schema import events as events_table
from accords.monitor.store.schema import ingest_batches
from accords.monitor.store.store import _EVENT_COLUMNS, _event_values
from accords.random import as_generator

START = date(2026, 1, 1).toordinal()
ACTORS = np.array(["russia", "ukraine", "us", "france", "germany", "uk", "nato", "iaea", "eu"])
MODES = np.array(["withdraw", "ceasefire", "invasion", "missile", "aerial", "drone", "release"])
PLACES = [
    (None, None, None),
    ("UA", "UA-14", "Donetsk Oblast"),
    ("UA", "UA-63", "Kharkiv Oblast"),
    ("UA", "UA-23", "Zaporizhzhia Oblast"),
    ("RU", "RU-MOW", "Moscow"),
    ("RU", "RU-SPE", "St Petersburg"),
    ("RU", "RU-BEL", "Belgorod Oblast"),
]
CERTAINTIES = np.array(["claimed", "confirmed", "disputed"])


def synthetic_columns(n: int, seed: int) -> dict[str, Any]:
    """Columns of ``n`` random events over two years; the plan is signed on day 0."""
    rng = as_generator(seed)
    types = np.asarray(EVENT_TYPES)
    weights = np.ones(len(types))
    weights[[EVENT_TYPES.index(t) for t in ("SIGN", "ENTER_INTO_FORCE")]] = 0.0
    type_idx = rng.choice(len(types), size=n, p=weights / weights.sum())
    type_idx[0] = EVENT_TYPES.index("SIGN")
    kinds = types[type_idx]
    days = START + rng.integers(0, 730, size=n)
    days[0] = START
    modes = MODES[rng.integers(0, len(MODES), size=n)].astype(object)
    modes[rng.random(n) < 0.3] = None
    actor_idx = rng.integers(0, len(ACTORS), size=(n, 2))
    two = rng.random(n) < 0.2
    first = ACTORS[actor_idx[:, 0]].tolist()
    second = ACTORS[actor_idx[:, 1]].tolist()
    actors = [[a, b] if t else [a] for a, b, t in zip(first, second, two.tolist(), strict=True)]
    recipient = ACTORS[rng.integers(0, len(ACTORS), size=n)].tolist()
    has_recipient = (rng.random(n) < 0.6).tolist()
    recipients = [[r] if h else [] for r, h in zip(recipient, has_recipient, strict=True)]
    place = rng.integers(0, len(PLACES), size=n)
    countries = [PLACES[i][0] for i in place.tolist()]
    admin1s = [PLACES[i][1] for i in place.tolist()]
    places = [PLACES[i][2] for i in place.tolist()]
    personnel = np.where(kinds == "PERSONNEL_REPORT", rng.integers(400_000, 900_000, n), -1)
    justified = np.where(kinds == "ASSAULT", rng.random(n) < 0.5, False)
    share = np.where(kinds == "POWER_SPLIT", rng.choice([40, 50, 60], n), -1)
    remaining = np.where(kinds == "EXCHANGE", rng.integers(0, 3, n), -1)
    attributes: dict[str, list[Any]] = {
        "personnel": [int(v) if v >= 0 else None for v in personnel.tolist()],
        "justified": [
            bool(j) if k == "ASSAULT" else None
            for j, k in zip(justified.tolist(), kinds.tolist(), strict=True)
        ],
        "ukraine_share": [int(v) if v >= 0 else None for v in share.tolist()],
        "remaining": [int(v) if v >= 0 else None for v in remaining.tolist()],
        "agreement": ["us-28-point-plan" if i == 0 else None for i in range(n)],
    }
    certainties = CERTAINTIES[rng.choice(3, size=n, p=[0.45, 0.45, 0.1])].tolist()
    return {
        "ids": [f"s{i}" for i in range(n)],
        "days": days,
        "types": kinds.tolist(),
        "modes": modes.tolist(),
        "certainties": ["confirmed", *certainties[1:]],
        "actors": actors,
        "recipients": recipients,
        "countries": countries,
        "admin1s": admin1s,
        "places": places,
        "attributes": attributes,
    }


def plan_patterns(plan: Agreement) -> list[EventPattern]:
    found: list[EventPattern] = []

    def walk(c: Condition | None) -> None:
        if c is None:
            return
        if c.event is not None:
            found.append(c.event)
        for child in (*c.all_of, *c.any_of, *c.none_of):
            walk(child)

    for p in plan.provisions:
        for c in p.conditions:
            walk(c)
        walk(p.fulfilled_when)
        walk(p.violated_when)
        for t in p.triggers:
            walk(t.condition)
    return found


def events_from_columns(columns: dict[str, Any], index: np.ndarray) -> list[Event]:
    out = []
    for i in index.tolist():
        location = None
        if columns["admin1s"][i] is not None:
            location = {"admin1": columns["admin1s"][i], "name": columns["places"][i]}
        attributes = {k: v[i] for k, v in columns["attributes"].items() if v[i] is not None}
        certainty = columns["certainties"][i]
        out.append(
            Event.model_validate(
                {
                    "id": columns["ids"][i],
                    "date": date.fromordinal(int(columns["days"][i])),
                    "type": columns["types"][i],
                    "mode": columns["modes"][i],
                    "actors": columns["actors"][i],
                    "recipients": columns["recipients"][i],
                    "location": location,
                    "attributes": attributes,
                    "certainty": certainty,
                    "disputed_by": ["x"] if certainty == "disputed" else [],
                }
            )
        )
    return out


def bench_replay(n: int, seed: int, plan: Agreement, corpus: Any) -> list[tuple[str, float, str]]:
    rows: list[tuple[str, float, str]] = []
    t0 = time.perf_counter()
    columns = synthetic_columns(n, seed)
    t1 = time.perf_counter()
    table = EventTable.from_columns(**columns)
    t2 = time.perf_counter()
    report = replay(plan, table, as_of=date.fromordinal(START + 729), corpus=corpus)
    t3 = time.perf_counter()
    again = replay(plan, table, as_of=date.fromordinal(START + 729), corpus=corpus)
    assert again == report, "same events, same report"
    rows.append((f"generate {n:,} synthetic events (numpy)", t1 - t0, ""))
    rows.append(("build EventTable.from_columns", t2 - t1, f"{n / (t2 - t1):,.0f} events/s"))
    rows.append(("replay (masks + state machine)", t3 - t2, f"{n / (t3 - t2):,.0f} events/s"))
    total = t3 - t1
    verdict = "OK" if total < 10 else "OVER"
    rows.append((f"build + replay, target < 10 s: {verdict}", total, f"{n / total:,.0f} events/s"))

    # peer: the plain way, one event_matches per (event, pattern), on a sample
    sample = min(n, 20_000)
    index = np.sort(as_generator(seed + 1).choice(n, size=sample, replace=False))
    objects = events_from_columns(columns, index)
    patterns = plan_patterns(plan)
    members = {p.id: corpus.members_of(p.id) for p in corpus.parties if p.members}
    t4 = time.perf_counter()
    for p in patterns:
        [e for e in objects if event_matches(p, e, members=members)]
    t5 = time.perf_counter()
    plain = (t5 - t4) * n / sample
    rows.append(
        (
            f"peer: plain loop, {len(patterns)} patterns x events (scaled from {sample:,})",
            plain,
            f"ratio plain / replay = {plain / (t3 - t2):,.0f}x; "
            f"plain / (build + replay) = {plain / total:,.1f}x",
        )
    )
    states: dict[str, int] = {}
    for p in report.provisions:
        states[p.state] = states.get(p.state, 0) + 1
    rows.append(
        (
            "  (states at the end: "
            + ", ".join(f"{k} {v}" for k, v in sorted(states.items()))
            + ")",
            0.0,
            f"{len(report.firings)} triggers fired",
        )
    )
    return rows


def bench_ingest(n: int, seed: int) -> list[tuple[str, float, str]]:
    rows: list[tuple[str, float, str]] = []
    columns = synthetic_columns(n, seed)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "events.jsonl"
        objects = events_from_columns(columns, np.arange(n))
        with path.open("w", encoding="utf-8") as out:
            for e in objects:
                out.write(e.model_dump_json(exclude_defaults=True) + "\n")
        del objects
        gc.collect()

        t0 = time.perf_counter()
        parsed = list(iter_event_file(path))
        t1 = time.perf_counter()
        rows.append(("(a) parse + validate JSON Lines", t1 - t0, f"{n / (t1 - t0):,.0f} events/s"))

        with open_store(str(Path(tmp) / "b.sqlite")) as store:
            t2 = time.perf_counter()
            report = store.add(iter(parsed), source=str(path))
            t3 = time.perf_counter()
            assert report.n_inserted == n, report
        verdict = "OK" if n / (t3 - t2) > 20_000 else "UNDER"
        rows.append(
            (
                f"(b) store parsed events, batches of 5,000 (target > 20,000/s: {verdict})",
                t3 - t2,
                f"{n / (t3 - t2):,.0f} events/s",
            )
        )
        del parsed
        gc.collect()

        with open_store(str(Path(tmp) / "c.sqlite")) as store:
            t4 = time.perf_counter()
            report = store.add(iter_event_file(path), source=str(path))
            t5 = time.perf_counter()
            assert report.n_inserted == n
            t6 = time.perf_counter()
            again = store.add(iter_event_file(path), source=str(path))
            t7 = time.perf_counter()
            assert again.n_unchanged == n
            t8 = time.perf_counter()
            table = store.table()
            t9 = time.perf_counter()
            assert len(table) == n
        rows.append(
            (
                "(c) file to store, as `accords monitor add`",
                t5 - t4,
                f"{n / (t5 - t4):,.0f} events/s",
            )
        )
        rows.append(
            ("    same file again (all unchanged)", t7 - t6, f"{n / (t7 - t6):,.0f} events/s")
        )
        rows.append(
            ("load the store back as an EventTable", t9 - t8, f"{n / (t9 - t8):,.0f} events/s")
        )

        # peer: SQLAlchemy Core executemany of the same rows, one transaction per batch
        sample = events_from_columns(columns, np.arange(min(n, 50_000)))
        engine = create_engine(f"sqlite:///{Path(tmp) / 'peer.sqlite'}")
        with engine.begin() as conn:
            upgrade(conn)
            conn.execute(
                ingest_batches.insert(),
                {
                    "id": 1,
                    "source": "x",
                    "n_inserted": 0,
                    "n_unchanged": 0,
                    "n_replaced": 0,
                    "committed_at": datetime.now(UTC),
                },
            )
        t10 = time.perf_counter()
        for start in range(0, len(sample), 5000):
            batch = sample[start : start + 5000]
            named = []
            for e in batch:
                record = canonical_json(e)
                digest = hashlib.sha256(record.encode()).hexdigest()
                named.append(
                    dict(
                        zip(
                            _EVENT_COLUMNS,
                            _event_values(e, record, digest, 1, iso=False),
                            strict=True,
                        )
                    )
                )
            with engine.begin() as conn:
                conn.execute(events_table.insert(), named)
        t11 = time.perf_counter()
        engine.dispose()
        peer = len(sample) / (t11 - t10)
        rows.append(
            (
                f"peer (b): SQLAlchemy Core executemany ({len(sample):,} events)",
                t11 - t10,
                f"{peer:,.0f} events/s; ratio accords / peer = {(n / (t3 - t2)) / peer:.2f}",
            )
        )
    return rows


def write_rows(path: Path, columns: dict[str, Any]) -> None:
    """Write the events of ``columns`` straight into the ``events`` table of a store."""
    n = len(columns["ids"])
    with open_store(str(path)):
        pass  # create and migrate
    con = sqlite3.connect(path)
    con.execute(
        "INSERT INTO ingest_batches (id, source, n_inserted, n_unchanged, n_replaced, "
        "committed_at) VALUES (1, 'bench', ?, 0, 0, ?)",
        (n, datetime.now(UTC).isoformat()),
    )
    attributes = columns["attributes"]

    def rows() -> Any:
        for i in range(n):
            values = {k: v[i] for k, v in sorted(attributes.items()) if v[i] is not None}
            day = date.fromordinal(int(columns["days"][i])).isoformat()
            record: dict[str, Any] = {
                "id": columns["ids"][i],
                "date": day,
                "type": columns["types"][i],
                "mode": columns["modes"][i],
                "actors": columns["actors"][i],
                "recipients": columns["recipients"][i],
                "attributes": values,
                "certainty": columns["certainties"][i],
            }
            text = json.dumps(record, separators=(",", ":"))
            yield (
                columns["ids"][i], hashlib.sha256(text.encode()).hexdigest(),
                int(columns["days"][i]), day, None, "day", columns["types"][i],
                columns["modes"][i], columns["certainties"][i], columns["countries"][i],
                columns["admin1s"][i], columns["places"][i], ",".join(columns["actors"][i]),
                ",".join(columns["recipients"][i]) or None,
                json.dumps(values, separators=(",", ":")) if values else None, text, 1,
            )  # fmt: skip

    placeholders = ", ".join("?" for _ in _EVENT_COLUMNS)
    con.executemany(f"INSERT INTO events VALUES ({placeholders})", rows())
    con.commit()
    con.close()


def legacy_table(store: EventStore, as_of: date, wanted: set[str]) -> EventTable:
    """The loading path before the column snapshot (``EventStore.table`` up to this change)."""
    query = (
        "SELECT id, day, type, mode, certainty, country, admin1, place, actors, recipients, "
        f"attributes FROM events WHERE day <= {as_of.toordinal()} ORDER BY day, id"
    )
    with store.engine.connect() as conn:
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        cursor.execute(query)
        rows = cursor.fetchall()
        cursor.close()
    n = len(rows)
    (ids, days, types, modes, certainties, countries, admin1s, places, actor_text,
     recipient_text, attribute_text) = zip(*rows, strict=True)  # fmt: skip
    columns: dict[str, list[Any]] = {}
    keys = [f'"{name}"' for name in wanted]
    for i, text in enumerate(attribute_text):
        if text is None or not any(k in text for k in keys):
            continue
        for name, value in json.loads(text).items():
            if name in wanted:
                columns.setdefault(name, [None] * n)[i] = value
    return EventTable.from_columns(
        ids=ids,
        days=days,
        types=types,
        modes=modes,
        certainties=certainties,
        actors=[t.split(",") for t in actor_text],
        recipients=[t.split(",") if t else () for t in recipient_text],
        countries=countries,
        admin1s=admin1s,
        places=places,
        attributes=columns,
    )


def cli_seconds(*args: str) -> float:
    """Wall time of ``accords ARGS`` as a process (interpreter start included)."""
    code = "from accords.cli.main import main; main()"
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - start
    assert done.returncode == 0, done.stderr
    json.loads(done.stdout)
    return seconds


def bench_store(n: int, seed: int, plan: Agreement, corpus: Corpus) -> list[tuple[str, float, str]]:
    rows: list[tuple[str, float, str]] = []
    as_of = date.fromordinal(START + 729)
    columns = synthetic_columns(n, seed)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "store.sqlite"
        t0 = time.perf_counter()
        write_rows(path, columns)
        rows.append((f"write {n:,} rows into a fresh SQLite store", time.perf_counter() - t0, ""))
        with open_store(str(path)) as store:
            gc.collect()
            t1 = time.perf_counter()
            table = legacy_table(store, as_of, set(required_attributes(plan)))
            before = replay(plan, table, as_of=as_of, corpus=corpus)
            t2 = time.perf_counter()
            del table
            gc.collect()
            rows.append(("BEFORE status: load rows (ORDER BY, JSON per row) + replay", t2 - t1,
                         f"{n / (t2 - t1):,.0f} events/s"))  # fmt: skip
            t3 = time.perf_counter()
            store.refresh_snapshot()
            t4 = time.perf_counter()
            rows.append(("build the column snapshot (first time)", t4 - t3, ""))
            for name, call in (("status", monitor_status), ("timeline", monitor_timeline)):
                gc.collect()
                t5 = time.perf_counter()
                result = call(corpus, plan, db=str(path), as_of=as_of)
                result.to_record()
                t6 = time.perf_counter()
                assert result.report == before, "both loading paths give the same report"
                verdict = "OK" if t6 - t5 <= 2 else "OVER"
                rows.append((f"AFTER {name}: monitor_{name}() + to_record(), target <= 2 s: "
                             f"{verdict}", t6 - t5, f"{n / (t6 - t5):,.0f} events/s"))  # fmt: skip
            extra = events_from_columns(synthetic_columns(5000, seed + 7), np.arange(5000))
            extra = [e.model_copy(update={"id": f"x{e.id}"}) for e in extra]
            t7 = time.perf_counter()
            store.add_events(extra)
            t8 = time.perf_counter()
            rows.append(("add 5,000 events (one batch + incremental snapshot refresh)", t8 - t7,
                         ""))  # fmt: skip
        for name in ("status", "timeline"):
            seconds = cli_seconds("monitor", name, plan.id, "--db", str(path), "--as-of",
                                  as_of.isoformat(), "--format", "json")  # fmt: skip
            rows.append((f"AFTER `accords monitor {name} ... -f json` (process)", seconds, ""))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--n-replay", type=int, default=1_000_000)
    parser.add_argument("--n-ingest", type=int, default=200_000)
    parser.add_argument("--n-store", type=int, default=1_000_000)
    parser.add_argument("--only", default="replay,ingest,store", help="sections to run")
    args = parser.parse_args()
    corpus = load_corpus()
    plan = corpus.agreement("us-28-point-plan")
    sections = set(args.only.split(","))
    rows: list[tuple[str, float, str]] = []
    if "replay" in sections:
        rows += bench_replay(args.n_replay, args.seed, plan, corpus)
    if "ingest" in sections:
        rows += bench_ingest(args.n_ingest, args.seed)
    if "store" in sections:
        rows += bench_store(args.n_store, args.seed, plan, corpus)
    print(f"({os.cpu_count()} CPUs; loaded machines give higher figures)")
    width = max(len(r[0]) for r in rows)
    print(f"{'case':<{width}}  {'seconds':>9}  rate / note")
    for name, seconds, note in rows:
        shown = f"{seconds:9.3f}" if seconds else " " * 9
        print(f"{name:<{width}}  {shown}  {note}")


if __name__ == "__main__":
    main()
