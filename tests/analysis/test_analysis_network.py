"""The party network: checked against a brute-force count and read back by networkx (GEXF)."""

from __future__ import annotations

import io

import networkx as nx
import pytest

from accords import load_corpus, who_must_act
from accords.analysis.network import party_network
from accords.readwrite.gexf import generate_gexf


@pytest.mark.parametrize("agreement", ["us-28-point-plan", "moscow-package"])
def test_weights_equal_a_brute_force_count(agreement: str) -> None:
    corpus = load_corpus()
    network = party_network(corpus, agreement)
    bound = [set(p.bound) for p in who_must_act(corpus, agreement).provisions]
    parties = sorted(network.nodes)
    for i, a in enumerate(parties):
        for b in parties[i + 1 :]:
            assert network.weight(a, b) == sum(1 for s in bound if {a, b} <= s)


def test_focus_keeps_the_party_and_its_neighbours_only() -> None:
    network = party_network(load_corpus(), "us-28-point-plan")
    focused = network.focus("iaea")
    neighbours = {x for pair in network.edges for x in pair if "iaea" in pair}
    assert set(focused.nodes) == neighbours | {"iaea"}
    assert all(set(pair) <= set(focused.nodes) for pair in focused.edges)


def test_gexf_reads_back_in_networkx_with_the_same_graph() -> None:
    network = party_network(load_corpus(), "us-28-point-plan")
    graph = nx.read_gexf(io.BytesIO(generate_gexf(network).encode("utf-8")))
    assert set(graph.nodes) == set(network.nodes)
    assert graph.number_of_edges() == len(network.edges)
    for (a, b), labels in network.edges.items():
        assert graph[a][b]["weight"] == len(labels)
