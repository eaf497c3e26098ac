"""Fixtures of the ingest tests: the extra is required; the pipeline runs once per session."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

pytest.importorskip("spacy", reason="the ingest extra (accords[ingest]) is not installed")

from accords import load_corpus
from accords.ingest import extract_candidates, parse_article
from accords.ingest.candidates import Candidate
from accords.ingest.evaluate import read_gold
from accords.model import Corpus

GOLD_DIR = Path(__file__).resolve().parent / "gold"


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return load_corpus()


@pytest.fixture(scope="session")
def embedded_candidates(corpus: Corpus) -> dict[str, tuple[str, tuple[Candidate, ...]]]:
    """Each embedded source's text and candidates (the pipeline runs once per session)."""
    out: dict[str, tuple[str, tuple[Candidate, ...]]] = {}
    for gold in read_gold(GOLD_DIR):
        source = str(gold["source"])
        published = gold["date"]
        assert isinstance(published, datetime.date)
        article = parse_article(
            corpus.texts[source].encode("utf-8"), name=f"{source}.txt", published=published
        )
        out[source] = (article.text, extract_candidates(article, corpus).candidates)
    return out
