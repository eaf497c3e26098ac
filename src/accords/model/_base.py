"""The base of every domain record: frozen, strict, no unknown keys; and the id types."""

from __future__ import annotations

from datetime import date
from typing import Annotated, NewType

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

__all__ = [
    "AgreementId",
    "Date",
    "IssueId",
    "OptionId",
    "PartyId",
    "Record",
    "Slug",
    "SourceId",
    "Unit",
]

#: An identifier: lower-case letters, digits and dashes (``us-28-point-plan``).
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]

PartyId = NewType("PartyId", str)
IssueId = NewType("IssueId", str)
OptionId = NewType("OptionId", str)
SourceId = NewType("SourceId", str)
AgreementId = NewType("AgreementId", str)

#: A calendar date; ISO strings (``2025-11-20``) are accepted from files.
Date = Annotated[date, Field(strict=False)]

#: A fraction in [0, 1].
Unit = Annotated[float, Field(ge=0.0, le=1.0, strict=False)]


class Record(BaseModel):
    """Base of every domain record: immutable, strictly typed, unknown keys rejected."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)
