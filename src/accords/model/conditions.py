"""Conditions, deadlines and triggers as data: what the monitor evaluates against events.

Nothing here is code: a condition is a tree of event patterns combined with ``all_of``,
``any_of`` and ``none_of``, or a test of another provision's state. The monitor
(:mod:`accords.monitor`) evaluates these trees; the corpus only states them.
"""

from __future__ import annotations

from typing import Annotated, Literal, Self

from pydantic import Field, model_validator

from accords.model._base import Date, Record, Slug
from accords.model.sources import Evidence
from accords.model.vocabulary import (
    ATTRIBUTE_TYPES,
    Certainty,
    EffectAction,
    EventType,
    ProvisionState,
)

__all__ = [
    "AttributeTest",
    "Condition",
    "Deadline",
    "Effect",
    "EventPattern",
    "ProvisionStateTest",
    "Trigger",
]

Comparison = Literal["eq", "ne", "lt", "le", "gt", "ge", "in"]
Scalar = str | bool | int | float


def _kind(value: Scalar) -> str:
    if isinstance(value, bool):
        return "truth value"
    return "text" if isinstance(value, str) else "number"


class AttributeTest(Record):
    """A test of one typed attribute of an event (``personnel gt 600000``).

    Checked when read: ``in`` takes a list and only ``in`` does; ``lt``/``le``/``gt``/``ge``
    compare numbers; a known attribute (:data:`~accords.model.vocabulary.ATTRIBUTE_TYPES`) is
    compared with values of its kind, since any other could never match.

    Examples
    --------
    >>> AttributeTest(name="personnel", op="gt", value=600000).op
    'gt'
    >>> AttributeTest(name="justified", op="lt", value=True)
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for AttributeTest
      Value error, attribute test 'justified': op 'lt' compares numbers; got bool True ...
    """

    name: str = Field(min_length=1)
    op: Comparison = "eq"
    value: Scalar | tuple[Scalar, ...]

    @model_validator(mode="after")
    def _evaluable(self) -> Self:
        values = self.value if isinstance(self.value, tuple) else (self.value,)
        where = f"attribute test {self.name!r}"
        if self.op == "in" and not isinstance(self.value, tuple):
            raise ValueError(f"{where}: op 'in' needs a list of values")
        if self.op != "in" and isinstance(self.value, tuple):
            raise ValueError(f"{where}: a list of values needs op 'in'; got {self.op!r}")
        if not values:
            raise ValueError(f"{where}: op 'in' needs at least one value")
        if self.op in ("lt", "le", "gt", "ge") and _kind(values[0]) != "number":
            raise ValueError(
                f"{where}: op {self.op!r} compares numbers; "
                f"got {type(values[0]).__name__} {values[0]!r}"
            )
        expected = ATTRIBUTE_TYPES.get(self.name)
        if expected is not None:
            kinds = {"truth value" if t is bool else "text" if t is str else "number"
                     for t in expected}  # fmt: skip
            for v in values:
                if _kind(v) not in kinds:
                    raise ValueError(
                        f"{where}: attribute {self.name!r} is a {' or '.join(sorted(kinds))}; "
                        f"got {type(v).__name__} {v!r}, which no event can match"
                    )
        return self


class EventPattern(Record):
    """What an event must look like to match.

    Empty fields match anything. ``actors`` and ``recipients`` match a party or any of its
    members; ``location`` matches an ISO 3166-2 code or a place name.
    """

    type: EventType
    mode: str | None = None
    actors: tuple[Slug, ...] = ()
    recipients: tuple[Slug, ...] = ()
    location: tuple[str, ...] = ()
    attributes: tuple[AttributeTest, ...] = ()
    min_certainty: Certainty = "claimed"
    at_least: Annotated[int, Field(ge=1)] = 1


class ProvisionStateTest(Record):
    """True while another provision of the same agreement is in one of ``states``."""

    label: str = Field(min_length=1)
    states: tuple[ProvisionState, ...] = Field(min_length=1)


class Condition(Record):
    """A condition tree. Exactly one of ``event``, ``all_of``, ``any_of``, ``none_of`` or
    ``provision`` is given.

    Examples
    --------
    >>> c = Condition(description="both sides withdraw", all_of=(
    ...     Condition(event=EventPattern(type="RETREAT", mode="withdraw", actors=("russia",))),
    ...     Condition(event=EventPattern(type="RETREAT", mode="withdraw", actors=("ukraine",))),
    ... ))
    >>> len(c.all_of)
    2
    """

    description: str | None = None
    event: EventPattern | None = None
    all_of: tuple[Condition, ...] = ()
    any_of: tuple[Condition, ...] = ()
    none_of: tuple[Condition, ...] = ()
    provision: ProvisionStateTest | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Self:
        given = [
            name
            for name in ("event", "all_of", "any_of", "none_of", "provision")
            if getattr(self, name)
        ]
        if len(given) != 1:
            raise ValueError(
                "a condition needs exactly one of event, all_of, any_of, none_of, provision; "
                f"got {given or 'none'}"
            )
        return self


DeadlineAnchor = Literal["signature", "entry-into-force", "provision-in-force", "event"]


class Deadline(Record):
    """An absolute date, or a number of days after an anchor (``100 days after signature``)."""

    date: Date | None = None
    days: Annotated[int, Field(ge=0)] | None = None
    after: DeadlineAnchor | None = None
    provision: str | None = None
    event: EventPattern | None = None
    description: str | None = None

    @model_validator(mode="after")
    def _absolute_or_relative(self) -> Self:
        if (self.date is None) == (self.days is None):
            raise ValueError("a deadline needs either date or days (with after), not both")
        if self.days is not None and self.after is None:
            raise ValueError("a relative deadline needs after: signature, entry-into-force, ...")
        if self.after == "provision-in-force" and not self.provision:
            raise ValueError("after: provision-in-force needs provision: LABEL")
        if self.after == "event" and self.event is None:
            raise ValueError("after: event needs event: {type: ...}")
        return self


class Effect(Record):
    """What a trigger does: an action on provisions (empty ``provisions`` means its own)."""

    action: EffectAction
    provisions: tuple[str, ...] = ()
    note: str | None = None


class Trigger(Record):
    """A mechanism of the agreement itself: when ``condition`` holds, apply ``effects``."""

    id: Slug
    description: str = Field(min_length=1)
    condition: Condition
    effects: tuple[Effect, ...] = Field(min_length=1)
    evidence: tuple[Evidence, ...] = ()
