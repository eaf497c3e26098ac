"""What every command shares: the --corpus and --format options, output, and error mapping.

Every reporting command takes ``--format json`` and then prints exactly one JSON document on
stdout; human output goes through Rich. Errors are mapped to exit codes here, in one place:

====  ===========================================================
code  meaning
====  ===========================================================
0     success
1     the input has defects (``accords validate`` found some)
2     bad input: unreadable file, unknown id, bad option value
3     no solution (infeasible constraints)
4     the event store cannot be reached or is damaged
====  ===========================================================
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from pydantic import BaseModel
from rich.markup import escape

from accords.corpus import load_corpus
from accords.exceptions import (
    AccordsError,
    CorpusError,
    DefectsFoundError,
    FormatNotSupportedError,
    InfeasibleError,
    RejectedRecordsError,
    StoreError,
)
from accords.model import Corpus
from accords.model.documents import HasRecord
from accords.report.terminal.safe import SafeConsole

__all__ = [
    "CorpusOption",
    "Format",
    "FormatOption",
    "console",
    "emit",
    "err_console",
    "fail",
    "handle_errors",
    "open_corpus",
    "to_jsonable",
    "write_csv",
    "write_json",
]

#: The consoles every command prints with: they strip control characters from corpus and event
#: text (a quote with ``ESC [2J`` cannot clear the analyst's screen). Renderers print through
#: these, never through a ``rich.console.Console`` of their own.
console = SafeConsole()
err_console = SafeConsole(stderr=True)


class Format(StrEnum):
    """Output format of a reporting command."""

    text = "text"
    json = "json"
    csv = "csv"


CorpusOption = Annotated[
    Path | None,
    typer.Option(
        "--corpus",
        help="Corpus directory to use (default: the embedded ukraine-2025 corpus).",
        show_default=False,
    ),
]
FormatOption = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        help="Output format: text (Rich), json, or csv (commands whose output is a table).",
    ),
]


def open_corpus(path: Path | None) -> Corpus:
    """Load the corpus for a command (errors are mapped by :func:`handle_errors`)."""
    return load_corpus(path)


def to_jsonable(data: Any) -> Any:
    """Plain JSON-ready data from models, tuples, sets, dataclasses and numpy values."""
    if isinstance(data, BaseModel):
        return data.model_dump(mode="json")
    if isinstance(data, dict):
        return {str(k): to_jsonable(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [to_jsonable(v) for v in data]
    if isinstance(data, set | frozenset):
        return sorted(to_jsonable(v) for v in data)
    if hasattr(data, "__dataclass_fields__"):
        return {k: to_jsonable(getattr(data, k)) for k in data.__dataclass_fields__}
    if hasattr(data, "item") and callable(data.item):  # numpy scalar
        return data.item()
    if hasattr(data, "tolist"):  # numpy array
        return data.tolist()
    if isinstance(data, Path):
        return str(data)
    return data


def write_json(document: Any) -> None:
    """Write ``document`` to stdout as one strict JSON document (no NaN, no Infinity)."""
    if isinstance(document, HasRecord):
        document = document.to_record()
    text = json.dumps(to_jsonable(document), indent=2, ensure_ascii=False, allow_nan=False)
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def _csv_cell(value: Any) -> Any:
    value = to_jsonable(value)
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join("" if v is None else str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def write_csv(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None) -> None:
    """Write ``rows`` to stdout as CSV: one header row, then one line per row.

    ``columns`` defaults to the keys of the first row. Lists are joined with ``"; "``, missing
    values are empty cells, numbers are written in full (``100000000000``, never rounded), so
    that ``pandas.read_csv`` reads the table back as it is.
    """
    names = list(columns) if columns is not None else (list(rows[0]) if rows else [])
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([_csv_cell(row.get(name)) for name in names])
    sys.stdout.flush()


def emit(
    data: Any,
    fmt: Format,
    render: Callable[[], None],
    *,
    table: Callable[[], Sequence[Mapping[str, Any]]] | None = None,
    columns: Sequence[str] | None = None,
) -> None:
    """Print ``data`` as one JSON document, its ``table`` as CSV, or call ``render`` (Rich).

    ``data`` is a result with ``to_record()`` (preferred) or JSON-ready data; ``table``
    returns the rows of the command's table, for ``--format csv``.

    ``--format csv`` on a command whose output is not a table exits with code 2 and says so.
    """
    if fmt is Format.json:
        write_json(data)
    elif fmt is Format.csv:
        if table is None:  # exits 2 wherever the command calls emit
            fail(str(FormatNotSupportedError("csv", ("text", "json"))), 2)
        write_csv(table(), columns)
    else:
        render()


def fail(message: str, code: int = 2) -> NoReturn:
    """Print an error on stderr and exit with ``code``."""
    err_console.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


@contextmanager
def handle_errors() -> Iterator[None]:
    """Map accords errors to messages and exit codes (the one place that does this)."""
    try:
        yield
    except CorpusError as err:
        shown = err.defects[: CorpusError.MAX_SHOWN]
        for defect in shown:
            err_console.print(str(defect), highlight=False, markup=False, soft_wrap=True)
        rest = len(err.defects) - len(shown)
        more = f" ({rest} not shown)" if rest else ""
        fail(f"{len(err.defects)} defect(s) in corpus{more}", 2)
    except (RejectedRecordsError, DefectsFoundError) as err:
        fail(str(err), 1)
    except InfeasibleError as err:
        fail(str(err), 3)
    except StoreError as err:
        fail(str(err), 4)
    except AccordsError as err:
        fail(str(err), 2)
    except OSError as err:
        where = f"{err.filename}: " if err.filename else ""
        fail(f"{where}{err.strerror or err}", 2)
