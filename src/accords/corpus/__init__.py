"""Reading, checking and describing corpus directories (YAML files plus source texts)."""

from accords.corpus.basis import BasisCounts, basis_counts, filter_by_basis
from accords.corpus.files import FILE_MODELS
from accords.corpus.parse import check_corpus, parse_corpus
from accords.corpus.quotes import find_quote, normalise_text
from accords.corpus.read import (
    DEFAULT_CORPUS,
    default_corpus_path,
    load_corpus,
    read_corpus,
    validate_corpus,
)
from accords.corpus.schema import corpus_schema
from accords.corpus.yaml_lines import parse_yaml

__all__ = [
    "DEFAULT_CORPUS",
    "FILE_MODELS",
    "BasisCounts",
    "basis_counts",
    "check_corpus",
    "corpus_schema",
    "default_corpus_path",
    "filter_by_basis",
    "find_quote",
    "load_corpus",
    "normalise_text",
    "parse_corpus",
    "parse_yaml",
    "read_corpus",
    "validate_corpus",
]
