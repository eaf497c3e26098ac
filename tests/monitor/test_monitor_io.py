"""Reading event files: JSON Lines and YAML scenarios, good records kept, bad ones by line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from accords.exceptions import InputFormatError
from accords.monitor import EventDefect, iter_event_file, parse_events_jsonl, read_scenario
from accords.monitor.io import parse_scenario

GOOD = {"id": "a", "date": "2026-01-02", "type": "AID", "actors": ["x"]}


def _jsonl(tmp_path: Path, lines: list[str], name: str = "events.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": "b", "date": "2026-01-02"', "malformed JSON"),
        ('[1, 2]', "expected an event (a mapping); got list"),
        ('{"id": "b", "date": "2026-01-02", "type": "AID"}', "actors: required key is missing"),
        ('{"id": "b", "date": "2026-01-02", "type": "AID", "actors": ["x"], "colour": 1}',
         "unknown key 'colour'"),
        ('{"id": "b", "date": "2026-01-02", "type": "PERSONNEL_REPORT", "actors": ["x"], '
         '"attributes": {"personnel": "many"}}', "'personnel' must be int"),
        ('{"id": "b", "date": "2026-01-02", "type": "AID", "actors": ["x"], '
         '"attributes": {"n": {"a": 1}}}', "expected text, true/false, an integer or a number"),
    ],
    ids=["truncated", "not-a-mapping", "missing-key", "unknown-key", "typed-attribute",
         "nested-attribute"],
)  # fmt: skip
def test_bad_jsonl_record_is_reported_with_its_line(
    tmp_path: Path, line: str, message: str
) -> None:
    path = _jsonl(tmp_path, [json.dumps(GOOD), "", line, json.dumps({**GOOD, "id": "c"})])
    items = list(iter_event_file(path))
    assert [n for n, _ in items] == [1, 3, 4]
    defect = items[1][1]
    assert isinstance(defect, EventDefect)
    assert defect.line == 3
    assert message in defect.message
    assert str(defect).startswith(f"{path}:3: ")
    assert [e.id for _, e in items if not isinstance(e, EventDefect)] == ["a", "c"]


def test_jsonl_skips_blank_and_comment_lines() -> None:
    rows = list(parse_events_jsonl(["", "// a comment", json.dumps(GOOD), "   "]))
    assert [n for n, _ in rows] == [3]


def test_record_without_id_gets_a_stable_id() -> None:
    record = {k: v for k, v in GOOD.items() if k != "id"}
    first = next(iter(parse_events_jsonl([json.dumps(record)])))[1]
    again = next(iter(parse_events_jsonl([json.dumps(dict(reversed(record.items())))])))[1]
    assert not isinstance(first, EventDefect)
    assert not isinstance(again, EventDefect)
    assert first.id.startswith("auto-")
    assert first.id == again.id


SCENARIO = """\
title: Test
agreement: plan
as_of: 2026-05-01
events:
  - id: s1
    date: 2026-01-15
    type: SIGN
    actors: [us]
    attributes: {agreement: plan}
  - id: s2
    date: 2026-01-16
    type: AID
    actors: [us]
    attributes: {personnel: many}
  - id: s3
    date: 2026-01-17
    type: AID
    actors: [us]
"""


def test_scenario_yaml_with_lines_and_metadata() -> None:
    scenario, defects = parse_scenario(SCENARIO, path="s.yaml")
    assert scenario.title == "Test"
    assert scenario.agreement == "plan"
    assert scenario.as_of == date(2026, 5, 1)
    assert [e.id for e in scenario.events] == ["s1", "s3"]
    assert scenario.lines == (5, 15)
    assert [(d.line, d.path) for d in defects] == [(14, "s.yaml")]  # the attributes line
    assert "'personnel' must be int" in defects[0].message


def test_read_scenario_raises_on_defects_naming_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    with pytest.raises(
        InputFormatError, match=r"s\.yaml:14: attributes: attribute 'personnel' must be int"
    ):
        read_scenario(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("events: [\n", "malformed YAML"),
        ("title: x\n", "a scenario needs events"),
        ("events: {a: 1}\n", "events must be a list"),
        ("events: []\nwhen: today\n", "unknown key 'when'"),
        ("events: []\nas_of: soon\n", "as_of must be a date"),
        ("events: []\ntitle: [1]\n", "title must be text"),
        ("- 1\n", r"expected an event \(a mapping\); got int"),
    ],
    ids=["malformed", "no-events", "events-mapping", "unknown-key", "bad-as-of", "bad-title",
         "not-a-record"],
)  # fmt: skip
def test_bad_scenarios(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputFormatError, match=message):
        read_scenario(path)


def test_top_level_list_and_json_files(tmp_path: Path) -> None:
    path = tmp_path / "events.json"
    path.write_text(json.dumps([GOOD, {**GOOD, "id": "b"}]), encoding="utf-8")
    assert [e.id for e in read_scenario(path).events] == ["a", "b"]


def test_unknown_suffix_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text("id,date\n", encoding="utf-8")
    with pytest.raises(InputFormatError, match=r"unknown event file type '\.csv'"):
        list(iter_event_file(path))
    with pytest.raises(InputFormatError, match="unknown event file type"):
        read_scenario(path)
