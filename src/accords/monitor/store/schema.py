"""The tables of the event store (SQLAlchemy Core), as the latest migration leaves them.

::

    ingest_batches     one row per committed batch: source file, lines, counts, time
    events             one row per event: query columns plus the whole record as JSON
    event_columns      a snapshot of all events as encoded columns (one row per array),
                       valid while its batch_id is the latest batch's (see store/snapshot.py)
    ingest_articles    news articles read by ``accords ingest`` (text and metadata)
    ingest_candidates  their candidate records (JSON) and review status

One row per event keeps ingest and loading fast (a single B-tree insert per index, no joins).
``actors`` and ``recipients`` hold the party ids joined by commas (ids never contain one:
``actors LIKE '%russia%'`` finds them); ``attributes`` holds the typed attributes as a JSON
object (NULL when none); ``record`` is the whole event as canonical JSON, and
``content_hash`` its SHA-256: the same id with the same hash is the same event, stored once.
``day`` is ``date.toordinal()``, for fast as-of selection and ordering.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

__all__ = [
    "event_columns",
    "events",
    "ingest_articles",
    "ingest_batches",
    "ingest_candidates",
    "metadata",
]

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

ingest_batches = Table(
    "ingest_batches",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", Text, nullable=False),
    Column("first_line", Integer),
    Column("last_line", Integer),
    Column("n_inserted", Integer, nullable=False),
    Column("n_unchanged", Integer, nullable=False),
    Column("n_replaced", Integer, nullable=False),
    Column("committed_at", DateTime(timezone=True), nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("content_hash", String(64), nullable=False),
    Column("day", Integer, nullable=False),
    Column("date", Date, nullable=False),
    Column("end_date", Date),
    Column("date_precision", String(5), nullable=False),
    Column("type", String(20), nullable=False),
    Column("mode", String(60)),
    Column("certainty", String(9), nullable=False),
    Column("country", String(2)),
    Column("admin1", String(6)),
    Column("place", String(200)),
    Column("actors", Text, nullable=False),
    Column("recipients", Text),
    Column("attributes", Text),
    Column("record", Text, nullable=False),
    Column("batch_id", Integer, ForeignKey("ingest_batches.id"), nullable=False),
    Index(None, "day"),
)

event_columns = Table(
    "event_columns",
    metadata,
    Column("name", String(200), primary_key=True),
    Column("batch_id", Integer, nullable=False),
    Column("data", LargeBinary, nullable=False),
)

ingest_articles = Table(
    "ingest_articles",
    metadata,
    Column("id", String(80), primary_key=True),
    Column("sha256", String(64), nullable=False),
    Column("published", Date, nullable=False),
    Column("title", Text),
    Column("outlet", Text),
    Column("url", Text),
    Column("kind", String(20), nullable=False),
    Column("text", Text, nullable=False),
    Column("added_at", DateTime(timezone=True), nullable=False),
)

ingest_candidates = Table(
    "ingest_candidates",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("article_id", String(80), ForeignKey("ingest_articles.id"), nullable=False),
    Column("kind", String(12), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("score", Float, nullable=False),
    Column("status", String(10), nullable=False),
    Column("record", Text, nullable=False),
    Column("reviewed_at", DateTime(timezone=True)),
    Index(None, "article_id"),
)
