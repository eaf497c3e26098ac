"""Schema migrations of the event store, run programmatically (no alembic.ini).

The migration scripts ship inside the package (``migrations/versions``); :func:`upgrade` brings
a database to the latest revision and is called when a store is opened at an older revision,
so a database made by an older accords is upgraded in place. A store already at
:data:`HEAD_REVISION` is recognised with one query, without importing Alembic (a third of a
second), so reading commands start fast; a test checks the constant against the scripts.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Final

from sqlalchemy import Connection, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

__all__ = [
    "HEAD_REVISION",
    "MIGRATIONS_DIR",
    "alembic_config",
    "current_revision",
    "head_revision",
    "stored_revision",
    "upgrade",
]

#: The directory of the Alembic environment and its versions.
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

#: The latest revision among the shipped scripts (what :func:`head_revision` finds).
HEAD_REVISION: Final = "0003"


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration built in code, for the shipped migrations."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    """The latest revision shipped with this version of accords."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    """The revision a database is at (None for an empty database)."""
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def stored_revision(connection: Connection) -> str | None:
    """The revision recorded in the database, read with plain SQL (None if none is)."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    value = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return None if value is None else str(value)


def upgrade(connection: Connection, revision: str = "head") -> None:
    """Migrate the database behind ``connection`` to ``revision`` (the latest by default)."""
    from alembic import command

    command.upgrade(alembic_config(connection), revision)
