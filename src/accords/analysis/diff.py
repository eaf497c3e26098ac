"""Version diff: align the provisions of two agreements and say what changed.

Any two agreements can be compared, whether or not one derives from the other.

Alignment
    Every pair (old provision *i*, new provision *j*) gets a score

    ``score = issue_overlap + text_similarity`` (between 0 and 2),

    where ``issue_overlap`` is the Jaccard index of the sets of issues the two provisions settle
    and ``text_similarity`` the Jaccard index of their sets of content words (lower-cased
    letters and digits, English stop words removed). A pair is a *candidate* if the two settle
    a common issue or if ``text_similarity >= min_text_similarity`` (default
    :data:`MIN_TEXT_SIMILARITY`, 0.5). The pairs are chosen by an optimal assignment that
    maximises the total score over candidate pairs (:func:`scipy.optimize.linear_sum_assignment`
    on the score matrix with non-candidate pairs set to 0; an assigned non-candidate pair is
    dropped). The similarity matrices are computed with sparse products, so that two
    agreements of 1,000 provisions each are compared in about a tenth of a second. Old
    provisions left unpaired are *removed*, new ones *added* — except where the version that
    lacks them is only partly known (``Agreement.complete`` is False): an absence there says
    nothing about the text, so the provision is *unreported*, not removed or added.

Changed or unchanged
    A pair is *unchanged* if its content is equal: text (ignoring case and white space),
    modality, bearers, beneficiaries, settlements, quantities, conditions, deadline and
    triggers; evidence, notes and variants are reports about the text, not the text, and are
    not compared. A pair whose labels differ is marked ``renumbered`` either way. Otherwise it
    is *changed* and ``changes`` names the fields that differ.

Issues
    For every issue settled by either version, the options each chooses (with the labels of
    the provisions that choose them): ``unchanged``, ``changed``, ``added`` (only the new
    version settles it), ``removed``, or ``unreported`` (only one version settles it and the
    other is partly known).

Examples
--------
>>> from accords.model import Agreement, Evidence, Provision, Settlement
>>> ev = (Evidence(source="s", quote="q"),)
>>> def agreement(id, *provisions):
...     return Agreement(id=id, title=id, proposers=("a",), status="signed", sources=("s",),
...                      provisions=provisions)
>>> old = agreement("old",
...     Provision(label="1", text="NATO will not station troops in Ukraine.",
...               modality="prohibition", settles=(Settlement(issue="troops", option="none"),),
...               evidence=ev),
...     Provision(label="2", text="Elections are held within 100 days.",
...               modality="obligation", evidence=ev))
>>> new = agreement("new",
...     Provision(label="1", text="Elections are held within 100 days.",
...               modality="obligation", evidence=ev),
...     Provision(label="2", text="No permanent stationing under NATO command in peacetime.",
...               modality="prohibition",
...               settles=(Settlement(issue="troops", option="no-permanent"),), evidence=ev))
>>> d = diff_agreements(old, new)
>>> [(c.status, c.old, c.new) for c in d.provisions]
[('unchanged', '2', '1'), ('changed', '1', '2')]
>>> d.issues[0].old_options, d.issues[0].new_options
(('none',), ('no-permanent',))
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from accords.exceptions import ModelSpecificationError
from accords.model import Agreement, Provision

__all__ = [
    "MIN_TEXT_SIMILARITY",
    "STOP_WORDS",
    "AgreementDiff",
    "IssueChange",
    "ProvisionChange",
    "diff_agreements",
    "similarity_matrices",
    "text_similarity",
    "tokens",
]

#: Default least text similarity (token-set Jaccard) for two provisions that settle no common
#: issue to be paired.
MIN_TEXT_SIMILARITY = 0.5

#: Words ignored by :func:`tokens`.
_STOP = "a an and are as at be been by for from has have in into is it its of on or that the"
_STOP += " their there these this those to was were which will with would shall all any"
STOP_WORDS = frozenset(_STOP.split())

_WORD = re.compile(r"[^\W_]+")
_COMPARED = (
    "text",
    "modality",
    "bearers",
    "beneficiaries",
    "settles",
    "quantities",
    "conditions",
    "deadline",
    "fulfilled_when",
    "violated_when",
    "triggers",
)

ProvisionStatus = Literal["added", "removed", "changed", "unchanged", "unreported"]
IssueStatus = Literal["added", "removed", "changed", "unchanged", "unreported"]


@dataclass(frozen=True, slots=True)
class ProvisionChange:
    """One aligned pair, or one provision only in one version.

    Attributes
    ----------
    status : {"added", "removed", "changed", "unchanged", "unreported"}
    old, new : str or None
        Labels in the old and the new agreement (None where absent).
    score : float
        The alignment score (0 for added and removed provisions).
    text_similarity : float
    changes : tuple of str
        Fields that differ, for a changed pair.
    """

    status: ProvisionStatus
    old: str | None
    new: str | None
    score: float
    text_similarity: float
    changes: tuple[str, ...] = ()

    @property
    def renumbered(self) -> bool:
        """A pair whose labels differ."""
        return self.old is not None and self.new is not None and self.old != self.new


@dataclass(frozen=True, slots=True)
class IssueChange:
    """The options two versions choose on one issue."""

    issue: str
    status: IssueStatus
    old_options: tuple[str, ...]
    new_options: tuple[str, ...]
    old_labels: tuple[str, ...]
    new_labels: tuple[str, ...]


@dataclass(frozen=True)
class AgreementDiff:
    """The difference between two agreements.

    ``provisions`` lists the aligned pairs in the new agreement's order, each removed provision
    right after the pair that precedes it in the old order; ``issues`` is in order of first
    appearance (old, then new).
    """

    old: str
    new: str
    provisions: tuple[ProvisionChange, ...]
    issues: tuple[IssueChange, ...]

    @property
    def counts(self) -> dict[ProvisionStatus, int]:
        """Number of provisions of each status."""
        counts: dict[ProvisionStatus, int] = {
            "added": 0,
            "removed": 0,
            "changed": 0,
            "unchanged": 0,
            "unreported": 0,
        }
        for c in self.provisions:
            counts[c.status] += 1
        return counts

    def of_status(self, status: ProvisionStatus) -> tuple[ProvisionChange, ...]:
        """The changes of one status."""
        return tuple(c for c in self.provisions if c.status == status)


def tokens(text: str) -> frozenset[str]:
    """Content words of a text: lower-cased runs of letters and digits, minus stop words.

    Examples
    --------
    >>> sorted(tokens("NATO will not station troops in Ukraine."))
    ['nato', 'not', 'station', 'troops', 'ukraine']
    """
    return frozenset(w for w in _WORD.findall(text.casefold()) if w not in STOP_WORDS)


def text_similarity(a: str, b: str) -> float:
    """Jaccard index of the content words of two texts (1.0 for two texts with none).

    Examples
    --------
    >>> text_similarity("NATO will not station troops", "NATO troops will not be stationed")
    0.6
    """
    ta, tb = tokens(a), tokens(b)
    if not ta and not tb:
        return 1.0
    return len(ta & tb) / len(ta | tb)


def similarity_matrices(
    old: Iterable[Provision], new: Iterable[Provision]
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Issue-overlap and text-similarity matrices (Jaccard), shape (n_old, n_new).

    Computed with sparse incidence matrices: one sparse product per matrix, no Python loop
    over pairs.

    Examples
    --------
    >>> from accords.model import Provision, Evidence
    >>> p = lambda t: Provision(label="1", text=t, modality="obligation",
    ...                         evidence=(Evidence(source="s", quote="q"),))
    >>> issues, text = similarity_matrices([p("red green blue")], [p("red green"), p("x")])
    >>> text.round(3).tolist(), issues.tolist()
    ([[0.667, 0.0]], [[0.0, 0.0]])
    """
    old, new = list(old), list(new)
    text = _jaccard([tokens(p.text) for p in old], [tokens(p.text) for p in new], empty=1.0)
    issues = _jaccard(
        [frozenset(s.issue for s in p.settles) for p in old],
        [frozenset(s.issue for s in p.settles) for p in new],
        empty=0.0,
    )
    return issues, text


