"""Replay: run an agreement's own mechanisms over events and report every provision's state.

:func:`replay` evaluates, as data, what the corpus says about each provision (its
``conditions``, ``deadline``, ``fulfilled_when``, ``violated_when`` and ``triggers``) against a
set of events, and moves each provision through the lifecycle of
:mod:`accords.monitor.lifecycle`, recording the event that caused every transition.

Rules
-----
Signature and entry into force
    The agreement is signed on the date of the first ``SIGN`` event whose attribute
    ``agreement`` is the agreement's id, and enters into force on the first such
    ``ENTER_INTO_FORCE`` event, or at signature if the events never record one (so a report
    dated before a recorded entry into force shows the agreement signed, not yet in force). An
    entry into force without a recorded signature counts as both. Before entry into force every
    provision is ``inactive``. Events below the certainty a pattern asks for (by default,
    disputed ones) count for nothing, signatures included.
Activation
    A provision comes in force when the agreement is in force and all its ``conditions`` hold.
    Events count for conditions from the signature on (a withdrawal before the agreement does
    not fulfil it). If the conditions later cease to hold the provision is suspended, and in
    force again when they hold again, unless an effect (``activate``, ``resume``,
    ``reinstate``) put it in force regardless of them.
Fulfilment and violation
    ``violated_when`` and ``fulfilled_when`` count events from the day the provision first came
    in force; violation is checked first. A fulfilled provision with a ``violated_when`` stays
    watched: a standing obligation (a cap) kept at first and broken later ends violated.
Deadlines
    A deadline of N days after an anchor falls N days after it (``100 days after signature``
    signed on 1 March falls on 9 June); events on the deadline day still count, and the deadline
    transition is dated the day after. Anchors: ``signature``, ``entry-into-force``,
    ``provision-in-force`` (the first day the named provision was in force) and ``event`` (the
    first matching event after signature).
Triggers
    A trigger is armed from the day its provision first comes in force and stays armed, even if
    the provision later ends (the agreement's snap-back outlives the guarantee it sits in). It
    fires each time its condition becomes true (counting events from the arming day) and applies
    its effects to the named provisions (its own when none is named). An effect that the
    lifecycle does not allow from the target's current state is recorded and ignored.
Same-day cascades
    All of a day's consequences are worked out before the next day: a violation that fires a
    trigger that voids another provision happens on one date, in that order. Provisions are
    evaluated in agreement order, then triggers, and again until nothing changes; a trigger
    sees its condition at each pass. Conditions that keep undoing one another are an error.
Event patterns
    Matching follows :mod:`accords.monitor.patterns`; ``at_least: N`` holds from the day of the
    N-th matching event in the counting window.

Conditions, patterns and effects come from the corpus; nothing in it is executed. Matching is
vectorised: each pattern becomes a boolean mask over an :class:`EventTable`, and the state
machine only visits the days on which some pattern's count reaches its threshold.

Examples
--------
>>> from accords.model import Agreement, Provision, Evidence, Deadline, Condition, EventPattern
>>> ev = (Evidence(source="s", quote="q"),)
>>> plan = Agreement(id="plan", title="Plan", proposers=("a",), status="signed",
...     sources=("s",), provisions=(
...         Provision(label="1", text="Elections within 100 days.", modality="obligation",
...             bearers=("a",), deadline=Deadline(days=100, after="signature"),
...             fulfilled_when=Condition(event=EventPattern(type="ELECTION", actors=("a",))),
...             evidence=ev),))
>>> events = [Event(id="s1", date="2026-03-01", type="SIGN", actors=("a",),
...                 attributes={"agreement": "plan"})]
>>> report = replay(plan, events, as_of=date(2026, 6, 10))
>>> status = report.provision("1")
>>> status.state, status.since.isoformat(), status.cause
('violated', '2026-06-10', 'deadline-missed')
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

import numpy as np
import numpy.typing as npt

from accords.exceptions import ModelSpecificationError
from accords.model.agreements import Agreement
from accords.model.conditions import AttributeTest, Condition, Deadline, EventPattern, Trigger
from accords.model.corpus import Corpus
from accords.model.provisions import Provision
from accords.model.vocabulary import ProvisionState
from accords.monitor.events import Event
from accords.monitor.lifecycle import Cause, next_state
from accords.monitor.pam import pam_aggregate, pam_points
from accords.monitor.patterns import EventTable, Members, pattern_mask
from accords.monitor.results import (
    AppliedEffect,
    Milestone,
    MonitorReport,
    ProvisionStatus,
    TimelineEntry,
    Transition,
    TriggerFiring,
)

__all__ = [
    "check_agreement",
    "members_of_corpus",
    "replay",
    "required_attributes",
]

_MAX_STEPS_PER_DAY = 1000


def members_of_corpus(corpus: Corpus) -> dict[str, frozenset[str]]:
    """For every party of a corpus, its members (transitively)."""
    return {p.id: corpus.members_of(p.id) for p in corpus.parties if p.members}


def required_attributes(agreement: Agreement) -> frozenset[str]:
    """The event attributes the agreement's patterns test (and ``agreement``, for signature).

    An event store can load only these when it builds an :class:`EventTable` for replay.
    """
    names = {"agreement"}

    def pattern(p: EventPattern | None) -> None:
        if p is not None:
            names.update(t.name for t in p.attributes)

    def condition(c: Condition | None) -> None:
        if c is None:
            return
        pattern(c.event)
        for child in (*c.all_of, *c.any_of, *c.none_of):
            condition(child)

    for p in agreement.provisions:
        for c in p.conditions:
            condition(c)
        condition(p.fulfilled_when)
        condition(p.violated_when)
        pattern(p.deadline.event if p.deadline is not None else None)
        for t in p.triggers:
            condition(t.condition)
    return frozenset(names)


def check_agreement(agreement: Agreement) -> list[str]:
    """Every reference to a provision that the agreement does not have (empty when sound).

    Vocabularies and attribute tests are checked when the model is built (an unknown event
    type or state cannot exist in an :class:`~accords.model.Agreement`), and the corpus reader
    reports these references too, with their file and line (:func:`accords.corpus.check_corpus`);
    this check covers agreements built in Python, before :func:`replay` runs them.

    Examples
    --------
    >>> from accords.model import Agreement, Provision, Evidence, Deadline
    >>> plan = Agreement(id="plan", title="Plan", proposers=("a",), status="signed",
    ...     sources=("s",), provisions=(Provision(label="1", text="t", modality="obligation",
    ...     bearers=("a",), deadline=Deadline(days=5, after="provision-in-force", provision="9"),
    ...     evidence=(Evidence(source="s", quote="q"),)),))
    >>> check_agreement(plan)
    ["plan provision 1 deadline: unknown provision '9'"]
    """
    labels = {p.label for p in agreement.provisions}
    problems: list[str] = []

    def condition(c: Condition | None, where: str) -> None:
        if c is None:
            return
        for child in (*c.all_of, *c.any_of, *c.none_of):
            condition(child, where)
        if c.provision is not None and c.provision.label not in labels:
            problems.append(f"{where}: condition names unknown provision {c.provision.label!r}")

    for p in agreement.provisions:
        where = f"{agreement.id} provision {p.label}"
        for c in p.conditions:
            condition(c, f"{where} conditions")
        condition(p.fulfilled_when, f"{where} fulfilled_when")
        condition(p.violated_when, f"{where} violated_when")
        if p.deadline is not None and p.deadline.provision not in (None, *labels):
            problems.append(f"{where} deadline: unknown provision {p.deadline.provision!r}")
        for t in p.triggers:
            condition(t.condition, f"{where} trigger {t.id}")
            for e in t.effects:
                for label in e.provisions:
                    if label not in labels:
                        problems.append(
                            f"{where} trigger {t.id}: effect names unknown provision {label!r}"
                        )
    return problems


def replay(
    agreement: Agreement,
    events: Iterable[Event] | EventTable,
    *,
    as_of: date | None = None,
    corpus: Corpus | None = None,
    members: Members | None = None,
) -> MonitorReport:
    """Replay events against an agreement's mechanisms and report every provision's state.

    Parameters
    ----------
    agreement : Agreement
    events : iterable of Event, or EventTable
        In any order; events after ``as_of`` are ignored.
    as_of : date, optional
        The day to report on (events of that day included). Default: the date of the latest
        event (today's date when there are none).
    corpus : Corpus, optional
        Resolves group membership, so that a pattern naming ``europe`` matches ``france``.
    members : mapping, optional
        The same, given directly (``party -> members``); overrides ``corpus``.

    Returns
    -------
    MonitorReport

    Raises
    ------
    ModelSpecificationError
        If the agreement's mechanisms cannot be evaluated (see :func:`check_agreement`), or if
        its triggers and conditions keep changing states on one day without settling.
    """
    problems = check_agreement(agreement)
    if problems:
        raise ModelSpecificationError(
            f"the mechanisms of {agreement.id!r} cannot be evaluated: " + "; ".join(problems)
        )
    table = events if isinstance(events, EventTable) else EventTable.from_events(events)
    if as_of is None:
        as_of = table.date_of(len(table) - 1) if len(table) else date.today()
    # Whether the events ever record an entry into force: if they do, the agreement is not in
    # force before it, even on a date before that event is known.
    separate = bool(pattern_mask(_milestone_pattern("ENTER_INTO_FORCE", agreement.id), table).any())
    table = table.upto(as_of.toordinal())
    if members is None and corpus is not None:
        members = members_of_corpus(corpus)
    return _Replay(agreement, table, as_of, members, separate_entry=separate).run()


def _milestone_pattern(
    kind: Literal["SIGN", "ENTER_INTO_FORCE"], agreement_id: str
) -> EventPattern:
    return EventPattern(
        type=kind, attributes=(AttributeTest(name="agreement", value=agreement_id),)
    )


_NEVER = np.iinfo(np.int64).max


@dataclass
class _Matches:
    days: npt.NDArray[np.int64]
    index: npt.NDArray[np.int64]


@dataclass
class _Provision:
    spec: Provision
    state: ProvisionState = "inactive"
    first_active: int | None = None
    suspended_by_conditions: bool = False
    forced: bool = False  # put in force by an effect: its conditions no longer suspend it
    deadline_done: bool = False
    transitions: list[Transition] = field(default_factory=list)


# (holds, day on which the deciding fact happened, id of the deciding event)
_Result = tuple[bool, int | None, str | None]


class _Replay:
    def __init__(
        self,
        agreement: Agreement,
        table: EventTable,
        as_of: date,
        members: Members | None,
        *,
        separate_entry: bool = False,
    ) -> None:
        self.separate_entry = separate_entry
        self.agreement = agreement
        self.table = table
        self.as_of = as_of
        self.as_of_day = as_of.toordinal()
        self.members = members
        self.matches: dict[EventPattern, _Matches] = {}
        self.provisions = {p.label: _Provision(p) for p in agreement.provisions}
        self.triggers: list[tuple[str, Trigger]] = [
            (p.label, t) for p in agreement.provisions for t in p.triggers
        ]
        self.trigger_state: dict[str, bool] = {t.id: False for _, t in self.triggers}
        self.targeted = {
            label
            for owner, t in self.triggers
            for e in t.effects
            for label in (e.provisions or (owner,))
        }
        self.firings: list[TriggerFiring] = []
        self.timeline: list[TimelineEntry] = []
        self.heap: list[int] = []
        self.pushed: set[int] = set()
        self.signed: Milestone | None = None
        self.in_force: Milestone | None = None

    # -- event patterns -------------------------------------------------------------------
    def _matches(self, pattern: EventPattern) -> _Matches:
        found = self.matches.get(pattern)
        if found is None:
            index = np.flatnonzero(pattern_mask(pattern, self.table, members=self.members))
            found = _Matches(self.table.day[index], index)
            self.matches[pattern] = found
        return found

    def _kth(self, pattern: EventPattern, window: int) -> tuple[int, str] | None:
        """Day and id of the ``at_least``-th match on or after ``window``."""
        m = self._matches(pattern)
        pos = int(np.searchsorted(m.days, window, side="left")) + pattern.at_least - 1
        if pos >= len(m.days):
            return None
        return int(m.days[pos]), str(self.table.ids[m.index[pos]])

    def _count(self, pattern: EventPattern, window: int, day: int) -> int:
        m = self._matches(pattern)
        lo = np.searchsorted(m.days, window, side="left")
        hi = np.searchsorted(m.days, day, side="right")
        return int(hi - lo)

    # -- conditions -----------------------------------------------------------------------
    def _eval(self, c: Condition, day: int, window: int) -> _Result:
        if c.event is not None:
            kth = self._kth(c.event, window)
            if kth is not None and kth[0] <= day:
                return True, kth[0], kth[1]
            return False, None, None
        if c.provision is not None:
            target = self.provisions[c.provision.label]
            last = target.transitions[-1] if target.transitions else None
            holds = target.state in c.provision.states
            if last is None:
                return holds, None, None
            return holds, last.date.toordinal(), last.event
        if c.all_of:
            results = [self._eval(child, day, window) for child in c.all_of]
            failed = [r for r in results if not r[0]]
            if failed:
                return False, None, None
            return True, *_latest(results)
        if c.any_of:
            results = [self._eval(child, day, window) for child in c.any_of]
            held = [r for r in results if r[0]]
            if not held:
                return False, None, None
            return True, *_earliest(held)
        results = [self._eval(child, day, window) for child in c.none_of]
        held = [r for r in results if r[0]]
        if held:
            return False, *_earliest(held)
        return True, None, None

    def _progress(self, c: Condition, day: int, window: int) -> float:
        if c.event is not None:
            return min(self._count(c.event, window, day) / c.event.at_least, 1.0)
        if c.all_of:
            return sum(self._progress(x, day, window) for x in c.all_of) / len(c.all_of)
        if c.any_of:
            return max(self._progress(x, day, window) for x in c.any_of)
        return 1.0 if self._eval(c, day, window)[0] else 0.0

    def _push_times(self, c: Condition | None, window: int) -> None:
        if c is None:
            return
        if c.event is not None:
            kth = self._kth(c.event, window)
            if kth is not None:
                self._push(kth[0])
        for child in (*c.all_of, *c.any_of, *c.none_of):
            self._push_times(child, window)

    def _push(self, day: int) -> None:
        if day <= self.as_of_day and day not in self.pushed:
            self.pushed.add(day)
            heapq.heappush(self.heap, day)

    # -- deadlines ------------------------------------------------------------------------
    def _deadline_day(self, d: Deadline | None) -> int | None:
        if d is None:
            return None
        if d.date is not None:
            return d.date.toordinal()
        assert d.days is not None
        anchor: int | None = None
        if d.after == "signature" and self.signed is not None:
            anchor = self.signed.date.toordinal()
        elif d.after == "entry-into-force" and self.in_force is not None:
            anchor = self.in_force.date.toordinal()
        elif d.after == "provision-in-force" and d.provision is not None:
            anchor = self.provisions[d.provision].first_active
        elif d.after == "event" and d.event is not None and self.signed is not None:
            kth = self._kth(d.event, self.signed.date.toordinal())
            anchor = kth[0] if kth is not None else None
        return None if anchor is None else anchor + d.days

    def _push_deadlines(self) -> None:
        for p in self.provisions.values():
            day = self._deadline_day(p.spec.deadline)
            if day is not None and not p.deadline_done:
                self._push(day + 1)

    # -- transitions ----------------------------------------------------------------------
    def _move(
        self,
        p: _Provision,
        cause: Cause,
        day: int,
        event: str | None,
        *,
        trigger: str | None = None,
        detail: str = "",
    ) -> bool:
        new = next_state(p.state, cause)
        if new is None:
            return False
        t = Transition(
            label=p.spec.label,
            date=date.fromordinal(day),
            from_state=p.state,
            to_state=new,
            cause=cause,
            event=event,
            trigger=trigger,
            detail=detail,
        )
        p.transitions.append(t)
        p.state = new
        self.timeline.append(
            TimelineEntry(
                date=t.date,
                kind="transition",
                provision=t.label,
                detail=detail or f"{t.from_state} -> {t.to_state} ({cause})",
                event=event,
                trigger=trigger,
                from_state=t.from_state,
                to_state=t.to_state,
                cause=cause,
            )
        )
        if new == "in-force" and p.first_active is None:
            p.first_active = day
            self._arm(p, day)
        return True

    def _arm(self, p: _Provision, day: int) -> None:
        self._push_times(p.spec.fulfilled_when, day)
        self._push_times(p.spec.violated_when, day)
        for t in p.spec.triggers:
            self._push_times(t.condition, day)
        self._push_deadlines()

    def _conditions(self, p: _Provision, day: int) -> _Result:
        assert self.signed is not None
        window = self.signed.date.toordinal()
        results = [self._eval(c, day, window) for c in p.spec.conditions]
        if all(r[0] for r in results):
            return (True, *_latest(results)) if results else (True, None, None)
        return False, *_earliest([r for r in results if not r[0]])

    def _step_provision(self, p: _Provision, day: int, in_force: bool) -> bool:
        spec = p.spec
        deadline = self._deadline_day(spec.deadline)
        if (
            deadline is not None
            and day > deadline
            and not p.deadline_done
            and p.state in ("inactive", "in-force", "suspended")
        ):
            # first: events after the deadline day must not fulfil the provision
            p.deadline_done = True
            cause = self._deadline_cause(p)
            when = date.fromordinal(deadline).isoformat()
            return self._move(p, cause, day, None, detail=f"deadline {when} passed ({cause})")
        if p.state == "inactive" and in_force:
            holds, _, event = self._conditions(p, day)
            if holds:
                assert self.in_force is not None
                detail = "conditions met" if spec.conditions else "agreement in force"
                return self._move(p, "activation", day, event or self.in_force.event, detail=detail)
        elif p.state == "in-force":
            if spec.conditions and not p.forced:
                holds, _, event = self._conditions(p, day)
                if not holds:
                    p.suspended_by_conditions = True
                    return self._move(p, "conditions-lapsed", day, event)
            assert p.first_active is not None
            if spec.violated_when is not None:
                holds, _, event = self._eval(spec.violated_when, day, p.first_active)
                if holds:
                    return self._move(p, "violation", day, event)
            if spec.fulfilled_when is not None:
                holds, _, event = self._eval(spec.fulfilled_when, day, p.first_active)
                if holds:
                    return self._move(p, "fulfilment", day, event)
        elif p.state == "fulfilled" and spec.violated_when is not None:
            assert p.first_active is not None
            holds, _, event = self._eval(spec.violated_when, day, p.first_active)
            if holds:
                return self._move(p, "violation", day, event, detail="broken after fulfilment")
        elif p.state == "suspended" and p.suspended_by_conditions and in_force:
            holds, _, event = self._conditions(p, day)
            if holds:
                p.suspended_by_conditions = False
                return self._move(p, "conditions-restored", day, event)
        return False

    @staticmethod
    def _deadline_cause(p: _Provision) -> Cause:
        if p.state != "in-force":
            return "deadline-lapsed"
        if p.spec.modality == "obligation" and p.spec.fulfilled_when is not None:
            return "deadline-missed"
        if p.spec.modality == "prohibition":
            return "deadline-kept"
        return "deadline-lapsed"

    def _step_triggers(self, day: int) -> bool:
        changed = False
        for owner_label, trigger in self.triggers:
            owner = self.provisions[owner_label]
            if owner.first_active is None or owner.first_active > day:
                continue
            holds, _, event = self._eval(trigger.condition, day, owner.first_active)
            rising = holds and not self.trigger_state[trigger.id]
            self.trigger_state[trigger.id] = holds
            if rising:
                self._fire(owner_label, trigger, day, event)
                changed = True
        return changed

    def _fire(self, owner: str, trigger: Trigger, day: int, event: str | None) -> None:
        applied: list[AppliedEffect] = []
        when = date.fromordinal(day)
        self.timeline.append(
            TimelineEntry(
                date=when,
                kind="trigger",
                provision=owner,
                detail=trigger.description,
                event=event,
                trigger=trigger.id,
            )
        )
        for effect in trigger.effects:
            for label in effect.provisions or (owner,):
                target = self.provisions[label]
                before = target.state
                detail = f"trigger {trigger.id}: {effect.action}" + (
                    f" ({effect.note})" if effect.note else ""
                )
                ok = self._move(
                    target, effect.action, day, event, trigger=trigger.id, detail=detail
                )
                if ok and effect.action == "suspend":
                    target.suspended_by_conditions = False
                if ok and effect.action in ("activate", "resume", "reinstate"):
                    target.forced = True
                applied.append(
                    AppliedEffect(
                        action=effect.action,
                        provision=label,
                        applied=ok,
                        from_state=before,
                        to_state=target.state if ok else None,
                        note=effect.note,
                    )
                )
                if not ok:
                    self.timeline.append(
                        TimelineEntry(
                            date=when,
                            kind="ignored-effect",
                            provision=label,
                            detail=f"trigger {trigger.id}: {effect.action} does not apply to "
                            f"a provision that is {before}; ignored",
                            event=event,
                            trigger=trigger.id,
                            from_state=before,
                            cause=effect.action,
                        )
                    )
        self.firings.append(
            TriggerFiring(
                trigger=trigger.id,
                provision=owner,
                date=when,
                event=event,
                description=trigger.description,
                effects=tuple(applied),
            )
        )

    # -- the run --------------------------------------------------------------------------
    def _milestones(self) -> None:
        sign = self._kth(_milestone_pattern("SIGN", self.agreement.id), 0)
        eif = self._kth(_milestone_pattern("ENTER_INTO_FORCE", self.agreement.id), 0)
        if sign is None and eif is None:
            return
        if sign is None:
            assert eif is not None
            sign = eif
            self.signed = Milestone(date.fromordinal(eif[0]), eif[1], "ENTER_INTO_FORCE")
        else:
            self.signed = Milestone(date.fromordinal(sign[0]), sign[1], "SIGN")
        self.timeline.append(
            TimelineEntry(
                self.signed.date, "signature", None, "agreement signed", self.signed.event
            )
        )
        if eif is not None:
            day = max(eif[0], sign[0])
            self.in_force = Milestone(date.fromordinal(day), eif[1], "ENTER_INTO_FORCE")
        elif not self.separate_entry:
            self.in_force = Milestone(self.signed.date, self.signed.event, "signature")
        if self.in_force is not None:
            self.timeline.append(
                TimelineEntry(
                    self.in_force.date,
                    "entry-into-force",
                    None,
                    f"agreement in force (by {self.in_force.by})",
                    self.in_force.event,
                )
            )

    def run(self) -> MonitorReport:
        self._milestones()
        if self.signed is not None:
            start = self.signed.date.toordinal()
            in_force_day = self.in_force.date.toordinal() if self.in_force else _NEVER
            self._push(start)
            self._push(in_force_day)
            for p in self.provisions.values():
                for c in p.spec.conditions:
                    self._push_times(c, start)
                if p.spec.deadline is not None and p.spec.deadline.event is not None:
                    self._push_times(Condition(event=p.spec.deadline.event), start)
            self._push_deadlines()
            while self.heap:
                day = heapq.heappop(self.heap)
                for _ in range(_MAX_STEPS_PER_DAY):
                    changed = False
                    for p in self.provisions.values():
                        changed |= self._step_provision(p, day, day >= in_force_day)
                    changed |= self._step_triggers(day)
                    if not changed:
                        break
                else:
                    raise ModelSpecificationError(
                        f"the conditions and triggers of {self.agreement.id!r} keep changing "
                        f"states on {date.fromordinal(day)} without settling; check conditions "
                        "and triggers that undo one another"
                    )
                self._push_deadlines()
        return self._report()

    def _report(self) -> MonitorReport:
        statuses = []
        for p in self.provisions.values():
            progress = self._current_progress(p)
            last = p.transitions[-1] if p.transitions else None
            deadline = self._deadline_day(p.spec.deadline)
            spec = p.spec
            monitored = bool(
                spec.conditions
                or spec.deadline
                or spec.fulfilled_when
                or spec.violated_when
                or spec.label in self.targeted
            )
            statuses.append(
                ProvisionStatus(
                    label=spec.label,
                    modality=spec.modality,
                    state=p.state,
                    since=last.date if last else None,
                    cause=last.cause if last else None,
                    event=last.event if last else None,
                    trigger=last.trigger if last else None,
                    deadline=date.fromordinal(deadline) if deadline is not None else None,
                    pam=pam_points(
                        p.state,
                        modality=spec.modality,
                        fulfilment_test=spec.fulfilled_when is not None,
                        violation_test=spec.violated_when is not None,
                        progress=progress,
                    ),
                    progress=progress,
                    monitored=monitored,
                    transitions=tuple(p.transitions),
                )
            )
        # entries were recorded in causal order, day by day: a stable sort by date keeps it
        order = {"signature": 0, "entry-into-force": 1}
        timeline = sorted(
            enumerate(self.timeline), key=lambda x: (x[1].date, order.get(x[1].kind, 2), x[0])
        )
        return MonitorReport(
            agreement=self.agreement.id,
            as_of=self.as_of,
            n_events=len(self.table),
            signed=self.signed,
            in_force=self.in_force,
            provisions=tuple(statuses),
            firings=tuple(self.firings),
            timeline=tuple(entry for _, entry in timeline),
            pam=pam_aggregate([s.pam for s in statuses]),
        )

    def _current_progress(self, p: _Provision) -> float:
        if p.state == "fulfilled":
            return 1.0
        if p.state == "inactive" and self.signed is not None:
            if not p.spec.conditions:
                return 0.0
            window = self.signed.date.toordinal()
            values = [self._progress(c, self.as_of_day, window) for c in p.spec.conditions]
            return sum(values) / len(values)
        if p.state == "in-force" and p.spec.fulfilled_when is not None:
            assert p.first_active is not None
            return self._progress(p.spec.fulfilled_when, self.as_of_day, p.first_active)
        return 0.0


def _latest(results: list[_Result]) -> tuple[int | None, str | None]:
    dated = [r for r in results if r[1] is not None]
    if not dated:
        return None, None
    best = max(dated, key=lambda r: r[1] or 0)
    return best[1], best[2]


def _earliest(results: list[_Result]) -> tuple[int | None, str | None]:
    dated = [r for r in results if r[1] is not None]
    if not dated:
        return None, None
    best = min(dated, key=lambda r: r[1] or 0)
    return best[1], best[2]
