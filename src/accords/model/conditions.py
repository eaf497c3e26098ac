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
Certainty = Literal["claimed", "confirmed", "disputed"]


class AttributeTest(Record):
    """A test of one typed attribute of an event (``personnel gt 600000``)."""

    name: str = Field(min_length=1)
    op: Comparison = "eq"
    value: Scalar | tuple[Scalar, ...]


class EventPattern(Record):
    """What an event must look like to match.

    Empty fields match anything. ``actors`` and ``recipients`` match a party or any of its
    members; ``location`` matches an ISO 3166-2 code or a place name.
    """

    type: Annotated[str, Field(pattern=r"^[A-Z][A-Z_]*$")]
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
    states: tuple[str, ...] = Field(min_length=1)


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


EffectAction = Literal[
    "activate", "suspend", "resume", "void", "revoke", "reinstate", "violate", "fulfil", "terminate"
]


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
