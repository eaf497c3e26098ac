"""Reading forecasting inputs: a plain actor table (CSV), the DEU dataset, and KTAB scenarios.

Three formats, told apart by their first line (:func:`detect_input_format`):

``plain``
    A CSV file with a header line and one actor per line::

        actor,capability,position,salience
        Averland,40,10,0.9
        Brask,60,85,0.7

    ``position`` on 0-100; ``salience`` on 0-1 (a file whose saliences include a value above
    1 is read as 0-100 and divided by 100); ``capability`` >= 0 on any scale. Optional columns
    give ranges for Monte Carlo runs: ``position_low``, ``position_high``, ``salience_low``,
    ``salience_high``, ``capability_low``, ``capability_high`` (a blank cell: no range), and
    ``confidence`` (0-1: a position range of half-width (1 - c) x 25 points where no position
    range is given; see :mod:`accords.forecasting.montecarlo`). Column names are
    case-insensitive; a ``description`` column is kept as a note.

``ktab``
    KAPSARC's KTAB scenario CSV (``scenario,description,n_actors,n_dims`` on line 1), read by
    :func:`accords.readwrite.ktab.parse_ktab_csv`.

``deu``
    The *Decision-making in the European Union* dataset (Thomson et al. 2006; Arregui &
    Perarnaud 2022): tab-separated, one issue per line, positions ``p<actor>`` and saliences
    ``s<actor>`` (0-100) of the Commission, the Parliament and the member states, the
    reference point ``rp`` and the outcome ``out``. The first data line holds a capability
    weight per actor under the position columns. ``999`` and blank cells are missing. An
    actor with a position but no salience is given salience 0 (it then carries no weight in
    salience-weighted models, as in the published reference figures).

Every ``parse_`` function is pure (text in); every ``read_`` function reads a file and hands
its text over. Bad input raises :class:`~accords.exceptions.InputFormatError` naming the file,
the line and the field.
"""

from __future__ import annotations

import csv
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from accords.exceptions import InputFormatError, ModelSpecificationError
from accords.forecasting.base import Actors
from accords.forecasting.montecarlo import DEFAULT_MAX_HALF_WIDTH, ActorRanges
from accords.readwrite.ktab import finite_number as _number
from accords.readwrite.ktab import parse_ktab_csv

__all__ = [
    "DeuDataset",
    "DeuIssue",
    "ForecastInput",
    "ForecastProblem",
    "InputFormat",
    "detect_input_format",
    "parse_deu",
    "parse_forecast_input",
    "parse_plain_csv",
    "read_deu",
    "read_forecast_input",
    "read_plain_csv",
]

FloatArray = NDArray[np.float64]
InputFormat = Literal["plain", "ktab", "deu"]

_PLAIN_REQUIRED = ("actor", "capability", "position", "salience")
_PLAIN_OPTIONAL = (
    "position_low",
    "position_high",
    "salience_low",
    "salience_high",
    "capability_low",
    "capability_high",
    "confidence",
    "description",
)
_DEU_MISSING = 999.0
_DEU_NON_ACTOR = {"prnrnmc", "prnr", "prname", "proc", "proccde"}


@dataclass(frozen=True)
class ForecastProblem:
    """One thing to forecast: the actors (with ranges), and where known the reference point
    (status quo) and the real outcome.

    Parameters
    ----------
    name : str
        Scenario or issue name.
    ranges : ActorRanges
    reference : ndarray of shape (d,) or None
    outcome : ndarray of shape (d,) or None
    line : int or None
        Line of the input file it comes from.
    notes : tuple of str
        What the reader assumed (missing saliences, rescaled columns, ...).
    """

    name: str
    ranges: ActorRanges
    reference: FloatArray | None = None
    outcome: FloatArray | None = None
    line: int | None = None
    notes: tuple[str, ...] = ()

    @property
    def actors(self) -> Actors:
        """The modes."""
        return self.ranges.actors


@dataclass(frozen=True)
class ForecastInput:
    """The problems of one input file and the format they were read in."""

    source: str
    format: InputFormat
    problems: tuple[ForecastProblem, ...]
    notes: tuple[str, ...] = ()


# --------------------------------------------------------------------------- helpers


def _read_text(path: str | os.PathLike[str]) -> tuple[str, str]:
    name = os.fspath(path)
    try:
        return Path(name).read_text(encoding="utf-8-sig"), name
    except (OSError, UnicodeDecodeError) as err:
        reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        raise InputFormatError(name, None, f"cannot read the file: {reason}") from err


def _csv_rows(text: str, delimiter: str = ",") -> list[tuple[int, list[str]]]:
    """Non-blank rows as (1-based line, stripped cells), trailing blank cells dropped."""
    lines = text.splitlines()
    rows: list[tuple[int, list[str]]] = []
    for number, cells in zip(
        range(1, len(lines) + 1), csv.reader(lines, delimiter=delimiter), strict=True
    ):
        stripped = [c.strip() for c in cells]
        if any(stripped):
            rows.append((number, stripped))
    return rows


def _first_line(text: str) -> tuple[int, str] | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            return number, line
    return None


# --------------------------------------------------------------------------- detection


def detect_input_format(text: str, *, source: str = "<string>") -> InputFormat:
    """Tell the format of a forecasting input from its first non-blank line.

    Examples
    --------
    >>> detect_input_format("actor,capability,position,salience\\nA,1,2,0.5\\n")
    'plain'
    >>> detect_input_format("demo,two actors,2,1,\\n")
    'ktab'
    >>> detect_input_format('"isnr"\\t"pcom"\\t"scom"\\t"rp"\\t"out"\\n')
    'deu'
    >>> detect_input_format("hello,world\\n", source="x.csv")
    Traceback (most recent call last):
    ...
    accords.exceptions.InputFormatError: x.csv:1: cannot tell the format from the first line: \
expected a plain header (actor,capability,position,salience), a KTAB scenario line \
(scenario,description,n_actors,n_dims) or a DEU header (tab-separated, with rp and out columns)
    """
    first = _first_line(text)
    if first is None:
        raise InputFormatError(source, None, "empty file: expected a forecasting input")
    number, line = first
    if "\t" in line:
        cells = {c.strip().strip('"').lower() for c in line.split("\t")}
        if {"rp", "out"} <= cells:
            return "deu"
    cells_list = [c.strip().lower() for c in next(csv.reader([line]))]
    if "actor" in cells_list:
        return "plain"
    if len(cells_list) >= 4 and all(c.lstrip("+").isdigit() for c in cells_list[2:4]):
        return "ktab"
    raise InputFormatError(
        source,
        number,
        "cannot tell the format from the first line: expected a plain header "
        "(actor,capability,position,salience), a KTAB scenario line "
        "(scenario,description,n_actors,n_dims) or a DEU header (tab-separated, with rp and "
        "out columns)",
    )


# --------------------------------------------------------------------------- plain CSV


