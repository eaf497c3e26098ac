"""The rules one by one, on sentences written for the test (not taken from the sources)."""

from __future__ import annotations

import datetime

import pytest

from accords.ingest import extract_candidates, parse_article
from accords.ingest.attribution import classify_modality, classify_polarity
from accords.ingest.candidates import EventCandidate, StatementCandidate
from accords.ingest.dates import find_dates
from accords.ingest.places import find_places
from accords.model import Corpus

DAY = datetime.date(2025, 12, 3)  # a Wednesday


def statements(corpus: Corpus, text: str) -> list[StatementCandidate]:
    article = parse_article(text.encode(), name="t.txt", published=DAY)
    return [
        c
        for c in extract_candidates(article, corpus).candidates
        if isinstance(c, StatementCandidate)
    ]


def events(corpus: Corpus, text: str) -> list[EventCandidate]:
    article = parse_article(text.encode(), name="t.txt", published=DAY)
    return [
        c for c in extract_candidates(article, corpus).candidates if isinstance(c, EventCandidate)
    ]


ATTRIBUTION = [
    (
        "Witkoff will meet Putin in Moscow on Tuesday, the Kremlin said.",
        "russia",
        "reported",
        "neutral",
        "Witkoff will meet",
    ),
    (
        "The talks were useful and constructive, said Zelensky.",
        "ukraine",
        "reported",
        "supports",
        "talks were useful",
    ),
    # text, speaker, attribution, polarity, words the statement must contain
    (
        "Zelenskyy said Ukraine would never give up Donetsk.",
        "ukraine",
        "reported",
        "rejects",
        "never give up",
    ),
    (
        "\u201cWe will not accept any limits on our army,\u201d Zelensky told reporters in Kyiv.",
        "ukraine",
        "direct",
        "rejects",
        "limits on our army",
    ),
    (
        "The Kremlin's foreign-policy aide said the plan was a good basis for talks.",
        "russia",
        "reported",
        "supports",
        "good basis",
    ),
    (
        "Macron insisted: \u201cThere can be no deal over the heads of Ukraine and Europe.\u201d",
        "france",
        "direct",
        "rejects",
        "no deal",
    ),
    (
        "Russian officials rejected the idea of a ceasefire first.",
        "russia",
        "reported",
        "rejects",
        "ceasefire first",
    ),
    (
        "Starmer, speaking in London, warned that a deal without guarantees would fail.",
        "uk",
        "reported",
        "rejects",
        "without guarantees",
    ),
    (
        "Kallas arrived late. She said the Union would keep its sanctions if Moscow did not "
        "withdraw.",
        "eu",
        "reported",
        "conditional",
        "keep its sanctions",
    ),
    (
        "Ukraine will hold elections, according to Kyiv, once the fighting stops for good.",
        "ukraine",
        "according-to",
        "neutral",
        "hold elections",
    ),
    (
        "Wiktoff told the press that the plan was being refined.",
        "us",
        "reported",
        "supports",
        "refined",
    ),
]


@pytest.mark.parametrize(
    ("text", "speaker", "attribution", "polarity", "words"),
    ATTRIBUTION,
    ids=[row[0][:40] for row in ATTRIBUTION],
)
def test_attribution(
    corpus: Corpus, text: str, speaker: str, attribution: str, polarity: str, words: str
) -> None:
    found = [s for s in statements(corpus, text) if words in s.quote]
    assert found, statements(corpus, text)
    st = found[0]
    assert (st.speaker, st.attribution, st.polarity) == (speaker, attribution, polarity)
    assert text[st.start : st.end] == st.quote


def test_odd_number_of_quotation_marks(corpus: Corpus) -> None:
    text = (
        "Putin told reporters: \u201cWe will stop combat operations when the troops leave.\n"
        "\u201cThe rest is up to Kyiv,\u201d he added."
    )
    found = statements(corpus, text)
    quotes = [s.quote for s in found]
    assert "We will stop combat operations when the troops leave." in quotes
    assert all(s.speaker == "russia" for s in found)


def test_pronoun_takes_the_paragraph_speaker(corpus: Corpus) -> None:
    text = "Rubio met the delegation on Sunday. Afterwards he said the talks had been productive."
    found = statements(corpus, text)
    assert [(s.speaker, s.person) for s in found] == [("us", "Marco Rubio")]


def test_new_speaker_is_proposed(corpus: Corpus) -> None:
    found = statements(corpus, "Analyst Maria Kovalenko said the front was holding for now.")
    assert [(s.speaker, s.new_speaker) for s in found] == [(None, "Maria Kovalenko")]


def test_people_introduced_with_a_party_title_speak_for_it(corpus: Corpus) -> None:
    text = (
        "Kremlin spokesman Dmitry Peskov said the draft was being studied. "
        "\u201cWe are studying it carefully,\u201d Peskov told reporters.\n"
        "Yuri Ushakov, the Kremlin's foreign-policy aide, told state media that talks would go on."
    )
    found = statements(corpus, text)
    assert {(s.speaker, s.new_speaker) for s in found} == {
        ("russia", "Dmitry Peskov"),
        ("russia", "Yuri Ushakov"),
    }
    assert any(s.attribution == "direct" and s.quote.startswith("We are") for s in found)
    ushakov = next(s for s in found if s.new_speaker == "Yuri Ushakov")
    assert ushakov.quote == "talks would go on"


