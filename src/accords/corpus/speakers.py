"""Who said it: the representative a stance's quote comes from, where the corpus names one.

A stance belongs to a party (``russia``); its quote usually comes from a person
(``Vladimir Putin``). The corpus lists each party's representatives in ``parties.yaml``; this
module finds which of them a quote is attributed to, looking, in this order, at

1. the quote itself, where it is the writer's narration and the person speaks or takes a
   position in it (``Macron, standing alongside Zelensky, echoed ...``; not ``if presented to
   Putin``); names inside a quotation are what the speaker talks about;
2. for a quotation, the source text around it: the name after it in the same sentence
   (``", Kallas told media``), else the last name before it in its paragraph whose sentence
   has a verb of speech (``Putin ... declared that ...``, then ``He laid out his hardline
   terms:``), within :data:`CONTEXT_CHARS` characters; if that person speaks for another
   party, the quote is attributed to nobody;
3. the stance's ``notes``, where they credit the person: named first (``Von der Leyen's
   second critical element``), in parentheses, or speaking; a person the notes merely
   mention (``key to Putin's decision``) is not the speaker.

The person is matched by full name or by surname (the name without its first word, so
``von der Leyen`` and ``Cavo Dragone`` work), case-insensitively, on word boundaries. Only the
party's own representatives and those of its members are considered, so a quote is never put
in the mouth of another party's envoy. ``basis`` says which of the three steps found the
speaker: a reader can weigh a name read off the context accordingly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from accords.corpus.quotes import normalise_text
from accords.formatting import format_date
from accords.model import Corpus, Evidence, Representative, Stance

__all__ = ["CONTEXT_CHARS", "Speaker", "attribute_stance", "find_speaker"]

#: How far before a quote the source text is searched for the speaker's name.
CONTEXT_CHARS = 400


@dataclass(frozen=True)
class Speaker:
    """A representative a quote is attributed to, and how that was found.

    ``basis`` is ``"quote"``, ``"notes"`` or ``"source context"``.
    """

    name: str
    role: str | None
    basis: str

    @property
    def surname(self) -> str:
        """The name without its first word (``von der Leyen``); the name if it is one word."""
        return _surname(self.name)


def _surname(name: str) -> str:
    parts = name.split()
    return " ".join(parts[1:]) if len(parts) > 1 else name


@cache
def _pattern(name: str) -> re.Pattern[str]:
    names = {name, _surname(name)}
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    # "the Trump administration" is the government, not the person.
    return re.compile(
        rf"(?<![\w-])(?:{alternatives})(?![\w-])(?!\s+(?:administration|team)\b)",
        re.IGNORECASE,
    )


def _candidates(corpus: Corpus, party: str) -> list[Representative]:
    found: list[Representative] = []
    ids = [party, *sorted(corpus.members_of(party))]
    parties = {p.id: p for p in corpus.parties}
    for pid in ids:
        if pid in parties:
            found.extend(r for r in parties[pid].representatives if r not in found)
    return found


def _named_in(text: str, people: list[Representative]) -> Representative | None:
    """The person named first in ``text``."""
    best: tuple[int, Representative] | None = None
    for person in people:
        match = _pattern(person.name).search(text)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), person)
    return best[1] if best else None


_SPEECH = re.compile(
    r"\b(said|says|say|declared|told|put it|laid out|warned|insisted|added|stated|wrote"
    r"|argued|announced|emphasi[sz]ed|according to)\b",
    re.IGNORECASE,
)


_STANCE_VERBS = re.compile(
    r"\b(ruled out|rejected|echoed|tried|wants?|demanded|called|stance|position|refused"
    r"|accepted|agreed|proposed|pushed|urged|described|made clear)\b",
    re.IGNORECASE,
)


def _subject_in(text: str, people: list[Representative]) -> Representative | None:
    """The first person in ``text`` whose own sentence has them speak or take a position
    (``President Trump has also ruled out ...``), not one merely mentioned (``presented to
    Putin``)."""
    best: tuple[int, Representative] | None = None
    for person in people:
        for match in _pattern(person.name).finditer(text):
            rest = re.split(r"[.!?](?:\s|$)", text[match.end() : match.end() + 100], maxsplit=1)
            if _SPEECH.search(rest[0]) or _STANCE_VERBS.search(rest[0]):
                if best is None or match.start() < best[0]:
                    best = (match.start(), person)
                break
    return best[1] if best else None


def _named_before(text: str, end: int, people: list[Representative]) -> Representative | None:
    """The last person in the ``CONTEXT_CHARS`` characters of ``text`` before ``end`` whose
    sentence says they spoke (``Putin, speaking in Bishkek, declared``)."""
    start = max(0, end - CONTEXT_CHARS)
    window = text[start:end]
    best: tuple[int, Representative] | None = None
    for person in people:
        for match in _pattern(person.name).finditer(window):
            rest = re.split(r"[.!?](?:\s|$)", window[match.end() : match.end() + 100], maxsplit=1)
            if _SPEECH.search(rest[0]) and (best is None or match.start() > best[0]):
                best = (match.start(), person)
    return best[1] if best else None


def find_speaker(
    corpus: Corpus, party: str, evidence: Evidence, *, notes: str | None = None
) -> Speaker | None:
    """The representative of ``party`` that ``evidence`` quotes, or None if none is named.

    Examples
    --------
    >>> from accords import load_corpus
    >>> corpus = load_corpus()
    >>> quote = next(s.evidence[0] for s in corpus.stances
    ...              if s.party == "russia" and s.evidence
    ...              and s.evidence[0].quote.startswith('"If Ukrainian'))
    >>> find_speaker(corpus, "russia", quote)
    Speaker(name='Vladimir Putin', role='President', basis='source context')
    """
    people = _candidates(corpus, party)
    if not people:
        return None
    direct = evidence.quote.lstrip().startswith(('"', "\u201c"))
    if not direct:
        named = _subject_in(evidence.quote, people)
        if named is not None:
            return Speaker(named.name, named.role, "quote")
    everyone = [r for p in corpus.parties for r in p.representatives]
    named = _named_around(corpus.texts.get(evidence.source, ""), evidence.quote, everyone)
    if named is not None:
        # Someone else's words (Zelensky quoting what Putin wants) are nobody's here.
        return Speaker(named.name, named.role, "source context") if named in people else None
    if notes:
        named = _credited_in(notes.strip(), people)
        if named is not None:
            return Speaker(named.name, named.role, "notes")
    return None


def _credited_in(notes: str, people: list[Representative]) -> Representative | None:
    """The person the notes credit with the quote: named first (``Von der Leyen's second
    critical element``), in parentheses (``"That is the main problem" (Zelensky)``), or
    speaking (``Rubio said``); not one merely mentioned (``key to Putin's decision``)."""
    for person in people:
        for match in _pattern(person.name).finditer(notes):
            if match.start() == 0 or notes[: match.start()].endswith("("):
                return person
    return _subject_in(notes, people)


@cache
def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(normalise_text(p) for p in text.splitlines() if p.strip())


def _named_around(text: str, quote: str, people: list[Representative]) -> Representative | None:
    """The person a direct quotation in ``text`` is attributed to, if the text says.

    Only a quotation (inside quotation marks) is attributed: the name that follows it in the
    same sentence (``", Kallas told``), else the last name before it in its paragraph, or in
    the paragraph before where the quotation opens its paragraph.
    """
    wanted = normalise_text(quote).strip('"')
    paragraphs = _paragraphs(text)
    for k, paragraph in enumerate(paragraphs):
        at = paragraph.find(wanted)
        if at < 0:
            continue
        before = paragraph[:at]
        if before.count('"') % 2 == 0:  # not inside quotation marks: the writer's own words
            return None
        end = at + len(wanted)
        after = paragraph[end : end + 60].split(".", 1)[0]
        named = _named_in(after, people)
        if named is None:
            named = _named_before(before, len(before), people)
        if named is None and len(before.strip()) <= 1 and k > 0:
            previous = paragraphs[k - 1]
            named = _named_before(previous, len(previous), people)
        return named
    return None


def _clip(quote: str, width: int) -> str:
    quote = normalise_text(quote).strip('"')
    if len(quote) <= width:
        return quote
    cut = quote[:width].rsplit(" ", 1)[0]
    return cut + "…"


def attribute_stance(corpus: Corpus, stance: Stance, *, width: int = 60) -> str:
    """Who holds a stance, as a reason should say it: party, speaker, date and the quote.

    ``Russian Federation (Putin, 2 Dec 2025): 'If Ukrainian forces leave the territories…'``;
    the parts the corpus does not give are left out (``Ukraine`` alone for a stance with
    neither a quote nor a date).

    Examples
    --------
    >>> from accords import load_corpus
    >>> corpus = load_corpus()
    >>> stance = next(s for s in corpus.stances if s.party == "russia" and s.evidence
    ...               and s.evidence[0].quote.startswith('"If Ukrainian'))
    >>> attribute_stance(corpus, stance, width=30)
    "Russian Federation (Putin, 2 Dec 2025): 'If Ukrainian forces leave the…'"
    """
    parties = {p.id: p for p in corpus.parties}
    name = parties[stance.party].name if stance.party in parties else stance.party
    details: list[str] = []
    quote = stance.evidence[0] if stance.evidence else None
    if quote is not None:
        speaker = find_speaker(corpus, stance.party, quote, notes=stance.notes)
        if speaker is not None:
            details.append(speaker.surname)
    if stance.as_of is not None:
        details.append(format_date(stance.as_of))
    text = name + (f" ({', '.join(details)})" if details else "")
    if quote is not None:
        text += f": '{_clip(quote.quote, width)}'"
    return text
