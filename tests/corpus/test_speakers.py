"""Who said it: speakers found in the quote, around it in the source, or in the notes, and
never another party's person."""

from __future__ import annotations

import pytest

from accords import load_corpus
from accords.analysis import assess_acceptability
from accords.corpus.speakers import attribute_stance, find_speaker
from accords.model import Corpus, Evidence


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus()


@pytest.mark.parametrize(
    ("party", "source", "quote", "speaker", "basis"),
    [
        (
            "russia",
            "putin-witkoff-summit",
            '"If Ukrainian forces leave',
            "Vladimir Putin",
            "source context",
        ),
        (
            "eu",
            "why-the-deal-fails",
            '"First, borders cannot be changed by force.',
            "Ursula von der Leyen",
            "source context",
        ),
        (
            "france",
            "putin-witkoff-summit",
            "Macron, standing alongside Zelensky",
            "Emmanuel Macron",
            "quote",
        ),
        # Zelensky quoting what Putin wants: not Putin's words
        ("russia", "putin-witkoff-summit", '"Putin wants legal recognition', None, None),
        # Putin mentioned, not speaking
        ("russia", "antiwar-miami-meeting", "which the US plan leaves out", None, None),
        # the notes credit Rubio ("Rubio to the coalition of the willing ...")
        ("us", "antiwar-miami-meeting", "he made clear to all", "Marco Rubio", "notes"),
        # the notes only mention Putin ("key to Putin's decision")
        ("russia", "antiwar-miami-meeting", "despite this being very obviously", None, None),
    ],
    ids=[
        "context",
        "previous-paragraph",
        "narration",
        "other-party",
        "mention",
        "notes",
        "notes-mention",
    ],
)
def test_find_speaker(
    corpus: Corpus, party: str, source: str, quote: str, speaker: str | None, basis: str | None
) -> None:
    stance, evidence = next(
        (s, e)
        for s in corpus.stances
        for e in s.evidence
        if s.party == party and e.source == source and e.quote.startswith(quote)
    )
    found = find_speaker(corpus, party, evidence, notes=stance.notes)
    assert (found.name if found else None, found.basis if found else None) == (speaker, basis)


def test_no_representatives_no_speaker(corpus: Corpus) -> None:
    assert find_speaker(corpus, "germany", Evidence(source="why-the-deal-fails", quote="x")) is None


def test_reasons_name_the_speaker_and_date(corpus: Corpus) -> None:
    matrix = assess_acceptability(corpus, "moscow-package")
    reason = matrix.cell("russia", "1").reason
    assert "Russian Federation (Putin, 2 Dec 2025): 'If Ukrainian forces leave" in reason
    assert "'s stance" not in " ".join(c.reason for c in matrix.cells)
    stance = next(s for s in corpus.stances if s.party == "ukraine" and not s.evidence)
    assert attribute_stance(corpus, stance) == "Ukraine"
