"""The process's events are searched beside the corpus, and a disputed claim reads as one."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from accords import load_corpus
from accords.explore import event_items, search_with_events
from accords.monitor import process_events


def test_every_process_event_becomes_one_search_item() -> None:
    events = process_events(load_corpus())
    items = event_items(events)
    assert [i.id for i in items] == [e.id for e in events]
    assert all(i.title.startswith(e.certainty) for i, e in zip(items, events, strict=True))


@pytest.mark.parametrize(
    ("query", "event_id"),
    [
        ("Pokrovsk", "pokrovsk-vovchansk-capture-claim"),
        ("Vovchansk", "pokrovsk-vovchansk-capture-claim"),
    ],
)
def test_search_leads_to_the_disputed_claim(query: str, event_id: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", "from accords.cli.main import main; main()", "search", query,
         "-f", "json"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    top = json.loads(done.stdout)["hits"][0]
    assert (top["kind"], top["id"]) == ("event", event_id)
    assert top["title"].startswith("disputed")


def test_kind_filter_keeps_events_only() -> None:
    result = search_with_events(load_corpus(), "Miami talks", kinds=["event"], limit=5)
    assert result.hits
    assert {h.kind for h in result.hits} == {"event"}


def test_stance_rows_carry_each_fields_basis() -> None:
    """An inferred or assumed field is marked as such in every stance row (issue 11)."""
    from accords import list_stances

    corpus = load_corpus()
    rows = list_stances(corpus).rows
    for row in rows:
        assert row.basis == corpus.stances[row.index].field_bases()
    assert any("inferred" in row.basis.values() for row in rows)
