"""KTAB's Spatial Model of Politics (SMP), with KTAB's default parameters.

KAPSARC's Toolkit for Behavioral Analysis (KTAB) models collective decisions as turns of
challenges and bargains between actors who hold positions on several dimensions. Each turn every
actor looks for the actor it can most profitably challenge, proposes a bargain that moves both
towards each other, and then every actor takes, from the bargains that involve it, the one a
probabilistic Condorcet election among all actors favours. The run stops when the positions
settle. This module follows KTAB's ``smpc`` with its defaults and reproduces KTAB's own reference
logs turn by turn (see the tests).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Self

import numpy as np
from numpy.typing import NDArray

from accords.exceptions import ModelSpecificationError
from accords.forecasting.base import Actors, BaseForecastModel, Forecast, ModelTags
from accords.random import Seed, as_generator

__all__ = ["SpatialModel"]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]

VictoryModel = Literal["linear", "square", "quartic"]
RiskRange = Literal["min", "mid", "max"]
RiskAdjust = Literal["full", "two-thirds", "half", "one-third", "none"]
Interpolation = Literal["s1p1", "s2p2"]
Transitions = Literal["deterministic", "stochastic"]
SalienceSum = Literal["error", "scale"]

_MIN_COALITION = 1e-8  # floor of every coalition in a PCE (KTAB Model::coalitions)
_MIN_CHALLENGE = 1e-10  # floor of the coalitions of a challenge (KTAB probEduChlg)
_MIN_GAIN = 1e-5  # least expected gain that makes a challenge worth it (KTAB bestChallenge)
_MIN_WEIGHT = 1e-6  # keeps a bargain defined when neither side has weight (interpBrgnSnPm)
_MIN_FIRST_MOVE = 1e-4  # added to the first turn's movement in the stop ratio (smpStopFn)
_BLOCK_ELEMENTS = 1 << 16  # size of the blocks of the (i, j, m) arrays
_SAME_POSITION = 1e-3  # positions closer than this (on [0, 1]) count as one (SMPModel posTol)
_MIN_TURNS = 2

_VICTORY_POWER = {"linear": 1, "square": 2, "quartic": 4}


class SpatialModel(BaseForecastModel):
    r"""KTAB's Spatial Model of Politics: challenges, bargains and a Condorcet election per turn.

    Positions are read on 0-100 and rescaled to [0, 1]; saliences are in [0, 1] and each actor's
    saliences add up to at most 1 (its whole attention), as in KTAB. Every turn:

    1. **Utility.** The distance from actor :math:`i` to a point :math:`y`, weighted by
       :math:`i`'s saliences, is
       :math:`d_i(y) = \sqrt{\sum_k s_{ik}^2 (x_{ik} - y_k)^2 / \sum_k s_{ik}^2}` and its
       utility :math:`u(d, R) = (1 - d)(1 + dR)` (:math:`(1 - d)(1 + R)` if :math:`d > 1`),
       :math:`R \in [-1, 1]` being the risk attitude. Ideals follow positions (KTAB's identity
       accommodation matrix).
    2. **Probabilistic Condorcet election (PCE).** Among options :math:`i, j`, actor :math:`k`
       votes :math:`v_k = c_k (u_{ki} - u_{kj})`; coalition :math:`C_{ij} = 10^{-8} + \sum_k
       \max(0, v_k)`; victory :math:`P_{ij} = C_{ij}^e / (C_{ij}^e + C_{ji}^e)` (``victory``:
       :math:`e` = 1, 2, 4); conditional PCE :math:`p_i \propto \prod_j P_{ij}`
       (:math:`P_{ii} = 1/2`).
    3. **Risk attitudes.** A PCE over the current positions with risk-neutral utilities gives
       :math:`p`; ``risk_range="mid"``:
       :math:`R_i = (3p_i - p_{max} - 2p_{min}) / (2(p_{max} - p_{min}))` (``"min"``:
       :math:`(p_i - p_{min})/(p_{max} - p_{min})`, ``"max"``:
       :math:`(2p_i - p_{max} - p_{min})/(p_{max} - p_{min})`). Actor :math:`h` estimates
       :math:`i`'s attitude as :math:`R^h_i = (2R_h + R_i)/3` (``risk_adjust="one-third"``;
       ``"full"`` :math:`R_i`, ``"two-thirds"`` :math:`(R_h + 2R_i)/3`, ``"half"``
       :math:`(R_h + R_i)/2`, ``"none"`` :math:`R_h`).
    4. **Challenges.** Actor :math:`i` estimates, with utilities :math:`U_{mx} =
       u(d_m(x_x), R^i_m)`, the chance that it beats :math:`j`: the principals add
       :math:`S_i c_i (U_{ii} - U_{ij})` and :math:`S_j c_j (U_{ji} - U_{jj})` to the side
       they favour (:math:`S` = sum of saliences; both sides start at :math:`10^{-10}`); each
       third party :math:`m`, weight :math:`w_m = S_m c_m`, first joins its side in the little
       contest of the principals alone, which gives :math:`p_m`, then casts the semi-committed
       vote :math:`w_m [p_m(2U_{mi} + U_{mm}) + (1-p_m) 3U_{mj} - p_m 3U_{mi} -
       (1-p_m)(2U_{mj} + U_{mm})]`. :math:`P_{ij} = C_{ij}/(C_{ij} + C_{ji})` and the expected
       gain is :math:`(1 - S_j) 2U_{ii} + S_j (P_{ij} 2U_{ii} + (1 - P_{ij}) 2U_{ij}) -
       (U_{ii} + U_{ij})` (the target resists with probability :math:`S_j`). Each actor
       challenges the target of largest gain, if that gain exceeds :math:`10^{-5}`.
    5. **Bargains** (``interpolation="s2p2"``). Per dimension, with :math:`w_i = s_{ik}^2
       P_{ij}^2` and :math:`w_j = s_{jk}^2 (1 - P_{ij})^2` (``"s1p1"``: first powers), the
       initiator is offered :math:`((w_i + 10^{-6}) x_i + w_j x_j) / (w_i + 10^{-6} + w_j)` and
       the target :math:`(w_i x_i + (w_j + 10^{-6}) x_j) / (w_i + 10^{-6} + w_j)`, both rounded
       to four decimals. The bargain joins the queues of both; every queue also holds the
       status quo.
    6. **Resolution.** For actor :math:`k`, each bargain in its queue is scored by every actor
       :math:`a` as the mean, over all actors, of :math:`a`'s utility (own :math:`R_a`) of their
       positions once that bargain is carried out; a capability-weighted PCE over the queue
       picks the bargain (``transitions="deterministic"``: the most probable; ``"stochastic"``:
       drawn with those probabilities), and :math:`k` takes its side of it. All actors move at
       once.
    7. **Stop** when the turn's movement :math:`D_t = \sum_i \lVert x_i(t) - x_i(t-1) \rVert`
       satisfies :math:`D_t / (D_1 + 10^{-4}) <` ``tolerance`` (from the second turn on), or
       after ``max_turns`` turns.

    Parameters
    ----------
    max_turns : int, default 100
        Most turns to run.
    tolerance : float, default 0.02
        Stop when a turn moves the actors less than this fraction of the first turn.
    victory : {"linear", "square", "quartic"}, default "linear"
        Victory-probability model of the PCEs (KTAB ``VictoryProbModel``).
    risk_range : {"mid", "min", "max"}, default "mid"
        Range of the inferred risk attitudes (KTAB ``BigRRange``).
    risk_adjust : {"one-third", "full", "two-thirds", "half", "none"}, default "one-third"
        How an actor estimates another's risk attitude (KTAB ``BigRAdjust``).
    interpolation : {"s2p2", "s1p1"}, default "s2p2"
        Powers of salience and probability in the bargain weights (KTAB ``InterVecBrgn``).
    transitions : {"deterministic", "stochastic"}, default "deterministic"
        How an actor picks a bargain from its queue (KTAB ``StateTransitions``).
    salience_sum : {"error", "scale"}, default "error"
        What to do with an actor whose saliences add up to more than 1: raise, or divide them
        by their sum.
    seed : int, numpy.random.Generator or None
        Randomness of ``transitions="stochastic"`` (the deterministic default uses none).

    Attributes
    ----------
    trajectory_ : ndarray of shape (t + 1, n, d)
        Positions (0-100) at the start and after each of the t turns.
    fractional_change_ : ndarray of shape (t,)
        :math:`D_t / (D_1 + 10^{-4})`, KTAB's "Fractional change compared to first step".
    state_distance_ : ndarray of shape (t,)
        :math:`D_t`, the movement of each turn (on [0, 1]).
    risk_attitudes_ : ndarray of shape (t + 1, n)
        Inferred :math:`R_i` of every state.
    position_probabilities_ : ndarray of shape (t + 1, n)
        Probability that each actor's position wins a PCE among the distinct positions of the
        state (actors on one position share it), KTAB's "winning probabilities".
    targets_ : ndarray of shape (t, n)
        The actor each actor challenged in each turn (-1: none).
    challenge_probabilities_ : ndarray of shape (t, n)
        The challenger's estimate that it beats its target (nan where no challenge).
    n_turns_ : int
        Turns run.
    converged_ : bool
        Whether the run stopped on ``tolerance`` rather than on ``max_turns``.

    Notes
    -----
    Ties. KTAB fills the bargain queues from worker threads, so the order of a queue (and hence
    which of two equally probable bargains wins) is not fixed there. Here every queue is ordered
    status quo first, then bargains by the index of their initiator, and the first of equally
    probable bargains wins; an actor's target is the lowest-indexed of equally good targets (as
    in KTAB, which scans targets in index order). Where all positions are equally likely the
    risk attitudes are undefined in KTAB (0/0); they are set to 0 (risk neutral) here.

    Every actor needs a salience sum above 0 (KTAB requires it too).

    References
    ----------
    .. [1] Wise, B., Efird, B., Lester, L. et al. (2015). KTAB: the KAPSARC Toolkit for
       Behavioral Analysis. KAPSARC. https://github.com/KAPSARC/KTAB (MIT licence); the Spatial
       Model of Politics is ``examples/smp`` there.
    .. [2] Efird, B. and Lester, L. (2016). The KTAB Spatial Model of Politics: SMP tutorial.
       KAPSARC.

    Examples
    --------
    >>> from accords.forecasting.base import Actors
    >>> actors = Actors.from_columns(
    ...     ["a", "b", "c", "d"], [40, 30, 20, 10], [10, 40, 60, 90], [0.9, 0.5, 0.6, 0.8]
    ... )
    >>> forecast = SpatialModel().fit(actors).predict()
    >>> forecast.model, forecast.converged, forecast.trajectory.shape[1:]
    ('ktab-smp', True, (4, 1))
    >>> bool(10 < forecast.outcome[0] < 90)
    True
    """

    name = "ktab-smp"
    tags = ModelTags(stochastic=True, needs_salience=True)

    def __init__(
        self,
        *,
        max_turns: int = 100,
        tolerance: float = 0.02,
        victory: VictoryModel = "linear",
        risk_range: RiskRange = "mid",
        risk_adjust: RiskAdjust = "one-third",
        interpolation: Interpolation = "s2p2",
        transitions: Transitions = "deterministic",
        salience_sum: SalienceSum = "error",
        seed: Seed = None,
    ) -> None:
        self.max_turns = max_turns
        self.tolerance = tolerance
        self.victory = victory
        self.risk_range = risk_range
        self.risk_adjust = risk_adjust
        self.interpolation = interpolation
        self.transitions = transitions
        self.salience_sum = salience_sum
        self.seed = seed

    def fit(self, actors: Actors) -> Self:
        """Run the model on ``actors`` until it settles.

        Raises
        ------
        ModelSpecificationError
            Bad parameters; fewer than 2 actors; positions outside [0, 100]; an actor whose
            saliences add up to 0, or to more than 1 with ``salience_sum="error"``.
        """
        self._check_parameters()
        capability, position, salience = _prepare(actors, self.salience_sum)
        rng = as_generator(self.seed)
        config = _Config(
            victory_power=_VICTORY_POWER[self.victory],
            risk_range=self.risk_range,
            risk_adjust=self.risk_adjust,
            interpolation_power=1 if self.interpolation == "s1p1" else 2,
            stochastic=self.transitions == "stochastic",
        )

        states = [position]
        evaluations: list[_Evaluation] = []
        distances: list[float] = []
        ratios: list[float] = []
        targets: list[IntArray] = []
        challenge_probs: list[FloatArray] = []
        converged = False
        x = position
        for turn in range(1, self.max_turns + 1):
            evaluation = _evaluate(capability, x, salience, config)
            evaluations.append(evaluation)
            x_next, target, prob = _turn(capability, x, salience, evaluation, config, rng)
            distance = float(np.sum(np.sqrt(np.sum((x_next - x) ** 2, axis=1))))
            distances.append(distance)
            ratio = distance / (distances[0] + _MIN_FIRST_MOVE)
            ratios.append(ratio)
            targets.append(target)
            challenge_probs.append(prob)
            states.append(x_next)
            x = x_next
            if turn >= _MIN_TURNS and ratio < self.tolerance:
                converged = True
                break
        evaluations.append(_evaluate(capability, x, salience, config))

        # back to 0-100: unmoved positions exactly as given, bargains without float dust
        path = np.stack(states)
        self.trajectory_ = np.where(path == position, actors.position, np.round(path * 100.0, 10))
        self.state_distance_ = np.asarray(distances)
        self.fractional_change_ = np.asarray(ratios)
        self.risk_attitudes_ = np.stack([e.risk for e in evaluations])
        self.position_probabilities_ = np.stack(
            [
                _position_probabilities(capability, s, e, config)
                for s, e in zip(states, evaluations, strict=True)
            ]
        )
        self.targets_ = np.stack(targets)
        self.challenge_probabilities_ = np.stack(challenge_probs)
        self.n_turns_ = len(distances)
        self.converged_ = converged
        self.dimensions_ = actors.dimensions
        self.names_ = actors.names
        return self

    def predict(self) -> Forecast:
        """Return the forecast of the last :meth:`fit`.

        The outcome is the expected position of the final state: the distinct final positions
        weighted by the probability that each wins a PCE among them
        (``details["position_probabilities"]``); ``details["most_likely_position"]`` is the
        most probable of them.
        """
        if not hasattr(self, "trajectory_"):
            raise ModelSpecificationError("SpatialModel: call fit(actors) before predict()")
        final = self.trajectory_[-1]
        probs = self.position_probabilities_[-1]
        unique = _unique_positions(final / 100.0)
        weights = probs[unique]
        outcome = weights @ final[unique] / weights.sum()
        best = unique[int(np.argmax(weights))]
        return Forecast(
            model=self.name,
            outcome=outcome,
            trajectory=self.trajectory_.copy(),
            n_rounds=self.n_turns_,
            converged=self.converged_,
            details={
                "fractional_change": self.fractional_change_.copy(),
                "state_distance": self.state_distance_.copy(),
                "risk_attitudes": self.risk_attitudes_.copy(),
                "position_probabilities": self.position_probabilities_.copy(),
                "targets": self.targets_.copy(),
                "challenge_probabilities": self.challenge_probabilities_.copy(),
                "most_likely_position": final[best].copy(),
            },
        )

    def _check_parameters(self) -> None:
        self.check_params()
        if not isinstance(self.max_turns, int) or self.max_turns < 1:
            raise ModelSpecificationError(
                f"SpatialModel: max_turns must be an integer >= 1, got {self.max_turns!r}"
            )
        if not 0.0 <= float(self.tolerance) < 1.0:
            raise ModelSpecificationError(
                f"SpatialModel: tolerance must be in [0, 1), got {self.tolerance!r}"
            )


@dataclass(frozen=True)
class _Config:
    victory_power: int
    risk_range: RiskRange
    risk_adjust: RiskAdjust
    interpolation_power: int
    stochastic: bool


@dataclass(frozen=True)
class _Evaluation:
    """What each state needs before its turn: distances and risk attitudes."""

    distance: FloatArray  # (n, n) d_m(x_x), with evaluator m's saliences
    risk: FloatArray  # (n,) R_i
    estimated_risk: FloatArray  # (h, i) R^h_i

    def own_utility(self) -> FloatArray:
        """(a, x): a's utility of x's position, with a's own estimate of itself (KTAB aUtil)."""
        r_own = np.diagonal(self.estimated_risk)[:, None]
        return _utility(self.distance, r_own)


