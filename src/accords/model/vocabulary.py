"""The closed vocabularies of the model: event types, provision states, effect actions,
certainty and the typed event attributes.

Every field that takes one of these words is typed with its ``Literal`` here, so that a corpus
or an event file naming an unknown one is rejected when it is read, with its file and line
(``agreements/moscow-package.yaml:37: unknown event type 'RETRET' (expected one of AGREE,
...)``), not when a mechanism is evaluated. The tuples (``EVENT_TYPES``, ``PROVISION_STATES``,
...) list the same words in their canonical order; an event's type code is its index in
:data:`EVENT_TYPES`.

Event types are the sixteen PLOVER categories (Halterman et al. 2023) then seven accords types
for what no PLOVER category covers. Provision states are the lifecycle of
:mod:`accords.monitor.lifecycle` (after the Symboleo contract language, Sharifi et al. 2020).

References
----------
Halterman, A., Bagozzi, B. E., Beger, A., Schrodt, P. A., Scarborough, G. I. (2023). PLOVER and
POLECAT: A new political event ontology and dataset. International Studies Association.

Sharifi, S., Parvizimosaed, A., Amyot, D., Logrippo, L., Mylopoulos, J. (2020). Symboleo: Towards
a specification language for legal contracts. RE'20, 364-369.

Examples
--------
>>> EVENT_TYPES[:3], EVENT_TYPES[-1]
(('AGREE', 'CONSULT', 'SUPPORT'), 'LEAK')
>>> "voided" in PROVISION_STATES, "revoke" in EFFECT_ACTIONS
(True, True)
>>> attribute_type_error("personnel", "many")
"attribute 'personnel' must be int; got str 'many'"
"""

from __future__ import annotations

from typing import Final, Literal, get_args

__all__ = [
    "ACCORDS_EVENT_TYPES",
    "ATTRIBUTE_TYPES",
    "CERTAINTIES",
    "CERTAINTY_RANK",
    "EFFECT_ACTIONS",
    "EVENT_TYPES",
    "PLOVER_EVENT_TYPES",
    "PROVISION_STATES",
    "VOCABULARY_NOUNS",
    "AccordsEventType",
    "AttributeValue",
    "Certainty",
    "EffectAction",
    "EventType",
    "PloverEventType",
    "ProvisionState",
    "attribute_type_error",
]

PloverEventType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]
AccordsEventType = Literal[
    "SIGN",
    "ENTER_INTO_FORCE",
    "ELECTION",
    "PERSONNEL_REPORT",
    "EXCHANGE",
    "POWER_SPLIT",
    "LEAK",
]
#: PLOVER (POLECAT) categories, then accords types where no PLOVER category fits.
EventType = Literal[PloverEventType, AccordsEventType]

#: The sixteen PLOVER event categories, in PLOVER's order (cooperation to conflict).
PLOVER_EVENT_TYPES: Final[tuple[str, ...]] = get_args(PloverEventType)
#: Event types of accords for what PLOVER does not cover.
ACCORDS_EVENT_TYPES: Final[tuple[str, ...]] = get_args(AccordsEventType)
#: Every event type; an event's type code is its index here.
EVENT_TYPES: Final[tuple[str, ...]] = PLOVER_EVENT_TYPES + ACCORDS_EVENT_TYPES

ProvisionState = Literal[
    "inactive",
    "in-force",
    "suspended",
    "fulfilled",
    "violated",
    "expired",
    "voided",
    "revoked",
    "terminated",
]
#: Every provision state, in lifecycle order.
PROVISION_STATES: Final[tuple[ProvisionState, ...]] = get_args(ProvisionState)

EffectAction = Literal[
    "activate", "suspend", "resume", "void", "revoke", "reinstate", "violate", "fulfil", "terminate"
]
#: What a trigger's effect can do to a provision (each is a cause of the lifecycle).
EFFECT_ACTIONS: Final[tuple[EffectAction, ...]] = get_args(EffectAction)

Certainty = Literal["claimed", "confirmed", "disputed"]
#: Every certainty of an event report.
CERTAINTIES: Final[tuple[Certainty, ...]] = get_args(Certainty)
#: Order of certainty: a pattern's ``min_certainty`` admits events ranked at least as high.
CERTAINTY_RANK: Final[dict[str, int]] = {"disputed": 0, "claimed": 1, "confirmed": 2}

#: A typed attribute value: text, a truth value, an integer or a real number.
AttributeValue = str | bool | int | float

#: The type of the attributes accords knows; other names take any :data:`AttributeValue`.
ATTRIBUTE_TYPES: Final[dict[str, tuple[type, ...]]] = {
    "agreement": (str,),
    "personnel": (int,),
    "justified": (bool,),
    "target_city": (str,),
    "dead": (int,),
    "injured": (int,),
    "prisoners": (int,),
    "bodies": (int,),
    "civilians": (int,),
    "remaining": (int,),
    "all_for_all": (bool,),
    "share": (int, float),
    "amount": (int, float),
    "currency": (str,),
    "turnout": (int, float),
}

#: What each vocabulary is called in messages, by the ``Literal`` that types it.
VOCABULARY_NOUNS: Final[dict[tuple[str, ...], str]] = {
    EVENT_TYPES: "event type",
    tuple(PROVISION_STATES): "provision state",
    tuple(EFFECT_ACTIONS): "effect action",
    tuple(CERTAINTIES): "certainty",
}


def attribute_type_error(name: str, value: AttributeValue) -> str | None:
    """Why ``value`` cannot be attribute ``name`` (see :data:`ATTRIBUTE_TYPES`), or None.

    A truth value is not a number here, although Python's ``bool`` is an ``int``.

    Examples
    --------
    >>> attribute_type_error("share", 0.5) is None, attribute_type_error("unknown", "x") is None
    (True, True)
    >>> attribute_type_error("share", True)
    "attribute 'share' must be int or float; got bool True"
    """
    expected = ATTRIBUTE_TYPES.get(name)
    if expected is None:
        return None
    if isinstance(value, expected) and not (isinstance(value, bool) and bool not in expected):
        return None
    names = " or ".join(t.__name__ for t in expected)
    return f"attribute {name!r} must be {names}; got {type(value).__name__} {value!r}"
