"""Fixtures of the monitor tests: the fictional Tarn Valley corpus, event builders, stores."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from accords import load_corpus
from accords.model import Agreement, Corpus
from accords.monitor import Event

HERE = Path(__file__).resolve().parent
TARN = HERE / "corpora" / "tarn-valley"
REPO = HERE.parents[1]
EXAMPLES = REPO / "examples"
POSTGRES_ENV = "ACCORDS_TEST_POSTGRES_URL"


@pytest.fixture(scope="session")
def tarn_corpus() -> Corpus:
    return load_corpus(TARN)


@pytest.fixture(scope="session")
def tarn(tarn_corpus: Corpus) -> Agreement:
    return tarn_corpus.agreement("tarn-valley-accord")


EventFactory = Callable[..., Event]


@pytest.fixture
def ev() -> EventFactory:
    """Build an event tersely: ``ev("e1", "2031-03-02", "SIGN", "norland", agreement=...)``."""

    def make(
        event_id: str,
        day: str,
        kind: str,
        *actors: str,
        mode: str | None = None,
        to: tuple[str, ...] = (),
        at: dict[str, Any] | None = None,
        certainty: str = "confirmed",
        **attributes: Any,
    ) -> Event:
        data: dict[str, Any] = {
            "id": event_id,
            "date": day,
            "type": kind,
            "actors": actors,
            "recipients": to,
            "mode": mode,
            "attributes": attributes,
            "certainty": certainty,
            "location": at,
        }
        if certainty == "disputed":
            data["disputed_by"] = ("someone",)
        return Event.model_validate(data)

    return make


def postgres_url() -> str | None:
    return os.environ.get(POSTGRES_ENV) or None


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database: a SQLite file, or the PostgreSQL test database (if configured).

    The store's tables are dropped there before and after each test: the database named by
    ACCORDS_TEST_POSTGRES_URL must be one for the tests alone.
    """
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'events.sqlite'}"
        return
    url = postgres_url()
    if url is None:
        pytest.skip(f"{POSTGRES_ENV} is not set (scripts/start-postgres.sh prints one)")
    _reset_postgres(url)
    yield url
    _reset_postgres(url)


def _reset_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    from accords.monitor.store import resolve_db_url
    from accords.monitor.store.schema import metadata

    engine = create_engine(resolve_db_url(url))
    with engine.begin() as conn:
        for name in [*(t.name for t in reversed(metadata.sorted_tables)), "alembic_version"]:
            conn.execute(text(f"DROP TABLE IF EXISTS {name} CASCADE"))
    engine.dispose()


@pytest.fixture(scope="session")
def tarn_dir() -> Path:
    return TARN


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES
