"""Reading KTAB scenario files: the CSV input of KAPSARC's Spatial Model of Politics.

The format, as KTAB's ``SMPModel::csvRead`` reads it::

    scenario,description,n_actors,n_dims,
    Actor,Description,Power,Pstn1,Sal1,Pstn2,Sal2,...
    XJ,Xi Jinping,100.0,30,24.0,20,48.0,
    ...                                      (one line per actor)

Line 1 names the scenario and gives the number of actors and of dimensions; line 2 holds the
column headers (the header of each position column names its dimension); every further line is
one actor: name, description, power (capability, >= 0), then a position and a salience per
dimension, both on 0-100. An actor's saliences add up to at most 100 (its whole attention).
Fields may be quoted; trailing commas and blank lines are ignored.

:func:`parse_ktab_csv` is pure (text in, :class:`~accords.forecasting.base.Actors` out: positions
stay on 0-100, saliences are rescaled to [0, 1]); :func:`read_ktab_csv` reads a file and hands
its text over. Bad input raises :class:`~accords.exceptions.InputFormatError` naming the file, the
line and what was expected.
"""

from __future__ import annotations

import csv
import math
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from accords.exceptions import InputFormatError
from accords.forecasting.base import Actors

__all__ = ["KtabScenario", "parse_ktab_csv", "read_ktab_csv"]

_FIXED_COLUMNS = ("Actor", "Description", "Power")


@dataclass(frozen=True)
class KtabScenario:
    """What a KTAB scenario file says besides the actor table.

    Parameters
    ----------
    name : str
        Scenario name (line 1, first field).
    description : str
        Scenario description (line 1, second field).
    actor_descriptions : tuple of str
        The description column, one entry per actor.
    source : str
        Where the scenario was read from (a path, or ``"<string>"``).
    """

    name: str
    description: str
    actor_descriptions: tuple[str, ...]
    source: str = "<string>"


def parse_ktab_csv(text: str, *, source: str = "<string>") -> tuple[Actors, KtabScenario]:
    """Parse the text of a KTAB scenario CSV file.

    Parameters
    ----------
    text : str
        The whole file.
    source : str, optional
        Name used in error messages (the file's path).

    Returns
    -------
    actors : Actors
        Names, capabilities (the Power column), positions on 0-100 and saliences on [0, 1],
        dimension names from the position headers.
    scenario : KtabScenario
        Scenario name and description, actor descriptions.

    Raises
    ------
    InputFormatError
        When a line does not hold what the format expects (``source:line: ...``).

    Examples
    --------
    >>> text = (
    ...     "demo,two actors,2,1,\\n"
    ...     "Actor,Description,Power,Pstn1,Sal1,\\n"
    ...     "A,first,10,0,50,\\n"
    ...     "B,second,20,100,80,\\n"
    ... )
    >>> actors, scenario = parse_ktab_csv(text)
    >>> actors.names, actors.dimensions, scenario.name
    (('A', 'B'), ('Pstn1',), 'demo')
    >>> actors.salience[:, 0].tolist()
    [0.5, 0.8]
    >>> parse_ktab_csv("demo,x,1,1,\\nActor,Description,Power,Pstn1,Sal1\\nA,a,1,0,120\\n")
    Traceback (most recent call last):
    ...
    accords.exceptions.InputFormatError: <string>:3: actor 'A': salience on dimension 'Pstn1' \
must be a number in [0, 100], got '120'
    """
    rows = _rows(text)
    if not rows:
        raise InputFormatError(source, None, "empty file: expected a KTAB scenario CSV")
    n_actors, n_dims, name, description = _parse_scenario_line(rows[0], source)
    if len(rows) < 2:
        raise InputFormatError(
            source, rows[0][0] + 1, "expected a header line after the scenario line"
        )
    dimensions = _parse_header(rows[1], n_dims, source)

    body = rows[2:]
    if len(body) > n_actors:
        line, _ = body[n_actors]
        raise InputFormatError(
            source,
            line,
            f"expected {n_actors} actor lines (line {rows[0][0]} says n_actors={n_actors}), "
            "found more; fix n_actors or remove the extra lines",
        )
    names: list[str] = []
    descriptions: list[str] = []
    capability = np.zeros(n_actors)
    position = np.zeros((n_actors, n_dims))
    salience = np.zeros((n_actors, n_dims))
    for a, (line, fields) in enumerate(body):
        expected = len(_FIXED_COLUMNS) + 2 * n_dims
        if len(fields) != expected:
            raise InputFormatError(
                source,
                line,
                f"expected {expected} fields (name, description, power, then position and "
                f"salience for each of {n_dims} dimensions), got {len(fields)}",
            )
        actor = fields[0]
        if not actor:
            raise InputFormatError(source, line, "expected an actor name in the first field")
        if actor in names:
            raise InputFormatError(
                source, line, f"actor name {actor!r} repeats line {body[names.index(actor)][0]}"
            )
        names.append(actor)
        descriptions.append(fields[1])
        power = finite_number(fields[2])
        if power is None or power < 0:
            raise InputFormatError(
                source,
                line,
                f"actor {actor!r}: power must be a finite number >= 0, got {fields[2]!r}",
            )
        capability[a] = power
        for k, dim in enumerate(dimensions):
            raw_pos, raw_sal = fields[3 + 2 * k], fields[4 + 2 * k]
            pos, sal = finite_number(raw_pos), finite_number(raw_sal)
            if pos is None or not 0.0 <= pos <= 100.0:
                raise InputFormatError(
                    source,
                    line,
                    f"actor {actor!r}: position on dimension {dim!r} must be a number in "
                    f"[0, 100], got {raw_pos!r}",
                )
            if sal is None or not 0.0 <= sal <= 100.0:
                raise InputFormatError(
                    source,
                    line,
                    f"actor {actor!r}: salience on dimension {dim!r} must be a number in "
                    f"[0, 100], got {raw_sal!r}",
                )
            position[a, k] = pos
            salience[a, k] = sal
        total = float(salience[a].sum())
        if total > 100.0 + 1e-9:
            raise InputFormatError(
                source,
                line,
                f"actor {actor!r}: saliences add up to {total:g}, expected at most 100 "
                "(an actor's whole attention)",
            )

    if len(body) < n_actors:
        last = body[-1][0] if body else rows[1][0]
        raise InputFormatError(
            source,
            last,
            f"expected {n_actors} actor lines (line {rows[0][0]} says n_actors={n_actors}), "
            f"found {len(body)}",
        )

    actors = Actors(tuple(names), capability, position, salience / 100.0, dimensions)
    return actors, KtabScenario(name, description, tuple(descriptions), source)