def diff_agreements(
    old: Agreement,
    new: Agreement,
    *,
    min_text_similarity: float = MIN_TEXT_SIMILARITY,
) -> AgreementDiff:
    """Align the provisions of two agreements and report what was added, removed and changed.

    Parameters
    ----------
    old, new : Agreement
    min_text_similarity : float, default 0.5
        Least token-set Jaccard similarity for pairing two provisions that settle no common
        issue.

    Returns
    -------
    AgreementDiff

    Raises
    ------
    ModelSpecificationError
        If ``min_text_similarity`` is not in (0, 1].
    """
    if not 0.0 < min_text_similarity <= 1.0:
        raise ModelSpecificationError(
            f"min_text_similarity must be in (0, 1]; got {min_text_similarity}"
        )
    olds, news = old.provisions, new.provisions
    issue_sim, text_sim = similarity_matrices(olds, news)
    candidate = (issue_sim > 0) | (text_sim >= min_text_similarity)
    score = issue_sim + text_sim
    # A tiny bonus for equal labels breaks ties between equally similar pairs.
    old_labels = np.array([p.label for p in olds], dtype=str)
    new_labels = np.array([p.label for p in news], dtype=str)
    score = score + 1e-6 * (old_labels[:, None] == new_labels[None, :])
    pairs = _assign(score, candidate)

    matched_old = dict(pairs)
    matched_new = {j: i for i, j in pairs}
    changes: list[ProvisionChange] = []
    removed_after: dict[int, list[int]] = {}
    last_pair_new = -1
    for i in range(len(olds)):
        if i in matched_old:
            last_pair_new = matched_old[i]
        else:
            removed_after.setdefault(last_pair_new, []).append(i)

    gone: ProvisionStatus = "removed" if new.complete else "unreported"
    came: ProvisionStatus = "added" if old.complete else "unreported"

    def add_removed(after: int) -> None:
        for i in removed_after.get(after, ()):
            changes.append(ProvisionChange(gone, olds[i].label, None, 0.0, 0.0))

    add_removed(-1)
    for j, p_new in enumerate(news):
        if j not in matched_new:
            changes.append(ProvisionChange(came, None, p_new.label, 0.0, 0.0))
        else:
            i = matched_new[j]
            diffs = _content_changes(olds[i], p_new)
            changes.append(
                ProvisionChange(
                    "changed" if diffs else "unchanged",
                    olds[i].label,
                    p_new.label,
                    round(float(issue_sim[i, j] + text_sim[i, j]), 6),
                    round(float(text_sim[i, j]), 6),
                    diffs,
                )
            )
        add_removed(j)
    return AgreementDiff(
        old=old.id,
        new=new.id,
        provisions=tuple(changes),
        issues=_issue_changes(olds, news, old_complete=old.complete, new_complete=new.complete),
    )


