"""JSON-LD of a dataset that a conformant processor reads back to the same quads.

rdflib writes the default graph of a dataset with named graphs as a graph object without an
`@id`; JSON-LD 1.1 (section 4.9) names such a graph with a blank node, so the default graph
would turn into a named one. Its nodes are moved up to the top-level `@graph`, which is the
default graph.

>>> doc = {"@graph": [{"@graph": [{"@id": "a"}]}, {"@id": "g", "@graph": [{"@id": "b"}]}]}
>>> default_graph_first(doc)["@graph"]
[{'@id': 'a'}, {'@id': 'g', '@graph': [{'@id': 'b'}]}]
"""

from __future__ import annotations

__all__ = ["default_graph_first"]


def default_graph_first(doc: dict) -> dict:
    """The document with the nodes of id-less top-level graph objects in the top-level
    `@graph` itself (the default graph)."""
    items = doc.get("@graph")
    if not isinstance(items, list):
        return doc
    flat: list = []
    for item in items:
        if isinstance(item, dict) and set(item) == {"@graph"}:
            flat.extend(item["@graph"])
        else:
            flat.append(item)
    return {**doc, "@graph": flat}
