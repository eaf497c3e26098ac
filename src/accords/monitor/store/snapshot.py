"""The column snapshot: every stored event as encoded columns, loaded without parsing rows.

Loading a million events row by row costs seconds (fetching eleven columns per row, splitting
the actors, parsing each row's attributes as JSON, encoding every string again). The snapshot
keeps the :class:`~accords.monitor.patterns.EventTable` of all stored events in the table
``event_columns``, one row per array (raw little-endian bytes; ids joined by newlines, which an
event id cannot contain; the vocabulary as a JSON list), so that loading is one query and a
few ``numpy.frombuffer`` calls.

Validity
    Every write to the store commits a row of ``ingest_batches``. The snapshot records the id
    of the latest batch it includes (``batch_id``); it is used only while that is still the
    latest batch, so a stale snapshot is never read (the rows are, as before).
Refresh
    :func:`refresh_snapshot` runs at the end of each ingest, in its own write transaction. When
    the batches since the snapshot only inserted events (the usual case), it loads just their
    rows and merges them in; when one replaced events, it rebuilds from all rows. A process
    killed during a refresh leaves the previous snapshot, which is then stale and unused.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, Final

import numpy as np
from sqlalchemy import Connection, delete, func, or_, select

from accords.monitor.patterns import AttributeColumn, EventTable
from accords.monitor.store.schema import event_columns, ingest_batches

__all__ = ["latest_batch", "load_snapshot", "save_snapshot"]

_ARRAYS: Final[dict[str, Any]] = {
    "day": np.int64,
    "type_code": np.int8,
    "mode": np.int32,
    "certainty": np.int8,
    "country": np.int32,
    "admin1": np.int32,
    "place": np.int32,
    "actor_code": np.int32,
    "actor_event": np.int32,
    "recipient_code": np.int32,
    "recipient_event": np.int32,
}
_ATTRIBUTE_PARTS: Final[dict[str, Any]] = {"kind": np.int8, "number": np.float64, "text": np.int32}


def _bytes(array: Any, dtype: Any) -> bytes:
    data = np.ascontiguousarray(array, dtype=np.dtype(dtype).newbyteorder("<"))
    return data.tobytes()


def _array(data: bytes, dtype: Any) -> Any:
    return np.frombuffer(data, dtype=np.dtype(dtype).newbyteorder("<")).astype(dtype, copy=False)


def latest_batch(conn: Connection) -> int | None:
    """The id of the latest committed ingest batch (None for an empty store)."""
    value = conn.execute(select(func.max(ingest_batches.c.id))).scalar_one()
    return None if value is None else int(value)


def encode_table(table: EventTable) -> dict[str, bytes]:
    """The arrays of a table as named byte strings."""
    parts = {name: _bytes(getattr(table, name), dtype) for name, dtype in _ARRAYS.items()}
    parts["ids"] = "\n".join(table.ids.tolist()).encode()
    words = sorted(table.vocabulary, key=table.vocabulary.__getitem__)
    parts["vocabulary"] = json.dumps(words, ensure_ascii=False).encode()
    for name, column in table.attributes.items():
        for part, dtype in _ATTRIBUTE_PARTS.items():
            parts[f"attribute:{part}:{name}"] = _bytes(getattr(column, part), dtype)
    return parts


def decode_table(parts: dict[str, bytes]) -> EventTable:
    """The table :func:`encode_table` encoded."""
    text = parts["ids"].decode()
    ids = np.asarray(text.split("\n") if text else [], dtype=object)
    words = json.loads(parts["vocabulary"])
    columns: dict[str, dict[str, Any]] = {}
    for key, data in parts.items():
        if key.startswith("attribute:"):
            _, part, name = key.split(":", 2)
            columns.setdefault(name, {})[part] = _array(data, _ATTRIBUTE_PARTS[part])
    return EventTable(
        ids=ids,
        attributes={name: AttributeColumn(**c) for name, c in columns.items()},
        vocabulary={w: i for i, w in enumerate(words)},
        **{name: _array(parts[name], dtype) for name, dtype in _ARRAYS.items()},
    )


def load_snapshot(
    conn: Connection, attributes: Iterable[str] | None = None
) -> tuple[int, EventTable] | None:
    """The stored snapshot and the batch it is valid for, or None if there is none.

    With ``attributes``, only those attribute columns are read (all by default).
    """
    c = event_columns.c
    query = select(c.name, c.batch_id, c.data)
    if attributes is not None:
        wanted = [f"attribute:{part}:{name}" for name in attributes for part in _ATTRIBUTE_PARTS]
        query = query.where(or_(c.name.not_like("attribute:%"), c.name.in_(wanted)))
    rows = conn.execute(query)
    parts: dict[str, bytes] = {}
    batches: set[int] = set()
    for name, batch_id, data in rows:
        parts[name] = bytes(data)
        batches.add(int(batch_id))
    if len(batches) != 1 or "ids" not in parts:
        return None
    return batches.pop(), decode_table(parts)


def save_snapshot(conn: Connection, table: EventTable, batch_id: int) -> None:
    """Replace the snapshot by ``table``, valid for ``batch_id`` (in the caller's transaction)."""
    conn.execute(delete(event_columns))
    conn.execute(
        event_columns.insert(),
        [
            {"name": name, "batch_id": batch_id, "data": data}
            for name, data in encode_table(table).items()
        ],
    )
