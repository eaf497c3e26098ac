r"""Monte Carlo forecasts: uncertain inputs in, a distribution of outcomes out.

An actor's position, salience and capability may each be given as a range, low / mode / high
(:class:`ActorRanges`). :func:`draw_actors` draws every input from the triangular distribution
on its range, all draws at once; :func:`monte_carlo` runs a model on every draw and returns a
:class:`ForecastDistribution`: the point forecast (the model run on the modes), the median of
the draws and their 50 % and 90 % intervals.

Confidence instead of a range
-----------------------------
A corpus stance carries a confidence :math:`c \in [0, 1]` rather than a range.
:meth:`ActorRanges.from_confidence` turns it into a symmetric triangular range around the
position whose half-width grows linearly as the confidence falls:

.. math:: h(c) = (1 - c)\, h_{max}, \qquad
          [\max(0, x - h), \; x, \; \min(100, x + h)]

with :math:`h_{max}` = 25 points by default: full confidence is an exact position, 0.5 gives
:math:`\pm 12.5` points (standard deviation :math:`h/\sqrt 6 \approx 5.1`), 0 gives
:math:`\pm 25`. Ranges are clipped to the 0-100 scale (the mode stays where it is).

Models tagged ``batch`` (:class:`~accords.forecasting.base.ModelTags`: the one-shot models
of :mod:`accords.forecasting.compromise`, with ``predict_batch(capability, position,
salience)``) are evaluated on all draws in one array operation; any other
:class:`~accords.forecasting.base.ForecastModel` is fitted draw by draw, and if it is tagged
``stochastic`` each draw gets its own seed, drawn from ``seed``.

Limits
------
The draws of one problem take ``n_draws x n_actors x (1 + 2 d)`` numbers in memory. A run is
refused before anything is allocated when ``n_draws x n_actors x n_dimensions`` exceeds
:data:`MAX_DRAW_CELLS` (10 million: 2,000 draws of 5,000 actors, or 1,000,000 draws of 10
actors on one issue; about 0.3 GB), with a :class:`~accords.exceptions.ForecastTooLargeError`
that says which limit was hit. Seeds are whole numbers >= 0 (or a generator). Draws are cut into
chunks that a ``mapper`` (the built-in :func:`map`, or
:class:`accords.forecasting.parallel.DaskMapper`) evaluates; the draws are made before the
chunks are handed out, so a run gives the same numbers in-process and on a cluster.

Examples
--------
>>> from accords.forecasting.base import Actors
>>> from accords.forecasting.compromise import CompromiseModel
>>> actors = Actors.from_columns(["a", "b"], [1, 1], [20, 80], [1.0, 1.0])
>>> ranges = ActorRanges.from_confidence(actors, [0.5, 0.5])
>>> ranges.position_low[:, 0].tolist(), ranges.position_high[:, 0].tolist()
([7.5, 67.5], [32.5, 92.5])
>>> dist = monte_carlo(CompromiseModel(), ranges, n_draws=2000, seed=1)
>>> float(dist.point.outcome[0])
50.0
>>> low, high = dist.interval(0.9)
>>> bool(low[0] < 50 < high[0]), bool(high[0] - low[0] < 25)
(True, True)
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar, cast, runtime_checkable

import numpy as np
from numpy.typing import ArrayLike, NDArray

from accords.exceptions import ForecastTooLargeError, ModelSpecificationError
from accords.forecasting.base import Actors, BaseForecastModel, Forecast, ForecastModel, model_tags
from accords.random import Seed, as_generator

__all__ = [
    "DEFAULT_MAX_HALF_WIDTH",
    "MAX_DRAW_CELLS",
    "ActorDraws",
    "ActorRanges",
    "BatchForecastModel",
    "ForecastDistribution",
    "Mapper",
    "ProgressCallback",
    "check_draw_budget",
    "check_seed",
    "confidence_half_width",
    "draw_actors",
    "monte_carlo",
    "triangular",
]

FloatArray = NDArray[np.float64]
T = TypeVar("T")
R = TypeVar("R")

#: Half-width (points on 0-100) of the range of a position held with confidence 0.
DEFAULT_MAX_HALF_WIDTH = 25.0
#: Elements per block of the triangular transform (blocks stay in cache).
_BLOCK_ELEMENTS = 1 << 15
#: Draws per chunk for models evaluated in one array operation.
BATCH_CHUNK = 2048

#: Largest ``n_draws x n_actors x n_dimensions`` of one Monte Carlo run (see "Limits").
MAX_DRAW_CELLS = 10_000_000

#: Called with (draws done, draws in all) after each chunk.
ProgressCallback = Callable[[int, int], None]


class Mapper(Protocol):
    """Something that maps a function over items and yields the results in order (``map``)."""

    def __call__(self, func: Callable[[T], R], items: Sequence[T], /) -> Iterable[R]: ...


@runtime_checkable
class BatchForecastModel(Protocol):
    """A model that evaluates many actor tables in one array operation."""

    name: str

    def predict_batch(
        self, capability: FloatArray, position: FloatArray, salience: FloatArray
    ) -> FloatArray:
        """Shapes (b, n), (b, n, d), (b, n, d) -> outcomes (b, d)."""
        ...


# --------------------------------------------------------------------------- limits


def check_seed(seed: Seed) -> None:
    """Refuse a seed that is not a whole number >= 0, a generator or None.

    Raises
    ------
    ModelSpecificationError

    Examples
    --------
    >>> check_seed(0), check_seed(None)
    (None, None)
    >>> check_seed(-1)
    Traceback (most recent call last):
    ...
    accords.exceptions.ModelSpecificationError: seed: expected a whole number >= 0, got -1
    """
    if seed is None or isinstance(seed, np.random.Generator):
        return
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise ModelSpecificationError(f"seed: expected a whole number >= 0, got {seed!r}")


def check_draw_budget(n_draws: int, n_actors: int, n_dimensions: int, *, where: str = "") -> None:
    """Refuse a Monte Carlo run larger than :data:`MAX_DRAW_CELLS`, before allocating it.

    Parameters
    ----------
    n_draws, n_actors, n_dimensions : int
    where : str, optional
        What is being forecast (an issue or problem name), for the message.

    Raises
    ------
    ForecastTooLargeError
        Naming the limit, the size asked for and the largest number of draws that fits.

    Examples
    --------
    >>> check_draw_budget(2000, 30, 1)
    >>> check_draw_budget(1_000_000_000, 12, 1, where="nato-membership")
    Traceback (most recent call last):
    ...
    accords.exceptions.ForecastTooLargeError: nato-membership: 1,000,000,000 draws x 12 actors \
