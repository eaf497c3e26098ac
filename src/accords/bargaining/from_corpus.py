"""Bargaining problems from a corpus: the outcome space, the parties' utilities, the agreements.

How stances become utilities (each choice is recorded in ``Utilities.notes``):

* **Which stance.** A party may have several stances on an issue (conflicting reports are kept
  apart in the corpus). The one that gives an ideal is used: highest ``confidence``, then latest
  ``as_of``, then last in the corpus. Red lines are the union over all its stances on the issue
  (minus the ideal used): a red line reported by any source is honoured.
* **Values.** Each option is valued by its distance to the party's ideal position (``position``,
  else the ideal option's position, else the mode of ``position_range``):
  ``distance="span"`` (default) gives ``1 - |x - ideal| / max distance on the issue``, so the ideal
  is worth 1 and the farthest option 0; ``distance="scale"`` gives ``1 - |x - ideal| / 100``.
  An explicit table (``values={party: {issue: {option: value}}}``) replaces the distances.
* **Weights.** Saliences, normalised to sum to 1 over the issues where the party has an ideal
  (or a table). A missing salience is the mean of the party's known saliences, or 0.5. An issue
  where the party states no ideal has weight 0 for it (its red lines still bind).
* **Acceptable and conditional options** are not constraints (conditions are not modelled);
  only red lines are hard constraints.
* **Reservation value**: the corpus's value for the party (the last one listed when several), on
  the same 0-1 scale (0: the party's worst package, 1: its ideal). None stated: 0 is assumed.

An agreement is placed in the space through the ``settles`` of its provisions (the main text;
variants are ignored). Issues it does not settle stay *open*: the analysis reports them and
evaluates the agreement over its completions (the range of each party's utility, whether some or
every completion is acceptable, and the best completion).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

import numpy as np

from accords.bargaining.space import OPEN, IndexArray, OutcomeSpace
from accords.bargaining.utilities import Utilities
from accords.exceptions import ModelSpecificationError, UnknownIssueError, UnknownPartyError
from accords.model import Agreement, Corpus, Issue, Stance

__all__ = [
    "AgreementPackage",
    "ValueTable",
    "agreement_package",
    "default_parties",
    "space_from_corpus",
    "utilities_from_stances",
]

#: Explicit option values: ``{party: {issue: {option: value}}}``.
ValueTable = Mapping[str, Mapping[str, Mapping[str, float]]]


def _has_view(stance: Stance) -> bool:
    return bool(
        stance.ideal is not None
        or stance.position is not None
        or stance.position_range is not None
        or stance.red_lines
    )


def default_parties(corpus: Corpus, *, issues: Sequence[str] | None = None) -> tuple[str, ...]:
    """The parties with a stated ideal or red line on at least one issue, in corpus order.

    Examples
    --------
    >>> from accords import load_corpus
    >>> {"russia", "ukraine"} <= set(default_parties(load_corpus()))
    True
    """
    wanted = None if issues is None else set(issues)
    have = {
        s.party for s in corpus.stances if _has_view(s) and (wanted is None or s.issue in wanted)
    }
    return tuple(p.id for p in corpus.parties if p.id in have)


def space_from_corpus(
    corpus: Corpus,
    *,
    issues: Sequence[str] | None = None,
    parties: Sequence[str] | None = None,
) -> OutcomeSpace:
    """The outcome space of a corpus: its issues and their options.

    Parameters
    ----------
    corpus : Corpus
    issues : sequence of str, optional
        Issue ids to include, in this order. Default: every issue on which at least one of
        ``parties`` (default: every party) states an ideal or a red line, in corpus order; issues
        nobody cares about would only multiply equal packages.
    parties : sequence of str, optional
        Whose stances decide the default issues.

    Raises
    ------
    UnknownIssueError
        For an issue id not in the corpus.
    UnknownPartyError
        For a party id not in the corpus.
    ModelSpecificationError
        If no issue is left.

    Examples
    --------
    >>> from accords import load_corpus
    >>> space = space_from_corpus(load_corpus(), issues=["crimea", "nato-membership"])
    >>> space.issues
    ('crimea', 'nato-membership')
    """
    known = [p.id for p in corpus.parties]
    for party in parties or ():
        if party not in known:
            raise UnknownPartyError(party, known=known)
    if issues is not None:
        chosen: list[Issue] = [corpus.issue(i) for i in issues]
    else:
        who = None if parties is None else set(parties)
        wanted = {
            s.issue for s in corpus.stances if _has_view(s) and (who is None or s.party in who)
        }
        chosen = [i for i in corpus.issues if i.id in wanted]
    if not chosen:
        raise ModelSpecificationError(
            "no issue to bargain over: the corpus states no ideal or red line for these parties; "
            "name issues explicitly"
        )
    return OutcomeSpace(
        tuple(i.id for i in chosen),
        tuple(tuple(o.id for o in i.options) for i in chosen),
        tuple(tuple(o.position for o in i.options) for i in chosen),
        tuple(i.title for i in chosen),
    )


def _primary(stances: Sequence[Stance]) -> Stance | None:
    ranked = [
        (s.confidence, s.as_of or date.min, k, s)
        for k, s in enumerate(stances)
        if s.ideal is not None or s.position is not None or s.position_range is not None
    ]
    return max(ranked, key=lambda r: r[:3])[3] if ranked else None


def _ideal_position(stance: Stance, issue: Issue) -> float:
    if stance.position is not None:
        return float(stance.position)
    if stance.ideal is not None:
        return float(issue.option(stance.ideal).position)
    assert stance.position_range is not None
    return float(stance.position_range.mode)


def utilities_from_stances(
    corpus: Corpus,
    space: OutcomeSpace,
    *,
    parties: Sequence[str] | None = None,
    values: ValueTable | None = None,
    distance: Literal["span", "scale"] = "span",
) -> Utilities:
    """Salience-weighted additive utilities, red lines and reservation values from stances.

    Parameters
    ----------
    corpus : Corpus
    space : OutcomeSpace
        Built from the same corpus (:func:`space_from_corpus`).
    parties : sequence of str, optional
        The veto players, in order. Default: :func:`default_parties`.
    values : mapping, optional
        Explicit option values ``{party: {issue: {option: value}}}`` replacing the distance rule
        for those (party, issue) pairs; every option of the issue must be given.
    distance : {"span", "scale"}
        How distance to the ideal becomes a value (see the module notes).

    Returns
    -------
    Utilities
        With every assumption made listed in ``notes``.

    Raises
    ------
    UnknownPartyError
        For a party not in the corpus.
    ModelSpecificationError
        For a value table that names unknown issues or options or misses some.

    Examples
    --------
    >>> from accords.model import Corpus, Issue, Option, Party, Stance, Evidence, Reservation
    >>> corpus = Corpus(id="toy", title="Toy",
    ...     parties=(Party(id="a", name="A", kind="state"), Party(id="b", name="B", kind="state")),
    ...     issues=(Issue(id="fish", title="Fishing quota", options=(
    ...         Option(id="low", position=0, description="low"),
    ...         Option(id="mid", position=50, description="mid"),
    ...         Option(id="high", position=100, description="high"))),),
    ...     stances=(Stance(party="a", issue="fish", ideal="high", assumption="toy"),
    ...              Stance(party="b", issue="fish", ideal="low", red_lines=("high",),
    ...                     assumption="toy")),
    ...     reservations=(Reservation(party="b", value=0.4, assumption="toy"),))
    >>> space = space_from_corpus(corpus)
    >>> u = utilities_from_stances(corpus, space)
    >>> u.values[0].tolist(), u.reservation.tolist()
    ([[0.0, 0.5, 1.0], [1.0, 0.5, 0.0]], [0.0, 0.4])
    >>> u.red_lines[0].tolist()
    [[False, False, False], [False, False, True]]
    """
    if distance not in ("span", "scale"):
        raise ModelSpecificationError(f"distance must be 'span' or 'scale'; got {distance!r}")
    party_ids = (
        tuple(parties) if parties is not None else default_parties(corpus, issues=space.issues)
    )
    known = {p.id for p in corpus.parties}
    for p in party_ids:
        if p not in known:
            raise UnknownPartyError(p, known=known)
    if not party_ids:
        raise ModelSpecificationError(
            "no party to bargain: the corpus states no ideal or red line on these issues"
        )
    _check_value_table(values or {}, space, party_ids)
    issues = [corpus.issue(i) for i in space.issues]
    n, m = len(party_ids), space.n_issues
    raw_weight = np.full((n, m), np.nan)
    weight_known = np.zeros((n, m), dtype=bool)
    vals = [np.zeros((n, len(i.options))) for i in issues]
    red = [np.zeros((n, len(i.options)), dtype=bool) for i in issues]
    notes: list[str] = []
    for a, party in enumerate(party_ids):
        table = (values or {}).get(party, {})
        for k, issue in enumerate(issues):
            stances = corpus.stances_of(party, issue.id)
            primary = _primary(stances)
            for s in stances:
                for option in s.red_lines:
                    red[k][a, issue.index(option)] = True
            if issue.id in table:
                vals[k][a] = [float(table[issue.id][o.id]) for o in issue.options]
            elif primary is not None:
                ideal = _ideal_position(primary, issue)
                pos = np.array([o.position for o in issue.options])
                dist = np.abs(pos - ideal)
                if distance == "span":
                    span = float(dist.max())
                    vals[k][a] = 1.0 - dist / span if span > 0 else 1.0
                else:
                    vals[k][a] = 1.0 - dist / 100.0
                if primary.ideal is not None:
                    red[k][a, issue.index(primary.ideal)] = False
                if len([s for s in stances if _primary([s]) is not None]) > 1:
                    notes.append(
                        f"{party} / {issue.id}: several reported stances; used the one "
                        f"{_describe(primary)}"
                    )
            else:
                continue
            sal = primary.salience if primary is not None else None
            if sal is None:
                sal = next((s.salience for s in stances if s.salience is not None), None)
            if sal is not None:
                raw_weight[a, k] = float(sal)
                weight_known[a, k] = True
            else:
                raw_weight[a, k] = -1.0  # filled below
        stated = raw_weight[a][weight_known[a]]
        fill = float(stated.mean()) if len(stated) else 0.5
        missing = [space.issues[k] for k in range(m) if raw_weight[a, k] == -1.0]
        if missing:
            notes.append(
                f"{party}: no salience stated for {', '.join(missing)}; "
                f"{fill:.2f} assumed (mean of its stated saliences, or 0.5)"
            )
        raw_weight[a][raw_weight[a] == -1.0] = fill
        silent = [space.issues[k] for k in range(m) if np.isnan(raw_weight[a, k])]
        if silent and len(silent) < m:
            notes.append(f"{party}: no ideal on {', '.join(silent)}; weight 0 there")
        elif silent:
            notes.append(
                f"{party}: no ideal on any issue of the space; indifferent to all packages"
            )
    weights = np.nan_to_num(raw_weight, nan=0.0)
    totals = weights.sum(axis=1, keepdims=True)
    weights = np.divide(weights, totals, out=np.zeros_like(weights), where=totals > 0)
    reservation = np.zeros(n)
    for a, party in enumerate(party_ids):
        stated_res = [r for r in corpus.reservations if r.party == party]
        if stated_res:
            reservation[a] = stated_res[-1].value
            why = stated_res[-1].assumption or "from evidence"
            notes.append(f"{party}: reservation value {stated_res[-1].value:g} ({why})")
        else:
            notes.append(f"{party}: no reservation value in the corpus; 0 assumed")
    return Utilities(
        parties=party_ids,
        weights=weights,
        values=tuple(vals),
        reservation=reservation,
        red_lines=tuple(red),
        notes=tuple(notes),
    )


def _describe(stance: Stance) -> str:
    parts = [f"confidence {stance.confidence:g}"]
    if stance.as_of is not None:
        parts.append(f"as of {stance.as_of.isoformat()}")
    if stance.evidence:
        parts.append(f"source {stance.evidence[0].source}")
    return "with " + ", ".join(parts)


def _check_value_table(values: ValueTable, space: OutcomeSpace, parties: Sequence[str]) -> None:
    for party, issues in values.items():
        if party not in parties:
            raise UnknownPartyError(party, known=parties)
        for issue, table in issues.items():
            try:
                i = space.issue_index(issue)
            except UnknownIssueError:
                raise ModelSpecificationError(
                    f"value table of {party!r} names issue {issue!r}, not in the space "
                    f"(known: {', '.join(space.issues)})"
                ) from None
            options = set(space.options[i])
            extra = sorted(set(table) - options)
            missing = sorted(options - set(table))
            if extra or missing:
                raise ModelSpecificationError(
                    f"value table of {party!r} for issue {issue!r} must give every option once; "
                    f"unknown: {extra}, missing: {missing}"
                )
            for option, value in table.items():
                if not np.isfinite(float(value)):
                    raise ModelSpecificationError(
                        f"value of {party!r} for {issue!r}={option!r} is not finite"
                    )


@dataclass(frozen=True, eq=False)
class AgreementPackage:
    """An agreement as a (partial) package of the space.

    Attributes
    ----------
    agreement : str
    package : ndarray of shape (n_issues,)
        Option index per issue, ``-1`` where the agreement leaves the issue open.
    settled : dict of str to str
        ``{issue: option}`` for the issues it settles, with the settling provision labels in
        ``provisions``.
    provisions : dict of str to str
        ``{issue: provision label}``.
    open : tuple of str
        Issues of the space it does not settle.
    conflicts : tuple of str
        Issues settled differently by two provisions (the first provision is used).
    outside : tuple of str
        Issues it settles that are not in the space (ignored).
    text_complete : bool
        False where the corpus marks the agreement's text as only partly reported: its open
        issues may be unreported rather than left open.
    """

    agreement: str
    package: IndexArray
    settled: dict[str, str]
    provisions: dict[str, str]
    open: tuple[str, ...]
    conflicts: tuple[str, ...]
    outside: tuple[str, ...]
    text_complete: bool = True

    @property
    def is_complete(self) -> bool:
        """True when the agreement settles every issue of the space."""
        return not self.open


def agreement_package(space: OutcomeSpace, agreement: Agreement) -> AgreementPackage:
    """Place an agreement in the space through the ``settles`` of its provisions.

    Examples
    --------
    >>> from accords.model import Agreement, Provision, Settlement, Evidence
    >>> space = OutcomeSpace(("fish", "port"), (("low", "high"), ("closed", "open")))
    >>> ev = (Evidence(source="s", quote="q"),)
    >>> a = Agreement(id="draft", title="Draft", proposers=("x",), status="leaked-draft",
    ...     sources=("s",), provisions=(Provision(label="1", text="Low quota.",
    ...     modality="obligation", settles=(Settlement(issue="fish", option="low"),),
    ...     evidence=ev),))
    >>> placed = agreement_package(space, a)
    >>> placed.package.tolist(), placed.open
    ([0, -1], ('port',))
    """
    package = np.full(space.n_issues, OPEN, dtype=space.dtype)
    settled: dict[str, str] = {}
    provisions: dict[str, str] = {}
    conflicts: list[str] = []
    outside: list[str] = []
    for provision in agreement.provisions:
        for s in provision.settles:
            if s.issue not in space.issues:
                if s.issue not in outside:
                    outside.append(s.issue)
                continue
            i = space.issue_index(s.issue)
            if s.option not in space.options[i]:
                raise ModelSpecificationError(
                    f"agreement {agreement.id!r} provision {provision.label}: issue {s.issue!r} "
                    f"has no option {s.option!r}"
                )
            if s.issue in settled:
                if settled[s.issue] != s.option and s.issue not in conflicts:
                    conflicts.append(s.issue)
                continue
            settled[s.issue] = s.option
            provisions[s.issue] = provision.label
            package[i] = space.options[i].index(s.option)
    open_issues = tuple(space.issues[i] for i in np.flatnonzero(package == OPEN))
    return AgreementPackage(
        agreement.id,
        package,
        settled,
        provisions,
        open_issues,
        tuple(conflicts),
        tuple(outside),
        agreement.complete,
    )
