"""New entities: people, organisations and places an article names that the corpus does not.

Capitalised word sequences are proposed when the corpus's lexicon does not know them: places
when the gazetteer does, organisations when they hold an organisation word (``Institute``,
``Times``, ``Council``) or are written in capitals (``BBC``), people when they are two or three
capitalised words, and single words used mid-sentence (``Politico``, ``Axios``) as
organisations. Each is proposed once, with the sentence that introduces it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from accords.ingest.article import _ENGLISH
from accords.ingest.lexicon import DEMONYMS, Lexicon
from accords.ingest.places import CALENDAR_WORDS, gazetteer
from accords.ingest.text import Paragraph

__all__ = ["RawEntity", "find_entities"]

_SEQUENCE = re.compile(
    r"(?<![\w\-])(?:[A-Z][a-zA-Z'\-]*[a-z][a-zA-Z'\-]*|[A-Z]{2,6}|[A-Z]\.)"
    r"(?:\s+(?:of|for|the|de|von|der)?\s*(?:[A-Z][a-zA-Z'\-]*[a-z][a-zA-Z'\-]*|[A-Z]{2,6}|[A-Z]\.))*"
    r"(?![\w])"
)
_ORG = re.compile(
    r"\b(?:Institute|Times|Post|News|Council|Committee|Bank|Fund|Agency|Ministry|Party|"
    r"Union|Organization|Organisation|Foundation|Group|Forces|Army|Guard|Service|Office|"
    r"Court|Parliament|Assembly|Press|Journal|Telegraph|Herald|Tribune|Reuters|Axios|"
    r"Bloomberg|Politico|Associated)\b"
)
_GENERIC_ORG = re.compile(
    r"Institute|Council|Committee|Bank|Fund|Agency|Ministry|Party|Union|Organi[sz]ation|"
    r"Foundation|Group|Forces|Army|Guard|Service|Office|Court|Parliament|Assembly|Press"
)
_TITLES = frozenset(
    [
        "President",
        "Prime",
        "Minister",
        "Secretary",
        "Chancellor",
        "General",
        "Admiral",
        "Envoy",
        "Special",
        "Foreign",
        "Defense",
        "Defence",
        "State",
        "Press",
        "Senator",
        "Ambassador",
        "Chief",
        "Head",
        "Vice",
        "Deputy",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "King",
        "Queen",
        "Pope",
        "Sir",
        "Lord",
        "Lady",
        "Spokesman",
        "Spokeswoman",
        "Commander",
        "Colonel",
        "Marshal",
    ]
)
_STOP = CALENDAR_WORDS | frozenset(
    [
        "I",
        "I'm",
        "I've",
        "We",
        "You",
        "They",
        "He",
        "She",
        "It",
        "Its",
        "This",
        "That",
        "These",
        "Those",
        "There",
        "Here",
        "What",
        "Why",
        "How",
        "When",
        "Where",
        "Who",
        "Which",
        "Whatever",
        "Yes",
        "No",
        "Not",
        "Now",
        "Then",
        "Still",
        "Yet",
        "Also",
        "Just",
        "Even",
        "Only",
        "Meanwhile",
        "However",
        "Despite",
        "Although",
        "While",
        "Because",
        "Since",
        "After",
        "Before",
        "During",
        "Until",
        "Unless",
        "Whether",
        "Perhaps",
        "Maybe",
        "Translation",
        "Breaking",
        "Note",
        "Recall",
        "See",
        "Read",
        "Think",
        "Imagine",
        "Harsh",
        "Good",
        "Final",
        "Related",
        "Author",
        "Contact",
        "Many",
        "Most",
        "Some",
        "Any",
        "Every",
        "Each",
        "Both",
        "Either",
        "Neither",
        "Such",
        "One",
        "Two",
        "Three",
        "Four",
        "Five",
        "Six",
        "Seven",
        "Eight",
        "Nine",
        "Ten",
        "First",
        "Second",
        "Third",
        "Last",
        "Next",
        "Other",
        "Another",
        "Western",
        "Eastern",
        "Northern",
        "Southern",
        "Global",
        "West",
        "East",
        "North",
        "South",
        "Article",
        "Point",
        "Points",
        "Plan",
        "Deal",
        "Peace",
        "War",
        "Key",
        "Security",
        "Agreement",
        "Proposal",
        "Provisions",
        "Measures",
        "Military",
        "Territorial",
        "Cultural",
        "Political",
        "Frozen",
        "Additional",
        "Broader",
        "Massive",
        "Bilateral",
        "Multinational",
        "Internationally",
        "Lifting",
        "Recognition",
        "Neutrality",
        "Energy",
        "Ceasefire",
        "Legal",
        "Limit",
        "Reduce",
        "Surrender",
        "Absorbed",
        "Provided",
        "Endured",
        "Experienced",
        "Accepting",
        "Rejecting",
        "Critics",
        "Sources",
        "Soldiers",
        "Cities",
        "Whatever",
        "History",
        "Classic",
        "Team",
        "Europe's",
        "Ukraine's",
        "Russia's",
    ]
)
_DEMONYM_WORDS = frozenset(w for forms in DEMONYMS.values() for f in forms for w in f.split())


@dataclass(frozen=True)
class RawEntity:
    """A new entity named at ``start:end``, with its type and introducing sentence."""

    start: int
    end: int
    name: str
    type: Literal["person", "organisation", "place"]
    country: str | None
    admin1: str | None
    sentence: tuple[int, int]
    score: float
    rule: str


def _clean(name: str, known: frozenset[str] = frozenset()) -> str:
    words = name.split()
    while words and (
        words[0] in known
        or words[0].removesuffix("'s").removesuffix("\u2019s") in known
        or words[0] in _TITLES
        or words[0] in _STOP
        or words[0] in _DEMONYM_WORDS
        or words[0].lower() in _ENGLISH
    ):
        words = words[1:]
    while words and words[-1] in ("of", "for", "the", "de", "von", "der"):
        words = words[:-1]
    return " ".join(words).removesuffix("'s").removesuffix("\u2019s")


def find_entities(text: str, paragraphs: list[Paragraph], lexicon: Lexicon) -> list[RawEntity]:
    """People, organisations and places named in ``text`` that the lexicon does not know."""
    places = gazetteer()
    known = set(lexicon.forms) | lexicon.issue_words
    known_words = lexicon.known_words | _DEMONYM_WORDS
    lowered = {w.lower() for w in re.findall(r"\b[a-z][a-z'\-]+\b", text)}
    found: dict[str, RawEntity] = {}
    for para in paragraphs:
        for s_start, s_end in para.sentences:
            tokens = text[s_start:s_end].split()
            if sum(t[:1].isupper() for t in tokens) > 0.6 * len(tokens):
                continue  # a headline in title case
            for match in _SEQUENCE.finditer(text, s_start, s_end):
                raw = match.group(0)
                name = _clean(raw, known_words)
                if not name or name in found or name in known or len(name) < 3:
                    continue
                words = name.split()
                if any(w in known_words or w.split("-")[0] in known_words for w in words):
                    continue
                if "-" in name and any(p[:1].islower() for p in name.split("-")):
                    continue
                if any(m.start == 0 and m.end == len(name) for m in lexicon.mentions(name)):
                    continue
                start = match.start() + raw.find(words[0])
                end = start + len(name)
                sentence_initial = text[s_start:start].strip(" \u201c\"'(") == ""
                place = places.get(name)
                if place is not None and len(words) <= 3:
                    if (
                        place.kind == "country"
                        or (lexicon.mentions(name) and place.population < 100_000)
                    ) and lexicon.mentions(name):
                        continue
                    found[name] = RawEntity(
                        start,
                        end,
                        name,
                        "place",
                        place.country,
                        place.admin1,
                        (s_start, s_end),
                        0.7,
                        f"entity:gazetteer:{place.kind}",
                    )
                    continue
                if name.lower() in _ENGLISH or name.lower() in lowered:
                    continue
                kind: Literal["person", "organisation", "place"]
                if len(words) == 1 and any(n.endswith(" " + name) for n in found):
                    continue  # the last name of a person already proposed
                if len(words) == 1 and _GENERIC_ORG.fullmatch(name):
                    continue  # a generic word ("Ministry") left of a known name
                if _ORG.search(name) or (name.isupper() and len(name) >= 2):
                    kind, score, rule = "organisation", 0.6, "entity:organisation-word"
                elif 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words):
                    kind, score, rule = "person", 0.5, "entity:person-name"
                elif len(words) == 1 and not sentence_initial:
                    kind, score, rule = "organisation", 0.35, "entity:capitalised-word"
                else:
                    continue
                found[name] = RawEntity(
                    start, end, name, kind, None, None, (s_start, s_end), score, rule
                )
    return sorted(found.values(), key=lambda e: e.start)
