"""The JSON Schema of the corpus files, generated from the model."""

from __future__ import annotations

from typing import Any

from pydantic.json_schema import models_json_schema

from accords.corpus.files import FILE_MODELS
from accords.exceptions import UnknownFileKindError

__all__ = ["corpus_schema"]


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
        return FILE_MODELS[file].model_json_schema()
    refs, defs = models_json_schema(
        [(model, "validation") for model in FILE_MODELS.values()],
        title="accords corpus files",
        description="One JSON Schema per file of an accords corpus directory.",
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **defs,
        "type": "object",
        "properties": {name: refs[(model, "validation")] for name, model in FILE_MODELS.items()},
    }
