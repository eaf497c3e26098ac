"""The corpus: everything known about one negotiation, with lookups by id."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import TypeVar

from pydantic import Field

from accords.exceptions import (
    LookupFailedError,
    UnknownAgreementError,
    UnknownIssueError,
    UnknownPartyError,
    UnknownSourceError,
)
from accords.model._base import Record, Slug
from accords.model.agreements import Agreement
from accords.model.issues import Issue
from accords.model.parties import Party
from accords.model.sources import Source
from accords.model.stances import Clout, Reservation, Stance

__all__ = ["Corpus"]


class Corpus(Record):
    """One negotiation: sources, parties, issues, agreements and stances.

    ``texts`` maps each source id to its full text (read from ``Source.path``); ``directory`` is
    the corpus directory it was read from (None when built in memory), where its event log
    (``events.yaml``) is found.

    Examples
    --------
    >>> from accords import load_corpus
    >>> corpus = load_corpus()
    >>> corpus.agreement("us-28-point-plan").title
    'US 28-point peace plan (leaked draft)'
    >>> sorted(corpus.members_of("europe"))[:3]
    ['eu', 'france', 'germany']
    """

    id: Slug
    title: str
    description: str | None = None
    sources: tuple[Source, ...] = ()
    parties: tuple[Party, ...] = ()
    issues: tuple[Issue, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    stances: tuple[Stance, ...] = ()
    clout: tuple[Clout, ...] = ()
    reservations: tuple[Reservation, ...] = ()
    texts: Mapping[str, str] = Field(default_factory=dict, repr=False, exclude=True)
    directory: str | None = Field(default=None, repr=False, exclude=True)

    def agreement(self, agreement_id: str) -> Agreement:
        """Return the agreement with this id or raise :class:`UnknownAgreementError`."""
        return _find(self.agreements, agreement_id, UnknownAgreementError)

    def party(self, party_id: str) -> Party:
        """Return the party with this id or raise :class:`UnknownPartyError`."""
        return _find(self.parties, party_id, UnknownPartyError)

    def issue(self, issue_id: str) -> Issue:
        """Return the issue with this id or raise :class:`UnknownIssueError`."""
        return _find(self.issues, issue_id, UnknownIssueError)

    def source(self, source_id: str) -> Source:
        """Return the source with this id or raise :class:`UnknownSourceError`."""
        return _find(self.sources, source_id, UnknownSourceError)

    def stances_of(self, party_id: str, issue_id: str | None = None) -> tuple[Stance, ...]:
        """Every stance reported for a party (on one issue, if given), in corpus order."""
        return tuple(
            s
            for s in self.stances
            if s.party == party_id and (issue_id is None or s.issue == issue_id)
        )

    def members_of(self, party_id: str) -> frozenset[str]:
        """All parties inside a group, transitively (``europe`` -> ``eu``, ``france``, ...).

        The party itself is not included.
        """
        return _closure(party_id, self._members)

    def groups_of(self, party_id: str) -> frozenset[str]:
        """All groups that contain a party, transitively (``france`` -> ``eu``, ``europe``...)."""
        return _closure(party_id, self._groups)

    def related(self, party_id: str) -> frozenset[str]:
        """The party, its members and the groups that contain it."""
        return frozenset({party_id}) | self.members_of(party_id) | self.groups_of(party_id)

    @cached_property
    def _members(self) -> dict[str, tuple[str, ...]]:
        return {p.id: p.members for p in self.parties}

    @cached_property
    def _groups(self) -> dict[str, tuple[str, ...]]:
        groups: dict[str, list[str]] = {}
        for p in self.parties:
            for m in p.members:
                groups.setdefault(m, []).append(p.id)
        return {k: tuple(v) for k, v in groups.items()}


_T = TypeVar("_T", Agreement, Party, Issue, Source)


def _find(items: tuple[_T, ...], key: str, error: type[LookupFailedError]) -> _T:
    for item in items:
        if item.id == key:
            return item
    raise error(key, known=[i.id for i in items])


def _closure(start: str, edges: Mapping[str, tuple[str, ...]]) -> frozenset[str]:
    seen: set[str] = set()
    stack = list(edges.get(start, ()))
    while stack:
        node = stack.pop()
        if node in seen or node == start:
            continue
        seen.add(node)
        stack.extend(edges.get(node, ()))
    return frozenset(seen)
