"""Bargaining solutions and the ZOPA against brute force, exact search and NegMAS."""

from __future__ import annotations

import math

import numpy as np
import pytest
from bargaining_oracles import (
    negmas_ufuns,
    oracle_best,
    oracle_objective,
    oracle_region,
    oracle_utility,
)

from accords.bargaining import (
    CONCEPTS,
    MIP_FIRST_PARTIES,
    Utilities,
    egalitarian_solution,
    evaluate,
    generate_problem,
    is_acceptable,
    kalai_smorodinsky_solution,
    max_welfare_solution,
    nash_solution,
    pareto_frontier,
    search_package,
    zone_of_agreement,
)
from accords.bargaining.solutions import solve
from accords.exceptions import InfeasibleError, ModelSpecificationError

# (n_issues, n_options, n_parties, kind, n_red_lines, reservation, seed)
CASES = [
    (4, 3, 2, "table", 0, 0.3, 10),
    (4, 3, 2, "ideal-point", 2, 0.2, 11),
    (3, 4, 3, "table", 1, 0.4, 12),
    (4, 3, 3, "ideal-point", 0, 0.3, 13),
    (4, 3, 4, "table", 2, 0.35, 14),
    (3, 3, 5, "ideal-point", 1, 0.2, 15),
    (3, 3, 6, "table", 0, 0.3, 16),
    (5, 2, 6, "ideal-point", 2, 0.25, 17),
]
CASE_IDS = [f"{c[2]}p-{c[0]}x{c[1]}-{c[3]}-seed{c[6]}" for c in CASES]


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
@pytest.mark.parametrize("method", ["frontier", "mip"])
@pytest.mark.parametrize("concept", CONCEPTS)
def test_solution_is_optimal_by_brute_force(case: tuple, method: str, concept: str) -> None:  # type: ignore[type-arg]
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
    found = oracle_best(u, concept)
    if found is None:
        with pytest.raises(InfeasibleError):
            solve(space, u, concept, method=method)  # type: ignore[arg-type]
        return
    best, ideal = found
    sol = solve(space, u, concept, method=method)  # type: ignore[arg-type]
    if not math.isfinite(best):
        assert sol.package is None
        assert sol.reason
        return
    assert sol.package is not None
    assert sol.utilities is not None
    pkg = tuple(int(x) for x in sol.package)
    util = oracle_utility(u, pkg)
    assert is_acceptable(u, sol.package)[0]
    assert np.allclose(sol.utilities, util, atol=1e-12)
    assert oracle_objective(concept, util, u.reservation.tolist(), ideal) == pytest.approx(
        best, abs=1e-9
    )
    assert sol.objective == pytest.approx(best, abs=1e-9)
    assert sol.optimal
    assert sol.method == method


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_frontier_and_mip_give_the_same_utilities(case: tuple) -> None:  # type: ignore[type-arg]
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
    front = pareto_frontier(space, u)
    if front.size == 0:
        with pytest.raises(InfeasibleError, match="no acceptable package"):
            solve(space, u, "nash", method="mip")
        return
    for concept in CONCEPTS:
        a = solve(space, u, concept, method="frontier", frontier=front)
        b = solve(space, u, concept, method="mip")
        if a.utilities is None:
            assert b.utilities is None
            continue
        # Same tie-breaks on both routes: the same utilities, to 1e-9.
        assert np.allclose(a.utilities, b.utilities, atol=1e-9), concept


def test_solutions_lie_on_the_frontier_and_ties_share_utilities() -> None:
    space, u = generate_problem(
        n_issues=5, n_options=3, n_parties=3, seed=2, kind="ideal-point", reservation=0.2
    )
    front = pareto_frontier(space, u)
    for fn in (
        nash_solution,
        kalai_smorodinsky_solution,
        egalitarian_solution,
        max_welfare_solution,
    ):
        sol = fn(space, u, frontier=front)
        assert sol.package is not None
        assert (front.packages == sol.package).all(axis=1).any()
        assert len(sol.ties) >= 1
        assert np.array_equal(
            evaluate(u, sol.ties), np.repeat(sol.utilities[None], len(sol.ties), 0)
        )


