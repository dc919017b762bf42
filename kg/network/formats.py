"""The actor network as GraphML and GEXF 1.3 files that validate against their schemas.

networkx writes GEXF with an `xsi` namespace that is not XML Schema's and a `<graph name="">`
that GEXF 1.3 does not allow, and GraphML with entity IRIs as node ids and predicate names as
edge ids, where GraphML wants NMTOKEN ids (no `/` or `#`) unique in the file. Here the GEXF is
put right, and GraphML nodes are `n0`, `n1`, … with the IRI kept in their `iri` data.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import networkx as nx

__all__ = ["GEXF_NS", "gexf", "graphml"]

GEXF_NS = "http://gexf.net/1.3"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
_NETWORKX_XSI = "http://w3.org/2001/XMLSchema-instance"


def gexf(flat: nx.MultiDiGraph) -> str:
    """GEXF 1.3 of a network whose attributes are strings and numbers."""
    root = ET.fromstring("\n".join(nx.generate_gexf(flat, version="1.3")))
    for attribute in [a for a in root.attrib if a.startswith("{")]:
        value = root.attrib.pop(attribute)
        root.set(f"{{{XSI_NS}}}{attribute.split('}', 1)[1]}", value)
    graph = root.find(f"{{{GEXF_NS}}}graph")
    if graph is not None:
        graph.attrib.pop("name", None)
    ET.register_namespace("", GEXF_NS)
    ET.register_namespace("xsi", XSI_NS)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def graphml(flat: nx.MultiDiGraph) -> str:
    """GraphML of a network whose attributes are strings and numbers: nodes `n<i>` with
    their IRI in `iri`, edges `e<i>`."""
    ids = {node: f"n{i}" for i, node in enumerate(flat)}
    out = nx.MultiDiGraph()
    for node, data in flat.nodes(data=True):
        out.add_node(ids[node], iri=str(node), **data)
    for i, (s, o, data) in enumerate(flat.edges(data=True)):
        out.add_edge(ids[s], ids[o], key=f"e{i}", **data)
    return "\n".join(nx.generate_graphml(out)) + "\n"
