"""The 28-point plan's own mechanisms, as encoded in the embedded corpus, one row each.

Every case starts from the same preamble: signed on 2026-01-15 (in force the same day),
Russian withdrawal on 01-20 and Ukrainian withdrawal on 01-25, so the ceasefire (28) is in
force from 01-25. Then the row's events, and the expected state of the named provisions as of
2026-06-30 (derived by hand from the text and its encoding).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from accords import load_corpus
from accords.monitor import Event, replay

MOSCOW = {"admin1": "RU-MOW", "name": "Moscow"}
PREAMBLE = [
    {"id": "sign", "date": "2026-01-15", "type": "SIGN", "actors": ["us", "russia", "ukraine"],
     "attributes": {"agreement": "us-28-point-plan"}, "certainty": "confirmed"},
    {"id": "w-ru", "date": "2026-01-20", "type": "RETREAT", "mode": "withdraw",
     "actors": ["russia"], "certainty": "confirmed"},
    {"id": "w-ua", "date": "2026-01-25", "type": "RETREAT", "mode": "withdraw",
     "actors": ["ukraine"], "certainty": "confirmed"},
]  # fmt: skip


def event(eid: str, day: str, kind: str, actor: str, **fields: Any) -> dict[str, Any]:
    return {"id": eid, "date": day, "type": kind, "actors": [actor], **fields}


def report(eid: str, day: str, personnel: int) -> dict[str, Any]:
    return event(eid, day, "PERSONNEL_REPORT", "ukraine", attributes={"personnel": personnel})


def strike(eid: str, *, certainty: str = "confirmed", **fields: Any) -> dict[str, Any]:
    base = event(eid, "2026-03-02", "ASSAULT", "ukraine", mode="missile", recipients=["russia"])
    base.update(location=MOSCOW, attributes={"justified": False}, certainty=certainty)
    if certainty == "disputed":
        base["disputed_by"] = ["Ukraine"]
    base.update(fields)
    return base


CASES: dict[str, tuple[list[dict[str, Any]], dict[str, Any]]] = {
    # point 6: the 600,000 cap
    "cap-kept": (
        [event("p", "2026-03-01", "PERSONNEL_REPORT", "ukraine", attributes={"personnel": 590000})],
        {"6": ("fulfilled", "p", None)},
    ),
    "cap-exactly-600000": (
        [event("p", "2026-03-01", "PERSONNEL_REPORT", "ukraine", attributes={"personnel": 600000})],
        {"6": ("fulfilled", "p", None)},
    ),
    "cap-exceeded": (
        [event("p", "2026-03-01", "PERSONNEL_REPORT", "ukraine", attributes={"personnel": 650000})],
        {"6": ("violated", "p", None)},
    ),
    "cap-kept-then-exceeded": (
        [report("p1", "2026-03-01", 590000), report("p2", "2026-05-01", 601000)],
        {"6": ("violated", "p2", None)},
    ),
    "russian-report-does-not-count": (
        [event("p", "2026-03-01", "PERSONNEL_REPORT", "russia", attributes={"personnel": 900000})],
        {"6": ("in-force", "sign", None)},
    ),
    # point 10: the US guarantee
    "ukraine-invades-russia": (
        [event("i", "2026-03-01", "ASSAULT", "ukraine", mode="invasion", recipients=["russia"],
               location={"admin1": "RU-KRS", "name": "Kursk Oblast"})],
        {"10": ("voided", "i", "ukraine-invades-russia"), "22": ("violated", "i", None),
         "28": ("violated", "i", None), "13.a": ("in-force", "sign", None)},
    ),
    "unprovoked-missile-on-moscow": (
        [strike("m")],
        {"10": ("voided", "m", "missile-on-moscow"), "28": ("violated", "m", None),
         "22": ("in-force", "sign", None)},
    ),
    "st-petersburg-by-name-only": (
        [strike("m", location={"name": "St Petersburg"})],
        {"10": ("voided", "m", "missile-on-moscow")},
    ),
    "justified-strike-keeps-the-guarantee": (
        [strike("m", attributes={"justified": True})],
        {"10": ("in-force", "sign", None), "28": ("violated", "m", None)},
    ),
    "strike-without-a-word-on-cause": (
        [strike("m", attributes={})],
        {"10": ("in-force", "sign", None)},
    ),
    "strike-elsewhere": (
        [strike("m", location={"admin1": "RU-BEL", "name": "Belgorod"})],
        {"10": ("in-force", "sign", None)},
    ),
    "claimed-strike-counts": (
        [strike("m", certainty="claimed")],
        {"10": ("voided", "m", "missile-on-moscow")},
    ),
    "disputed-strike-does-not": (
        [strike("m", certainty="disputed")],
        {"10": ("in-force", "sign", None), "28": ("in-force", "w-ua", None)},
    ),
    "russia-invades-ukraine": (
        [event("i", "2026-03-01", "ASSAULT", "russia", mode="invasion", recipients=["ukraine"])],
        {"13.a": ("revoked", "i", "russia-invades-ukraine"),
         "21.a": ("revoked", "i", "russia-invades-ukraine"),
         "21.b": ("revoked", "i", "russia-invades-ukraine"),
         "14.d": ("revoked", "i", "russia-invades-ukraine"),
         "21.d.1": ("revoked", "i", "russia-invades-ukraine"),
         "14.a": ("in-force", "sign", None),
         "21.d": ("in-force", "sign", None),
         "5": ("in-force", "sign", None),
         "10": ("in-force", "sign", None),
         "22": ("violated", "i", None)},
    ),
    # point 19: the power split
    "power-split-50-50": (
        [event("s", "2026-03-01", "POWER_SPLIT", "iaea", attributes={"ukraine_share": 50})],
        {"19": ("fulfilled", "s", None)},
    ),
    "power-split-60-40": (
        [event("s", "2026-03-01", "POWER_SPLIT", "iaea", attributes={"ukraine_share": 40})],
        {"19": ("violated", "s", None)},
    ),
    "power-split-kept-then-changed": (
        [event("s1", "2026-03-01", "POWER_SPLIT", "iaea", attributes={"ukraine_share": 50}),
         event("s2", "2026-04-01", "POWER_SPLIT", "iaea", attributes={"ukraine_share": 55})],
        {"19": ("violated", "s2", None)},
    ),
    # point 24.a: all for all
    "partial-exchange": (
        [event("x", "2026-02-01", "EXCHANGE", "russia", attributes={"remaining": 300})],
        {"24.a": ("in-force", "sign", None)},
    ),
    "all-for-all-exchange": (
        [event("x1", "2026-02-01", "EXCHANGE", "russia", attributes={"remaining": 300}),
         event("x2", "2026-03-01", "EXCHANGE", "ukraine", attributes={"remaining": 0})],
        {"24.a": ("fulfilled", "x2", None)},
    ),
    # point 25: elections in 100 days (deadline 2026-04-25)
    "elections-on-the-last-day": (
        [event("e", "2026-04-25", "ELECTION", "ukraine")],
        {"25": ("fulfilled", "e", None)},
    ),
    "elections-a-day-late": (
        [event("e", "2026-04-26", "ELECTION", "ukraine")],
        {"25": ("violated", None, None)},
    ),
    # point 8: no NATO troops in Ukraine (a member's troops count, the corpus notes why)
    "french-troops-in-ukraine": (
        [event("t", "2026-02-01", "MOBILIZE", "france", location={"country": "UA"})],
        {"8": ("violated", "t", None)},
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", list(CASES))
def test_plan_mechanism(case: str) -> None:
    extra, expected = CASES[case]
    corpus = load_corpus()
    plan = corpus.agreement("us-28-point-plan")
    events = [Event.model_validate(r) for r in (*PREAMBLE, *extra)]
    report = replay(plan, events, as_of=date(2026, 6, 30), corpus=corpus)
    got = {label: report.provision(label) for label in expected}
    assert {k: (p.state, p.event, p.trigger) for k, p in got.items()} == expected


def test_ceasefire_waits_for_both_withdrawals() -> None:
    corpus = load_corpus()
    plan = corpus.agreement("us-28-point-plan")
    events = [Event.model_validate(r) for r in PREAMBLE[:2]]
    ceasefire = replay(plan, events, as_of=date(2026, 6, 30), corpus=corpus).provision("28")
    assert (ceasefire.state, ceasefire.progress, ceasefire.pam) == ("inactive", 0.5, 1)
