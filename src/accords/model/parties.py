"""Parties: states, blocs, alliances, institutions and groups, with their members."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from accords.model._base import Record, Slug

__all__ = ["Party", "PartyKind", "Representative"]

PartyKind = Literal["state", "bloc", "alliance", "institution", "group"]


class Representative(Record):
    """A person who speaks for a party (``Zelensky``, ``Kallas``)."""

    name: str = Field(min_length=1)
    role: str | None = None


class Party(Record):
    """A party to, or a party named by, a negotiation.

    Groups (``europe``, ``eu``, ``nato``) list their ``members``; analyses resolve membership both
    ways (a provision binding ``europe`` binds its members; one binding ``eu`` involves
    ``europe``).
    """

    id: Slug
    name: str = Field(min_length=1)
    kind: PartyKind
    members: tuple[Slug, ...] = ()
    aliases: tuple[str, ...] = ()
    representatives: tuple[Representative, ...] = ()
    notes: str | None = None
