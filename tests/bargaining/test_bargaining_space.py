"""The outcome space and the utilities: ids, enumeration, evaluation, bad inputs."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from bargaining_oracles import oracle_admissible, oracle_utility

from accords.bargaining import (
    OutcomeSpace,
    Utilities,
    evaluate,
    generate_problem,
    is_acceptable,
    is_admissible,
    utility_bounds,
)
from accords.exceptions import ModelSpecificationError, UnknownIssueError, UnknownPartyError


@pytest.mark.parametrize(
    "cards", [[2], [3, 4], [2, 3, 5, 2], [7] * 6], ids=["one", "two", "four", "six"]
)
def test_ids_round_trip_and_follow_lexicographic_order(cards: list[int]) -> None:
    space = OutcomeSpace(
        tuple(f"i{k}" for k in range(len(cards))),
        tuple(tuple(f"o{j}" for j in range(c)) for c in cards),
    )
    expected = np.array(list(itertools.product(*[range(c) for c in cards])))
    chunks = list(space.enumerate(chunk_size=97))
    got = np.concatenate(chunks)
    assert np.array_equal(got, expected)
    assert np.array_equal(space.encode(got), np.arange(space.size))
    assert np.array_equal(space.decode(np.arange(space.size)), expected)
    assert got.dtype == np.int8


def test_huge_space_has_exact_size_but_no_ids() -> None:
    space, _ = generate_problem(n_issues=28, n_options=6, n_parties=2, seed=0)
    assert space.size == 6**28
    assert not space.has_ids
    with pytest.raises(ModelSpecificationError, match="too many for int64 ids"):
        space.encode(np.zeros((1, 28), dtype=np.int8))


def test_package_and_describe_are_inverse() -> None:
    space = OutcomeSpace(("a", "b", "c"), (("x", "y"), ("p", "q", "r"), ("m", "n")))
    pkg = space.package({"a": "y", "c": "m"}, partial=True)
    assert pkg.tolist() == [1, -1, 0]
    assert space.describe(pkg) == {"a": "y", "b": None, "c": "m"}


@pytest.mark.parametrize(
    ("build", "error", "match"),
    [
        (lambda: OutcomeSpace((), ()), ModelSpecificationError, "at least one issue"),
        (lambda: OutcomeSpace(("a", "a"), (("x",), ("y",))), ModelSpecificationError, "unique"),
        (lambda: OutcomeSpace(("a",), ((),)), ModelSpecificationError, "no options"),
        (lambda: OutcomeSpace(("a",), (("x", "x"),)), ModelSpecificationError, "repeats"),
        (
            lambda: OutcomeSpace(("a",), (("x", "y"),), positions=((1.0,),)),
            ModelSpecificationError,
            "one position per option",
        ),
        (
            lambda: OutcomeSpace(("a",), (("x", "y"),)).package({"b": "x"}),
            UnknownIssueError,
            "unknown issue 'b'",
        ),
        (
            lambda: OutcomeSpace(("a",), (("x", "y"),)).package({"a": "z"}),
            ModelSpecificationError,
            r"no option 'z' \(known: x, y\)",
        ),
        (
            lambda: OutcomeSpace(("a", "b"), (("x",), ("y",))).package({"a": "x"}),
            ModelSpecificationError,
            "leaves issues open",
        ),
        (
            lambda: OutcomeSpace(("a",), (("x", "y"),)).check([[2]]),
            ModelSpecificationError,
            "out of range",
        ),
        (
            lambda: OutcomeSpace(("a",), (("x", "y"),)).check([[0, 1]]),
            ModelSpecificationError,
            "need 1 option indices",
        ),
        (
            lambda: OutcomeSpace(("a",), (("x", "y"),)).decode([5]),
            ModelSpecificationError,
            r"must lie in \[0, 2\)",
        ),
    ],
    ids=[
        "no-issue",
        "repeated-issue",
        "empty-issue",
        "repeated-option",
        "positions-shape",
        "unknown-issue",
        "unknown-option",
        "open-issue",
        "index-range",
        "wrong-width",
        "id-range",
    ],
)
def test_bad_spaces_and_packages(build, error: type[Exception], match: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(error, match=match):
        build()


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"parties": ()}, "at least one party"),
        ({"parties": ("a", "a")}, "unique"),
        ({"weights": np.array([[-1.0]])}, "non-negative"),
        ({"values": (np.array([[1.0, np.nan]]),)}, "non-finite"),
        ({"reservation": np.array([0.1, 0.2])}, "one reservation value per party"),
        ({"red_lines": (np.zeros((1, 3), dtype=bool),)}, "shape of values"),
        ({"values": ()}, "one value table per issue"),
    ],
    ids=[
        "no-party",
        "repeated-party",
        "negative-weight",
        "nan-value",
        "reservation",
        "red",
        "values",
    ],
)
def test_bad_utilities(kwargs: dict[str, object], match: str) -> None:
    base: dict[str, object] = {
        "parties": ("a",),
        "weights": np.array([[1.0]]),
        "values": (np.array([[1.0, 0.0]]),),
        "reservation": np.array([0.0]),
    }
    base.update(kwargs)
    with pytest.raises(ModelSpecificationError, match=match):
        Utilities(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize("seed", [0, 1, 2], ids=lambda s: f"seed{s}")
def test_evaluation_matches_plain_python(seed: int) -> None:
    _space, u = generate_problem(
        n_issues=4, n_options=[2, 3, 4, 3], n_parties=3, seed=seed, n_red_lines=3, reservation=0.3
    )
    packages = list(itertools.product(*[range(k) for k in u.cardinalities]))
    got = evaluate(u, np.array(packages))
    expected = np.array([oracle_utility(u, p) for p in packages])
    # The tables are snapped to a grid of about 2e-16 (see the utilities module notes).
    assert np.allclose(got, expected, rtol=0, atol=1e-14)
    admissible = np.array([oracle_admissible(u, p) for p in packages])
    assert np.array_equal(is_admissible(u, np.array(packages)), admissible)
    acceptable = admissible & (expected >= u.reservation).all(axis=1)
    assert np.array_equal(is_acceptable(u, np.array(packages)), acceptable)


def test_utility_bounds_are_the_extremes_over_completions() -> None:
    _space, u = generate_problem(n_issues=4, n_options=3, n_parties=2, seed=3, n_red_lines=2)
    partial = np.array([1, -1, 2, -1])
    allowed = [~r.any(axis=0) for r in u.red_lines]
    completions = [
        (1, b, 2, d) for b in range(3) for d in range(3) if allowed[1][b] and allowed[3][d]
    ]
    utils = np.array([oracle_utility(u, c) for c in completions])
    low, high = utility_bounds(u, partial)
    assert np.allclose(low, utils.min(axis=0), atol=1e-12)
    assert np.allclose(high, utils.max(axis=0), atol=1e-12)


def test_select_reorders_parties_and_rejects_unknown() -> None:
    _, u = generate_problem(
        n_issues=2, n_options=2, n_parties=3, seed=0, reservation=[0.1, 0.2, 0.3]
    )
    sub = u.select(["party-3", "party-1"])
    assert sub.parties == ("party-3", "party-1")
    assert sub.reservation.tolist() == [0.3, 0.1]
    with pytest.raises(UnknownPartyError, match="unknown party 'nobody'"):
        u.select(["nobody"])


def test_generate_problem_same_seed_same_problem() -> None:
    a = generate_problem(n_issues=3, n_options=3, n_parties=2, seed=11, n_red_lines=2)[1]
    b = generate_problem(n_issues=3, n_options=3, n_parties=2, seed=11, n_red_lines=2)[1]
    c = generate_problem(n_issues=3, n_options=3, n_parties=2, seed=12, n_red_lines=2)[1]
    assert all(np.array_equal(x, y) for x, y in zip(a.tables, b.tables, strict=True))
    assert not all(np.array_equal(x, y) for x, y in zip(a.tables, c.tables, strict=True))


@pytest.mark.parametrize("seed", [0, 1], ids=lambda s: f"seed{s}")
def test_sums_are_exact_in_any_order(seed: int) -> None:
    _, u = generate_problem(n_issues=12, n_options=5, n_parties=4, seed=seed, kind="table")
    rng = np.random.default_rng(seed)
    packages = rng.integers(0, 5, size=(500, 12))
    got = evaluate(u, packages)
    for order in (range(11, -1, -1), rng.permutation(12)):
        total = np.zeros_like(got)
        for i in order:
            total += u.tables[i].T[packages[:, i]]
        assert np.array_equal(total, got)