def read_ktab_csv(path: str | os.PathLike[str]) -> tuple[Actors, KtabScenario]:
    """Read a KTAB scenario CSV file; see :func:`parse_ktab_csv`.

    Raises
    ------
    InputFormatError
        When the file cannot be read or does not hold a KTAB scenario.
    """
    name = os.fspath(path)
    try:
        text = Path(name).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise InputFormatError(name, None, f"cannot read the file: {err}") from err
    return parse_ktab_csv(text, source=name)


def _rows(text: str) -> list[tuple[int, list[str]]]:
    """Non-blank CSV rows as (1-based line number, stripped fields without trailing blanks)."""
    rows: list[tuple[int, list[str]]] = []
    lines = text.splitlines()
    for number, fields in zip(range(1, len(lines) + 1), csv.reader(lines), strict=True):
        cells = [cell.strip() for cell in fields]
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            rows.append((number, cells))
    return rows


def _parse_scenario_line(row: tuple[int, list[str]], source: str) -> tuple[int, int, str, str]:
    line, fields = row
    if len(fields) < 4:
        raise InputFormatError(
            source,
            line,
            f"expected 'scenario,description,n_actors,n_dims', got {len(fields)} field(s)",
        )
    counts: list[int] = []
    for label, raw in (("n_actors", fields[2]), ("n_dims", fields[3])):
        try:
            value = int(raw)
        except ValueError:
            value = 0
        if value < 1:
            raise InputFormatError(
                source,
                line,
                f"{label} (field {len(counts) + 3}) must be a whole number >= 1, got {raw!r}",
            )
        counts.append(value)
    return counts[0], counts[1], fields[0], fields[1]


def _parse_header(row: tuple[int, list[str]], n_dims: int, source: str) -> tuple[str, ...]:
    line, fields = row
    expected = len(_FIXED_COLUMNS) + 2 * n_dims
    if len(fields) != expected:
        raise InputFormatError(
            source,
            line,
            f"expected {expected} column headers (Actor, Description, Power, then a position "
            f"and a salience header for each of {n_dims} dimensions), got {len(fields)}",
        )
    dims = tuple(fields[3 + 2 * k] for k in range(n_dims))
    if len(set(dims)) != len(dims) or not all(dims):
        raise InputFormatError(
            source, line, f"position headers name the dimensions and must differ, got {dims}"
        )
    return dims


def finite_number(raw: str) -> float | None:
    """The finite number a cell holds, or None (for text, NaN and infinities)."""
    try:
        value = float(raw)
    except ValueError:
        return None
    return value if math.isfinite(value) else None
