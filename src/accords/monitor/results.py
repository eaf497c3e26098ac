"""The results of a replay: every provision's state, the transitions, the triggers fired.

:func:`accords.monitor.engine.replay` returns a :class:`MonitorReport`; these frozen records are
all it holds. The versioned documents built from them (``--format json``) are in
:mod:`accords.monitor.records`.

Examples
--------
>>> from datetime import date
>>> m = Milestone(date=date(2026, 1, 15), event="sign-1", by="SIGN")
>>> (m.date.isoformat(), m.by)
('2026-01-15', 'SIGN')
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from accords.exceptions import UnknownProvisionError
from accords.model.vocabulary import ProvisionState
from accords.monitor.lifecycle import Cause
from accords.monitor.pam import PamScore

__all__ = [
    "AppliedEffect",
    "Milestone",
    "MonitorReport",
    "ProvisionStatus",
    "TimelineEntry",
    "TimelineKind",
    "Transition",
    "TriggerFiring",
]

#: What a timeline entry records.
TimelineKind = Literal["signature", "entry-into-force", "transition", "trigger", "ignored-effect"]


@dataclass(frozen=True)
class Transition:
    """One move of a provision from a state to another, with what caused it."""

    label: str
    date: date
    from_state: ProvisionState
    to_state: ProvisionState
    cause: Cause
    event: str | None = None
    trigger: str | None = None
    detail: str = ""


@dataclass(frozen=True)
class AppliedEffect:
    """One effect of a fired trigger on one provision; ``applied`` is False if not allowed."""

    action: str
    provision: str
    applied: bool
    from_state: ProvisionState
    to_state: ProvisionState | None
    note: str | None = None


@dataclass(frozen=True)
class TriggerFiring:
    """A trigger whose condition became true, and what its effects did."""

    trigger: str
    provision: str
    date: date
    event: str | None
    description: str
    effects: tuple[AppliedEffect, ...]


@dataclass(frozen=True)
class Milestone:
    """The signature or entry into force of the agreement."""

    date: date
    event: str | None
    by: str


@dataclass(frozen=True)
class ProvisionStatus:
    """Where a provision stands on the report's date.

    ``since``, ``cause``, ``event`` and ``trigger`` describe its last transition (None while it
    is still ``inactive`` from the start). ``pam`` is its Peace Accords Matrix implementation
    score (:mod:`accords.monitor.pam`) and ``progress`` the share of its current target
    (conditions while inactive, ``fulfilled_when`` while in force) already met. ``monitored``
    is False for a provision with no condition, deadline, fulfilment or violation test and no
    trigger acting on it: nothing in the events can move it beyond entry into force.
    """

    label: str
    modality: str
    state: ProvisionState
    since: date | None
    cause: Cause | None
    event: str | None
    trigger: str | None
    deadline: date | None
    pam: int
    progress: float
    monitored: bool
    transitions: tuple[Transition, ...]


@dataclass(frozen=True)
class TimelineEntry:
    """One dated line of the timeline."""

    date: date
    kind: TimelineKind
    provision: str | None
    detail: str
    event: str | None = None
    trigger: str | None = None
    from_state: ProvisionState | None = None
    to_state: ProvisionState | None = None
    cause: str | None = None


@dataclass(frozen=True)
class MonitorReport:
    """The result of :func:`replay`: every provision's state as of a date, and how it got there."""

    agreement: str
    as_of: date
    n_events: int
    signed: Milestone | None
    in_force: Milestone | None
    provisions: tuple[ProvisionStatus, ...]
    firings: tuple[TriggerFiring, ...]
    timeline: tuple[TimelineEntry, ...]
    pam: PamScore

    def provision(self, label: str) -> ProvisionStatus:
        """The status of one provision.

        Raises
        ------
        UnknownProvisionError
        """
        for p in self.provisions:
            if p.label == label:
                return p
        raise UnknownProvisionError(
            f"{self.agreement}:{label}", known=[p.label for p in self.provisions]
        )

    @property
    def states(self) -> dict[str, ProvisionState]:
        """Every provision's state, by label."""
        return {p.label: p.state for p in self.provisions}
