"""Candidates: what ingestion proposes, each pinned to exact characters of its article.

Every candidate has a stable id ``<article>:<kind>:<start>-<end>`` (ingesting the same text again
gives the same ids, so it adds nothing), raw character offsets with ``text[start:end] ==
quote``, a score in [0, 1], the rule that produced it and a review ``status``.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from accords.model.documents import Document

__all__ = [
    "Candidate",
    "CandidateStatus",
    "EntityCandidate",
    "EventCandidate",
    "IngestAcceptDocument",
    "IngestAddDocument",
    "IngestCandidatesDocument",
    "LinkScore",
    "StanceCandidate",
    "StatementCandidate",
    "candidate_id",
]

CandidateStatus = Literal["pending", "accepted", "rejected"]
Kind = Literal["statement", "stance", "event", "entity"]


def candidate_id(article: str, kind: str, start: int, end: int) -> str:
    """The stable id of a candidate.

    >>> candidate_id("putin-witkoff-summit", "statement", 10, 42)
    'putin-witkoff-summit:statement:10-42'
    """
    return f"{article}:{kind}:{start}-{end}"


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class LinkScore(_Model):
    """An issue, option or provision (``agreement/label``) with its similarity."""

    id: str
    score: float


class _Base(_Model):
    id: str
    article: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    quote: str
    score: float = Field(ge=0.0, le=1.0)
    rule: str
    status: CandidateStatus = "pending"


class StatementCandidate(_Base):
    """Who said what: speaker (corpus party and person, or a proposed new speaker), cue, kind
    of attribution, polarity and modality."""

    kind: Literal["statement"] = "statement"
    speaker: str | None
    person: str | None = None
    new_speaker: str | None = None
    cue: str | None = None
    attribution: Literal["direct", "reported", "according-to"]
    polarity: Literal["supports", "rejects", "conditional", "neutral"]
    modality: Literal["asserted", "future", "hypothetical", "negated", "historical"]


class StanceCandidate(_Base):
    """A draft stance from a statement: the top issues and provisions, the option named."""

    kind: Literal["stance"] = "stance"
    party: str
    issues: tuple[LinkScore, ...]
    provisions: tuple[LinkScore, ...]
    option: str | None
    basis: Literal["quoted", "inferred"]
    draft: dict[str, Any]


class EventCandidate(_Base):
    """A draft monitor event (``event`` is an :class:`accords.monitor.Event` as JSON)."""

    kind: Literal["event"] = "event"
    event: dict[str, Any]
    date_rule: str


class EntityCandidate(_Base):
    """A person, organisation or place the corpus does not know, with its first sentence.

    ``party`` is the party a person speaks for, where the article's title for them names one
    (``Kremlin spokesman Dmitry Peskov``); accepting such a person adds a representative.
    """

    kind: Literal["entity"] = "entity"
    name: str
    type: Literal["person", "organisation", "place"]
    proposed_id: str
    party: str | None = None
    country: str | None = None
    admin1: str | None = None
    sentence: str


Candidate = Annotated[
    StatementCandidate | StanceCandidate | EventCandidate | EntityCandidate,
    Field(discriminator="kind"),
]


class ArticleInfo(_Model):
    """An ingested article's metadata."""

    id: str
    published: datetime.date
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    kind: str
    n_chars: int
    n_words: int
    sha256: str


class ArticleReport(_Model):
    """One article's result: metadata, counts by kind, seconds per step, candidates."""

    article: ArticleInfo
    counts: dict[str, int]
    timings: dict[str, float]
    candidates: tuple[Candidate, ...]
    n_new: int | None = None


class IngestAddDocument(Document):
    """``accords ingest add -f json``: each article with its counts, timings and candidates."""

    kind: ClassVar[str] = "ingest-add"

    articles: tuple[ArticleReport, ...]
    counts: dict[str, int]
    seconds: float
    scheduler: str
    database: str | None = None


class IngestCandidatesDocument(Document):
    """``accords ingest list|show -f json``: candidates as stored, with their status."""

    kind: ClassVar[str] = "ingest-candidates"

    candidates: tuple[Candidate, ...]


class IngestAcceptDocument(Document):
    """``accords ingest accept|reject -f json``: what was written where."""

    kind: ClassVar[str] = "ingest-review"

    action: Literal["accept", "reject"]
    candidates: tuple[str, ...]
    corpus: str | None = None
    files: tuple[str, ...] = ()
    n_stances: int = 0
    n_sources: int = 0
    n_events: int = 0
    n_parties: int = 0
    n_people: int = 0
