"""A multilateral alternating-offers negotiation with time-dependent concession tactics.

The parties take turns proposing (the order is drawn from ``seed``); after each proposal the
others answer in turn, and the proposal is agreed when every other party accepts. A party's
*target* utility falls over the rounds by the time-dependent tactics of Faratin, Sierra &
Jennings (1998)::

    target(t) = u_max - F(t) * (u_max - u_min),   F(t) = k + (1 - k) * t ** (1 / beta)

with ``t`` the fraction of rounds gone, ``u_max`` the party's best utility in the acceptable
region (its best admissible package if the region is empty), ``u_min`` its reservation value and
``k`` the initial concession (0 by default). ``beta < 1`` is *Boulware* (holds firm until late),
``beta = 1`` *linear*, ``beta > 1`` *conceder* (gives ground early).

A proposer offers, from a pool of efficient packages, one whose utility to itself is at or just
above its target (within ``window``, chosen at random by ``seed`` among such packages, else the
one nearest above). A responder accepts an offer worth at least its own current target and its
reservation value (the acceptance condition *AC_next*). The pool is the Pareto frontier of the
admissible region (of a seeded random sample of it when too large to enumerate), so offers are
efficient: the parties know which packages are efficient, not each other's utilities. No
agreement by the deadline leaves every party at its reservation value. Same ``seed``, same run.

References
----------
Faratin, P., Sierra, C. & Jennings, N. R. (1998). Negotiation decision functions for autonomous
agents. Robotics and Autonomous Systems, 24(3-4), 159-182.
Aydogan, R., Festen, D., Hindriks, K. V. & Jonker, C. M. (2017). Alternating offers protocols for
multilateral negotiation. In Modern Approaches to Agent-based Complex Automated Negotiation,
Springer, 153-167.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, cast

import numpy as np

from accords.bargaining.pareto import FrontierTooLargeError, pareto_frontier, pareto_indices
from accords.bargaining.search import why_infeasible
from accords.bargaining.space import IndexArray, OutcomeSpace
from accords.bargaining.utilities import FloatArray, Utilities, admissible_options, evaluate
from accords.exceptions import ModelSpecificationError
from accords.random import Seed, as_generator

__all__ = [
    "TACTICS",
    "NegotiationResult",
    "Offer",
    "Tactic",
    "concession_target",
    "parse_tactic",
    "simulate_negotiation",
]

Tactic = Literal["boulware", "linear", "conceder"]

#: The ``beta`` of each named tactic.
TACTICS: dict[str, float] = {"boulware": 0.2, "linear": 1.0, "conceder": 5.0}


def concession_target(
    t: float, *, beta: float, u_max: float, u_min: float, k: float = 0.0
) -> float:
    """The utility a time-dependent tactic aims at when a fraction ``t`` of the time is gone.

    Examples
    --------
    >>> round(concession_target(0.5, beta=1.0, u_max=1.0, u_min=0.2), 3)
    0.6
    >>> concession_target(0.5, beta=0.2, u_max=1.0, u_min=0.2) > concession_target(
    ...     0.5, beta=5.0, u_max=1.0, u_min=0.2)
    True

    References
    ----------
    Faratin, Sierra & Jennings (1998), section 4.2.1 (polynomial family).
    """
    if beta <= 0:
        raise ModelSpecificationError(f"beta must be positive; got {beta}")
    if not 0.0 <= k <= 1.0:
        raise ModelSpecificationError(f"k must lie in [0, 1]; got {k}")
    tt = min(max(t, 0.0), 1.0)
    f = k + (1.0 - k) * tt ** (1.0 / beta)
    return float(u_max - f * (u_max - u_min))


@dataclass(frozen=True, eq=False)
class Offer:
    """One proposal: when, by whom, what, and who accepted it."""

    round: int
    proposer: str
    package: IndexArray
    utilities: FloatArray
    accepted_by: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class NegotiationResult:
    """The outcome of a simulated negotiation.

    Attributes
    ----------
    parties : tuple of str
    agreement : ndarray or None
        The agreed package, None when the deadline passed without one.
    utilities : ndarray of shape (n_parties,)
        Each party's utility of the agreement (its reservation value without one).
    round : int or None
        The round of agreement.
    offers : tuple of Offer
        Every proposal in order.
    betas : dict of str to float
        The tactic of each party.
    order : tuple of str
        The order in which the parties propose.
    n_rounds : int
    pool_size : int
        Number of efficient packages the parties chose from.
    reason : str or None
        Why there is no agreement (None when there is one).
    """

    parties: tuple[str, ...]
    agreement: IndexArray | None
    utilities: FloatArray
    round: int | None
    offers: tuple[Offer, ...]
    betas: dict[str, float]
    order: tuple[str, ...]
    n_rounds: int
    pool_size: int
    reason: str | None = None


def parse_tactic(value: str) -> Tactic | float:
    """A tactic written as text: ``boulware``, ``linear``, ``conceder`` or a number (beta).

    Raises
    ------
    ModelSpecificationError
        For anything else (the range of a beta is checked when it is used).

    Examples
    --------
    >>> parse_tactic("conceder"), parse_tactic("0.5")
    ('conceder', 0.5)
    """
    if value in TACTICS:
        return cast(Tactic, value)
    try:
        return float(value)
    except ValueError:
        raise ModelSpecificationError(
            f"tactic {value!r}: use {', '.join(TACTICS)} or a positive number (beta)"
        ) from None


def _betas(
    parties: tuple[str, ...], tactics: Mapping[str, Tactic | float] | Tactic | float | None
) -> dict[str, float]:
    def beta(value: Tactic | float) -> float:
        if isinstance(value, str):
            if value not in TACTICS:
                raise ModelSpecificationError(
                    f"unknown tactic {value!r}; use {', '.join(TACTICS)} or a positive beta"
                )
            return TACTICS[value]
        if not value > 0:
            raise ModelSpecificationError(f"a tactic's beta must be positive; got {value}")
        return float(value)

    if tactics is None:
        return dict.fromkeys(parties, TACTICS["boulware"])
    if isinstance(tactics, str | int | float):
        return {p: beta(tactics) for p in parties}
    unknown = sorted(set(tactics) - set(parties))
    if unknown:
        raise ModelSpecificationError(
            f"tactics name unknown parties {unknown} (known: {', '.join(parties)})"
        )
    return {p: beta(tactics.get(p, "boulware")) for p in parties}


def _pool(
    space: OutcomeSpace, utilities: Utilities, rng: np.random.Generator, max_pool: int
) -> tuple[IndexArray, FloatArray]:
    try:
        front = pareto_frontier(space, utilities, region="admissible", max_size=4 * max_pool)
        if front.size <= max_pool:
            return front.packages, front.utilities
    except FrontierTooLargeError:
        pass
    options = [np.flatnonzero(a) for a in admissible_options(utilities)]
    sample = np.stack([o[rng.integers(0, len(o), max_pool)] for o in options], axis=1)
    sample = np.unique(sample, axis=0)
    utils = evaluate(utilities, sample)
    keep = pareto_indices(utils)
    return sample[keep].astype(space.dtype), utils[keep]


def simulate_negotiation(
    space: OutcomeSpace,
    utilities: Utilities,
    *,
    tactics: Mapping[str, Tactic | float] | Tactic | float | None = None,
    n_rounds: int = 100,
    k: float = 0.0,
    window: float = 0.02,
    max_pool: int = 50_000,
    seed: Seed = None,
) -> NegotiationResult:
    """Simulate a multilateral alternating-offers negotiation (see the module notes).

    Parameters
    ----------
    space : OutcomeSpace
    utilities : Utilities
    tactics : mapping of party to tactic or beta, or one for all
        ``"boulware"`` (beta 0.2, the default), ``"linear"`` (1), ``"conceder"`` (5), or a
        positive ``beta``.
    n_rounds : int
        Proposals before the deadline.
    k : float
        Initial concession of every tactic, in [0, 1].
    window : float
        How far above its target (in utility) a proposer still picks offers at random.
    max_pool : int
        Largest number of efficient packages to choose offers from.
    seed : int, Generator or None
        Drives the proposing order and the choice among offers near the target.

    Returns
    -------
    NegotiationResult

    Examples
    --------
    >>> from accords.bargaining.utilities import generate_problem
    >>> space, u = generate_problem(n_issues=5, n_options=4, n_parties=3, seed=0,
    ...                             reservation=0.3)
    >>> a = simulate_negotiation(space, u, tactics="conceder", n_rounds=60, seed=7)
    >>> b = simulate_negotiation(space, u, tactics="conceder", n_rounds=60, seed=7)
    >>> a.round == b.round and a.utilities.tolist() == b.utilities.tolist()
    True

    References
    ----------
    Faratin, P., Sierra, C. & Jennings, N. R. (1998). Negotiation decision functions for
    autonomous agents. Robotics and Autonomous Systems, 24(3-4), 159-182.
    """
    utilities.check_space(space)
    if n_rounds < 1:
        raise ModelSpecificationError(f"n_rounds must be at least 1; got {n_rounds}")
    if window < 0:
        raise ModelSpecificationError(f"window must be non-negative; got {window}")
    parties = utilities.parties
    betas = _betas(parties, tactics)
    rng = as_generator(seed)
    order = tuple(parties[i] for i in rng.permutation(len(parties)))
    d = utilities.reservation
    if any(not a.any() for a in admissible_options(utilities)):
        reason = f"nothing to offer: {why_infeasible(space, utilities)}"
        return NegotiationResult(
            parties, None, d.copy(), None, (), betas, order, n_rounds, 0, reason
        )
    pool, pool_u = _pool(space, utilities, rng, max_pool)
    acceptable = (pool_u >= d).all(axis=1)
    region = pool_u[acceptable] if acceptable.any() else pool_u
    u_max = region.max(axis=0)
    u_min = np.minimum(d, u_max)
    index = {p: i for i, p in enumerate(parties)}
    offers: list[Offer] = []

    def target(p: int, t: float) -> float:
        return concession_target(
            t, beta=betas[parties[p]], u_max=float(u_max[p]), u_min=float(u_min[p]), k=k
        )

    for r in range(n_rounds):
        t = r / max(1, n_rounds - 1)
        proposer = index[order[r % len(order)]]
        aim = target(proposer, t)
        own = pool_u[:, proposer]
        above = np.flatnonzero(own >= aim)
        if len(above) == 0:
            above = np.array([int(np.argmax(own))])
        lowest = own[above].min()
        near = above[own[above] <= lowest + window]
        pick = int(near[rng.integers(len(near))])
        package, utils = pool[pick], pool_u[pick]
        accepted = []
        for q in range(len(parties)):
            if q == proposer:
                continue
            if utils[q] >= d[q] and utils[q] >= target(q, t):
                accepted.append(parties[q])
        offers.append(Offer(r, parties[proposer], package.copy(), utils.copy(), tuple(accepted)))
        if len(accepted) == len(parties) - 1 and utils[proposer] >= d[proposer]:
            return NegotiationResult(
                parties,
                package.copy(),
                utils.copy(),
                r,
                tuple(offers),
                betas,
                order,
                n_rounds,
                len(pool),
            )
    reason = "the deadline passed without an offer every party accepted"
    if not acceptable.any():
        reason += f" (no package is acceptable: {why_infeasible(space, utilities)})"
    return NegotiationResult(
        parties, None, d.copy(), None, tuple(offers), betas, order, n_rounds, len(pool), reason
    )