x 1 dimension(s) = 12,000,000,000 exceeds the limit of 10,000,000 (MAX_DRAW_CELLS); \
use at most 833,333 draws here
    """
    if n_draws < 1:
        raise ModelSpecificationError(f"n_draws: expected a whole number >= 1, got {n_draws}")
    size = n_draws * max(1, n_actors) * max(1, n_dimensions)
    if size > MAX_DRAW_CELLS:
        fits = MAX_DRAW_CELLS // (max(1, n_actors) * max(1, n_dimensions))
        prefix = f"{where}: " if where else ""
        raise ForecastTooLargeError(
            f"{prefix}{n_draws:,} draws x {n_actors} actors x {n_dimensions} dimension(s) = "
            f"{size:,} exceeds the limit of {MAX_DRAW_CELLS:,} (MAX_DRAW_CELLS); "
            f"use at most {fits:,} draws here"
        )


# --------------------------------------------------------------------------- inputs


def confidence_half_width(
    confidence: ArrayLike, *, max_half_width: float = DEFAULT_MAX_HALF_WIDTH
) -> FloatArray:
    """Half-width of the position range of a stance held with ``confidence``: (1 - c) h_max.

    Examples
    --------
    >>> confidence_half_width([1.0, 0.5, 0.0]).tolist()
    [0.0, 12.5, 25.0]
    """
    c = np.asarray(confidence, dtype=np.float64)
    if np.any((c < 0) | (c > 1)) or not np.all(np.isfinite(c)):
        raise ModelSpecificationError("confidence: expected values in [0, 1]")
    if not (np.isfinite(max_half_width) and max_half_width >= 0):
        raise ModelSpecificationError(
            f"max_half_width: expected a number >= 0, got {max_half_width}"
        )
    return np.asarray(max_half_width - c * max_half_width)


@dataclass(frozen=True)
class ActorRanges:
    """Actors whose inputs are uncertain: a (low, mode, high) range for each.

    Parameters
    ----------
    actors : Actors
        The modes (most likely values).
    position_low, position_high : ndarray of shape (n, d), optional
        Default: the mode (no uncertainty).
    salience_low, salience_high : ndarray of shape (n, d), optional
    capability_low, capability_high : ndarray of shape (n,), optional

    Raises
    ------
    ModelSpecificationError
        If a shape is wrong, low <= mode <= high fails, or a bound leaves its scale (positions
        0-100, saliences 0-1, capabilities >= 0).

    Examples
    --------
    >>> a = Actors.from_columns(["a", "b"], [1, 2], [10, 90], [0.5, 1.0])
    >>> r = ActorRanges(a, position_low=[[0], [80]], position_high=[[30], [95]])
    >>> r.is_exact, ActorRanges(a).is_exact
    (False, True)
    >>> ActorRanges(a, position_low=[[20], [80]])
    Traceback (most recent call last):
    ...
    accords.exceptions.ModelSpecificationError: position of actor 'a' (dimension 'dim1'): \
