"""The event store: events in SQLite (default) or PostgreSQL, through SQLAlchemy.

Ingest is idempotent (an event already stored with the same content is counted as unchanged,
not stored again), atomic per batch (a batch's events and its row in the ingest log commit
together or not at all) and keeps every good record of a file while
reporting each bad one with its line. A committed batch survives the process being killed:
SQLite runs in WAL mode with ``synchronous=FULL``; PostgreSQL commits durably by default.

An event id already stored with *different* content is a conflict: it is rejected with its
line (the stored record is kept) unless ``replace=True``, which overwrites it (e.g. to move a
report from ``claimed`` to ``confirmed``).

Writers to SQLite take the write lock when their transaction begins (``BEGIN IMMEDIATE``), so
concurrent ingests queue instead of failing half-way; readers are never blocked (WAL).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Final

from pydantic_core import to_json
from sqlalchemy import (
    Connection,
    Engine,
    Insert,
    Table,
    create_engine,
    delete,
    event,
    func,
    select,
    true,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError

from accords.exceptions import InvalidOptionError, NoEventStoreError, StoreError
from accords.monitor.defaults import DB_ENV, DEFAULT_BATCH_SIZE, DEFAULT_DB_FILE
from accords.monitor.events import AttributeValue, Event, canonical_json
from accords.monitor.io import EventDefect, ParsedRecord
from accords.monitor.patterns import EventTable, concat_tables, paused_gc
from accords.monitor.store.migrate import (
    HEAD_REVISION,
    current_revision,
    head_revision,
    stored_revision,
    upgrade,
)
from accords.monitor.store.schema import events, ingest_batches
from accords.monitor.store.snapshot import latest_batch, load_snapshot, save_snapshot

__all__ = [
    "DB_ENV",
    "DEFAULT_BATCH_SIZE",
    "DEFAULT_DB_FILE",
    "EventStore",
    "IngestReport",
    "display_url",
    "is_memory_url",
    "open_store",
    "resolve_db_url",
]

_CHUNK = 500  # ids per IN (...) query


def resolve_db_url(db: str | None = None) -> str:
    """The SQLAlchemy URL for ``db``: a URL, a SQLite file path, or None for the default.

    The default is ``$ACCORDS_DB`` if set, else ``./accords-events.sqlite``. A plain path is a
    SQLite file; ``postgresql://`` URLs use the psycopg (3) driver.

    Examples
    --------
    >>> resolve_db_url("postgresql://u:p@host/db")
    'postgresql+psycopg://u:p@host/db'
    >>> resolve_db_url("sqlite:///events.sqlite")
    'sqlite:///events.sqlite'
    """
    if db is None:
        db = os.environ.get(DB_ENV) or DEFAULT_DB_FILE
    if "://" not in db:
        return f"sqlite:///{Path(db).expanduser().resolve()}"
    for prefix in ("postgresql://", "postgres://"):
        if db.startswith(prefix):
            return "postgresql+psycopg://" + db[len(prefix) :]
    return db


def _parse_url(url: str) -> Any:
    try:
        return make_url(url)
    except (ArgumentError, ValueError) as err:
        raise InvalidOptionError(
            "--db",
            f"{url!r} is not a database URL ({_reason(err)}); give a SQLite file path, "
            "sqlite:///FILE or postgresql://USER:PASSWORD@HOST:PORT/DB",
        ) from err


def is_memory_url(db: str | None) -> bool:
    """True when ``db`` names an in-memory SQLite database (gone when the process ends).

    Examples
    --------
    >>> is_memory_url("sqlite:///"), is_memory_url("sqlite://"), is_memory_url("events.sqlite")
    (True, True, False)
    """
    url = _parse_url(resolve_db_url(db))
    if url.get_backend_name() != "sqlite":
        return False
    database = url.database or ""
    return database in ("", ":memory:") or "mode=memory" in str(url)


def display_url(url: str) -> str:
    """The URL with its password hidden.

    Examples
    --------
    >>> display_url("postgresql+psycopg://u:secret@host/db")
    'postgresql+psycopg://u:***@host/db'
    """
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


@dataclass(frozen=True)
class IngestReport:
    """What an ingest did.

    ``n_read`` counts every record (good or bad); ``rejected`` lists the bad ones and the
    conflicts, each with its line. ``n_inserted + n_unchanged + n_replaced + len(rejected)``
    equals ``n_read``.
    """

    source: str
    n_read: int
    n_inserted: int
    n_unchanged: int
    n_replaced: int
    rejected: tuple[EventDefect, ...]
    n_batches: int


@dataclass
class _Counts:
    n_read: int = 0
    n_inserted: int = 0
    n_unchanged: int = 0
    n_replaced: int = 0
    n_batches: int = 0
    rejected: list[EventDefect] = field(default_factory=list)


def open_store(db: str | None = None, *, migrate: bool = True, create: bool = True) -> EventStore:
    """Open (creating and migrating it if needed) the event store at ``db``.

    Parameters
    ----------
    db : str, optional
        A URL (``sqlite:///file.sqlite``, ``postgresql://user:pw@host/db``) or a SQLite file
        path; default :func:`resolve_db_url` (``$ACCORDS_DB`` or ``./accords-events.sqlite``).
    migrate : bool
        Bring the schema to the latest revision (default). Without it, a database that is not
        at the latest revision is an error.
    create : bool
        Create a missing SQLite file (default). Without it, a missing file is an error (for
        commands that only read).

    Raises
    ------
    StoreError
        If the database cannot be reached, created or migrated.
    """
    url = resolve_db_url(db)
    parsed = _parse_url(url)
    if not create and parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and not Path(database).exists():
            raise NoEventStoreError(
                f"no event database at {database}; store events first with "
                "`accords monitor add EVENTS`, or name the database with --db "
                f"(or ${DB_ENV})"
            )
    try:
        engine = _create_engine(url)
        with engine.connect() as conn, conn.begin():
            current = stored_revision(conn) == HEAD_REVISION  # a read: no write lock
        if current:
            return EventStore(engine, url)
        with engine.connect() as conn:
            conn = conn.execution_options(accords_write=True)
            with conn.begin():
                if migrate:
                    upgrade(conn)
                else:
                    found, head = current_revision(conn), head_revision()
                    if found != head:
                        raise StoreError(
                            f"event store {display_url(url)} is at schema revision {found}, "
                            f"not {head}; open it with migrations enabled"
                        )
    except StoreError:
        raise
    except (SQLAlchemyError, NoSuchModuleError, OSError) as err:
        raise StoreError(
            f"cannot open the event store {display_url(url)}: {_reason(err)}; check the URL "
            "(sqlite:///FILE or postgresql://USER:PASSWORD@HOST:PORT/DB), that the server runs "
            "and that the file's directory is writable"
        ) from err
    return EventStore(engine, url)


def _reason(err: BaseException) -> str:
    if isinstance(err, DBAPIError) and err.orig is not None:
        return str(err.orig).strip().splitlines()[0]
    return str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__


def _create_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})
        in_memory = not database or database == ":memory:"

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None  # transactions are begun below
            cursor = dbapi_connection.cursor()
            if not in_memory:
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            write = conn.get_execution_options().get("accords_write", False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

        return engine
    if parsed.get_backend_name() == "postgresql":
        return create_engine(url, pool_pre_ping=True)
    raise StoreError(
        f"unsupported database {display_url(url)}: the event store runs on SQLite "
        "(a file path or sqlite:///FILE) or PostgreSQL (postgresql://...)"
    )


class EventStore:
    """An open event store. Use :func:`open_store` to get one; close it when done.

    Examples
    --------
    >>> from accords.monitor import Event
    >>> with open_store("sqlite://") as store:
    ...     e = Event(id="e1", date="2026-01-05", type="ELECTION", actors=("ukraine",))
    ...     first = store.add_events([e])
    ...     again = store.add_events([e])
    ...     (first.n_inserted, again.n_unchanged, store.count())
    (1, 1, 1)
    """

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self._url = url

    def _insert_ignore(self, table: Table) -> Insert:
        """``INSERT ... ON CONFLICT DO NOTHING`` in this database's dialect."""
        if self.dialect == "postgresql":
            return postgresql.insert(table).on_conflict_do_nothing()
        return sqlite.insert(table).on_conflict_do_nothing()

    @property
    def url(self) -> str:
        """The database URL, password hidden."""
        return display_url(self._url)

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """A connection in a write transaction (committed on success, rolled back on error)."""
        with self.engine.connect() as conn:
            conn = conn.execution_options(accords_write=True)
            with conn.begin():
                yield conn

    # -- ingest ---------------------------------------------------------------------------
    def add(
        self,
        records: Iterable[ParsedRecord],
        *,
        source: str,
        batch_size: int = DEFAULT_BATCH_SIZE,
        replace: bool = False,
        on_batch: Callable[[IngestReport], None] | None = None,
    ) -> IngestReport:
        """Store events read from a file: ``(line, Event | EventDefect)`` pairs, in order.

        Every ``batch_size`` good events are committed in one transaction; defects are
        collected with their lines and never stop the ingest.

        Parameters
        ----------
        records : iterable of (line, Event or EventDefect)
            As :func:`accords.monitor.io.iter_event_file` yields them.
        source : str
            Recorded with each batch (the file name).
        batch_size : int
            Events per transaction.
        replace : bool
            Overwrite events stored with the same id but different content (else rejected).
        on_batch : callable, optional
            Called with the running totals after each committed batch.

        Raises
        ------
        StoreError
            If the database fails; batches committed before the failure stay committed.
        """
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1; got {batch_size}")
        with paused_gc():
            report = self._add(records, source, batch_size, replace, on_batch)
        if report.n_inserted or report.n_replaced:
            self._refresh_after_ingest()
        return report

    def _refresh_after_ingest(self) -> None:
        try:
            self.refresh_snapshot()
        except SQLAlchemyError as err:
            raise StoreError(
                f"the events are stored in {self.url}, but the column snapshot could not be "
                f"refreshed: {_reason(err)}; loading falls back to reading every row"
            ) from err

    def _add(
        self,
        records: Iterable[ParsedRecord],
        source: str,
        batch_size: int,
        replace: bool,
        on_batch: Callable[[IngestReport], None] | None,
    ) -> IngestReport:
        counts = _Counts()
        for n_read, defects, batch in _batches(records, batch_size):
            counts.n_read += n_read
            counts.rejected.extend(defects)
            if batch:
                self._commit(batch, source, replace, counts)
                if on_batch is not None:
                    on_batch(_report(source, counts))
        return _report(source, counts)

    def add_events(
        self, items: Iterable[Event], *, source: str = "<python>", replace: bool = False
    ) -> IngestReport:
        """Store events given as objects (see :meth:`add`)."""
        return self.add(((None, e) for e in items), source=source, replace=replace)

    def _commit(
        self,
        batch: Sequence[tuple[int | None, Event]],
        source: str,
        replace: bool,
        counts: _Counts,
    ) -> None:
        prepared: dict[str, tuple[int | None, Event, str, str]] = {}
        unchanged = 0
        rejected: list[EventDefect] = []
        for line, e in batch:
            record = canonical_json(e)
            if "\\u0000" in record and _has_nul(e.model_dump()):  # PostgreSQL cannot hold NUL
                rejected.append(
                    EventDefect(source, line, "NUL character in the event's text; remove it")
                )
                continue
            digest = hashlib.sha256(record.encode()).hexdigest()
            earlier = prepared.get(e.id)
            if earlier is None:
                prepared[e.id] = (line, e, record, digest)
            elif earlier[3] == digest:
                unchanged += 1
            elif replace:
                prepared[e.id] = (line, e, record, digest)
                unchanged += 1  # the earlier version is superseded within the file
            else:
                rejected.append(
                    EventDefect(
                        source,
                        line,
                        f"event id {e.id!r} appears again with different content "
                        f"(first on line {earlier[0]}); give it another id or use --replace",
                    )
                )
        lines = [line for line, _ in batch if line is not None]
        try:
            with self._write() as conn:
                batch_id = conn.execute(
                    ingest_batches.insert().returning(ingest_batches.c.id),
                    {
                        "source": source,
                        "first_line": min(lines) if lines else None,
                        "last_line": max(lines) if lines else None,
                        "n_inserted": 0,
                        "n_unchanged": 0,
                        "n_replaced": 0,
                        "committed_at": datetime.now(UTC),
                    },
                ).scalar_one()
                inserted, stored = self._insert_new(conn, prepared, batch_id)
                changed: list[str] = []
                for event_id, digest in stored.items():
                    line, _, _, mine = prepared[event_id]
                    if digest == mine:
                        unchanged += 1
                    elif replace:
                        changed.append(event_id)
                    else:
                        rejected.append(
                            EventDefect(
                                source,
                                line,
                                f"event id {event_id!r} is already stored with different "
                                "content; give it another id, or use --replace to overwrite it",
                            )
                        )
                if changed:
                    self._replace(conn, [prepared[i] for i in changed], batch_id)
                conn.execute(
                    update(ingest_batches)
                    .where(ingest_batches.c.id == batch_id)
                    .values(
                        n_inserted=len(inserted),
                        n_unchanged=unchanged,
                        n_replaced=len(changed),
                    )
                )
        except SQLAlchemyError as err:
            raise StoreError(
                f"ingest into {self.url} failed in the batch of lines "
                f"{min(lines) if lines else '?'}-{max(lines) if lines else '?'}: {_reason(err)}; "
                "earlier batches are committed"
            ) from err
        counts.n_inserted += len(inserted)
        counts.n_unchanged += unchanged
        counts.n_replaced += len(changed)
        counts.rejected.extend(rejected)
        counts.n_batches += 1

    def _stored(self, conn: Connection, ids: Sequence[str]) -> dict[str, tuple[str, int]]:
        """``id -> (content_hash, batch_id)`` of the stored events among ``ids``."""
        found: dict[str, tuple[str, int]] = {}
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            rows = conn.execute(
                select(events.c.id, events.c.content_hash, events.c.batch_id).where(
                    events.c.id.in_(chunk)
                )
            )
            found.update({r[0]: (r[1], r[2]) for r in rows})
        return found

    def _insert_new(
        self,
        conn: Connection,
        prepared: dict[str, tuple[int | None, Event, str, str]],
        batch_id: int,
    ) -> tuple[set[str], dict[str, str]]:
        """Insert the events not stored yet; return their ids and the hashes of the others."""
        if not prepared:
            return set(), {}
        is_sqlite = self.dialect == "sqlite"
        rows = [
            _event_values(e, rec, h, batch_id, iso=is_sqlite) for _, e, rec, h in prepared.values()
        ]
        if is_sqlite:
            # Plain DB-API executemany, ON CONFLICT DO NOTHING: several times faster than
            # per-row parameter processing. When every row went in (a fresh file, the usual
            # case) there is nothing to look up; otherwise the batch id tells ours from others.
            count = conn.exec_driver_sql(_sqlite_insert(events), rows).rowcount
            if count == len(rows):
                return set(prepared), {}
        else:
            statement = self._insert_ignore(events).returning(events.c.id)
            named = [dict(zip(_EVENT_COLUMNS, row, strict=True)) for row in rows]
            returned = set(conn.execute(statement, named).scalars())
            if len(returned) == len(rows):
                return returned, {}
        found = self._stored(conn, list(prepared))
        inserted = {i for i, (_, batch) in found.items() if batch == batch_id}
        others = {i: digest for i, (digest, batch) in found.items() if batch != batch_id}
        return inserted, others

    def _replace(
        self,
        conn: Connection,
        items: Sequence[tuple[int | None, Event, str, str]],
        batch_id: int,
    ) -> None:
        ids = [e.id for _, e, _, _ in items]
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            conn.execute(delete(events).where(events.c.id.in_(chunk)))
        self._insert_new(conn, {e.id: item for item in items for e in (item[1],)}, batch_id)

    # -- reading --------------------------------------------------------------------------
    def count(self) -> int:
        """Number of events stored."""
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(events)).scalar_one())

    def table(
        self, *, as_of: date | None = None, attributes: Iterable[str] | None = None
    ) -> EventTable:
        """The stored events (up to ``as_of``) as an :class:`EventTable`, without building
        one :class:`Event` per row.

        Parameters
        ----------
        as_of : date, optional
            Only events that began on or before this day.
        attributes : iterable of str, optional
            Load only these attributes (all by default); replay needs only those its
            patterns test.
        """
        with paused_gc():
            return self._table(as_of, None if attributes is None else set(attributes))

    def _table(self, as_of: date | None, wanted: set[str] | None) -> EventTable:
        with self.engine.connect() as conn, conn.begin():  # one consistent read
            snapshot = load_snapshot(conn, wanted)
            if snapshot is not None and snapshot[0] == latest_batch(conn):
                table = snapshot[1]
            else:
                cond = events.c.day <= as_of.toordinal() if as_of is not None else true()
                table = self._rows_table(conn, cond)
        if as_of is not None:
            table = table.upto(as_of.toordinal())
        if wanted is not None and set(table.attributes) - wanted:
            kept = {k: c for k, c in table.attributes.items() if k in wanted}
            table = dataclasses.replace(table, attributes=kept)
        return table

    def refresh_snapshot(self) -> None:
        """Bring the column snapshot (:mod:`accords.monitor.store.snapshot`) up to date.

        Run at the end of every ingest; after it, loading the events
        (:meth:`table`) reads the snapshot instead of every row.
        """
        with paused_gc(), self._write() as conn:
            latest = latest_batch(conn)
            if latest is None:
                return
            snapshot = load_snapshot(conn)
            if snapshot is not None and snapshot[0] == latest:
                return
            replaced = (
                conn.execute(
                    select(func.count())
                    .select_from(ingest_batches)
                    .where(ingest_batches.c.id > snapshot[0], ingest_batches.c.n_replaced > 0)
                ).scalar_one()
                if snapshot is not None
                else 1
            )
            if snapshot is not None and not replaced:
                fresh = self._rows_table(conn, events.c.batch_id > snapshot[0])
                table = concat_tables([snapshot[1], fresh])
            else:
                table = self._rows_table(conn, true())
            save_snapshot(conn, table, latest)

    def _rows_table(self, conn: Connection, cond: Any) -> EventTable:
        """The events that meet ``cond``, read row by row, sorted by day then id."""
        query = select(
            events.c.id,
            events.c.day,
            events.c.type,
            events.c.mode,
            events.c.certainty,
            events.c.country,
            events.c.admin1,
            events.c.place,
            events.c.actors,
            events.c.recipients,
            events.c.attributes,
        ).where(cond)
        compiled = query.compile(
            dialect=self.engine.dialect, compile_kwargs={"literal_binds": True}
        )
        # A plain DB-API cursor: these columns need no conversion, and building
        # SQLAlchemy rows would double the cost of loading a million events.
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(str(compiled))
            rows = cursor.fetchall()
        finally:
            cursor.close()
        n = len(rows)
        if not n:
            return EventTable.from_columns(
                ids=[], days=[], types=[], modes=[], certainties=[], actors=[]
            )
        (ids, days, types, modes, certainties, countries, admin1s, places, actor_text,
         recipient_text, attribute_text) = zip(*rows, strict=True)  # fmt: skip
        del rows
        columns: dict[str, list[AttributeValue | None]] = {}
        loads = json.loads
        for i, text in enumerate(attribute_text):
            if text is None:
                continue
            for name, value in loads(text).items():
                column = columns.get(name)
                if column is None:
                    column = columns[name] = [None] * n
                column[i] = value
        table = EventTable.from_columns(
            ids=ids,
            days=days,
            types=types,
            modes=modes,
            certainties=certainties,
            actors=[t.split(",") for t in actor_text],
            recipients=[t.split(",") if t else () for t in recipient_text],
            countries=countries,
            admin1s=admin1s,
            places=places,
            attributes=columns,
        )
        # sorted in numpy by (day, id in code-point order), the same on every backend
        return concat_tables([table])

    def events(self, *, as_of: date | None = None) -> Iterator[Event]:
        """The stored events (up to ``as_of``) as :class:`Event` records, by date then id."""
        cond = events.c.day <= as_of.toordinal() if as_of is not None else true()
        with self.engine.connect() as conn:
            result = conn.execution_options(yield_per=2000).execute(
                select(events.c.record).where(cond).order_by(events.c.day, events.c.id)
            )
            for (record,) in result:
                yield Event.model_validate_json(record)

    def get(self, ids: Iterable[str]) -> dict[str, Event]:
        """The stored events with these ids (ids not stored are left out)."""
        wanted = sorted(set(ids))
        found: dict[str, Event] = {}
        with self.engine.connect() as conn:
            for start in range(0, len(wanted), _CHUNK):
                chunk = wanted[start : start + _CHUNK]
                rows = conn.execute(
                    select(events.c.id, events.c.record).where(events.c.id.in_(chunk))
                )
                found.update({r[0]: Event.model_validate_json(r[1]) for r in rows})
        return found

    def batches(self) -> list[dict[str, Any]]:
        """The ingest log: one mapping per committed batch, oldest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(ingest_batches).order_by(ingest_batches.c.id))
            return [dict(r._mapping) for r in rows]

    def check(self) -> list[str]:
        """Integrity problems of the store (an empty list when sound).

        Checks the database's own integrity (SQLite), that each stored record still hashes to
        its ``content_hash`` and matches its columns, and that each batch holds no more events
        than it logged.
        """
        problems: list[str] = []
        with self.engine.connect() as conn:
            if self.dialect == "sqlite":
                result = conn.exec_driver_sql("PRAGMA integrity_check").scalar_one()
                if result != "ok":
                    problems.append(f"sqlite integrity_check: {result}")
                bad = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
                if bad:
                    problems.append(f"{len(bad)} row(s) fail foreign_key_check")
            for event_id, day, record, digest in conn.execute(
                select(events.c.id, events.c.day, events.c.record, events.c.content_hash)
            ):
                if hashlib.sha256(record.encode()).hexdigest() != digest:
                    problems.append(f"event {event_id!r}: record does not match its hash")
                    continue
                data = json.loads(record)
                if data.get("id") != event_id or data.get("date") != _iso_day(day):
                    problems.append(f"event {event_id!r}: record does not match its columns")
            per_batch: dict[int, int] = dict(
                conn.execute(
                    select(events.c.batch_id, func.count()).group_by(events.c.batch_id)
                ).all()
            )
            for batch in conn.execute(select(ingest_batches)):
                stored = per_batch.get(batch.id, 0)
                if stored > batch.n_inserted + batch.n_replaced:
                    problems.append(
                        f"batch {batch.id} holds {stored} events but logged "
                        f"{batch.n_inserted + batch.n_replaced}"
                    )
        return problems


def _report(source: str, counts: _Counts) -> IngestReport:
    return IngestReport(
        source=source,
        n_read=counts.n_read,
        n_inserted=counts.n_inserted,
        n_unchanged=counts.n_unchanged,
        n_replaced=counts.n_replaced,
        rejected=tuple(sorted(counts.rejected, key=lambda d: d.line or 0)),
        n_batches=counts.n_batches,
    )


#: ``(records read, defects among them, good events)``: one batch of the input.
_Chunk = tuple[int, list[EventDefect], list[tuple[int | None, Event]]]


def _batches(records: Iterable[ParsedRecord], batch_size: int) -> Iterator[_Chunk]:
    """Batches of ``batch_size`` good events, with the records read and the defects among them.

    (Reading ahead in a second thread was measured slower: validation holds the GIL.)
    """
    n_read: int = 0
    defects: list[EventDefect] = []
    good: list[tuple[int | None, Event]] = []
    for line, item in records:
        n_read += 1
        if isinstance(item, EventDefect):
            defects.append(item)
            continue
        good.append((line, item))
        if len(good) >= batch_size:
            yield n_read, defects, good
            n_read, defects, good = 0, [], []
    if n_read:
        yield n_read, defects, good


_EVENT_COLUMNS: Final = tuple(c.name for c in events.columns)


def _sqlite_insert(table: Table) -> str:
    names = [c.name for c in table.columns]
    return (
        f"INSERT INTO {table.name} ({', '.join(names)}) "
        f"VALUES ({', '.join('?' for _ in names)}) ON CONFLICT DO NOTHING"
    )


def _event_values(
    e: Event, record: str, digest: str, batch_id: int, *, iso: bool
) -> tuple[Any, ...]:
    """A row of ``events``, in column order; with ``iso`` dates are ISO text (SQLite's form)."""
    loc = e.location
    end = e.end_date
    return (
        e.id,
        digest,
        e.day.toordinal(),
        e.day.isoformat() if iso else e.day,
        (end.isoformat() if iso else end) if end is not None else None,
        e.date_precision,
        e.type,
        e.mode,
        e.certainty,
        loc.country if loc else None,
        loc.admin1 if loc else None,
        loc.name if loc else None,
        ",".join(e.actors),
        ",".join(e.recipients) or None,
        to_json(e.attributes).decode() if e.attributes else None,
        record,
        batch_id,
    )


def _has_nul(data: Any) -> bool:
    if isinstance(data, str):
        return "\x00" in data
    if isinstance(data, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in data.items())
    if isinstance(data, list | tuple):
        return any(_has_nul(v) for v in data)
    return False


def _iso_day(day: int) -> str:
    return date.fromordinal(day).isoformat()