def _prepare(
    actors: Actors, salience_sum: SalienceSum
) -> tuple[FloatArray, FloatArray, FloatArray]:
    if actors.n_actors < 2:
        raise ModelSpecificationError(
            f"SpatialModel: expected at least 2 actors, got {actors.n_actors}"
        )
    pos = actors.position
    if np.any(pos < 0) or np.any(pos > 100):
        raise ModelSpecificationError(
            "SpatialModel: positions must be on the 0-100 scale; got values from "
            f"{pos.min():g} to {pos.max():g}"
        )
    sal = actors.salience.copy()
    totals = sal.sum(axis=1)
    empty = [actors.names[i] for i in np.flatnonzero(totals <= 0)]
    if empty:
        raise ModelSpecificationError(
            f"SpatialModel: actors {empty} have zero salience on every dimension; "
            "every actor needs some salience"
        )
    over = np.flatnonzero(totals > 1.0 + 1e-9)
    if over.size:
        if salience_sum == "error":
            worst = int(over[np.argmax(totals[over])])
            raise ModelSpecificationError(
                f"SpatialModel: the saliences of {len(over)} actor(s) add up to more than 1 "
                f"(e.g. {actors.names[worst]!r}: {totals[worst]:g}); KTAB reads saliences as "
                "shares of one actor's attention: rescale them or pass salience_sum='scale'"
            )
        sal[over] /= totals[over, None]
    return actors.capability, pos / 100.0, sal


