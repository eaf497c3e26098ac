"""The provision lifecycle: the documented table is the implemented one, and it is closed."""

from __future__ import annotations

import typing

import pytest

import accords.monitor.lifecycle as lifecycle
from accords.model.vocabulary import EffectAction
from accords.monitor import PROVISION_STATES, TRANSITIONS, next_state
from accords.monitor.lifecycle import ABSORBING_STATES, CAUSES, EFFECT_CAUSES


def documented_table() -> dict[tuple[str, str], str]:
    rows: dict[tuple[str, str], str] = {}
    for line in (lifecycle.__doc__ or "").splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] in PROVISION_STATES and parts[2] in PROVISION_STATES:
            rows[(parts[0], parts[1])] = parts[2]
    return rows


def test_docstring_table_is_the_transition_table() -> None:
    assert documented_table() == dict(TRANSITIONS)


def test_every_effect_action_of_the_model_is_a_cause() -> None:
    assert set(typing.get_args(EffectAction)) == set(EFFECT_CAUSES)
    assert set(EFFECT_CAUSES) <= set(CAUSES)


def test_table_is_closed_over_states_and_causes() -> None:
    for (state, cause), new in TRANSITIONS.items():
        assert state in PROVISION_STATES
        assert cause in CAUSES
        assert new in PROVISION_STATES
        assert new != state


@pytest.mark.parametrize("state", sorted(ABSORBING_STATES))
def test_absorbing_states_have_no_way_out(state: lifecycle.ProvisionState) -> None:
    assert all(next_state(state, cause) is None for cause in CAUSES)


def test_absorbing_states_are_voided_and_terminated() -> None:
    assert {"voided", "terminated"} == ABSORBING_STATES


def test_every_state_is_reachable_from_inactive() -> None:
    seen = {"inactive"}
    frontier = ["inactive"]
    while frontier:
        state = frontier.pop()
        for (source, _), target in TRANSITIONS.items():
            if source == state and target not in seen:
                seen.add(target)
                frontier.append(target)
    assert seen == set(PROVISION_STATES)


@pytest.mark.parametrize(
    ("state", "cause", "expected"),
    [
        ("inactive", "activation", "in-force"),
        ("inactive", "fulfilment", None),
        ("in-force", "deadline-missed", "violated"),
        ("in-force", "deadline-kept", "fulfilled"),
        ("inactive", "deadline-lapsed", "expired"),
        ("suspended", "resume", "in-force"),
        ("suspended", "violation", None),
        ("revoked", "reinstate", "in-force"),
        ("voided", "reinstate", None),
        ("fulfilled", "violation", "violated"),
        ("fulfilled", "revoke", "revoked"),
        ("violated", "fulfilment", None),
        ("expired", "activation", None),
    ],
    ids=lambda v: str(v),
)
def test_selected_transitions(state: str, cause: str, expected: str | None) -> None:
    assert next_state(state, cause) == expected  # type: ignore[arg-type]
