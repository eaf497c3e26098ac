"""accords: peace plans and the parties' positions as typed, checkable data.

The public API: load a corpus (the embedded ``ukraine-2025`` by default), then analyse it —
who must act, acceptability and version diffs (:mod:`accords.analysis`), bargaining
(:mod:`accords.bargaining`), forecasting (:mod:`accords.forecasting`) and implementation
monitoring (:mod:`accords.monitor`). Each topic package exports more than the names here.

Examples
--------
>>> import accords
>>> corpus = accords.load_corpus()
>>> len(corpus.agreement("us-28-point-plan").top_level)
28
"""

from accords.analysis import assess_acceptability, diff_agreements, who_must_act
from accords.bargaining import (
    analyse_bargaining,
    nash_solution,
    pareto_frontier,
    read_genius,
    search_package,
    simulate_negotiation,
    smallest_amendment,
    space_from_corpus,
    utilities_from_stances,
)
from accords.corpus import (
    corpus_schema,
    default_corpus_path,
    load_corpus,
    parse_corpus,
    read_corpus,
    validate_corpus,
)
from accords.exceptions import AccordsError, CorpusDefect, CorpusError
from accords.explore import (
    issue_profile,
    list_stances,
    party_profile,
    search_corpus,
    source_profile,
)
from accords.forecasting import (
    Actors,
    CompromiseModel,
    ExpectedUtilityModel,
    SpatialModel,
    make_model,
    monte_carlo,
    read_forecast_input,
)
from accords.model import (
    Agreement,
    Clout,
    Condition,
    Corpus,
    Deadline,
    EventPattern,
    Evidence,
    Issue,
    Option,
    Party,
    Provision,
    Quantity,
    Reservation,
    Settlement,
    Source,
    Stance,
    Trigger,
)
from accords.monitor import Event, frozen_funds_waterfall, read_events, replay

__version__ = "0.1.0"

__all__ = [
    "AccordsError",
    "Actors",
    "Agreement",
    "Clout",
    "CompromiseModel",
    "Condition",
    "Corpus",
    "CorpusDefect",
    "CorpusError",
    "Deadline",
    "Event",
    "EventPattern",
    "Evidence",
    "ExpectedUtilityModel",
    "Issue",
    "Option",
    "Party",
    "Provision",
    "Quantity",
    "Reservation",
    "Settlement",
    "Source",
    "SpatialModel",
    "Stance",
    "Trigger",
    "__version__",
    "analyse_bargaining",
    "assess_acceptability",
    "corpus_schema",
    "default_corpus_path",
    "diff_agreements",
    "frozen_funds_waterfall",
    "issue_profile",
    "list_stances",
    "load_corpus",
    "make_model",
    "monte_carlo",
    "nash_solution",
    "pareto_frontier",
    "parse_corpus",
    "party_profile",
    "read_corpus",
    "read_events",
    "read_forecast_input",
    "read_genius",
    "replay",
    "search_corpus",
    "search_package",
    "simulate_negotiation",
    "smallest_amendment",
    "source_profile",
    "space_from_corpus",
    "utilities_from_stances",
    "validate_corpus",
    "who_must_act",
]
