"""The workbench's state: the corpus loaded once, results cached by the corpus's hash, and
slow analyses computed once in the background."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

from accords._version import __version__
from accords.corpus import load_corpus
from accords.model import Corpus
from accords.web.settings import WebSettings, read_token

__all__ = ["Citation", "Workbench"]

T = TypeVar("T")


@dataclass(frozen=True)
class Citation:
    """How to cite what a page shows: the corpus, its version and the date it was served."""

    corpus: str
    corpus_title: str
    corpus_hash: str
    accords_version: str
    served: str

    def line(self, url: str) -> str:
        """One line for the top of an export."""
        return (
            f"{self.corpus_title} (corpus {self.corpus}, {self.corpus_hash[:12]}), "
            f"accords {self.accords_version}, {url}, retrieved {self.served}"
        )


@dataclass
class Workbench:
    """The corpus, the token and the caches one application serves."""

    settings: WebSettings
    corpus: Corpus = field(init=False)
    corpus_hash: str = field(init=False)
    token: str | None = field(init=False)
    _cache: dict[tuple[str, str], Any] = field(default_factory=dict, init=False)
    _jobs: dict[tuple[str, str], Future[Any]] = field(default_factory=dict, init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False)
    _pool: ThreadPoolExecutor = field(init=False)

    def __post_init__(self) -> None:
        self.corpus = load_corpus(self.settings.corpus)
        dumped = self.corpus.model_dump(mode="json")
        digest = hashlib.sha256(json.dumps(dumped, sort_keys=True).encode("utf-8"))
        for source_id in sorted(self.corpus.texts):
            digest.update(self.corpus.texts[source_id].encode("utf-8"))
        self.corpus_hash = digest.hexdigest()
        self.token = read_token(self.settings.token_file)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="accords-slow")

    def citation(self) -> Citation:
        """The citation of what is served now."""
        return Citation(
            corpus=self.corpus.id,
            corpus_title=self.corpus.title,
            corpus_hash=self.corpus_hash,
            accords_version=__version__,
            served=datetime.now(UTC).date().isoformat(),
        )

    def cached(self, key: str, compute: Callable[[], T]) -> T:
        """``compute()`` once per corpus hash and key (results are immutable records)."""
        slot = (self.corpus_hash, key)
        with self._lock:
            if slot in self._cache:
                return self._cache[slot]  # type: ignore[no-any-return]
        value = compute()
        with self._lock:
            self._cache.setdefault(slot, value)
            return self._cache[slot]  # type: ignore[no-any-return]

    def background(self, key: str, compute: Callable[[], T]) -> T | None:
        """The result of a slow ``compute()``, started in the background on first request.

        Returns None while it runs (the page says so); re-raises what it raised.
        """
        slot = (self.corpus_hash, key)
        with self._lock:
            job = self._jobs.get(slot)
            if job is None:
                job = self._pool.submit(compute)
                self._jobs[slot] = job
        if not job.done():
            return None
        return job.result()  # type: ignore[no-any-return]

    def close(self) -> None:
        """Stop the background worker (running jobs finish first)."""
        self._pool.shutdown(wait=False, cancel_futures=True)
