"""The versioned output documents: the ``--format json`` of every command, and their schemas.

Every library entry point that backs a command returns a frozen result with ``to_record()``;
that method builds a :class:`Document` subclass and dumps it, so the JSON a command prints, the
JSON a web page serves and the JSON Schema printed by ``accords schema --output`` come from one
declaration. Each document carries ``document`` (its kind), ``schema_version`` and
``accords_version``.

Examples
--------
>>> from typing import ClassVar
>>> class Hello(Document):
...     kind: ClassVar[str] = "hello"
...     greeting: str
>>> record = Hello.build(greeting="hi")
>>> record["document"], record["schema_version"], record["greeting"]
('hello', 1, 'hi')
>>> Hello.json_schema()["$id"]
'urn:accords:document:hello:v1'
"""

from __future__ import annotations

import math
from typing import Any, ClassVar, Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, model_validator

from accords._version import __version__

__all__ = [
    "DOCUMENT_CLASSES",
    "SCHEMA_VERSION",
    "Document",
    "HasRecord",
    "document_class",
    "document_schemas",
    "finite_or_none",
]

#: Version of every output document's shape; bump it when a field changes meaning or goes away.
SCHEMA_VERSION = 1


@runtime_checkable
class HasRecord(Protocol):
    """A result that can be turned into its versioned JSON document."""

    def to_record(self) -> dict[str, Any]:
        """The JSON-ready document (what ``--format json`` prints)."""
        ...


def finite_or_none(value: float | None) -> float | None:
    """``value`` as a float, or None where it is missing or not finite (JSON has no NaN).

    >>> finite_or_none(float("nan")) is None, finite_or_none(2)
    (True, 2.0)
    """
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def _replace_non_finite(data: Any) -> Any:
    if isinstance(data, float):
        return data if math.isfinite(data) else None
    if isinstance(data, dict):
        return {k: _replace_non_finite(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [_replace_non_finite(v) for v in data]
    return data


class Document(BaseModel):
    """Base of every output document.

    Subclasses set the class variable ``kind`` (the command or page it documents) and declare
    the fields of the document. :meth:`build` validates a body and returns the plain JSON-ready
    dict; non-finite numbers become ``null``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=False)

    kind: ClassVar[str] = ""

    document: str = ""
    schema_version: int = SCHEMA_VERSION
    accords_version: str = __version__

    @model_validator(mode="before")
    @classmethod
    def _stamp(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {**data, "document": cls.kind}
        return data

    @classmethod
    def build(cls, **body: Any) -> dict[str, Any]:
        """Validate ``body`` against this document and return it as plain JSON-ready data."""
        dumped: dict[str, Any] = cls.model_validate(body).model_dump(mode="json")
        cleaned: dict[str, Any] = _replace_non_finite(dumped)
        return cleaned

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """The JSON Schema of this document, with a versioned ``$id``."""
        schema = cls.model_json_schema(mode="serialization")
        schema["properties"]["document"] = {"const": cls.kind, "title": "Document"}
        schema["properties"]["schema_version"] = {
            "const": SCHEMA_VERSION,
            "title": "Schema Version",
        }
        schema["required"] = sorted(
            set(schema.get("required", [])) | {"document", "schema_version", "accords_version"}
        )
        return {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"urn:accords:document:{cls.kind}:v{SCHEMA_VERSION}",
            **schema,
        }


#: Every output document, as ``kind -> "module:Class"`` (imported only when a schema is asked
#: for, so that listing them costs no import of the topics). Add a line per new document.
DOCUMENT_CLASSES: dict[str, str] = {
    "acceptability": "accords.report.records:AcceptabilityDocument",
    "agreement": "accords.explore.views:AgreementDocument",
    "amend": "accords.bargaining.records:AmendDocument",
    "bargain": "accords.bargaining.records:BargainDocument",
    "deps": "accords.report.records:DepsDocument",
    "diff": "accords.report.records:DiffDocument",
    "forecast": "accords.forecasting.records:ForecastDocument",
    "ingest-add": "accords.ingest.candidates:IngestAddDocument",
    "ingest-candidates": "accords.ingest.candidates:IngestCandidatesDocument",
    "ingest-review": "accords.ingest.candidates:IngestAcceptDocument",
    "init": "accords.corpus.starter:InitDocument",
    "issue-profile": "accords.explore.profiles:IssueProfile",
    "list": "accords.corpus.overview:ListDocument",
    "monitor-add": "accords.monitor.records:AddDocument",
    "monitor-replay": "accords.monitor.records:ReplayDocument",
    "monitor-status": "accords.monitor.records:StatusDocument",
    "monitor-timeline": "accords.monitor.records:TimelineDocument",
    "monitor-waterfall": "accords.monitor.records:WaterfallDocument",
    "network": "accords.analysis.network:NetworkDocument",
    "party-profile": "accords.explore.profiles:PartyProfile",
    "provision": "accords.explore.views:ProvisionDocument",
    "report": "accords.report.summary:ReportDocument",
    "robust-package": "accords.bargaining.robust:RobustPackageDocument",
    "search": "accords.explore.search:SearchDocument",
    "simulate": "accords.bargaining.records:SimulateDocument",
    "source-profile": "accords.explore.profiles:SourceProfile",
    "stances": "accords.explore.stances:StancesDocument",
    "territory": "accords.analysis.territory:TerritoryDocument",
    "validate": "accords.corpus.overview:ValidateDocument",
}


def document_class(kind: str) -> type[Document]:
    """The :class:`Document` subclass registered for ``kind``.

    Raises
    ------
    KeyError
        If no document of that kind is registered.
    """
    import importlib

    module_name, _, class_name = DOCUMENT_CLASSES[kind].partition(":")
    cls: type[Document] = getattr(importlib.import_module(module_name), class_name)
    return cls


def document_schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schema of every registered output document, by kind."""
    return {kind: document_class(kind).json_schema() for kind in sorted(DOCUMENT_CLASSES)}
