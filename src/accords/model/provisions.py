"""Provisions: who must do what, when, under which condition, and the evidence for it."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal, Self

from pydantic import Field, model_validator

from accords.model._base import Record, Slug
from accords.model.basis import Based
from accords.model.conditions import Condition, Deadline, Trigger
from accords.model.sources import Evidence

__all__ = ["Ambiguity", "Label", "Modality", "Provision", "Quantity", "Settlement", "Variant"]

Modality = Literal["obligation", "prohibition", "permission", "power", "declaration"]

#: A provision label as numbered in its source: ``6``, ``21.d``, ``E-3``.
Label = Annotated[str, Field(pattern=r"^[A-Za-z0-9]+([.\-][A-Za-z0-9]+)*$", max_length=20)]


class Quantity(Record):
    """A number the provision states, with its unit (``600000 personnel``, ``100e9 USD``)."""

    value: float
    unit: str = Field(min_length=1)
    measure: str | None = None
    approximate: bool = False
    evidence: tuple[Evidence, ...] = ()


class Settlement(Record):
    """The option of an issue that a provision chooses."""

    issue: Slug
    option: Slug
    note: str | None = None


class Variant(Record):
    """Another report of the same provision that differs from the main text.

    Conflicting reports are kept side by side, each with its source, never merged.
    """

    text: str = Field(min_length=1)
    settles: tuple[Settlement, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    evidence: tuple[Evidence, ...] = Field(min_length=1)
    note: str | None = None


class Ambiguity(Evidence):
    """A passage of the text that admits more than one reading, kept visible, not encoded.

    ``quote`` is verbatim from ``source`` (checked like any evidence); ``note`` says which
    readings it admits and which one, if any, the provision encodes.

    Examples
    --------
    >>> Ambiguity(source="s", quote="Any security guarantees will not apply",
    ...     note="whose breach is not said").note
    'whose breach is not said'
    """

    note: str = Field(min_length=1)


class Provision(Based):
    """One provision of an agreement.

    Parameters
    ----------
    label : str
        As numbered in the source (``21.d``); a dot separates a point from its sub-point.
    text : str
        A faithful paraphrase.
    modality : {"obligation", "prohibition", "permission", "power", "declaration"}
    bearers : tuple of party ids
        Who must act or consent for the provision to take effect.
    beneficiaries : tuple of party ids
    conditions : tuple of Condition
        All must hold for the provision to be in force (structured data, evaluated by the monitor).
    deadline : Deadline or None
    fulfilled_when, violated_when : Condition or None
        What counts as keeping and as breaking the provision.
    triggers : tuple of Trigger
        The agreement's own mechanisms attached to this provision (guarantee voided, ...).
    quantities : tuple of Quantity
    settles : tuple of Settlement
        The issue options the provision chooses.
    variants : tuple of Variant
        Other reports of the same provision that differ from ``text``.
    evidence : tuple of Evidence
        At least one quote.
    ambiguities : tuple of Ambiguity
        Passages that admit readings the provision does not encode (shown, never evaluated).
    basis, basis_fields, inference, assumption
        The basis of ``bearers`` and ``modality`` (:mod:`accords.model.basis`); required where
        the corpus sets ``basis_required: true``.
    """

    BASIS_FIELDS: ClassVar[tuple[str, ...]] = ("bearers", "modality")

    label: Label
    text: str = Field(min_length=1)
    modality: Modality
    bearers: tuple[Slug, ...] = ()
    beneficiaries: tuple[Slug, ...] = ()
    conditions: tuple[Condition, ...] = ()
    deadline: Deadline | None = None
    fulfilled_when: Condition | None = None
    violated_when: Condition | None = None
    triggers: tuple[Trigger, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    settles: tuple[Settlement, ...] = ()
    variants: tuple[Variant, ...] = ()
    evidence: tuple[Evidence, ...] = Field(min_length=1)
    ambiguities: tuple[Ambiguity, ...] = ()
    notes: str | None = None

    def _present_fields(self) -> tuple[str, ...]:
        # an empty bearer list is a claim too ("the text names no actor")
        return self.BASIS_FIELDS

    @model_validator(mode="after")
    def _based(self) -> Self:
        self._check_basis(f"provision {self.label!r}", required=False)
        return self

    @property
    def point(self) -> str:
        """The top-level point this provision belongs to (``21`` for ``21.d``)."""
        return self.label.split(".", 1)[0]

    @property
    def is_top_level(self) -> bool:
        """True for a numbered point, False for a lettered sub-point."""
        return "." not in self.label
