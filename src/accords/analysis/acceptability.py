"""Acceptability: would each party accept each provision, and why (with the quote that says so).

A provision settles issue options (``settles``); a party's stances on those issues say which
options it wants, accepts, accepts on a condition, or rejects. Each cell of the party x provision
matrix holds one verdict, a reason and the evidence behind it:

``accepts``
    every option the provision settles is the party's ideal or in its ``acceptable`` list;
``conditional``
    every option is accepted, at least one only on a condition (``conditional``);
``rejects``
    at least one option is one of the party's ``red_lines``;
``unknown``
    anything else: no stance on an issue, a stance silent on the option, or a provision that
    settles no issue. Unknown stays unknown: no cell is filled without a quote or an explicit
    assumption (a stance with ``assumption`` instead of evidence gives a verdict marked
    ``assumed``, its assumption shown).

Combining
    Several stances of one party on one issue (conflicting reports) are combined by severity,
    ``rejects`` > ``conditional`` > ``accepts``, ignoring stances silent on the option; the
    cell is marked ``disputed`` when the reports differ and lists them all. Several issues of
    one provision are combined by ``rejects`` > ``unknown`` > ``conditional`` > ``accepts``:
    a red line on any issue rejects the provision, and a provision is accepted only if every
    issue it settles is.

Variants
    The verdict is that of the provision's main text. Each variant that settles issues is
    judged too; a cell whose variant verdict differs is flagged (``variant_differs``) and keeps
    the variant's verdict and reason, so that a conflicting report is never silently dropped.

Consent, deal-breakers and veto players
    A party's consent is needed by a provision if it is bound or involved by it
    (:mod:`accords.analysis.deps`). A *deal-breaker* is a provision rejected by a party whose
    consent it needs. The *veto players* of an agreement are the negotiators
    (:func:`~accords.analysis.deps.negotiating_parties`) whose consent at least one of its
    provisions needs, or the parties given as ``veto_players=``; the agreement is *vetoed* if a
    veto player rejects any of its provisions.

Examples
--------
>>> from accords.model import (Agreement, Corpus, Evidence, Issue, Option, Party, Provision,
...     Settlement, Stance)
>>> ev = (Evidence(source="s", quote="no troops, ever"),)
>>> corpus = Corpus(id="c", title="C",
...     parties=(Party(id="a", name="A", kind="state"), Party(id="b", name="B", kind="state")),
...     issues=(Issue(id="troops", title="Troops", options=(
...         Option(id="none", position=0, description="no troops"),
...         Option(id="some", position=100, description="troops"))),),
...     stances=(Stance(party="a", issue="troops", red_lines=("some",), evidence=ev),),
...     agreements=(Agreement(id="x", title="X", proposers=("b",), status="signed",
...         sources=("s",), provisions=(Provision(label="1", text="Troops deploy.",
...         modality="obligation", bearers=("a", "b"),
...         settles=(Settlement(issue="troops", option="some"),), evidence=ev),)),))
>>> result = assess_acceptability(corpus, "x")
>>> cell = result.cell("a", "1")
>>> cell.verdict, cell.deal_breaker, cell.evidence[0].quote
('rejects', True, 'no troops, ever')
>>> result.cell("b", "1").verdict
'unknown'
>>> result.veto_players, result.vetoed
(('a', 'b'), True)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

import numpy as np
import numpy.typing as npt

from accords.analysis.deps import (
    AgreementDeps,
    negotiating_parties,
    resolve_agreement,
    who_must_act,
)
from accords.corpus.speakers import attribute_stance
from accords.exceptions import ModelSpecificationError, UnknownPartyError, UnknownProvisionError
from accords.model import (
    Agreement,
    Basis,
    Corpus,
    Evidence,
    Provision,
    Settlement,
    Stance,
    weakest_basis,
)

__all__ = [
    "VERDICTS",
    "AcceptabilityMatrix",
    "Cell",
    "IssueJudgement",
    "PartySummary",
    "Report",
    "VariantVerdict",
    "Verdict",
    "assess_acceptability",
    "judge_option",
]

Verdict = Literal["accepts", "conditional", "unknown", "rejects"]

#: The verdicts in the order of their integer codes in :attr:`AcceptabilityMatrix.codes`.
VERDICTS: tuple[Verdict, ...] = ("accepts", "conditional", "unknown", "rejects")
_CODE: dict[Verdict, int] = {v: i for i, v in enumerate(VERDICTS)}
# Across the stances of one party on one issue: red line > condition > acceptance.
_STANCE_RANK: dict[Verdict, int] = {"accepts": 0, "conditional": 1, "rejects": 2}


@dataclass(frozen=True, slots=True)
class Report:
    """What one stance says about one option: its verdict, why, and its support.

    ``basis`` is that of the stance field the verdict rests on (``quoted``, ``inferred``,
    ``assumption``; None where the corpus states none).
    """

    verdict: Verdict
    reason: str
    evidence: tuple[Evidence, ...]
    assumption: str | None
    confidence: float
    basis: Basis | None = None


@dataclass(frozen=True, slots=True)
class IssueJudgement:
    """A party's verdict on one option of one issue, from all its stances on that issue.

    ``reports`` lists every stance that says something about the option; ``disputed`` is True
    when they disagree.
    """

    issue: str
    option: str
    verdict: Verdict
    reason: str
    reports: tuple[Report, ...]
    disputed: bool
    evidence: tuple[Evidence, ...] = field(init=False)
    """Quotes of the reports that give the verdict."""
    assumptions: tuple[str, ...] = field(init=False)
    """Assumptions of the reports that give the verdict."""
    basis: Basis | None = field(init=False)
    """The weakest basis of the reports that give the verdict (None if none is stated)."""

    def __post_init__(self) -> None:
        deciding = [r for r in self.reports if r.verdict == self.verdict]
        object.__setattr__(self, "evidence", tuple(e for r in deciding for e in r.evidence))
        object.__setattr__(
            self, "assumptions", tuple(r.assumption for r in deciding if r.assumption)
        )
        object.__setattr__(
            self, "basis", weakest_basis([r.basis for r in deciding if r.basis is not None])
        )


@dataclass(frozen=True, slots=True)
class VariantVerdict:
    """The verdict on one variant (another report of the provision's text)."""

    index: int
    text: str
    verdict: Verdict
    reason: str


@dataclass(frozen=True, slots=True)
class Cell:
    """One party's verdict on one provision.

    Attributes
    ----------
    party, label : str
    verdict : {"accepts", "conditional", "unknown", "rejects"}
    reason : str
        Why, in one sentence per issue.
    evidence : tuple of Evidence
        The quotes that support the verdict (empty for ``unknown`` and for assumed verdicts).
    assumptions : tuple of str
        Explicit assumptions the verdict rests on, if any.
    parts : tuple of IssueJudgement
        One per issue the provision settles.
    needs_consent : bool
        The provision binds or involves the party.
    variants : tuple of VariantVerdict
        The verdicts on the provision's variants that settle issues.
    basis : {"quoted", "inferred", "assumption"} or None
        The weakest basis of the stance fields the verdict rests on: an ``inferred`` verdict
        rests on a reading of a quote, never on the quote alone.
    """

    party: str
    label: str
    verdict: Verdict
    reason: str
    evidence: tuple[Evidence, ...]
    assumptions: tuple[str, ...]
    parts: tuple[IssueJudgement, ...]
    needs_consent: bool
    variants: tuple[VariantVerdict, ...] = ()
    basis: Basis | None = None

    @property
    def inferred(self) -> bool:
        """The verdict rests (at least in part) on an inference or an assumption."""
        return self.basis in ("inferred", "assumption")

    @property
    def deal_breaker(self) -> bool:
        """Rejected by a party whose consent the provision needs."""
        return self.verdict == "rejects" and self.needs_consent

    @property
    def assumed(self) -> bool:
        """The verdict rests on an assumption rather than (only) on evidence."""
        return bool(self.assumptions)

    @property
    def disputed(self) -> bool:
        """Conflicting reports of the party's stance on an issue of the provision."""
        return any(p.disputed for p in self.parts)

    @property
    def variant_differs(self) -> bool:
        """A variant of the provision would get another verdict."""
        return any(v.verdict != self.verdict for v in self.variants)


@dataclass(frozen=True, slots=True)
class PartySummary:
    """One party's verdicts over an agreement.

    ``deal_breakers`` are the rejected provisions that need the party's consent;
    ``variant_rejects`` the provisions whose main text the party does not reject but one of
    whose variants it does.
    """

    party: str
    counts: Mapping[Verdict, int]
    rejects: tuple[str, ...]
    deal_breakers: tuple[str, ...]
    variant_rejects: tuple[str, ...]
    is_veto_player: bool

    @property
    def n_rejects(self) -> int:
        """Number of provisions the party rejects."""
        return len(self.rejects)


@dataclass(frozen=True)
class AcceptabilityMatrix:
    """The party x provision verdicts of one agreement, with summaries.

    The verdict codes, the consent flags and the summaries are computed eagerly with numpy;
    each :class:`Cell`, with its reason and evidence, is built when first asked for.

    Attributes
    ----------
    agreement : str
    parties : tuple of str
        Rows, in corpus order.
    labels : tuple of str
        Columns, in agreement order.
    codes : numpy.ndarray of int8, shape (n_parties, n_provisions)
        Verdict codes, indices into :data:`VERDICTS`.
    consent : numpy.ndarray of bool, shape (n_parties, n_provisions)
        True where the provision needs the party's consent.
    variant_rejects : numpy.ndarray of bool, shape (n_parties, n_provisions)
        True where the main text is not rejected but a variant is.
    veto_players : tuple of str
    deps : AgreementDeps
        Who must act, as used for consent.
    """

    agreement: str
    parties: tuple[str, ...]
    labels: tuple[str, ...]
    codes: npt.NDArray[np.int8]
    consent: npt.NDArray[np.bool_]
    variant_rejects: npt.NDArray[np.bool_]
    veto_players: tuple[str, ...]
    deps: AgreementDeps
    _provisions: tuple[Provision, ...] = field(repr=False, compare=False, default=())
    _judgements: Mapping[tuple[str, str, str], IssueJudgement] = field(
        repr=False, compare=False, default_factory=dict
    )
    _row: Mapping[str, int] = field(repr=False, compare=False, default_factory=dict)
    _col: Mapping[str, int] = field(repr=False, compare=False, default_factory=dict)

    def _index(self, party: str, label: str) -> tuple[int, int]:
        if party not in self._row:
            raise UnknownPartyError(party, known=self.parties)
        if label not in self._col:
            raise UnknownProvisionError(f"{self.agreement}:{label}", known=self.labels)
        return self._row[party], self._col[label]

    def _cell(self, i: int, j: int) -> Cell:
        party, provision = self.parties[i], self._provisions[j]
        judged = self._judgements
        parts = tuple(judged[(party, s.issue, s.option)] for s in provision.settles)
        verdict, reason = _combine(parts)
        variants = tuple(
            VariantVerdict(
                k, v.text, *_combine(tuple(judged[(party, s.issue, s.option)] for s in v.settles))
            )
            for k, v in enumerate(provision.variants)
            if v.settles
        )
        deciding = [p for p in parts if p.verdict == verdict]
        if len(parts) == 1:
            evidence, assumptions = parts[0].evidence, parts[0].assumptions
        else:
            evidence = tuple(e for p in deciding for e in p.evidence)
            assumptions = tuple(a for p in deciding for a in p.assumptions)
        basis = weakest_basis([p.basis for p in deciding if p.basis is not None])
        return Cell(
            party=party,
            label=provision.label,
            verdict=verdict,
            reason=reason,
            evidence=evidence,
            assumptions=assumptions,
            parts=parts,
            needs_consent=bool(self.consent[i, j]),
            variants=variants,
            basis=basis,
        )

    def cell(self, party: str, label: str) -> Cell:
        """The cell of one party and one provision."""
        return self._cell(*self._index(party, label))

    def row(self, party: str) -> tuple[Cell, ...]:
        """The cells of one party, in provision order."""
        if party not in self._row:
            raise UnknownPartyError(party, known=self.parties)
        i = self._row[party]
        return tuple(self._cell(i, j) for j in range(len(self.labels)))

    @cached_property
    def cells(self) -> tuple[Cell, ...]:
        """Every cell, row-major (built on first use)."""
        n_rows, n_cols = self.codes.shape
        return tuple(self._cell(i, j) for i in range(n_rows) for j in range(n_cols))

    def summary(self, party: str) -> PartySummary:
        """Counts, rejections and deal-breakers of one party."""
        if party not in self._row:
            raise UnknownPartyError(party, known=self.parties)
        i = self._row[party]
        codes = self.codes[i]
        counts = np.bincount(codes, minlength=len(VERDICTS))
        rejects = codes == _CODE["rejects"]
        return PartySummary(
            party=party,
            counts={v: int(counts[k]) for k, v in enumerate(VERDICTS)},
            rejects=self._labels(rejects),
            deal_breakers=self._labels(rejects & self.consent[i]),
            variant_rejects=self._labels(self.variant_rejects[i]),
            is_veto_player=party in self.veto_players,
        )

    def _labels(self, mask: npt.NDArray[np.bool_]) -> tuple[str, ...]:
        return tuple(self.labels[j] for j in np.flatnonzero(mask))

    def summaries(self) -> tuple[PartySummary, ...]:
        """:meth:`summary` of every party, in row order."""
        return tuple(self.summary(p) for p in self.parties)

    def _cells_where(self, mask: npt.NDArray[np.bool_]) -> tuple[Cell, ...]:
        return tuple(self._cell(int(i), int(j)) for i, j in zip(*np.nonzero(mask), strict=True))

    @property
    def vetoes(self) -> tuple[Cell, ...]:
        """Cells where a veto player rejects a provision, row-major."""
        veto_rows = np.array([p in self.veto_players for p in self.parties], dtype=bool)
        return self._cells_where((self.codes == _CODE["rejects"]) & veto_rows[:, None])

    @property
    def vetoed(self) -> bool:
        """True if a veto player rejects at least one provision."""
        veto_rows = np.array([p in self.veto_players for p in self.parties], dtype=bool)
        return bool(((self.codes == _CODE["rejects"]) & veto_rows[:, None]).any())

    @property
    def deal_breakers(self) -> tuple[Cell, ...]:
        """Every deal-breaking cell, row-major."""
        return self._cells_where((self.codes == _CODE["rejects"]) & self.consent)


def judge_option(
    stances: Sequence[Stance],
    issue: str,
    option: str,
    party: str,
    *,
    describe: Callable[[Stance], str] | None = None,
) -> IssueJudgement:
    """What a party's stances on an issue say about one option.

    Parameters
    ----------
    stances : sequence of Stance
        The party's stances on ``issue`` (other stances are ignored).
    issue, option, party : str
    describe : callable, optional
        Names who holds a stance in the reasons (default: the party id quoted);
        :func:`assess_acceptability` passes
        :func:`accords.corpus.speakers.attribute_stance`, which names the speaker, the date
        and the quote.

    Examples
    --------
    >>> from accords.model import Stance, Evidence
    >>> ev = (Evidence(source="s", quote="never"),)
    >>> j = judge_option([Stance(party="a", issue="i", red_lines=("x",), evidence=ev),
    ...                   Stance(party="a", issue="i", acceptable=("x",), assumption="guess")],
    ...                  "i", "x", "a")
    >>> j.verdict, j.disputed, len(j.reports)
    ('rejects', True, 2)
    >>> judge_option([], "i", "x", "a").reason
    "no stance of 'a' on issue 'i'"
    """
    relevant = [s for s in stances if s.party == party and s.issue == issue]
    name = describe or (lambda stance: repr(stance.party))
    reports = tuple(r for r in (_report(s, option, name(s)) for s in relevant) if r is not None)
    if not reports:
        if not relevant:
            reason = f"no stance of {party!r} on issue {issue!r}"
        elif not any(s.is_known for s in relevant):
            reason = f"the stance of {party!r} on {issue!r} is reported but unknown"
        else:
            reason = f"the stance of {party!r} on {issue!r} says nothing of option {option!r}"
        return IssueJudgement(issue, option, "unknown", reason, (), False)
    verdict = max((r.verdict for r in reports), key=_STANCE_RANK.__getitem__)
    disputed = len({r.verdict for r in reports}) > 1
    reason = next(r.reason for r in reports if r.verdict == verdict)
    if disputed:
        others = sorted({r.verdict for r in reports} - {verdict})
        reason += f" (disputed: other reports say {', '.join(others)})"
    return IssueJudgement(issue, option, verdict, reason, reports, disputed)


def assess_acceptability(
    corpus: Corpus,
    agreement: Agreement | str,
    *,
    parties: Iterable[str] | None = None,
    veto_players: Iterable[str] | None = None,
    negotiators: Iterable[str] | None = None,
) -> AcceptabilityMatrix:
    """The party x provision acceptability matrix of an agreement.

    Parameters
    ----------
    corpus : Corpus
    agreement : Agreement or str
        The agreement, or its id in ``corpus``.
    parties : iterable of str, optional
        Rows. Default: every party with a stance in the corpus, and every veto player.
    veto_players : iterable of str, optional
        Default: the negotiators whose consent a provision needs (see the module notes).
    negotiators : iterable of str, optional
        Passed to :func:`~accords.analysis.deps.who_must_act`.

    Returns
    -------
    AcceptabilityMatrix

    Raises
    ------
    UnknownAgreementError, UnknownPartyError
        For an id the corpus does not have.
    """
    agreement = resolve_agreement(corpus, agreement)
    deps = who_must_act(corpus, agreement, negotiators=negotiators)
    order = {p.id: i for i, p in enumerate(corpus.parties)}
    consent_union = set().union(*(d.consent for d in deps.provisions))
    if veto_players is None:
        chosen = negotiators if negotiators is not None else negotiating_parties(corpus)
        veto = set(chosen) & consent_union
    else:
        veto = set(veto_players)
    for p in sorted(veto):
        if p not in order:
            raise UnknownPartyError(p, known=order)
    if parties is None:
        rows_set = {s.party for s in corpus.stances} | veto
    else:
        rows_set = set(parties)
        if not rows_set:
            raise ModelSpecificationError("parties: give at least one party id")
    for p in sorted(rows_set):
        if p not in order:
            raise UnknownPartyError(p, known=order)
    rows = tuple(sorted(rows_set, key=order.__getitem__))
    labels = tuple(p.label for p in agreement.provisions)

    by_party_issue: dict[tuple[str, str], list[Stance]] = {}
    for s in corpus.stances:
        by_party_issue.setdefault((s.party, s.issue), []).append(s)

    # Every (issue, option) any provision or variant settles, judged once per party.
    keys: dict[tuple[str, str], int] = {}
    for provision in agreement.provisions:
        for settles in (provision.settles, *(v.settles for v in provision.variants)):
            for st in settles:
                keys.setdefault((st.issue, st.option), len(keys))
    judgements: dict[tuple[str, str, str], IssueJudgement] = {}
    described: dict[int, str] = {}

    def describe(stance: Stance) -> str:  # who holds it, said by whom, when: once per stance
        key = id(stance)
        if key not in described:
            described[key] = attribute_stance(corpus, stance)
        return described[key]

    table = np.zeros((len(rows), len(keys) + 1), dtype=np.int8)  # last column: padding
    for i, party in enumerate(rows):
        for (issue, option), k in keys.items():
            judged = judge_option(
                by_party_issue.get((party, issue), ()), issue, option, party, describe=describe
            )
            judgements[(party, issue, option)] = judged
            table[i, k] = _CODE[judged.verdict]

    codes = _provision_codes(table, [p.settles for p in agreement.provisions], keys)
    variant_rejects = np.zeros(codes.shape, dtype=bool)
    for j, provision in enumerate(agreement.provisions):
        for v in provision.variants:
            if v.settles:
                variant = _provision_codes(table, [v.settles], keys)[:, 0]
                variant_rejects[:, j] |= variant == _CODE["rejects"]
    variant_rejects &= codes != _CODE["rejects"]
    row_index = {p: i for i, p in enumerate(rows)}
    consent = np.zeros(codes.shape, dtype=bool)
    for j, d in enumerate(deps.provisions):
        for party in d.consent:
            if party in row_index:
                consent[row_index[party], j] = True
    return AcceptabilityMatrix(
        agreement=agreement.id,
        parties=rows,
        labels=labels,
        codes=codes,
        consent=consent,
        variant_rejects=variant_rejects,
        veto_players=tuple(sorted(veto, key=order.__getitem__)),
        deps=deps,
        _provisions=agreement.provisions,
        _judgements=judgements,
        _row=row_index,
        _col={label: j for j, label in enumerate(labels)},
    )


def _provision_codes(
    table: npt.NDArray[np.int8],
    settles: Sequence[Sequence[Settlement]],
    keys: Mapping[tuple[str, str], int],
) -> npt.NDArray[np.int8]:
    """Verdict codes of provisions from the per-option table: the maximum code over the
    options each settles (the code order is the combining order), unknown if it settles none.
    """
    pad = table.shape[1] - 1
    width = max((len(s) for s in settles), default=0)
    index = np.full((len(settles), max(width, 1)), pad, dtype=np.intp)
    for j, chosen in enumerate(settles):
        index[j, : len(chosen)] = [keys[(st.issue, st.option)] for st in chosen]
    codes = table[:, index].max(axis=2)
    empty = np.array([not s for s in settles], dtype=bool)
    codes[:, empty] = _CODE["unknown"]
    result: npt.NDArray[np.int8] = codes.astype(np.int8)
    return result


def _report(stance: Stance, option: str, who: str) -> Report | None:
    """What one stance says about one option (None if it says nothing); ``who`` names its
    holder in the reason."""
    conditions = [c.condition for c in stance.conditional if c.option == option]
    verdict: Verdict
    if option in stance.red_lines:
        verdict, reason, name = "rejects", f"{option!r} crosses a red line of {who}", "red_lines"
    elif conditions:
        verdict, name = "conditional", "conditional"
        reason = f"{who} accepts {option!r} only if {' and '.join(conditions)}"
    elif option == stance.ideal:
        verdict, reason, name = "accepts", f"{option!r} is the ideal of {who}", "ideal"
    elif option in stance.acceptable:
        verdict, reason, name = "accepts", f"{option!r} is acceptable to {who}", "acceptable"
    else:
        return None
    basis = stance.basis_of(name)
    # the assumption counts only where the field rests on it (or no basis is stated)
    assumption = stance.assumption if basis in (None, "assumption") else None
    if basis == "inferred" and stance.inference:
        reason += f" (inferred: {stance.inference.strip()})"
    elif assumption:
        reason += f" (assumption: {assumption.strip()})"
    return Report(verdict, reason, stance.evidence, assumption, stance.confidence, basis)


def _combine(parts: tuple[IssueJudgement, ...]) -> tuple[Verdict, str]:
    """Verdict on a provision from its issues: rejects > unknown > conditional > accepts."""
    if not parts:
        return "unknown", "the provision settles no issue, so no stance applies"
    if len(parts) == 1:
        return parts[0].verdict, parts[0].reason
    verdict = VERDICTS[max(_CODE[p.verdict] for p in parts)]
    return verdict, "; ".join(f"{p.issue}: {p.reason}" for p in parts)