@pytest.mark.parametrize(
    "text",
    [
        "It was said that the weather in the region was cold today.",
        "The Russian draft was described by insiders as tilted toward Moscow.",
        "If the Europeans agree to the plan, Kyiv will be alone.",
    ],
)
def test_no_statement_without_a_speaker(corpus: Corpus, text: str) -> None:
    assert statements(corpus, text) == []


@pytest.mark.parametrize(
    ("cue", "text", "expected"),
    [
        ("reject", "the plan", "rejects"),
        ("speech", "the talks were constructive and useful", "supports"),
        ("speech", "we will stop if they leave", "conditional"),
        ("speech", "this is unacceptable to us", "rejects"),
        ("speech", "there is more work to be done", "neutral"),
        ("support", "quick elections in Ukraine", "supports"),
    ],
)
def test_polarity(cue: str, text: str, expected: str) -> None:
    assert classify_polarity(cue, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("he will not negotiate away land", "negated"),
        ("troops could operate in the west", "hypothetical"),
        ("we will stop combat operations", "future"),
        ("as he had said in 2022, the West waited", "historical"),
        ("the talks were productive", "asserted"),
    ],
)
def test_modality(text: str, expected: str) -> None:
    assert classify_modality(text) == expected


@pytest.mark.parametrize(
    ("sentence", "date", "precision"),
    [
        ("They will meet on Tuesday.", "2025-12-09", "day"),
        ("They met on Tuesday.", "2025-12-02", "day"),
        ("They met on Wednesday.", "2025-12-03", "day"),
        ("The strike came yesterday.", "2025-12-02", "day"),
        ("Talks were held in late October.", "2025-10-01", "month"),
        ("Talks resumed in mid-November.", "2025-11-01", "month"),
        ("On December 2, 2025, the envoy landed.", "2025-12-02", "day"),
        ("The call of February 12 mattered.", "2025-02-12", "day"),
        ("It began in 2022.", "2022-01-01", "year"),
        ("He is expected to arrive next week.", "2025-12-10", "day"),
    ],
)
def test_dates(sentence: str, date: str, precision: str) -> None:
    found = find_dates(sentence, DAY)
    assert [(d.date.isoformat(), d.precision) for d in found][:1] == [(date, precision)]


@pytest.mark.parametrize(
    ("sentence", "name", "admin1"),
    [
        ("Fighting near Siversk went on.", "Siversk", "UA-14"),
        ("Russia claims Vovchansk.", "Vovchansk", "UA-63"),
        ("Talks in Geneva.", "Geneva", "CH-GE"),
        ("The delegates flew to Florida.", "Florida", "US-FL"),
        ("A strike on Kharkiv.", "Kharkiv", "UA-63"),
        ("Shelling of Zaporizhzhia.", "Zaporizhzhia", "UA-23"),
        ("A rally in Moscow.", "Moscow", "RU-MOW"),
    ],
)
def test_places(sentence: str, name: str, admin1: str) -> None:
    found = [(p.name, p.admin1) for p in find_places(sentence) if p.kind != "country"]
    assert (name, admin1) in found


EVENTS = [
    (
        "Witkoff will meet Putin in Moscow on Tuesday.",
        "CONSULT",
        None,
        {"us", "russia"},
        "2025-12-09",
        "RU-MOW",
        "claimed",
    ),
    (
        "Russian forces claimed on Monday to have captured Siversk, but Ukraine denied it.",
        "COERCE",
        "seize",
        {"russia"},
        "2025-12-01",
        "UA-14",
        "disputed",
    ),
    (
        "A Russian missile attack on Kharkiv yesterday killed four people.",
        "ASSAULT",
        "missile",
        {"russia"},
        "2025-12-02",
        "UA-63",
        "claimed",
    ),
    (
        "Umerov and Rubio held talks in Geneva on Sunday.",
        "CONSULT",
        None,
        {"ukraine", "us"},
        "2025-11-30",
        "CH-GE",
        "claimed",
    ),
]


@pytest.mark.parametrize(
    ("text", "etype", "mode", "actors", "date", "admin1", "certainty"),
    EVENTS,
    ids=[row[0][:40] for row in EVENTS],
)
def test_events(
    corpus: Corpus,
    text: str,
    etype: str,
    mode: str | None,
    actors: set[str],
    date: str,
    admin1: str,
    certainty: str,
) -> None:
    found = events(corpus, text)
    assert found, "no event"
    e = found[0].event
    assert (e["type"], e.get("mode"), e["date"], e["location"]["admin1"], e["certainty"]) == (
        etype,
        mode,
        date,
        admin1,
        certainty,
    )
    assert actors <= set(e["actors"])
    if certainty == "disputed":
        assert e["disputed_by"] == ["ukraine"]


def test_hypothetical_sentence_without_date_gives_no_event(corpus: Corpus) -> None:
    assert events(corpus, "If Russia attacked again, NATO would meet to respond.") == []