def _jaccard(
    left: list[frozenset[str]], right: list[frozenset[str]], *, empty: float
) -> npt.NDArray[np.float64]:
    """Pairwise Jaccard index of two lists of sets via incidence matrices (dense numpy for
    small inputs, scipy.sparse beyond :data:`SMALL_ASSIGNMENT` sets a side)."""
    if max(len(left), len(right)) <= SMALL_ASSIGNMENT:
        vocabulary = {w: k for k, w in enumerate(sorted(set().union(*left, *right)))}
        dense_a = np.zeros((len(left), max(len(vocabulary), 1)))
        dense_b = np.zeros((len(right), max(len(vocabulary), 1)))
        for row, words in enumerate(left):
            dense_a[row, [vocabulary[w] for w in words]] = 1.0
        for row, words in enumerate(right):
            dense_b[row, [vocabulary[w] for w in words]] = 1.0
        inter = dense_a @ dense_b.T
    else:
        # scipy is imported here, not at module level: importing scipy.sparse takes a good
        # part of a second, which every `accords` command would otherwise pay at start-up.
        from scipy.sparse import csr_matrix

        vocabulary = {}
        a = _incidence(left, vocabulary)
        b = _incidence(right, vocabulary)
        n_cols = len(vocabulary)
        a = csr_matrix((a.data, a.indices, a.indptr), shape=(len(left), n_cols))
        b = csr_matrix((b.data, b.indices, b.indptr), shape=(len(right), n_cols))
        inter = (a @ b.T).toarray().astype(np.float64)
    size_a = np.array([len(s) for s in left], dtype=np.float64)[:, None]
    size_b = np.array([len(s) for s in right], dtype=np.float64)[None, :]
    union = size_a + size_b - inter
    with np.errstate(invalid="ignore", divide="ignore"):
        result = np.where(union > 0, inter / np.where(union > 0, union, 1.0), empty)
    return result.reshape(len(left), len(right))


def _incidence(sets: list[frozenset[str]], vocabulary: dict[str, int]) -> Any:
    from scipy.sparse import csr_matrix

    indptr = [0]
    indices: list[int] = []
    for s in sets:
        for word in sorted(s):
            indices.append(vocabulary.setdefault(word, len(vocabulary)))
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.int32)
    return csr_matrix(
        (data, np.array(indices, dtype=np.int64), np.array(indptr, dtype=np.int64)),
        shape=(len(sets), max(len(vocabulary), 1)),
    )


#: Largest side solved by :func:`max_weight_assignment` in numpy; larger problems go to scipy,
#: whose import (about 0.25-1 s) a small diff should not pay.
SMALL_ASSIGNMENT = 150


