"""Who must act: hand-computed expectations on the Kessel test corpus, and a networkx oracle for
membership resolved both ways."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accords import load_corpus
from accords.analysis import (
    dependence_on,
    negotiating_parties,
    parties_at_table,
    who_must_act,
)
from accords.exceptions import UnknownAgreementError, UnknownPartyError, UnknownProvisionError
from accords.model import Agreement, Corpus, Evidence, Party, Provision

KESSEL = Path(__file__).resolve().parents[1] / "corpora" / "kessel-2031"


@pytest.fixture(scope="module")
def kessel() -> Corpus:
    return load_corpus(KESSEL)


# Worked out by hand from tests/corpora/kessel-2031 (parties.yaml, agreements/kessel-draft.yaml):
# label, bearers, bound (bearers then members), involved groups, drafters, outside parties.
DRAFT_EXPECTED = [
    ("1", ["averland", "brask"], ["averland", "brask"], ["summit-of-five"], [], []),
    (
        "2",
        ["averland", "north-council"],
        ["averland", "north-council", "corvia", "dunmark", "eldia", "northern-union"],
        [],
        [],
        [],
    ),
    ("3", ["northern-union"], ["northern-union", "dunmark", "eldia"], ["north-council"], [], []),
    (
        "4",
        ["development-bank", "corvia"],
        ["development-bank", "corvia"],
        ["north-council", "summit-of-five"],
        ["corvia"],
        ["development-bank"],
    ),
    (
        "5",
        ["summit-of-five"],
        ["summit-of-five", "brask", "corvia", "dunmark", "eldia", "frell"],
        [],
        [],
        ["summit-of-five"],
    ),
    ("6", ["frell"], ["frell"], ["summit-of-five"], [], ["frell"]),
    ("7", ["averland", "brask"], ["averland", "brask"], ["summit-of-five"], [], []),
]


@pytest.mark.parametrize(
    ("label", "bearers", "bound", "involved", "drafters", "outside"),
    DRAFT_EXPECTED,
    ids=[row[0] for row in DRAFT_EXPECTED],
)
def test_draft_provisions_match_hand_computed(
    kessel: Corpus,
    label: str,
    bearers: list[str],
    bound: list[str],
    involved: list[str],
    drafters: list[str],
    outside: list[str],
) -> None:
    deps = who_must_act(kessel, "kessel-draft").provision(label)
    assert list(deps.bearers) == bearers
    assert list(deps.bound) == bound
    assert list(deps.involved) == involved
    assert list(deps.drafters) == drafters
    assert list(deps.outside_parties) == outside
    assert set(deps.non_drafters) == set(bearers) - set(drafters)


def test_negotiators_and_table(kessel: Corpus) -> None:
    # proposers: corvia, northern-union; known stances: averland, brask, northern-union, corvia
    # (dunmark's stance is unknown, so it does not make dunmark a negotiator).
    assert negotiating_parties(kessel) == {"averland", "brask", "corvia", "northern-union"}
    # + dunmark, eldia (members of the negotiating Union); + north-council (every member at
    # the table); not summit-of-five (frell is not), frell, or the bank (an institution).
    assert parties_at_table(kessel) == {
        "averland",
        "brask",
        "corvia",
        "northern-union",
        "dunmark",
        "eldia",
        "north-council",
    }


def test_draft_summaries(kessel: Corpus) -> None:
    deps = who_must_act(kessel, "kessel-draft")
    assert deps.drafters == ("corvia",)
    assert deps.non_drafting_bearers() == {
        "averland": ("1", "2", "7"),
        "brask": ("1", "7"),
        "development-bank": ("4",),
        "frell": ("6",),
        "north-council": ("2",),
        "northern-union": ("3",),
        "summit-of-five": ("5",),
    }
    assert deps.outside_provisions() == {
        "4": ("development-bank",),
        "5": ("summit-of-five",),
        "6": ("frell",),
    }


@pytest.mark.parametrize(
    ("party", "direct", "as_member", "as_group"),
    [
        ("northern-union", ["3"], ["2"], []),
        ("corvia", ["4"], ["2", "5"], []),
        ("dunmark", [], ["2", "3", "5"], []),
        ("summit-of-five", ["5"], [], ["1", "4", "6", "7"]),
        ("north-council", ["2"], [], ["3", "4"]),
    ],
    ids=["union", "corvia", "dunmark", "summit", "council"],
)
def test_dependence_on_party(
    kessel: Corpus, party: str, direct: list[str], as_member: list[str], as_group: list[str]
) -> None:
    (found,) = dependence_on(who_must_act(kessel, "kessel-draft"), [party])
    assert list(found.direct) == direct
    assert list(found.as_member) == as_member
    assert list(found.as_group) == as_group
    assert found.n_provisions == len(set(direct) | set(as_member) | set(as_group))


def test_counter_proposal_drafted_by_a_bloc_and_its_members(kessel: Corpus) -> None:
    deps = who_must_act(kessel, "kessel-union-counter")
    assert deps.drafters == ("dunmark", "eldia", "northern-union")
    assert deps.provision("2").drafters == ("northern-union",)
    assert deps.provision("4").non_drafters == ("brask",)
    assert deps.outside_provisions() == {"5": ("frell",)}


def test_explicit_table_changes_outside_parties(kessel: Corpus) -> None:
    deps = who_must_act(kessel, "kessel-draft", negotiators=["averland", "brask", "frell"])
    assert deps.provision("6").outside_parties == ()
    assert deps.provision("4").outside_parties == ("development-bank", "corvia")


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda c: who_must_act(c, "nope"), UnknownAgreementError, "unknown agreement 'nope'"),
        (
            lambda c: who_must_act(c, "kessel-draft", negotiators=["atlantis"]),
            UnknownPartyError,
            "unknown party 'atlantis'",
        ),
        (
            lambda c: who_must_act(c, "kessel-draft").provision("99"),
            UnknownProvisionError,
            "unknown provision 'kessel-draft:99'",
        ),
    ],
    ids=["agreement", "negotiator", "provision"],
)
def test_bad_inputs(kessel: Corpus, call: object, error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        call(kessel)  # type: ignore[operator]


# ---- oracle: membership resolved both ways equals descendants / ancestors in a DAG ---------

EV = (Evidence(source="s", quote="q"),)


@st.composite
def membership(draw: st.DrawFn) -> tuple[Corpus, nx.DiGraph]:
    n = draw(st.integers(2, 9))
    ids = [f"p{i}" for i in range(n)]
    graph = nx.DiGraph()
    graph.add_nodes_from(ids)
    parties = []
    for i, pid in enumerate(ids):
        # members only among later parties: a DAG, like real groups
        members = draw(st.lists(st.sampled_from(ids[i + 1 :]), unique=True)) if i < n - 1 else []
        graph.add_edges_from((pid, m) for m in members)
        parties.append(
            Party(id=pid, name=pid, kind="group" if members else "state", members=tuple(members))
        )
    bearers = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True))
    agreement = Agreement(
        id="x",
        title="X",
        proposers=(ids[0],),
        status="signed",
        sources=("s",),
        provisions=(
            Provision(
                label="1", text="t", modality="obligation", bearers=tuple(bearers), evidence=EV
            ),
        ),
    )
    return Corpus(id="c", title="C", parties=tuple(parties), agreements=(agreement,)), graph


@settings(max_examples=60, deadline=None)
@given(membership())
def test_resolution_matches_networkx(case: tuple[Corpus, nx.DiGraph]) -> None:
    corpus, graph = case
    deps = who_must_act(corpus, "x").provision("1")
    bearers = set(deps.bearers)
    members = set().union(*(nx.descendants(graph, b) for b in bearers)) - bearers
    groups = set().union(*(nx.ancestors(graph, b) for b in bearers)) - bearers - members
    assert set(deps.bound) == bearers | members
    assert set(deps.involved) == groups
    drafters = {"p0"} | nx.descendants(graph, "p0")
    assert set(deps.drafters) == bearers & drafters
    # p0 is the only negotiator; institutions aside, a group is at the table iff all its
    # members are, and members of p0 are.
    table = {"p0"} | nx.descendants(graph, "p0")
    for node in reversed(list(nx.topological_sort(graph))):
        members_of = list(graph.successors(node))
        if members_of and all(m in table for m in members_of):
            table.add(node)
    assert set(deps.outside_parties) == bearers - table
