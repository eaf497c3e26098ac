"""Agreements: versioned, ordered lists of provisions."""

from __future__ import annotations

from typing import ClassVar, Literal, Self

from pydantic import Field, model_validator

from accords.exceptions import UnknownProvisionError
from accords.model._base import Date, Record, Slug
from accords.model.basis import Based
from accords.model.provisions import Provision
from accords.model.sources import Evidence

__all__ = ["Agreement", "AgreementStatus", "Attribution", "AttributionRole"]

AgreementStatus = Literal[
    "leaked-draft", "counter-proposal", "revision", "speculative", "signed", "in-force"
]


AttributionRole = Literal["drafted", "negotiated", "revised", "briefed", "informed"]


class Attribution(Record):
    """One source's report of who took part in an agreement, and how.

    Where sources disagree (who drafted a plan), each report is its own attribution, side by
    side, never merged into a note.

    Parameters
    ----------
    role : {"drafted", "negotiated", "revised", "briefed", "informed"}
    parties : tuple of party ids
        The parties the people acted for.
    people : tuple of str
        The people named, as the source names them.
    reported_by : str or None
        Whom the source cites for it (``Bloomberg``).
    evidence : tuple of Evidence
        At least one quote.
    """

    role: AttributionRole
    parties: tuple[Slug, ...] = ()
    people: tuple[str, ...] = ()
    reported_by: str | None = None
    evidence: tuple[Evidence, ...] = Field(min_length=1)
    note: str | None = None


class Agreement(Based):
    """A draft or signed agreement.

    ``derived_from`` names the version it revises; ``sources`` the articles that report it.
    ``complete`` is False where the sources report only part of the text (a leaked summary):
    comparisons then treat a provision absent from it as unreported, not as removed.
    ``attributions`` keeps each source's report of who drafted, negotiated or was briefed on
    it; ``basis`` (optional) gives the basis of ``proposers`` and ``date``.
    """

    BASIS_FIELDS: ClassVar[tuple[str, ...]] = ("proposers", "date")

    id: Slug
    title: str = Field(min_length=1)
    date: Date | None = None
    proposers: tuple[Slug, ...] = Field(min_length=1)
    status: AgreementStatus
    derived_from: Slug | None = None
    complete: bool = True
    sources: tuple[Slug, ...] = Field(min_length=1)
    attributions: tuple[Attribution, ...] = ()
    notes: str | None = None
    provisions: tuple[Provision, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _labels_unique(self) -> Self:
        self._check_basis(f"agreement {self.id!r}", required=False)
        labels = [p.label for p in self.provisions]
        repeated = sorted({label for label in labels if labels.count(label) > 1})
        if repeated:
            raise ValueError(
                f"provision labels must be unique in an agreement; repeated: {repeated}"
            )
        return self

    def provision(self, label: str) -> Provision:
        """Return the provision with this label.

        Raises
        ------
        UnknownProvisionError
            If no provision has that label.
        """
        for p in self.provisions:
            if p.label == label:
                return p
        raise UnknownProvisionError(f"{self.id}:{label}", known=[p.label for p in self.provisions])

    @property
    def top_level(self) -> tuple[Provision, ...]:
        """The numbered points, without their lettered sub-points."""
        return tuple(p for p in self.provisions if p.is_top_level)