def parse_plain_csv(text: str, *, source: str = "<string>") -> ForecastProblem:
    """Parse a plain actor table (see the module notes for the columns).

    Returns
    -------
    ForecastProblem
        One dimension, named ``position``; ranges from the range and confidence columns.

    Raises
    ------
    InputFormatError
        ``source:line: ...`` for a missing or unknown column, a repeated actor, or a value
        off its scale.

    Examples
    --------
    >>> problem = parse_plain_csv(
    ...     "actor,capability,position,salience,confidence\\n"
    ...     "A,40,10,0.9,1\\n"
    ...     "B,60,80,0.5,0.5\\n"
    ... )
    >>> problem.actors.names, problem.ranges.position_high[:, 0].tolist()
    (('A', 'B'), [10.0, 92.5])
    >>> parse_plain_csv("actor,capability,position,salience\\nA,1,120,0.5\\n", source="t.csv")
    Traceback (most recent call last):
    ...
    accords.exceptions.InputFormatError: t.csv:2: field 'position' of actor 'A': expected a \
number in [0, 100], got '120'
    """
    rows = _csv_rows(text)
    if not rows:
        raise InputFormatError(source, None, "empty file: expected a header line " + _HEADER)
    header_line, header = rows[0]
    columns = [c.lower() for c in header]
    known = (*_PLAIN_REQUIRED, *_PLAIN_OPTIONAL)
    for name in columns:
        if name not in known:
            raise InputFormatError(
                source,
                header_line,
                f"unknown column {name!r}: expected {', '.join(known)}",
            )
    repeated = sorted({c for c in columns if columns.count(c) > 1})
    if repeated:
        raise InputFormatError(source, header_line, f"repeated column(s): {', '.join(repeated)}")
    missing = [c for c in _PLAIN_REQUIRED if c not in columns]
    if missing:
        raise InputFormatError(
            source, header_line, f"missing column(s) {', '.join(missing)}: expected {_HEADER}"
        )
    body = rows[1:]
    if not body:
        raise InputFormatError(source, header_line, "expected at least one actor line")

    names: list[str] = []
    lines: list[int] = []
    values: dict[str, list[float | None]] = {c: [] for c in columns if c not in _TEXT_COLUMNS}
    for line, cells in body:
        if len(cells) > len(columns):
            raise InputFormatError(
                source, line, f"expected {len(columns)} fields (as the header), got {len(cells)}"
            )
        cells = cells + [""] * (len(columns) - len(cells))
        record = dict(zip(columns, cells, strict=True))
        actor = record["actor"]
        if not actor:
            raise InputFormatError(source, line, "field 'actor': expected an actor name")
        if actor in names:
            raise InputFormatError(
                source,
                line,
                f"actor {actor!r} repeats line {lines[names.index(actor)]}: one line per actor",
            )
        names.append(actor)
        lines.append(line)
        for field_name in values:
            raw = record[field_name]
            optional = field_name not in _PLAIN_REQUIRED
            if optional and raw == "":
                values[field_name].append(None)
                continue
            value = _number(raw)
            lower, upper = _PLAIN_BOUNDS[field_name.split("_")[0]]
            if value is None or value < lower or value > upper:
                bounds_text = f"[{lower:g}, {upper:g}]" if math.isfinite(upper) else f">= {lower:g}"
                raise InputFormatError(
                    source,
                    line,
                    f"field {field_name!r} of actor {actor!r}: expected a number in {bounds_text}, "
                    f"got {raw!r}",
                )
            values[field_name].append(value)

    notes: list[str] = []
    salience_columns = [c for c in values if c.startswith("salience")]
    top = max((v for c in salience_columns for v in values[c] if v is not None), default=0.0)
    salience_scale = 1.0
    if top > 1.0:
        salience_scale = 100.0
        notes.append("saliences read on 0-100 (a value above 1 was found) and divided by 100")

    def column(name: str, default: list[float]) -> FloatArray:
        raw = values.get(name)
        if raw is None:
            return np.asarray(default, dtype=np.float64)
        return np.asarray([d if v is None else v for v, d in zip(raw, default, strict=True)])

    capability = column("capability", [0.0] * len(names))
    position = column("position", [0.0] * len(names))
    salience = column("salience", [0.0] * len(names)) / salience_scale
    actors = Actors(tuple(names), capability, position[:, None], salience[:, None], ("position",))
    if "confidence" in values:
        confidence = column("confidence", [1.0] * len(names))
        half = DEFAULT_MAX_HALF_WIDTH - confidence * DEFAULT_MAX_HALF_WIDTH
        pos_low_default = list(np.clip(position - half, 0.0, 100.0))
        pos_high_default = list(np.clip(position + half, 0.0, 100.0))
    else:
        pos_low_default = pos_high_default = list(position)
    bounds = {
        "position_low": column("position_low", pos_low_default),
        "position_high": column("position_high", pos_high_default),
        "salience_low": column("salience_low", list(salience * salience_scale)) / salience_scale,
        "salience_high": column("salience_high", list(salience * salience_scale)) / salience_scale,
        "capability_low": column("capability_low", list(capability)),
        "capability_high": column("capability_high", list(capability)),
    }
    try:
        ranges = ActorRanges(
            actors,
            position_low=bounds["position_low"][:, None],
            position_high=bounds["position_high"][:, None],
            salience_low=bounds["salience_low"][:, None],
            salience_high=bounds["salience_high"][:, None],
            capability_low=bounds["capability_low"],
            capability_high=bounds["capability_high"],
        )
    except ModelSpecificationError as err:
        culprit = next((n for n in names if f"actor {n!r}" in str(err)), None)
        line = lines[names.index(culprit)] if culprit is not None else header_line
        raise InputFormatError(source, line, str(err)) from err
    return ForecastProblem(
        name=Path(source).stem if source != "<string>" else "position",
        ranges=ranges,
        line=header_line,
        notes=tuple(notes),
    )


