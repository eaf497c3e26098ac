"""The lifecycle of a provision: its states and the only transitions between them.

Modelled on the obligation and power lifecycles of the Symboleo contract-specification language
(Sharifi et al. 2020): a provision is created *inactive*, comes *in force* when the agreement is
in force and its conditions hold, may be *suspended* and resumed, and ends *fulfilled*,
*violated*, *expired*, *voided* or *terminated*; a *revoked* provision (a benefit withdrawn) can
be *reinstated*. Causes are of three kinds: the evaluation of the provision's own data
(``activation``, ``fulfilment``, ...), its deadline, and the effects of the agreement's
triggers (``suspend``, ``void``, ``revoke``, ...; the names of
:data:`accords.model.vocabulary.EffectAction`).

The transition table is the whole truth: :func:`next_state` returns a new state only for a
``(state, cause)`` pair listed here and None otherwise, so an illegal transition cannot happen.
A test checks that this table and :data:`TRANSITIONS` agree.

=========== ===================== ===========
from        cause                 to
=========== ===================== ===========
inactive    activation            in-force
inactive    activate              in-force
inactive    deadline-lapsed       expired
inactive    void                  voided
inactive    revoke                revoked
inactive    terminate             terminated
in-force    conditions-lapsed     suspended
in-force    suspend               suspended
in-force    fulfilment            fulfilled
in-force    fulfil                fulfilled
in-force    deadline-kept         fulfilled
in-force    violation             violated
in-force    violate               violated
in-force    deadline-missed       violated
in-force    deadline-lapsed       expired
in-force    void                  voided
in-force    revoke                revoked
in-force    terminate             terminated
suspended   conditions-restored   in-force
suspended   resume                in-force
suspended   fulfil                fulfilled
suspended   violate               violated
suspended   deadline-lapsed       expired
suspended   void                  voided
suspended   revoke                revoked
suspended   terminate             terminated
revoked     reinstate             in-force
revoked     void                  voided
revoked     terminate             terminated
fulfilled   violation             violated
fulfilled   revoke                revoked
fulfilled   void                  voided
fulfilled   terminate             terminated
violated    void                  voided
violated    terminate             terminated
expired     void                  voided
expired     terminate             terminated
=========== ===================== ===========

``voided`` and ``terminated`` are absorbing: nothing leaves them. A fulfilled provision can
still be violated when it says what breaks it (``violated_when``): a standing obligation such as
a cap on armed forces is fulfilled by a report under the cap and violated by a later one over
it; a one-off obligation (elections held) has no ``violated_when`` and stays fulfilled.

A deadline produces one of three causes, chosen by the engine from the provision:
``deadline-missed`` for an obligation with ``fulfilled_when`` still unfulfilled,
``deadline-kept`` for a prohibition in force to its end, ``deadline-lapsed`` otherwise
(including a provision that never came into force).

References
----------
Sharifi, S., Parvizimosaed, A., Amyot, D., Logrippo, L., Mylopoulos, J. (2020). Symboleo: Towards
a specification language for legal contracts. IEEE 28th International Requirements Engineering
Conference (RE'20), 364-369.

Examples
--------
>>> next_state("inactive", "activation")
'in-force'
>>> next_state("voided", "reinstate") is None
True
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final, Literal, get_args

from accords.model.vocabulary import PROVISION_STATES, EffectAction, ProvisionState

__all__ = [
    "ABSORBING_STATES",
    "CAUSES",
    "EFFECT_CAUSES",
    "PROVISION_STATES",
    "TRANSITIONS",
    "Cause",
    "ProvisionState",
    "next_state",
]

Cause = Literal[
    # the provision's own data, evaluated by the engine
    "activation",
    "conditions-lapsed",
    "conditions-restored",
    "fulfilment",
    "violation",
    # its deadline
    "deadline-missed",
    "deadline-kept",
    "deadline-lapsed",
    # effects of triggers
    EffectAction,
]
CAUSES: Final[tuple[Cause, ...]] = get_args(Cause)
#: Causes that are trigger effects (named as :data:`~accords.model.vocabulary.EffectAction`).
EFFECT_CAUSES: Final[frozenset[Cause]] = frozenset(get_args(EffectAction))

_TABLE: dict[tuple[ProvisionState, Cause], ProvisionState] = {
    ("inactive", "activation"): "in-force",
    ("inactive", "activate"): "in-force",
    ("inactive", "deadline-lapsed"): "expired",
    ("inactive", "void"): "voided",
    ("inactive", "revoke"): "revoked",
    ("inactive", "terminate"): "terminated",
    ("in-force", "conditions-lapsed"): "suspended",
    ("in-force", "suspend"): "suspended",
    ("in-force", "fulfilment"): "fulfilled",
    ("in-force", "fulfil"): "fulfilled",
    ("in-force", "deadline-kept"): "fulfilled",
    ("in-force", "violation"): "violated",
    ("in-force", "violate"): "violated",
    ("in-force", "deadline-missed"): "violated",
    ("in-force", "deadline-lapsed"): "expired",
    ("in-force", "void"): "voided",
    ("in-force", "revoke"): "revoked",
    ("in-force", "terminate"): "terminated",
    ("suspended", "conditions-restored"): "in-force",
    ("suspended", "resume"): "in-force",
    ("suspended", "fulfil"): "fulfilled",
    ("suspended", "violate"): "violated",
    ("suspended", "deadline-lapsed"): "expired",
    ("suspended", "void"): "voided",
    ("suspended", "revoke"): "revoked",
    ("suspended", "terminate"): "terminated",
    ("revoked", "reinstate"): "in-force",
    ("revoked", "void"): "voided",
    ("revoked", "terminate"): "terminated",
    ("fulfilled", "violation"): "violated",
    ("fulfilled", "revoke"): "revoked",
    ("fulfilled", "void"): "voided",
    ("fulfilled", "terminate"): "terminated",
    ("violated", "void"): "voided",
    ("violated", "terminate"): "terminated",
    ("expired", "void"): "voided",
    ("expired", "terminate"): "terminated",
}

#: ``(state, cause) -> new state``; a pair that is not here is not a transition.
TRANSITIONS: Final[Mapping[tuple[ProvisionState, Cause], ProvisionState]] = MappingProxyType(_TABLE)

#: States nothing leaves.
ABSORBING_STATES: Final[frozenset[ProvisionState]] = frozenset(
    s for s in PROVISION_STATES if not any(k[0] == s for k in _TABLE)
)


def next_state(state: ProvisionState, cause: Cause) -> ProvisionState | None:
    """The state a provision moves to from ``state`` for ``cause``, or None if none.

    Examples
    --------
    >>> next_state("in-force", "violation")
    'violated'
    >>> next_state("fulfilled", "fulfilment") is None
    True
    """
    return _TABLE.get((state, cause))
