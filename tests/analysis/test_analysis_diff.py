"""Version diff: hand-computed alignment of the Kessel versions, and a brute-force oracle for the
optimal assignment on small random agreements."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accords import load_corpus
from accords.analysis import diff_agreements, text_similarity
from accords.analysis.diff import similarity_matrices, tokens
from accords.exceptions import ModelSpecificationError
from accords.model import Agreement, Corpus, Evidence, Provision, Settlement

KESSEL = Path(__file__).resolve().parents[1] / "corpora" / "kessel-2031"
EV = (Evidence(source="s", quote="q"),)


@pytest.fixture(scope="module")
def kessel() -> Corpus:
    return load_corpus(KESSEL)


def test_kessel_versions_match_hand_computed(kessel: Corpus) -> None:
    d = diff_agreements(kessel.agreement("kessel-draft"), kessel.agreement("kessel-union-counter"))
    assert [(c.status, c.old, c.new) for c in d.provisions] == [
        ("changed", "1", "1"),  # same issue and option, text extended
        ("changed", "2", "2"),  # foreign troops: ban -> unarmed monitors
        ("changed", "3", "3"),  # same option; 2 years -> after 6 months
        ("changed", "4", "4"),  # donor fund -> frozen assets
        ("removed", "5", None),  # Summit of Five dropped
        ("unchanged", "6", "5"),  # Frell, renumbered
        ("unchanged", "7", "6"),  # prisoners, renumbered
        ("added", None, "7"),  # Averland may apply to join the Union
    ]
    assert d.counts == {"added": 1, "removed": 1, "changed": 4, "unchanged": 2, "unreported": 0}
    changes = {c.old: c.changes for c in d.provisions if c.status == "changed"}
    assert changes["1"] == ("text",)
    assert changes["2"] == ("text", "modality", "bearers", "settles")
    assert changes["3"] == ("text", "quantities")
    assert [c.renumbered for c in d.of_status("unchanged")] == [True, True]
    assert [(i.issue, i.status, i.old_options, i.new_options) for i in d.issues] == [
        ("ceasefire-line", "unchanged", ("current-line",), ("current-line",)),
        ("foreign-troops", "changed", ("no-foreign-troops",), ("unarmed-monitors",)),
        ("sanctions", "unchanged", ("phased-relief",), ("phased-relief",)),
        ("reconstruction-funding", "changed", ("donor-fund",), ("frozen-assets",)),
        ("summit-membership", "removed", ("readmitted",), ()),
        ("union-membership", "added", (), ("may-apply",)),
    ]


def test_reverse_diff_swaps_added_and_removed(kessel: Corpus) -> None:
    a, b = kessel.agreement("kessel-draft"), kessel.agreement("kessel-union-counter")
    forward, backward = diff_agreements(a, b), diff_agreements(b, a)
    assert backward.counts["added"] == forward.counts["removed"]
    assert backward.counts["removed"] == forward.counts["added"]
    pairs = {(c.old, c.new) for c in forward.provisions if c.old and c.new}
    assert {(c.new, c.old) for c in backward.provisions if c.old and c.new} == pairs


def test_diff_with_itself_is_all_unchanged(kessel: Corpus) -> None:
    a = kessel.agreement("kessel-draft")
    d = diff_agreements(a, a)
    assert d.counts == {"added": 0, "removed": 0, "changed": 0, "unchanged": 7, "unreported": 0}
    assert all(not c.renumbered for c in d.provisions)


def agreement(agreement_id: str, *provisions: tuple[str, str, tuple[str, ...]]) -> Agreement:
    return Agreement(
        id=agreement_id,
        title=agreement_id,
        proposers=("a",),
        status="signed",
        sources=("s",),
        provisions=tuple(
            Provision(
                label=label,
                text=text,
                modality="obligation",
                settles=tuple(Settlement(issue=i, option="x") for i in issues),
                evidence=EV,
            )
            for label, text, issues in provisions
        ),
    )


@pytest.mark.parametrize(
    ("old_complete", "new_complete", "gone", "came"),
    [
        (True, True, "removed", "added"),
        (True, False, "unreported", "added"),
        (False, True, "removed", "unreported"),
        (False, False, "unreported", "unreported"),
    ],
    ids=["both-complete", "new-partial", "old-partial", "both-partial"],
)
def test_absence_from_a_partial_version_is_unreported(
    old_complete: bool, new_complete: bool, gone: str, came: str
) -> None:
    old = agreement("old", ("1", "Fishing quotas are halved.", ("fish",)))
    new = agreement("new", ("A", "Elections take place in spring.", ("votes",)))
    old = old.model_copy(update={"complete": old_complete})
    new = new.model_copy(update={"complete": new_complete})
    d = diff_agreements(old, new)
    assert {(c.status, c.old, c.new) for c in d.provisions} == {
        (gone, "1", None),
        (came, None, "A"),
    }
    assert {(i.issue, i.status) for i in d.issues} == {("fish", gone), ("votes", came)}


def test_unrelated_agreements_share_nothing() -> None:
    old = agreement("old", ("1", "Fishing quotas are halved.", ("fish",)))
    new = agreement("new", ("A", "Elections take place in spring.", ("votes",)))
    d = diff_agreements(old, new)
    assert [c.status for c in d.provisions] == ["removed", "added"]
    assert [i.status for i in d.issues] == ["removed", "added"]


@pytest.mark.parametrize(
    ("old_text", "new_text", "threshold", "paired"),
    [
        (
            "Prisoners are exchanged all for all.",
            "All prisoners are exchanged, all for all.",
            0.5,
            True,
        ),
        ("Prisoners are exchanged all for all.", "Elections are held in spring.", 0.5, False),
        ("Troops leave the valley by May.", "Troops leave the city by June.", 0.5, False),
        ("Troops leave the valley by May.", "Troops leave the city by June.", 0.3, True),
    ],
    ids=["reworded", "unrelated", "below-threshold", "lower-threshold"],
)
def test_text_threshold(old_text: str, new_text: str, threshold: float, paired: bool) -> None:
    d = diff_agreements(
        agreement("a", ("1", old_text, ())),
        agreement("b", ("1", new_text, ())),
        min_text_similarity=threshold,
    )
    assert (d.provisions[0].status in {"changed", "unchanged"}) is paired


@pytest.mark.parametrize("bad", [0.0, -0.1, 1.5], ids=["zero", "negative", "above-one"])
def test_bad_threshold(bad: float) -> None:
    a = agreement("a", ("1", "x", ()))
    with pytest.raises(ModelSpecificationError, match="min_text_similarity must be in"):
        diff_agreements(a, a, min_text_similarity=bad)


def test_similarity_matrices_match_pairwise_jaccard() -> None:
    texts_old = ["NATO will not station troops", "Elections in 100 days", ""]
    texts_new = ["troops of NATO stationed", "", "Elections in 100 days, monitored"]
    old = agreement("a", *((str(i), t or "-", ()) for i, t in enumerate(texts_old)))
    new = agreement("b", *((str(i), t or "-", ()) for i, t in enumerate(texts_new)))
    _, text = similarity_matrices(old.provisions, new.provisions)
    for i, p in enumerate(old.provisions):
        for j, q in enumerate(new.provisions):
            ta, tb = tokens(p.text), tokens(q.text)
            expected = 1.0 if not (ta or tb) else len(ta & tb) / len(ta | tb)
            assert text[i, j] == pytest.approx(expected)
            assert text_similarity(p.text, q.text) == pytest.approx(expected)


# ---- oracle: brute force over every matching of candidate pairs ------------------------------

WORDS = ("troops", "border", "sanctions", "elections", "assets", "nato", "army", "fund")


@st.composite
def random_agreement(draw: st.DrawFn, agreement_id: str) -> Agreement:
    n = draw(st.integers(1, 5))
    provisions = []
    for k in range(n):
        words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4))
        issues = draw(st.lists(st.sampled_from(("i1", "i2", "i3")), max_size=2, unique=True))
        provisions.append((str(k + 1), " ".join(words), tuple(issues)))
    return agreement(agreement_id, *provisions)


def best_total(old: Agreement, new: Agreement, threshold: float) -> float:
    issues, text = similarity_matrices(old.provisions, new.provisions)
    n, m = issues.shape
    best = 0.0
    small, large = (n, m) if n <= m else (m, n)
    for chosen in itertools.permutations(range(large), small):
        total = 0.0
        for a, b in enumerate(chosen):
            i, j = (a, b) if n <= m else (b, a)
            if issues[i, j] > 0 or text[i, j] >= threshold:
                total += issues[i, j] + text[i, j]
        best = max(best, total)
    return best


@settings(max_examples=120, deadline=None)
@given(random_agreement("old"), random_agreement("new"))
def test_assignment_is_optimal(old: Agreement, new: Agreement) -> None:
    d = diff_agreements(old, new)
    total = sum(c.score for c in d.provisions if c.old and c.new)
    assert total == pytest.approx(best_total(old, new, 0.5), abs=1e-4)
    # every old and new provision appears exactly once
    assert sorted(c.old for c in d.provisions if c.old) == sorted(p.label for p in old.provisions)
    assert sorted(c.new for c in d.provisions if c.new) == sorted(p.label for p in new.provisions)
    # new provisions in their order
    assert [c.new for c in d.provisions if c.new] == [p.label for p in new.provisions]
