"""The Pareto frontier against brute force and against NegMAS."""

from __future__ import annotations

import numpy as np
import pytest
from bargaining_oracles import (
    as_rows,
    negmas_ufuns,
    oracle_frontier,
    oracle_region,
)

from accords.bargaining import (
    FrontierTooLargeError,
    evaluate,
    generate_problem,
    pareto_frontier,
    pareto_indices,
)
from accords.exceptions import ModelSpecificationError

# (n_issues, n_options, n_parties, kind, n_red_lines, reservation, seed)
CASES = [
    (3, 3, 2, "table", 0, 0.0, 0),
    (4, 3, 2, "ideal-point", 2, 0.3, 1),
    (3, 4, 3, "table", 1, 0.4, 2),
    (4, 3, 3, "ideal-point", 0, 0.2, 3),
    (3, 3, 4, "table", 2, 0.3, 4),
    (4, 2, 4, "ideal-point", 1, 0.0, 5),
    (3, 3, 5, "table", 0, 0.35, 6),
    (3, 3, 6, "ideal-point", 2, 0.2, 7),
    (5, 2, 6, "table", 1, 0.3, 8),
]
CASE_IDS = [f"{c[2]}p-{c[0]}x{c[1]}-{c[3]}-seed{c[6]}" for c in CASES]


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
@pytest.mark.parametrize("region", ["acceptable", "admissible", "all"])
def test_frontier_equals_brute_force(case: tuple, region: str) -> None:  # type: ignore[type-arg]
    n, k, p, kind, red, res, seed = case
    space, u = generate_problem(
        n_issues=n,
        n_options=k,
        n_parties=p,
        seed=seed,
        kind=kind,
        n_red_lines=red,
        reservation=res,
    )
    expected = oracle_frontier(oracle_region(u, region))
    front = pareto_frontier(space, u, region=region)
    got = {tuple(int(x) for x in row) for row in front.packages}
    assert got == expected
    assert np.array_equal(front.utilities, evaluate(u, front.packages))
    ids = space.encode(front.packages)
    assert np.all(np.diff(ids) > 0)  # rows in id order


def test_distinct_packages_with_equal_utilities_are_all_kept() -> None:
    # Issue 2 is indifferent to everyone: each frontier vector is reached by 3 packages.
    space, u = generate_problem(n_issues=3, n_options=3, n_parties=2, seed=9)
    weights = u.weights.copy()
    weights[:, 1] = 0.0
    flat = type(u)(u.parties, weights, u.values, u.reservation)
    front = pareto_frontier(space, flat, region="all")
    vectors = as_rows(front.utilities)
    assert front.size == 3 * len(vectors)
    assert {tuple(int(x) for x in r) for r in front.packages} == oracle_frontier(
        oracle_region(flat, "all")
    )


@pytest.mark.parametrize("d", [1, 2, 3, 4, 6, 8], ids=lambda d: f"{d}d")
@pytest.mark.parametrize("seed", [0, 1], ids=lambda s: f"seed{s}")
def test_pareto_indices_equals_quadratic_scan(d: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    # Few distinct values per column: many ties and duplicate rows.
    pts = rng.integers(0, 6, size=(700, d)).astype(float) / 5
    expected = [
        i
        for i in range(len(pts))
        if not (((pts >= pts[i]).all(axis=1)) & ((pts > pts[i]).any(axis=1))).any()
    ]
    assert pareto_indices(pts).tolist() == expected


@pytest.mark.parametrize(
    ("points", "match"),
    [([1.0, 2.0], "2-d array"), ([[1.0, np.nan]], "NaN")],
    ids=["one-d", "nan"],
)
def test_pareto_indices_bad_input(points: object, match: str) -> None:
    with pytest.raises(ModelSpecificationError, match=match):
        pareto_indices(points)  # type: ignore[arg-type]


def test_bad_region_and_size_limit() -> None:
    space, u = generate_problem(n_issues=8, n_options=5, n_parties=6, seed=0)
    with pytest.raises(ModelSpecificationError, match="region must be"):
        pareto_frontier(space, u, region="everything")  # type: ignore[arg-type]
    with pytest.raises(FrontierTooLargeError, match="more than max_size=100"):
        pareto_frontier(space, u, region="all", max_size=100)


def test_empty_region_gives_empty_frontier() -> None:
    space, u = generate_problem(n_issues=3, n_options=3, n_parties=2, seed=0, reservation=1.5)
    assert pareto_frontier(space, u).size == 0
    red = [r.copy() for r in u.red_lines]
    red[0][0, :] = True
    assert pareto_frontier(space, u.with_red_lines(red), region="admissible").size == 0


@pytest.mark.parametrize(
    ("n_parties", "seed", "red"),
    [(2, 0, 0), (3, 1, 2), (4, 2, 1), (6, 3, 2)],
    ids=["2p", "3p-red", "4p-red", "6p-red"],
)
def test_frontier_matches_negmas(n_parties: int, seed: int, red: int) -> None:
    negmas = pytest.importorskip("negmas")
    from negmas.preferences import pareto_frontier as negmas_frontier

    del negmas
    space, u = generate_problem(
        n_issues=5, n_options=4, n_parties=n_parties, seed=seed, n_red_lines=red, reservation=0.3
    )
    ufuns, issues = negmas_ufuns(u)
    points, _ = negmas_frontier(ufuns, issues=issues)
    front = pareto_frontier(space, u)
    # NegMAS keeps one package per utility vector; compare the sets of vectors.
    assert as_rows(front.utilities) == as_rows(np.array(points))
