"""The smallest acceptable amendment against brute force; the least violating package."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from bargaining_oracles import oracle_region, oracle_utility

from accords.bargaining import (
    generate_problem,
    least_violating_package,
    smallest_amendment,
)
from accords.exceptions import InfeasibleError, ModelSpecificationError


def oracle_amendment(u, draft: list[int]) -> tuple[int, str, float] | None:  # type: ignore[no-untyped-def]
    region = oracle_region(u)
    if not region:
        return None
    d = u.reservation.tolist()

    def changes(pkg: tuple[int, ...]) -> int:
        return sum(1 for a, b in zip(draft, pkg, strict=True) if a != -1 and a != b)

    fewest = min(changes(pkg) for pkg, _ in region)
    at = [util for pkg, util in region if changes(pkg) == fewest]
    nash = [
        sum(math.log(x - r) for x, r in zip(util, d, strict=True))
        for util in at
        if all(x - r >= 1e-9 for x, r in zip(util, d, strict=True))
    ]
    if nash:
        return fewest, "nash", max(nash)
    return (
        fewest,
        "egalitarian",
        max(min(x - r for x, r in zip(util, d, strict=True)) for util in at),
    )


CASES = [
    (4, 3, 2, "table", 1, 0.4, 30),
    (4, 3, 3, "ideal-point", 2, 0.35, 31),
    (3, 4, 3, "table", 0, 0.5, 32),
    (5, 2, 4, "ideal-point", 1, 0.3, 33),
    (3, 3, 5, "table", 2, 0.3, 34),
]


@pytest.mark.parametrize("case", CASES, ids=[f"{c[2]}p-seed{c[6]}" for c in CASES])
@pytest.mark.parametrize("method", ["enumeration", "mip"])
def test_amendment_is_minimal_then_nash_best(case: tuple, method: str) -> None:  # type: ignore[type-arg]
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
    rng = np.random.default_rng(seed)
    for _ in range(3):
        draft = rng.integers(-1, k, size=n).tolist()
        expected = oracle_amendment(u, draft)
        if expected is None:
            with pytest.raises(InfeasibleError):
                smallest_amendment(space, u, draft, method=method)  # type: ignore[arg-type]
            continue
        got = smallest_amendment(space, u, draft, method=method)  # type: ignore[arg-type]
        fewest, tie, value = expected
        assert got.n_changes == fewest
        assert got.tie_break == tie
        assert got.objective == pytest.approx(value, abs=1e-9)
        assert got.optimal
        util = oracle_utility(u, tuple(int(x) for x in got.package))
        assert np.allclose(got.utilities, util, atol=1e-12)
        assert all(x >= r for x, r in zip(util, u.reservation, strict=True))
        settled = [i for i, j in enumerate(draft) if j != -1]
        assert {space.issues[i] for i in settled if got.package[i] != draft[i]} == {
            c[0] for c in got.changes
        }
        assert {c[0] for c in got.completions} == {
            space.issues[i] for i, j in enumerate(draft) if j == -1
        }


def test_acceptable_draft_needs_no_change() -> None:
    space, u = generate_problem(n_issues=4, n_options=3, n_parties=3, seed=7, reservation=0.2)
    region = oracle_region(u)
    draft = dict(
        zip(space.issues, [space.options[i][j] for i, j in enumerate(region[0][0])], strict=True)
    )
    result = smallest_amendment(space, u, draft)
    assert result.n_changes == 0
    assert result.changes == ()


def test_bad_drafts() -> None:
    space, u = generate_problem(n_issues=3, n_options=3, n_parties=2, seed=0)
    with pytest.raises(ModelSpecificationError, match="out of range"):
        smallest_amendment(space, u, [0, 5, 0])
    with pytest.raises(ModelSpecificationError, match="no option 'nope'"):
        smallest_amendment(space, u, {"issue-1": "nope"})
    with pytest.raises(ModelSpecificationError, match="method must be"):
        smallest_amendment(space, u, [0, 0, 0], method="magic")  # type: ignore[arg-type]


def test_least_violating_package_by_brute_force() -> None:
    space, u = generate_problem(
        n_issues=4, n_options=3, n_parties=3, seed=8, n_red_lines=6, reservation=0.75
    )
    d = u.reservation.tolist()
    best = None
    for pkg in itertools.product(*[range(k) for k in u.cardinalities]):
        util = oracle_utility(u, pkg)
        crossed = sum(int(u.red_lines[i][:, j].sum()) for i, j in enumerate(pkg))
        short = sum(1 for x, r in zip(util, d, strict=True) if x < r)
        best = crossed + short if best is None else min(best, crossed + short)
    got = least_violating_package(space, u)
    assert got.n_violations == best
    assert got.optimal
    assert len(got.red_lines) + len(got.below_reservation) == got.n_violations
