"""KTAB's SMP on many draws at once, and sweeps of many issues on a cluster.

:class:`~accords.forecasting.smp.SpatialModel` runs one actor table at a time: 10-70 ms, most
of it Python overhead on small arrays. :func:`smp_batch` runs a batch of actor tables (Monte
Carlo draws of one issue) in lockstep: every array of the per-draw code gets a leading draw
axis, draws that have converged drop out of the batch, and the one step whose size varies by
draw (each actor's queue of bargains) is evaluated for all draws whose queue has the same
length at once. Every reduction runs over the same elements in the same order as in the
per-draw code, so the outcomes are identical (bit for bit, tested) to
``SpatialModel(...).fit(actors).predict().outcome`` for each draw.

:class:`BatchSpatialModel` is a ``SpatialModel`` with ``predict_batch``, so
:func:`~accords.forecasting.montecarlo.monte_carlo` evaluates it in bulk. :func:`sweep` runs
one model on the draws of many issues (the DEU sweep), cut into chunks that a mapper (``map``
or :class:`~accords.forecasting.parallel.DaskMapper`) evaluates; the draws are made up front
from one seed, so in-process and cluster runs give the same numbers.

Only deterministic transitions (KTAB's default) are batched; stochastic ones draw per actor
and stay on the per-draw path.

Examples
--------
>>> import numpy as np
>>> from accords.forecasting.base import Actors
>>> from accords.forecasting.smp import SpatialModel
>>> from accords.forecasting.montecarlo import ActorRanges, monte_carlo
>>> actors = Actors.from_columns(
...     ["a", "b", "c", "d"], [40, 30, 20, 10], [10, 40, 60, 90], [0.9, 0.5, 0.6, 0.8]
... )
>>> ranges = ActorRanges.from_confidence(actors, [0.5, 0.6, 0.7, 0.8])
>>> batched = monte_carlo(BatchSpatialModel(), ranges, n_draws=40, seed=3)
>>> per_draw = monte_carlo(SpatialModel(), ranges, n_draws=40, seed=3)
>>> bool(np.array_equal(batched.outcomes, per_draw.outcomes))
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from accords.exceptions import ModelSpecificationError
from accords.forecasting.base import ForecastModel, ModelTags
from accords.forecasting.montecarlo import (
    ActorRanges,
    ForecastDistribution,
    Mapper,
    _Chunk,
    _evaluate_chunk,
    draw_actors,
)
from accords.forecasting.smp import (
    _MIN_CHALLENGE,
    _MIN_COALITION,
    _MIN_FIRST_MOVE,
    _MIN_GAIN,
    _MIN_TURNS,
    _MIN_WEIGHT,
    _VICTORY_POWER,
    SpatialModel,
    _Config,
    _evaluate,
    _position_probabilities,
    _round4,
    _unique_positions,
    _utility,
)
from accords.random import Seed, as_generator

__all__ = ["BatchSpatialModel", "smp_batch", "sweep"]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]
BoolArray = NDArray[np.bool_]

#: Elements of the largest (draws, n, n, n) array of a batch; draws are cut to stay below.
_BATCH_ELEMENTS = 1 << 21
#: Elements of the (draws, n, n, n) arrays of the third-party step, the PCEs and the bargains'
#: states, done in blocks of draws (to stay in cache).
_THIRD_PARTY_ELEMENTS = 1 << 16


def _config(model: SpatialModel) -> _Config:
    model._check_parameters()
    if model.transitions != "deterministic":
        raise ModelSpecificationError(
            "smp_batch: only transitions='deterministic' is batched; got "
            f"{model.transitions!r} (use SpatialModel draw by draw)"
        )
    return _Config(
        victory_power=_VICTORY_POWER[model.victory],
        risk_range=model.risk_range,
        risk_adjust=model.risk_adjust,
        interpolation_power=1 if model.interpolation == "s1p1" else 2,
        stochastic=False,
    )


# ---------------------------------------------------------------- batched per-draw functions


def _distances(ideal: FloatArray, salience: FloatArray, points: FloatArray) -> FloatArray:
    """d[b, a, p] (smp._distances with a draw axis)."""
    diff = (ideal[:, :, None, :] - points[:, None, :, :]) * salience[:, :, None, :]
    weighted = np.sum(diff * diff, axis=3)
    return np.asarray(np.sqrt(weighted / np.sum(salience * salience, axis=2)[:, :, None]))


def _pce(weights: FloatArray, util: FloatArray, power: int) -> FloatArray:
    """smp._pce for a batch: weights (b, a), util (b, a, o) -> (b, o)."""
    b, a, o = util.shape
    block = max(1, _THIRD_PARTY_ELEMENTS // (a * o * o))
    if b > block:
        return np.concatenate(
            [
                _pce(weights[lo : lo + block], util[lo : lo + block], power)
                for lo in range(0, b, block)
            ]
        )
    votes = weights[:, :, None, None] * (util[:, :, :, None] - util[:, :, None, :])
    strength = _MIN_COALITION + np.sum(np.maximum(votes, 0.0), axis=1)
    if power != 1:
        strength = strength**power
    victory = strength / (strength + np.swapaxes(strength, 1, 2))
    o = victory.shape[1]
    victory[:, np.arange(o), np.arange(o)] = 0.5
    prob = np.prod(victory, axis=2)
    total = prob.sum(axis=1)
    low = ~(total > 1e-280)
    if low.any():
        logp = np.sum(np.log(np.maximum(victory[low], 1e-300)), axis=2)
        p_low = np.exp(logp - logp.max(axis=1)[:, None])
        prob[low] = p_low
        total[low] = p_low.sum(axis=1)
    return np.asarray(prob / total[:, None])


def _risk(prob: FloatArray, risk_range: str) -> FloatArray:
    p_min = prob.min(axis=1)[:, None]
    p_max = prob.max(axis=1)[:, None]
    span = p_max - p_min
    with np.errstate(divide="ignore", invalid="ignore"):
        if risk_range == "mid":
            r = (3 * prob - (p_max + 2 * p_min)) / (2 * span)
        elif risk_range == "min":
            r = (prob - p_min) / span
        else:
            r = (2 * prob - (p_max + p_min)) / span
    return np.asarray(np.where(span <= 0.0, 0.0, r))


def _estimate(risk: FloatArray, adjust: str) -> FloatArray:
    r_h, r_i = risk[:, :, None], risk[:, None, :]
    if adjust == "one-third":
        out = ((2.0 * r_h) + r_i) / 3.0
    elif adjust == "two-thirds":
        out = (r_h + (2.0 * r_i)) / 3.0
    elif adjust == "half":
        out = (r_h + r_i) / 2
    elif adjust == "full":
        out = np.broadcast_to(r_i, (risk.shape[0], risk.shape[1], risk.shape[1]))
    else:
        out = np.broadcast_to(r_h, (risk.shape[0], risk.shape[1], risk.shape[1]))
    return np.array(out, dtype=np.float64)


def _utility_inside(d: FloatArray, risk: FloatArray) -> FloatArray:
    """smp._utility where every d <= 1 (as between positions on [0, 1]): the same operations,
    (1 - d)(1 + d R), done in place on one array instead of two branches and a select."""
    if not np.all(d <= 1.0):
        return _utility(d, risk)
    out = np.multiply(d, risk)
    np.add(1.0, out, out=out)
    np.multiply(1.0 - d, out, out=out)
    return out


@dataclass(frozen=True)
class _Ev:
    distance: FloatArray  # (b, n, n)
    risk: FloatArray  # (b, n)
    estimated: FloatArray  # (b, n, n)

    def own_utility(self) -> FloatArray:
        r_own = np.diagonal(self.estimated, axis1=1, axis2=2)[:, :, None]
        return _utility(self.distance, r_own)


def _evaluate_batch(cap: FloatArray, x: FloatArray, sal: FloatArray, config: _Config) -> _Ev:
    distance = _distances(x, sal, x)
    neutral = _utility(distance, np.zeros(1))
    risk = _risk(_pce(cap, neutral, config.victory_power), config.risk_range)
    return _Ev(distance, risk, _estimate(risk, config.risk_adjust))


def _challenges(cap: FloatArray, sal: FloatArray, ev: _Ev) -> tuple[FloatArray, FloatArray]:
    """smp._challenges for a batch: p_ij and gain, (b, i, j)."""
    n = cap.shape[1]
    d, rh = ev.distance, ev.estimated
    s_sum = sal.sum(axis=2)
    weight = s_sum * cap
    own = ev.own_utility()
    u_ii = np.diagonal(own, axis1=1, axis2=2)[:, :, None]
    u_ij = own
    d_t = np.swapaxes(d, 1, 2)
    u_ji = _utility(d_t, rh)
    u_jj = _utility(np.diagonal(d, axis1=1, axis2=2)[:, None, :], rh)
    contrib_i = weight[:, :, None] * (u_ii - u_ij)
    contrib_j = weight[:, None, :] * (u_ji - u_jj)
    c_ij = _MIN_CHALLENGE + np.maximum(contrib_i, 0.0) + np.maximum(contrib_j, 0.0)
    c_ji = _MIN_CHALLENGE + np.maximum(-contrib_i, 0.0) + np.maximum(-contrib_j, 0.0)

    # third parties, axes (b, i, j, m), a block of draws at a time (to stay in cache)
    everyone = np.arange(n)
    t_ij = np.empty_like(c_ij)
    t_ji = np.empty_like(c_ji)
    block = max(1, _THIRD_PARTY_ELEMENTS // (n * n * n))
    for lo in range(0, c_ij.shape[0], block):
        hi = lo + block
        t_ij[lo:hi], t_ji[lo:hi] = _third_parties(
            u_ji[lo:hi], u_jj[lo:hi], d_t[lo:hi], rh[lo:hi], weight[lo:hi], c_ij[lo:hi], c_ji[lo:hi]
        )
    c_ij = c_ij + t_ij
    c_ji = c_ji + t_ji
    p_ij = c_ij / (c_ij + c_ji)
    p_ji = c_ji / (c_ij + c_ji)

    eu_sq = u_ii + u_ij
    eu_win = u_ii + u_ii
    eu_lose = u_ij + u_ij
    eu_contest = p_ij * eu_win + p_ji * eu_lose
    s_j = s_sum[:, None, :]
    gain = ((1 - s_j) * eu_win + s_j * eu_contest) - eu_sq
    gain[:, everyone, everyone] = -np.inf
    return p_ij, gain


def _third_parties(
    u_ji: FloatArray,
    u_jj: FloatArray,
    d_t: FloatArray,
    rh: FloatArray,
    weight: FloatArray,
    c_ij: FloatArray,
    c_ji: FloatArray,
) -> tuple[FloatArray, FloatArray]:
    """smp._third_parties for a block of draws: the third parties' votes summed by side."""
    n = weight.shape[1]
    u_mi = u_ji[:, :, None, :]
    u_mm = u_jj[:, :, None, :]
    u_mj = _utility_inside(d_t[:, None, :, :], rh[:, :, None, :])
    w_m = weight[:, None, None, :]
    v0 = w_m * (u_mi - u_mj)
    side_i = np.maximum(v0, 0.0)
    side_i += c_ij[:, :, :, None]
    np.negative(v0, out=v0)
    np.maximum(v0, 0.0, out=v0)
    v0 += c_ji[:, :, :, None]
    p_m = side_i / (side_i + v0)
    q_m = 1.0 - p_m
    triple_j = u_mj + u_mj
    joins_j = triple_j + u_mm
    triple_j += u_mj
    joins_i = p_m * (u_mi + u_mi + u_mm)
    joins_i += q_m * triple_j
    joins_j *= q_m
    joins_j += p_m * (u_mi + u_mi + u_mi)
    joins_i -= joins_j
    vote = np.multiply(w_m, joins_i, out=joins_i)
    everyone = np.arange(n)
    vote[:, everyone, :, everyone] = 0.0  # m = i
    vote[:, :, everyone, everyone] = 0.0  # m = j
    return np.sum(np.maximum(vote, 0.0), axis=3), np.sum(np.maximum(-vote, 0.0), axis=3)


