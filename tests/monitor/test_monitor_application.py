"""The library calls behind ``accords monitor``, in-process, and their versioned documents.

Each call is checked against the engine run directly (the independent path: ``replay`` on the
same events), and each document against its JSON Schema.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import accords
from accords import load_corpus
from accords.exceptions import (
    InputFormatError,
    ModelSpecificationError,
    StoreError,
    UnknownAgreementError,
)
from accords.model import Corpus
from accords.model.documents import DOCUMENT_CLASSES, SCHEMA_VERSION, document_class
from accords.monitor import (
    Event,
    add_event_file,
    monitor_status,
    monitor_timeline,
    monitor_waterfall,
    read_scenario,
    replay,
    replay_scenario,
)
from accords.monitor.store import open_store
from accords.readwrite.plover import event_to_plover

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PLAN = "us-28-point-plan"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus()


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A store holding the renewed-invasion scenario's events."""
    path = str(tmp_path / "events.sqlite")
    result = add_event_file(EXAMPLES / "renewed-invasion.yaml", db=path)
    assert (result.report.n_inserted, result.rejected) == (5, ())
    return path


def check_document(record: dict[str, Any], kind: str) -> None:
    assert record["document"] == kind
    assert record["schema_version"] == SCHEMA_VERSION
    assert record["accords_version"] == accords.__version__
    json.dumps(record, allow_nan=False)  # plain, strict JSON
    jsonschema.validate(record, document_class(kind).json_schema())


def test_every_monitor_document_is_registered() -> None:
    kinds = {"monitor-add", "monitor-status", "monitor-timeline", "monitor-replay",
             "monitor-waterfall"}  # fmt: skip
    assert kinds <= set(DOCUMENT_CLASSES)


def test_status_is_the_replay_of_the_stored_events(corpus: Corpus, db: str) -> None:
    day = date(2026, 5, 31)
    result = monitor_status(corpus, PLAN, db=db, as_of=day)
    direct = replay(
        corpus.agreement(PLAN),
        read_scenario(EXAMPLES / "renewed-invasion.yaml").events,
        as_of=day,
        corpus=corpus,
    )
    assert result.report == direct
    record = result.to_record()
    check_document(record, "monitor-status")
    assert record["db"].startswith("sqlite:///")
    assert record["as_of"] == "2026-05-31"
    states = {p["label"]: p["state"] for p in record["provisions"]}
    assert states == {p.label: p.state for p in direct.provisions}
    assert record["pam"]["levels"] == {str(i): n for i, n in enumerate(direct.pam.levels)}
    effect = record["triggers_fired"][0]["effects"][0]
    assert set(effect) == {"action", "provision", "applied", "from", "to"}


def test_status_takes_an_open_store(corpus: Corpus, db: str) -> None:
    with open_store(db) as store:
        result = monitor_status(corpus, PLAN, db=store, as_of=date(2026, 5, 31))
    assert result.report == monitor_status(corpus, PLAN, db=db, as_of=date(2026, 5, 31)).report


def test_timeline_with_process_events(corpus: Corpus, db: str) -> None:
    meeting = Event.model_validate(
        {"id": "p-geneva", "date": "2025-11", "type": "CONSULT", "actors": ["us", "ukraine"],
         "text": "Talks in Geneva"}
    )  # fmt: skip
    claim = Event.model_validate(
        {"id": "p-claim", "date": "2025-12-01", "type": "ASSAULT", "actors": ["russia"],
         "certainty": "disputed", "disputed_by": ["ukraine"], "text": "claims a capture"}
    )  # fmt: skip
    late = Event.model_validate(
        {"id": "p-late", "date": "2026-07-01", "type": "CONSULT", "actors": ["us"]}
    )
    day = date(2026, 5, 31)
    result = monitor_timeline(corpus, PLAN, db=db, as_of=day, process_events=[claim, late, meeting])
    assert result.report == monitor_status(corpus, PLAN, db=db, as_of=day).report
    record = result.to_record()
    check_document(record, "monitor-timeline")
    assert [e["id"] for e in record["process"]] == ["p-geneva", "p-claim"]  # by date, to as_of
    assert record["process"][0]["date_precision"] == "month"
    assert record["process"][1]["certainty"] == "disputed"
    kinds = [e["kind"] for e in record["entries"]]
    assert kinds[:2] == ["signature", "entry-into-force"]
    plain = monitor_timeline(corpus, PLAN, db=db, as_of=day).to_record()
    assert plain["process"] == []
    assert plain["entries"] == record["entries"]