def _distances(ideal: FloatArray, salience: FloatArray, points: FloatArray) -> FloatArray:
    """d[a, p]: distance from a's ideal to point p, weighted by a's saliences."""
    diff = (ideal[:, None, :] - points[None, :, :]) * salience[:, None, :]
    weighted = np.sum(diff * diff, axis=2)
    return np.asarray(np.sqrt(weighted / np.sum(salience * salience, axis=1)[:, None]))


def _utility(d: FloatArray, risk: FloatArray) -> FloatArray:
    """u(d, R) = (1 - d)(1 + d R), or (1 - d)(1 + R) beyond d = 1."""
    return np.where(d <= 1.0, (1.0 - d) * (1.0 + d * risk), (1.0 - d) * (1.0 + risk))


def _pce(weights: FloatArray, util: FloatArray, power: int) -> FloatArray:
    """Conditional PCE over the columns of util (actors x options), proportional voting."""
    votes = weights[:, None, None] * (util[:, :, None] - util[:, None, :])
    strength = _MIN_COALITION + np.sum(np.maximum(votes, 0.0), axis=0)
    if power != 1:
        strength = strength**power
    victory = strength / (strength + strength.T)
    np.fill_diagonal(victory, 0.5)
    prob = np.prod(victory, axis=1)
    total = prob.sum()
    if not total > 1e-280:  # products underflow with very many options: work in logs
        logp = np.sum(np.log(np.maximum(victory, 1e-300)), axis=1)
        prob = np.exp(logp - logp.max())
        total = prob.sum()
    return np.asarray(prob / total)


