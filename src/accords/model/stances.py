"""What the parties want: stances on issues, clout, and the value of no deal."""

from __future__ import annotations

from typing import ClassVar, Self

from pydantic import Field, model_validator

from accords.model._base import Date, Record, Slug, Unit
from accords.model.basis import Based
from accords.model.issues import Position
from accords.model.sources import Evidence

__all__ = ["Clout", "ConditionalAcceptance", "PositionRange", "Reservation", "Stance"]


class PositionRange(Record):
    """An uncertain position: low, most likely and high values on the issue's 0-100 scale."""

    low: Position
    mode: Position
    high: Position

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if not self.low <= self.mode <= self.high:
            raise ValueError(f"need low <= mode <= high; got {self.low}, {self.mode}, {self.high}")
        return self


class ConditionalAcceptance(Record):
    """An option the party accepts only if a condition is met."""

    option: Slug
    condition: str = Field(min_length=1)


class _Supported(Record):
    """A claim that needs a quote or an explicit, visible assumption."""

    evidence: tuple[Evidence, ...] = ()
    assumption: str | None = None

    def _require_support(self, what: str) -> None:
        if not self.evidence and not self.assumption:
            raise ValueError(f"{what} needs evidence (a quote) or an explicit assumption")


class Stance(Based):
    """A party's stance on an issue, as one source reports it.

    ``ideal`` is None where the corpus has no evidence (unknown); conflicting reports are kept as
    separate stances, each with its own evidence.

    Every field that says something about the party carries a basis (:mod:`accords.model.basis`):
    ``basis`` for the whole record, ``basis_fields`` where a field differs; ``inferred`` needs
    ``inference``, ``assumption`` needs ``assumption``, ``quoted`` needs ``evidence``. A corpus
    whose ``corpus.yaml`` sets ``basis_required: true`` must give a basis for every field.
    """

    BASIS_FIELDS: ClassVar[tuple[str, ...]] = (
        "ideal",
        "position",
        "position_range",
        "salience",
        "red_lines",
        "acceptable",
        "conditional",
    )

    party: Slug
    issue: Slug
    ideal: Slug | None = None
    position: Position | None = None
    position_range: PositionRange | None = None
    salience: Unit | None = None
    red_lines: tuple[Slug, ...] = ()
    acceptable: tuple[Slug, ...] = ()
    conditional: tuple[ConditionalAcceptance, ...] = ()
    confidence: Unit = 0.5
    as_of: Date | None = None
    notes: str | None = None

    @model_validator(mode="after")
    def _supported(self) -> Self:
        what = f"stance of {self.party!r} on {self.issue!r}"
        if self.is_known and not self.evidence and not self.assumption:
            raise ValueError(f"{what} needs evidence (a quote) or an explicit assumption")
        self._check_basis(what, required=False)
        overlap = set(self.red_lines) & ({*self.acceptable} | {self.ideal})
        if overlap:
            raise ValueError(f"options both wanted and rejected: {sorted(o for o in overlap if o)}")
        return self

    @property
    def is_known(self) -> bool:
        """True where the stance says anything about the options."""
        return bool(self.ideal or self.red_lines or self.acceptable or self.conditional)


class Clout(_Supported):
    """A party's capability to shape the outcome, 0-1."""

    party: Slug
    value: Unit
    as_of: Date | None = None

    @model_validator(mode="after")
    def _supported(self) -> Self:
        self._require_support(f"clout of {self.party!r}")
        return self


class Reservation(_Supported):
    """A party's utility (0-1) of no agreement: its best alternative."""

    party: Slug
    value: Unit

    @model_validator(mode="after")
    def _supported(self) -> Self:
        self._require_support(f"reservation value of {self.party!r}")
        return self
