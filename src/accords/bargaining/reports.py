"""The results of ``bargain``, ``amend`` and ``simulate``.

Each result is frozen and holds what its entry point computed (see
:mod:`accords.bargaining.pipeline`); ``to_record()`` turns it into the document that
``accords bargain|amend|simulate --format json`` prints: a
:class:`~accords.bargaining.records.BargainDocument`, ``AmendDocument`` or ``SimulateDocument``,
with ``document``, ``schema_version`` and ``accords_version`` first. Numbers that are not finite
become ``null``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from accords.bargaining.amend import Amendment
from accords.bargaining.from_corpus import AgreementPackage
from accords.bargaining.overview import BargainingAnalysis, Diagnosis, Placement
from accords.bargaining.problem import BargainingProblem
from accords.bargaining.records import AmendDocument, BargainDocument, SimulateDocument
from accords.bargaining.results import Solution
from accords.bargaining.search import Relaxation
from accords.bargaining.simulate import NegotiationResult
from accords.bargaining.space import IndexArray, OutcomeSpace
from accords.bargaining.utilities import FloatArray, Utilities
from accords.model.documents import finite_or_none

__all__ = ["AmendmentReport", "BargainingReport", "SimulationReport"]

Json = dict[str, Any]


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, eq=False)
class BargainingReport:
    """What :func:`~accords.bargaining.bargain` found about a problem.

    Attributes
    ----------
    problem : BargainingProblem
    analysis : BargainingAnalysis
        Frontier, solutions, ZOPA, placements; when nothing is acceptable, the diagnosis and
        the analysis of the minimally relaxed problem (``analysis.relaxed``).
    frontier_rows : int
        Frontier packages listed in the record (best welfare first).
    """

    problem: BargainingProblem
    analysis: BargainingAnalysis
    frontier_rows: int = 10

    @property
    def feasible(self) -> bool:
        """Whether some package is acceptable to every veto player."""
        return self.analysis.feasible

    def to_record(self) -> dict[str, Any]:
        """The ``accords bargain --format json`` document (:class:`BargainDocument`)."""
        result = self.analysis
        relaxed = (
            None
            if result.relaxed is None
            else {
                "relaxed_constraints": list(result.relaxed_constraints),
                **_analysis_json(self.problem, result.relaxed, self.frontier_rows),
            }
        )
        return BargainDocument.build(
            **_problem_json(self.problem),
            **_analysis_json(self.problem, result, self.frontier_rows),
            relaxed=relaxed,
        )


@dataclass(frozen=True, eq=False)
class AmendmentReport:
    """What :func:`~accords.bargaining.amend_agreement` found for one draft.

    Attributes
    ----------
    problem : BargainingProblem
    agreement_id : str
    draft : AgreementPackage
    low, high : ndarray of shape (n_parties,)
        Each party's lowest and highest utility over the completions of the draft.
    amendment : Amendment or None
        The smallest acceptable amendment; None when no package at all is acceptable.
    diagnosis : Diagnosis or None
        Why nothing is acceptable (when ``amendment`` is None).
    relaxed_utilities : Utilities or None
        The utilities with the constraints the diagnosis names relaxed.
    relaxed_constraints : tuple of str
    relaxed : Amendment or None
        The smallest amendment under the relaxed utilities.
    """

    problem: BargainingProblem
    agreement_id: str
    draft: AgreementPackage
    low: FloatArray
    high: FloatArray
    amendment: Amendment | None
    diagnosis: Diagnosis | None = None
    relaxed_utilities: Utilities | None = None
    relaxed_constraints: tuple[str, ...] = ()
    relaxed: Amendment | None = None

    @property
    def feasible(self) -> bool:
        """Whether some package (hence some amendment) is acceptable to every veto player."""
        return self.amendment is not None

    @property
    def summary(self) -> str:
        """One sentence: the number of changes, or that no amendment is acceptable."""
        if self.amendment is not None:
            return (
                f"the smallest acceptable amendment of {self.agreement_id} makes "
                f"{self.amendment.n_changes} change(s)"
            )
        return (
            f"no amendment of {self.agreement_id} is acceptable to every veto player because "
            "no package is (the diagnosis says why)"
        )

    def to_record(self) -> dict[str, Any]:
        """The ``accords amend --format json`` document (:class:`AmendDocument`)."""
        space, u = self.problem.space, self.problem.utilities
        base: Json = {
            "agreement": self.agreement_id,
            "title": self.problem.titles.get(self.agreement_id),
            "settled": self.draft.settled,
            "open": list(self.draft.open),
            "conflicts": list(self.draft.conflicts),
            "draft_utilities": {
                p: {"low": float(lo), "high": float(hi)}
                for p, lo, hi in zip(u.parties, self.low, self.high, strict=True)
            },
            "reservation": _by_party(u.parties, u.reservation),
            "notes": list(u.notes),
        }
        if self.amendment is not None:
            return AmendDocument.build(
                **{**base, "feasible": True, **_amendment_json(space, u, self.amendment)}
            )
        relaxed_u = self.relaxed_utilities
        return AmendDocument.build(
            **base,
            feasible=False,
            diagnosis=None if self.diagnosis is None else _diagnosis_json(space, u, self.diagnosis),
            relaxed=None
            if self.relaxed is None or relaxed_u is None
            else {
                "relaxed_constraints": list(self.relaxed_constraints),
                **_amendment_json(space, relaxed_u, self.relaxed),
            },
        )


@dataclass(frozen=True, eq=False)
class SimulationReport:
    """What :func:`~accords.bargaining.simulate_bargaining` ran.

    Attributes
    ----------
    problem : BargainingProblem
        The problem simulated (the relaxed one when ``relaxed_constraints`` is not empty).
    run : NegotiationResult
    nash : Solution or None
        The Nash solution of ``problem``, None when no package is acceptable.
    seed : int
    trace : bool
        Whether the record lists every offer's package.
    relaxed_constraints : tuple of str
        What was relaxed before simulating (empty: nothing).
    """

    problem: BargainingProblem
    run: NegotiationResult
    nash: Solution | None
    seed: int
    trace: bool = False
    relaxed_constraints: tuple[str, ...] = ()

    def to_record(self) -> dict[str, Any]:
        """The ``accords simulate --format json`` document (:class:`SimulateDocument`)."""
        space, u, run = self.problem.space, self.problem.utilities, self.run
        offers = [
            {
                "round": o.round,
                "proposer": o.proposer,
                "utilities": _by_party(u.parties, o.utilities),
                "accepted_by": list(o.accepted_by),
                **({"package": space.describe(o.package)} if self.trace else {}),
            }
            for o in run.offers
        ]
        return SimulateDocument.build(
            source=dict(self.problem.source),
            parties=list(u.parties),
            betas=run.betas,
            order=list(run.order),
            n_rounds=run.n_rounds,
            seed=self.seed,
            agreed=run.agreement is not None,
            reason=run.reason,
            round=run.round,
            agreement=_package(space, run.agreement),
            utilities=_by_party(u.parties, run.utilities),
            reservation=_by_party(u.parties, u.reservation),
            pool_size=run.pool_size,
            nash=None if self.nash is None else _solution_json(space, u, self.nash),
            offers=offers,
            notes=list(u.notes),
            relaxed_constraints=list(self.relaxed_constraints),
        )


# --------------------------------------------------------------------------- JSON pieces


def _package(space: OutcomeSpace, package: IndexArray | None) -> dict[str, str | None] | None:
    return None if package is None else space.describe(package)


def _by_party(parties: Sequence[str], values: FloatArray | None) -> dict[str, float] | None:
    if values is None:
        return None
    return {p: float(v) for p, v in zip(parties, values, strict=True)}


def _solution_json(space: OutcomeSpace, utilities: Utilities, sol: Solution) -> Json:
    gains = None if sol.utilities is None else sol.utilities - utilities.reservation
    return {
        "concept": sol.concept,
        "package": _package(space, sol.package),
        "utilities": _by_party(utilities.parties, sol.utilities),
        "gains": _by_party(utilities.parties, gains),
        "objective": finite_or_none(sol.objective),
        "bound": finite_or_none(sol.bound),
        "gap": finite_or_none(sol.gap),
        "optimal": sol.optimal,
        "method": sol.method,
        "n_ties": len(sol.ties),
        "active_parties": list(sol.active),
        "ideal": _by_party(utilities.parties, sol.ideal),
        "reason": sol.reason,
    }


def _relaxation_json(space: OutcomeSpace, utilities: Utilities, r: Relaxation) -> Json:
    return {
        "package": _package(space, r.package),
        "utilities": _by_party(utilities.parties, r.utilities),
        "red_lines_crossed": [{"party": p, "issue": i, "option": o} for p, i, o in r.red_lines],
        "below_reservation": list(r.below_reservation),
        "n_violations": r.n_violations,
        "optimal": r.optimal,
    }


def _diagnosis_json(space: OutcomeSpace, utilities: Utilities, d: Diagnosis) -> Json:
    return {
        "summary": d.summary,
        "blocked_issues": [
            {"issue": issue, "rejected": {o: list(ps) for o, ps in who}}
            for issue, who in d.blocked_issues
        ],
        "short_parties": [
            {"party": p, "best": best, "reservation": res} for p, best, res in d.short_parties
        ],
        "conflicting_pairs": [list(pair) for pair in d.conflicting_pairs],
        "nearest_package": _relaxation_json(space, utilities, d.relaxation),
    }


def _placement_json(
    space: OutcomeSpace,
    utilities: Utilities,
    placement: Placement,
    title: str | None,
    nash: Solution | None,
) -> Json:
    a = placement.agreement
    best = placement.best_completion
    efficiency = None
    if (
        best is not None
        and best.concept == "nash"
        and best.objective is not None
        and nash is not None
        and nash.objective is not None
    ):
        efficiency = math.exp(best.objective - nash.objective)
    return {
        "id": a.agreement,
        "title": title,
        "settled": a.settled,
        "settled_by": a.provisions,
        "open": list(a.open),
        "text_complete": a.text_complete,
        "conflicts": list(a.conflicts),
        "outside_space": list(a.outside),
        "status": placement.status,
        "utilities": {
            p: {"low": float(lo), "high": float(hi)}
            for p, lo, hi in zip(utilities.parties, placement.low, placement.high, strict=True)
        },
        "red_lines_crossed": [
            {"party": p, "issue": i, "option": o} for p, i, o in placement.red_lines
        ],
        "short_parties": list(placement.short),
        "pareto_optimal": placement.pareto_optimal,
        "best_completion": None if best is None else _solution_json(space, utilities, best),
        "nash_efficiency": finite_or_none(efficiency),
    }


def _analysis_json(
    problem: BargainingProblem, result: BargainingAnalysis, frontier_rows: int
) -> Json:
    space, utilities = result.space, result.utilities
    front = result.frontier
    rows: list[Json] = []
    if front is not None and frontier_rows > 0:
        order = np.argsort(-front.utilities.sum(axis=1), kind="stable")[:frontier_rows]
        rows = [
            {
                "package": space.describe(front.packages[k]),
                "utilities": _by_party(utilities.parties, front.utilities[k]),
            }
            for k in order
        ]
    nash = result.solutions.get("nash")
    zopa = result.zopa
    return {
        "feasible": result.feasible,
        "frontier": {
            "size": None if front is None else front.size,
            "enumerated": front is not None,
            "note": result.frontier_note,
            "top_by_welfare": rows,
        },
        "zopa": {
            "size": zopa.size,
            "estimate": zopa.estimate,
            "fraction": zopa.fraction,
            "exact": zopa.exact,
            "interval": None if zopa.interval is None else list(zopa.interval),
            "n_samples": zopa.n_samples,
            "n_admissible": zopa.n_admissible,
        },
        "solutions": {c: _solution_json(space, utilities, s) for c, s in result.solutions.items()},
        "agreements": [
            _placement_json(space, utilities, p, problem.titles.get(p.agreement.agreement), nash)
            for p in result.placements
        ],
        "diagnosis": None
        if result.diagnosis is None
        else _diagnosis_json(space, utilities, result.diagnosis),
    }


def _problem_json(problem: BargainingProblem) -> Json:
    space, u = problem.space, problem.utilities
    allowed = [~r.any(axis=0) for r in u.red_lines]
    return {
        "source": dict(problem.source),
        "parties": [
            {
                "id": p,
                "reservation": float(u.reservation[k]),
                "weights": {i: float(w) for i, w in zip(space.issues, u.weights[k], strict=True)},
                "red_lines": {
                    space.issues[i]: [
                        space.options[i][j] for j in np.flatnonzero(u.red_lines[i][k])
                    ]
                    for i in range(space.n_issues)
                    if u.red_lines[i][k].any()
                },
            }
            for k, p in enumerate(u.parties)
        ],
        "issues": [
            {
                "id": issue,
                "options": list(space.options[i]),
                "admissible": [space.options[i][j] for j in np.flatnonzero(allowed[i])],
            }
            for i, issue in enumerate(space.issues)
        ],
        "space_size": space.size,
        "notes": list(u.notes),
    }


def _amendment_json(space: OutcomeSpace, u: Utilities, result: Amendment) -> Json:
    return {
        "n_changes": result.n_changes,
        "changes": [{"issue": i, "from": a, "to": b} for i, a, b in result.changes],
        "completions": [{"issue": i, "option": o} for i, o in result.completions],
        "package": space.describe(result.package),
        "utilities": _by_party(u.parties, result.utilities),
        "reservation": _by_party(u.parties, u.reservation),
        "gains": _by_party(u.parties, result.utilities - u.reservation),
        "tie_break": result.tie_break,
        "objective": result.objective,
        "optimal": result.optimal,
        "method": result.method,
    }