def _risk_from_probabilities(prob: FloatArray, risk_range: RiskRange) -> FloatArray:
    p_min, p_max = float(prob.min()), float(prob.max())
    if p_max - p_min <= 0.0:
        return np.zeros_like(prob)
    if risk_range == "mid":
        return np.asarray((3 * prob - (p_max + 2 * p_min)) / (2 * (p_max - p_min)))
    if risk_range == "min":
        return np.asarray((prob - p_min) / (p_max - p_min))
    return np.asarray((2 * prob - (p_max + p_min)) / (p_max - p_min))


def _estimate_risk(risk: FloatArray, adjust: RiskAdjust) -> FloatArray:
    """R^h_i: h's estimate (rows) of i's risk attitude (columns)."""
    r_h, r_i = risk[:, None], risk[None, :]
    if adjust == "one-third":
        out = ((2.0 * r_h) + r_i) / 3.0
    elif adjust == "two-thirds":
        out = (r_h + (2.0 * r_i)) / 3.0
    elif adjust == "half":
        out = (r_h + r_i) / 2
    elif adjust == "full":
        out = np.broadcast_to(r_i, (risk.size, risk.size))
    else:
        out = np.broadcast_to(r_h, (risk.size, risk.size))
    return np.array(out, dtype=np.float64)


