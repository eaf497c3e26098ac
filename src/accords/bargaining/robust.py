r"""Robust packages: the package most likely to be accepted by every veto player.

Stances are uncertain: a red line reported with confidence 0.3, or inferred rather than
quoted, should not bind like a quoted one. :func:`robust_package` draws the stances, builds
the parties' utilities in each draw (a *scenario*) and finds the package that the largest share
of scenarios accepts, where a package is accepted in a scenario when it crosses no red line
present there and gives every party at least its reservation value.

How a stance is drawn (each independently, seeded):

* **Red lines.** Each red line of each stance is present with probability
  :math:`c \cdot b`, :math:`c` the stance's confidence and :math:`b` its basis factor
  (:data:`BASIS_FACTOR`: quoted 1, inferred 0.8, assumption 0.6; a stance without a ``basis``
  counts as quoted). As in :func:`~accords.bargaining.from_corpus.utilities_from_stances`, a red
  line on the party's own ideal is dropped.
* **Ideals.** Within the stance's ``position_range`` (triangular) where it has one, else
  triangular on :math:`x \pm (1 - c)\,25 / b` points (clipped to the issue's span).
* **Saliences.** Triangular on :math:`s (1 \pm (1 - c)/2)` (clipped to [0, 1]; 0.5 where no
  salience is stated); weights are renormalised per party in each draw.

Values follow the ``"span"`` rule of ``utilities_from_stances``; reservation values are fixed.

The search is exact for the scenarios drawn: a mixed-integer programme (HiGHS) with one-hot
option variables :math:`x` and one binary :math:`z_s` per scenario, maximising
:math:`\sum_s z_s` subject to :math:`u^s_p(x) \ge d_p z_s` for every party and
:math:`x_{ij} + z_s \le 1` for every red line present in scenario :math:`s`. Its optimum is
optimistically biased (it is chosen on those scenarios), so the probability reported is
estimated on a second, independent set of draws, with a 95 % Wilson interval.

The sensitivity ranking says which uncertain stances decide the chosen package: for each red
line the package crosses, the acceptance rate when it is absent minus when it is present; for
each ideal and salience, the acceptance rate in the upper half of its draws minus the lower
half (evaluation draws). Largest absolute effect first.

Examples
--------
>>> from accords.model import Corpus, Issue, Option, Party, Stance
>>> corpus = Corpus(id="toy", title="Toy",
...     parties=(Party(id="a", name="A", kind="state"), Party(id="b", name="B", kind="state")),
...     issues=(Issue(id="fish", title="Fishing quota", options=(
...         Option(id="low", position=0, description="low"),
...         Option(id="mid", position=50, description="mid"),
...         Option(id="high", position=100, description="high"))),),
...     stances=(Stance(party="a", issue="fish", ideal="high", red_lines=("low",),
...                     confidence=0.9, assumption="toy"),
...              Stance(party="b", issue="fish", ideal="low", red_lines=("high",),
...                     confidence=0.3, assumption="toy")))
>>> report = robust_package(corpus, n_draws=200, seed=0)
>>> report.package
{'fish': 'mid'}
>>> report.probability
1.0
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import highspy
import numpy as np
from numpy.typing import NDArray

from accords.bargaining._highs import new_highs
from accords.bargaining.from_corpus import (
    _ideal_position,
    _primary,
    space_from_corpus,
    utilities_from_stances,
)
from accords.exceptions import ModelSpecificationError
from accords.model import Corpus
from accords.model.documents import Document
from accords.random import Seed, as_generator

__all__ = [
    "BASIS_FACTOR",
    "RobustPackageDocument",
    "RobustReport",
    "Scenarios",
    "Sensitivity",
    "acceptance",
    "draw_scenarios",
    "robust_package",
]

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]

#: How much a stance's basis discounts its confidence (and widens its ideal's range).
BASIS_FACTOR: dict[str, float] = {"quoted": 1.0, "inferred": 0.8, "assumption": 0.6}
_MAX_HALF_WIDTH = 25.0
_TOL = 1e-9


@dataclass(frozen=True)
class _Uncertain:
    kind: str  # "red-line", "ideal", "salience"
    party: int
    issue: int
    option: int  # red lines only
    label: str


@dataclass(frozen=True)
class Scenarios:
    """Draws of every party's utilities: ``tables[s, p, c]`` (weight x value of column c),
    ``red[s, p, c]``; columns enumerate (issue, option) pairs issue by issue; ``items`` (s, u)
    the drawn value of each uncertain stance element (red lines: 1 present, 0 absent)."""

    parties: tuple[str, ...]
    issues: tuple[str, ...]
    options: tuple[tuple[str, ...], ...]
    reservation: FloatArray
    tables: FloatArray
    red: BoolArray
    items: FloatArray
    labels: tuple[str, ...]
    kinds: tuple[str, ...]
    item_columns: tuple[int, ...] = ()

    @property
    def n_scenarios(self) -> int:
        return int(self.tables.shape[0])

    def columns(self, package: Sequence[int]) -> NDArray[np.intp]:
        """The column of each issue's chosen option."""
        offsets = np.cumsum([0] + [len(o) for o in self.options[:-1]])
        return np.asarray(offsets + np.asarray(package), dtype=np.intp)


