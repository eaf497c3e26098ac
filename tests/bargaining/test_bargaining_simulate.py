"""The alternating-offers simulation: reproducibility, tactics, protocol invariants."""

from __future__ import annotations

import numpy as np
import pytest

from accords.bargaining import (
    concession_target,
    evaluate,
    generate_problem,
    is_acceptable,
    simulate_negotiation,
)
from accords.exceptions import ModelSpecificationError


@pytest.mark.parametrize(
    ("beta", "t", "expected"),
    [
        (1.0, 0.0, 1.0),
        (1.0, 1.0, 0.2),
        (1.0, 0.25, 0.8),  # linear: 1 - 0.25 * 0.8
        (0.5, 0.5, 0.8),  # 1 - 0.5**2 * 0.8
        (2.0, 0.25, 0.6),  # 1 - 0.25**0.5 * 0.8
    ],
    ids=["start", "deadline", "linear", "boulware", "conceder"],
)
def test_concession_target_formula(beta: float, t: float, expected: float) -> None:
    assert concession_target(t, beta=beta, u_max=1.0, u_min=0.2) == pytest.approx(expected)


def test_initial_concession_k() -> None:
    assert concession_target(0.0, beta=1.0, u_max=1.0, u_min=0.0, k=0.1) == pytest.approx(0.9)


@pytest.mark.parametrize("seed", [0, 1, 2], ids=lambda s: f"seed{s}")
def test_same_seed_same_run(seed: int) -> None:
    space, u = generate_problem(n_issues=5, n_options=4, n_parties=3, seed=1, reservation=0.3)
    a = simulate_negotiation(space, u, tactics="linear", seed=seed)
    b = simulate_negotiation(space, u, tactics="linear", seed=seed)
    assert a.round == b.round
    assert a.order == b.order
    assert [o.package.tolist() for o in a.offers] == [o.package.tolist() for o in b.offers]


def test_different_seeds_give_different_runs() -> None:
    space, u = generate_problem(n_issues=6, n_options=4, n_parties=3, seed=2, reservation=0.3)
    runs = {
        tuple(tuple(o.package.tolist()) for o in simulate_negotiation(space, u, seed=s).offers)
        for s in range(6)
    }
    assert len(runs) > 1


def test_conceders_agree_sooner_than_boulware() -> None:
    space, u = generate_problem(n_issues=6, n_options=4, n_parties=3, seed=3, reservation=0.3)
    rounds = {}
    for tactic in ("boulware", "linear", "conceder"):
        rs = [simulate_negotiation(space, u, tactics=tactic, seed=s).round for s in range(5)]
        assert all(r is not None for r in rs)
        rounds[tactic] = np.mean(rs)  # type: ignore[arg-type]
    assert rounds["conceder"] < rounds["linear"] < rounds["boulware"]


def test_agreement_is_acceptable_and_every_offer_is_from_the_space() -> None:
    space, u = generate_problem(
        n_issues=5, n_options=3, n_parties=4, seed=4, reservation=0.35, n_red_lines=3
    )
    run = simulate_negotiation(space, u, tactics={"party-1": "conceder", "party-2": 0.5}, seed=9)
    assert run.betas == {"party-1": 5.0, "party-2": 0.5, "party-3": 0.2, "party-4": 0.2}
    assert run.agreement is not None
    assert is_acceptable(u, run.agreement)[0]
    assert np.array_equal(run.utilities, evaluate(u, run.agreement)[0])
    last = run.offers[-1]
    assert len(last.accepted_by) == len(u.parties) - 1
    for offer in run.offers:
        assert np.array_equal(offer.utilities, evaluate(u, offer.package)[0])


def test_no_zopa_means_no_agreement() -> None:
    space, u = generate_problem(n_issues=4, n_options=3, n_parties=2, seed=0, reservation=0.99)
    run = simulate_negotiation(space, u, n_rounds=30, seed=1)
    assert run.agreement is None
    assert run.round is None
    assert np.array_equal(run.utilities, u.reservation)
    assert len(run.offers) == 30


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"tactics": "stubborn"}, "unknown tactic 'stubborn'"),
        ({"tactics": -1.0}, "beta must be positive"),
        ({"tactics": {"nobody": "linear"}}, "unknown parties"),
        ({"n_rounds": 0}, "n_rounds must be at least 1"),
        ({"window": -0.1}, "window must be non-negative"),
    ],
    ids=["tactic-name", "beta", "party", "rounds", "window"],
)
def test_bad_parameters(kwargs: dict[str, object], match: str) -> None:
    space, u = generate_problem(n_issues=2, n_options=2, n_parties=2, seed=0)
    with pytest.raises(ModelSpecificationError, match=match):
        simulate_negotiation(space, u, **kwargs)  # type: ignore[arg-type]
