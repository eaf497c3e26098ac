"""Ranked search across everything a corpus says: texts, quotes, notes, names and sources.

Every field a reader may look for becomes one :class:`SearchItem` (a provision's text, its
notes, a variant, a stance's quote, a person's name and role, a paragraph of a source...).
:func:`search_corpus` scores each item against the query with BM25 (Robertson & Zaragoza
2009) over word tokens, where a query word also matches a word of the item that is close in
spelling (``rapidfuzz`` ratio >= :data:`FUZZY_CUTOFF`, weighted by that ratio) or that it
begins (``negotiat`` -> ``negotiators``). Items holding the whole query as a phrase, and
names, count more; items matching only some of the query words count less.

Other kinds of document (the process events of a corpus, a monitor's events) are searched
alongside by passing them as ``extra``: anything that is a :class:`SearchItem`.

References
----------
S. Robertson and H. Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond",
Foundations and Trends in Information Retrieval 3(4), 2009.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from rapidfuzz import fuzz, process

from accords.corpus.quotes import normalise_text
from accords.exceptions import ModelSpecificationError
from accords.explore.stances import FrozenRow
from accords.model import Corpus
from accords.model.documents import Document

__all__ = [
    "FUZZY_CUTOFF",
    "KINDS",
    "SearchDocument",
    "SearchHit",
    "SearchItem",
    "SearchResult",
    "corpus_documents",
    "search_corpus",
]

#: Smallest rapidfuzz ratio (0-100) at which two words count as the same word misspelt.
FUZZY_CUTOFF = 80.0
#: The kinds of item :func:`corpus_documents` makes.
KINDS = (
    "person",
    "party",
    "issue",
    "option",
    "agreement",
    "provision",
    "variant",
    "stance",
    "source",
)
_K1, _B = 1.2, 0.75
_WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")
_PASSAGE = 280


@dataclass(frozen=True)
class SearchItem:
    """One searchable field.

    Parameters
    ----------
    kind : str
        What it is (``provision``, ``stance``, ``person``...; free text for extra items).
    id : str
        How to look it up (``us-28-point-plan:10``, ``ukraine/nato-membership``).
    field : str
        Which field of it (``text``, ``notes``, ``quote``, ``paragraph 3``...).
    title : str
        A short heading for the hit.
    text : str
        The searched text.
    weight : float
        Multiplies the item's score (names: 1.5).
    """

    kind: str
    id: str
    field: str
    title: str
    text: str
    weight: float = 1.0


class SearchHit(FrozenRow):
    """One ranked hit: what it is, where, the passage and which query words it matched."""

    rank: int
    score: float
    kind: str
    id: str
    field: str
    title: str
    passage: str
    matched: list[str]


class SearchDocument(Document):
    """The ``accords search`` document."""

    kind: ClassVar[str] = "search"
    query: str
    kinds: list[str] | None
    n_hits: int
    hits: list[SearchHit]


@dataclass(frozen=True)
class SearchResult:
    """The ranked hits of one query (best first) and how many items matched in all."""

    query: str
    kinds: tuple[str, ...] | None
    n_matches: int
    hits: tuple[SearchHit, ...]

    def to_record(self) -> dict[str, Any]:
        """The versioned ``search`` document."""
        return SearchDocument.build(
            query=self.query,
            kinds=list(self.kinds) if self.kinds is not None else None,
            n_hits=self.n_matches,
            hits=list(self.hits),
        )


def _words(text: str) -> list[str]:
    words = [w.lower() for w in _WORD.findall(normalise_text(text))]
    return [w[:-2] if w.endswith("'s") else w for w in words]


def corpus_documents(corpus: Corpus) -> tuple[SearchItem, ...]:
    """Every searchable field of a corpus, one :class:`SearchItem` each.

    Examples
    --------
    >>> from accords import load_corpus
    >>> items = corpus_documents(load_corpus())
    >>> sorted({i.kind for i in items}) == sorted(KINDS)
    True
    """
    items: list[SearchItem] = []
    add = items.append
    for p in corpus.parties:
        add(SearchItem("party", p.id, "name", p.name, " ".join((p.name, p.id, *p.aliases)), 1.5))
        if p.notes:
            add(SearchItem("party", p.id, "notes", p.name, p.notes))
        for r in p.representatives:
            text = r.name + (f" — {r.role}" if r.role else "")
            add(SearchItem("person", p.id, "representative", f"{r.name} ({p.name})", text, 1.5))
    for i in corpus.issues:
        add(SearchItem("issue", i.id, "title", i.title, f"{i.title}. {i.description or ''}", 1.2))
        for o in i.options:
            add(SearchItem("option", f"{i.id}/{o.id}", "description", i.title, o.description))
    for a in corpus.agreements:
        add(SearchItem("agreement", a.id, "title", a.title, a.title, 1.2))
        if a.notes:
            add(SearchItem("agreement", a.id, "notes", a.title, a.notes))
        for prov in a.provisions:
            pid = f"{a.id}:{prov.label}"
            where = f"{a.title}, point {prov.label}"
            add(SearchItem("provision", pid, "text", where, prov.text))
            if prov.notes:
                add(SearchItem("provision", pid, "notes", where, prov.notes))
            for k, v in enumerate(prov.variants, 1):
                title = f"{where}, variant {k}"
                add(SearchItem("variant", pid, f"variant {k}", title, v.text))
    for s in corpus.stances:
        sid = f"{s.party}/{s.issue}"
        for e in s.evidence:
            add(
                SearchItem("stance", sid, f"quote ({e.source})", f"{s.party} on {s.issue}", e.quote)
            )
        if s.notes:  # a placeholder ("no evidence in the corpus") counts less than a position
            weight = 1.0 if s.is_known else 0.6
            add(SearchItem("stance", sid, "notes", f"{s.party} on {s.issue}", s.notes, weight))
    for src in corpus.sources:
        add(SearchItem("source", src.id, "title", src.title, src.title, 1.2))
        paragraphs = [t for t in corpus.texts.get(src.id, "").splitlines() if t.strip()]
        for n, paragraph in enumerate(paragraphs, 1):
            add(SearchItem("source", src.id, f"paragraph {n}", src.title, paragraph))
    return tuple(items)


def _passage(text: str, words: Sequence[str], matched: set[str]) -> str:
    """The text, or about :data:`_PASSAGE` characters of it around the first matched word."""
    flat = normalise_text(text)
    if len(flat) <= _PASSAGE:
        return flat
    positions = [m.start() for m in _WORD.finditer(flat) if m.group().lower() in matched]
    at = positions[0] if positions else 0
    start = max(0, at - _PASSAGE // 3)
    start = flat.rfind(" ", 0, start) + 1 if start else 0
    end = min(len(flat), start + _PASSAGE)
    if end < len(flat):
        end = max(flat.rfind(" ", start, end), at + 1)
    return ("…" if start else "") + flat[start:end].strip() + ("…" if end < len(flat) else "")


def search_corpus(
    corpus: Corpus,
    text: str,
    *,
    kinds: Iterable[str] | None = None,
    limit: int = 10,
    extra: Iterable[SearchItem] = (),
) -> SearchResult:
    """The items of a corpus that best match ``text``, best first.

    Parameters
    ----------
    corpus : Corpus
    text : str
        The query: words, a phrase or a name (misspellings within :data:`FUZZY_CUTOFF`).
    kinds : iterable of str, optional
        Keep only hits of these kinds (:data:`KINDS`, or those of ``extra``).
    limit : int
        At most this many hits (``n_matches`` counts them all).
    extra : iterable of SearchItem
        More items to search alongside the corpus (process events, monitor events...).

    Raises
    ------
    ModelSpecificationError
        If the query has no word, or ``limit`` is below 1.

    Examples
    --------
    >>> from accords import load_corpus
    >>> top = search_corpus(load_corpus(), "Umerov", limit=1).hits[0]
    >>> top.kind, top.id
    ('person', 'ukraine')
    """
    query = _words(text)
    if not query:
        raise ModelSpecificationError(f"search: expected a word to look for, got {text!r}")
    if limit < 1:
        raise ModelSpecificationError(f"search: limit must be at least 1, got {limit}")
    wanted = set(kinds) if kinds is not None else None
    items = [*corpus_documents(corpus), *extra]
    tokens = [_words(i.text) for i in items]
    n_items = len(items)
    avg = sum(len(t) for t in tokens) / max(n_items, 1)
    df: Counter[str] = Counter()
    for t in tokens:
        df.update(set(t))
    vocabulary = list(df)

    # Each query word -> the vocabulary words it matches, with a weight in (0, 1].
    variants: dict[str, dict[str, float]] = {}
    for q in dict.fromkeys(query):
        found = {q: 1.0} if q in df else {}
        if len(q) >= 4:
            for word, ratio, _ in process.extract(
                q, vocabulary, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=None
            ):
                found.setdefault(word, 0.8 * (ratio / 100) ** 2)
            for word in vocabulary:
                if word.startswith(q) and word != q:
                    found.setdefault(word, 0.9)
        variants[q] = found

    def idf(word: str) -> float:
        return math.log(1 + (n_items - df[word] + 0.5) / (df[word] + 0.5))

    phrase = " ".join(query)
    scored: list[tuple[float, int, list[str]]] = []
    for index, (item, words) in enumerate(zip(items, tokens, strict=True)):
        if wanted is not None and item.kind not in wanted:
            continue
        counts = Counter(words)
        norm = _K1 * (1 - _B + _B * len(words) / avg) if avg else _K1
        score, matched, hit_words = 0.0, 0, []
        for found in variants.values():
            best = 0.0
            for word, weight in found.items():
                tf = counts.get(word, 0)
                if tf:
                    value = weight * idf(word) * tf * (_K1 + 1) / (tf + norm)
                    if value > best:
                        best = value
                    hit_words.append(word)
            if best:
                matched += 1
                score += best
        if not matched:
            continue
        score *= (matched / len(variants)) ** 2 * item.weight
        if len(query) > 1 and phrase in " ".join(words):
            score *= 2.0
        scored.append((score, index, hit_words))
    scored.sort(key=lambda s: (-s[0], s[1]))
    hits = tuple(
        SearchHit(
            rank=rank,
            score=round(score, 3),
            kind=items[index].kind,
            id=items[index].id,
            field=items[index].field,
            title=items[index].title,
            passage=_passage(items[index].text, query, set(words)),
            matched=sorted(set(words)),
        )
        for rank, (score, index, words) in enumerate(scored[:limit], 1)
    )
    return SearchResult(
        query=text,
        kinds=tuple(sorted(wanted)) if wanted is not None else None,
        n_matches=len(scored),
        hits=hits,
    )
