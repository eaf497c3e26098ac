"""accords: peace plans and the parties' positions as typed, checkable data.

The public API: load a corpus (the embedded ``ukraine-2025`` by default), then analyse it.

Examples
--------
>>> import accords
>>> corpus = accords.load_corpus()
>>> len(corpus.agreement("us-28-point-plan").top_level)
28
"""

from accords.corpus import (
    corpus_schema,
    default_corpus_path,
    load_corpus,
    parse_corpus,
    read_corpus,
    validate_corpus,
)
from accords.exceptions import AccordsError, CorpusDefect, CorpusError
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

__version__ = "0.1.0"

__all__ = [
    "AccordsError",
    "Agreement",
    "Clout",
    "Condition",
    "Corpus",
    "CorpusDefect",
    "CorpusError",
    "Deadline",
    "EventPattern",
    "Evidence",
    "Issue",
    "Option",
    "Party",
    "Provision",
    "Quantity",
    "Reservation",
    "Settlement",
    "Source",
    "Stance",
    "Trigger",
    "__version__",
    "corpus_schema",
    "default_corpus_path",
    "load_corpus",
    "parse_corpus",
    "read_corpus",
    "validate_corpus",
]
