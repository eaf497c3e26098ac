"""Ranked search: the reader's queries lead to the answer, misspellings still match, errors say
what was expected."""

from __future__ import annotations

import pytest

from accords import load_corpus
from accords.exceptions import ModelSpecificationError
from accords.explore import SearchItem, search_corpus
from accords.model import Corpus


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus()


@pytest.mark.parametrize(
    ("query", "kind", "ident", "needle"),
    [
        ("Umerov", "person", "ukraine", "led the Ukrainian delegation in Florida"),
        ("Umerow", "person", "ukraine", "Rustem Umerov"),  # one letter off
        ("Pokrovsk", "source", "putin-witkoff-summit", "Pokrovsk (Krasnoarmeysk)"),
        ("ceasefire first", "stance", "europe/ceasefire-sequencing", '"ceasefire first"'),
        ("Yermak", "party", "ukraine", "Umerov replaced Andriy Yermak"),
        ("Kallas", "person", "eu", "Kaja Kallas"),
    ],
    ids=["name", "misspelt", "place", "phrase", "replaced", "envoy"],
)
def test_query_leads_to_the_answer(
    corpus: Corpus, query: str, kind: str, ident: str, needle: str
) -> None:
    top = search_corpus(corpus, query, limit=3).hits[0]
    assert (top.kind, top.id) == (kind, ident)
    assert needle in top.passage


def test_phrase_beats_scattered_words(corpus: Corpus) -> None:
    hits = search_corpus(corpus, "ceasefire first", limit=5).hits
    assert all("ceasefire first" in h.passage.lower() for h in hits[:3])
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1))


def test_kinds_filter_and_extra_documents(corpus: Corpus) -> None:
    only = search_corpus(corpus, "Umerov", kinds=["source"]).hits
    assert only
    assert {h.kind for h in only} == {"source"}
    event = SearchItem("event", "e-1", "description", "Talks in Florida", "Umerov flew to Miami")
    hits = search_corpus(corpus, "Miami Umerov", kinds=["event"], extra=[event]).hits
    assert [(h.kind, h.id) for h in hits] == [("event", "e-1")]


def test_same_query_same_ranking(corpus: Corpus) -> None:
    first = search_corpus(corpus, "frozen assets reconstruction")
    again = search_corpus(corpus, "frozen assets reconstruction")
    assert first.to_record() == again.to_record()
    assert first.to_record()["document"] == "search"


@pytest.mark.parametrize(
    ("query", "limit", "match"),
    [("   ", 10, "expected a word"), ("?!", 10, "expected a word"), ("nato", 0, "at least 1")],
)
def test_bad_queries(corpus: Corpus, query: str, limit: int, match: str) -> None:
    with pytest.raises(ModelSpecificationError, match=match):
        search_corpus(corpus, query, limit=limit)
