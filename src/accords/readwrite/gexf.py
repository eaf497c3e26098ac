"""GEXF 1.3, the graph format of Gephi: write a party network so that Gephi can open it.

Examples
--------
>>> from accords.analysis.network import PartyNetwork
>>> net = PartyNetwork("x", {"a": ("A", 2), "b": ("B", 1)}, {("a", "b"): ("1",)})
>>> "<edge" in generate_gexf(net)
True
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from accords.analysis.network import PartyNetwork

__all__ = ["generate_gexf"]

_NS = "http://gexf.net/1.3"


def generate_gexf(network: PartyNetwork) -> str:
    """The network as a GEXF 1.3 document (undirected; edge weight = shared provisions)."""
    ET.register_namespace("", _NS)
    root = ET.Element(f"{{{_NS}}}gexf", {"version": "1.3"})
    meta = ET.SubElement(root, f"{{{_NS}}}meta")
    ET.SubElement(meta, f"{{{_NS}}}creator").text = "accords"
    ET.SubElement(
        meta, f"{{{_NS}}}description"
    ).text = f"parties that must act together under {network.agreement}"
    graph = ET.SubElement(root, f"{{{_NS}}}graph", {"defaultedgetype": "undirected"})
    attributes = ET.SubElement(graph, f"{{{_NS}}}attributes", {"class": "node"})
    ET.SubElement(
        attributes, f"{{{_NS}}}attribute", {"id": "0", "title": "n_provisions", "type": "integer"}
    )
    nodes = ET.SubElement(graph, f"{{{_NS}}}nodes")
    for party, (name, n) in network.nodes.items():
        node = ET.SubElement(nodes, f"{{{_NS}}}node", {"id": party, "label": name})
        values = ET.SubElement(node, f"{{{_NS}}}attvalues")
        ET.SubElement(values, f"{{{_NS}}}attvalue", {"for": "0", "value": str(n)})
    edges = ET.SubElement(graph, f"{{{_NS}}}edges")
    for i, ((a, b), labels) in enumerate(network.edges.items()):
        ET.SubElement(
            edges,
            f"{{{_NS}}}edge",
            {
                "id": str(i),
                "source": a,
                "target": b,
                "weight": str(len(labels)),
                "label": ", ".join(labels),
            },
        )
    body: str = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
