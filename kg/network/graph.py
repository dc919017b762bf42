"""The actor network: entities as nodes, core relations as weighted edges, read from the store."""

from __future__ import annotations

import networkx as nx
from rdflib import Dataset

from kg.model import CORE_PREDICATES
from kg.query.sparql import PREFIXES

__all__ = ["EDGES_QUERY", "ALIASES_QUERY", "POSTS_QUERY", "actor_graph"]

EDGES_QUERY = (
    PREFIXES
    + """
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
)

ALIASES_QUERY = PREFIXES + "SELECT DISTINCT ?e ?alias WHERE { ?e skos:altLabel ?alias }"

# A post is held by a person, with its title and, when the text names one, the organisation
# or place it is held in.
POSTS_QUERY = (
    PREFIXES
    + """
SELECT DISTINCT ?who ?role ?where WHERE {
  ?a a kg:Assertion ; rdf:predicate kg:holdsPosition ; rdf:subject ?who ; kg:role ?role .
  OPTIONAL { ?a rdf:object ?org . ?org rdfs:label ?where }
}
"""
)

_KG = "https://w3id.org/kg-ru/ontology#"


def _add_names_and_posts(ds: Dataset, g: nx.MultiDiGraph) -> None:
    """Each node's other spellings (`aliases`) and posts (`posts`: role and where), sorted."""
    aliases: dict[str, set[str]] = {}
    for row in ds.query(ALIASES_QUERY):
        if str(row.e) in g:
            aliases.setdefault(str(row.e), set()).add(str(row.alias))
    posts: dict[str, set[tuple[str, str]]] = {}
    for row in ds.query(POSTS_QUERY):
        if str(row.who) in g and str(row.role):
            posts.setdefault(str(row.who), set()).add((str(row.role), str(row.where or "")))
    for node, data in g.nodes(data=True):
        data["aliases"] = sorted(aliases.get(node, set()) - {data["label"]})
        data["posts"] = [{"role": r, "where": w} for r, w in sorted(posts.get(node, ()))]


def actor_graph(ds: Dataset, predicates: tuple[str, ...] = CORE_PREDICATES) -> nx.MultiDiGraph:
    """The actor network of a store: one edge per (subject, predicate, object) with evidence;
    nodes carry their label, type, aliases and posts."""
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
    _add_names_and_posts(ds, g)
    return g
