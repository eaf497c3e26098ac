"""The ingest commands' library entry points: add, list, show, export (one call each)."""

from __future__ import annotations

import datetime
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from accords.exceptions import ArticleError
from accords.ingest.article import DEFAULT_MAX_BYTES, Article, ArticleKind, read_article
from accords.ingest.candidates import (
    Candidate,
    CandidateStatus,
    EventCandidate,
    IngestCandidatesDocument,
)
from accords.ingest.pipeline import IngestResult, ingest_articles
from accords.model import Corpus

__all__ = [
    "CandidateList",
    "add_articles",
    "article_paths",
    "export_plover",
    "list_candidates",
    "show_candidates",
]


@dataclass(frozen=True)
class CandidateList:
    """Stored candidates (``to_record()`` is the ``ingest-candidates`` document)."""

    candidates: tuple[Candidate, ...]

    def to_record(self) -> dict[str, Any]:
        """The versioned ``ingest-candidates`` document."""
        return IngestCandidatesDocument.build(candidates=self.candidates)


def article_paths(path: Path) -> list[Path]:
    """The article files at ``path``: the file itself, or a folder's files (``*.txt`` first,
    else every visible file), sorted by name.

    Raises
    ------
    ArticleError
        If ``path`` does not exist or the folder holds no file.
    """
    if not path.exists():
        raise ArticleError(str(path), "no such file or folder; give an article or a folder")
    if path.is_file():
        return [path]
    files = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
    texts = [p for p in files if p.suffix == ".txt"]
    if not (texts or files):
        raise ArticleError(str(path), "the folder holds no article; expected .txt files")
    return texts or files


def add_articles(
    path: Path,
    *,
    published: datetime.date,
    corpus: Corpus,
    db: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    kind: ArticleKind = "news-report",
    max_bytes: int = DEFAULT_MAX_BYTES,
    scheduler: str | None = None,
    store: bool = True,
) -> IngestResult:
    """Read the article (or folder of articles) at ``path``, extract candidates, store them.

    Every file is checked before any is processed, so one bad file stops the run with nothing
    stored. ``title`` applies to a single article only.
    """
    paths = article_paths(path)
    articles: list[Article] = [
        read_article(
            p,
            published=published,
            max_bytes=max_bytes,
            title=title if len(paths) == 1 else None,
            outlet=outlet,
            url=url if len(paths) == 1 else None,
            kind=kind,
        )
        for p in paths
    ]
    seen: dict[str, Path] = {}
    for a, p in zip(articles, paths, strict=True):
        if a.id in seen:
            raise ArticleError(str(p), f"gives the article id {a.id!r} that {seen[a.id]} gives")
        seen[a.id] = p
    result = ingest_articles(articles, corpus, scheduler=scheduler)
    if not store:
        return result
    from accords.ingest.store import save_result
    from accords.monitor.store import open_store

    with open_store(db) as event_store:
        n_new = save_result(event_store, result, articles)
        database = event_store.url
    return replace(result, database=database, extra={"n_new": n_new})


def list_candidates(
    *,
    db: str | None = None,
    article: str | None = None,
    status: CandidateStatus | None = None,
    kind: str | None = None,
) -> CandidateList:
    """Stored candidates, filtered by article, status and kind."""
    from accords.ingest.store import select_candidates
    from accords.monitor.store import open_store

    with open_store(db, create=False) as store:
        return CandidateList(
            tuple(select_candidates(store, article=article, status=status, kind=kind))
        )


def show_candidates(ids: Sequence[str], *, db: str | None = None) -> CandidateList:
    """The candidates with these ids (an unknown id raises ``UnknownCandidateError``)."""
    from accords.ingest.store import load_candidates
    from accords.monitor.store import open_store

    with open_store(db, create=False) as store:
        return CandidateList(tuple(load_candidates(store, ids)))


def export_plover(article: str, *, db: str | None = None) -> list[str]:
    """The article's event candidates that are not rejected, as PLOVER JSON lines."""
    from accords.ingest.store import load_article, select_candidates
    from accords.monitor.events import Event
    from accords.monitor.store import open_store
    from accords.readwrite.plover import event_to_plover

    with open_store(db, create=False) as store:
        load_article(store, article)
        found = select_candidates(store, article=article, kind="event")
    return [
        json.dumps(event_to_plover(Event.model_validate(c.event)), ensure_ascii=False)
        for c in found
        if isinstance(c, EventCandidate) and c.status != "rejected"
    ]
