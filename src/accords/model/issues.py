"""Issues under negotiation, each with an ordered list of options on a 0-100 scale."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise
from typing import Annotated, Self

from pydantic import Field, model_validator

from accords.exceptions import UnknownOptionError
from accords.model._base import Record, Slug

__all__ = ["Issue", "Option"]

Position = Annotated[float, Field(ge=0.0, le=100.0, strict=False)]


class Option(Record):
    """One option of an issue and its position on the issue's 0-100 scale."""

    id: Slug
    position: Position
    description: str = Field(min_length=1)


class Issue(Record):
    """An issue with its options ordered by position.

    Examples
    --------
    >>> nato = Issue(id="nato", title="NATO membership", options=(
    ...     Option(id="open-path", position=0, description="open path to membership"),
    ...     Option(id="constitutional-ban", position=100, description="ban in the constitution"),
    ... ))
    >>> nato.option("open-path").position
    0.0
    """

    id: Slug
    title: str = Field(min_length=1)
    category: str | None = None
    description: str | None = None
    options: tuple[Option, ...] = Field(min_length=2)

    @model_validator(mode="after")
    def _options_ordered(self) -> Self:
        ids = [o.id for o in self.options]
        duplicated = sorted(i for i, n in Counter(ids).items() if n > 1)
        if duplicated:
            raise ValueError(f"option ids must be unique within an issue; repeated: {duplicated}")
        positions = [o.position for o in self.options]
        if any(b <= a for a, b in pairwise(positions)):
            raise ValueError(
                f"options must be listed in strictly increasing position; got {positions}"
            )
        return self

    def option(self, option_id: str) -> Option:
        """Return the option with this id.

        Raises
        ------
        UnknownOptionError
            (a ``KeyError``) naming the issue and its options.
        """
        for o in self.options:
            if o.id == option_id:
                return o
        raise UnknownOptionError(option_id, issue=self.id, known=(o.id for o in self.options))

    def index(self, option_id: str) -> int:
        """Return the 0-based index of an option in the issue's order.

        Raises
        ------
        UnknownOptionError
            If the issue has no such option.
        """
        return self.options.index(self.option(option_id))