_HEADER = "actor,capability,position,salience"
_TEXT_COLUMNS = {"actor", "description"}
_PLAIN_BOUNDS: dict[str, tuple[float, float]] = {
    "capability": (0.0, math.inf),
    "position": (0.0, 100.0),
    "salience": (0.0, 100.0),
    "confidence": (0.0, 1.0),
}


def read_plain_csv(path: str | os.PathLike[str]) -> ForecastProblem:
    """Read a plain actor table; see :func:`parse_plain_csv`."""
    text, name = _read_text(path)
    return parse_plain_csv(text, source=name)


# --------------------------------------------------------------------------- DEU


@dataclass(frozen=True)
class DeuIssue:
    """One issue of the DEU dataset: its actors, reference point and outcome.

    ``actors`` holds only the actors with a position on the issue; ``no_salience`` names those
    whose salience is missing (given 0).
    """

    id: str
    proposal: str
    line: int
    actors: Actors
    reference: float | None
    outcome: float | None
    no_salience: tuple[str, ...] = ()


@dataclass(frozen=True)
class DeuDataset:
    """The DEU dataset: actor codes, their capability weights, and the issues."""

    source: str
    actor_codes: tuple[str, ...]
    capability: FloatArray
    issues: tuple[DeuIssue, ...] = field(default=())


def parse_deu(text: str, *, source: str = "<string>") -> DeuDataset:
    """Parse the DEU dataset (tab-separated; see the module notes).

    Raises
    ------
    InputFormatError
        For a missing column, an unreadable number or a value off its scale.

    Examples
    --------
    >>> text = (
    ...     '"isnr"\\t"prname"\\t"pcom"\\t"pep"\\t"scom"\\t"sep"\\t"rp"\\t"out"\\n'
    ...     '\\t\\t"4.1"\\t"4.1"\\t\\t\\t\\t\\n'
    ...     '"i1"\\t"cars"\\t100\\t0\\t50\\t\\t0\\t60\\n'
    ...     '"i2"\\t"fish"\\t999\\t20\\t\\t80\\t\\t\\n'
    ... )
    >>> deu = parse_deu(text)
    >>> deu.actor_codes, [i.actors.names for i in deu.issues]
    (('com', 'ep'), [('com', 'ep'), ('ep',)])
    >>> deu.issues[0].actors.salience[:, 0].tolist(), deu.issues[0].no_salience
    ([0.5, 0.0], ('ep',))
    >>> deu.issues[1].reference, deu.issues[1].outcome
    (None, None)
    """
    rows = _csv_rows(text, delimiter="\t")
    if len(rows) < 2:
        raise InputFormatError(
            source, None, "expected a header line and a line of capability weights"
        )
    header_line, header = rows[0]
    names = [h.strip().strip('"') for h in header]
    index = {n: k for k, n in enumerate(names)}
    for needed in ("rp", "out"):
        if needed not in index:
            raise InputFormatError(source, header_line, f"missing column {needed!r}")
    codes = [n[1:] for n in names if n.startswith("p") and n not in _DEU_NON_ACTOR]
    missing_sal = [f"s{c}" for c in codes if f"s{c}" not in index]
    if not codes or missing_sal:
        raise InputFormatError(
            source,
            header_line,
            "expected a position column p<actor> and a salience column s<actor> for each "
            f"actor; missing: {', '.join(missing_sal) or 'every position column'}",
        )
    id_column = index.get("isnr", index.get("isnrnmc"))
    name_column = index.get("prname")

    def cell(cells: list[str], k: int) -> str:
        return cells[k].strip().strip('"') if k < len(cells) else ""

    def value(line: int, cells: list[str], column: str, upper: float) -> float | None:
        raw = cell(cells, index[column])
        if raw == "":
            return None
        number = _number(raw)
        if number is None:
            raise InputFormatError(
                source, line, f"column {column!r}: expected a number, 999 or blank, got {raw!r}"
            )
        if number == _DEU_MISSING:
            return None
        if not 0.0 <= number <= upper:
            raise InputFormatError(
                source, line, f"column {column!r}: expected a value in [0, {upper:g}], got {raw!r}"
            )
        return number

    weights_line, weights = rows[1]
    if id_column is not None and cell(weights, id_column):
        raise InputFormatError(
            source,
            weights_line,
            "expected the line of capability weights (no issue id) after the header, got "
            f"issue {cell(weights, id_column)!r}",
        )
    capability = np.empty(len(codes))
    for k, code in enumerate(codes):
        w = value(weights_line, weights, f"p{code}", math.inf)
        if w is None:
            raise InputFormatError(
                source,
                weights_line,
                f"column 'p{code}': expected the capability weight of actor {code!r} on the "
                "first data line",
            )
        capability[k] = w

    issues: list[DeuIssue] = []
    for line, cells in rows[2:]:
        pos = [value(line, cells, f"p{c}", 100.0) for c in codes]
        sal = [value(line, cells, f"s{c}", 100.0) for c in codes]
        present = [k for k, p in enumerate(pos) if p is not None]
        issue_id = cell(cells, id_column) if id_column is not None else f"line{line}"
        if not present:
            continue
        actors = Actors(
            tuple(codes[k] for k in present),
            capability[present],
            np.asarray([pos[k] for k in present], dtype=np.float64)[:, None],
            np.asarray([(sal[k] or 0.0) / 100.0 for k in present])[:, None],
            (issue_id,),
        )
        issues.append(
            DeuIssue(
                id=issue_id,
                proposal=cell(cells, name_column) if name_column is not None else "",
                line=line,
                actors=actors,
                reference=value(line, cells, "rp", 100.0),
                outcome=value(line, cells, "out", 100.0),
                no_salience=tuple(codes[k] for k in present if sal[k] is None),
            )
        )
    return DeuDataset(source, tuple(codes), capability, tuple(issues))


