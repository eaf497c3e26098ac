"""accords: peace plans and the parties' positions as typed, checkable data.

The public API: load a corpus (the embedded ``ukraine-2025`` by default), then analyse it —
who must act, acceptability and version diffs (:mod:`accords.analysis`), bargaining
(:mod:`accords.bargaining`), forecasting (:mod:`accords.forecasting`) and implementation
monitoring (:mod:`accords.monitor`). Each topic package exports more than the names here.

The names are loaded on first use (PEP 562), so ``import accords`` and ``accords --help`` stay
fast; ``dir(accords)`` and ``accords.__all__`` list them all.

Examples
--------
>>> import accords
>>> corpus = accords.load_corpus()
>>> len(corpus.agreement("us-28-point-plan").top_level)
28
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from accords._version import __version__

#: Public name -> the module that defines it (imported on first access).
_EXPORTS: dict[str, str] = {
    "AccordsError": "accords.exceptions",
    "Actors": "accords.forecasting",
    "Agreement": "accords.model",
    "ArticleError": "accords.exceptions",
    "BargainingProblem": "accords.bargaining",
    "Clout": "accords.model",
    "CompromiseModel": "accords.forecasting",
    "Condition": "accords.model",
    "Corpus": "accords.model",
    "CorpusDefect": "accords.exceptions",
    "CorpusError": "accords.exceptions",
    "Deadline": "accords.model",
    "Defect": "accords.exceptions",
    "DefectsFoundError": "accords.exceptions",
    "Event": "accords.monitor",
    "EventPattern": "accords.model",
    "Evidence": "accords.model",
    "ExpectedUtilityModel": "accords.forecasting",
    "ForecastReport": "accords.forecasting",
    "ForecastTooLargeError": "accords.exceptions",
    "FormatNotSupportedError": "accords.exceptions",
    "FrontierTooLargeError": "accords.exceptions",
    "InfeasibleError": "accords.exceptions",
    "InputFormatError": "accords.exceptions",
    "InvalidOptionError": "accords.exceptions",
    "Issue": "accords.model",
    "LookupFailedError": "accords.exceptions",
    "MissingExtraError": "accords.exceptions",
    "ModelSpecificationError": "accords.exceptions",
    "NoEventStoreError": "accords.exceptions",
    "Option": "accords.model",
    "Party": "accords.model",
    "Provision": "accords.model",
    "Quantity": "accords.model",
    "QuoteNotFoundError": "accords.exceptions",
    "ReadOnlyCorpusError": "accords.exceptions",
    "RejectedRecordsError": "accords.exceptions",
    "Reservation": "accords.model",
    "Settlement": "accords.model",
    "Source": "accords.model",
    "SpatialModel": "accords.forecasting",
    "Stance": "accords.model",
    "StoreError": "accords.exceptions",
    "Trigger": "accords.model",
    "UnknownAgreementError": "accords.exceptions",
    "UnknownCandidateError": "accords.exceptions",
    "UnknownFileKindError": "accords.exceptions",
    "UnknownIssueError": "accords.exceptions",
    "UnknownOptionError": "accords.exceptions",
    "UnknownPartyError": "accords.exceptions",
    "UnknownProvisionError": "accords.exceptions",
    "UnknownSourceError": "accords.exceptions",
    "amend_agreement": "accords.bargaining",
    "analyse_bargaining": "accords.bargaining",
    "assess_acceptability": "accords.analysis",
    "bargain": "accords.bargaining",
    "corpus_schema": "accords.corpus",
    "default_corpus_path": "accords.corpus",
    "diff_agreements": "accords.analysis",
    "forecast_corpus": "accords.forecasting",
    "forecast_file": "accords.forecasting",
    "frozen_funds_waterfall": "accords.monitor",
    "issue_profile": "accords.explore",
    "list_corpus": "accords.corpus.overview",
    "list_stances": "accords.explore",
    "load_corpus": "accords.corpus",
    "make_model": "accords.forecasting",
    "monitor_status": "accords.monitor",
    "monitor_timeline": "accords.monitor",
    "monte_carlo": "accords.forecasting",
    "nash_solution": "accords.bargaining",
    "pareto_frontier": "accords.bargaining",
    "parse_corpus": "accords.corpus",
    "party_profile": "accords.explore",
    "read_corpus": "accords.corpus",
    "read_events": "accords.monitor",
    "read_forecast_input": "accords.forecasting",
    "read_genius": "accords.bargaining",
    "replay": "accords.monitor",
    "replay_scenario": "accords.monitor",
    "search_corpus": "accords.explore",
    "search_package": "accords.bargaining",
    "search_with_events": "accords.explore",
    "simulate_bargaining": "accords.bargaining",
    "simulate_negotiation": "accords.bargaining",
    "smallest_amendment": "accords.bargaining",
    "source_profile": "accords.explore",
    "space_from_corpus": "accords.bargaining",
    "utilities_from_stances": "accords.bargaining",
    "validate_corpus": "accords.corpus",
    "validation_report": "accords.corpus.overview",
    "who_must_act": "accords.analysis",
}

__all__ = ["__version__", *sorted(_EXPORTS)]


def __getattr__(name: str) -> Any:
    try:
        module = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'accords' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from accords.analysis import assess_acceptability as assess_acceptability
    from accords.analysis import diff_agreements as diff_agreements
    from accords.analysis import who_must_act as who_must_act
    from accords.bargaining import BargainingProblem as BargainingProblem
    from accords.bargaining import amend_agreement as amend_agreement
    from accords.bargaining import analyse_bargaining as analyse_bargaining
    from accords.bargaining import bargain as bargain
    from accords.bargaining import nash_solution as nash_solution
    from accords.bargaining import pareto_frontier as pareto_frontier
    from accords.bargaining import read_genius as read_genius
    from accords.bargaining import search_package as search_package
    from accords.bargaining import simulate_bargaining as simulate_bargaining
    from accords.bargaining import simulate_negotiation as simulate_negotiation
    from accords.bargaining import smallest_amendment as smallest_amendment
    from accords.bargaining import space_from_corpus as space_from_corpus
    from accords.bargaining import utilities_from_stances as utilities_from_stances
    from accords.corpus import corpus_schema as corpus_schema
    from accords.corpus import default_corpus_path as default_corpus_path
    from accords.corpus import load_corpus as load_corpus
    from accords.corpus import parse_corpus as parse_corpus
    from accords.corpus import read_corpus as read_corpus
    from accords.corpus import validate_corpus as validate_corpus
    from accords.corpus.overview import list_corpus as list_corpus
    from accords.corpus.overview import validation_report as validation_report
    from accords.exceptions import AccordsError as AccordsError
    from accords.exceptions import ArticleError as ArticleError
    from accords.exceptions import CorpusDefect as CorpusDefect
    from accords.exceptions import CorpusError as CorpusError
    from accords.exceptions import Defect as Defect
    from accords.exceptions import DefectsFoundError as DefectsFoundError
    from accords.exceptions import ForecastTooLargeError as ForecastTooLargeError
    from accords.exceptions import FormatNotSupportedError as FormatNotSupportedError
    from accords.exceptions import FrontierTooLargeError as FrontierTooLargeError
    from accords.exceptions import InfeasibleError as InfeasibleError
    from accords.exceptions import InputFormatError as InputFormatError
    from accords.exceptions import InvalidOptionError as InvalidOptionError
    from accords.exceptions import LookupFailedError as LookupFailedError
    from accords.exceptions import MissingExtraError as MissingExtraError
    from accords.exceptions import ModelSpecificationError as ModelSpecificationError
    from accords.exceptions import NoEventStoreError as NoEventStoreError
    from accords.exceptions import QuoteNotFoundError as QuoteNotFoundError
    from accords.exceptions import ReadOnlyCorpusError as ReadOnlyCorpusError
    from accords.exceptions import RejectedRecordsError as RejectedRecordsError
    from accords.exceptions import StoreError as StoreError
    from accords.exceptions import UnknownAgreementError as UnknownAgreementError
    from accords.exceptions import UnknownCandidateError as UnknownCandidateError
    from accords.exceptions import UnknownFileKindError as UnknownFileKindError
    from accords.exceptions import UnknownIssueError as UnknownIssueError
    from accords.exceptions import UnknownOptionError as UnknownOptionError
    from accords.exceptions import UnknownPartyError as UnknownPartyError
    from accords.exceptions import UnknownProvisionError as UnknownProvisionError
    from accords.exceptions import UnknownSourceError as UnknownSourceError
    from accords.explore import issue_profile as issue_profile
    from accords.explore import list_stances as list_stances
    from accords.explore import party_profile as party_profile
    from accords.explore import search_corpus as search_corpus
    from accords.explore import search_with_events as search_with_events
    from accords.explore import source_profile as source_profile
    from accords.forecasting import Actors as Actors
    from accords.forecasting import CompromiseModel as CompromiseModel
    from accords.forecasting import ExpectedUtilityModel as ExpectedUtilityModel
    from accords.forecasting import ForecastReport as ForecastReport
    from accords.forecasting import SpatialModel as SpatialModel
    from accords.forecasting import forecast_corpus as forecast_corpus
    from accords.forecasting import forecast_file as forecast_file
    from accords.forecasting import make_model as make_model
    from accords.forecasting import monte_carlo as monte_carlo
    from accords.forecasting import read_forecast_input as read_forecast_input
    from accords.model import Agreement as Agreement
    from accords.model import Clout as Clout
    from accords.model import Condition as Condition
    from accords.model import Corpus as Corpus
    from accords.model import Deadline as Deadline
    from accords.model import EventPattern as EventPattern
    from accords.model import Evidence as Evidence
    from accords.model import Issue as Issue
    from accords.model import Option as Option
    from accords.model import Party as Party
    from accords.model import Provision as Provision
    from accords.model import Quantity as Quantity
    from accords.model import Reservation as Reservation
    from accords.model import Settlement as Settlement
    from accords.model import Source as Source
    from accords.model import Stance as Stance
    from accords.model import Trigger as Trigger
    from accords.monitor import Event as Event
    from accords.monitor import frozen_funds_waterfall as frozen_funds_waterfall
    from accords.monitor import monitor_status as monitor_status
    from accords.monitor import monitor_timeline as monitor_timeline
    from accords.monitor import read_events as read_events
    from accords.monitor import replay as replay
    from accords.monitor import replay_scenario as replay_scenario
