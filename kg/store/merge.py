"""The embedded store's default graph as the RDF merge of its named graphs.

Every triple of a named graph (an article's, the articles' metadata, the links) is written a
second time into Oxigraph's default graph, where a triple that twelve articles state is one
triple. Before a named graph is replaced, the default graph loses the triples no other named
graph states. These are the SPARQL updates that keep it so; they run in the same transaction
as the write they belong to.
"""

from __future__ import annotations

from collections.abc import Sequence

from rdflib import URIRef

from kg.rdf.nquads import Triple, to_nquads
from kg.rdf.vocabulary import METADATA_GRAPH

__all__ = ["MIGRATE", "drop_graph", "drop_metadata", "insert_merged"]

_ONLY_IN = "FILTER NOT EXISTS {{ GRAPH ?other {{ {t} }} FILTER(?other != {g}) }}"

MIGRATE = (
    f"INSERT {{ GRAPH {METADATA_GRAPH.n3()} {{ ?s ?p ?o }} }} WHERE {{ ?s ?p ?o }} ; "
    "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
)
"""A store of the earlier layout (metadata in the default graph, no merge) made this one."""


def drop_graph(graph: URIRef) -> str:
    """The update that drops a named graph, and from the default graph the triples that no
    other named graph states."""
    g = graph.n3()
    only = _ONLY_IN.format(t="?s ?p ?o", g=g)
    return (
        f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} {only} }} ; DROP SILENT GRAPH {g}"
    )


def drop_metadata(doc: URIRef) -> str:
    """The update that drops an article's metadata, in its graph and in the default graph."""
    m, d = METADATA_GRAPH.n3(), doc.n3()
    only = _ONLY_IN.format(t=f"{d} ?p ?o", g=m)
    return (
        f"DELETE {{ {d} ?p ?o }} WHERE {{ GRAPH {m} {{ {d} ?p ?o }} {only} }} ; "
        f"DELETE WHERE {{ GRAPH {m} {{ {d} ?p ?o }} }}"
    )


def insert_merged(graphs: Sequence[tuple[URIRef, Sequence[Triple]]]) -> str:
    """The INSERT DATA of named graphs' triples, each in its graph and in the default graph."""
    blocks = [f"GRAPH {g.n3()} {{ {to_nquads(list(ts), None)} }}" for g, ts in graphs if ts]
    merged = [to_nquads(list(ts), None) for _, ts in graphs if ts]
    return f"INSERT DATA {{ {' '.join(blocks + merged)} }}" if blocks else ""
