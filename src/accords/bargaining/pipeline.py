"""One entry point per bargaining command: what ``bargain``, ``amend`` and ``simulate`` compute.

Each takes a :class:`~accords.bargaining.problem.BargainingProblem` and keyword options and
returns a frozen result (:mod:`accords.bargaining.reports`) whose ``to_record()`` is the
command's ``--format json`` document (:mod:`accords.bargaining.records`). None of them prints or
exits. A problem where no package is acceptable is a finding, not an error: each result says why
(a :class:`~accords.bargaining.overview.Diagnosis`) and works on the minimally relaxed problem
where the command does.
"""

from __future__ import annotations

from collections.abc import Mapping

from accords.bargaining.amend import smallest_amendment
from accords.bargaining.overview import analyse_bargaining, diagnose, relax_constraints
from accords.bargaining.problem import BargainingProblem
from accords.bargaining.reports import AmendmentReport, BargainingReport, SimulationReport
from accords.bargaining.results import Solution
from accords.bargaining.simulate import Tactic, simulate_negotiation
from accords.bargaining.solutions import nash_solution
from accords.bargaining.utilities import utility_bounds
from accords.exceptions import InfeasibleError, ModelSpecificationError

__all__ = ["amend_agreement", "bargain", "simulate_bargaining"]


def bargain(
    problem: BargainingProblem,
    *,
    max_frontier: int = 200_000,
    frontier_rows: int = 10,
    time_limit: float = 60.0,
    seed: int = 0,
) -> BargainingReport:
    """Is there a package every veto player accepts, and which one is fairest?

    The Pareto frontier of the acceptable region, the Nash, Kalai-Smorodinsky, egalitarian and
    max-welfare packages, the zone of possible agreement, and each agreement of the problem
    placed against them (:func:`~accords.bargaining.analyse_bargaining`). When nothing is
    acceptable, the diagnosis and the same analysis with the fewest constraints relaxed.

    Parameters
    ----------
    problem : BargainingProblem
    max_frontier : int
        Candidate limit of the frontier before exact search.
    frontier_rows : int
        Frontier packages listed in the record (best welfare first).
    time_limit : float
        Seconds allowed to each exact search.
    seed : int
        Seed of the ZOPA sampling, when the zone cannot be counted exactly.

    Returns
    -------
    BargainingReport
        Its ``to_record()`` is the ``accords bargain --format json`` document.

    Raises
    ------
    ModelSpecificationError
        For an option out of range.

    Examples
    --------
    >>> from accords import load_corpus
    >>> problem = BargainingProblem.from_corpus(
    ...     load_corpus("tests/bargaining/corpora/lake-verun"))
    >>> report = bargain(problem)
    >>> record = report.to_record()
    >>> record["document"], record["feasible"], sorted(record["solutions"])[0]
    ('bargain', True, 'egalitarian')
    """
    if frontier_rows < 0:
        raise ModelSpecificationError(f"frontier_rows must be at least 0; got {frontier_rows}")
    analysis = analyse_bargaining(
        problem.space,
        problem.utilities,
        agreements=list(problem.agreements.values()),
        max_frontier=max_frontier,
        time_limit=time_limit,
        seed=seed,
    )
    return BargainingReport(problem, analysis, frontier_rows)


