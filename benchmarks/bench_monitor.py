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

Targets (issue #6): replay of 1,000,000 events < 10 s; ingest > 20,000 events/s in batches.

Run: ``.venv/bin/python benchmarks/bench_monitor.py [--seed 0] [--n-replay 1000000]
[--n-ingest 200000]``
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import create_engine

from accords import load_corpus
from accords.model import Agreement, Condition, EventPattern
from accords.monitor import EVENT_TYPES, Event, EventTable, canonical_json, event_matches, replay
from accords.monitor.io import iter_event_file
from accords.monitor.store import open_store
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--n-replay", type=int, default=1_000_000)
    parser.add_argument("--n-ingest", type=int, default=200_000)
    args = parser.parse_args()
    corpus = load_corpus()
    plan = corpus.agreement("us-28-point-plan")
    rows = bench_replay(args.n_replay, args.seed, plan, corpus)
    rows += bench_ingest(args.n_ingest, args.seed)
    width = max(len(r[0]) for r in rows)
    print(f"{'case':<{width}}  {'seconds':>9}  rate / note")
    for name, seconds, note in rows:
        shown = f"{seconds:9.3f}" if seconds else " " * 9
        print(f"{name:<{width}}  {shown}  {note}")


if __name__ == "__main__":
    main()
