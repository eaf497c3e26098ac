"""Profiles and the stances table, checked against the corpus files read independently."""

from __future__ import annotations

import pytest
import yaml

from accords import default_corpus_path, load_corpus
from accords.exceptions import UnknownIssueError, UnknownPartyError, UnknownSourceError
from accords.explore import issue_profile, list_stances, party_profile, source_profile
from accords.model import Corpus


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus()


@pytest.fixture(scope="module")
def raw_stances() -> list[dict[str, object]]:
    text = (default_corpus_path() / "stances.yaml").read_text(encoding="utf-8")
    stances: list[dict[str, object]] = yaml.safe_load(text)["stances"]
    return stances


def has_position(raw: dict[str, object]) -> bool:
    return any(raw.get(k) for k in ("ideal", "red_lines", "acceptable", "conditional"))


@pytest.mark.parametrize(
    ("party", "issue"),
    [(None, "nato-membership"), ("eu", None), ("russia", "crimea"), (None, None)],
)
def test_stances_match_the_yaml(
    corpus: Corpus, raw_stances: list[dict[str, object]], party: str | None, issue: str | None
) -> None:
    expected = [
        i
        for i, s in enumerate(raw_stances)
        if (party is None or s["party"] == party)
        and (issue is None or s["issue"] == issue)
        and has_position(s)
    ]
    result = list_stances(corpus, party=party, issue=issue)
    assert [r.index for r in result.rows] == expected
    everything = list_stances(corpus, party=party, issue=issue, include_unknown=True)
    assert len(everything.rows) == sum(
        1
        for s in raw_stances
        if (party is None or s["party"] == party) and (issue is None or s["issue"] == issue)
    )


def test_source_filter_keeps_stances_quoting_it(corpus: Corpus) -> None:
    rows = list_stances(corpus, source="antiwar-miami-meeting").rows
    assert rows
    assert all(any(q.source == "antiwar-miami-meeting" for q in r.quotes) for r in rows)


def test_party_profile(corpus: Corpus) -> None:
    profile = party_profile(corpus, "eu")
    assert set(profile.members) == {"france", "germany", "italy", "poland"}
    assert "europe" in profile.member_of
    assert {r.name for r in profile.representatives} >= {"Ursula von der Leyen", "Kaja Kallas"}
    assert all(s.party == "eu" for s in profile.stances)
    assert any(p.agreement == "us-28-point-plan" and p.how == "direct" for p in profile.provisions)
    record = profile.to_record()
    assert record["document"] == "party-profile"


def test_issue_profile_settlements(corpus: Corpus) -> None:
    profile = issue_profile(corpus, "nato-membership")
    ban = next(o for o in profile.options if o.id == "constitutional-ban")
    assert ("us-28-point-plan", "7") in {(s.agreement, s.label) for s in ban.settled_by}
    membership = next(o for o in profile.options if o.id == "membership")
    assert "russia" in membership.red_line_of


def test_source_profile_citations(corpus: Corpus) -> None:
    profile = source_profile(corpus, "why-the-deal-fails")
    kinds = {c.kind for c in profile.citations}
    assert {"agreement", "provision", "stance"} <= kinds
    assert profile.text.startswith(corpus.texts["why-the-deal-fails"][:40])
    assert all(c.quote is None or c.quote.strip() for c in profile.citations)


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda c: party_profile(c, "atlantis"), UnknownPartyError),
        (lambda c: issue_profile(c, "moon"), UnknownIssueError),
        (lambda c: source_profile(c, "nowhere"), UnknownSourceError),
        (lambda c: list_stances(c, party="atlantis"), UnknownPartyError),
    ],
    ids=["party", "issue", "source", "stances"],
)
def test_unknown_ids(corpus: Corpus, call: object, error: type[Exception]) -> None:
    with pytest.raises(error, match="known: "):
        call(corpus)  # type: ignore[operator]
