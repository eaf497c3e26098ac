"""One page per party, issue and source: everything the corpus says about it, in one place.

:func:`party_profile`, :func:`issue_profile` and :func:`source_profile` back ``accords show
party|issue|source``. They are pure lookups over the corpus (plus who-must-act for the
provisions a party must carry out).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from pydantic import BaseModel

from accords.analysis import dependence_on, who_must_act
from accords.corpus.quotes import locate_quote
from accords.exceptions import QuoteNotFoundError
from accords.explore.stances import FrozenRow, StanceRow, list_stances
from accords.model import Corpus, Evidence
from accords.model.documents import Document

__all__ = [
    "Citation",
    "IssueProfile",
    "OptionView",
    "PartyProfile",
    "PartyProvision",
    "SourceProfile",
    "issue_profile",
    "party_profile",
    "source_profile",
]


class PartyProvision(FrozenRow):
    """A provision a party must carry out, and how it is reached.

    ``how`` is ``direct`` (a bearer), ``as_member`` (a group it belongs to is a bearer) or
    ``as_group`` (one of its members is a bearer).
    """

    agreement: str
    label: str
    how: str
    text: str


class RepresentativeView(FrozenRow):
    """A person who speaks for the party."""

    name: str
    role: str | None = None


class _Profile(Document):
    """A document that is also its own frozen result."""

    def to_record(self) -> dict[str, Any]:
        """The versioned document."""
        return type(self).build(**self.model_dump(exclude={"document"}))


class PartyProfile(_Profile):
    """The ``accords show party`` document (also the frozen result)."""

    kind: ClassVar[str] = "party-profile"
    id: str
    name: str
    party_kind: str
    aliases: list[str]
    notes: str | None
    members: list[str]
    all_members: list[str]
    member_of: list[str]
    representatives: list[RepresentativeView]
    stances: list[StanceRow]
    no_evidence: list[str]
    provisions: list[PartyProvision]


def party_profile(corpus: Corpus, party_id: str) -> PartyProfile:
    """Who a party is, who speaks for it, what it wants and what it must do.

    Raises
    ------
    UnknownPartyError
        If the corpus has no such party.

    Examples
    --------
    >>> from accords import load_corpus
    >>> profile = party_profile(load_corpus(), "ukraine")
    >>> [r.name for r in profile.representatives]
    ['Volodymyr Zelensky', 'Rustem Umerov']
    """
    party = corpus.party(party_id)
    known = list_stances(corpus, party=party_id).rows
    everything = list_stances(corpus, party=party_id, include_unknown=True).rows
    provisions: list[PartyProvision] = []
    for agreement in corpus.agreements:
        texts = {p.label: p.text for p in agreement.provisions}
        (dependence,) = dependence_on(who_must_act(corpus, agreement), [party_id])
        how = dict.fromkeys(dependence.as_group, "as_group")
        how |= dict.fromkeys(dependence.as_member, "as_member")
        how |= dict.fromkeys(dependence.direct, "direct")
        provisions.extend(
            PartyProvision(agreement=agreement.id, label=label, how=how[label], text=texts[label])
            for label in dependence.labels
        )
    return PartyProfile(
        id=party.id,
        name=party.name,
        party_kind=party.kind,
        aliases=list(party.aliases),
        notes=party.notes,
        members=list(party.members),
        all_members=sorted(corpus.members_of(party_id)),
        member_of=sorted(corpus.groups_of(party_id)),
        representatives=[
            RepresentativeView(name=r.name, role=r.role) for r in party.representatives
        ],
        stances=list(known),
        no_evidence=sorted(
            {r.issue for r in everything if not r.is_known} - {r.issue for r in known}
        ),
        provisions=provisions,
    )


class Settling(FrozenRow):
    """A provision (or one of its variants) that settles an issue on an option."""

    agreement: str
    label: str
    variant: bool
    text: str


class OptionView(FrozenRow):
    """One option of an issue, and the provisions that choose it."""

    id: str
    position: float
    description: str
    settled_by: list[Settling]
    red_line_of: list[str]
    ideal_of: list[str]


class IssueProfile(_Profile):
    """The ``accords show issue`` document (also the frozen result)."""

    kind: ClassVar[str] = "issue-profile"
    id: str
    title: str
    category: str | None
    description: str | None
    options: list[OptionView]
    stances: list[StanceRow]
    no_evidence: list[str]


def issue_profile(corpus: Corpus, issue_id: str) -> IssueProfile:
    """An issue's options, every party's stance on it side by side, and what settles it.

    Raises
    ------
    UnknownIssueError
        If the corpus has no such issue.

    Examples
    --------
    >>> from accords import load_corpus
    >>> profile = issue_profile(load_corpus(), "nato-membership")
    >>> [o.id for o in profile.options][:2]
    ['membership', 'open-path']
    """
    issue = corpus.issue(issue_id)
    known = list_stances(corpus, issue=issue_id).rows
    everything = list_stances(corpus, issue=issue_id, include_unknown=True).rows
    options = []
    for option in issue.options:
        settled: list[Settling] = []
        for agreement in corpus.agreements:
            for p in agreement.provisions:
                if any(s.issue == issue_id and s.option == option.id for s in p.settles):
                    settled.append(
                        Settling(agreement=agreement.id, label=p.label, variant=False, text=p.text)
                    )
                for v in p.variants:
                    if any(s.issue == issue_id and s.option == option.id for s in v.settles):
                        settled.append(
                            Settling(
                                agreement=agreement.id, label=p.label, variant=True, text=v.text
                            )
                        )
        options.append(
            OptionView(
                id=option.id,
                position=option.position,
                description=option.description,
                settled_by=settled,
                red_line_of=sorted({r.party for r in known if option.id in r.red_lines}),
                ideal_of=sorted({r.party for r in known if r.ideal == option.id}),
            )
        )
    return IssueProfile(
        id=issue.id,
        title=issue.title,
        category=issue.category,
        description=issue.description,
        options=options,
        stances=list(known),
        no_evidence=sorted(
            {r.party for r in everything if not r.is_known} - {r.party for r in known}
        ),
    )


class Citation(FrozenRow):
    """A place in the corpus that quotes (or lists) a source.

    ``kind`` is ``agreement`` (the agreement lists the source), ``agreement-evidence``,
    ``provision``, ``stance``, ``clout`` or ``reservation``; ``id`` names it
    (``us-28-point-plan:21.d``, ``russia/crimea``). ``start`` and ``end`` are the quote's
    character offsets in the source's raw text (``text[start:end]`` is the passage as written),
    for links that highlight it.
    """

    kind: str
    id: str
    quote: str | None = None
    start: int | None = None
    end: int | None = None


class SourceProfile(_Profile):
    """The ``accords show source`` document (also the frozen result)."""

    kind: ClassVar[str] = "source-profile"
    id: str
    title: str
    published: str | None
    outlet: str | None
    author: str | None
    url: str | None
    source_kind: str
    path: str
    notes: str | None
    text: str
    n_citations: int
    citations: list[Citation]


def _evidence_in(obj: Any) -> Iterator[Evidence]:
    if isinstance(obj, Evidence):
        yield obj
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from _evidence_in(getattr(obj, name))
    elif isinstance(obj, tuple):
        for item in obj:
            yield from _evidence_in(item)


def source_profile(corpus: Corpus, source_id: str) -> SourceProfile:
    """A source's metadata, its text, and every place in the corpus that cites it.

    Raises
    ------
    UnknownSourceError
        If the corpus has no such source.

    Examples
    --------
    >>> from accords import load_corpus
    >>> profile = source_profile(load_corpus(), "putin-witkoff-summit")
    >>> profile.published, profile.n_citations > 10
    ('2025-12-02', True)
    """
    source = corpus.source(source_id)
    text = corpus.texts.get(source.id, "")
    cites: list[Citation] = []

    def add(kind: str, ident: str, items: Any) -> None:
        for e in _evidence_in(items):
            if e.source != source_id:
                continue
            try:
                start, end = locate_quote(e.quote, text)
            except QuoteNotFoundError:  # a corpus built in memory may lack its texts
                start = end = None  # type: ignore[assignment]
            cites.append(Citation(kind=kind, id=ident, quote=e.quote, start=start, end=end))

    for a in corpus.agreements:
        if source_id in a.sources:
            cites.append(Citation(kind="agreement", id=a.id))
        add("agreement-evidence", a.id, a.evidence)
        for p in a.provisions:
            add("provision", f"{a.id}:{p.label}", p)
    for s in corpus.stances:
        add("stance", f"{s.party}/{s.issue}", s.evidence)
    for c in corpus.clout:
        add("clout", c.party, c.evidence)
    for r in corpus.reservations:
        add("reservation", r.party, r.evidence)
    return SourceProfile(
        id=source.id,
        title=source.title,
        published=source.published.isoformat() if source.published else None,
        outlet=source.outlet,
        author=source.author,
        url=source.url,
        source_kind=source.kind,
        path=source.path,
        notes=source.notes,
        text=text,
        n_citations=len(cites),
        citations=cites,
    )
