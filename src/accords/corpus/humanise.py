"""One humaniser for pydantic's validation errors, for corpus files and event files alike.

Pydantic reports one error per failed union member and one per container of a failed item;
:func:`describe_errors` keeps what a person needs: one message per place, naming the key
(``provisions[3].modality``), what was expected and what was got. It runs in time linear in the
number of errors (a file with 26,000 bad items is described in well under a second).
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from accords.model.basis import Based
from accords.model.vocabulary import VOCABULARY_NOUNS

__all__ = [
    "DataPath",
    "describe_errors",
    "describe_vocabulary_error",
    "dotted",
    "inner_model",
]

#: The path of a value in a document: keys and list indexes (``("provisions", 3, "label")``).
DataPath = tuple[str | int, ...]

_TYPE_NAMES = {
    "string_type": "text",
    "bool_type": "true/false",
    "int_type": "an integer",
    "float_type": "a number",
    "none_type": "nothing",
    "dict_type": "a mapping",
    "tuple_type": "a list",
    "list_type": "a list",
}

#: Keys every based record shares (listed last: the record's own keys matter more).
_BASIS_KEYS = frozenset(Based.model_fields)


def describe_errors(
    errors: Sequence[ErrorDetails], *, root: type[BaseModel], data: Any = None
) -> list[tuple[DataPath, str]]:
    """``(path, message)`` for each place where ``data`` fails to validate as ``root``.

    Parameters
    ----------
    errors : sequence of pydantic error details
        ``ValidationError.errors()``.
    root : pydantic model class
        The model that was validated (to list the allowed keys of a nested record).
    data : optional
        The validated data; where given, a path keeps only the keys that exist in it (pydantic's
        union-member tags such as ``function-after[...]`` are dropped either way).

    Examples
    --------
    >>> from pydantic import ValidationError
    >>> from accords.model import Option
    >>> try:
    ...     Option.model_validate({"id": "a", "position": "high", "description": "A",
    ...                            "colour": 1})
    ... except ValidationError as exc:
    ...     for path, message in describe_errors(exc.errors(), root=Option):
    ...         print(message)
    position: Input should be a valid number, unable to parse string as a number; got 'high'
    unknown key 'colour' in (top level); allowed keys: id, position, description
    """
    containers: set[DataPath] = set()
    for error in errors:
        loc = tuple(error["loc"])
        containers.update(loc[:i] for i in range(len(loc)))
    grouped: dict[DataPath, list[ErrorDetails]] = {}
    for error in errors:
        loc = tuple(error["loc"])
        if loc in containers:
            continue  # a container's error that only reflects an error inside it
        grouped.setdefault(_data_path(data, loc), []).append(error)
    return [(path, _message(group, path, root)) for path, group in grouped.items()]


def dotted(path: DataPath) -> str:
    """``provisions[3].label`` for ``("provisions", 3, "label")``.

    Examples
    --------
    >>> dotted(("provisions", 3, "label"))
    'provisions[3].label'
    """
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or "(top level)"


def _message(group: list[ErrorDetails], path: DataPath, root: type[BaseModel]) -> str:
    where = dotted(path)
    shown = _shown(group[0].get("input"))
    if len(group) > 1 and all(e["type"] in _TYPE_NAMES for e in group):
        names = list(dict.fromkeys(_TYPE_NAMES[e["type"]] for e in group))
        expected = ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else names[0]
        return f"{where}: expected {expected}; got {shown}"
    error = group[0]
    kind = error["type"]
    if kind == "extra_forbidden":
        parent = _model_at(root, path[:-1])
        allowed = (
            ", ".join(sorted(parent.model_fields, key=lambda n: n in _BASIS_KEYS))
            if parent is not None
            else "see `accords schema`"
        )
        return f"unknown key {path[-1]!r} in {dotted(path[:-1])}; allowed keys: {allowed}"
    if kind == "missing":
        return f"{where}: required key is missing"
    if kind == "literal_error":
        vocabulary = describe_vocabulary_error(error)
        if vocabulary is not None:
            return vocabulary
    message = error["msg"].replace("Value error, ", "")
    if kind == "value_error" and isinstance(error.get("input"), dict):
        return f"{where}: {message}"  # a record-level check: the record is its own context
    return f"{where}: {message}; got {shown}"


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    text = f"{type(value).__name__} {value!r}" if isinstance(value, list) else repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _data_path(data: Any, loc: Sequence[str | int]) -> DataPath:
    """The path of an error in the data, dropping pydantic's union-member tags."""
    path: list[str | int] = []
    node = data
    for i, part in enumerate(loc):
        if data is None:
            if not (isinstance(part, str) and _is_tag(part)):
                path.append(part)
        elif _has(node, part):
            node = node[part]
            path.append(part)
        elif i == len(loc) - 1 and isinstance(part, str) and not _is_tag(part):
            path.append(part)
    return tuple(path)


def _has(node: Any, part: str | int) -> bool:
    if isinstance(node, dict):
        return part in node
    return isinstance(node, list | tuple) and isinstance(part, int) and 0 <= part < len(node)


def _is_tag(part: str) -> bool:
    return (
        "[" in part
        or part.startswith("lax-")
        or part in {"str", "int", "float", "bool", "tuple", "none", "list", "dict"}
    )


def _model_at(root: type[BaseModel], path: DataPath) -> type[BaseModel] | None:
    model: type[BaseModel] | None = root
    for part in path:
        if model is None:
            return None
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        model = inner_model(field.annotation) if field is not None else None
    return model


def inner_model(annotation: Any) -> type[BaseModel] | None:
    """The record type an annotation holds (``tuple[Provision, ...]`` -> ``Provision``), or None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (tuple, list, typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = inner_model(arg)
            if found is not None:
                return found
    return None


def describe_vocabulary_error(error: ErrorDetails) -> str | None:
    """``unknown event type 'RETRET' (expected one of AGREE, ...)`` for a word outside one of
    the model's closed vocabularies (:mod:`accords.model.vocabulary`); None for other errors.

    Examples
    --------
    >>> from pydantic import ValidationError
    >>> from accords.model import EventPattern
    >>> try:
    ...     EventPattern(type="RETRET")
    ... except ValidationError as err:
    ...     print(describe_vocabulary_error(err.errors()[0])[:60])
    unknown event type 'RETRET' (expected one of AGREE, CONSULT,
    """
    if error["type"] != "literal_error":
        return None
    words = tuple(re.findall(r"'([^']*)'", str(error.get("ctx", {}).get("expected", ""))))
    noun = VOCABULARY_NOUNS.get(words)
    if noun is None:
        return None
    return f"unknown {noun} {error.get('input')!r} (expected one of {', '.join(words)})"
