r"""Out-of-sample validation of forecasts against real outcomes: the protocol, fixed in code.

Every figure the DEU benchmark prints and every fitted weight the ensemble ships comes from
this one protocol:

* **Cases.** The DEU issues that have an outcome and a positive total salience (353 of 364),
  each with the legislative proposal it belongs to (``prnr``).
* **Folds.** Grouped k-fold cross-validation by proposal: the issues of one proposal never
  straddle training and test. :func:`grouped_folds` shuffles the proposals with ``seed`` and
  deals them, largest first, to the fold with the fewest issues so far (folds of near-equal
  size). Defaults: :data:`N_FOLDS` = 10 folds, :data:`SEED` = 0.
* **Fitting.** Anything learned (interval widths, input-noise scales, ensemble weights) is fit
  on the training folds only and scored on the held-out fold; the in-sample figure fits it on
  every case and scores on the same cases.
* **Intervals.** Two ways to put an interval around a model's point forecast:

  - ``"residual"`` (split conformal): the interval at level :math:`L` is the point forecast
    plus the :math:`(1-L)/2` and :math:`(1+L)/2` quantiles of the training residuals
    :math:`y - \hat y`, clipped to 0-100.
  - ``"input-noise"``: the model is run on draws of noisy inputs (positions plus normal noise
    of standard deviation :math:`\sigma_x` points, clipped to 0-100; saliences times
    :math:`e^{\sigma_s z}`, rescaled so that the largest keeps its value); the interval is the
    central :math:`L` of the draws. The noise scales :math:`(\sigma_x, \sigma_s)` are chosen
    from :data:`NOISE_GRID` on the training folds, as the pair of least mean interval score (a
    proper score), and applied to the held-out fold. Draws use common random numbers across
    the grid (one seed per case).

* **Scores.** Mean absolute error; coverage (share of outcomes inside the interval); mean
  width; the interval score of Gneiting & Raftery (2007),
  :math:`S_\alpha(l, u; y) = (u - l) + \frac{2}{\alpha}(l - y)\mathbb 1\{y < l\} +
  \frac{2}{\alpha}(y - u)\mathbb 1\{y > u\}` with :math:`\alpha = 1 - L` (lower is better;
  a proper scoring rule for the quantiles :math:`\alpha/2, 1 - \alpha/2`).

References
----------
.. [1] Gneiting, T. and Raftery, A. E. (2007). Strictly proper scoring rules, prediction, and
   estimation. Journal of the American Statistical Association, 102(477), 359-378.
.. [2] Thomson, R., Stokman, F. N., Achen, C. H. and König, T. (eds.) (2006). The European
   Union Decides. Cambridge University Press (the DEU dataset and its baseline models).

Examples
--------
>>> folds = grouped_folds(["a", "a", "b", "c", "c", "c"], n_folds=2, seed=0)
>>> bool(folds[0] == folds[1]), bool(folds[3] == folds[4] == folds[5])
(True, True)
>>> interval_score(np.array([40.0]), np.array([60.0]), np.array([70.0]), 0.5).tolist()
[60.0]
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from accords.exceptions import ModelSpecificationError
from accords.forecasting.base import Actors
from accords.forecasting.montecarlo import BatchForecastModel
from accords.random import as_generator

__all__ = [
    "LEVELS",
    "NOISE_GRID",
    "N_FOLDS",
    "SEED",
    "DeuCase",
    "InputNoise",
    "IntervalMethod",
    "ModelEvaluation",
    "coverage",
    "deu_cases",
    "evaluate_forecasts",
    "grouped_folds",
    "interval_score",
    "noisy_outcomes",
    "parse_deu_proposals",
    "residual_interval",
]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]
BoolArray = NDArray[np.bool_]

#: Folds of the grouped cross-validation.
N_FOLDS = 10
#: Seed of the fold assignment (and of the input-noise draws).
SEED = 0
#: Interval levels scored.
LEVELS: tuple[float, float] = (0.5, 0.9)

IntervalMethod = Literal["residual", "input-noise"]


# --------------------------------------------------------------------------- cases


@dataclass(frozen=True)
class DeuCase:
    """One scored DEU issue: its actors, the proposal it belongs to and the outcome."""

    id: str
    group: str
    actors: Actors
    outcome: float
    reference: float | None = None
    procedure: str = ""
    voting: str = ""


def parse_deu_proposals(text: str) -> dict[str, dict[str, str]]:
    """Per issue id (``isnr``): its proposal (``prnr``), procedure (``proc``) and voting rule.

    The DEU reader keeps the proposal's name only; the grouping of the protocol needs the
    proposal number, read here from the same tab-separated text.

    Examples
    --------
    >>> text = '"prnr"\\t"isnr"\\t"proc"\\t"counvte"\\n\\t\\t\\t\\n"p1"\\t"p1i1"\\t"COD"\\t"QMV"\\n'
    >>> parse_deu_proposals(text)
    {'p1i1': {'prnr': 'p1', 'proc': 'COD', 'counvte': 'QMV'}}
    """
    rows = list(csv.reader(io.StringIO(text), delimiter="\t"))
    if not rows:
        return {}
    header = [h.strip().strip('"') for h in rows[0]]
    if "isnr" not in header or "prnr" not in header:
        raise ModelSpecificationError(
            f"DEU text: expected columns 'isnr' and 'prnr', got {', '.join(header[:8])} ..."
        )
    wanted = ("prnr", "proc", "counvte")
    out: dict[str, dict[str, str]] = {}
    for row in rows[1:]:
        cells = dict(zip(header, (c.strip().strip('"') for c in row), strict=False))
        issue = cells.get("isnr", "")
        if issue:
            out[issue] = {k: cells.get(k, "") for k in wanted}
    return out


def deu_cases(issues: Sequence[Any], proposals: Mapping[str, Mapping[str, str]]) -> list[DeuCase]:
    """The scored cases: issues with an outcome and a positive total salience, with groups.

    Parameters
    ----------
    issues : sequence of DeuIssue
        ``read_deu(path).issues``.
    proposals : mapping
        :func:`parse_deu_proposals` of the same file; an issue missing there is its own group.
    """
    out = []
    for issue in issues:
        if issue.outcome is None or not issue.actors.salience.sum() > 0:
            continue
        meta = proposals.get(issue.id, {})
        out.append(
            DeuCase(
                id=issue.id,
                group=meta.get("prnr") or issue.id,
                actors=issue.actors,
                outcome=float(issue.outcome),
                reference=issue.reference,
                procedure=meta.get("proc", ""),
                voting=meta.get("counvte", ""),
            )
        )
    return out


def grouped_folds(groups: Sequence[str], *, n_folds: int = N_FOLDS, seed: int = SEED) -> IntArray:
    """The fold (0 .. n_folds - 1) of every case; cases of one group share a fold.

    Groups are shuffled with ``seed``, then dealt largest first to the fold holding the fewest
    cases so far (ties: the lowest fold).

    Raises
    ------
    ModelSpecificationError
        If there are fewer groups than folds, or fewer than 2 folds.

    Examples
    --------
    >>> grouped_folds(["x", "y", "y", "z"], n_folds=3, seed=1).tolist()
    [1, 0, 0, 2]
    """
    unique = sorted(set(groups))
    if n_folds < 2 or len(unique) < n_folds:
        raise ModelSpecificationError(
            f"n_folds: expected 2 <= n_folds <= {len(unique)} (the number of groups), got {n_folds}"
        )
    order = as_generator(seed).permutation(len(unique))
    shuffled = [unique[k] for k in order]
    sizes = dict.fromkeys(unique, 0)
    for g in groups:
        sizes[g] += 1
    load = np.zeros(n_folds, dtype=np.int64)
    fold_of: dict[str, int] = {}
    for g in sorted(shuffled, key=lambda g: -sizes[g]):  # stable: shuffled order among ties
        f = int(np.argmin(load))
        fold_of[g] = f
        load[f] += sizes[g]
    return np.asarray([fold_of[g] for g in groups], dtype=np.intp)


# --------------------------------------------------------------------------- scores


def interval_score(low: FloatArray, high: FloatArray, y: FloatArray, level: float) -> FloatArray:
    """The interval score of each case (Gneiting & Raftery 2007, eq. 43); lower is better.

    Examples
    --------
    >>> interval_score(np.array([0.0, 10.0]), np.array([10.0, 20.0]), np.array([5.0, 25.0]), 0.5)
    array([10., 30.])
    """
    alpha = 1.0 - level
    below = np.maximum(low - y, 0.0)
    above = np.maximum(y - high, 0.0)
    return np.asarray((high - low) + (2.0 / alpha) * (below + above))


def coverage(low: FloatArray, high: FloatArray, y: FloatArray) -> float:
    """Share of outcomes inside their closed interval.

    >>> coverage(np.array([0.0, 0.0]), np.array([1.0, 1.0]), np.array([1.0, 2.0]))
    0.5
    """
    return float(np.mean((y >= low) & (y <= high)))


def residual_interval(
    point: FloatArray, residuals: FloatArray, level: float
) -> tuple[FloatArray, FloatArray]:
    """Point forecasts plus the central ``level`` quantiles of ``residuals`` (y - point), clipped.

    >>> low, high = residual_interval(np.array([50.0]), np.arange(-10.0, 11.0), 0.5)
    >>> low.tolist(), high.tolist()
    ([45.0], [55.0])
    """
    lo_q, hi_q = np.quantile(residuals, [(1.0 - level) / 2.0, (1.0 + level) / 2.0])
    return np.clip(point + lo_q, 0.0, 100.0), np.clip(point + hi_q, 0.0, 100.0)


# --------------------------------------------------------------------------- input noise


@dataclass(frozen=True, order=True)
class InputNoise:
    """Noise on a model's inputs: position standard deviation (points), salience log-sd."""

    position: float = 0.0
    salience: float = 0.0


