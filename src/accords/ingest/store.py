"""Articles and candidates in the event database (tables ``ingest_articles`` and
``ingest_candidates``, Alembic revision 0002).

Saving is idempotent: an article already stored (same id) and candidates already stored (same
id) are left as they are, so re-ingesting an article adds nothing and keeps review decisions.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import select, update

from accords.exceptions import UnknownCandidateError
from accords.ingest.article import Article
from accords.ingest.candidates import Candidate, CandidateStatus
from accords.ingest.pipeline import IngestResult
from accords.monitor.store import EventStore
from accords.monitor.store.schema import ingest_articles, ingest_candidates

__all__ = [
    "load_article",
    "load_candidates",
    "save_result",
    "select_candidates",
    "set_status",
]

_CANDIDATE: TypeAdapter[Candidate] = TypeAdapter(Candidate)


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def save_result(store: EventStore, result: IngestResult, articles: Sequence[Article]) -> int:
    """Store the articles and their candidates; return how many candidates were new."""
    by_id = {a.id: a for a in articles}
    n_new = 0
    with store.engine.connect() as conn:
        conn = conn.execution_options(accords_write=True)
        with conn.begin():
            for report in result.reports:
                article = by_id[report.article.id]
                conn.execute(
                    store._insert_ignore(ingest_articles).values(
                        id=article.id,
                        sha256=report.article.sha256,
                        published=article.published,
                        title=article.title,
                        outlet=article.outlet,
                        url=article.url,
                        kind=article.kind,
                        text=article.text,
                        added_at=_now(),
                    )
                )
                ids = [c.id for c in report.candidates]
                stored = set()
                for chunk in range(0, len(ids), 500):
                    stored |= set(
                        conn.execute(
                            select(ingest_candidates.c.id).where(
                                ingest_candidates.c.id.in_(ids[chunk : chunk + 500])
                            )
                        ).scalars()
                    )
                rows = [
                    {
                        "id": c.id,
                        "article_id": c.article,
                        "kind": c.kind,
                        "start": c.start,
                        "end": c.end,
                        "score": c.score,
                        "status": c.status,
                        "record": json.dumps(c.model_dump(mode="json"), ensure_ascii=False),
                        "reviewed_at": None,
                    }
                    for c in report.candidates
                    if c.id not in stored
                ]
                if rows:
                    conn.execute(store._insert_ignore(ingest_candidates), rows)
                n_new += len(rows)
    return n_new


def _decode(record: str, status: str) -> Candidate:
    data: dict[str, Any] = json.loads(record)
    data["status"] = status
    return _CANDIDATE.validate_python(data)


def select_candidates(
    store: EventStore,
    *,
    article: str | None = None,
    status: CandidateStatus | None = None,
    kind: str | None = None,
) -> list[Candidate]:
    """Stored candidates, by article and offset, filtered by article, status and kind."""
    query = select(ingest_candidates.c.record, ingest_candidates.c.status).order_by(
        ingest_candidates.c.article_id, ingest_candidates.c.start, ingest_candidates.c.id
    )
    if article is not None:
        query = query.where(ingest_candidates.c.article_id == article)
    if status is not None:
        query = query.where(ingest_candidates.c.status == status)
    if kind is not None:
        query = query.where(ingest_candidates.c.kind == kind)
    with store.engine.connect() as conn:
        return [_decode(r, s) for r, s in conn.execute(query)]


def load_candidates(store: EventStore, ids: Iterable[str]) -> list[Candidate]:
    """The candidates with these ids, in the order given.

    Raises
    ------
    UnknownCandidateError
        If an id names no stored candidate.
    """
    wanted = list(dict.fromkeys(ids))
    with store.engine.connect() as conn:
        rows = {
            row.id: _decode(row.record, row.status)
            for row in conn.execute(
                select(
                    ingest_candidates.c.id, ingest_candidates.c.record, ingest_candidates.c.status
                ).where(ingest_candidates.c.id.in_(wanted))
            )
        }
        missing = [i for i in wanted if i not in rows]
        if missing:
            article = missing[0].split(":", 1)[0]
            known = conn.execute(
                select(ingest_candidates.c.id)
                .where(ingest_candidates.c.article_id == article)
                .limit(13)
            ).scalars()
            raise UnknownCandidateError(missing[0], known=list(known))
    return [rows[i] for i in wanted]


def load_article(store: EventStore, article_id: str) -> Article:
    """The stored article with this id.

    Raises
    ------
    UnknownCandidateError
        If no article has this id (an article is looked up like a candidate's prefix).
    """
    with store.engine.connect() as conn:
        row = conn.execute(
            select(ingest_articles).where(ingest_articles.c.id == article_id)
        ).first()
        if row is None:
            known = conn.execute(select(ingest_articles.c.id).limit(13)).scalars()
            err = UnknownCandidateError(article_id, known=list(known))
            err.kind = "article"
            raise err
    return Article(
        id=row.id,
        text=row.text,
        published=row.published,
        title=row.title,
        outlet=row.outlet,
        url=row.url,
        kind=row.kind,
    )


def set_status(store: EventStore, ids: Sequence[str], status: CandidateStatus) -> None:
    """Mark candidates accepted, rejected or pending again."""
    with store.engine.connect() as conn:
        conn = conn.execution_options(accords_write=True)
        with conn.begin():
            conn.execute(
                update(ingest_candidates)
                .where(ingest_candidates.c.id.in_(list(ids)))
                .values(status=status, reviewed_at=_now())
            )
