"""Hostile event files: every bad line is a rejected record with its line, every good one stored.

Runs on SQLite and, when ACCORDS_TEST_POSTGRES_URL is set, on PostgreSQL (``db_url``).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from accords.exceptions import InputFormatError
from accords.monitor import Event, EventDefect, iter_event_file, read_scenario
from accords.monitor.store import is_memory_url, open_store


def record(i: int, **changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": f"e{i}",
        "date": f"2031-04-{1 + i % 28:02d}",
        "type": "ASSAULT",
        "actors": ["sudria"],
        "certainty": "confirmed",
    }
    base.update(changes)
    return base


def good_lines(n: int, start: int = 0) -> list[bytes]:
    return [json.dumps(record(i)).encode() for i in range(start, start + n)]


# (id, the bad line, the message expected for it)
BAD_LINES: list[tuple[str, bytes, str]] = [
    (
        "deep-nesting",
        b'{"id": "x", "a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        "nested too deeply",
    ),
    ("latin-1-byte", b'{"id": "x", "text": "caf\xe9"}', "not UTF-8 text (byte 0xE9"),
    (
        "duplicate-key",
        json.dumps(record(999)).encode()[:-1] + b', "id": "y"}',
        "duplicate key 'id'",
    ),
    (
        "nan",
        json.dumps(record(999, attributes={"share": float("nan")})).encode(),
        "NaN is not a number",
    ),
    (
        "infinity",
        json.dumps(record(999, attributes={"amount": float("inf")})).encode(),
        "Infinity is not a number",
    ),
    (
        "nul-in-location",
        json.dumps(record(999, location={"name": "Vel\x00"})).encode(),
        "NUL character",
    ),
    ("nul-in-text", json.dumps(record(999, text="a\x00b")).encode(), "NUL character"),
    ("not-json", b"{id: x}", "malformed JSON"),
]


@pytest.mark.parametrize(
    ("line", "message"), [c[1:] for c in BAD_LINES], ids=[c[0] for c in BAD_LINES]
)
def test_one_bad_line_loses_no_good_record(
    tmp_path: Path, db_url: str, line: bytes, message: str
) -> None:
    path = tmp_path / "events.jsonl"
    path.write_bytes(b"\n".join([*good_lines(120), line, *good_lines(30, start=120)]) + b"\n")
    with open_store(db_url) as store:
        report = store.add(iter_event_file(path), source=str(path), batch_size=50)
        assert (report.n_read, report.n_inserted, len(report.rejected)) == (151, 150, 1)
        assert report.rejected[0].line == 121
        assert message in report.rejected[0].message
        stored = {e.id for e in store.events()}
        assert stored == {f"e{i}" for i in range(150)}
        assert store.check() == []


def test_nul_built_in_python_is_rejected_by_the_store(db_url: str) -> None:
    good = Event(id="a", date="2031-04-01", type="AID", actors=("x",))
    bad = Event(id="b", date="2031-04-01", type="AID", actors=("x",), location={"name": "V\x00"})
    with open_store(db_url) as store:
        report = store.add(
            [(1, good), (2, bad), (3, good.model_copy(update={"id": "c"}))], source="f"
        )
        assert report.n_inserted == 2
        assert [(d.line, d.message) for d in report.rejected] == [
            (2, "NUL character in the event's text; remove it")
        ]
        assert {e.id for e in store.events()} == {"a", "c"}


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_yaml_event_file_that_is_not_utf8_is_one_defect(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"events{suffix}"
    path.write_bytes(b"- id: a\n  date: 2031-04-01\n  type: AID\n  actors: [caf\xe9]\n")
    items = list(iter_event_file(path))
    assert len(items) == 1
    line, defect = items[0]
    assert isinstance(defect, EventDefect)
    assert (line, defect.message) == (4, "not UTF-8 text (byte 0xE9); save the file as UTF-8")
    with pytest.raises(InputFormatError, match=r"events\.(yaml|json):4: not UTF-8"):
        read_scenario(path)


def test_alias_bomb_scenario_is_refused_quickly(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\nevents: []\n")
    start = time.perf_counter()
    with pytest.raises(InputFormatError, match=r"bomb\.yaml:\d+: too many aliases"):
        read_scenario(path)
    assert time.perf_counter() - start < 2


def test_nan_in_a_yaml_event_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(
        "- {id: a, date: 2031-04-01, type: AID, actors: [x], attributes: {share: .nan}}\n"
    )
    with pytest.raises(InputFormatError, match=r"attributes\.share: nan is not a number"):
        read_scenario(path)


@pytest.mark.parametrize(
    ("db", "memory"),
    [
        ("sqlite:///", True),
        ("sqlite://", True),
        ("sqlite:///:memory:", True),
        ("events.sqlite", False),
        ("postgresql://u:p@h/db", False),
    ],
)
def test_memory_urls_are_recognised(db: str, memory: bool) -> None:
    assert is_memory_url(db) is memory
