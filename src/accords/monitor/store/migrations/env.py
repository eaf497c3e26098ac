"""Alembic environment of the event store: run by :func:`accords.monitor.store.migrate.upgrade`.

There is no alembic.ini: the configuration is built in code and the connection is handed over
in ``config.attributes["connection"]``. Imported outside a migration run (as by a doctest
collector) the module does nothing.
"""

from __future__ import annotations

from alembic import context

from accords.monitor.store.schema import metadata


def run_migrations() -> None:
    """Run the migrations on the connection the caller passed in the config."""
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError(
            "run the event-store migrations through accords.monitor.store.migrate.upgrade(), "
            "which passes the connection"
        )
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if hasattr(context, "config"):  # only inside an Alembic run
    run_migrations()
