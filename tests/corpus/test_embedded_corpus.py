"""The embedded ukraine-2025 corpus: complete, valid, and every quote found in its source."""

from __future__ import annotations

import re

import pytest

from accords import default_corpus_path, load_corpus, validate_corpus
from accords.corpus import normalise_text


@pytest.fixture(scope="module")
def corpus():  # type: ignore[no-untyped-def]
    return load_corpus()


def test_embedded_corpus_validates() -> None:
    assert validate_corpus(default_corpus_path()) == []


def test_every_quote_is_verbatim_in_its_source(corpus) -> None:  # type: ignore[no-untyped-def]
    dumped = corpus.model_dump()
    quotes: list[tuple[str, str]] = []

    def collect(node: object) -> None:
        if isinstance(node, dict):
            if "quote" in node and "source" in node:
                quotes.append((node["source"], node["quote"]))
            for value in node.values():
                collect(value)
        elif isinstance(node, list | tuple):
            for value in node:
                collect(value)

    collect(dumped)
    assert len(quotes) > 100
    texts = {sid: normalise_text(text) for sid, text in corpus.texts.items()}
    missing = [(s, q) for s, q in quotes if normalise_text(q) not in texts[s]]
    assert missing == []


def test_required_agreements_are_present(corpus) -> None:  # type: ignore[no-untyped-def]
    ids = {a.id for a in corpus.agreements}
    assert {
        "us-28-point-plan",
        "european-counterproposal",
        "us-19-point-plan",
        "moscow-package",
    } <= ids
    assert corpus.agreement("moscow-package").status == "speculative"
    assert len(corpus.agreement("moscow-package").top_level) == 7


def test_28_point_plan_has_every_point_and_sub_point(corpus) -> None:  # type: ignore[no-untyped-def]
    plan = corpus.agreement("us-28-point-plan")
    assert [p.label for p in plan.top_level] == [str(i) for i in range(1, 29)]
    labels = {p.label for p in plan.provisions}
    for point, letters in {
        "12": "abcdef",
        "13": "abc",
        "20": "abc",
        "21": "abcd",
        "24": "abcd",
    }.items():
        assert {f"{point}.{x}" for x in letters} <= labels
    for p in plan.provisions:
        assert p.evidence, p.label
        assert p.bearers or p.modality == "declaration", p.label


def test_28_point_plan_quantities_as_the_text_states(corpus) -> None:  # type: ignore[no-untyped-def]
    plan = corpus.agreement("us-28-point-plan")
    army = plan.provision("6")
    assert (600000.0, "personnel") in {(q.value, q.unit) for q in army.quantities}
    # The 50 % cut reported by another article is kept beside the 600,000 cap, not merged.
    reported = [q for v in army.variants for q in v.quantities] + list(army.quantities)
    assert any(q.value == 50 and q.approximate for q in reported)
    funds = {(q.value, q.unit) for q in plan.provision("14").quantities}
    assert (100e9, "USD") in funds
    assert (50.0, "percent") in funds
    assert any(q.value == 100 and q.unit == "days" for q in plan.provision("25").quantities)


@pytest.mark.parametrize(
    "party",
    [
        "us",
        "russia",
        "ukraine",
        "europe",
        "eu",
        "nato",
        "uk",
        "france",
        "germany",
        "poland",
        "world-bank",
        "iaea",
        "g8",
    ],
)
def test_required_parties(corpus, party: str) -> None:  # type: ignore[no-untyped-def]
    corpus.party(party)


def test_memberships(corpus) -> None:  # type: ignore[no-untyped-def]
    assert {"eu", "uk", "france", "germany", "poland"} <= corpus.members_of("europe")
    assert {"france", "germany", "poland"} <= corpus.members_of("eu")
    assert {"us", "uk", "france", "germany", "poland"} <= corpus.members_of("nato")
    assert "europe" in corpus.groups_of("france")


def test_issues_cover_the_negotiation(corpus) -> None:  # type: ignore[no-untyped-def]
    assert len(corpus.issues) >= 15
    titles = " ".join(f"{i.id} {i.title}" for i in corpus.issues).lower()
    for topic in [
        "crimea",
        "luhansk",
        "donetsk",
        "zaporizhzhia",
        "kherson",
        "nato",
        "troops",
        "army",
        "long-range",
        "guarantee",
        "sanction",
        "asset",
        "election",
        "amnesty",
        "language",
        "church",
        "nuclear",
        "eu",
    ]:
        assert re.search(topic, titles), topic


def test_stances_of_main_parties_with_quotes_or_marked_unknown(corpus) -> None:  # type: ignore[no-untyped-def]
    for party in ["us", "russia", "ukraine", "eu", "uk", "france"]:
        stances = corpus.stances_of(party)
        assert stances, party
        assert any(s.is_known for s in stances), party
        for s in stances:
            if s.is_known:
                assert s.evidence or s.assumption, (party, s.issue)
            else:
                assert not s.evidence