def _triangular(rng: np.random.Generator, low: float, mode: float, high: float, n: int) -> Any:
    if high - low <= 0:
        return np.full(n, mode)
    return rng.triangular(low, mode, high, n)


def draw_scenarios(
    corpus: Corpus,
    *,
    n_draws: int,
    seed: Seed = 0,
    parties: Sequence[str] | None = None,
    issues: Sequence[str] | None = None,
) -> Scenarios:
    """Draw ``n_draws`` scenarios of the stances (module notes).

    Raises
    ------
    ModelSpecificationError
        If ``n_draws`` is below 1.
    """
    if n_draws < 1:
        raise ModelSpecificationError(f"n_draws: expected a whole number >= 1, got {n_draws}")
    rng = as_generator(seed)
    space = space_from_corpus(corpus, issues=issues)
    base = utilities_from_stances(corpus, space, parties=parties)
    n, m = base.n_parties, base.n_issues
    issue_objs = [corpus.issue(i) for i in space.issues]
    widths = [len(i.options) for i in issue_objs]
    offsets = np.cumsum([0, *widths[:-1]])
    n_cols = int(sum(widths))
    ideal = np.full((n_draws, n, m), np.nan)
    salience = np.zeros((n_draws, n, m))
    red = np.zeros((n_draws, n, n_cols), dtype=bool)
    items: list[FloatArray] = []
    uncertain: list[_Uncertain] = []
    for a, party in enumerate(base.parties):
        for k, issue in enumerate(issue_objs):
            stances = corpus.stances_of(party, issue.id)
            primary = _primary(stances)
            own = None
            if primary is not None:
                c = float(primary.confidence)
                b = BASIS_FACTOR.get(str(getattr(primary, "basis", None) or "quoted"), 1.0)
                positions = [float(o.position) for o in issue.options]
                lo_span, hi_span = min(positions), max(positions)
                if primary.position_range is not None:
                    r = primary.position_range
                    draws = _triangular(rng, r.low, r.mode, r.high, n_draws)
                else:
                    x0 = _ideal_position(primary, issue)
                    h = (1.0 - c) * _MAX_HALF_WIDTH / b
                    draws = _triangular(
                        rng, max(lo_span, x0 - h), x0, min(hi_span, x0 + h), n_draws
                    )
                ideal[:, a, k] = draws
                if np.ptp(draws) > 0:
                    items.append(draws)
                    uncertain.append(_Uncertain("ideal", a, k, -1, f"{party} ideal on {issue.id}"))
                stated = _stated_salience(stances, primary)
                s0 = 0.5 if stated is None else stated
                half = (1.0 - c) / 2.0 * s0
                sal = _triangular(rng, max(0.0, s0 - half), s0, min(1.0, s0 + half), n_draws)
                salience[:, a, k] = sal
                if np.ptp(sal) > 0:
                    items.append(sal)
                    uncertain.append(
                        _Uncertain("salience", a, k, -1, f"{party} salience of {issue.id}")
                    )
                own = issue.index(primary.ideal) if primary.ideal is not None else None
            for stance in stances:
                p = float(stance.confidence) * BASIS_FACTOR.get(
                    str(getattr(stance, "basis", None) or "quoted"), 1.0
                )
                for option in stance.red_lines:
                    j = issue.index(option)
                    if j == own:
                        continue
                    present = rng.random(n_draws) < p
                    red[:, a, offsets[k] + j] |= present
                    items.append(present.astype(np.float64))
                    uncertain.append(
                        _Uncertain(
                            "red-line",
                            a,
                            k,
                            j,
                            f"{party} red line {issue.id}={option} (p={p:.2f})",
                        )
                    )
    # values by the "span" rule, weights renormalised per party and draw
    tables = np.zeros((n_draws, n, n_cols))
    totals = salience.sum(axis=2, keepdims=True)
    weights = np.divide(salience, totals, out=np.zeros_like(salience), where=totals > 0)
    for k, issue in enumerate(issue_objs):
        pos = np.asarray([float(o.position) for o in issue.options])
        dist = np.abs(pos[None, None, :] - np.nan_to_num(ideal[:, :, k])[:, :, None])
        span = dist.max(axis=2, keepdims=True)
        value = np.where(span > 0, 1.0 - dist / np.where(span > 0, span, 1.0), 1.0)
        value = np.where(np.isnan(ideal[:, :, k])[:, :, None], 0.0, value)
        cols = slice(int(offsets[k]), int(offsets[k]) + widths[k])
        tables[:, :, cols] = weights[:, :, k, None] * value
    return Scenarios(
        parties=base.parties,
        issues=tuple(space.issues),
        options=tuple(tuple(o.id for o in i.options) for i in issue_objs),
        reservation=base.reservation.copy(),
        tables=tables,
        red=red,
        items=np.stack(items, axis=1) if items else np.zeros((n_draws, 0)),
        labels=tuple(u.label for u in uncertain),
        kinds=tuple(u.kind for u in uncertain),
        item_columns=tuple(
            int(offsets[u.issue]) + u.option if u.kind == "red-line" else -1 for u in uncertain
        ),
    )


