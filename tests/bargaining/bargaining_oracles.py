"""Oracles and data shared by the bargaining tests (imported as ``bargaining_oracles``).

The brute-force oracles here are written independently of the package: plain Python loops over
``itertools.product``, utilities summed issue by issue from ``weights * values``, and the
definitions of the solution concepts written out again.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from accords.bargaining import Utilities

HERE = Path(__file__).resolve().parent
CORPORA = HERE / "corpora"
LAKE = CORPORA / "lake-verun"
EXTERNAL = (Path(__file__).resolve().parents[2] / ".." / "shared" / "external").resolve()
GENIUS = EXTERNAL / "genius"
GENIUS_DOMAINS = ["Laptop", "Travel", "Energy", "group2-dinner", "group2-politics"]

Oracle = dict[str, object]


def genius_dir(name: str) -> Path:
    """A GENIUS domain folder, or skip when ../shared/external is absent."""
    path = GENIUS / name
    if not path.is_dir():
        pytest.skip("../shared/external not present")
    return path


def all_packages(cards: list[int]) -> Iterator[tuple[int, ...]]:
    return itertools.product(*[range(k) for k in cards])


def oracle_utility(u: Utilities, package: tuple[int, ...]) -> list[float]:
    """Each party's utility, summed issue by issue in plain Python."""
    out = []
    for p in range(u.n_parties):
        total = 0.0
        for i, j in enumerate(package):
            total += float(u.weights[p, i]) * float(u.values[i][p, j])
        out.append(total)
    return out


def oracle_admissible(u: Utilities, package: tuple[int, ...]) -> bool:
    return not any(bool(u.red_lines[i][:, j].any()) for i, j in enumerate(package))


def oracle_region(
    u: Utilities, region: str = "acceptable"
) -> list[tuple[tuple[int, ...], list[float]]]:
    out = []
    for pkg in all_packages(u.cardinalities):
        if region != "all" and not oracle_admissible(u, pkg):
            continue
        util = oracle_utility(u, pkg)
        if region == "acceptable" and any(
            x < r for x, r in zip(util, u.reservation.tolist(), strict=True)
        ):
            continue
        out.append((pkg, util))
    return out


def oracle_frontier(points: list[tuple[tuple[int, ...], list[float]]]) -> set[tuple[int, ...]]:
    """Packages no other package dominates (equal utility vectors all kept)."""
    keep = set()
    for pkg, u in points:
        dominated = False
        for _, v in points:
            if all(b >= a for a, b in zip(u, v, strict=True)) and any(
                b > a for a, b in zip(u, v, strict=True)
            ):
                dominated = True
                break
        if not dominated:
            keep.add(pkg)
    return keep


def oracle_objective(concept: str, util: list[float], d: list[float], ideal: list[float]) -> float:
    gains = [x - r for x, r in zip(util, d, strict=True)]
    if concept == "max-welfare":
        return sum(util)
    if concept == "egalitarian":
        return min(gains)
    can_gain = [i for i in range(len(d)) if ideal[i] - d[i] >= 1e-9]
    if concept == "nash":
        if any(gains[i] < 1e-9 for i in can_gain):
            return -math.inf
        return sum(math.log(gains[i]) for i in can_gain)
    if concept == "kalai-smorodinsky":
        return min(gains[i] / (ideal[i] - d[i]) for i in can_gain) if can_gain else 0.0
    raise ValueError(concept)


def oracle_best(u: Utilities, concept: str) -> tuple[float, list[float]] | None:
    """The optimal objective of a concept over the acceptable region, and the ideal point."""
    region = oracle_region(u)
    if not region:
        return None
    ideal = [max(util[p] for _, util in region) for p in range(u.n_parties)]
    d = u.reservation.tolist()
    best = max(oracle_objective(concept, util, d, ideal) for _, util in region)
    return best, ideal


def negmas_ufuns(u: Utilities, *, red_lines_as_inf: bool = True) -> tuple[list, list]:
    """NegMAS linear additive utility functions with the same option tables (weights 1)."""
    negmas = pytest.importorskip("negmas")
    from negmas.preferences import LinearAdditiveUtilityFunction
    from negmas.preferences.value_fun import TableFun

    issues = [
        negmas.make_issue(values=list(range(k)), name=f"i{i}")
        for i, k in enumerate(u.cardinalities)
    ]
    ufuns = []
    for p in range(u.n_parties):
        tables = []
        for i, table in enumerate(u.tables):
            mapping = {}
            for j in range(table.shape[1]):
                bad = red_lines_as_inf and bool(u.red_lines[i][:, j].any())
                mapping[j] = -math.inf if bad else float(table[p, j])
            tables.append(TableFun(mapping))
        ufuns.append(
            LinearAdditiveUtilityFunction(
                values=tables,
                weights=[1.0] * len(issues),
                issues=issues,
                reserved_value=float(u.reservation[p]),
            )
        )
    return ufuns, issues


def as_rows(values: np.ndarray) -> set[tuple[float, ...]]:
    return {tuple(round(float(x), 9) for x in row) for row in values}