#: The candidate noise scales of the ``"input-noise"`` intervals (chosen on training folds).
NOISE_GRID: tuple[InputNoise, ...] = tuple(
    InputNoise(p, s) for p in (0.0, 10.0, 20.0, 35.0, 50.0) for s in (0.0, 1.0, 2.0, 3.0, 5.0)
)


def noisy_outcomes(
    model: BatchForecastModel,
    actors: Actors,
    grid: Sequence[InputNoise] = NOISE_GRID,
    *,
    n_draws: int = 200,
    seed: int = SEED,
) -> FloatArray:
    """Outcomes (len(grid), n_draws) of ``model`` on noisy copies of ``actors`` (dimension 0).

    One set of standard normal numbers (from ``seed``) serves every noise scale of ``grid``
    (common random numbers), so scales are compared on the same draws.

    Examples
    --------
    >>> from accords.forecasting.compromise import CompromiseModel
    >>> a = Actors.from_columns(["a", "b"], [1, 1], [20, 80], [1.0, 1.0])
    >>> out = noisy_outcomes(CompromiseModel(), a, [InputNoise(), InputNoise(10, 1)], n_draws=50)
    >>> out.shape, set(out[0].tolist()), bool(out[1].std() > 5)
    ((2, 50), {50.0}, True)
    """
    rng = as_generator(seed)
    n = actors.n_actors
    z_pos = rng.standard_normal((n_draws, n, actors.n_dimensions))
    z_sal = rng.standard_normal((n_draws, n, actors.n_dimensions))
    out = np.empty((len(grid), n_draws))
    capability = np.broadcast_to(actors.capability, (n_draws, n))
    top = actors.salience.max(axis=0)
    for g, noise in enumerate(grid):
        position = np.clip(actors.position[None] + noise.position * z_pos, 0.0, 100.0)
        salience = actors.salience[None] * np.exp(noise.salience * z_sal)
        salience = salience / np.maximum(salience.max(axis=1)[:, None], 1e-300) * top
        out[g] = np.asarray(model.predict_batch(capability, position, salience))[:, 0]
    return out


