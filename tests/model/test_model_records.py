"""The core model: frozen, strict records that reject what does not make sense."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from accords import (
    Condition,
    Corpus,
    Deadline,
    EventPattern,
    Evidence,
    Issue,
    Option,
    Party,
    Provision,
    Stance,
)
from accords.exceptions import UnknownAgreementError, UnknownPartyError

QUOTE = (Evidence(source="s", quote="q"),)


def provision(**changes: Any) -> Provision:
    fields: dict[str, Any] = {
        "label": "1",
        "text": "t",
        "modality": "obligation",
        "evidence": QUOTE,
    }
    return Provision(**{**fields, **changes})


def test_records_are_frozen() -> None:
    p = provision()
    with pytest.raises(ValidationError, match="frozen"):
        p.text = "changed"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("build", "pattern"),
    [
        (lambda: provision(label="21 d"), "String should match pattern"),
        (lambda: provision(modality="promise"), "Input should be 'obligation'"),
        (lambda: provision(evidence=()), "at least 1 item"),
        (lambda: provision(bearers=("Ukraine",)), "String should match pattern"),
        (lambda: provision(unknown=1), "Extra inputs are not permitted"),
        (lambda: provision(quantities=({"value": "600000", "unit": "personnel"},)), "valid number"),
        (lambda: Stance(party="a", issue="i", ideal="x"), "needs evidence"),
        (lambda: Stance(party="a", issue="i", salience=1.5), "less than or equal to 1"),
        (
            lambda: Stance(party="a", issue="i", ideal="x", red_lines=("x",), evidence=QUOTE),
            "both wanted and rejected",
        ),
        (lambda: Condition(), "exactly one of"),
        (
            lambda: Condition(
                event=EventPattern(type="ASSAULT"),
                all_of=(Condition(event=EventPattern(type="AID")),),
            ),
            "exactly one of",
        ),
        (lambda: EventPattern(type="assault"), "Input should be 'AGREE'"),
        (lambda: Deadline(days=100), "needs after"),
        (lambda: Deadline(), "either date or days"),
        (lambda: Deadline(after="provision-in-force", days=3), "needs provision"),
        (
            lambda: Issue(
                id="i",
                title="I",
                options=(
                    Option(id="a", position=50, description="a"),
                    Option(id="b", position=10, description="b"),
                ),
            ),
            "strictly increasing",
        ),
        (lambda: Option(id="a", position=101, description="a"), "less than or equal to 100"),
    ],
    ids=[
        "label-with-space",
        "unknown-modality",
        "no-evidence",
        "bad-party-id",
        "unknown-field",
        "string-for-number",
        "stance-without-support",
        "salience-above-one",
        "red-line-is-ideal",
        "empty-condition",
        "two-branch-condition",
        "lowercase-event-type",
        "relative-deadline-without-anchor",
        "empty-deadline",
        "anchor-without-provision",
        "options-out-of-order",
        "position-above-100",
    ],
)
def test_invalid_records_are_rejected(build: Any, pattern: str) -> None:
    with pytest.raises(ValidationError, match=pattern):
        build()


def test_unknown_stance_needs_no_evidence() -> None:
    stance = Stance(party="a", issue="i", notes="no evidence in the corpus")
    assert not stance.is_known


@pytest.mark.parametrize(
    ("label", "point", "top"),
    [("21", "21", True), ("21.d", "21", False), ("E-3", "E-3", True)],
)
def test_provision_point(label: str, point: str, top: bool) -> None:
    p = provision(label=label)
    assert (p.point, p.is_top_level) == (point, top)


def test_membership_is_resolved_both_ways_and_survives_cycles() -> None:
    corpus = Corpus(
        id="c",
        title="c",
        parties=(
            Party(id="europe", name="Europe", kind="group", members=("eu", "uk")),
            Party(id="eu", name="EU", kind="bloc", members=("france", "germany")),
            Party(id="france", name="France", kind="state"),
            Party(id="germany", name="Germany", kind="state"),
            Party(id="uk", name="UK", kind="state"),
            Party(id="loop-a", name="A", kind="group", members=("loop-b",)),
            Party(id="loop-b", name="B", kind="group", members=("loop-a",)),
        ),
    )
    assert corpus.members_of("europe") == {"eu", "uk", "france", "germany"}
    assert corpus.groups_of("france") == {"eu", "europe"}
    assert corpus.related("eu") == {"eu", "europe", "france", "germany"}
    assert corpus.members_of("loop-a") == {"loop-b"}
    with pytest.raises(UnknownPartyError, match="unknown party 'nato'"):
        corpus.party("nato")
    with pytest.raises(UnknownAgreementError) as info:
        corpus.agreement("x")
    assert isinstance(info.value, KeyError)


def test_unknown_option_is_the_projects_own_error() -> None:
    from accords.exceptions import UnknownOptionError
    from accords.model import Issue, Option

    issue = Issue(
        id="alliances",
        title="Alliances",
        options=(
            Option(id="neutral", position=0, description="neutral"),
            Option(id="eu", position=100, description="EU"),
        ),
    )
    for lookup in (issue.option, issue.index):
        with pytest.raises(
            UnknownOptionError, match="issue 'alliances' has no option 'nato'"
        ) as info:
            lookup("nato")
        assert isinstance(info.value, KeyError)
        assert info.value.known == ("eu", "neutral")
