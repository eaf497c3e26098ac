"""Storing candidates, and the accept/reject round trip into a corpus copy and a SQLite store."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

from accords.corpus import default_corpus_path, load_corpus, validate_corpus
from accords.exceptions import CorpusError, ReadOnlyCorpusError, UnknownCandidateError
from accords.ingest.accept import accept_candidates, reject_candidates
from accords.ingest.candidates import EntityCandidate, EventCandidate, StanceCandidate
from accords.ingest.store import load_candidates, select_candidates
from accords.ingest.workflow import add_articles, export_plover
from accords.model import Corpus
from accords.monitor.store import open_store

DAY = datetime.date(2025, 12, 4)
ARTICLE = (
    "Kremlin spokesman Dmitry Peskov said on Wednesday that Russia rejected any deployment of "
    "European troops to Ukraine. Witkoff will meet Putin in Moscow on Friday, the White House "
    "said. Zelensky said Ukraine would never recognise Crimea as Russian territory.\n"
    "Russian forces claimed on Tuesday to have captured Siversk, but Ukraine denied it. "
    "Analysts at Politico said the talks could drag on."
)


@pytest.fixture
def workspace(tmp_path: Path, corpus: Corpus) -> tuple[Path, str, Path]:
    article = tmp_path / "peskov-briefing.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    copy = tmp_path / "corpus"
    shutil.copytree(default_corpus_path(), copy)
    db = f"sqlite:///{tmp_path / 'events.sqlite'}"
    result = add_articles(article, published=DAY, corpus=corpus, db=db)
    assert result.extra["n_new"] == len(result.candidates) > 0
    return article, db, copy


def test_reingesting_adds_nothing(workspace: tuple[Path, str, Path], corpus: Corpus) -> None:
    article, db, _ = workspace
    again = add_articles(article, published=DAY, corpus=corpus, db=db)
    assert again.extra["n_new"] == 0


def test_accept_and_reject_round_trip(workspace: tuple[Path, str, Path]) -> None:
    _, db, copy = workspace
    with open_store(db) as store:
        pending = select_candidates(store, status="pending")
        stance = next(c for c in pending if isinstance(c, StanceCandidate))
        event = next(c for c in pending if isinstance(c, EventCandidate))
        statement = next(c for c in pending if c.kind == "statement" and c.id != stance.id)
        result = accept_candidates(store, [stance.id, event.id], corpus_dir=copy)
        assert (result.n_sources, result.n_stances, result.n_events) == (1, 1, 1)
        assert store.count() == 1
        reject_candidates(store, [statement.id])
        status = {c.id: c.status for c in load_candidates(store, [stance.id, statement.id])}
        assert status == {stance.id: "accepted", statement.id: "rejected"}
        assert export_plover("peskov-briefing", db=db)
    assert validate_corpus(copy) == []
    reloaded = load_corpus(copy)
    assert reloaded.texts["peskov-briefing"] == ARTICLE
    mine = [s for s in reloaded.stances if s.evidence and s.evidence[0].source == "peskov-briefing"]
    assert len(mine) == 1
    assert mine[0].as_of == DAY


def test_accept_that_would_invalidate_the_corpus_writes_nothing(
    workspace: tuple[Path, str, Path],
) -> None:
    _, db, copy = workspace
    before = {p: p.read_bytes() for p in copy.rglob("*") if p.is_file()}
    with open_store(db) as store:
        stance = next(
            c for c in select_candidates(store, kind="stance") if isinstance(c, StanceCandidate)
        )
        with pytest.raises(CorpusError) as info:
            accept_candidates(store, [stance.id], corpus_dir=copy, option="no-such-option")
        assert any("no-such-option" in str(d) for d in info.value.defects)
        assert load_candidates(store, [stance.id])[0].status == "pending"
    after = {p: p.read_bytes() for p in copy.rglob("*") if p.is_file()}
    assert after == before


def test_embedded_corpus_and_unknown_candidates_are_refused(
    workspace: tuple[Path, str, Path],
) -> None:
    _, db, copy = workspace
    with open_store(db) as store:
        some = select_candidates(store)[0].id
        with pytest.raises(ReadOnlyCorpusError, match="read-only"):
            accept_candidates(store, [some], corpus_dir=default_corpus_path())
        with pytest.raises(UnknownCandidateError, match="unknown candidate 'peskov-briefing:x"):
            accept_candidates(store, [some, "peskov-briefing:x:1-2"], corpus_dir=copy)
        with pytest.raises(UnknownCandidateError):
            reject_candidates(store, ["nope:statement:0-1"])
        assert load_candidates(store, [some])[0].status == "pending"


def test_a_store_made_before_ingest_is_upgraded(tmp_path: Path) -> None:
    from sqlalchemy import create_engine

    from accords.monitor.store import current_revision, head_revision, upgrade

    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    engine = create_engine(url)
    with engine.begin() as conn:
        upgrade(conn, "0001")
        assert current_revision(conn) == "0001"
    engine.dispose()
    with open_store(url) as store, store.engine.connect() as conn:
        assert current_revision(conn) == head_revision() == "0003"
        assert select_candidates(store) == []


def test_accepting_a_person_adds_a_representative(workspace: tuple[Path, str, Path]) -> None:
    _, db, copy = workspace
    with open_store(db) as store:
        peskov = next(
            c
            for c in select_candidates(store, kind="entity")
            if isinstance(c, EntityCandidate) and c.name == "Dmitry Peskov"
        )
        assert peskov.party == "russia"
        result = accept_candidates(store, [peskov.id], corpus_dir=copy)
    assert result.n_people == 1
    russia = load_corpus(copy).party("russia")
    assert "Dmitry Peskov" in [r.name for r in russia.representatives]