def _turn(cap: FloatArray, x: FloatArray, sal: FloatArray, ev: _Ev, config: _Config) -> FloatArray:
    """smp._turn (deterministic) for a batch: the next positions (b, n, d)."""
    b, n, _ = x.shape
    p_ij, gain = _challenges(cap, sal, ev)
    best = np.argmax(gain, axis=2)  # (b, n): target of each would-be initiator
    rows = np.arange(n)
    draws = np.arange(b)[:, None]
    valid = gain[draws, rows[None, :], best] > _MIN_GAIN  # (b, slot = initiator)
    prob = p_ij[draws, rows[None, :], best]
    k = config.interpolation_power
    p_init = prob[:, :, None]
    w_i = (sal**k) * (p_init**k)
    sal_r = sal[draws, best]
    w_j = (sal_r**k) * ((1 - p_init) ** k)
    t_i, t_j = x, x[draws, best]
    b_init = _round4(((w_i + _MIN_WEIGHT) * t_i + w_j * t_j) / (w_i + _MIN_WEIGHT + w_j))
    b_rcvr = _round4((w_i * t_i + (_MIN_WEIGHT + w_j) * t_j) / (w_i + _MIN_WEIGHT + w_j))

    base = ev.own_utility()  # (b, a, m)
    u_sq = base.sum(axis=2) / n  # (b, a)
    own_r = ev.risk[:, :, None]
    u_new_i = _utility(_distances(x, sal, b_init), own_r)  # (b, a, slot)
    u_new_j = _utility(_distances(x, sal, b_rcvr), own_r)
    others_sum = np.empty((b, n, n))  # (b, a, slot): sum over m of base, initiator and
    block = max(1, _THIRD_PARTY_ELEMENTS // (n * n * n))  # receiver of the slot set to 0
    for lo in range(0, b, block):
        hi = min(b, lo + block)
        others = np.repeat(base[lo:hi, :, None, :], n, axis=2)  # (blk, a, slot, m)
        others[:, :, rows, rows] = 0.0  # m = initiator
        others[
            np.arange(hi - lo)[:, None, None],
            rows[None, :, None],
            rows[None, None, :],
            best[lo:hi, None, :],
        ] = 0.0  # m = receiver
        others_sum[lo:hi] = others.sum(axis=3)
    u_state = ((u_new_i + u_new_j) + others_sum) / n  # (b, a, slot)

    # queues: (draw, actor) -> valid slots s with s == actor or best[s] == actor, slot order
    member = valid[:, None, :] & (
        (rows[None, :, None] == rows[None, None, :]) | (best[:, None, :] == rows[None, :, None])
    )  # (b, actor, slot)
    length = member.sum(axis=2)
    x_next = x.copy()
    for q in np.unique(length[length > 0]):
        pd, pa = np.nonzero(length == q)
        order = np.argsort(~member[pd, pa], axis=1, kind="stable")[:, :q]  # (p, q) slots
        options = np.concatenate(
            [u_sq[pd][:, :, None], u_state[pd[:, None], :, order].transpose(0, 2, 1)], axis=2
        )  # (p, a, 1 + q)
        p = _pce(cap[pd], options, config.victory_power)
        pick = np.argmax(p, axis=1)
        moves = pick > 0
        slot = order[np.arange(pd.size), np.maximum(pick - 1, 0)]
        mover_d, mover_a, mover_s = pd[moves], pa[moves], slot[moves]
        is_init = mover_s == mover_a
        x_next[mover_d, mover_a] = np.where(
            is_init[:, None], b_init[mover_d, mover_s], b_rcvr[mover_d, mover_s]
        )
    return x_next


# ---------------------------------------------------------------- the batch


def _prepare_batch(
    capability: FloatArray, position: FloatArray, salience: FloatArray, salience_sum: str
) -> tuple[FloatArray, FloatArray, BoolArray]:
    """Scaled saliences and the draws the per-draw path would refuse (-> nan)."""
    sal = salience.copy()
    totals = sal.sum(axis=2)
    bad = (
        (totals <= 0).any(axis=1)
        | (position < 0).any(axis=(1, 2))
        | (position > 100).any(axis=(1, 2))
        | (capability.shape[1] < 2)
    )
    over = totals > 1.0 + 1e-9
    if salience_sum == "error":
        bad |= over.any(axis=1)
    else:
        draw, actor = np.nonzero(over)
        sal[draw, actor] /= totals[draw, actor, None]
    return position / 100.0, sal, bad


def smp_batch(
    capability: FloatArray,
    position: FloatArray,
    salience: FloatArray,
    *,
    model: SpatialModel | None = None,
) -> FloatArray:
    """Outcomes (b, d) of ``model`` (default: KTAB defaults) on each of b actor tables.

    Parameters
    ----------
    capability : ndarray of shape (b, n)
    position : ndarray of shape (b, n, d)
        On 0-100.
    salience : ndarray of shape (b, n, d)
    model : SpatialModel, optional
        Its parameters are used (``transitions`` must be deterministic).

    Returns
    -------
    ndarray of shape (b, d)
        ``SpatialModel(...).fit(actors).predict().outcome`` of each table, nan where the
        per-draw model refuses the table (an actor without salience, positions off 0-100,
        saliences over 1 with ``salience_sum="error"``).

    Raises
    ------
    ModelSpecificationError
        For bad parameters or stochastic transitions.
    """
    model = model if model is not None else SpatialModel()
    config = _config(model)
    capability = np.asarray(capability, dtype=np.float64)
    position = np.asarray(position, dtype=np.float64)
    salience = np.asarray(salience, dtype=np.float64)
    n_draws, n = capability.shape
    out = np.full((n_draws, position.shape[2]), np.nan)
    step = max(1, _BATCH_ELEMENTS // max(1, n**3))
    for lo in range(0, n_draws, step):
        hi = min(n_draws, lo + step)
        out[lo:hi] = _run(capability[lo:hi], position[lo:hi], salience[lo:hi], model, config)
    return out


def _run(
    capability: FloatArray,
    position: FloatArray,
    salience: FloatArray,
    model: SpatialModel,
    config: _Config,
) -> FloatArray:
    x0, sal, bad = _prepare_batch(capability, position, salience, model.salience_sum)
    b = capability.shape[0]
    x = x0.copy()
    first = np.zeros(b)
    active = np.flatnonzero(~bad)
    for turn in range(1, model.max_turns + 1):
        if active.size == 0:
            break
        cap_a, x_a, sal_a = capability[active], x[active], sal[active]
        ev = _evaluate_batch(cap_a, x_a, sal_a, config)
        x_next = _turn(cap_a, x_a, sal_a, ev, config)
        distance = np.sum(np.sqrt(np.sum((x_next - x_a) ** 2, axis=2)), axis=1)
        if turn == 1:
            first[active] = distance
        ratio = distance / (first[active] + _MIN_FIRST_MOVE)
        x[active] = x_next
        if turn >= _MIN_TURNS:
            active = active[~(ratio < model.tolerance)]
    out = np.full((b, position.shape[2]), np.nan)
    for i in np.flatnonzero(~bad):
        out[i] = _outcome(capability[i], x[i], sal[i], x0[i], position[i], config)
    return out


def _outcome(
    cap: FloatArray,
    x: FloatArray,
    sal: FloatArray,
    x0: FloatArray,
    position: FloatArray,
    config: _Config,
) -> FloatArray:
    """SpatialModel.predict's outcome from the final state (same code, one draw)."""
    ev = _evaluate(cap, x, sal, config)
    probs = _position_probabilities(cap, x, ev, config)
    final = np.where(x == x0, position, np.round(x * 100.0, 10))
    unique = _unique_positions(final / 100.0)
    weights = probs[unique]
    return np.asarray(weights @ final[unique] / weights.sum())


class BatchSpatialModel(SpatialModel):
    """:class:`~accords.forecasting.smp.SpatialModel` that also evaluates draws in bulk.

    ``fit``/``predict`` are SpatialModel's; ``predict_batch`` is :func:`smp_batch` with this
    model's parameters, so :func:`~accords.forecasting.montecarlo.monte_carlo` runs the draws
    batched (same numbers as the per-draw path).
    """

    tags = ModelTags(batch=True, stochastic=True, needs_salience=True)

    def predict_batch(
        self, capability: FloatArray, position: FloatArray, salience: FloatArray
    ) -> FloatArray:
        """Shapes (b, n), (b, n, d), (b, n, d) -> outcomes (b, d)."""
        return smp_batch(capability, position, salience, model=self)


# ---------------------------------------------------------------- sweeps


def sweep(
    model: ForecastModel,
    problems: Sequence[ActorRanges],
    *,
    n_draws: int = 1000,
    seed: Seed = 0,
    chunk_size: int = 250,
    mapper: Mapper | None = None,
) -> list[ForecastDistribution]:
    """Monte Carlo forecasts of many problems (issues), the chunks of all handed to ``mapper``.

    Each problem's draws come from its own generator, spawned from ``seed`` in problem order,
    and are made before any chunk is evaluated: the numbers do not depend on ``chunk_size``
    or on the mapper (``map`` in-process, a :class:`~accords.forecasting.parallel.DaskMapper`
    on a cluster).

    Parameters
    ----------
    model : ForecastModel
        Evaluated in bulk where it has ``predict_batch`` (e.g. :class:`BatchSpatialModel`).
    problems : sequence of ActorRanges
    n_draws : int, default 1000
        Draws per problem.
    seed : int, Generator or None
    chunk_size : int, default 250
        Draws per chunk.
    mapper : Mapper, optional

    Returns
    -------
    list of ForecastDistribution
        One per problem, in order (``point``: the model on the modes).

    Examples
    --------
    >>> from accords.forecasting.base import Actors
    >>> from accords.forecasting.compromise import CompromiseModel
    >>> a = Actors.from_columns(["a", "b"], [1, 1], [20, 80], [1.0, 1.0])
    >>> out = sweep(CompromiseModel(), [ActorRanges.from_confidence(a, [0.5, 0.5])] * 2,
    ...             n_draws=100, seed=1)
    >>> len(out), out[0].outcomes.shape, bool((out[0].outcomes != out[1].outcomes).any())
    (2, (100, 1), True)
    """
    if chunk_size < 1:
        raise ModelSpecificationError(f"chunk_size: expected a number >= 1, got {chunk_size}")
    children = as_generator(seed).spawn(len(problems))
    chunks: list[_Chunk] = []
    owner: list[int] = []
    for k, (ranges, child) in enumerate(zip(problems, children, strict=True)):
        draws = draw_actors(ranges, n_draws, seed=child)
        for start in range(0, n_draws, chunk_size):
            chunks.append(_Chunk(model, draws.take(start, min(start + chunk_size, n_draws)), None))
            owner.append(k)
    run = mapper if mapper is not None else map
    pieces: list[list[FloatArray]] = [[] for _ in problems]
    for k, result in zip(owner, run(_evaluate_chunk, chunks), strict=True):
        pieces[k].append(result)
    out = []
    for ranges, parts in zip(problems, pieces, strict=True):
        point = model.fit(ranges.actors).predict()
        out.append(
            ForecastDistribution(
                model=point.model,
                dimensions=ranges.actors.dimensions,
                point=point,
                outcomes=np.concatenate(parts, axis=0),
                details={"chunk_size": chunk_size},
            )
        )
    return out
