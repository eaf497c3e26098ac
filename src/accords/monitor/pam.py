"""Implementation scores on the Peace Accords Matrix scale.

The Peace Accords Matrix (PAM, Kroc Institute; Joshi, Quinn and Regan 2015) codes the
implementation of each provision of a peace accord on four levels, and an accord's aggregate
implementation as the points scored over the points possible:

    0 not initiated, 1 minimal, 2 intermediate, 3 full;
    aggregate = sum of points / (3 x number of provisions) x 100.

PAM's coders read reports; here the level follows from the provision's lifecycle state
(:mod:`accords.monitor.lifecycle`), so that results from events can be compared with PAM's
practice. The mapping:

==========  ==========================================================================  =====
state       when                                                                        level
==========  ==========================================================================  =====
fulfilled   always                                                                      3
in-force    a ``fulfilled_when`` test, partly met (progress > 0)                        2
in-force    a ``fulfilled_when`` test, not met at all                                   1
in-force    no ``fulfilled_when`` but a ``violated_when`` test: a standing rule (a      3
            ceasefire, a cap, a ban) in force and unbroken
in-force    no test at all: a declaration, permission or power (being in force is       3
            all there is to it)
in-force    no test at all: an obligation or prohibition (in force, but the events      1
            cannot show it carried out)
suspended   always (initiated, then halted)                                             1
inactive    its conditions partly met (progress > 0)                                    1
inactive    nothing done                                                                0
violated,   always (implementation failed or was reversed)                              0
expired,
voided,
revoked,
terminated
==========  ==========================================================================  =====

References
----------
Joshi, M., Quinn, J. M., Regan, P. M. (2015). Annualized implementation data on comprehensive
intrastate peace accords, 1989-2012. Journal of Peace Research 52(4), 551-562.

Examples
--------
>>> pam_points("in-force", modality="obligation", fulfilment_test=True,
...            violation_test=False, progress=0.5)
2
>>> pam_aggregate([3, 3, 0, 1]).score
58.333333333333336
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from accords.monitor.lifecycle import ProvisionState

__all__ = ["PAM_LEVELS", "PamScore", "pam_aggregate", "pam_points"]

#: The four PAM implementation levels.
PAM_LEVELS: Final = {0: "not initiated", 1: "minimal", 2: "intermediate", 3: "full"}


def pam_points(
    state: ProvisionState,
    *,
    modality: str,
    fulfilment_test: bool,
    violation_test: bool,
    progress: float,
) -> int:
    """The PAM level (0-3) of a provision in ``state`` (see the module's table).

    Parameters
    ----------
    state : str
        Lifecycle state.
    modality : str
        ``obligation``, ``prohibition``, ``permission``, ``power`` or ``declaration``.
    fulfilment_test, violation_test : bool
        Whether the provision has ``fulfilled_when`` / ``violated_when``.
    progress : float
        Share of the current target met, in [0, 1].

    Examples
    --------
    >>> pam_points("in-force", modality="obligation", fulfilment_test=False,
    ...            violation_test=True, progress=0.0)
    3
    >>> pam_points("in-force", modality="obligation", fulfilment_test=False,
    ...            violation_test=False, progress=0.0)
    1
    """
    if state == "fulfilled":
        return 3
    if state == "in-force":
        if fulfilment_test:
            return 2 if progress > 0 else 1
        if violation_test or modality in ("declaration", "permission", "power"):
            return 3
        return 1
    if state == "suspended":
        return 1
    if state == "inactive":
        return 1 if progress > 0 else 0
    return 0


@dataclass(frozen=True)
class PamScore:
    """An aggregate PAM implementation score.

    ``score`` is ``points / max_points * 100`` (0 when there are no provisions); ``levels``
    counts the provisions at each level 0-3.
    """

    points: int
    max_points: int
    n_provisions: int
    score: float
    levels: tuple[int, int, int, int]


def pam_aggregate(points: Iterable[int]) -> PamScore:
    """Aggregate provision levels into PAM's score: points / (3 x provisions) x 100.

    Raises
    ------
    ValueError
        If a level is not 0, 1, 2 or 3.

    Examples
    --------
    >>> s = pam_aggregate([3, 2, 1, 0])
    >>> (s.points, s.max_points, s.score)
    (6, 12, 50.0)
    """
    items = list(points)
    bad = [p for p in items if p not in PAM_LEVELS]
    if bad:
        raise ValueError(f"PAM levels are 0, 1, 2 or 3; got {bad}")
    total = sum(items)
    maximum = 3 * len(items)
    levels = (items.count(0), items.count(1), items.count(2), items.count(3))
    return PamScore(
        points=total,
        max_points=maximum,
        n_provisions=len(items),
        score=total / maximum * 100 if maximum else 0.0,
        levels=levels,
    )