def amend_agreement(
    problem: BargainingProblem, agreement_id: str, *, time_limit: float = 60.0
) -> AmendmentReport:
    """The smallest amendment of a draft that every veto player accepts.

    Changes the fewest issues the draft settles (issues it leaves open are completed and not
    counted), then maximises the Nash product (:func:`~accords.bargaining.smallest_amendment`).
    When no package at all is acceptable the report's ``feasible`` is False and it holds the
    diagnosis and the smallest amendment under the minimal relaxation.

    Parameters
    ----------
    problem : BargainingProblem
    agreement_id : str
        The draft, an agreement of ``problem``.
    time_limit : float
        Seconds allowed to each exact search.

    Returns
    -------
    AmendmentReport
        Its ``to_record()`` is the ``accords amend --format json`` document.

    Raises
    ------
    UnknownAgreementError
        If ``problem`` has no agreement ``agreement_id``.

    Examples
    --------
    >>> from accords import load_corpus
    >>> problem = BargainingProblem.from_corpus(
    ...     load_corpus("tests/bargaining/corpora/lake-verun"))
    >>> report = amend_agreement(problem, "borvian-counter")
    >>> report.feasible, report.to_record()["document"]
    (True, 'amend')
    """
    draft = problem.agreement(agreement_id)
    space, u = problem.space, problem.utilities
    low, high = utility_bounds(u, draft.package)
    try:
        amendment = smallest_amendment(space, u, draft.package, time_limit=time_limit)
    except InfeasibleError:
        diagnosis = diagnose(space, u, time_limit=time_limit)
        relaxed_u, relaxed_what = relax_constraints(space, u, diagnosis.relaxation)
        relaxed = smallest_amendment(space, relaxed_u, draft.package, time_limit=time_limit)
        return AmendmentReport(
            problem,
            agreement_id,
            draft,
            low,
            high,
            None,
            diagnosis=diagnosis,
            relaxed_utilities=relaxed_u,
            relaxed_constraints=relaxed_what,
            relaxed=relaxed,
        )
    return AmendmentReport(problem, agreement_id, draft, low, high, amendment)


def simulate_bargaining(
    problem: BargainingProblem,
    *,
    tactic: Tactic | float = "boulware",
    tactic_of: Mapping[str, Tactic | float] | None = None,
    n_rounds: int = 100,
    seed: int = 0,
    relax: bool = False,
    trace: bool = False,
) -> SimulationReport:
    """Simulate multilateral alternating offers and compare the outcome with the Nash solution.

    Time-dependent concession tactics (Faratin, Sierra & Jennings 1998): see
    :func:`~accords.bargaining.simulate_negotiation`.

    Parameters
    ----------
    problem : BargainingProblem
    tactic : {"boulware", "linear", "conceder"} or float
        Every party's tactic (a positive number is a beta).
    tactic_of : mapping of party to tactic, optional
        Tactics of single parties, overriding ``tactic``.
    n_rounds : int
        Rounds before the deadline.
    seed : int
        Seed of the run (same seed, same run).
    relax : bool
        When no package is acceptable, simulate the problem with the fewest constraints relaxed
        (as :func:`bargain` reports it).
    trace : bool
        List every offer's package in the record.

    Returns
    -------
    SimulationReport
        Its ``to_record()`` is the ``accords simulate --format json`` document.

    Raises
    ------
    ModelSpecificationError
        For an unknown tactic, a beta that is not positive, or a party ``problem`` lacks.

    Examples
    --------
    >>> from accords import load_corpus
    >>> problem = BargainingProblem.from_corpus(
    ...     load_corpus("tests/bargaining/corpora/lake-verun"))
    >>> report = simulate_bargaining(problem, tactic="linear", seed=4)
    >>> report.run.agreement is not None, report.to_record()["betas"]["aldria"]
    (True, 1.0)

    References
    ----------
    Faratin, P., Sierra, C. & Jennings, N. R. (1998). Negotiation decision functions for
    autonomous agents. Robotics and Autonomous Systems, 24(3-4), 159-182.
    """
    parties = problem.utilities.parties
    tactics: Mapping[str, Tactic | float] | Tactic | float = tactic
    if tactic_of:
        unknown = sorted(set(tactic_of) - set(parties))
        if unknown:
            raise ModelSpecificationError(
                f"tactics given for unknown parties {unknown} (known: {', '.join(parties)})"
            )
        tactics = {p: tactic_of.get(p, tactic) for p in parties}
    relaxed_what: tuple[str, ...] = ()
    try:
        nash: Solution | None = nash_solution(problem.space, problem.utilities)
    except InfeasibleError:
        nash = None
        if relax:
            diagnosis = diagnose(problem.space, problem.utilities)
            relaxed_u, relaxed_what = relax_constraints(
                problem.space, problem.utilities, diagnosis.relaxation
            )
            problem = problem.with_utilities(relaxed_u)
            nash = nash_solution(problem.space, relaxed_u)
    run = simulate_negotiation(
        problem.space, problem.utilities, tactics=tactics, n_rounds=n_rounds, seed=seed
    )
    return SimulationReport(problem, run, nash, seed, trace, relaxed_what)
