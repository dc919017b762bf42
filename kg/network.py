"""The actor network: entities as nodes, core relations as weighted edges, read from the store."""

from __future__ import annotations

import networkx as nx
from rdflib import Dataset

from kg.model import CORE_PREDICATES

__all__ = ["EDGES_QUERY", "actor_graph"]

EDGES_QUERY = """
PREFIX kg: <https://w3id.org/kg-ru/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
SELECT ?s ?sl ?st ?p ?o ?ol ?ot ?text ?doc ?id ?date WHERE {
  GRAPH ?doc {
    ?a a kg:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
       kg:evidenceText ?text .
    ?s rdfs:label ?sl ; a ?st . ?o rdfs:label ?ol ; a ?ot .
    FILTER(STRSTARTS(STR(?st), STR(kg:)) && STRSTARTS(STR(?ot), STR(kg:)))
  }
  ?doc schema:identifier ?id .
  OPTIONAL { ?doc schema:datePublished ?date }
}
"""

_KG = "https://w3id.org/kg-ru/ontology#"


def actor_graph(ds: Dataset, predicates: tuple[str, ...] = CORE_PREDICATES) -> nx.MultiDiGraph:
    """The actor network of a store: one edge per (subject, predicate, object) with evidence."""
    g = nx.MultiDiGraph()
    edges: dict[tuple[str, str, str], dict] = {}
    for row in ds.query(EDGES_QUERY):
        pred = str(row.p).removeprefix(_KG)
        if pred not in predicates:
            continue
        s, o = str(row.s), str(row.o)
        for node, label, type_ in ((s, row.sl, row.st), (o, row.ol, row.ot)):
            g.add_node(node, label=str(label), type=str(type_).removeprefix(_KG))
        edge = edges.setdefault(
            (s, pred, o), {"predicate": pred, "evidence": [], "articles": set()}
        )
        item = {
            "text": str(row.text),
            "article": str(row.id),
            "date": str(row.date) if row.date else None,
        }
        if item not in edge["evidence"]:
            edge["evidence"].append(item)
        edge["articles"].add(str(row.id))
    for (s, pred, o), data in sorted(edges.items()):
        g.add_edge(
            s, o, key=pred, predicate=pred, weight=len(data["articles"]), evidence=data["evidence"]
        )
    return g