def read_deu(path: str | os.PathLike[str]) -> DeuDataset:
    """Read the DEU dataset; see :func:`parse_deu`."""
    text, name = _read_text(path)
    return parse_deu(text, source=name)


# --------------------------------------------------------------------------- any format


def parse_forecast_input(text: str, *, source: str = "<string>") -> ForecastInput:
    """Parse a plain, KTAB or DEU input, telling the format from the first line.

    Examples
    --------
    >>> data = parse_forecast_input("actor,capability,position,salience\\nA,1,20,1\\nB,1,80,1\\n")
    >>> data.format, data.problems[0].actors.n_actors
    ('plain', 2)
    """
    fmt = detect_input_format(text, source=source)
    if fmt == "plain":
        return ForecastInput(source, fmt, (parse_plain_csv(text, source=source),))
    if fmt == "ktab":
        actors, scenario = parse_ktab_csv(text, source=source)
        problem = ForecastProblem(
            name=str(getattr(scenario, "name", "") or "scenario"),
            ranges=ActorRanges.exact(actors),
            line=1,
        )
        return ForecastInput(source, fmt, (problem,))
    deu = parse_deu(text, source=source)
    problems = tuple(
        ForecastProblem(
            name=issue.id,
            ranges=ActorRanges.exact(issue.actors),
            reference=None if issue.reference is None else np.asarray([issue.reference]),
            outcome=None if issue.outcome is None else np.asarray([issue.outcome]),
            line=issue.line,
            notes=(
                (f"no salience for {', '.join(issue.no_salience)} (taken as 0)",)
                if issue.no_salience
                else ()
            ),
        )
        for issue in deu.issues
    )
    return ForecastInput(source, fmt, problems)


def read_forecast_input(path: str | os.PathLike[str]) -> ForecastInput:
    """Read a plain, KTAB or DEU input file; see :func:`parse_forecast_input`."""
    text, name = _read_text(path)
    return parse_forecast_input(text, source=name)