def _stated_salience(stances: Sequence[Any], primary: Any) -> float | None:
    if primary.salience is not None:
        return float(primary.salience)
    return next((float(s.salience) for s in stances if s.salience is not None), None)


def acceptance(scenarios: Scenarios, package: Sequence[int]) -> BoolArray:
    """Whether each scenario accepts ``package`` (one option index per issue).

    Examples
    --------
    >>> import numpy as np
    >>> sc = Scenarios(("a",), ("i",), (("x", "y"),), np.array([0.5]),
    ...     tables=np.array([[[1.0, 0.0]], [[0.0, 1.0]]]), red=np.zeros((2, 1, 2), bool),
    ...     items=np.zeros((2, 0)), labels=(), kinds=())
    >>> acceptance(sc, [0]).tolist()
    [True, False]
    """
    cols = scenarios.columns(package)
    utility = scenarios.tables[:, :, cols].sum(axis=2)
    crossed = scenarios.red[:, :, cols].any(axis=(1, 2))
    ok = (utility >= scenarios.reservation[None, :] - _TOL).all(axis=1)
    return np.asarray(ok & ~crossed)


def _best_package(scenarios: Scenarios, time_limit: float) -> tuple[list[int], int, bool]:
    """MIP over the scenarios: the package accepted by the most of them (exact, up to time)."""
    h = new_highs()  # silent, and the process's first solver built with descriptor 1 muted
    h.setOptionValue("threads", 1)
    h.setOptionValue("random_seed", 0)
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("time_limit", float(time_limit))
    n_x = scenarios.tables.shape[2]
    n_s = scenarios.n_scenarios
    h.addVars(n_x + n_s, np.zeros(n_x + n_s), np.ones(n_x + n_s))
    h.changeColsIntegrality(
        n_x + n_s,
        np.arange(n_x + n_s, dtype=np.int32),
        np.full(n_x + n_s, highspy.HighsVarType.kInteger),
    )
    start = 0
    for width in (len(o) for o in scenarios.options):
        idx = np.arange(start, start + width, dtype=np.int32)
        h.addRow(1.0, 1.0, width, idx, np.ones(width))
        start += width
    x_idx = np.arange(n_x, dtype=np.int32)
    for s in range(n_s):
        z = np.int32(n_x + s)
        for p, d in enumerate(scenarios.reservation):
            if d <= 0:
                continue  # utilities are >= 0: always met
            idx = np.concatenate([x_idx, [z]]).astype(np.int32)
            val = np.concatenate([scenarios.tables[s, p], [-float(d)]])
            h.addRow(-_TOL, highspy.kHighsInf, n_x + 1, idx, val)
        for c in np.flatnonzero(scenarios.red[s].any(axis=0)):
            h.addRow(-highspy.kHighsInf, 1.0, 2, np.array([c, z], dtype=np.int32), np.ones(2))
    cost = np.concatenate([np.zeros(n_x), np.ones(n_s)])
    h.changeColsCost(n_x + n_s, np.arange(n_x + n_s, dtype=np.int32), cost)
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    h.run()
    status = h.getModelStatus()
    x = np.asarray(h.getSolution().col_value[:n_x]) > 0.5
    package = []
    start = 0
    for width in (len(o) for o in scenarios.options):
        package.append(int(np.argmax(x[start : start + width])))
        start += width
    accepted = int(acceptance(scenarios, package).sum())
    return package, accepted, status == highspy.HighsModelStatus.kOptimal