def _evaluate(
    capability: FloatArray, x: FloatArray, salience: FloatArray, config: _Config
) -> _Evaluation:
    distance = _distances(x, salience, x)
    neutral = _utility(distance, np.zeros(1))
    risk = _risk_from_probabilities(
        _pce(capability, neutral, config.victory_power), config.risk_range
    )
    return _Evaluation(distance, risk, _estimate_risk(risk, config.risk_adjust))


def _challenges(
    capability: FloatArray, salience: FloatArray, ev: _Evaluation
) -> tuple[FloatArray, FloatArray]:
    """Each actor's own estimate of P(i beats j) and of its expected gain from challenging j.

    Challenger i sees every actor m through U^i[m, x] = u(d_m(x_x), R^i_m); all arrays below
    are indexed [i, j] (challenger, target) or [i, j, m] (m a third party).
    """
    n = capability.size
    d, rh = ev.distance, ev.estimated_risk
    s_sum = salience.sum(axis=1)
    weight = s_sum * capability
    own = ev.own_utility()  # U^i[i, x]
    u_ii = np.diagonal(own)[:, None]
    u_ij = own
    u_ji = _utility(d.T, rh)  # U^i[j, i]; also U^i[m, i] at [i, m]
    u_jj = _utility(np.diagonal(d)[None, :], rh)  # U^i[j, j]; also U^i[m, m] at [i, m]
    contrib_i = weight[:, None] * (u_ii - u_ij)
    contrib_j = weight[None, :] * (u_ji - u_jj)
    c_ij = _MIN_CHALLENGE + np.maximum(contrib_i, 0.0) + np.maximum(contrib_j, 0.0)
    c_ji = _MIN_CHALLENGE + np.maximum(-contrib_i, 0.0) + np.maximum(-contrib_j, 0.0)

    # third parties m, axes (i, j, m), a block of challengers at a time (to stay in cache)
    t_ij = np.empty_like(c_ij)
    t_ji = np.empty_like(c_ji)
    block = max(1, _BLOCK_ELEMENTS // (n * n))
    for lo in range(0, n, block):
        hi = min(n, lo + block)
        t_ij[lo:hi], t_ji[lo:hi] = _third_parties(
            u_ji[lo:hi],
            u_jj[lo:hi],
            _utility(d.T[None, :, :], rh[lo:hi, None, :]),
            weight,
            c_ij[lo:hi],
            c_ji[lo:hi],
            lo,
        )
    c_ij = c_ij + t_ij
    c_ji = c_ji + t_ji
    p_ij = c_ij / (c_ij + c_ji)
    p_ji = c_ji / (c_ij + c_ji)

    eu_sq = u_ii + u_ij
    eu_win = u_ii + u_ii
    eu_lose = u_ij + u_ij
    eu_contest = p_ij * eu_win + p_ji * eu_lose
    s_j = s_sum[None, :]
    gain = ((1 - s_j) * eu_win + s_j * eu_contest) - eu_sq
    np.fill_diagonal(gain, -np.inf)
    return p_ij, gain


def _third_parties(
    u_mi2: FloatArray,
    u_mm2: FloatArray,
    u_mj: FloatArray,
    weight: FloatArray,
    c_ij: FloatArray,
    c_ji: FloatArray,
    first: int,
) -> tuple[FloatArray, FloatArray]:
    """Third parties' semi-committed votes for challengers first.. (rows), summed by side.

    Each third party m starts afresh from the principals' coalitions c_ij, c_ji, joins its side
    of that little contest (which gives p_m), then votes with the probabilities p_m, 1 - p_m.
    Arrays are [i, m] (u_mi2 = U^i[m, i], u_mm2 = U^i[m, m]) or [i, j, m] (u_mj = U^i[m, j]).
    """
    rows, n = u_mj.shape[0], u_mj.shape[1]
    u_mi = u_mi2[:, None, :]
    u_mm = u_mm2[:, None, :]
    w_m = weight[None, None, :]
    v0 = w_m * (u_mi - u_mj)
    side_i = np.maximum(v0, 0.0)
    side_i += c_ij[:, :, None]
    np.negative(v0, out=v0)
    np.maximum(v0, 0.0, out=v0)
    v0 += c_ji[:, :, None]
    p_m = side_i / (side_i + v0)
    q_m = 1.0 - p_m
    triple_j = u_mj + u_mj
    joins_j = triple_j + u_mm  # loser's side j with m: 2 U_mj + U_mm
    triple_j += u_mj  # 3 U_mj
    joins_i = p_m * (u_mi + u_mi + u_mm)
    joins_i += q_m * triple_j
    joins_j *= q_m
    joins_j += p_m * (u_mi + u_mi + u_mi)
    joins_i -= joins_j
    vote = np.multiply(w_m, joins_i, out=joins_i)
    local = np.arange(rows)
    vote[local, :, first + local] = 0.0  # m = i
    everyone = np.arange(n)
    vote[:, everyone, everyone] = 0.0  # m = j
    return np.sum(np.maximum(vote, 0.0), axis=2), np.sum(np.maximum(-vote, 0.0), axis=2)


def _round4(x: FloatArray) -> FloatArray:
    """KTAB's round4: (int)(0.5 + 10000 x) / 10000."""
    return np.asarray(np.trunc(0.5 + (x * 10000.0)) / 10000.0)


def _turn(
    capability: FloatArray,
    x: FloatArray,
    salience: FloatArray,
    ev: _Evaluation,
    config: _Config,
    rng: np.random.Generator,
) -> tuple[FloatArray, IntArray, FloatArray]:
    n = capability.size
    p_ij, gain = _challenges(capability, salience, ev)
    best = np.argmax(gain, axis=1)
    rows = np.arange(n)
    challengers = np.flatnonzero(gain[rows, best] > _MIN_GAIN)
    target = np.full(n, -1, dtype=np.intp)
    target[challengers] = best[challengers]
    prob = np.full(n, np.nan)
    prob[challengers] = p_ij[challengers, best[challengers]]

    # bargains, one per challenger, in initiator order
    init = challengers
    rcvr = best[challengers]
    p_init = prob[challengers][:, None]
    k = config.interpolation_power
    w_i = (salience[init] ** k) * (p_init**k)
    w_j = (salience[rcvr] ** k) * ((1 - p_init) ** k)
    t_i, t_j = x[init], x[rcvr]
    b_init = _round4(((w_i + _MIN_WEIGHT) * t_i + w_j * t_j) / (w_i + _MIN_WEIGHT + w_j))
    b_rcvr = _round4((w_i * t_i + (_MIN_WEIGHT + w_j) * t_j) / (w_i + _MIN_WEIGHT + w_j))

    # utility to each actor a (own R_a) of the state after each bargain, averaged over actors
    base = ev.own_utility()  # a's own utility of every current position, (a, m)
    u_sq = base.sum(axis=1) / n
    n_b = init.size
    if n_b:
        own_r = ev.risk[:, None]
        u_new_i = _utility(_distances(x, salience, b_init), own_r)  # (a, b)
        u_new_j = _utility(_distances(x, salience, b_rcvr), own_r)
        others = np.repeat(base[:, None, :], n_b, axis=1)  # (a, b, m)
        others[:, np.arange(n_b), init] = 0.0
        others[:, np.arange(n_b), rcvr] = 0.0
        u_state = ((u_new_i + u_new_j) + others.sum(axis=2)) / n
    else:
        u_state = np.empty((n, 0))

    x_next = x.copy()
    for actor in range(n):
        queue = np.flatnonzero((init == actor) | (rcvr == actor))
        if queue.size == 0:
            continue
        options = np.column_stack([u_sq, u_state[:, queue]])
        p = _pce(capability, options, config.victory_power)
        # deterministic: the first most probable bargain (status quo first, then initiators)
        pick = int(rng.choice(p.size, p=p)) if config.stochastic else int(np.argmax(p))
        if pick == 0:
            continue
        b = queue[pick - 1]
        x_next[actor] = b_init[b] if init[b] == actor else b_rcvr[b]
    return x_next, target, prob


def _unique_positions(x: FloatArray) -> IntArray:
    """Indices of the first actor on each distinct position (KTAB ueIndices, posTol)."""
    close = np.linalg.norm(x[:, None, :] - x[None, :, :], axis=2) < _SAME_POSITION
    unique: list[int] = []
    for i in range(x.shape[0]):
        if not close[i, unique].any():
            unique.append(i)
    return np.asarray(unique, dtype=np.intp)


def _position_probabilities(
    capability: FloatArray, x: FloatArray, ev: _Evaluation, config: _Config
) -> FloatArray:
    """Probability of each actor's position in a PCE among the distinct positions."""
    unique = _unique_positions(x)
    own = ev.own_utility()
    p_unique = _pce(capability, own[:, unique], config.victory_power)
    close = np.linalg.norm(x[:, None, :] - x[unique][None, :, :], axis=2) < _SAME_POSITION
    # KTAB (State::posProb) takes the last distinct position an actor is close to
    last = close.shape[1] - 1 - np.argmax(close[:, ::-1], axis=1)
    return np.asarray(p_unique[last])
