"""Linking a statement to the corpus's issues, options and provisions by lexical similarity.

Each issue is indexed by its title, description, its options' descriptions and the text of the
provisions that settle it; each provision by its own text; each option by its id and
description. Evidence quotes are kept out of the index, so the corpus's own quotes can serve as
a silver test set. Similarity is the cosine of TF-IDF vectors of stemmed words (sublinear term
frequency, smoothed inverse document frequency).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from accords.model import Corpus

__all__ = ["Link", "Linker", "build_linker", "stem_words"]

_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "to",
        "in",
        "on",
        "for",
        "with",
        "by",
        "at",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "not",
        "no",
        "any",
        "all",
        "each",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "when",
        "where",
        "why",
        "how",
        "than",
        "then",
        "there",
        "their",
        "they",
        "them",
        "he",
        "she",
        "his",
        "her",
        "we",
        "our",
        "you",
        "your",
        "i",
        "me",
        "my",
        "us",
        "also",
        "into",
        "over",
        "under",
        "about",
        "after",
        "before",
        "between",
        "such",
        "other",
        "some",
        "more",
        "most",
        "only",
        "own",
        "same",
        "so",
        "too",
        "very",
        "just",
        "do",
        "does",
        "did",
        "has",
        "have",
        "had",
        "said",
        "says",
        "say",
    ]
)
#: Weight of an issue's best part (option or provision) against its whole document; chosen on
#: the dev split of the silver set (0.5 of 0, 0.3, 0.5, 0.7).
ISSUE_PART_WEIGHT = 0.5
_SUFFIXES = ("ations", "ation", "ions", "ion", "ings", "ing", "ies", "ed", "es", "s", "e")
_WORD = re.compile(r"[a-z][a-z0-9]+")


def stem_words(text: str) -> list[str]:
    """Lower-case words without stop words, with common English suffixes removed.

    >>> stem_words("The guarantees were guaranteed; elections and elected")
    ['guarant', 'guarant', 'elect', 'elect']
    """
    out: list[str] = []
    for word in _WORD.findall(text.lower().replace("\u2019", "'")):
        if word in _STOP or len(word) < 3:
            continue
        for _ in range(2):
            for suffix in _SUFFIXES:
                if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                    word = word[: -len(suffix)]
                    break
        out.append(word)
    return out


@dataclass(frozen=True)
class Link:
    """An issue, option or provision (``agreement/label``) and its similarity score."""

    id: str
    score: float


@dataclass
class Linker:
    """A TF-IDF index of issues, options and provisions (build with :func:`build_linker`)."""

    idf: dict[str, float]
    issues: dict[str, dict[str, float]]
    provisions: dict[str, dict[str, float]]
    options: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)
    parts: dict[str, list[dict[str, float]]] = field(default_factory=dict)

    def vector(self, text: str) -> dict[str, float]:
        """The unit TF-IDF vector of ``text``."""
        return _vector(stem_words(text), self.idf)

    def top_issues(self, text: str, k: int = 3) -> list[Link]:
        """The ``k`` issues most similar to ``text``, best first.

        An issue's score is the mean of the similarity to its whole document and the best
        similarity to one of its parts (an option, a provision that settles it): a statement
        usually echoes one option or one provision, not the whole issue.
        """
        vec = self.vector(text)
        scored = []
        for key, doc in self.issues.items():
            whole = _dot(vec, doc)
            best = max((_dot(vec, part) for part in self.parts.get(key, ())), default=0.0)
            scored.append(
                Link(key, round(ISSUE_PART_WEIGHT * best + (1 - ISSUE_PART_WEIGHT) * whole, 4))
            )
        scored.sort(key=lambda link: (-link.score, link.id))
        return scored[:k]

    def top_provisions(self, text: str, k: int = 3) -> list[Link]:
        """The ``k`` provisions most similar to ``text``, best first."""
        return _top(self.vector(text), self.provisions, k)

    def best_option(self, issue: str, text: str) -> Link | None:
        """The option of ``issue`` most similar to ``text``, if any shares a word with it."""
        found = _top(self.vector(text), self.options.get(issue, {}), 1)
        return found[0] if found and found[0].score > 0 else None


def _vector(words: Sequence[str], idf: dict[str, float]) -> dict[str, float]:
    counts = Counter(w for w in words if w in idf)
    vec = {w: (1 + math.log(n)) * idf[w] for w, n in counts.items()}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {w: v / norm for w, v in vec.items()}


def _dot(vec: dict[str, float], doc: dict[str, float]) -> float:
    return sum(v * doc.get(w, 0.0) for w, v in vec.items())


def _top(vec: dict[str, float], index: dict[str, dict[str, float]], k: int) -> list[Link]:
    scored = [
        Link(key, round(sum(vec[w] * doc.get(w, 0.0) for w in vec), 4))
        for key, doc in index.items()
    ]
    scored.sort(key=lambda link: (-link.score, link.id))
    return scored[:k]


def build_linker(corpus: Corpus) -> Linker:
    """The linker of a corpus.

    Examples
    --------
    >>> from accords import load_corpus
    >>> linker = build_linker(load_corpus())
    >>> linker.top_issues("Ukraine will hold elections within 100 days", k=1)[0].id
    'elections'
    """
    issue_docs: dict[str, list[str]] = {}
    option_docs: dict[str, dict[str, list[str]]] = {}
    for issue in corpus.issues:
        words = stem_words(f"{issue.title} {issue.description or ''}")
        option_docs[issue.id] = {}
        for option in issue.options:
            option_words = stem_words(f"{option.id.replace('-', ' ')} {option.description}")
            option_docs[issue.id][option.id] = option_words
            words += option_words
        issue_docs[issue.id] = words
    provision_docs: dict[str, list[str]] = {}
    parts: dict[str, list[list[str]]] = {k: list(v.values()) for k, v in option_docs.items()}
    for agreement in corpus.agreements:
        for provision in agreement.provisions:
            words = stem_words(" ".join([provision.text, *(v.text for v in provision.variants)]))
            provision_docs[f"{agreement.id}/{provision.label}"] = words
            for settlement in provision.settles:
                if settlement.issue in issue_docs:
                    issue_docs[settlement.issue] += words
                    parts[settlement.issue].append(words)
    documents = [*issue_docs.values(), *provision_docs.values()]
    n = len(documents)
    df = Counter(w for doc in documents for w in set(doc))
    idf = {w: math.log((1 + n) / (1 + c)) + 1 for w, c in df.items()}
    return Linker(
        idf=idf,
        issues={k: _vector(v, idf) for k, v in issue_docs.items()},
        provisions={k: _vector(v, idf) for k, v in provision_docs.items()},
        options={
            issue: {o: _vector(w, idf) for o, w in opts.items()}
            for issue, opts in option_docs.items()
        },
        parts={k: [_vector(w, idf) for w in v] for k, v in parts.items()},
    )
