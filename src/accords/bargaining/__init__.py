"""Bargaining: is there a package every veto player can accept, and which one is fairest?

The outcome space of a negotiation (:class:`OutcomeSpace`: issues and their options; packages as
small-integer index arrays), the parties' additive utilities with red lines and reservation
values (:class:`Utilities`, built from corpus stances by :func:`utilities_from_stances` or read
from GENIUS files by :func:`read_genius`), and the analyses over them:

* :func:`pareto_frontier` of the acceptable region, without enumerating the space;
* the solution concepts :func:`nash_solution` (Nash 1950), :func:`kalai_smorodinsky_solution`
  (Kalai & Smorodinsky 1975), :func:`egalitarian_solution` and :func:`max_welfare_solution`;
* :func:`zone_of_agreement`: how many packages every party can accept;
* :func:`search_package`: proved-optimal packages by mixed-integer programming in spaces far too
  large to enumerate; :func:`smallest_amendment` of a draft; :func:`least_violating_package`;
* :func:`simulate_negotiation`: multilateral alternating offers with time-dependent tactics;
* :func:`analyse_bargaining`: all of it at once, with agreements placed and infeasibility
  explained;
* one entry point per command, each taking a :class:`BargainingProblem` (from a corpus or a
  GENIUS folder) and returning a frozen report whose ``to_record()`` is the command's JSON
  document: :func:`bargain`, :func:`amend_agreement`, :func:`simulate_bargaining`.

Examples
--------
>>> from accords.bargaining import generate_problem, pareto_frontier, nash_solution
>>> space, u = generate_problem(n_issues=6, n_options=4, n_parties=3, seed=0, reservation=0.3)
>>> front = pareto_frontier(space, u)
>>> nash = nash_solution(space, u, frontier=front)
>>> bool((front.packages == nash.package).all(axis=1).any())
True
"""

from typing import TYPE_CHECKING, Any

from accords.bargaining.amend import Amendment, smallest_amendment
from accords.bargaining.from_corpus import (
    AgreementPackage,
    agreement_package,
    default_parties,
    space_from_corpus,
    utilities_from_stances,
)
from accords.bargaining.overview import (
    BargainingAnalysis,
    Diagnosis,
    Placement,
    analyse_bargaining,
    diagnose,
    place_agreement,
    relax_constraints,
)
from accords.bargaining.pareto import (
    Frontier,
    FrontierTooLargeError,
    pareto_frontier,
    pareto_indices,
)
from accords.bargaining.pipeline import amend_agreement, bargain, simulate_bargaining
from accords.bargaining.problem import BargainingProblem
from accords.bargaining.records import AmendDocument, BargainDocument, SimulateDocument
from accords.bargaining.reports import AmendmentReport, BargainingReport, SimulationReport
from accords.bargaining.results import CONCEPTS, MIN_GAIN, REL_TOL, Concept, Solution
from accords.bargaining.search import (
    Relaxation,
    ideal_point,
    least_violating_package,
    search_package,
)
from accords.bargaining.simulate import (
    NegotiationResult,
    Offer,
    Tactic,
    concession_target,
    parse_tactic,
    simulate_negotiation,
)
from accords.bargaining.solutions import (
    MIP_FIRST_PARTIES,
    Zopa,
    egalitarian_solution,
    frontier_solution,
    kalai_smorodinsky_solution,
    max_welfare_solution,
    nash_solution,
    zone_of_agreement,
)
from accords.bargaining.space import OPEN, OutcomeSpace
from accords.bargaining.utilities import (
    Utilities,
    evaluate,
    generate_problem,
    is_acceptable,
    is_admissible,
    utility_bounds,
)

__all__ = [
    "CONCEPTS",
    "MIN_GAIN",
    "MIP_FIRST_PARTIES",
    "OPEN",
    "REL_TOL",
    "AgreementPackage",
    "AmendDocument",
    "Amendment",
    "AmendmentReport",
    "BargainDocument",
    "BargainingAnalysis",
    "BargainingProblem",
    "BargainingReport",
    "Concept",
    "Diagnosis",
    "Frontier",
    "FrontierTooLargeError",
    "GeniusScenario",
    "NegotiationResult",
    "Offer",
    "OutcomeSpace",
    "Placement",
    "Relaxation",
    "SimulateDocument",
    "SimulationReport",
    "Solution",
    "Tactic",
    "Utilities",
    "Zopa",
    "agreement_package",
    "amend_agreement",
    "analyse_bargaining",
    "bargain",
    "concession_target",
    "default_parties",
    "diagnose",
    "egalitarian_solution",
    "evaluate",
    "frontier_solution",
    "generate_problem",
    "ideal_point",
    "is_acceptable",
    "is_admissible",
    "kalai_smorodinsky_solution",
    "least_violating_package",
    "max_welfare_solution",
    "nash_solution",
    "pareto_frontier",
    "pareto_indices",
    "parse_genius_domain",
    "parse_genius_profile",
    "parse_tactic",
    "place_agreement",
    "read_genius",
    "relax_constraints",
    "scenario_from_genius",
    "search_package",
    "simulate_bargaining",
    "simulate_negotiation",
    "smallest_amendment",
    "space_from_corpus",
    "utilities_from_stances",
    "utility_bounds",
    "zone_of_agreement",
]

if TYPE_CHECKING:
    from accords.readwrite.genius import (
        GeniusScenario,
        parse_genius_domain,
        parse_genius_profile,
        read_genius,
        scenario_from_genius,
    )

#: Names served from :mod:`accords.readwrite.genius` (imported on first use: that module imports
#: this package's space and utilities, so importing it here eagerly would be circular).
_GENIUS_NAMES = frozenset(
    {
        "GeniusScenario",
        "parse_genius_domain",
        "parse_genius_profile",
        "read_genius",
        "scenario_from_genius",
    }
)


def __getattr__(name: str) -> Any:
    if name in _GENIUS_NAMES:
        from accords.readwrite import genius

        return getattr(genius, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
