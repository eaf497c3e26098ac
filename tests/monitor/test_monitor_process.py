"""The embedded corpus' own event log (issue 11): every reported event, with its quote."""

from __future__ import annotations

import pytest

from accords import load_corpus
from accords.corpus import normalise_text
from accords.exceptions import CorpusError
from accords.model import Corpus
from accords.monitor import Event, parse_process_events, process_events


@pytest.fixture(scope="module")
def events() -> dict[str, Event]:
    return {e.id: e for e in process_events()}


# id, date (None: unknown), precision, certainty, a passage its evidence must quote
EXPECTED = [
    ("miami-us-russia-talks-october", "2025-10-01", "month", "claimed", "in late October"),
    ("miami-us-russia-talks-november", "2025-11-01", "month", "claimed", "mid-November"),
    ("plan-28-leaked", "2025-11-20", "day", "claimed", "which leaked on November 20, 2025"),
    ("geneva-talks", None, "unknown", "claimed", "participating in the Geneva talks"),
    ("us-thanksgiving-deadline", None, "unknown", "claimed", "Sign it as is by Thanksgiving"),
    ("us-deadline-softened", None, "unknown", "claimed", "self-retraded into"),
    ("florida-talks", None, "unknown", "claimed", "two days of intense negotiations in Florida"),
    ("yermak-resigned", None, "unknown", "claimed", "replacing Andriy Yermak"),
    ("miami-us-ukraine-meeting", "2025-11-30", "day", "claimed", "for some five hours on Sunday"),
    ("macron-zelensky-press-conference", "2025-12-01", "day", "claimed",
     "joint press conference with French President Emmanuel Macron on December 1"),
    ("moscow-meeting", "2025-12-02", "day", "claimed", "was also slated to attend the summit"),
    ("pokrovsk-vovchansk-capture-claim", "2025-12-01", "month", "disputed",
     "Russian officials claimed to have captured the key towns of Pokrovsk"),
    ("witkoff-audio-leaked", None, "unknown", "claimed", "leaked audio recording surfaced"),
    ("nato-preemptive-strike-talk", "2025-12-01", "day", "claimed",
     "discussing the possibility of a preemptive strike on Russia"),
]  # fmt: skip


@pytest.mark.parametrize(("event_id", "day", "precision", "certainty", "passage"), EXPECTED,
                         ids=[row[0] for row in EXPECTED])  # fmt: skip
def test_every_reported_event_is_in_the_log_with_its_quote(
    events: dict[str, Event],
    event_id: str,
    day: str | None,
    precision: str,
    certainty: str,
    passage: str,
) -> None:
    event = events[event_id]
    assert (event.date.isoformat() if event.date else None) == day
    assert (event.date_precision, event.certainty) == (precision, certainty)
    assert any(passage in (e.quote or "") for e in event.evidence)
    texts = load_corpus().texts
    for e in event.evidence:
        assert normalise_text(e.quote or "") in normalise_text(texts[e.source])


def test_pokrovsk_is_a_disputed_claim_not_a_fact(events: dict[str, Event]) -> None:
    claim = events["pokrovsk-vovchansk-capture-claim"]
    assert claim.certainty == "disputed"
    assert claim.claimed_by == ("Russian officials",)
    assert len(claim.disputed_by) == 2


def test_the_thanksgiving_words_are_the_commentarys_not_rubios(events: dict[str, Event]) -> None:
    for event_id in ("us-thanksgiving-deadline", "us-deadline-softened"):
        assert "paraphrase" in (events[event_id].text or "")
        assert events[event_id].claimed_by == ("why-the-deal-fails (commentary)",)


def test_an_undated_event_cannot_be_replayed(events: dict[str, Event]) -> None:
    with pytest.raises(ValueError, match="no known date"):
        _ = events["geneva-talks"].day


def test_a_corpus_built_in_memory_has_no_log() -> None:
    corpus = load_corpus()
    assert process_events(corpus.model_copy(update={"directory": None})) == ()
    assert process_events(corpus) == process_events()


GOOD = """events:
  - id: e1
    date: 2025-12-02
    type: CONSULT
    actors: [us, russia]
    evidence:
      - {source: putin-witkoff-summit, quote: "On Tuesday, December 2, 2025"}
"""
BAD = [
    ("unknown-actor", GOOD.replace("[us, russia]", "[us, martians]"),
     r"actor 'martians' is not a party of the corpus"),
    ("quote-not-verbatim", GOOD.replace("On Tuesday", "On Wednesday"),
     r"quote not found in source 'putin-witkoff-summit'"),
    ("unknown-source", GOOD.replace("source: putin-witkoff-summit", "source: the-times"),
     r"evidence names source 'the-times'"),
    ("no-evidence", GOOD.split("    evidence:")[0], r"no evidence"),
    ("guessed-date-with-unknown-precision",
     GOOD.replace("date: 2025-12-02", "date: 2025-12-02\n    date_precision: unknown"),
     r"leave date out"),
    ("no-date", GOOD.replace("    date: 2025-12-02\n", ""), r"needs a date"),
]  # fmt: skip


def test_a_sound_log_parses() -> None:
    (event,) = parse_process_events(GOOD, load_corpus())
    assert event.id == "e1"


@pytest.mark.parametrize(("text", "match"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_logs_are_refused_with_file_and_line(text: str, match: str) -> None:
    corpus: Corpus = load_corpus()
    with pytest.raises(CorpusError, match=match) as info:
        parse_process_events(text, corpus)
    assert "events.yaml:" in str(info.value)