def test_party_that_cannot_gain_is_left_out_of_nash_and_ks() -> None:
    space, u = generate_problem(n_issues=3, n_options=3, n_parties=3, seed=5)
    # Party 3 is indifferent (utility 0 everywhere) with reservation 0: it can never gain.
    weights = u.weights.copy()
    weights[2] = 0.0
    flat = Utilities(u.parties, weights, u.values, np.array([0.1, 0.1, 0.0]))
    for method in ("frontier", "mip"):
        nash = nash_solution(space, flat, method=method)  # type: ignore[arg-type]
        ks = kalai_smorodinsky_solution(space, flat, method=method)  # type: ignore[arg-type]
        assert nash.package is not None
        assert ks.package is not None
        assert nash.active == ("party-1", "party-2") == ks.active
        best, _ = oracle_best(flat, "nash")  # type: ignore[misc]
        assert nash.objective == pytest.approx(best, abs=1e-9)


def test_nash_undefined_when_no_package_gives_everyone_a_gain() -> None:
    space, u = generate_problem(n_issues=1, n_options=2, n_parties=2, seed=0)
    # Opposed parties, each at its reservation on the other's best option.
    values = (np.array([[1.0, 0.0], [0.0, 1.0]]),)
    u2 = Utilities(u.parties, np.ones((2, 1)), values, np.array([0.0, 0.0]))
    for method in ("frontier", "mip"):
        sol = nash_solution(space, u2, method=method)  # type: ignore[arg-type]
        assert sol.package is None
        assert "gain" in (sol.reason or "")
        assert egalitarian_solution(space, u2, method=method).objective == 0.0  # type: ignore[arg-type]


@pytest.mark.parametrize("method", ["frontier", "mip"])
def test_infeasible_problem_says_why(method: str) -> None:
    space, u = generate_problem(n_issues=3, n_options=3, n_parties=2, seed=0)
    red = [r.copy() for r in u.red_lines]
    red[1][0, :2] = True
    red[1][1, 2] = True
    with pytest.raises(InfeasibleError, match="issue-2"):
        egalitarian_solution(space, u.with_red_lines(red), method=method)  # type: ignore[arg-type]
    high = u.with_reservation([2.0, 0.0])
    with pytest.raises(InfeasibleError):
        nash_solution(space, high, method=method)  # type: ignore[arg-type]


def test_bad_concept_and_method() -> None:
    space, u = generate_problem(n_issues=2, n_options=2, n_parties=2, seed=0)
    with pytest.raises(ModelSpecificationError, match="concept must be"):
        search_package(space, u, "utilitarian")  # type: ignore[arg-type]
    with pytest.raises(ModelSpecificationError, match="method must be"):
        nash_solution(space, u, method="guess")  # type: ignore[arg-type]


@pytest.mark.parametrize("concept", ["nash", "egalitarian"])
def test_large_space_search_is_proved_optimal(concept: str) -> None:
    space, u = generate_problem(
        n_issues=20, n_options=5, n_parties=4, seed=1, reservation=0.35, n_red_lines=6
    )
    sol = search_package(space, u, concept, time_limit=30)  # type: ignore[arg-type]
    assert sol.optimal
    assert sol.method == "mip"
    assert sol.gap is not None
    assert sol.gap <= 1e-9 * max(1.0, abs(sol.objective or 0))
    assert is_acceptable(u, sol.package)[0]
    assert np.array_equal(sol.utilities, evaluate(u, sol.package)[0])


def test_fixed_issues_are_respected() -> None:
    space, u = generate_problem(n_issues=4, n_options=3, n_parties=3, seed=3, reservation=0.2)
    fixed = np.array([2, -1, 0, -1])
    sol = search_package(space, u, "nash", fixed=fixed)
    assert sol.package is not None
    assert sol.package[0] == 2
    assert sol.package[2] == 0
    region = [(pkg, util) for pkg, util in oracle_region(u) if pkg[0] == 2 and pkg[2] == 0]
    ideal = [max(util[p] for _, util in region) for p in range(3)]
    best = max(oracle_objective("nash", util, u.reservation.tolist(), ideal) for _, util in region)
    assert sol.objective == pytest.approx(best, abs=1e-9)


# ------------------------------------------------------------------------------ ZOPA


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_zopa_count_is_exact(case: tuple) -> None:  # type: ignore[type-arg]
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
    z = zone_of_agreement(space, u)
    assert z.exact
    assert z.size == len(oracle_region(u))
    assert z.fraction == pytest.approx(z.size / space.size)


