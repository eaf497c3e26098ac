"""Acceptability: hand-computed verdicts on the Kessel test corpus, a rule-by-rule oracle on
random stances, and the rule that nothing is filled in without evidence or an assumption."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accords import load_corpus
from accords.analysis import VERDICTS, assess_acceptability, judge_option
from accords.exceptions import ModelSpecificationError, UnknownAgreementError, UnknownPartyError
from accords.model import (
    Agreement,
    ConditionalAcceptance,
    Corpus,
    Evidence,
    Issue,
    Option,
    Party,
    Provision,
    Settlement,
    Stance,
)

KESSEL = Path(__file__).resolve().parents[1] / "corpora" / "kessel-2031"


@pytest.fixture(scope="module")
def kessel() -> Corpus:
    return load_corpus(KESSEL)


# Every cell that is not "unknown", worked out by hand from stances.yaml; all others are unknown.
# (agreement, party, label) -> (verdict, first quote or None, assumed, disputed, deal-breaker)
KNOWN = {
    ("kessel-draft", "averland", "1"): (
        "conditional",
        "We will never accept Brask's claims",
        False,
        False,
        False,
    ),
    ("kessel-draft", "brask", "1"): ("accepts", "The whole valley is ours", False, False, False),
    ("kessel-draft", "brask", "2"): ("accepts", None, True, False, False),
    ("kessel-draft", "brask", "3"): ("accepts", "Brask also said", False, False, False),
    ("kessel-draft", "brask", "5"): ("accepts", "Readmission to the Summit", False, False, False),
    ("kessel-draft", "corvia", "2"): ("accepts", None, True, False, False),
    ("kessel-draft", "northern-union", "3"): ("accepts", "Lifting sanctions", False, False, False),
    ("kessel-union-counter", "averland", "1"): (
        "conditional",
        "We will never",
        False,
        False,
        False,
    ),
    ("kessel-union-counter", "averland", "2"): (
        "accepts",
        "Union peacekeepers",
        False,
        False,
        False,
    ),
    ("kessel-union-counter", "brask", "1"): ("accepts", "The whole valley", False, False, False),
    ("kessel-union-counter", "brask", "2"): ("rejects", "No Union soldiers", False, False, False),
    ("kessel-union-counter", "brask", "3"): ("accepts", "Brask also said", False, False, False),
    ("kessel-union-counter", "brask", "4"): ("rejects", "theft that we", False, True, True),
    ("kessel-union-counter", "northern-union", "3"): ("accepts", "Lifting", False, False, False),
    ("kessel-union-counter", "northern-union", "4"): (
        "accepts",
        "from frozen",
        False,
        False,
        False,
    ),
}
ROWS = ("averland", "brask", "corvia", "dunmark", "northern-union")


@pytest.mark.parametrize("agreement", ["kessel-draft", "kessel-union-counter"])
def test_matrix_matches_hand_computed(kessel: Corpus, agreement: str) -> None:
    matrix = assess_acceptability(kessel, agreement)
    assert matrix.parties == ROWS
    for cell in matrix.cells:
        expected = KNOWN.get((agreement, cell.party, cell.label))
        if expected is None:
            assert cell.verdict == "unknown", (cell.party, cell.label, cell.reason)
            assert cell.evidence == ()
            continue
        verdict, quote, assumed, disputed, breaker = expected
        assert cell.verdict == verdict, (cell.party, cell.label)
        if quote is None:
            assert cell.evidence == ()
        else:
            assert cell.evidence[0].quote.startswith(quote)
        assert (cell.assumed, cell.disputed, cell.deal_breaker) == (assumed, disputed, breaker)
    codes = np.array([[VERDICTS.index(c.verdict) for c in matrix.row(p)] for p in ROWS])
    np.testing.assert_array_equal(matrix.codes, codes)


@pytest.mark.parametrize(
    ("agreement", "veto", "vetoes"),
    [
        ("kessel-draft", ("averland", "brask", "corvia", "northern-union"), []),
        (
            "kessel-union-counter",
            ("averland", "brask", "northern-union"),
            [("brask", "2"), ("brask", "4")],
        ),
    ],
    ids=["draft", "counter"],
)
def test_veto_players(
    kessel: Corpus, agreement: str, veto: tuple[str, ...], vetoes: list[tuple[str, str]]
) -> None:
    matrix = assess_acceptability(kessel, agreement)
    assert matrix.veto_players == veto
    assert [(c.party, c.label) for c in matrix.vetoes] == vetoes
    assert matrix.vetoed is bool(vetoes)


def test_party_summary_and_deal_breakers(kessel: Corpus) -> None:
    summary = assess_acceptability(kessel, "kessel-union-counter").summary("brask")
    assert dict(summary.counts) == {"accepts": 2, "conditional": 0, "unknown": 3, "rejects": 2}
    assert summary.rejects == ("2", "4")
    # Brask must consent to point 4 (it waives its claims) but not to point 2 (Union monitors).
    assert summary.deal_breakers == ("4",)
    assert summary.is_veto_player


def test_variant_verdicts_are_flagged_not_merged(kessel: Corpus) -> None:
    matrix = assess_acceptability(kessel, "kessel-draft")
    union = matrix.cell("northern-union", "3")
    assert union.verdict == "accepts"  # the main text: relief in stages
    assert [(v.index, v.verdict) for v in union.variants] == [(0, "rejects")]
    assert union.variant_differs
    assert matrix.summary("northern-union").variant_rejects == ("3",)
    assert matrix.cell("averland", "3").variant_differs is False  # unknown either way


def test_unknown_reasons_say_why(kessel: Corpus) -> None:
    matrix = assess_acceptability(kessel, "kessel-draft")
    assert matrix.cell("averland", "3").reason == "no stance of 'averland' on issue 'sanctions'"
    assert "says nothing of option 'no-foreign-troops'" in matrix.cell("averland", "2").reason
    assert "reported but unknown" in matrix.cell("dunmark", "2").reason
    assert "settles no issue" in matrix.cell("brask", "6").reason


def test_options_restrict_rows_and_veto(kessel: Corpus) -> None:
    matrix = assess_acceptability(
        kessel, "kessel-union-counter", parties=["brask"], veto_players=["averland"]
    )
    assert matrix.parties == ("brask",)
    assert matrix.veto_players == ("averland",)
    assert not matrix.vetoed  # averland rejects nothing


def test_every_filled_cell_has_evidence_or_an_assumption(kessel: Corpus) -> None:
    for agreement in ("kessel-draft", "kessel-union-counter"):
        for cell in assess_acceptability(kessel, agreement).cells:
            if cell.verdict != "unknown":
                assert cell.evidence or cell.assumptions, (cell.party, cell.label)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"agreement": "nope"}, UnknownAgreementError, "unknown agreement 'nope'"),
        ({"parties": ["atlantis"]}, UnknownPartyError, "unknown party 'atlantis'"),
        ({"veto_players": ["atlantis"]}, UnknownPartyError, "unknown party 'atlantis'"),
        ({"parties": []}, ModelSpecificationError, "at least one party"),
    ],
    ids=["agreement", "party", "veto", "empty-parties"],
)
def test_bad_inputs(kessel: Corpus, kwargs: dict[str, object], error: type, match: str) -> None:
    args = {"agreement": "kessel-draft", **kwargs}
    with pytest.raises(error, match=match):
        assess_acceptability(kessel, **args)  # type: ignore[arg-type]


def test_cell_lookup_errors(kessel: Corpus) -> None:
    matrix = assess_acceptability(kessel, "kessel-draft")
    with pytest.raises(UnknownPartyError, match="frell"):
        matrix.cell("frell", "1")
    with pytest.raises(KeyError, match="kessel-draft:99"):
        matrix.cell("brask", "99")


# ---- oracle: the verdict rules restated independently, on random stances -------------------

OPTIONS = ("o0", "o1", "o2", "o3")
ISSUES = ("i0", "i1")
EV = (Evidence(source="s", quote="q"),)


@st.composite
def stance(draw: st.DrawFn) -> Stance:
    issue = draw(st.sampled_from(ISSUES))
    # assign each option to one role at most, as the model requires
    roles = draw(
        st.lists(
            st.sampled_from(["none", "ideal", "acceptable", "red", "conditional"]),
            min_size=4,
            max_size=4,
        )
    )
    ideal = next((o for o, r in zip(OPTIONS, roles, strict=True) if r == "ideal"), None)
    return Stance(
        party="p",
        issue=issue,
        ideal=ideal,
        acceptable=tuple(o for o, r in zip(OPTIONS, roles, strict=True) if r == "acceptable"),
        red_lines=tuple(o for o, r in zip(OPTIONS, roles, strict=True) if r == "red"),
        conditional=tuple(
            ConditionalAcceptance(option=o, condition="c")
            for o, r in zip(OPTIONS, roles, strict=True)
            if r == "conditional"
        ),
        evidence=EV,
    )


def oracle(stances: list[Stance], settles: list[tuple[str, str]]) -> str:
    if not settles:
        return "unknown"
    per_issue = []
    for issue, option in settles:
        said = set()
        for s in stances:
            if s.issue != issue:
                continue
            if option in s.red_lines:
                said.add("rejects")
            elif option in {c.option for c in s.conditional}:
                said.add("conditional")
            elif option == s.ideal or option in s.acceptable:
                said.add("accepts")
        if "rejects" in said:
            per_issue.append("rejects")
        elif "conditional" in said:
            per_issue.append("conditional")
        elif "accepts" in said:
            per_issue.append("accepts")
        else:
            per_issue.append("unknown")
    for verdict in ("rejects", "unknown", "conditional"):
        if verdict in per_issue:
            return verdict
    return "accepts"


@settings(max_examples=150, deadline=None)
@given(
    st.lists(stance(), max_size=4),
    st.lists(st.tuples(st.sampled_from(ISSUES), st.sampled_from(OPTIONS)), max_size=2),
)
def test_verdict_matches_oracle(stances: list[Stance], settles: list[tuple[str, str]]) -> None:
    corpus = Corpus(
        id="c",
        title="C",
        parties=(Party(id="p", name="P", kind="state"),),
        issues=tuple(
            Issue(
                id=i,
                title=i,
                options=tuple(
                    Option(id=o, position=k, description=o) for k, o in enumerate(OPTIONS)
                ),
            )
            for i in ISSUES
        ),
        stances=tuple(stances),
        agreements=(
            Agreement(
                id="x",
                title="X",
                proposers=("p",),
                status="signed",
                sources=("s",),
                provisions=(
                    Provision(
                        label="1",
                        text="t",
                        modality="obligation",
                        bearers=("p",),
                        settles=tuple(Settlement(issue=i, option=o) for i, o in settles),
                        evidence=EV,
                    ),
                ),
            ),
        ),
    )
    cell = assess_acceptability(corpus, "x", parties=["p"]).cell("p", "1")
    assert cell.verdict == oracle(stances, settles)
    assert cell.deal_breaker is (cell.verdict == "rejects")  # p is the bearer


def test_judge_option_conflicting_reports_are_disputed() -> None:
    stances = [
        Stance(party="a", issue="i", acceptable=("x",), evidence=EV),
        Stance(
            party="a",
            issue="i",
            conditional=(ConditionalAcceptance(option="x", condition="c"),),
            assumption="guess",
        ),
    ]
    judged = judge_option(stances, "i", "x", "a")
    assert (judged.verdict, judged.disputed) == ("conditional", True)
    assert judged.assumptions == ("guess",)
    assert judged.evidence == ()  # the deciding report rests on the assumption only
