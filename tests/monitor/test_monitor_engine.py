"""Replay on the fictional Tarn Valley Accord: every expectation below is derived by hand.

Signature on 2031-03-10 (no separate entry into force, so in force the same day). Deadlines:
point 2, 90 days after signature = 2031-06-08; point 9, 30 days after entry into force =
2031-04-09; a deadline transition is dated the day after the deadline.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from accords.exceptions import ModelSpecificationError, UnknownProvisionError
from accords.model import (
    Agreement,
    Condition,
    Deadline,
    Effect,
    EventPattern,
    Evidence,
    Provision,
    ProvisionStateTest,
    Trigger,
)
from accords.model.corpus import Corpus
from accords.monitor import Event, EventTable, check_agreement, replay
from accords.monitor.engine import required_attributes

EvF = Any  # the ev fixture


def kept(ev: EvF) -> list[Event]:
    return [
        ev("s", "2031-03-10", "SIGN", "norland", "sudria", agreement="tarn-valley-accord"),
        ev("w1", "2031-03-12", "RETREAT", "norland", mode="withdraw"),
        ev("w2", "2031-03-15", "RETREAT", "sudria", mode="withdraw"),
        ev("ex", "2031-03-30", "EXCHANGE", "norland", "sudria", remaining=0, prisoners=812),
        ev("c1", "2031-04-01", "CONSULT", "norland", to=("sudria",)),
        ev("l1", "2031-04-05", "CONCEDE", "westmark", mode="lift-sanctions"),
        ev("pr", "2031-04-10", "PERSONNEL_REPORT", "sudria", personnel=38000),
        ev("c2", "2031-04-15", "CONSULT", "sudria"),
        ev("ps", "2031-04-20", "POWER_SPLIT", "norland", sudria_share=50),
        ev("c3", "2031-05-01", "CONSULT", "norland", "sudria"),
        ev("el", "2031-05-20", "ELECTION", "sudria"),
        ev("l2", "2031-06-01", "CONCEDE", "aldmark", mode="lift-sanctions"),
    ]


def breaches(ev: EvF) -> list[Event]:
    vel = {"admin1": "XN-VEL", "name": "Vel"}
    return [
        ev("s", "2031-03-10", "SIGN", "norland", "sudria", agreement="tarn-valley-accord"),
        ev("w1", "2031-03-12", "RETREAT", "norland", mode="withdraw"),
        ev("w2", "2031-03-15", "RETREAT", "sudria", mode="withdraw"),
        ev("pr1", "2031-04-01", "PERSONNEL_REPORT", "sudria", personnel=39000),
        ev("pr2", "2031-05-01", "PERSONNEL_REPORT", "sudria", personnel=45000),
        ev("a1", "2031-06-01", "ASSAULT", "sudria", mode="aerial", at=vel, justified=True),
        ev("a2", "2031-06-10", "ASSAULT", "sudria", mode="missile", at=vel, justified=False,
           certainty="disputed"),
        ev("a3", "2031-06-20", "ASSAULT", "sudria", mode="missile", at=vel, justified=False),
        ev("inv", "2031-07-01", "ASSAULT", "norland", mode="invasion", to=("sudria",)),
    ]  # fmt: skip


# label: (state, since, cause, event, trigger)
KEPT = {
    "1": ("in-force", "2031-03-15", "activation", "w2", None),
    "2": ("fulfilled", "2031-05-20", "fulfilment", "el", None),
    "3": ("fulfilled", "2031-04-10", "fulfilment", "pr", None),
    "4": ("in-force", "2031-03-10", "activation", "s", None),
    "4.a": ("in-force", "2031-03-10", "activation", "s", None),
    "4.b": ("in-force", "2031-03-10", "activation", "s", None),
    "5": ("fulfilled", "2031-06-01", "fulfilment", "l2", None),
    "6": ("fulfilled", "2031-05-01", "fulfilment", "c3", None),
    "7": ("in-force", "2031-03-10", "activation", "s", None),
    "8": ("fulfilled", "2031-04-20", "fulfilment", "ps", None),
    "9": ("fulfilled", "2031-03-30", "fulfilment", "ex", None),
    "10": ("in-force", "2031-03-10", "activation", "s", None),
    "11": ("in-force", "2031-03-10", "activation", "s", None),
}
BREACHES = {
    "1": ("violated", "2031-06-01", "violation", "a1", None),
    "2": ("violated", "2031-06-09", "deadline-missed", None, None),
    "3": ("violated", "2031-05-01", "violation", "pr2", None),
    "4": ("voided", "2031-06-20", "void", "a3", "strike-on-vel"),
    "4.a": ("in-force", "2031-03-10", "activation", "s", None),
    "4.b": ("in-force", "2031-03-10", "activation", "s", None),
    "5": ("revoked", "2031-07-01", "revoke", "inv", "norland-invades"),
    "6": ("suspended", "2031-06-01", "conditions-lapsed", "a1", None),
    "7": ("violated", "2031-07-01", "violation", "inv", None),
    "8": ("in-force", "2031-03-10", "activation", "s", None),
    "9": ("violated", "2031-04-10", "deadline-missed", None, None),
    "10": ("in-force", "2031-03-10", "activation", "s", None),
    "11": ("suspended", "2031-06-01", "conditions-lapsed", "a1", None),
}


@pytest.mark.parametrize(
    ("events", "as_of", "expected"),
    [(kept, "2031-07-01", KEPT), (breaches, "2031-07-15", BREACHES)],
    ids=["kept", "breaches"],
)
def test_tarn_scenarios(
    tarn: Agreement, tarn_corpus: Corpus, ev: EvF, events: Any, as_of: str, expected: Any
) -> None:
    report = replay(tarn, events(ev), as_of=date.fromisoformat(as_of), corpus=tarn_corpus)
    got = {
        p.label: (p.state, p.since.isoformat() if p.since else None, p.cause, p.event, p.trigger)
        for p in report.provisions
    }
    assert got == expected
    assert report.signed is not None
    assert report.signed.event == "s"
    assert report.in_force is not None
    assert report.in_force.by == "signature"


def test_kept_pam_score(tarn: Agreement, tarn_corpus: Corpus, ev: EvF) -> None:
    report = replay(tarn, kept(ev), as_of=date(2031, 7, 1), corpus=tarn_corpus)
    # 11 provisions at level 3; 4 and 10 are obligations with no test: level 1.
    assert [p.pam for p in report.provisions if p.pam != 3] == [1, 1]
    assert report.pam.points == 35
    assert report.pam.max_points == 39
    assert report.pam.score == pytest.approx(35 / 39 * 100)


def test_breaches_triggers_and_ignored_effect(
    tarn: Agreement, tarn_corpus: Corpus, ev: EvF
) -> None:
    report = replay(tarn, breaches(ev), as_of=date(2031, 7, 15), corpus=tarn_corpus)
    fired = [(f.trigger, f.date.isoformat(), f.event) for f in report.firings]
    assert fired == [
        ("strike-on-vel", "2031-06-20", "a3"),
        ("norland-invades", "2031-07-01", "inv"),
        ("breach-voids-guarantee", "2031-07-01", "inv"),
    ]
    last = report.firings[-1].effects[0]
    assert (last.action, last.provision, last.applied, last.from_state) == (
        "void",
        "4",
        False,
        "voided",
    )
    ignored = [e for e in report.timeline if e.kind == "ignored-effect"]
    assert [(e.provision, e.trigger) for e in ignored] == [("4", "breach-voids-guarantee")]
    # point 3: fulfilled by the first report, then broken by the second
    three = report.provision("3")
    assert [(t.from_state, t.to_state) for t in three.transitions] == [
        ("inactive", "in-force"),
        ("in-force", "fulfilled"),
        ("fulfilled", "violated"),
    ]


def test_disputed_strike_alone_triggers_nothing(
    tarn: Agreement, tarn_corpus: Corpus, ev: EvF
) -> None:
    report = replay(tarn, breaches(ev), as_of=date(2031, 6, 15), corpus=tarn_corpus)
    assert report.provision("4").state == "in-force"
    assert report.firings == ()


def test_timeline_is_dated_and_ordered(tarn: Agreement, tarn_corpus: Corpus, ev: EvF) -> None:
    report = replay(tarn, kept(ev), as_of=date(2031, 7, 1), corpus=tarn_corpus)
    dates = [e.date for e in report.timeline]
    assert dates == sorted(dates)
    assert [e.kind for e in report.timeline[:2]] == ["signature", "entry-into-force"]
    transitions = [e for e in report.timeline if e.kind == "transition"]
    assert len(transitions) == sum(len(p.transitions) for p in report.provisions)


def test_as_of_ignores_later_events(tarn: Agreement, tarn_corpus: Corpus, ev: EvF) -> None:
    report = replay(tarn, kept(ev), as_of=date(2031, 3, 14), corpus=tarn_corpus)
    assert report.n_events == 2
    assert report.provision("1").state == "inactive"
    assert report.provision("1").progress == 0.5  # one of the two withdrawals
    assert report.provision("1").pam == 1
    assert report.provision("2").deadline == date(2031, 6, 8)


def test_default_as_of_is_the_latest_event(tarn: Agreement, ev: EvF) -> None:
    assert replay(tarn, kept(ev)).as_of == date(2031, 6, 1)


def test_same_result_whatever_the_order_of_events(
    tarn: Agreement, tarn_corpus: Corpus, ev: EvF
) -> None:
    events = breaches(ev)
    first = replay(tarn, events, as_of=date(2031, 7, 15), corpus=tarn_corpus)
    shuffled = list(events)
    random.Random(3).shuffle(shuffled)
    again = replay(tarn, shuffled, as_of=date(2031, 7, 15), corpus=tarn_corpus)
    assert again == first
    table = replay(tarn, EventTable.from_events(events), as_of=date(2031, 7, 15),
                   corpus=tarn_corpus)  # fmt: skip
    assert table == first


def test_group_members_need_the_corpus(tarn: Agreement, ev: EvF) -> None:
    # without membership, lifts by aldmark and westmark are not lifts by the coalition
    report = replay(tarn, kept(ev), as_of=date(2031, 7, 1))
    assert report.provision("5").state == "in-force"


def test_unsigned_agreement_stays_inactive(tarn: Agreement, ev: EvF) -> None:
    events = [ev("w1", "2031-03-12", "RETREAT", "norland", mode="withdraw")]
    report = replay(tarn, events, as_of=date(2031, 12, 31))
    assert report.signed is None
    assert report.in_force is None
    assert set(report.states.values()) == {"inactive"}
    assert report.pam.score == 0.0
    assert report.timeline == ()


def test_signature_of_another_agreement_does_not_count(tarn: Agreement, ev: EvF) -> None:
    events = [ev("s", "2031-03-10", "SIGN", "norland", agreement="another-accord")]
    assert replay(tarn, events).signed is None


def test_unknown_provision_in_report(tarn: Agreement, ev: EvF) -> None:
    report = replay(tarn, kept(ev))
    with pytest.raises(UnknownProvisionError, match="unknown provision 'tarn-valley-accord:99'"):
        report.provision("99")


def test_required_attributes(tarn: Agreement) -> None:
    assert required_attributes(tarn) == {
        "agreement",
        "personnel",
        "justified",
        "sudria_share",
        "remaining",
    }


# -- small agreements built in Python, one mechanism each -----------------------------------

EVIDENCE = (Evidence(source="s", quote="q"),)


def provision(label: str, **fields: Any) -> Provision:
    fields.setdefault("modality", "obligation")
    return Provision(label=label, text=f"Provision {label}.", evidence=EVIDENCE, **fields)


def plan(*provisions: Provision) -> Agreement:
    return Agreement(
        id="plan",
        title="Plan",
        proposers=("a",),
        status="signed",
        sources=("s",),
        provisions=provisions,
    )


def on(kind: str, **fields: Any) -> Condition:
    return Condition(event=EventPattern(type=kind, **fields))


def trigger(tid: str, condition: Condition, *effects: tuple[str, tuple[str, ...]]) -> Trigger:
    return Trigger(
        id=tid,
        description=tid,
        condition=condition,
        effects=tuple(Effect(action=a, provisions=p) for a, p in effects),  # type: ignore[arg-type]
    )


def sign(ev: EvF, day: str = "2030-01-01") -> Event:
    return ev("sign", day, "SIGN", "a", agreement="plan")


def states(agreement: Agreement, events: list[Event], as_of: str) -> dict[str, Any]:
    report = replay(agreement, events, as_of=date.fromisoformat(as_of))
    return {p.label: (p.state, p.since.isoformat() if p.since else None) for p in report.provisions}


def test_entry_into_force_after_signature(ev: EvF) -> None:
    agreement = plan(provision("1", deadline=Deadline(days=10, after="entry-into-force")))
    events = [sign(ev), ev("eif", "2030-02-01", "ENTER_INTO_FORCE", "a", agreement="plan")]
    report = replay(agreement, events, as_of=date(2030, 1, 20))
    assert report.signed is not None
    assert report.in_force is None  # not yet in force
    assert report.provision("1").state == "inactive"
    report = replay(agreement, events, as_of=date(2030, 3, 1))
    assert report.in_force is not None
    assert report.in_force.date == date(2030, 2, 1)
    # entry into force 1 Feb, deadline 11 Feb passed with nothing to check: expired on 12 Feb
    assert states(agreement, events, "2030-03-01") == {"1": ("expired", "2030-02-12")}
    assert report.provision("1").transitions[0].event == "eif"


@pytest.mark.parametrize(
    ("deadline", "events", "expected"),
    [
        (Deadline(date=date(2030, 3, 1)), [], ("expired", "2030-03-02")),
        (Deadline(days=0, after="signature"), [], ("expired", "2030-01-02")),
        (Deadline(days=5, after="provision-in-force", provision="2"),
         [("w", "2030-01-10", "RETREAT")], ("expired", "2030-01-16")),
        (Deadline(days=3, after="event", event=EventPattern(type="AGREE")),
         [("g", "2030-01-20", "AGREE")], ("expired", "2030-01-24")),
        (Deadline(days=3, after="event", event=EventPattern(type="AGREE")), [],
         ("in-force", "2030-01-01")),
    ],
    ids=["absolute", "zero-days", "provision-in-force", "after-event", "event-never-happens"],
)  # fmt: skip
def test_deadline_anchors(ev: EvF, deadline: Deadline, events: Any, expected: Any) -> None:
    agreement = plan(
        provision("1", modality="permission", deadline=deadline),
        provision("2", conditions=(on("RETREAT"),)),
    )
    evs = [sign(ev), *(ev(i, d, k, "a") for i, d, k in events)]
    assert states(agreement, evs, "2030-06-01")["1"] == expected


@pytest.mark.parametrize(
    ("modality", "fulfil", "events", "expected"),
    [
        ("obligation", True, [], ("violated", "2030-01-12")),
        ("obligation", True, [("e", "2030-01-11", "ELECTION")], ("fulfilled", "2030-01-11")),
        ("obligation", True, [("e", "2030-01-12", "ELECTION")], ("violated", "2030-01-12")),
        ("obligation", False, [], ("expired", "2030-01-12")),
        ("prohibition", False, [], ("fulfilled", "2030-01-12")),
        ("power", False, [], ("expired", "2030-01-12")),
    ],
    ids=["obligation-missed", "on-the-deadline-day", "day-after", "nothing-to-check",
         "prohibition-kept", "power-not-used"],
)  # fmt: skip
def test_deadline_outcomes(
    ev: EvF, modality: str, fulfil: bool, events: Any, expected: Any
) -> None:
    agreement = plan(
        provision(
            "1",
            modality=modality,
            deadline=Deadline(days=10, after="signature"),
            fulfilled_when=on("ELECTION") if fulfil else None,
        )
    )
    evs = [sign(ev), *(ev(i, d, k, "a") for i, d, k in events)]
    assert states(agreement, evs, "2030-06-01")["1"] == expected


def test_effects_suspend_resume_revoke_reinstate_terminate(ev: EvF) -> None:
    agreement = plan(
        provision("1"),
        provision(
            "2",
            modality="power",
            triggers=(
                trigger("t-suspend", on("COERCE"), ("suspend", ("1",))),
                trigger("t-resume", on("CONCEDE"), ("resume", ("1",))),
                trigger("t-revoke", on("SANCTION"), ("revoke", ("1",))),
                trigger("t-reinstate", on("AID"), ("reinstate", ("1",))),
                trigger("t-end", on("REJECT"), ("terminate", ("1", "2"))),
            ),
        ),
    )
    steps = [
        ("2030-02-01", "COERCE", ("suspended", "2030-02-01")),
        ("2030-02-02", "CONCEDE", ("in-force", "2030-02-02")),
        ("2030-02-03", "SANCTION", ("revoked", "2030-02-03")),
        ("2030-02-04", "AID", ("in-force", "2030-02-04")),
        ("2030-02-05", "REJECT", ("terminated", "2030-02-05")),
    ]
    events = [sign(ev)]
    for i, (day, kind, expected) in enumerate(steps):
        events.append(ev(f"e{i}", day, kind, "a"))
        got = states(agreement, events, day)
        assert got["1"] == expected, kind
    assert got["2"] == ("terminated", "2030-02-05")


def test_activate_fulfil_violate_effects(ev: EvF) -> None:
    agreement = plan(
        provision("1", conditions=(on("RETREAT"),)),
        provision("2"),
        provision("3"),
        provision(
            "4",
            modality="declaration",
            triggers=(
                trigger("go", on("AGREE"), ("activate", ("1",)), ("fulfil", ("2",))),
                trigger("break", on("ACCUSE"), ("violate", ("3",))),
            ),
        ),
    )
    events = [sign(ev), ev("g", "2030-01-05", "AGREE", "a"), ev("x", "2030-01-06", "ACCUSE", "a")]
    assert states(agreement, events, "2030-02-01") == {
        "1": ("in-force", "2030-01-05"),
        "2": ("fulfilled", "2030-01-05"),
        "3": ("violated", "2030-01-06"),
        "4": ("in-force", "2030-01-01"),
    }


def test_at_least_counts_from_the_window(ev: EvF) -> None:
    agreement = plan(provision("1", fulfilled_when=on("CONSULT", at_least=2)))
    events = [
        ev("c0", "2029-12-01", "CONSULT", "a"),  # before signature: does not count
        sign(ev),
        ev("c1", "2030-01-03", "CONSULT", "a"),
        ev("c2", "2030-01-07", "CONSULT", "a"),
    ]
    report = replay(agreement, events, as_of=date(2030, 1, 5))
    assert report.provision("1").state == "in-force"
    assert report.provision("1").progress == 0.5
    assert report.provision("1").pam == 2
    assert states(agreement, events, "2030-01-31")["1"] == ("fulfilled", "2030-01-07")


def test_trigger_fires_on_each_rising_edge(ev: EvF) -> None:
    # "while no AID" is true at signature, false after the first AID and never true again
    agreement = plan(
        provision("1"),
        provision(
            "2",
            modality="declaration",
            triggers=(trigger("flip", Condition(none_of=(on("AID"),)), ("suspend", ("1",))),),
        ),
    )
    report = replay(agreement, [sign(ev), ev("x", "2030-01-05", "AID", "a")],
                    as_of=date(2030, 2, 1))  # fmt: skip
    assert [(f.trigger, f.date.isoformat()) for f in report.firings] == [("flip", "2030-01-01")]


def test_conditions_that_never_settle_are_an_error(ev: EvF) -> None:
    # 1 holds while 2 is in force; 2 holds while 1 is not: each flip undoes the other
    agreement = plan(
        provision(
            "1",
            conditions=(Condition(provision=ProvisionStateTest(label="2", states=("in-force",))),),
        ),
        provision(
            "2",
            conditions=(
                Condition(
                    provision=ProvisionStateTest(label="1", states=("inactive", "suspended"))
                ),
            ),
        ),
    )
    with pytest.raises(ModelSpecificationError, match="keep changing states on 2030-01-01"):
        replay(agreement, [sign(ev)], as_of=date(2030, 1, 2))


def test_trigger_edges_are_seen_between_passes(ev: EvF) -> None:
    # a trigger that suspends its own provision and one that resumes it settle: each sees its
    # condition become true once (the second pass sees the provision back in force)
    agreement = plan(
        provision(
            "1",
            modality="declaration",
            triggers=(
                trigger(
                    "off",
                    Condition(provision=ProvisionStateTest(label="1", states=("in-force",))),
                    ("suspend", ()),
                ),
                trigger(
                    "on",
                    Condition(provision=ProvisionStateTest(label="1", states=("suspended",))),
                    ("resume", ()),
                ),
            ),
        )
    )
    report = replay(agreement, [sign(ev)], as_of=date(2030, 1, 2))
    assert [f.trigger for f in report.firings] == ["off", "on"]
    assert report.provision("1").state == "in-force"


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (lambda: provision("1", conditions=(Condition(provision=ProvisionStateTest(
            label="9", states=("in-force",))),)), "unknown provision '9'"),
        (lambda: provision("1", triggers=(trigger("t", on("AID"), ("void", ("9",))),)),
         "effect names unknown provision '9'"),
        (lambda: provision("1", deadline=Deadline(days=1, after="provision-in-force",
                                                  provision="9")),
         "deadline: unknown provision '9'"),
    ],
    ids=["state-test-label", "effect-label", "deadline-label"],
)  # fmt: skip
def test_unknown_references_are_reported(
    ev: EvF, bad: Callable[[], Provision], message: str
) -> None:
    agreement = plan(bad())
    assert any(message in problem for problem in check_agreement(agreement))
    with pytest.raises(ModelSpecificationError, match=message):
        replay(agreement, [sign(ev)])


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: on("ATTACK"), "Input should be 'AGREE'"),
        (lambda: ProvisionStateTest(label="1", states=("active",)), "Input should be 'inactive'"),
        (lambda: Effect(action="cancel"), "Input should be 'activate'"),
    ],
    ids=["event-type", "state-name", "effect-action"],
)
def test_unknown_words_cannot_be_built(build: Callable[[], object], message: str) -> None:
    # the vocabularies type the model: the corpus reader reports these with file and line
    with pytest.raises(ValidationError, match=message):
        build()