def test_zopa_estimate_is_reproducible_and_covers_the_truth() -> None:
    space, u = generate_problem(n_issues=7, n_options=4, n_parties=3, seed=4, reservation=0.45)
    exact = zone_of_agreement(space, u)
    a = zone_of_agreement(space, u, max_live=10, n_samples=20_000, seed=5)
    b = zone_of_agreement(space, u, max_live=10, n_samples=20_000, seed=5)
    c = zone_of_agreement(space, u, max_live=10, n_samples=20_000, seed=6)
    assert not a.exact
    assert a.size is None
    assert a.estimate == b.estimate
    assert a.estimate != c.estimate
    assert a.interval is not None
    assert a.interval[0] <= exact.size <= a.interval[1]  # type: ignore[operator]


# ------------------------------------------------------------------------------ NegMAS


@pytest.mark.parametrize(("n_parties", "seed"), [(2, 20), (3, 21), (5, 22)], ids=["2p", "3p", "5p"])
def test_solutions_match_negmas(n_parties: int, seed: int) -> None:
    pytest.importorskip("negmas")
    from negmas.preferences import (
        kalai_points,
        max_welfare_points,
        nash_points,
    )
    from negmas.preferences import (
        pareto_frontier as negmas_frontier,
    )

    space, u = generate_problem(
        n_issues=5, n_options=4, n_parties=n_parties, seed=seed, reservation=0.3
    )
    ufuns, issues = negmas_ufuns(u)
    points, _ = negmas_frontier(ufuns, issues=issues)
    ranges = [(float(u.reservation[p]), max(pt[p] for pt in points)) for p in range(n_parties)]
    front = pareto_frontier(space, u)
    nash = nash_solution(space, u, frontier=front)
    egal = egalitarian_solution(space, u, frontier=front)
    welfare = max_welfare_solution(space, u, frontier=front)
    (n_point, _), *_ = nash_points(ufuns, points, ranges=ranges)
    # NegMAS' kalai_points maximises the smallest gain: our egalitarian solution.
    (k_point, _), *_ = kalai_points(ufuns, points, ranges=ranges, subtract_reserved_value=True)
    (w_point, _), *_ = max_welfare_points(ufuns, points, ranges=ranges)
    assert np.allclose(nash.utilities, n_point, atol=1e-9)
    assert np.allclose(egal.utilities, k_point, atol=1e-9)
    assert np.allclose(welfare.utilities, w_point, atol=1e-9)
    mip = nash_solution(space, u, method="mip")
    assert np.allclose(mip.utilities, n_point, atol=1e-9)


def test_fixed_option_on_a_red_line_is_infeasible() -> None:
    space, u = generate_problem(n_issues=3, n_options=3, n_parties=2, seed=0)
    red = [r.copy() for r in u.red_lines]
    red[0][1, 2] = True
    with pytest.raises(InfeasibleError, match="crosses party-2's red line"):
        search_package(space, u.with_red_lines(red), "nash", fixed=[2, -1, -1])


@pytest.mark.parametrize(
    ("n_parties", "max_frontier", "method"),
    [
        (3, 10_000, "frontier"),
        (6, 10_000, "frontier"),  # 4**4 = 256 packages fit: enumerated
        (6, 255, "mip"),  # 6 parties and a space over max_frontier: the MIP first
        (8, 255, "mip"),
    ],
    ids=["3-small", "6-fits", "6-large", "8-large"],
)
@pytest.mark.parametrize("concept", CONCEPTS)
def test_auto_goes_to_the_mip_first_from_six_parties(
    n_parties: int, max_frontier: int, method: str, concept: str
) -> None:
    assert MIP_FIRST_PARTIES == 6
    solve = {
        "nash": nash_solution,
        "kalai-smorodinsky": kalai_smorodinsky_solution,
        "egalitarian": egalitarian_solution,
        "max-welfare": max_welfare_solution,
    }[concept]
    space, u = generate_problem(
        n_issues=4, n_options=4, n_parties=n_parties, seed=n_parties, reservation=0.2
    )
    sol = solve(space, u, max_frontier=max_frontier)
    assert sol.method == method
    expected = oracle_best(u, concept)
    assert expected is not None
    assert sol.optimal
    assert sol.objective == pytest.approx(expected[0], abs=1e-9)
