"""The JSON Schema of the corpus files, generated from the model."""

from __future__ import annotations

import re
from typing import Any

from pydantic.json_schema import models_json_schema

from accords.corpus.files import FILE_MODELS
from accords.exceptions import UnknownFileKindError

__all__ = ["corpus_schema", "docstring_prose"]

_SECTION = re.compile(r"^\s*([A-Z][A-Za-z ]+)\n\s*-{3,}\s*$", re.MULTILINE)
_PARAM = re.compile(r"^(?P<names>[\w, ]+?)\s*:\s*[^\n]*\n(?P<body>(?:[ \t]+[^\n]*\n?)*)", re.M)


def _unwrap(text: str) -> str:
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip())]
    return "\n\n".join(p for p in paragraphs if p).replace("``", "`")


def docstring_prose(doc: str) -> tuple[str, dict[str, str]]:
    r"""A numpydoc docstring as prose: its text before the first section, unwrapped, and the
    descriptions of its parameters by name.

    Examples
    --------
    >>> docstring_prose("A thing.\n\nParameters\n----------\nname : str\n    Its ``name``.\n")
    ('A thing.', {'name': 'Its `name`.'})
    """
    found = _SECTION.search(doc)
    head = doc[: found.start()] if found else doc
    params: dict[str, str] = {}
    sections = {m.group(1).strip(): m.end() for m in _SECTION.finditer(doc)}
    if "Parameters" in sections:
        start = sections["Parameters"]
        rest = doc[start:]
        following = _SECTION.search(rest)
        block = rest[: following.start()] if following else rest
        for m in _PARAM.finditer(block.strip("\n") + "\n"):
            body = _unwrap(m.group("body"))
            for name in m.group("names").split(","):
                if body and name.strip():
                    params[name.strip()] = body
    return _unwrap(head), params


def _clean(node: Any) -> Any:
    """Every description of a schema as prose; properties described from Parameters."""
    if isinstance(node, dict):
        out = {k: _clean(v) for k, v in node.items()}
        if isinstance(out.get("description"), str):
            prose, params = docstring_prose(out["description"])
            out["description"] = prose
            for name, prop in out.get("properties", {}).items():
                if isinstance(prop, dict) and "description" not in prop and name in params:
                    prop["description"] = params[name]
        return out
    if isinstance(node, list):
        return [_clean(v) for v in node]
    return node


def corpus_schema(file: str | None = None) -> dict[str, Any]:
    """JSON Schema of every corpus file (or of one, by its name in :data:`FILE_MODELS`).

    Raises
    ------
    UnknownFileKindError
        If ``file`` is not the name of a corpus file.

    Examples
    --------
    >>> schema = corpus_schema()
    >>> sorted(schema["properties"])[:2]
    ['agreements/*.yaml', 'corpus.yaml']
    >>> corpus_schema("parties.yaml")["title"]
    'PartiesFile'
    """
    if file is not None:
        if file not in FILE_MODELS:
            raise UnknownFileKindError(file, known=FILE_MODELS)
        cleaned: dict[str, Any] = _clean(FILE_MODELS[file].model_json_schema())
        return cleaned
    refs, defs = models_json_schema(
        [(model, "validation") for model in FILE_MODELS.values()],
        title="accords corpus files",
        description="One JSON Schema per file of an accords corpus directory.",
    )
    defs = _clean(defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **defs,
        "type": "object",
        "properties": {name: refs[(model, "validation")] for name, model in FILE_MODELS.items()},
    }
