"""Forecasting inputs from a corpus: one actor table per issue, and where each agreement sits.

For an issue, every party with a stance that places it on the issue's 0-100 scale becomes an
actor:

position
    The stance's ``position`` where given, otherwise the position of its ``ideal`` option. A
    stance with neither (only red lines or acceptable options) places no one.
range
    The stance's ``position_range`` (low / mode / high) where given; otherwise a symmetric
    range from its ``confidence`` c, of half-width (1 - c) x ``max_half_width`` (25 points by
    default), clipped to 0-100 (as
    :meth:`~accords.forecasting.montecarlo.ActorRanges.from_confidence`).
salience
    The stance's ``salience``; where no stance of the party on the issue gives one,
    ``default_salience`` (0.5), recorded as an assumption.
capability
    The party's ``clout`` (the latest entry where there are several). A party without clout is
    left out and listed in ``excluded``, unless ``missing_clout`` gives a value for it.

Conflicting reports (several positioned stances of one party on one issue) are not averaged:
the stance with the highest confidence (then the latest ``as_of``, then the last in the corpus)
gives the mode and the salience, and the range is widened to cover every report's range.

Agreements: every provision (and every variant report of it) that ``settles`` an option of the
issue places the agreement at that option's position, so that it can be set against the
forecast.

Examples
--------
>>> from accords import load_corpus
>>> table = issue_actors(load_corpus(), "nato-membership")
>>> table.issue.id, table.ranges.actors.dimensions
('nato-membership', ('nato-membership',))
>>> all(0 <= i.low <= i.position <= i.high <= 100 for i in table.inputs)
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from accords.exceptions import ModelSpecificationError
from accords.forecasting.base import Actors
from accords.forecasting.montecarlo import DEFAULT_MAX_HALF_WIDTH, ActorRanges
from accords.model import Corpus, Issue, Option, Stance

__all__ = [
    "DEFAULT_SALIENCE",
    "ActorInput",
    "AgreementPosition",
    "IssueActors",
    "agreement_positions",
    "corpus_actors",
    "issue_actors",
    "nearest_option",
]

#: Salience of a party whose stances on an issue give none.
DEFAULT_SALIENCE = 0.5


@dataclass(frozen=True)
class ActorInput:
    """One actor of an issue and where its numbers come from.

    Parameters
    ----------
    party : str
    option : str or None
        The ideal option of the stance that gives the mode (None where ``position`` gave it).
    position, low, high : float
        Mode and range on 0-100.
    salience, capability, confidence : float
    n_reports : int
        Positioned stances of the party on the issue.
    assumptions : tuple of str
        What was assumed (default salience, widened range, ...).
    """

    party: str
    option: str | None
    position: float
    low: float
    high: float
    salience: float
    capability: float
    confidence: float
    n_reports: int
    assumptions: tuple[str, ...] = ()


@dataclass(frozen=True)
class AgreementPosition:
    """Where an agreement's provision places an issue."""

    agreement: str
    status: str
    provision: str
    option: str
    position: float
    variant: bool = False


@dataclass(frozen=True)
class IssueActors:
    """The forecasting input of one issue.

    ``ranges`` is None when no party could be placed (then ``excluded`` says why).
    """

    issue: Issue
    inputs: tuple[ActorInput, ...]
    ranges: ActorRanges | None
    excluded: tuple[tuple[str, str], ...]
    agreements: tuple[AgreementPosition, ...]

    @property
    def n_actors(self) -> int:
        return len(self.inputs)


def nearest_option(issue: Issue, position: float) -> Option:
    """The option of ``issue`` closest to ``position`` (the lower one on a tie).

    Examples
    --------
    >>> from accords.model import Issue, Option
    >>> issue = Issue(id="x", title="X", options=(
    ...     Option(id="a", position=0, description="a"),
    ...     Option(id="b", position=60, description="b")))
    >>> nearest_option(issue, 35.0).id
    'b'
    """
    return min(issue.options, key=lambda o: (abs(o.position - position), o.position))


def agreement_positions(corpus: Corpus, issue_id: str) -> tuple[AgreementPosition, ...]:
    """Every place where an agreement settles ``issue_id``, variants included, in corpus order."""
    issue = corpus.issue(issue_id)
    out: list[AgreementPosition] = []
    for agreement in corpus.agreements:
        for provision in agreement.provisions:
            reports = [(provision.settles, False)] + [(v.settles, True) for v in provision.variants]
            for settles, variant in reports:
                for s in settles:
                    if s.issue != issue_id:
                        continue
                    out.append(
                        AgreementPosition(
                            agreement=agreement.id,
                            status=agreement.status,
                            provision=provision.label,
                            option=s.option,
                            position=issue.option(s.option).position,
                            variant=variant,
                        )
                    )
    return tuple(out)


def _stance_position(issue: Issue, stance: Stance) -> float | None:
    if stance.position is not None:
        return float(stance.position)
    if stance.ideal is not None:
        return float(issue.option(stance.ideal).position)
    return None