def _wilson(k: int, n: int, z: float = 1.959964) -> tuple[float, float]:
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    low = 0.0 if k == 0 else max(0.0, centre - half)
    high = 1.0 if k == n else min(1.0, centre + half)
    return low, high


@dataclass(frozen=True)
class Sensitivity:
    """How much one uncertain stance element moves the chosen package's acceptance."""

    stance: str
    kind: str
    effect: float


class RobustPackageDocument(Document):
    """The JSON of :func:`robust_package` (``accords bargain --robust --format json``)."""

    kind: ClassVar[str] = "robust-package"
    parties: list[str]
    package: dict[str, str]
    probability: float
    interval_95: list[float]
    in_sample_share: float
    n_draws: int
    n_evaluation_draws: int
    seed: int
    optimal: bool
    party_rejection: dict[str, float]
    sensitivity: list[dict[str, Any]]
    method: str


@dataclass(frozen=True)
class RobustReport:
    """The most robust package and how sure it is.

    ``probability``: share of the evaluation draws (independent of the search) that accept the
    package, with its 95 % Wilson interval ``interval_95``; ``in_sample_share``: the share of
    the search scenarios (optimistic); ``optimal``: whether the MIP proved its optimum on the
    search scenarios; ``party_rejection``: per party, the share of evaluation draws in which it
    rejects the package; ``sensitivity``: largest effect first.
    """

    parties: tuple[str, ...]
    package: dict[str, str]
    probability: float
    interval_95: tuple[float, float]
    in_sample_share: float
    n_draws: int
    n_evaluation_draws: int
    seed: int
    optimal: bool
    party_rejection: dict[str, float]
    sensitivity: tuple[Sensitivity, ...]

    def to_record(self) -> dict[str, Any]:
        """The versioned JSON document (:class:`RobustPackageDocument`)."""
        return RobustPackageDocument.build(
            parties=list(self.parties),
            package=dict(self.package),
            probability=self.probability,
            interval_95=list(self.interval_95),
            in_sample_share=self.in_sample_share,
            n_draws=self.n_draws,
            n_evaluation_draws=self.n_evaluation_draws,
            seed=self.seed,
            optimal=self.optimal,
            party_rejection=dict(self.party_rejection),
            sensitivity=[
                {"stance": s.stance, "kind": s.kind, "effect": s.effect} for s in self.sensitivity
            ],
            method="MIP over sampled stance scenarios; probability on independent draws",
        )