def max_weight_assignment(score: npt.NDArray[np.float64]) -> list[tuple[int, int]]:
    """A maximum-weight assignment of rows to columns (Hungarian method, vectorised numpy).

    Pads the matrix to a square with zeros and runs the shortest-augmenting-path form of the
    Hungarian algorithm with potentials (Kuhn 1955; Jonker and Volgenant 1987): O(n^3), each
    inner step one numpy operation over the columns. Returns the ``(row, column)`` pairs of
    the real rows and columns, as :func:`scipy.optimize.linear_sum_assignment` with
    ``maximize=True`` does (the same total; ties may pair differently).

    Examples
    --------
    >>> max_weight_assignment(np.array([[1.0, 5.0], [4.0, 1.0], [0.0, 3.0]]))
    [(0, 1), (1, 0)]
    """
    n_rows, n_cols = score.shape
    n = max(n_rows, n_cols)
    if n == 0:
        return []
    square = np.zeros((n, n))
    square[:n_rows, :n_cols] = score
    cost = square.max() - square  # minimise cost = maximise score
    u = np.zeros(n + 1)
    v = np.zeros(n + 1)
    match = np.zeros(n + 1, dtype=np.int64)  # match[j]: row (1-based) on column j; 0 = free
    way = np.zeros(n + 1, dtype=np.int64)
    for i in range(1, n + 1):
        match[0] = i
        j0 = 0
        minv = np.full(n + 1, np.inf)
        used = np.zeros(n + 1, dtype=bool)
        while True:
            used[j0] = True
            i0 = match[j0]
            free = ~used[1:]
            reduced = cost[i0 - 1] - u[i0] - v[1:]
            better = free & (reduced < minv[1:])
            minv[1:][better] = reduced[better]
            way[1:][better] = j0
            masked = np.where(free, minv[1:], np.inf)
            j1 = int(np.argmin(masked)) + 1
            delta = masked[j1 - 1]
            u[match[used]] += delta
            v[used] -= delta
            minv[1:][free] -= delta
            j0 = j1
            if match[j0] == 0:
                break
        while j0:
            j1 = int(way[j0])
            match[j0] = match[j1]
            j0 = j1
    pairs = [(int(match[j]) - 1, j - 1) for j in range(1, n + 1)]
    return sorted((r, c) for r, c in pairs if r < n_rows and c < n_cols)


def _assign(
    score: npt.NDArray[np.float64], candidate: npt.NDArray[np.bool_]
) -> list[tuple[int, int]]:
    """Maximum-score matching over candidate pairs (non-candidates score 0 and are dropped)."""
    if not candidate.any():
        return []
    weights = np.where(candidate, score, 0.0)
    if max(weights.shape) <= SMALL_ASSIGNMENT:
        pairs = max_weight_assignment(weights)
        return [(i, j) for i, j in pairs if candidate[i, j]]
    # Imported here: scipy.optimize takes a quarter of a second or more to import.
    from scipy.optimize import linear_sum_assignment

    rows, cols = linear_sum_assignment(weights, maximize=True)
    return [(int(i), int(j)) for i, j in zip(rows, cols, strict=True) if candidate[i, j]]


def _content(p: Provision) -> dict[str, Any]:
    dumped = p.model_dump(mode="json", include=set(_COMPARED))
    dumped["text"] = " ".join(p.text.casefold().split())
    for key in ("bearers", "beneficiaries"):
        dumped[key] = sorted(dumped[key])
    dumped["settles"] = sorted((s["issue"], s["option"]) for s in dumped["settles"])
    return {k: _strip_evidence(v) for k, v in dumped.items()}


def _strip_evidence(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_evidence(v) for k, v in value.items() if k not in {"evidence", "note"}}
    if isinstance(value, list):
        return [_strip_evidence(v) for v in value]
    return value


def _content_changes(a: Provision, b: Provision) -> tuple[str, ...]:
    ca, cb = _content(a), _content(b)
    return tuple(k for k in _COMPARED if ca[k] != cb[k])


def _issue_changes(
    olds: Iterable[Provision],
    news: Iterable[Provision],
    *,
    old_complete: bool = True,
    new_complete: bool = True,
) -> tuple[IssueChange, ...]:
    def chosen(provisions: Iterable[Provision]) -> dict[str, dict[str, list[str]]]:
        out: dict[str, dict[str, list[str]]] = {}
        for p in provisions:
            for s in p.settles:
                out.setdefault(s.issue, {}).setdefault(s.option, []).append(p.label)
        return out

    before, after = chosen(olds), chosen(news)
    result = []
    for issue in [*before, *(i for i in after if i not in before)]:
        b: Mapping[str, list[str]] = before.get(issue, {})
        a: Mapping[str, list[str]] = after.get(issue, {})
        status: IssueStatus
        if not b:
            status = "added" if old_complete else "unreported"
        elif not a:
            status = "removed" if new_complete else "unreported"
        else:
            status = "unchanged" if set(a) == set(b) else "changed"
        result.append(
            IssueChange(
                issue=issue,
                status=status,
                old_options=tuple(b),
                new_options=tuple(a),
                old_labels=tuple(dict.fromkeys(label for ls in b.values() for label in ls)),
                new_labels=tuple(dict.fromkeys(label for ls in a.values() for label in ls)),
            )
        )
    return tuple(result)
