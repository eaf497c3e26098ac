"""The error hierarchy of accords: every error the package raises on purpose.

Each error builds its message from structured attributes and says what was expected, what was got
and where, so that a user can fix the input without reading a traceback. The command line maps
these errors to exit codes in one place (:func:`accords.cli.common.handle_errors`, installed once
for every command); the core never exits.

::

    AccordsError
    ├── CorpusError                       a corpus that cannot be loaded (carries every Defect)
    ├── QuoteNotFoundError (ValueError)   a quote that does not occur in its source text
    ├── LookupFailedError (KeyError)      an id that names nothing
    │   ├── UnknownAgreementError
    │   ├── UnknownFileKindError         a corpus file name that is not one of the corpus's files
    │   ├── UnknownPartyError
    │   ├── UnknownIssueError
    │   ├── UnknownProvisionError
    │   ├── UnknownOptionError
    │   ├── UnknownSourceError
    │   └── UnknownCandidateError          an ingest candidate id that names nothing
    ├── ArticleError (ValueError)         a news article that cannot be ingested (empty, HTML, ...)
    ├── MissingExtraError (ImportError)   an optional extra (``accords[ingest]``) is not installed
    ├── ReadOnlyCorpusError               a write aimed at the embedded, read-only corpus
    ├── InputFormatError (ValueError)     a data file (CSV, XML, JSONL) that cannot be read
    │   └── RejectedRecordsError           records of a file left out of an ingest (exit 1)
    ├── FormatNotSupportedError (ValueError)  an output format a command cannot write
    ├── InvalidOptionError (ValueError)   an option value that cannot be used (a malformed URL)
    ├── ModelSpecificationError (ValueError)  inconsistent parameters for an algorithm
    │   ├── FrontierTooLargeError          a Pareto frontier larger than the size allowed
    │   └── ForecastTooLargeError          Monte Carlo work beyond the documented limit
    ├── DefectsFoundError                 a check found defects (already reported): exit 1
    ├── InfeasibleError                   no solution satisfies the constraints
    └── StoreError                        the event database cannot be reached or is damaged
        └── NoEventStoreError             no event database exists there yet

:class:`Defect` (``file:line: message``) is the one record of what is wrong with an input file,
for corpus files and event files alike (``CorpusDefect`` and ``EventDefect`` are its names there).

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

from accords.formatting import natural_key as _natural_key

__all__ = [
    "AccordsError",
    "ArticleError",
    "CorpusDefect",
    "CorpusError",
    "Defect",
    "DefectsFoundError",
    "ForecastTooLargeError",
    "FormatNotSupportedError",
    "FrontierTooLargeError",
    "InfeasibleError",
    "InputFormatError",
    "InvalidOptionError",
    "LookupFailedError",
    "MissingExtraError",
    "ModelSpecificationError",
    "NoEventStoreError",
    "QuoteNotFoundError",
    "ReadOnlyCorpusError",
    "RejectedRecordsError",
    "StoreError",
    "UnknownAgreementError",
    "UnknownCandidateError",
    "UnknownFileKindError",
    "UnknownIssueError",
    "UnknownOptionError",
    "UnknownPartyError",
    "UnknownProvisionError",
    "UnknownSourceError",
]


class AccordsError(Exception):
    """Root of every error accords raises on purpose."""


@dataclass(frozen=True)
class Defect:
    """One defect of an input file (corpus or events): where it is and what is wrong.

    Parameters
    ----------
    file : str
        Path of the file, relative to the corpus directory where possible.
    line : int or None
        1-based line number, or None where the defect concerns the whole file.
    message : str
        What is wrong, what was expected and what to do.

    Examples
    --------
    >>> print(Defect("parties.yaml", 4, "unknown key 'nmae'"))
    parties.yaml:4: unknown key 'nmae'
    """

    file: str
    line: int | None
    message: str

    @property
    def path(self) -> str:
        """The file (the name event readers use)."""
        return self.file

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.message}"


#: A defect of a corpus file.
CorpusDefect = Defect


class CorpusError(AccordsError):
    """A corpus has one or more defects; ``defects`` lists them all, in file order.

    The message lists the first :attr:`MAX_SHOWN` and counts the rest.
    """

    MAX_SHOWN = 100

    def __init__(self, defects: Sequence[Defect]) -> None:
        self.defects = tuple(defects)
        head = f"{len(self.defects)} defect(s) in corpus"
        shown = [str(d) for d in self.defects[: self.MAX_SHOWN]]
        rest = len(self.defects) - len(shown)
        tail = [f"... and {rest} more defect(s)"] if rest > 0 else []
        super().__init__("\n".join([head, *shown, *tail]))


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
        self.known = tuple(sorted(known, key=_natural_key))
        super().__init__(key)

    def __str__(self) -> str:
        known = ", ".join(self.known[:12]) + (", ..." if len(self.known) > 12 else "")
        return f"unknown {self.kind} {self.key!r}" + (f" (known: {known})" if known else "")


class UnknownFileKindError(LookupFailedError):
    kind = "corpus file"


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


class FormatNotSupportedError(AccordsError, ValueError):
    """An output format the command cannot write (``csv`` for a command with no table)."""

    def __init__(self, fmt: str, supported: Iterable[str]) -> None:
        self.format = fmt
        self.supported = tuple(supported)
        super().__init__(
            f"--format {fmt}: this command's output is not a table; "
            f"use one of: {', '.join(self.supported)}"
        )


class UnknownOptionError(LookupFailedError):
    """An option id that the issue does not have.

    Examples
    --------
    >>> print(UnknownOptionError("nato", issue="alliances", known=["neutral", "eu"]))
    issue 'alliances' has no option 'nato' (known: eu, neutral)
    """

    kind = "option"

    def __init__(self, key: str, *, issue: str | None = None, known: Iterable[str] = ()) -> None:
        self.issue = issue
        super().__init__(key, known=known)

    def __str__(self) -> str:
        if self.issue is None:
            return super().__str__()
        known = ", ".join(self.known)
        return f"issue {self.issue!r} has no option {self.key!r}" + (
            f" (known: {known})" if known else ""
        )


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


class InvalidOptionError(AccordsError, ValueError):
    """An option value that cannot be used: ``--db: what is wrong; what to give instead``.

    Examples
    --------
    >>> print(InvalidOptionError("--db", "'x://' is not a database URL"))
    --db: 'x://' is not a database URL
    """

    def __init__(self, option: str, message: str) -> None:
        self.option = option
        self.message = message
        super().__init__(f"{option}: {message}")


class DefectsFoundError(AccordsError):
    """A check found defects in the input; they were already reported (exit code 1)."""

    def __init__(self, where: str, n_defects: int) -> None:
        self.where = where
        self.n_defects = n_defects
        super().__init__(f"{n_defects} defect(s) in {where}")


class RejectedRecordsError(InputFormatError):
    """Some records of a file were rejected while the good ones were stored.

    The command has already reported each rejected record with its line; this error carries the
    counts so that the command line can exit 1 (the input has defects).
    """

    def __init__(self, path: str, n_rejected: int, n_read: int) -> None:
        self.n_rejected = n_rejected
        self.n_read = n_read
        super().__init__(
            path,
            None,
            f"{n_rejected} of {n_read} records rejected; fix them and add the file again",
        )


class ModelSpecificationError(AccordsError, ValueError):
    """Parameters of an algorithm that are inconsistent or out of range."""


class FrontierTooLargeError(ModelSpecificationError):
    """A Pareto frontier (or an intermediate one) exceeds the ``max_size`` asked for."""


class ForecastTooLargeError(ModelSpecificationError):
    """Monte Carlo work (draws x actors x dimensions) beyond the limit, refused before any
    allocation; the message names the limit, the size asked for and where."""


class InfeasibleError(AccordsError):
    """No solution satisfies the constraints (for example every package crosses a red line)."""


class StoreError(AccordsError):
    """The event database cannot be reached, migrated or read."""


class NoEventStoreError(StoreError):
    """No event database exists at the place named (nothing has been stored there yet)."""


def _clip(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