# --------------------------------------------------------------------------- evaluation


@dataclass(frozen=True)
class ModelEvaluation:
    """A model's figures under the protocol (all means over the scored cases).

    ``*_in``: fitted and scored on every case; ``*_oos``: each fold scored with what was fitted
    on the other folds. ``coverage``, ``width`` and ``score`` map a level (0.5, 0.9) to the
    figure. ``noise`` is the input-noise scale chosen on every case (``"input-noise"`` only).
    """

    label: str
    method: IntervalMethod
    n: int
    mae_in: float
    mae_oos: float
    mae_fold_sd: float
    coverage_in: dict[float, float]
    coverage_oos: dict[float, float]
    width_oos: dict[float, float]
    score_in: dict[float, float]
    score_oos: dict[float, float]
    noise: InputNoise | None = None
    fold_mae: tuple[float, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """A plain, JSON-ready record."""
        return {
            "label": self.label,
            "method": self.method,
            "n": self.n,
            "mae_in": self.mae_in,
            "mae_oos": self.mae_oos,
            "mae_fold_sd": self.mae_fold_sd,
            "coverage_in": {str(k): v for k, v in self.coverage_in.items()},
            "coverage_oos": {str(k): v for k, v in self.coverage_oos.items()},
            "width_oos": {str(k): v for k, v in self.width_oos.items()},
            "score_in": {str(k): v for k, v in self.score_in.items()},
            "score_oos": {str(k): v for k, v in self.score_oos.items()},
            "noise": None
            if self.noise is None
            else {"position": self.noise.position, "salience": self.noise.salience},
            "fold_mae": list(self.fold_mae),
        }


#: Point forecasts for every case, made with whatever was fitted on the cases of the mask.
PointFitter = Callable[[BoolArray], FloatArray]


def _fixed(point: FloatArray) -> PointFitter:
    return lambda train: point


def _noise_choice(draws: FloatArray, y: FloatArray, levels: Sequence[float]) -> int:
    """Grid index of least mean interval score over ``levels`` (cases: axis 0 of ``draws``)."""
    total = np.zeros(draws.shape[1])
    for level in levels:
        q = np.quantile(draws, [(1 - level) / 2, (1 + level) / 2], axis=2)  # (2, cases, grid)
        total += interval_score(q[0], q[1], y[:, None], level).mean(axis=0)
    return int(np.argmin(total))


def _draw_interval(draws: FloatArray, level: float) -> tuple[FloatArray, FloatArray]:
    q = np.quantile(draws, [(1 - level) / 2, (1 + level) / 2], axis=1)
    return q[0], q[1]


def evaluate_forecasts(
    label: str,
    point: FloatArray | PointFitter,
    y: FloatArray,
    folds: IntArray,
    *,
    method: IntervalMethod = "residual",
    draws: FloatArray | None = None,
    grid: Sequence[InputNoise] = NOISE_GRID,
    levels: Sequence[float] = LEVELS,
) -> ModelEvaluation:
    """Score one model under the protocol: MAE, coverage, width and interval score.

    Parameters
    ----------
    label : str
    point : ndarray of shape (n,) or callable
        The point forecasts (a model with nothing to fit), or a function that, given the
        boolean mask of the training cases, returns forecasts for every case (a fitted model
        such as the ensemble).
    y : ndarray of shape (n,)
        Outcomes.
    folds : ndarray of shape (n,)
        :func:`grouped_folds`.
    method : {"residual", "input-noise"}
        How intervals are made (module notes).
    draws : ndarray of shape (n, len(grid), n_draws), optional
        :func:`noisy_outcomes` of every case; required for ``"input-noise"``.

    Raises
    ------
    ModelSpecificationError
        If ``"input-noise"`` comes without draws, or shapes disagree.
    """
    fit = _fixed(np.asarray(point)) if isinstance(point, np.ndarray) else point
    n = y.size
    if folds.shape != (n,):
        raise ModelSpecificationError(f"folds: expected shape ({n},), got {folds.shape}")
    if method == "input-noise" and (draws is None or draws.shape[:2] != (n, len(grid))):
        raise ModelSpecificationError(
            f"input-noise intervals: expected draws of shape ({n}, {len(grid)}, n_draws), got "
            f"{None if draws is None else draws.shape}"
        )
    everyone = np.ones(n, dtype=bool)

    def intervals(
        pred: FloatArray, train: BoolArray, test: BoolArray, level: float
    ) -> tuple[FloatArray, FloatArray, int | None]:
        if method == "residual":
            low, high = residual_interval(pred[test], y[train] - pred[train], level)
            return low, high, None
        assert draws is not None
        g = _noise_choice(draws[train], y[train], levels)
        low, high = _draw_interval(draws[test, g], level)
        return low, high, g

    in_pred = fit(everyone)
    cov_in: dict[float, float] = {}
    score_in: dict[float, float] = {}
    chosen: int | None = None
    for level in levels:
        low, high, chosen = intervals(in_pred, everyone, everyone, level)
        cov_in[level] = coverage(low, high, y)
        score_in[level] = float(interval_score(low, high, y, level).mean())

    oos_pred = np.empty(n)
    low_oos = {level: np.empty(n) for level in levels}
    high_oos = {level: np.empty(n) for level in levels}
    fold_mae = []
    for f in np.unique(folds):
        test = folds == f
        train = ~test
        pred = fit(train)
        oos_pred[test] = pred[test]
        fold_mae.append(float(np.mean(np.abs(pred[test] - y[test]))))
        for level in levels:
            low, high, _ = intervals(pred, train, test, level)
            low_oos[level][test] = low
            high_oos[level][test] = high
    return ModelEvaluation(
        label=label,
        method=method,
        n=n,
        mae_in=float(np.mean(np.abs(in_pred - y))),
        mae_oos=float(np.mean(np.abs(oos_pred - y))),
        mae_fold_sd=float(np.std(fold_mae, ddof=1)),
        coverage_in=cov_in,
        coverage_oos={lv: coverage(low_oos[lv], high_oos[lv], y) for lv in levels},
        width_oos={lv: float(np.mean(high_oos[lv] - low_oos[lv])) for lv in levels},
        score_in=score_in,
        score_oos={
            lv: float(interval_score(low_oos[lv], high_oos[lv], y, lv).mean()) for lv in levels
        },
        noise=None if chosen is None else tuple(grid)[chosen],
        fold_mae=tuple(fold_mae),
    )
