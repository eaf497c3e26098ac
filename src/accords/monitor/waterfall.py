"""The frozen-funds waterfall (point 14 of the 28-point plan), computed from the provision's data.

Point 14 reads: "$100bn in frozen Russian assets will be invested in US-led efforts to rebuild
and invest in Ukraine. The US will receive 50 per cent of the profits from this venture. Europe
will add $100bn [...]. The remainder of the frozen Russian funds will be invested in a separate
US-Russian investment vehicle". As a waterfall over a pool of frozen assets of a given total:

1. the US-led reconstruction vehicle takes the tranche, up to what the pool holds;
2. the joint US-Russian vehicle takes whatever remains;
3. Europe's addition comes from outside the pool and does not depend on it;
4. of the US-led venture's profit, the US receives its share.

The amounts are read from the provision's quantities, never written here: the tranche is the
quantity in the currency whose measure mentions ``frozen``, the addition the one that mentions
``addition``, the profit share the ``percent`` quantity that mentions ``profit`` (each
overridable). Another provision with the same shape (a tranche, a remainder, an outside top-up)
works the same way.

A pool smaller than the tranche
    The text gives the tranche as a first claim on the frozen assets and says nothing of a
    shortfall. We read it literally: the US-led vehicle takes the whole pool, its
    ``shortfall`` is reported (not made up from elsewhere), nothing remains for the joint
    vehicle, and Europe's addition is unchanged. For a total of USD 80bn: 80bn to the US-led
    vehicle (20bn short), 0 to the joint vehicle, 100bn added by Europe.

Examples
--------
>>> from accords.model import Provision, Quantity, Evidence
>>> p14 = Provision(label="14", text="Frozen funds.", modality="obligation",
...     evidence=(Evidence(source="s", quote="q"),), quantities=(
...         Quantity(value=100e9, unit="USD", measure="frozen assets to the US-led vehicle"),
...         Quantity(value=50, unit="percent", measure="US share of the profits"),
...         Quantity(value=100e9, unit="USD", measure="European addition")))
>>> w = frozen_funds_waterfall(p14, 300e9)
>>> [(line.recipient, line.amount / 1e9) for line in w.lines]
[('US-led reconstruction vehicle', 100.0), ('joint US-Russian investment vehicle', 200.0), \
('European addition (outside the pool)', 100.0)]
>>> frozen_funds_waterfall(p14, 80e9).lines[0].shortfall / 1e9
20.0
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from accords.exceptions import ModelSpecificationError
from accords.model.provisions import Provision, Quantity

__all__ = ["Waterfall", "WaterfallLine", "allocate", "frozen_funds_waterfall"]


@dataclass(frozen=True)
class WaterfallLine:
    """One recipient of the waterfall: what it gets, from where, and what it lacks."""

    recipient: str
    amount: float
    source: Literal["pool", "outside"]
    cap: float | None
    shortfall: float
    measure: str | None


@dataclass(frozen=True)
class Waterfall:
    """The allocation of a pool of frozen assets (see the module docstring)."""

    total: float
    currency: str
    lines: tuple[WaterfallLine, ...]
    profit_share: float
    profit: float | None
    profit_to_us: float | None

    @property
    def from_pool(self) -> float:
        """What the pool pays out (equals ``total``)."""
        return sum(line.amount for line in self.lines if line.source == "pool")

    def amount(self, recipient: str) -> float:
        """The amount of one recipient (KeyError if none)."""
        for line in self.lines:
            if line.recipient == recipient:
                return line.amount
        raise KeyError(recipient)


def allocate(total: float, caps: Sequence[float | None]) -> list[float]:
    """Pay ``total`` out in order: each claim takes up to its cap, a None cap takes the rest.

    Whatever no claim takes is left out (the sum may be less than ``total`` only if no claim is
    uncapped).

    Raises
    ------
    ModelSpecificationError
        If ``total`` or a cap is negative or not finite, or if an uncapped claim is not last.

    Examples
    --------
    >>> allocate(300, [100, None])
    [100, 200]
    >>> allocate(80, [100, None])
    [80, 0]
    """
    _check_amount(total, "total")
    out: list[float] = []
    left = total
    for i, cap in enumerate(caps):
        if cap is None:
            if i != len(caps) - 1:
                raise ModelSpecificationError("only the last claim may take the remainder")
            out.append(left)
            left = 0
            continue
        _check_amount(cap, "cap")
        take = min(cap, left)
        out.append(take)
        left -= take
    return out


def _check_amount(value: float, name: str) -> None:
    if not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
        raise ModelSpecificationError(f"{name} must be a finite amount >= 0; got {value!r}")


def _find(provision: Provision, unit: str, keyword: str, what: str) -> Quantity:
    found = [
        q
        for q in provision.quantities
        if q.unit.casefold() == unit.casefold()
        and keyword.casefold() in (q.measure or "").casefold()
    ]
    if len(found) != 1:
        listed = "; ".join(f"{q.value:g} {q.unit} ({q.measure})" for q in provision.quantities)
        raise ModelSpecificationError(
            f"provision {provision.label}: expected one {unit} quantity whose measure mentions "
            f"{keyword!r} ({what}); found {len(found)} among: {listed or 'no quantities'}"
        )
    return found[0]


def frozen_funds_waterfall(
    provision: Provision,
    total: float,
    *,
    profit: float | None = None,
    currency: str = "USD",
    tranche: str = "frozen",
    addition: str = "addition",
    profit_share: str = "profit",
) -> Waterfall:
    """Allocate a pool of frozen assets as the provision's quantities say.

    Parameters
    ----------
    provision : Provision
        Point 14 of the 28-point plan, or one of the same shape.
    total : float
        The frozen assets in the pool, in ``currency`` units (``300e9``).
    profit : float, optional
        A profit of the US-led venture, to split by the profit share.
    currency : str
        The unit of the amounts to use (quantities in other units, such as the sterling
        equivalent, are ignored).
    tranche, addition, profit_share : str
        Words that identify each quantity by its ``measure`` (case-insensitive).

    Returns
    -------
    Waterfall

    Raises
    ------
    ModelSpecificationError
        If a quantity is missing or ambiguous, or an amount is negative or not finite.
    """
    _check_amount(total, "total")
    first = _find(provision, currency, tranche, "the tranche drawn from the frozen assets")
    outside = _find(provision, currency, addition, "the addition from outside the pool")
    share = _find(provision, "percent", profit_share, "the share of the profits")
    if not 0 <= share.value <= 100:
        raise ModelSpecificationError(
            f"provision {provision.label}: a profit share is a percentage in [0, 100]; "
            f"got {share.value}"
        )
    to_tranche, remainder = allocate(total, [first.value, None])
    lines = (
        WaterfallLine(
            recipient="US-led reconstruction vehicle",
            amount=to_tranche,
            source="pool",
            cap=first.value,
            shortfall=first.value - to_tranche,
            measure=first.measure,
        ),
        WaterfallLine(
            recipient="joint US-Russian investment vehicle",
            amount=remainder,
            source="pool",
            cap=None,
            shortfall=0.0,
            measure="the remainder of the frozen funds",
        ),
        WaterfallLine(
            recipient="European addition (outside the pool)",
            amount=outside.value,
            source="outside",
            cap=outside.value,
            shortfall=0.0,
            measure=outside.measure,
        ),
    )
    fraction = share.value / 100
    if profit is not None and (not isinstance(profit, int | float) or not math.isfinite(profit)):
        raise ModelSpecificationError(f"profit must be a finite amount; got {profit!r}")
    return Waterfall(
        total=total,
        currency=currency,
        lines=lines,
        profit_share=fraction,
        profit=profit,
        profit_to_us=None if profit is None else profit * fraction,
    )
