"""What the solution concepts return, and how each one scores a package.

Shared by the frontier route (:mod:`accords.bargaining.solutions`) and the exact search route
(:mod:`accords.bargaining.search`), so that both rank packages by the same definitions:

========================  ===================================================  ====================
concept                   objective (maximised)                                ties broken by
========================  ===================================================  ====================
``nash``                  sum of log(u_p - d_p) over the parties that can gain  welfare
``kalai-smorodinsky``     min of (u_p - d_p) / (I_p - d_p) over those parties   welfare
``egalitarian``           min of (u_p - d_p) over all parties                   welfare
``max-welfare``           sum of u_p                                            min gain, welfare
========================  ===================================================  ====================

Objectives within :func:`tie_tolerance` of the best count as ties; ties left after the
tie-breaks are resolved by the lowest package id (frontier route) or by the solver (MIP route),
and every package with exactly the chosen utilities is listed in ``Solution.ties``.

``d`` is the reservation (disagreement) point and ``I`` the ideal point: each party's best
utility in the acceptable region. A party that cannot gain anywhere in the region (``I_p - d_p``
below :data:`MIN_GAIN`) gets its reservation value from every acceptable package, so it is left
out of the Nash product and of the Kalai-Smorodinsky ratios. A gain below :data:`MIN_GAIN`
counts as no gain: the Nash solution needs a package where every other party gains.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from accords.bargaining.space import IndexArray
from accords.bargaining.utilities import FloatArray
from accords.exceptions import ModelSpecificationError

__all__ = [
    "CONCEPTS",
    "MIN_GAIN",
    "REL_TOL",
    "Concept",
    "Method",
    "Solution",
    "concept_scores",
    "tie_tolerance",
]

Concept = Literal["nash", "kalai-smorodinsky", "egalitarian", "max-welfare"]
CONCEPTS: tuple[Concept, ...] = ("nash", "kalai-smorodinsky", "egalitarian", "max-welfare")
Method = Literal["frontier", "mip"]

#: Smallest utility gain over the reservation value that counts as a gain.
MIN_GAIN = 1e-9
#: Relative optimality tolerance: a solution is proved optimal when the solver's bound exceeds
#: the exactly re-evaluated objective by at most ``REL_TOL * max(1, |objective|)``.
REL_TOL = 1e-9


def tie_tolerance(value: float) -> float:
    """Objective values within this of the best count as ties: ``REL_TOL * max(1, |value|)``.

    Examples
    --------
    >>> tie_tolerance(-5.0)
    5e-09
    """
    return REL_TOL * max(1.0, abs(value))


@dataclass(frozen=True, eq=False)
class Solution:
    """A bargaining solution: the package a concept selects and how sure we are of it.

    Attributes
    ----------
    concept : {"nash", "kalai-smorodinsky", "egalitarian", "max-welfare"}
    parties : tuple of str
    package : ndarray of shape (n_issues,) or None
        Option index per issue; None when the concept is undefined (see ``reason``).
    utilities : ndarray of shape (n_parties,) or None
    objective : float or None
        The concept's objective at ``package``, re-evaluated exactly from the utilities.
    bound : float or None
        A proved upper bound on the objective over the region (equal to ``objective`` when the
        frontier was enumerated).
    optimal : bool
        True when ``bound - objective <= REL_TOL * max(1, |objective|)``.
    method : {"frontier", "mip"}
        Picked from the enumerated Pareto frontier, or found by mixed-integer programming.
    ties : ndarray of shape (m, n_issues)
        Every package with exactly the chosen utilities (distinct packages, equal utilities;
        the package alone on the MIP route).
    active : tuple of str
        The parties that enter the objective (see the module notes).
    ideal : ndarray or None
        The ideal point used (Kalai-Smorodinsky only).
    reason : str or None
        Why the concept has no solution, when ``package`` is None.
    """

    concept: Concept
    parties: tuple[str, ...]
    package: IndexArray | None
    utilities: FloatArray | None
    objective: float | None
    bound: float | None
    optimal: bool
    method: Method
    ties: IndexArray = field(repr=False)
    active: tuple[str, ...] = ()
    ideal: FloatArray | None = None
    reason: str | None = None

    @property
    def gap(self) -> float | None:
        """``bound - objective`` (0 for an enumerated frontier), or None if undefined."""
        if self.objective is None or self.bound is None:
            return None
        return max(0.0, self.bound - self.objective)


def concept_scores(
    concept: Concept,
    utils: FloatArray,
    reservation: FloatArray,
    *,
    ideal: FloatArray | None = None,
    active: NDArray[np.bool_] | None = None,
) -> tuple[FloatArray, FloatArray]:
    """Primary objective and first tie-break score of each row of ``utils`` under ``concept``.

    Rows where the concept is undefined (a gain below :data:`MIN_GAIN` in the Nash product, a
    party below its reservation value) score ``-inf``.

    Parameters
    ----------
    concept : {"nash", "kalai-smorodinsky", "egalitarian", "max-welfare"}
    utils : ndarray of shape (n, n_parties)
    reservation : ndarray of shape (n_parties,)
    ideal : ndarray of shape (n_parties,), optional
        Needed for Kalai-Smorodinsky.
    active : bool ndarray of shape (n_parties,), optional
        Parties entering the Nash product and the Kalai-Smorodinsky ratios (default: all).

    Examples
    --------
    >>> u = np.array([[0.6, 0.6], [0.9, 0.3]])
    >>> concept_scores("nash", u, np.array([0.2, 0.2]))[0].round(4).tolist()
    [-1.8326, -2.6593]
    >>> concept_scores("egalitarian", u, np.array([0.2, 0.2]))[0].round(2).tolist()
    [0.4, 0.1]
    """
    gains = utils - reservation
    welfare = utils.sum(axis=1)
    feasible = (gains >= 0).all(axis=1)
    min_gain = gains.min(axis=1) if gains.shape[1] else np.zeros(len(utils))
    act = np.ones(utils.shape[1], dtype=bool) if active is None else active
    if concept == "nash":
        g = gains[:, act]
        ok = feasible & (g >= MIN_GAIN).all(axis=1)
        primary = np.full(len(utils), -np.inf)
        if ok.any():
            primary[ok] = np.log(g[ok]).sum(axis=1)
        return primary, welfare
    if concept == "kalai-smorodinsky":
        if ideal is None:
            raise ModelSpecificationError("Kalai-Smorodinsky needs the ideal point")
        span = (ideal - reservation)[act]
        ratio = gains[:, act] / span if act.any() else np.zeros((len(utils), 1))
        primary = np.where(feasible, ratio.min(axis=1), -np.inf)
        return primary, welfare
    if concept == "egalitarian":
        return np.where(feasible, min_gain, -np.inf), welfare
    if concept == "max-welfare":
        return np.where(feasible, welfare, -np.inf), np.where(feasible, min_gain, -np.inf)
    raise ModelSpecificationError(f"unknown concept {concept!r}; known: {', '.join(CONCEPTS)}")
