"""The error hierarchy of accords: every error the package raises on purpose.

Each error builds its message from structured attributes and says what was expected, what was got
and where, so that a user can fix the input without reading a traceback. The command line maps
these errors to exit codes in one place (:mod:`accords.cli.errors`); the core never exits.

::

    AccordsError
    ├── CorpusError                       a corpus that cannot be loaded (carries every defect)
    ├── QuoteNotFoundError (ValueError)   a quote that does not occur in its source text
    ├── LookupFailedError (KeyError)      an id that names nothing
    │   ├── UnknownAgreementError
    │   ├── UnknownPartyError
    │   ├── UnknownIssueError
    │   ├── UnknownProvisionError
    │   ├── UnknownSourceError
    │   └── UnknownCandidateError          an ingest candidate id that names nothing
    ├── ArticleError (ValueError)         a news article that cannot be ingested (empty, HTML, ...)
    ├── MissingExtraError (ImportError)   an optional extra (``accords[ingest]``) is not installed
    ├── ReadOnlyCorpusError               a write aimed at the embedded, read-only corpus
    ├── InputFormatError (ValueError)     a data file (CSV, XML, JSONL) that cannot be read
    ├── ModelSpecificationError (ValueError)  inconsistent parameters for an algorithm
    │   └── FrontierTooLargeError          a Pareto frontier larger than the size allowed
    ├── InfeasibleError                   no solution satisfies the constraints
    └── StoreError                        the event database cannot be reached or is damaged

Examples
--------
>>> from accords.exceptions import UnknownPartyError
>>> err = UnknownPartyError("ukraine-army", known=["russia", "ukraine"])
>>> print(err)
unknown party 'ukraine-army' (known: russia, ukraine)
>>> isinstance(err, KeyError)
True
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = [
    "AccordsError",
    "ArticleError",
    "CorpusDefect",
    "CorpusError",
    "FrontierTooLargeError",
    "InfeasibleError",
    "InputFormatError",
    "LookupFailedError",
    "MissingExtraError",
    "ModelSpecificationError",
    "QuoteNotFoundError",
    "ReadOnlyCorpusError",
    "StoreError",
    "UnknownAgreementError",
    "UnknownCandidateError",
    "UnknownIssueError",
    "UnknownPartyError",
    "UnknownProvisionError",
    "UnknownSourceError",
]


class AccordsError(Exception):
    """Root of every error accords raises on purpose."""


@dataclass(frozen=True)
class CorpusDefect:
    """One defect of a corpus: where it is and what is wrong.

    Parameters
    ----------
    file : str
        Path of the file, relative to the corpus directory where possible.
    line : int or None
        1-based line number, or None where the defect concerns the whole file.
    message : str
        What is wrong, what was expected and what to do.
    """

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.message}"


class CorpusError(AccordsError):
    """A corpus has one or more defects; ``defects`` lists them all, in file order."""

    def __init__(self, defects: Sequence[CorpusDefect]) -> None:
        self.defects = tuple(defects)
        head = f"{len(self.defects)} defect(s) in corpus"
        super().__init__("\n".join([head, *(str(d) for d in self.defects)]))


class QuoteNotFoundError(AccordsError, ValueError):
    """A quote that does not occur in its source, with the closest passage that does."""

    def __init__(self, source: str, quote: str, closest: str) -> None:
        self.source = source
        self.quote = quote
        self.closest = closest
        super().__init__(
            f"quote not found in source '{source}': {_clip(quote)!r}; "
            f"closest passage: {_clip(closest)!r}; copy the quote verbatim from the source text"
        )


class LookupFailedError(AccordsError, KeyError):
    """An id that names nothing; subclasses say what kind of thing was looked up."""

    kind = "item"

    def __init__(self, key: str, *, known: Iterable[str] = ()) -> None:
        self.key = key
        self.known = tuple(sorted(known))
        super().__init__(key)

    def __str__(self) -> str:
        known = ", ".join(self.known[:12]) + (", ..." if len(self.known) > 12 else "")
        return f"unknown {self.kind} {self.key!r}" + (f" (known: {known})" if known else "")


class UnknownAgreementError(LookupFailedError):
    kind = "agreement"


class UnknownPartyError(LookupFailedError):
    kind = "party"


class UnknownIssueError(LookupFailedError):
    kind = "issue"


class UnknownProvisionError(LookupFailedError):
    kind = "provision"


class UnknownSourceError(LookupFailedError):
    kind = "source"


class UnknownCandidateError(LookupFailedError):
    kind = "candidate"


class ArticleError(AccordsError, ValueError):
    """A news article that cannot be ingested: ``path: what is wrong, what was expected``."""

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}")


class MissingExtraError(AccordsError, ImportError):
    """An optional dependency group is not installed; the message names the extra."""

    def __init__(self, extra: str, module: str) -> None:
        self.extra = extra
        self.module = module
        super().__init__(
            f"this needs the optional dependencies of accords[{extra}] (module {module!r} is "
            f"missing); install them with: pip install 'accords[{extra}]'"
        )


class ReadOnlyCorpusError(AccordsError):
    """A command that writes to a corpus was pointed at the embedded, read-only one."""

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(
            f"--corpus {path}: the embedded corpus is read-only; copy it first "
            "(cp -r ... my-corpus) and accept into the copy with --corpus my-corpus"
        )


class InputFormatError(AccordsError, ValueError):
    """A data file that cannot be read: ``path:line: what is wrong``."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


class ModelSpecificationError(AccordsError, ValueError):
    """Parameters of an algorithm that are inconsistent or out of range."""


class FrontierTooLargeError(ModelSpecificationError):
    """A Pareto frontier (or an intermediate one) exceeds the ``max_size`` asked for."""


class InfeasibleError(AccordsError):
    """No solution satisfies the constraints (for example every package crosses a red line)."""


class StoreError(AccordsError):
    """The event database cannot be reached, migrated or read."""


def _clip(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
