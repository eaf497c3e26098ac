"""The event store: events in a database (SQLite by default, PostgreSQL by URL).

The only part of :mod:`accords.monitor` that imports SQLAlchemy and Alembic. Open a store with
:func:`open_store`; it migrates the schema to the latest revision on open.

Examples
--------
>>> from accords.monitor.store import open_store
>>> with open_store("sqlite://") as store:
...     store.count()
0
"""

from accords.monitor.store.migrate import current_revision, head_revision, upgrade
from accords.monitor.store.store import (
    DB_ENV,
    DEFAULT_BATCH_SIZE,
    DEFAULT_DB_FILE,
    EventStore,
    IngestReport,
    display_url,
    is_memory_url,
    open_store,
    resolve_db_url,
)

__all__ = [
    "DB_ENV",
    "DEFAULT_BATCH_SIZE",
    "DEFAULT_DB_FILE",
    "EventStore",
    "IngestReport",
    "current_revision",
    "display_url",
    "head_revision",
    "is_memory_url",
    "open_store",
    "resolve_db_url",
    "upgrade",
]
