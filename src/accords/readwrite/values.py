"""Reading a table of explicit option values: ``{party: {issue: {option: value}}}`` in YAML.

Such a table overrides the utilities :func:`accords.bargaining.utilities_from_stances` derives
from the stances (``accords bargain --values FILE``). :func:`parse_option_values` is pure (it
takes the YAML text); :func:`read_option_values` reads a file.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from accords.exceptions import InputFormatError

__all__ = ["parse_option_values", "read_option_values"]


def parse_option_values(
    text: str, *, name: str = "<values>"
) -> dict[str, dict[str, dict[str, float]]]:
    """The value table in YAML text, as ``{party: {issue: {option: float}}}``.

    Parameters
    ----------
    text : str
        The YAML.
    name : str
        File name used in error messages.

    Raises
    ------
    InputFormatError
        For YAML that does not parse, a table of another shape, or a value that is not a number.

    Examples
    --------
    >>> parse_option_values("aldria:\\n  quota: {low: 1, high: 0.25}\\n")
    {'aldria': {'quota': {'low': 1.0, 'high': 0.25}}}
    >>> parse_option_values("- 1\\n", name="v.yaml")
    Traceback (most recent call last):
    ...
    accords.exceptions.InputFormatError: v.yaml: expected a mapping {party: {issue: {option: v}}}
    """
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise InputFormatError(name, line, f"not valid YAML: {err}") from None
    if not isinstance(data, dict):
        raise InputFormatError(name, None, "expected a mapping {party: {issue: {option: v}}}")
    out: dict[str, dict[str, dict[str, float]]] = {}
    for party, issues in data.items():
        if not isinstance(issues, dict):
            raise InputFormatError(name, None, f"{party}: expected {{issue: {{option: v}}}}")
        out[str(party)] = {}
        for issue, table in issues.items():
            if not isinstance(table, dict):
                raise InputFormatError(name, None, f"{party}.{issue}: expected {{option: v}}")
            try:
                out[str(party)][str(issue)] = {str(o): float(v) for o, v in table.items()}
            except (TypeError, ValueError):
                raise InputFormatError(
                    name, None, f"{party}.{issue}: every value must be a number"
                ) from None
    return out


def read_option_values(path: str | Path) -> dict[str, dict[str, dict[str, float]]]:
    """The value table in a YAML file (see :func:`parse_option_values`).

    Raises
    ------
    InputFormatError
        As :func:`parse_option_values`, the file named.
    OSError
        If the file cannot be read.
    """
    path = Path(path)
    return parse_option_values(path.read_text(encoding="utf-8"), name=str(path))