expected low <= mode <= high, got 20 > 10
    """

    actors: Actors
    position_low: FloatArray | None = None
    position_high: FloatArray | None = None
    salience_low: FloatArray | None = None
    salience_high: FloatArray | None = None
    capability_low: FloatArray | None = None
    capability_high: FloatArray | None = None

    def __post_init__(self) -> None:
        a = self.actors
        specs: list[tuple[str, str, FloatArray, float, float]] = [
            ("position_low", "position_high", a.position, 0.0, 100.0),
            ("salience_low", "salience_high", a.salience, 0.0, 1.0),
            ("capability_low", "capability_high", a.capability, 0.0, np.inf),
        ]
        for low_name, high_name, mode, lower, upper in specs:
            what = low_name.split("_")[0]
            bounds = []
            for name in (low_name, high_name):
                raw = getattr(self, name)
                value = mode.copy() if raw is None else np.asarray(raw, dtype=np.float64)
                if value.ndim == 1 and mode.ndim == 2:
                    value = value[:, None]
                if value.shape != mode.shape:
                    raise ModelSpecificationError(
                        f"{name}: expected shape {mode.shape}, got {value.shape}"
                    )
                if not np.all(np.isfinite(value)) or np.any(value < lower) or np.any(value > upper):
                    scale = f"[{lower:g}, {upper:g}]" if np.isfinite(upper) else f">= {lower:g}"
                    raise ModelSpecificationError(f"{name}: expected finite values in {scale}")
                bounds.append(value)
            low, high = bounds
            for side, bad in (("low", low > mode), ("high", high < mode)):
                if np.any(bad):
                    index = tuple(int(v) for v in np.argwhere(bad)[0])
                    actor = a.names[index[0]]
                    where = f" (dimension {a.dimensions[index[1]]!r})" if len(index) > 1 else ""
                    got = low[index] if side == "low" else high[index]
                    sign = ">" if side == "low" else "<"
                    raise ModelSpecificationError(
                        f"{what} of actor {actor!r}{where}: expected low <= mode <= high, "
                        f"got {got:g} {sign} {mode[index]:g}"
                    )
            object.__setattr__(self, low_name, low)
            object.__setattr__(self, high_name, high)

    @classmethod
    def exact(cls, actors: Actors) -> ActorRanges:
        """Ranges that hold only the modes (a Monte Carlo run then repeats the point forecast)."""
        return cls(actors)

    @classmethod
    def from_confidence(
        cls,
        actors: Actors,
        confidence: ArrayLike,
        *,
        max_half_width: float = DEFAULT_MAX_HALF_WIDTH,
    ) -> ActorRanges:
        """Position ranges from each actor's confidence (see the module notes for the mapping).

        Parameters
        ----------
        actors : Actors
        confidence : array-like of shape (n,) or (n, d)
            Confidence in [0, 1] of each actor's position.
        max_half_width : float, default 25
            Half-width of the range at confidence 0, in points on 0-100.
        """
        c = np.asarray(confidence, dtype=np.float64)
        if c.ndim == 1:
            c = c[:, None]
        if c.shape[0] != actors.n_actors or c.shape[1] not in (1, actors.n_dimensions):
            raise ModelSpecificationError(
                f"confidence: expected shape ({actors.n_actors},) or "
                f"({actors.n_actors}, {actors.n_dimensions}), got {np.shape(confidence)}"
            )
        half = confidence_half_width(c, max_half_width=max_half_width)
        low = np.clip(actors.position - half, 0.0, 100.0)
        high = np.clip(actors.position + half, 0.0, 100.0)
        return cls(actors, position_low=low, position_high=high)

    @property
    def is_exact(self) -> bool:
        """True when no input has a range."""
        return all(
            np.array_equal(getattr(self, f"{what}_low"), getattr(self, f"{what}_high"))
            for what in ("position", "salience", "capability")
        )

    def _bounds(self, what: str) -> tuple[FloatArray, FloatArray]:
        low = getattr(self, f"{what}_low")
        high = getattr(self, f"{what}_high")
        return np.asarray(low), np.asarray(high)


@dataclass(frozen=True)
class ActorDraws:
    """Draws of every actor's inputs: capability (b, n), position and salience (b, n, d)."""

    names: tuple[str, ...]
    dimensions: tuple[str, ...]
    capability: FloatArray
    position: FloatArray
    salience: FloatArray

    @property
    def n_draws(self) -> int:
        return int(self.capability.shape[0])

    def actors(self, index: int) -> Actors:
        """The actor table of one draw."""
        return Actors(
            self.names,
            self.capability[index],
            self.position[index],
            self.salience[index],
            self.dimensions,
        )

    def take(self, start: int, stop: int) -> ActorDraws:
        """Draws ``start`` to ``stop`` (a chunk)."""
        return ActorDraws(
            self.names,
            self.dimensions,
            self.capability[start:stop],
            self.position[start:stop],
            self.salience[start:stop],
        )