def robust_package(
    corpus: Corpus,
    *,
    n_draws: int = 200,
    n_evaluation_draws: int = 2000,
    seed: int = 0,
    parties: Sequence[str] | None = None,
    issues: Sequence[str] | None = None,
    time_limit: float = 60.0,
    n_sensitivity: int = 10,
) -> RobustReport:
    """The package that every veto player most probably accepts, under uncertain stances.

    Parameters
    ----------
    corpus : Corpus
    n_draws : int, default 200
        Scenarios the MIP searches over.
    n_evaluation_draws : int, default 2000
        Independent scenarios on which the probability and the sensitivities are estimated.
    seed : int, default 0
        Search draws from ``seed``, evaluation draws from ``seed + 1``.
    parties, issues : sequence of str, optional
        As in :func:`~accords.bargaining.from_corpus.utilities_from_stances` and
        :func:`~accords.bargaining.from_corpus.space_from_corpus`.
    time_limit : float, default 60
        Seconds for the MIP (``optimal`` is False when it stops on time).
    n_sensitivity : int, default 10
        Length of the sensitivity ranking.

    Returns
    -------
    RobustReport

    Raises
    ------
    ModelSpecificationError
        For draws below 1, unknown parties or issues.
    """
    search = draw_scenarios(corpus, n_draws=n_draws, seed=seed, parties=parties, issues=issues)
    package, accepted, optimal = _best_package(search, time_limit)
    check = draw_scenarios(
        corpus, n_draws=n_evaluation_draws, seed=seed + 1, parties=parties, issues=issues
    )
    ok = acceptance(check, package)
    cols = check.columns(package)
    utility = check.tables[:, :, cols].sum(axis=2)
    rejects = (utility < check.reservation[None, :] - _TOL) | check.red[:, :, cols].any(axis=2)
    effects: list[Sensitivity] = []
    col_set = set(cols.tolist())
    for u, (label, kind) in enumerate(zip(check.labels, check.kinds, strict=True)):
        values = check.items[:, u]
        if kind == "red-line":
            if check.item_columns[u] not in col_set:
                continue
            hi, lo = values < 0.5, values >= 0.5  # absent, present
        else:
            med = float(np.median(values))
            hi, lo = values > med, values <= med
        if hi.any() and lo.any():
            effects.append(Sensitivity(label, kind, float(ok[hi].mean() - ok[lo].mean())))
    effects.sort(key=lambda s: -abs(s.effect))
    k = int(ok.sum())
    return RobustReport(
        parties=search.parties,
        package={
            i: search.options[n][j]
            for n, (i, j) in enumerate(zip(search.issues, package, strict=True))
        },
        probability=k / ok.size,
        interval_95=_wilson(k, ok.size),
        in_sample_share=accepted / search.n_scenarios,
        n_draws=n_draws,
        n_evaluation_draws=n_evaluation_draws,
        seed=seed,
        optimal=optimal,
        party_rejection={p: float(rejects[:, a].mean()) for a, p in enumerate(search.parties)},
        sensitivity=tuple(effects[:n_sensitivity]),
    )
