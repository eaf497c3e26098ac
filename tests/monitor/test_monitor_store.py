"""The event store on SQLite and, when ACCORDS_TEST_POSTGRES_URL is set, on PostgreSQL.

Every test runs on both databases through the ``db_url`` fixture (see conftest.py).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select, text

from accords.exceptions import StoreError
from accords.model import Agreement
from accords.model.corpus import Corpus
from accords.monitor import Event, EventDefect, EventTable, iter_event_file, replay
from accords.monitor.store import (
    current_revision,
    head_revision,
    open_store,
    resolve_db_url,
)
from accords.monitor.store.migrate import HEAD_REVISION, stored_revision
from accords.monitor.store.schema import event_columns, metadata


def record(i: int, **changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": f"e{i}",
        "date": f"2031-04-{1 + i % 28:02d}",
        "type": "PERSONNEL_REPORT" if i % 3 == 0 else "ASSAULT",
        "actors": ["sudria"] if i % 2 else ["norland", "westmark"],
        "recipients": [] if i % 2 else ["sudria"],
        "attributes": {"personnel": 39000 + i} if i % 3 == 0 else {"justified": i % 4 == 0},
        "location": {"admin1": "XN-VEL", "name": "Vel"} if i % 5 == 0 else None,
        "certainty": "confirmed",
    }
    base.update(changes)
    return {k: v for k, v in base.items() if v is not None}


def write_jsonl(path: Path, records: list[Any]) -> Path:
    path.write_text(
        "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records),
        encoding="utf-8",
    )
    return path


def test_open_migrates_to_head(db_url: str) -> None:
    with open_store(db_url) as store, store.engine.connect() as conn:
        assert current_revision(conn) == head_revision() == HEAD_REVISION == "0003"
        assert stored_revision(conn) == HEAD_REVISION
        # the shipped migration creates exactly the tables the code declares
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
        assert diff == []
    with open_store(db_url, migrate=False) as store:  # already at head: fine
        assert store.count() == 0


def test_ingest_is_idempotent(db_url: str, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "events.jsonl", [record(i) for i in range(30)])
    with open_store(db_url) as store:
        first = store.add(iter_event_file(path), source=str(path), batch_size=7)
        again = store.add(iter_event_file(path), source=str(path), batch_size=7)
        assert (first.n_read, first.n_inserted, first.n_unchanged, first.n_batches) == (
            30,
            30,
            0,
            5,
        )
        assert (again.n_inserted, again.n_unchanged, again.rejected) == (0, 30, ())
        assert store.count() == 30
        assert store.check() == []
        assert [b["n_inserted"] for b in store.batches()] == [7, 7, 7, 7, 2] + [0] * 5


def test_bad_records_are_rejected_by_line_and_good_ones_kept(db_url: str, tmp_path: Path) -> None:
    lines = [
        record(0),
        '{"id": "broken"',
        record(1, type="ATTACK"),
        record(2),
        record(3, attributes={"personnel": "lots"}),
        record(4),
    ]
    path = write_jsonl(tmp_path / "events.jsonl", lines)
    with open_store(db_url) as store:
        report = store.add(iter_event_file(path), source=str(path), batch_size=2)
        assert [(d.line, d.path) for d in report.rejected] == [
            (2, str(path)),
            (3, str(path)),
            (5, str(path)),
        ]
        assert "malformed JSON" in report.rejected[0].message
        assert "unknown event type 'ATTACK'" in report.rejected[1].message
        assert "'personnel' must be int" in report.rejected[2].message
        assert report.n_inserted == 3
        assert sorted(e.id for e in store.events()) == ["e0", "e2", "e4"]


def test_conflicting_content_is_rejected_unless_replaced(db_url: str, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", [record(0), record(1)])
    changed = write_jsonl(
        tmp_path / "b.jsonl", [record(0), record(1, certainty="claimed"), record(2)]
    )
    with open_store(db_url) as store:
        store.add(iter_event_file(path), source=str(path))
        report = store.add(iter_event_file(changed), source=str(changed))
        assert (report.n_inserted, report.n_unchanged, report.n_replaced) == (1, 1, 0)
        assert [(d.line, "already stored with different content" in d.message)
                for d in report.rejected] == [(2, True)]  # fmt: skip
        assert store.get(["e1"])["e1"].certainty == "confirmed"
        report = store.add(iter_event_file(changed), source=str(changed), replace=True)
        assert (report.n_inserted, report.n_unchanged, report.n_replaced) == (0, 2, 1)
        assert store.get(["e1"])["e1"].certainty == "claimed"
        assert store.count() == 3
        assert store.check() == []


def test_repeated_id_within_a_file(db_url: str, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "e.jsonl", [record(0), record(0), record(0, certainty="claimed")])
    with open_store(db_url) as store:
        report = store.add(iter_event_file(path), source=str(path))
        assert (report.n_inserted, report.n_unchanged) == (1, 1)
        assert [d.line for d in report.rejected] == [3]
        assert "appears again with different content (first on line 1)" in (
            report.rejected[0].message
        )


def test_round_trip_events_and_table(db_url: str, tmp_path: Path) -> None:
    originals = [Event.model_validate(record(i)) for i in range(40)]
    with open_store(db_url) as store:
        store.add_events(originals)
        stored = list(store.events())
        by_id = {e.id: e for e in originals}
        assert {e.id: e for e in stored} == by_id
        assert [e.date for e in stored] == sorted(e.date for e in stored)
        table = store.table()
        direct = EventTable.from_events(sorted(originals, key=lambda e: (e.date, e.id)))
        assert table.ids.tolist() == direct.ids.tolist()
        np.testing.assert_array_equal(table.day, direct.day)
        np.testing.assert_array_equal(table.type_code, direct.type_code)
        np.testing.assert_array_equal(table.certainty, direct.certainty)
        assert sorted(table.attributes) == sorted(direct.attributes)
        for name, column in table.attributes.items():
            np.testing.assert_array_equal(column.kind, direct.attributes[name].kind)
            np.testing.assert_array_equal(column.number, direct.attributes[name].number)
        only = store.table(attributes=["justified"])
        assert list(only.attributes) == ["justified"]
        cut = date(2031, 4, 10)
        assert len(store.table(as_of=cut)) == sum(e.date <= cut for e in originals)
        assert len(list(store.events(as_of=cut))) == len(store.table(as_of=cut))


def test_replay_from_the_store_equals_replay_from_events(
    db_url: str, tarn: Agreement, tarn_corpus: Corpus
) -> None:
    events = [
        Event.model_validate(
            {"id": "s", "date": "2031-03-10", "type": "SIGN", "actors": ["norland"],
             "attributes": {"agreement": "tarn-valley-accord"}}
        ),
        *(Event.model_validate(record(i)) for i in range(40)),
    ]  # fmt: skip
    with open_store(db_url) as store:
        store.add_events(events)
        as_of = date(2031, 5, 1)
        from_store = replay(tarn, store.table(as_of=as_of), as_of=as_of, corpus=tarn_corpus)
    direct = replay(tarn, events, as_of=as_of, corpus=tarn_corpus)
    assert from_store == direct
    assert from_store.provision("3").state == "fulfilled"  # 39,003 personnel reported


def test_a_failed_batch_leaves_no_trace(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from accords.monitor.store import store as store_module

    path = write_jsonl(tmp_path / "e.jsonl", [record(i) for i in range(10)])
    with open_store(db_url) as store:
        real = store_module.EventStore._insert_new
        calls = {"n": 0}

        def failing(self: Any, conn: Any, items: Any, batch_id: int) -> Any:
            calls["n"] += 1
            result = real(self, conn, items, batch_id)  # rows are written ...
            if calls["n"] == 2:
                conn.execute(text("SELECT * FROM no_such_table"))  # ... then the batch fails
            return result

        monkeypatch.setattr(store_module.EventStore, "_insert_new", failing)
        with pytest.raises(StoreError, match=r"failed in the batch of lines 5-8.*earlier batches"):
            store.add(iter_event_file(path), source=str(path), batch_size=4)
        monkeypatch.undo()
        assert store.count() == 4
        assert len(store.batches()) == 1
        assert store.check() == []
        report = store.add(iter_event_file(path), source=str(path), batch_size=4)
        assert (report.n_inserted, report.n_unchanged) == (6, 4)


def test_check_finds_tampering(db_url: str) -> None:
    with open_store(db_url) as store:
        store.add_events([Event.model_validate(record(i)) for i in range(3)])
        with store.engine.begin() as conn:
            conn.execute(text("UPDATE events SET record = replace(record, 'e1', 'e9') "
                              "WHERE id = 'e1'"))  # fmt: skip
        problems = store.check()
        assert problems == ["event 'e1': record does not match its hash"]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://u:p@localhost/db", "unsupported database"),
        ("postgresql://u:secret@127.0.0.1:1/db", "cannot open the event store"),
        ("sqlite:////proc/no/such/dir/x.sqlite", "cannot open the event store"),
    ],
    ids=["unsupported", "no-server", "unwritable"],
)
def test_unreachable_stores(url: str, message: str) -> None:
    with pytest.raises(StoreError, match=message) as info:
        open_store(url)
    assert "secret" not in str(info.value)


def test_default_url(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("ACCORDS_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    assert resolve_db_url() == f"sqlite:///{tmp_path / 'accords-events.sqlite'}"
    monkeypatch.setenv("ACCORDS_DB", "postgresql://u@h/db")
    assert resolve_db_url() == "postgresql+psycopg://u@h/db"
    assert resolve_db_url("x.sqlite") == f"sqlite:///{tmp_path / 'x.sqlite'}"


def test_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "w.sqlite")) as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_defects_count_as_read(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path / 'x.sqlite'}") as store:
        report = store.add([(1, EventDefect("f", 1, "bad"))], source="f")
        assert (report.n_read, report.n_inserted, len(report.rejected)) == (1, 0, 1)
        with pytest.raises(ValueError, match="batch_size must be >= 1"):
            store.add([], source="f", batch_size=0)


def decoded(table: EventTable) -> list[tuple[Any, ...]]:
    """Every event of a table as plain values (codes turned back into words)."""
    words = {code: word for word, code in table.vocabulary.items()}
    words[-1] = None
    actors: dict[int, list[str]] = {}
    for code, owner in zip(table.actor_code.tolist(), table.actor_event.tolist(), strict=True):
        actors.setdefault(owner, []).append(words[code])
    out = []
    for i in range(len(table)):
        attributes = {
            name: words[int(c.text[i])] if c.kind[i] == 3 else float(c.number[i])
            for name, c in sorted(table.attributes.items())
            if c.kind[i]
        }
        out.append((table.ids[i], int(table.day[i]), int(table.type_code[i]),
                    int(table.certainty[i]), words[int(table.mode[i])],
                    words[int(table.place[i])], actors[i], attributes))  # fmt: skip
    return out


def test_column_snapshot_matches_the_rows(db_url: str, tmp_path: Path) -> None:
    """Loading from the snapshot gives the table read row by row: after a first ingest, an
    incremental one, a replacement (full rebuild), and with a stale snapshot (rows again)."""
    first = [Event.model_validate(record(i)) for i in range(0, 40, 2)]
    second = [Event.model_validate(record(i)) for i in range(1, 40, 2)]
    changed = Event.model_validate(record(3, certainty="confirmed"))
    with open_store(db_url) as store:

        def rows() -> list[tuple[Any, ...]]:
            with store.engine.connect() as conn, conn.begin():
                return decoded(store._rows_table(conn, text("1 = 1")))

        def snapshot_batch() -> set[int]:
            with store.engine.connect() as conn:
                return set(conn.execute(select(event_columns.c.batch_id)).scalars())

        for step in (first, second, [changed]):
            store.add_events(step, replace=True)
            loaded = store.table()
            assert decoded(loaded) == rows()
            assert loaded.ids.tolist() == sorted(
                loaded.ids.tolist(), key=lambda i: (store.get([i])[i].date, i)
            )
            assert len(snapshot_batch()) == 1
        assert decoded(store.table(as_of=date(2031, 4, 10))) == [
            r for r in rows() if r[1] <= date(2031, 4, 10).toordinal()
        ]
        # a batch written without refreshing the snapshot makes it stale: rows are read
        store.refresh_snapshot = lambda: None  # type: ignore[method-assign]
        store.add_events([Event.model_validate(record(50))])
        assert "e50" in store.table().ids.tolist()