def triangular(low: ArrayLike, mode: ArrayLike, high: ArrayLike, uniform: ArrayLike) -> FloatArray:
    r"""Inverse CDF of the triangular distribution, also where low = high.

    .. math:: x = a + \sqrt{u (b - a)(m - a)} \text{ if } u < \tfrac{m - a}{b - a},
              \text{ else } b - \sqrt{(1 - u)(b - a)(b - m)}

    Examples
    --------
    >>> triangular(0.0, 50.0, 100.0, [0.0, 0.5, 1.0]).tolist()
    [0.0, 50.0, 100.0]
    >>> triangular(30.0, 30.0, 30.0, [0.2, 0.9]).tolist()
    [30.0, 30.0]
    """
    a = np.asarray(low, dtype=np.float64)
    m = np.asarray(mode, dtype=np.float64)
    b = np.asarray(high, dtype=np.float64)
    u = np.asarray(uniform, dtype=np.float64)
    width = b - a
    with np.errstate(divide="ignore", invalid="ignore"):
        split = np.where(width > 0, (m - a) / width, 0.5)
    left = a + np.sqrt(u * (width * (m - a)))
    right = b - np.sqrt((1.0 - u) * (width * (b - m)))
    return np.asarray(np.clip(np.where(u < split, left, right), a, b))