def test_replay_scenario(corpus: Corpus) -> None:
    path = EXAMPLES / "moscow-strike.yaml"
    result = replay_scenario(corpus, PLAN, path)
    scenario = read_scenario(path)
    assert result.report == replay(
        corpus.agreement(PLAN), scenario.events, as_of=scenario.as_of, corpus=corpus
    )
    record = result.to_record()
    check_document(record, "monitor-replay")
    assert (record["scenario"], record["title"]) == (str(path), scenario.title)
    assert record["timeline"][0]["kind"] == "signature"
    # a Scenario object works as well as its file, and as_of overrides the scenario's
    again = replay_scenario(corpus, PLAN, scenario, as_of=date(2026, 3, 1))
    assert again.report.as_of == date(2026, 3, 1)
    assert again.to_record()["scenario"] is None


def test_waterfall(corpus: Corpus) -> None:
    result = monitor_waterfall(corpus, "300bn", profit="10bn")
    record = result.to_record()
    check_document(record, "monitor-waterfall")
    assert [line["amount"] for line in record["lines"]] == [100e9, 200e9, 100e9]
    assert record["profit_to_us"] == 5e9
    assert record["from_pool"] == result.waterfall.from_pool


def test_add_reports_rejects_in_the_result(tmp_path: Path) -> None:
    path = tmp_path / "e.jsonl"
    path.write_text(
        '{"id": "a", "date": "2026-01-02", "type": "AID", "actors": ["us"]}\n'
        '{"id": "b", "date": "2026-01-02", "type": "AID"}\n',
        encoding="utf-8",
    )
    result = add_event_file(path, db=str(tmp_path / "db.sqlite"))
    record = result.to_record()
    check_document(record, "monitor-add")
    assert (record["n_inserted"], record["n_rejected"], record["n_events_stored"]) == (1, 1, 1)
    assert record["rejected"] == [
        {"file": str(path), "line": 2, "message": "actors: required key is missing"}
    ]


def test_add_reads_plover_records(tmp_path: Path) -> None:
    """``event_to_plover``'s shape, mixed with native records, stores the same events."""
    events = read_scenario(EXAMPLES / "renewed-invasion.yaml").events
    path = tmp_path / "mixed.jsonl"
    lines = [
        json.dumps(event_to_plover(e) if i % 2 else e.model_dump(mode="json"))
        for i, e in enumerate(events)
    ]
    lines.append(json.dumps({"id": "bad", "date": "2026-01-01", "event": ["AID", "AGREE"],
                             "actor": [{"code": "us"}]}))  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = str(tmp_path / "db.sqlite")
    result = add_event_file(path, db=db)
    assert result.report.n_inserted == len(events)
    assert [(d.line, d.message) for d in result.rejected] == [
        (len(events) + 1, "record 'bad' has event categories ['AID', 'AGREE']; accords keeps "
         "one per record: split it into one record per category")
    ]  # fmt: skip
    with open_store(db) as store:
        assert store.get(e.id for e in events) == {e.id: e for e in events}


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda c, tmp: monitor_status(c, "no-such-plan", db=str(tmp / "x.sqlite")),
         UnknownAgreementError, "unknown agreement 'no-such-plan'"),
        (lambda c, tmp: monitor_status(c, PLAN, db=str(tmp / "none.sqlite")),
         StoreError, "no event database at"),
        (lambda c, tmp: replay_scenario(c, "us-19-point-plan", EXAMPLES / "kept-ceasefire.yaml"),
         InputFormatError, "is a scenario for 'us-28-point-plan', not 'us-19-point-plan'"),
        (lambda c, tmp: monitor_waterfall(c, "lots"),
         ModelSpecificationError, "TOTAL must be an amount"),
    ],
    ids=["unknown-agreement", "no-database", "wrong-agreement", "bad-amount"],
)  # fmt: skip
def test_errors(corpus: Corpus, tmp_path: Path, call: Any, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        call(corpus, tmp_path)
    assert not (tmp_path / "none.sqlite").exists()  # reading never creates a database
