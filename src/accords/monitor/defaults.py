"""Defaults of the event store, importable without loading SQLAlchemy (the CLI reads them)."""

from typing import Final

__all__ = ["DB_ENV", "DEFAULT_BATCH_SIZE", "DEFAULT_DB_FILE"]

#: SQLite file used when neither ``--db`` nor ``$ACCORDS_DB`` names a database.
DEFAULT_DB_FILE: Final = "accords-events.sqlite"
#: Environment variable naming the default database (a URL or a SQLite file path).
DB_ENV: Final = "ACCORDS_DB"
#: Events per committed batch.
DEFAULT_BATCH_SIZE: Final = 5000