def _triangular_columns(
    low: FloatArray, mode: FloatArray, high: FloatArray, u: FloatArray
) -> FloatArray:
    """:func:`triangular` for ranges of shape (k,) with low < high and u of shape (k, draws).

    Same formula, laid out so that each range's constants apply along a contiguous row of
    draws, computed in place on blocks of draws that stay small (no page faults, no cache
    misses); returns shape (draws, k).
    """
    width = high - low
    a, b = low[:, None], high[:, None]
    split = ((mode - low) / width)[:, None]
    k_left = (width * (mode - low))[:, None]
    k_right = (width * (high - mode))[:, None]
    n_draws = u.shape[1]
    out = np.empty((n_draws, u.shape[0]))
    step = max(64, _BLOCK_ELEMENTS // max(1, u.shape[0]))
    left = np.empty((u.shape[0], min(step, n_draws)))
    right = np.empty_like(left)
    mask = np.empty(left.shape, dtype=bool)
    for lo in range(0, n_draws, step):
        hi = min(lo + step, n_draws)
        ub, lv, rv, mv = u[:, lo:hi], left[:, : hi - lo], right[:, : hi - lo], mask[:, : hi - lo]
        np.multiply(ub, k_left, out=lv)
        np.sqrt(lv, out=lv)
        lv += a
        np.subtract(1.0, ub, out=rv)
        rv *= k_right
        np.sqrt(rv, out=rv)
        np.subtract(b, rv, out=rv)
        # lv = rv + (u < split) (lv - rv): an arithmetic select, faster than np.where on
        # random masks (nothing to mispredict)
        lv -= rv
        np.less(ub, split, out=mv)
        lv *= mv
        lv += rv
        np.maximum(lv, a, out=lv)
        np.minimum(lv, b, out=lv)
        out[lo:hi] = lv.T
    return out


def draw_actors(ranges: ActorRanges, n_draws: int, *, seed: Seed = None) -> ActorDraws:
    """Draw every input from the triangular distribution on its range, ``n_draws`` times.

    Inputs without a range (low = high) keep their mode; uniform numbers are drawn only for
    the others, in a fixed order (positions, then saliences, then capabilities, each in actor
    order), so a seed and the same ranges give the same draws.

    Examples
    --------
    >>> a = Actors.from_columns(["a", "b"], [1, 2], [10, 90], [0.5, 1.0])
    >>> draws = draw_actors(ActorRanges.from_confidence(a, [0.0, 1.0]), 500, seed=3)
    >>> draws.position.shape, bool(draws.position[:, 0, 0].std() > 0)
    ((500, 2, 1), True)
    >>> sorted(set(draws.position[:, 1, 0].tolist()))
    [90.0]
    """
    a = ranges.actors
    check_draw_budget(n_draws, a.n_actors, a.n_dimensions)
    check_seed(seed)
    rng = as_generator(seed)
    out: dict[str, FloatArray] = {}
    for what, mode in (
        ("position", a.position),
        ("salience", a.salience),
        ("capability", a.capability),
    ):
        low, high = (v.reshape(-1) for v in ranges._bounds(what))
        flat_mode = mode.reshape(-1)
        uncertain = np.flatnonzero(low < high)
        if uncertain.size == flat_mode.size:
            u = rng.random((uncertain.size, n_draws))
            values = _triangular_columns(low, flat_mode, high, u)
        else:
            values = np.empty((n_draws, flat_mode.size))
            values[...] = flat_mode
            if uncertain.size:
                u = rng.random((uncertain.size, n_draws))
                values[:, uncertain] = _triangular_columns(
                    low[uncertain], flat_mode[uncertain], high[uncertain], u
                )
        out[what] = values.reshape(n_draws, *mode.shape)
    return ActorDraws(a.names, a.dimensions, out["capability"], out["position"], out["salience"])


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class ForecastDistribution:
    """A model's forecast under uncertain inputs.

    Parameters
    ----------
    model : str
        The model's name.
    dimensions : tuple of str
    point : Forecast
        The model run on the modes.
    outcomes : ndarray of shape (n_draws, d)
        The outcome of every draw (``nan`` where the model had no answer).

    Examples
    --------
    >>> import numpy as np
    >>> from accords.forecasting.base import Forecast
    >>> point = Forecast("m", np.array([50.0]), np.zeros((1, 1, 1)))
    >>> dist = ForecastDistribution("m", ("x",), point, np.arange(101.0)[:, None])
    >>> dist.median.tolist(), [v.tolist() for v in dist.interval(0.5)]
    ([50.0], [[25.0], [75.0]])
    """

    model: str
    dimensions: tuple[str, ...]
    point: Forecast
    outcomes: FloatArray
    details: dict[str, object] = field(default_factory=dict)

    @property
    def n_draws(self) -> int:
        return int(self.outcomes.shape[0])

    @property
    def median(self) -> FloatArray:
        """Median outcome of the draws on each dimension."""
        return self.quantile(0.5)

    def quantile(self, q: float) -> FloatArray:
        """Quantile ``q`` of the draws' outcomes on each dimension (draws without an answer
        left out)."""
        if not np.any(np.isnan(self.outcomes)):
            return np.asarray(np.quantile(self.outcomes, q, axis=0))
        if np.all(np.isnan(self.outcomes)):
            return np.full(self.outcomes.shape[1], np.nan)
        return np.asarray(np.nanquantile(self.outcomes, q, axis=0))

    def interval(self, level: float) -> tuple[FloatArray, FloatArray]:
        """Central interval holding ``level`` of the draws: quantiles (1 -+ level) / 2."""
        if not 0.0 < level < 1.0:
            raise ModelSpecificationError(f"level: expected a value in (0, 1), got {level}")
        return self.quantile((1.0 - level) / 2.0), self.quantile((1.0 + level) / 2.0)

    def summary(self) -> list[dict[str, Any]]:
        """One plain record per dimension: point, median, mean, sd, 50 % and 90 % intervals."""
        low50, high50 = self.interval(0.5)
        low90, high90 = self.interval(0.9)
        median = self.median
        finite = np.isfinite(self.outcomes)
        rows = []
        for k, dim in enumerate(self.dimensions):
            values = self.outcomes[finite[:, k], k]
            rows.append(
                {
                    "dimension": dim,
                    "point": float(self.point.outcome[k]),
                    "median": float(median[k]),
                    "mean": float(values.mean()) if values.size else float("nan"),
                    "sd": float(values.std()) if values.size else float("nan"),
                    "interval_50": [float(low50[k]), float(high50[k])],
                    "interval_90": [float(low90[k]), float(high90[k])],
                    "n_draws": self.n_draws,
                    "n_failed": int(self.n_draws - values.size),
                }
            )
        return rows


# --------------------------------------------------------------------------- running


@dataclass(frozen=True)
class _Chunk:
    model: Any
    draws: ActorDraws
    seeds: tuple[int, ...] | None


def _with_seed(model: Any, seed: int) -> Any:
    if isinstance(model, BaseForecastModel):
        return model.clone(seed=seed)
    clone = copy.copy(model)
    clone.seed = seed
    return clone


def _evaluate_chunk(chunk: _Chunk) -> FloatArray:
    """Outcomes (b, d) of one chunk of draws (module level, so that workers can unpickle it)."""
    model, draws = chunk.model, chunk.draws
    if model_tags(model).batch:
        batch = cast(BatchForecastModel, model)
        return np.asarray(
            batch.predict_batch(draws.capability, draws.position, draws.salience),
            dtype=np.float64,
        )
    out = np.empty((draws.n_draws, len(draws.dimensions)))
    for i in range(draws.n_draws):
        m = model if chunk.seeds is None else _with_seed(model, chunk.seeds[i])
        try:
            out[i] = m.fit(draws.actors(i)).predict().outcome
        except ModelSpecificationError:
            out[i] = np.nan
    return out


def monte_carlo(
    model: ForecastModel,
    ranges: ActorRanges | Actors,
    *,
    n_draws: int = 1000,
    seed: Seed = None,
    chunk_size: int | None = None,
    mapper: Mapper | None = None,
    progress: ProgressCallback | None = None,
) -> ForecastDistribution:
    """Run ``model`` on ``n_draws`` draws of the uncertain inputs.

    Parameters
    ----------
    model : ForecastModel
        Any model of the protocol; one with ``predict_batch`` is evaluated in bulk.
    ranges : ActorRanges or Actors
        The inputs (Actors: no uncertainty).
    n_draws : int, default 1000
    seed : int, Generator or None
        Every draw (and every per-draw model seed) comes from it.
    chunk_size : int, optional
        Draws per chunk handed to ``mapper`` (default: 10,000 for batch models, about 1 % of
        the draws otherwise). The numbers do not depend on it.
    mapper : Mapper, optional
        How chunks are evaluated: the built-in ``map`` (default) or a
        :class:`~accords.forecasting.parallel.DaskMapper`.
    progress : callable, optional
        Called with (draws done, n_draws) after each chunk.

    Returns
    -------
    ForecastDistribution

    Raises
    ------
    ModelSpecificationError
        If the model cannot forecast the modes, ``n_draws`` or ``chunk_size`` is below 1, or
        ``seed`` is negative.
    ForecastTooLargeError
        If ``n_draws x n_actors x n_dimensions`` exceeds :data:`MAX_DRAW_CELLS`.
    """
    if isinstance(ranges, Actors):
        ranges = ActorRanges.exact(ranges)
    check_draw_budget(n_draws, ranges.actors.n_actors, ranges.actors.n_dimensions)
    check_seed(seed)
    point = model.fit(ranges.actors).predict()
    rng = as_generator(seed)
    draws = draw_actors(ranges, n_draws, seed=rng)
    tags = model_tags(model)
    batch = tags.batch
    seeds: NDArray[np.int64] | None = None
    if not batch and tags.stochastic:
        seeds = rng.integers(0, np.iinfo(np.int64).max, size=n_draws)
    if chunk_size is None:
        chunk_size = BATCH_CHUNK if batch else max(1, n_draws // 100)
    if chunk_size < 1:
        raise ModelSpecificationError(f"chunk_size: expected a number >= 1, got {chunk_size}")
    chunks = [
        _Chunk(
            model,
            draws.take(start, min(start + chunk_size, n_draws)),
            None
            if seeds is None
            else tuple(int(s) for s in seeds[start : min(start + chunk_size, n_draws)]),
        )
        for start in range(0, n_draws, chunk_size)
    ]
    run = mapper if mapper is not None else map
    results: list[FloatArray] = []
    done = 0
    for chunk, result in zip(chunks, run(_evaluate_chunk, chunks), strict=True):
        results.append(result)
        done += chunk.draws.n_draws
        if progress is not None:
            progress(done, n_draws)
    outcomes = np.concatenate(results, axis=0)
    return ForecastDistribution(
        model=point.model,
        dimensions=ranges.actors.dimensions,
        point=point,
        outcomes=outcomes,
        details={"batch": batch, "chunk_size": chunk_size},
    )
