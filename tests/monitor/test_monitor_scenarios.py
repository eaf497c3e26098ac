"""The example scenarios (examples/*.yaml) replayed against the embedded 28-point plan.

Expected states are derived by hand from the plan's encoding and the scenario text. All four
scenarios are signed on 2026-01-15 (no separate entry into force), so every provision without
a condition comes in force that day, caused by the signature; the election deadline of point
25 is 15 January + 100 days = 25 April 2026, and it is missed on 26 April.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from accords import load_corpus
from accords.monitor import read_scenario, replay

SIGNED = "2026-01-15"

KEPT_CEASEFIRE: dict[str, Any] = {
    "28": ("in-force", "2026-01-25", "activation", "kc-withdraw-ua", None),
    "25": ("fulfilled", "2026-04-20", "fulfilment", "kc-election", None),
    "6": ("fulfilled", "2026-03-15", "fulfilment", "kc-personnel", None),
    "24.a": ("fulfilled", "2026-02-10", "fulfilment", "kc-exchange", None),
    "19": ("fulfilled", "2026-03-01", "fulfilment", "kc-power-split", None),
    # Ukraine's withdrawal from Donetsk Oblast (UA-14) is what point 21.d asks
    "21.d": ("fulfilled", "2026-01-25", "fulfilment", "kc-withdraw-ua", None),
}
MOSCOW_STRIKE: dict[str, Any] = {
    "28": ("violated", "2026-03-02", "violation", "ms-moscow", None),
    "10": ("voided", "2026-03-02", "void", "ms-moscow", "missile-on-moscow"),
    "21.d": ("fulfilled", "2026-01-25", "fulfilment", "ms-withdraw-ua", None),
}
_INVASION = ("revoked", "2026-05-10", "revoke", "ri-invasion", "russia-invades-ukraine")
_SIGNED = ("in-force", "2026-01-15", "activation", "ri-sign", None)
RENEWED_INVASION: dict[str, Any] = {
    "25": ("fulfilled", "2026-04-10", "fulfilment", "ri-election", None),
    "28": ("violated", "2026-05-10", "violation", "ri-invasion", None),
    "22": ("violated", "2026-05-10", "violation", "ri-invasion", None),
    # 10.c revokes only what benefits Russia (the recognitions, sanctions relief, G8, the
    # US-Russian vehicle 14.d); Ukraine's reconstruction money (14.a-14.c), Russia's undertaking
    # not to enter the zone (21.d) and the guarantees (5, 10: point 22 voids them on a Ukrainian
    # breach only) stay.
    **dict.fromkeys(["13", "13.a", "13.b", "13.c", "14.d", "21.a", "21.b", "21.d.1"], _INVASION),
    "21.d": ("fulfilled", "2026-01-25", "fulfilment", "ri-withdraw-ua", None),
    **dict.fromkeys(["5", "10", "10.c", "14", "14.a", "14.b", "14.c"], _SIGNED),
}
ELECTIONS_MISSED: dict[str, Any] = {
    "25": ("violated", "2026-04-26", "deadline-missed", None, None),
    "28": ("in-force", "2026-01-25", "activation", "em-withdraw-ua", None),
}

SCENARIOS = {
    "kept-ceasefire": ("kc-sign", KEPT_CEASEFIRE, []),
    "moscow-strike": ("ms-sign", MOSCOW_STRIKE, [("missile-on-moscow", "2026-03-02")]),
    "renewed-invasion": (
        "ri-sign",
        RENEWED_INVASION,
        [("russia-invades-ukraine", "2026-05-10")],
    ),
    "elections-missed": ("em-sign", ELECTIONS_MISSED, []),
}


def replay_example(examples_dir: Path, name: str) -> Any:
    corpus = load_corpus()
    scenario = read_scenario(examples_dir / f"{name}.yaml")
    assert scenario.agreement == "us-28-point-plan"
    plan = corpus.agreement(scenario.agreement)
    return replay(plan, scenario.events, as_of=scenario.as_of, corpus=corpus)


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_example_scenario_states(examples_dir: Path, name: str) -> None:
    sign, special, fired = SCENARIOS[name]
    report = replay_example(examples_dir, name)
    default = ("in-force", SIGNED, "activation", sign, None)
    expected = {p.label: special.get(p.label, default) for p in report.provisions}
    got = {
        p.label: (p.state, p.since.isoformat() if p.since else None, p.cause, p.event, p.trigger)
        for p in report.provisions
    }
    assert got == expected
    assert [(f.trigger, f.date.isoformat()) for f in report.firings] == fired


def test_disputed_st_petersburg_claim_changes_nothing(examples_dir: Path) -> None:
    report = replay_example(examples_dir, "moscow-strike")
    ceasefire = report.provision("28")
    assert [(t.date.isoformat(), t.to_state) for t in ceasefire.transitions] == [
        ("2026-01-25", "in-force"),
        ("2026-03-02", "violated"),
    ]


def test_renewed_invasion_snap_back_details(examples_dir: Path) -> None:
    report = replay_example(examples_dir, "renewed-invasion")
    snap_back = report.firings[0]
    ignored = [(e.action, e.provision) for e in snap_back.effects if not e.applied]
    assert ignored == []
    # 21.d was fulfilled by Ukraine's withdrawal and is not revoked by the snap-back (Russia's
    # undertaking not to enter the zone is no benefit to Russia); its recognition clause is
    assert [t.to_state for t in report.provision("21.d").transitions] == ["in-force", "fulfilled"]
    assert [t.to_state for t in report.provision("21.d.1").transitions] == ["in-force", "revoked"]


def test_late_election_does_not_cure_the_missed_deadline(examples_dir: Path) -> None:
    report = replay_example(examples_dir, "elections-missed")
    elections = report.provision("25")
    assert elections.deadline is not None
    assert elections.deadline.isoformat() == "2026-04-25"
    assert elections.pam == 0
    assert [t.to_state for t in elections.transitions] == ["in-force", "violated"]