def _stance_range(position: float, stance: Stance, max_half_width: float) -> tuple[float, float]:
    if stance.position_range is not None:
        r = stance.position_range
        return float(min(r.low, position)), float(max(r.high, position))
    half = max_half_width - stance.confidence * max_half_width
    return max(0.0, position - half), min(100.0, position + half)


def _latest(value: date | None) -> date:
    return value if value is not None else date.min


def _clout(corpus: Corpus) -> dict[str, float]:
    best: dict[str, tuple[date, int, float]] = {}
    for k, c in enumerate(corpus.clout):
        key = (_latest(c.as_of), k, float(c.value))
        if c.party not in best or key > best[c.party]:
            best[c.party] = key
    return {party: v[2] for party, v in best.items()}


def issue_actors(
    corpus: Corpus,
    issue_id: str,
    *,
    default_salience: float = DEFAULT_SALIENCE,
    max_half_width: float = DEFAULT_MAX_HALF_WIDTH,
    missing_clout: float | None = None,
) -> IssueActors:
    """Build the actor table of one issue (see the module notes for the rules).

    Parameters
    ----------
    corpus : Corpus
    issue_id : str
    default_salience : float, default 0.5
        Salience of a party whose stances give none.
    max_half_width : float, default 25
        Half-width of the position range at confidence 0.
    missing_clout : float or None, default None
        Capability of a party without clout; None leaves such parties out.

    Raises
    ------
    UnknownIssueError
        If the issue is not in the corpus.
    ModelSpecificationError
        If ``default_salience`` or ``missing_clout`` is off its scale.
    """
    if not 0.0 <= default_salience <= 1.0:
        raise ModelSpecificationError(
            f"default_salience: expected a value in [0, 1], got {default_salience}"
        )
    if missing_clout is not None and not missing_clout >= 0.0:
        raise ModelSpecificationError(f"missing_clout: expected a value >= 0, got {missing_clout}")
    issue = corpus.issue(issue_id)
    clout = _clout(corpus)
    stances_by_party: dict[str, list[tuple[int, Stance]]] = {}
    for k, stance in enumerate(corpus.stances):
        if stance.issue == issue_id:
            stances_by_party.setdefault(stance.party, []).append((k, stance))

    inputs: list[ActorInput] = []
    excluded: list[tuple[str, str]] = []
    for party, stances in stances_by_party.items():
        placed = [(k, s, p) for k, s in stances if (p := _stance_position(issue, s)) is not None]
        if not placed:
            excluded.append((party, "no stance gives an ideal option or a position"))
            continue
        notes: list[str] = []
        if party in clout:
            capability = clout[party]
        elif missing_clout is not None:
            capability = missing_clout
            notes.append(f"no clout in the corpus: {missing_clout:g} assumed")
        else:
            excluded.append((party, "no clout in the corpus"))
            continue
        _, primary, mode = max(
            placed, key=lambda item: (item[1].confidence, _latest(item[1].as_of), item[0])
        )
        ranges = [_stance_range(p, s, max_half_width) for _, s, p in placed]
        low = min(r[0] for r in ranges)
        high = max(r[1] for r in ranges)
        if len(placed) > 1:
            positions = ", ".join(f"{p:g}" for _, _, p in placed)
            notes.append(f"{len(placed)} reports ({positions}): most confident is the mode")
        salience_source = [primary] + [s for _, s, _ in placed if s is not primary]
        salience = next((s.salience for s in salience_source if s.salience is not None), None)
        if salience is None:
            salience = default_salience
            notes.append(f"salience not given: {default_salience:g} assumed")
        inputs.append(
            ActorInput(
                party=party,
                option=primary.ideal if primary.position is None else None,
                position=mode,
                low=low,
                high=high,
                salience=float(salience),
                capability=float(capability),
                confidence=float(primary.confidence),
                n_reports=len(placed),
                assumptions=tuple(notes),
            )
        )

    ranges_out: ActorRanges | None = None
    if inputs:
        actors = Actors(
            tuple(i.party for i in inputs),
            np.asarray([i.capability for i in inputs]),
            np.asarray([i.position for i in inputs])[:, None],
            np.asarray([i.salience for i in inputs])[:, None],
            (issue_id,),
        )
        ranges_out = ActorRanges(
            actors,
            position_low=np.asarray([i.low for i in inputs])[:, None],
            position_high=np.asarray([i.high for i in inputs])[:, None],
        )
    return IssueActors(
        issue=issue,
        inputs=tuple(inputs),
        ranges=ranges_out,
        excluded=tuple(excluded),
        agreements=agreement_positions(corpus, issue_id),
    )


def corpus_actors(
    corpus: Corpus,
    issues: Sequence[str] | None = None,
    *,
    default_salience: float = DEFAULT_SALIENCE,
    max_half_width: float = DEFAULT_MAX_HALF_WIDTH,
    missing_clout: float | None = None,
) -> tuple[IssueActors, ...]:
    """The actor table of every issue (or of ``issues``), in corpus order."""
    ids = [i.id for i in corpus.issues] if issues is None else list(issues)
    return tuple(
        issue_actors(
            corpus,
            issue_id,
            default_salience=default_salience,
            max_half_width=max_half_width,
            missing_clout=missing_clout,
        )
        for issue_id in ids
    )
