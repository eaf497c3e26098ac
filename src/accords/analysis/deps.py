"""Who must act: the parties each provision depends on, who drafted it, who is not at the table.

A provision's ``bearers`` are the parties that must act or consent for it to take effect. Group
membership is resolved both ways (:meth:`accords.model.Corpus.related`):

* a provision binding a group **binds** every member, transitively (binding ``europe`` binds the
  EU and its member states);
* a provision binding a member **involves** every group that contains it (binding ``eu``
  involves ``europe``).

The *consent set* of a provision is its bound and involved parties together.

Drafters
    The drafters of an agreement are its ``proposers`` and, transitively, their members (a
    group that proposes a text drafts it for its members). A bearer *drafted* the agreement if
    it is one of them; a group bearer only some of whose members drafted did not.

Parties at the table
    The *negotiators* of a corpus are the parties that propose at least one of its agreements
    or have at least one known stance (:attr:`accords.model.Stance.is_known`). A party is *at
    the table* if it is a negotiator, or a member of a group that is one (it is represented by
    its group), or a group that is not an institution and all of whose members are at the
    table. An institution (``kind: institution``) is at the table only if it negotiates
    itself: it acts through its own organs, not through its members. A bearer that is not at
    the table is an *outside party*, and a provision with one needs someone outside the talks
    to act. Pass ``negotiators=`` to use another list of parties at the table.

Examples
--------
>>> from accords.model import Agreement, Corpus, Evidence, Party, Provision
>>> ev = (Evidence(source="s", quote="q"),)
>>> corpus = Corpus(id="c", title="C", parties=(
...     Party(id="a", name="A", kind="state"), Party(id="b", name="B", kind="state"),
...     Party(id="bank", name="Bank", kind="institution"),
...     Party(id="ab", name="A and B", kind="group", members=("a", "b")),
... ), agreements=(Agreement(id="x", title="X", proposers=("a",), status="signed",
...     sources=("s",), provisions=(
...         Provision(label="1", text="Both stop.", modality="obligation", bearers=("ab",),
...                   evidence=ev),
...         Provision(label="2", text="The bank pays.", modality="obligation",
...                   bearers=("bank",), evidence=ev),
... )),))
>>> deps = who_must_act(corpus, "x")
>>> deps.provision("1").bound, deps.provision("1").drafters
(('ab', 'a', 'b'), ())
>>> deps.provision("2").outside_parties
('bank',)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from accords.exceptions import UnknownPartyError, UnknownProvisionError
from accords.model import Agreement, Corpus, Provision

__all__ = [
    "AgreementDeps",
    "PartyDependence",
    "PartyRole",
    "ProvisionDeps",
    "dependence_on",
    "negotiating_parties",
    "parties_at_table",
    "resolve_agreement",
    "who_must_act",
]

Role = Literal["bearer", "member", "group"]


@dataclass(frozen=True, slots=True)
class PartyRole:
    """One party a provision depends on, and how.

    ``role`` is ``bearer`` (named by the provision), ``member`` (a member of a bearer group,
    bound through it) or ``group`` (a group containing a bearer, involved through it).
    """

    party: str
    role: Role
    drafter: bool
    at_table: bool


@dataclass(frozen=True, slots=True)
class ProvisionDeps:
    """Who a provision depends on.

    Attributes
    ----------
    label : str
    bearers : tuple of str
        The bearers as the provision names them.
    bound : tuple of str
        The bearers, then every member of a bearer group (transitively): who must act.
    involved : tuple of str
        The groups that contain a bearer (transitively), not already bound.
    drafters : tuple of str
        The bearers that drafted the agreement.
    non_drafters : tuple of str
        The bearers that did not draft it.
    outside_parties : tuple of str
        The bearers that are not at the table.
    parties : tuple of PartyRole
        Every bound and involved party with its role, drafter and at-table flags.
    """

    label: str
    bearers: tuple[str, ...]
    bound: tuple[str, ...]
    involved: tuple[str, ...]
    drafters: tuple[str, ...]
    non_drafters: tuple[str, ...]
    outside_parties: tuple[str, ...]
    parties: tuple[PartyRole, ...]

    @property
    def consent(self) -> frozenset[str]:
        """The parties whose consent the provision needs: bound and involved together."""
        return frozenset(self.bound) | frozenset(self.involved)

    @property
    def needs_outside(self) -> bool:
        """True if a bearer is not at the table."""
        return bool(self.outside_parties)


@dataclass(frozen=True, slots=True)
class PartyDependence:
    """How many provisions depend on one party, split by how the party is reached.

    ``direct``: the party is a bearer; ``as_member``: a group containing it is a bearer;
    ``as_group``: one of its members is a bearer. ``labels`` is their union, in agreement order.
    """

    party: str
    direct: tuple[str, ...]
    as_member: tuple[str, ...]
    as_group: tuple[str, ...]
    labels: tuple[str, ...]

    @property
    def n_provisions(self) -> int:
        """Number of provisions that depend on the party in any way."""
        return len(self.labels)


@dataclass(frozen=True)
class AgreementDeps:
    """Who must act for every provision of one agreement, with the summaries.

    Attributes
    ----------
    agreement : str
    drafters : tuple of str
        The proposers and their members.
    at_table : tuple of str
        The parties at the table, in corpus order.
    provisions : tuple of ProvisionDeps
        In agreement order.
    """

    agreement: str
    drafters: tuple[str, ...]
    at_table: tuple[str, ...]
    provisions: tuple[ProvisionDeps, ...]
    _by_label: Mapping[str, ProvisionDeps] = field(repr=False, compare=False, default_factory=dict)

    def provision(self, label: str) -> ProvisionDeps:
        """The dependencies of one provision, by label."""
        try:
            return self._by_label[label]
        except KeyError:
            raise UnknownProvisionError(
                f"{self.agreement}:{label}", known=[p.label for p in self.provisions]
            ) from None

    def non_drafting_bearers(self) -> dict[str, tuple[str, ...]]:
        """Bearers that did not draft the agreement -> the labels they must act on.

        Ordered by number of provisions (most first), then by party id.
        """
        found: dict[str, list[str]] = {}
        for p in self.provisions:
            for party in p.non_drafters:
                found.setdefault(party, []).append(p.label)
        ordered = sorted(found.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        return {party: tuple(labels) for party, labels in ordered}

    def outside_provisions(self) -> dict[str, tuple[str, ...]]:
        """Labels of the provisions that need a party outside the talks -> those parties."""
        return {p.label: p.outside_parties for p in self.provisions if p.outside_parties}


def resolve_agreement(corpus: Corpus, agreement: Agreement | str) -> Agreement:
    """The agreement itself, or the corpus agreement with this id."""
    return agreement if isinstance(agreement, Agreement) else corpus.agreement(agreement)


def negotiating_parties(corpus: Corpus) -> frozenset[str]:
    """Parties that propose an agreement of the corpus or have a known stance.

    Examples
    --------
    >>> from accords.model import Corpus, Stance, Evidence
    >>> corpus = Corpus(id="c", title="C", stances=(Stance(party="a", issue="i", ideal="o",
    ...     evidence=(Evidence(source="s", quote="q"),)), Stance(party="b", issue="i")))
    >>> sorted(negotiating_parties(corpus))
    ['a']
    """
    found = {p for a in corpus.agreements for p in a.proposers}
    found |= {s.party for s in corpus.stances if s.is_known}
    return frozenset(found)


def parties_at_table(corpus: Corpus, *, negotiators: Iterable[str] | None = None) -> frozenset[str]:
    """Parties at the table: negotiators, members of negotiating groups, and groups (not
    institutions) all of whose members are at the table.

    Parameters
    ----------
    corpus : Corpus
    negotiators : iterable of str, optional
        The negotiating parties (default: :func:`negotiating_parties`).

    Raises
    ------
    UnknownPartyError
        If a negotiator is not a party of the corpus.
    """
    known = {p.id: p for p in corpus.parties}
    chosen = frozenset(negotiating_parties(corpus) if negotiators is None else negotiators)
    for party in sorted(chosen):
        if party not in known:
            raise UnknownPartyError(party, known=known)
    table = set(chosen)
    for party in chosen:
        table |= corpus.members_of(party)
    changed = True
    while changed:  # groups whose members are all at the table, to a fixed point
        changed = False
        for p in corpus.parties:
            if p.id in table or not p.members or p.kind == "institution":
                continue
            if all(m in table for m in p.members):
                table.add(p.id)
                changed = True
    return frozenset(table)


def who_must_act(
    corpus: Corpus,
    agreement: Agreement | str,
    *,
    negotiators: Iterable[str] | None = None,
) -> AgreementDeps:
    """The parties every provision of an agreement depends on.

    Parameters
    ----------
    corpus : Corpus
        Gives the parties and their membership.
    agreement : Agreement or str
        The agreement, or its id in ``corpus``.
    negotiators : iterable of str, optional
        The parties at the negotiating table (default: :func:`negotiating_parties`); see the
        module notes for how membership extends it.

    Returns
    -------
    AgreementDeps

    Raises
    ------
    UnknownAgreementError
        If ``agreement`` is an id the corpus does not have.
    UnknownPartyError
        If a bearer, proposer or negotiator is not a party of the corpus.
    """
    agreement = resolve_agreement(corpus, agreement)
    resolver = _Resolver(corpus)
    at_table = parties_at_table(corpus, negotiators=negotiators)
    drafters: set[str] = set()
    for proposer in agreement.proposers:
        resolver.check(proposer)
        drafters.add(proposer)
        drafters |= resolver.members(proposer)
    records = tuple(
        _provision_deps(p, resolver, frozenset(drafters), at_table) for p in agreement.provisions
    )
    order = resolver.order
    return AgreementDeps(
        agreement=agreement.id,
        drafters=tuple(sorted(drafters, key=order.__getitem__)),
        at_table=tuple(sorted(at_table, key=order.__getitem__)),
        provisions=records,
        _by_label={r.label: r for r in records},
    )


def dependence_on(deps: AgreementDeps, parties: Iterable[str]) -> tuple[PartyDependence, ...]:
    """For each party, the provisions of ``deps`` that depend on it, and how.

    Examples
    --------
    >>> from accords.model import Agreement, Corpus, Evidence, Party, Provision
    >>> ev = (Evidence(source="s", quote="q"),)
    >>> corpus = Corpus(id="c", title="C", parties=(
    ...     Party(id="a", name="A", kind="state"),
    ...     Party(id="g", name="G", kind="group", members=("a",))),
    ...     agreements=(Agreement(id="x", title="X", proposers=("a",), status="signed",
    ...     sources=("s",), provisions=(Provision(label="1", text="t", modality="obligation",
    ...     bearers=("g",), evidence=ev),)),))
    >>> [(d.party, d.direct, d.as_member) for d in dependence_on(who_must_act(corpus, "x"), "ag")]
    [('a', (), ('1',)), ('g', ('1',), ())]
    """
    result = []
    for party in parties:
        direct, as_member, as_group, labels = [], [], [], []
        for p in deps.provisions:
            roles = {r.role for r in p.parties if r.party == party}
            if not roles:
                continue
            labels.append(p.label)
            if "bearer" in roles:
                direct.append(p.label)
            if "member" in roles:
                as_member.append(p.label)
            if "group" in roles:
                as_group.append(p.label)
        result.append(
            PartyDependence(party, tuple(direct), tuple(as_member), tuple(as_group), tuple(labels))
        )
    return tuple(result)


class _Resolver:
    """Membership closures of a corpus, computed once per party."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.order = {p.id: i for i, p in enumerate(corpus.parties)}
        self._members: dict[str, frozenset[str]] = {}
        self._groups: dict[str, frozenset[str]] = {}

    def check(self, party: str) -> None:
        if party not in self.order:
            raise UnknownPartyError(party, known=self.order)

    def members(self, party: str) -> frozenset[str]:
        if party not in self._members:
            self._members[party] = self.corpus.members_of(party)
        return self._members[party]

    def groups(self, party: str) -> frozenset[str]:
        if party not in self._groups:
            self._groups[party] = self.corpus.groups_of(party)
        return self._groups[party]

    def sort(self, parties: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted(parties, key=self.order.__getitem__))


def _provision_deps(
    provision: Provision,
    resolver: _Resolver,
    drafters: frozenset[str],
    at_table: frozenset[str],
) -> ProvisionDeps:
    bearers = provision.bearers
    for b in bearers:
        resolver.check(b)
    declared = set(bearers)
    members: set[str] = set()
    groups: set[str] = set()
    for b in bearers:
        members |= resolver.members(b)
        groups |= resolver.groups(b)
    members -= declared
    groups -= declared | members
    layers: tuple[tuple[Role, tuple[str, ...]], ...] = (
        ("bearer", bearers),
        ("member", resolver.sort(members)),
        ("group", resolver.sort(groups)),
    )
    roles = [
        PartyRole(p, role, p in drafters, p in at_table)
        for role, parties in layers
        for p in parties
    ]
    return ProvisionDeps(
        label=provision.label,
        bearers=bearers,
        bound=(*bearers, *resolver.sort(members)),
        involved=resolver.sort(groups),
        drafters=tuple(b for b in bearers if b in drafters),
        non_drafters=tuple(b for b in bearers if b not in drafters),
        outside_parties=tuple(b for b in bearers if b not in at_table),
        parties=tuple(roles),
    )
