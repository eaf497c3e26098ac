"""The Peace Accords Matrix score and the frozen-funds waterfall of point 14."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accords import load_corpus
from accords.exceptions import ModelSpecificationError
from accords.model import Agreement, Evidence, Provision, Quantity
from accords.monitor import allocate, frozen_funds_waterfall, pam_aggregate, pam_points

# -- PAM --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "modality", "fulfil", "violate", "progress", "level"),
    [
        ("fulfilled", "obligation", True, False, 1.0, 3),
        ("in-force", "obligation", True, False, 0.5, 2),
        ("in-force", "obligation", True, False, 0.0, 1),
        ("in-force", "obligation", False, True, 0.0, 3),
        ("in-force", "prohibition", False, True, 0.0, 3),
        ("in-force", "declaration", False, False, 0.0, 3),
        ("in-force", "power", False, False, 0.0, 3),
        ("in-force", "obligation", False, False, 0.0, 1),
        ("in-force", "prohibition", False, False, 0.0, 1),
        ("suspended", "obligation", True, False, 0.9, 1),
        ("inactive", "obligation", False, False, 0.5, 1),
        ("inactive", "obligation", False, False, 0.0, 0),
        ("violated", "obligation", True, True, 0.0, 0),
        ("expired", "power", False, False, 0.0, 0),
        ("voided", "obligation", False, False, 0.0, 0),
        ("revoked", "obligation", True, False, 1.0, 0),
        ("terminated", "declaration", False, False, 0.0, 0),
    ],
    ids=lambda v: str(v),
)
def test_pam_levels(
    state: str, modality: str, fulfil: bool, violate: bool, progress: float, level: int
) -> None:
    got = pam_points(
        state,  # type: ignore[arg-type]
        modality=modality,
        fulfilment_test=fulfil,
        violation_test=violate,
        progress=progress,
    )
    assert got == level


@pytest.mark.parametrize(
    ("levels", "score"),
    [([3, 3, 3], 100.0), ([0, 0], 0.0), ([3, 2, 1, 0], 50.0), ([1], 100 / 3), ([], 0.0)],
    ids=["full", "none", "mixed", "one-minimal", "empty"],
)
def test_pam_aggregate_is_points_over_three_per_provision(levels: list[int], score: float) -> None:
    result = pam_aggregate(levels)
    assert result.score == pytest.approx(score)
    assert result.points == sum(levels)
    assert result.max_points == 3 * len(levels)
    assert sum(result.levels) == len(levels)


@pytest.mark.parametrize("bad", [[4], [-1], [1, 2, 5]], ids=["four", "negative", "five"])
def test_pam_aggregate_rejects_other_levels(bad: list[int]) -> None:
    with pytest.raises(ValueError, match="PAM levels are 0, 1, 2 or 3"):
        pam_aggregate(bad)


# -- the waterfall ------------------------------------------------------------------------------

BN = 1e9
EVIDENCE = (Evidence(source="s", quote="q"),)


def point14(*quantities: Quantity) -> Provision:
    return Provision(
        label="14",
        text="Frozen funds.",
        modality="obligation",
        evidence=EVIDENCE,
        quantities=quantities
        or (
            Quantity(value=100 * BN, unit="USD", measure="frozen assets to the US-led vehicle"),
            Quantity(value=76 * BN, unit="GBP", measure="frozen assets (sterling)"),
            Quantity(value=50, unit="percent", measure="US share of the profits"),
            Quantity(value=100 * BN, unit="USD", measure="European addition"),
        ),
    )


@pytest.mark.parametrize(
    ("total", "us_led", "joint", "shortfall"),
    [
        (300 * BN, 100 * BN, 200 * BN, 0.0),
        (100 * BN, 100 * BN, 0.0, 0.0),
        (80 * BN, 80 * BN, 0.0, 20 * BN),
        (0.0, 0.0, 0.0, 100 * BN),
        (210.5 * BN, 100 * BN, 110.5 * BN, 0.0),
    ],
    ids=["300bn", "exactly-100bn", "80bn-falls-short", "empty-pool", "fractional"],
)
def test_waterfall_hand_computed(
    total: float, us_led: float, joint: float, shortfall: float
) -> None:
    w = frozen_funds_waterfall(point14(), total, profit=10 * BN)
    assert w.amount("US-led reconstruction vehicle") == us_led
    assert w.amount("joint US-Russian investment vehicle") == joint
    assert w.amount("European addition (outside the pool)") == 100 * BN
    assert w.lines[0].shortfall == shortfall
    assert w.from_pool == total
    assert w.profit_share == 0.5
    assert w.profit_to_us == 5 * BN


@given(st.floats(0, 1e13, allow_nan=False), st.floats(0, 1e12, allow_nan=False))
def test_waterfall_conserves_the_pool(total: float, tranche: float) -> None:
    provision = point14(
        Quantity(value=tranche, unit="USD", measure="frozen tranche"),
        Quantity(value=50, unit="percent", measure="profit share"),
        Quantity(value=1.0, unit="USD", measure="addition"),
    )
    w = frozen_funds_waterfall(provision, total)
    assert math.isclose(w.from_pool, total, rel_tol=1e-12, abs_tol=1e-6)
    assert w.lines[0].amount == min(total, tranche)
    assert w.lines[1].amount >= 0


@pytest.mark.parametrize(
    ("quantities", "total", "message"),
    [
        ((), -1.0, "total must be a finite amount >= 0"),
        ((), math.nan, "total must be a finite amount >= 0"),
        ((), math.inf, "total must be a finite amount >= 0"),
        ((Quantity(value=50, unit="percent", measure="profit"),
          Quantity(value=1, unit="USD", measure="addition")), 1.0,
         "expected one USD quantity whose measure mentions 'frozen'"),
        ((Quantity(value=1, unit="USD", measure="frozen a"),
          Quantity(value=2, unit="USD", measure="frozen b"),
          Quantity(value=50, unit="percent", measure="profit"),
          Quantity(value=1, unit="USD", measure="addition")), 1.0, "found 2 among"),
        ((Quantity(value=1, unit="USD", measure="frozen"),
          Quantity(value=150, unit="percent", measure="profit"),
          Quantity(value=1, unit="USD", measure="addition")), 1.0, "percentage in \\[0, 100\\]"),
    ],
    ids=["negative", "nan", "infinite", "no-tranche", "two-tranches", "share-over-100"],
)  # fmt: skip
def test_waterfall_bad_inputs(quantities: tuple[Quantity, ...], total: float, message: str) -> None:
    with pytest.raises(ModelSpecificationError, match=message):
        frozen_funds_waterfall(point14(*quantities), total)


def test_allocate_rules() -> None:
    assert allocate(50, [10, 20, None]) == [10, 20, 20]
    assert allocate(25, [10, 20]) == [10, 15]
    with pytest.raises(ModelSpecificationError, match="only the last claim"):
        allocate(10, [None, 5])


def test_point_14_of_the_embedded_corpus() -> None:
    plan: Agreement = load_corpus().agreement("us-28-point-plan")
    w = frozen_funds_waterfall(plan.provision("14"), 300 * BN)
    assert [line.amount for line in w.lines] == [100 * BN, 200 * BN, 100 * BN]
    short = frozen_funds_waterfall(plan.provision("14"), 80 * BN)
    assert [line.amount for line in short.lines] == [80 * BN, 0.0, 100 * BN]
    assert short.lines[0].shortfall == 20 * BN
