"""Issues under negotiation, each with an ordered list of options on a 0-100 scale."""

from __future__ import annotations

from itertools import pairwise
from typing import Annotated, Self

from pydantic import Field, field_validator, model_validator

from accords.model._base import Record, Slug

__all__ = ["Issue", "Option", "is_iso_3166_2"]

Position = Annotated[float, Field(ge=0.0, le=100.0, strict=False)]


def is_iso_3166_2(code: str) -> bool:
    """Whether ``code`` is an ISO 3166-2 subdivision code (per :mod:`pycountry`).

    >>> is_iso_3166_2("UA-43"), is_iso_3166_2("UA-99"), is_iso_3166_2("crimea")
    (True, False, False)
    """
    import pycountry

    return pycountry.subdivisions.get(code=code) is not None  # type: ignore[no-untyped-call]


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
    regions: tuple[str, ...] = Field(
        default=(),
        description=(
            "ISO 3166-2 codes of the regions the issue is about (territorial issues), e.g. "
            "UA-43 for Crimea; the map colours them by the option a draft settles."
        ),
    )

    @field_validator("regions")
    @classmethod
    def _known_regions(cls, regions: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [code for code in regions if not is_iso_3166_2(code)]
        if unknown:
            raise ValueError(
                f"unknown ISO 3166-2 region code(s) {unknown} (expected codes such as "
                "UA-43, UA-09; see https://www.iso.org/obp/ui/#iso:code:3166)"
            )
        if len(set(regions)) != len(regions):
            raise ValueError(f"region codes must be unique; got {list(regions)}")
        return regions

    @model_validator(mode="after")
    def _options_ordered(self) -> Self:
        ids = [o.id for o in self.options]
        duplicated = sorted({i for i in ids if ids.count(i) > 1})
        if duplicated:
            raise ValueError(f"option ids must be unique within an issue; repeated: {duplicated}")
        positions = [o.position for o in self.options]
        if any(b <= a for a, b in pairwise(positions)):
            raise ValueError(
                f"options must be listed in strictly increasing position; got {positions}"
            )
        return self

    def option(self, option_id: str) -> Option:
        """Return the option with this id; raise ``KeyError`` naming the known ones."""
        for o in self.options:
            if o.id == option_id:
                return o
        known = ", ".join(o.id for o in self.options)
        raise KeyError(f"issue {self.id!r} has no option {option_id!r} (known: {known})")

    def index(self, option_id: str) -> int:
        """Return the 0-based index of an option in the issue's order."""
        return self.options.index(self.option(option_id))
