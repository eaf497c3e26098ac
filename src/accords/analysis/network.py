"""The party network of an agreement: who must act together.

Two parties are linked when one provision binds both (as named bearers, or as members of a
bearer group); the weight of a link is the number of such provisions. A party's neighbourhood
is the party and everyone it shares a provision with.

Examples
--------
>>> from accords.corpus import load_corpus
>>> network = party_network(load_corpus(), "us-28-point-plan")
>>> "ukraine" in network.nodes, network.weight("russia", "ukraine") > 0
(True, True)
>>> set(network.focus("iaea").nodes) >= {"iaea"}
True
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import combinations
from typing import Any, ClassVar

from accords.analysis.deps import who_must_act
from accords.model import Agreement, Corpus
from accords.model.documents import Document

__all__ = ["NetworkDocument", "PartyNetwork", "party_network"]


class NetworkDocument(Document):
    """The party network of an agreement: nodes and weighted links."""

    kind: ClassVar[str] = "network"
    agreement: str
    focus: str | None
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]


@dataclass(frozen=True)
class PartyNetwork:
    """Parties (with their names and provision counts) and weighted co-bearing links."""

    agreement: str
    nodes: dict[str, tuple[str, int]]  # id -> (name, number of provisions binding it)
    edges: dict[tuple[str, str], tuple[str, ...]]  # (a, b) with a < b -> provision labels
    focused_on: str | None = None

    def weight(self, a: str, b: str) -> int:
        """How many provisions bind both ``a`` and ``b``."""
        return len(self.edges.get((min(a, b), max(a, b)), ()))

    def focus(self, party: str) -> PartyNetwork:
        """The neighbourhood of ``party``: it, its neighbours, and the links among them."""
        keep = {party} | {x for pair in self.edges for x in pair if party in pair}
        return PartyNetwork(
            agreement=self.agreement,
            nodes={k: v for k, v in self.nodes.items() if k in keep},
            edges={pair: labels for pair, labels in self.edges.items() if set(pair) <= keep},
            focused_on=party,
        )

    def to_record(self) -> dict[str, Any]:
        """The versioned JSON document."""
        return NetworkDocument.build(
            agreement=self.agreement,
            focus=self.focused_on,
            nodes=[
                {"id": k, "name": name, "n_provisions": n} for k, (name, n) in self.nodes.items()
            ],
            edges=[
                {"source": a, "target": b, "weight": len(labels), "labels": list(labels)}
                for (a, b), labels in self.edges.items()
            ],
        )


def party_network(corpus: Corpus, agreement: str | Agreement) -> PartyNetwork:
    """The network of parties that must act together under ``agreement``.

    Raises
    ------
    UnknownAgreementError
        If ``agreement`` is an id the corpus does not know.
    """
    found = corpus.agreement(agreement) if isinstance(agreement, str) else agreement
    deps = who_must_act(corpus, found)
    counts: Counter[str] = Counter()
    links: dict[tuple[str, str], list[str]] = {}
    for provision in deps.provisions:
        bound = sorted(set(provision.bound))
        counts.update(bound)
        for a, b in combinations(bound, 2):
            links.setdefault((a, b), []).append(provision.label)
    names = {p.id: p.name for p in corpus.parties}
    return PartyNetwork(
        agreement=found.id,
        nodes={p: (names.get(p, p), n) for p, n in sorted(counts.items())},
        edges={pair: tuple(labels) for pair, labels in sorted(links.items())},
    )
