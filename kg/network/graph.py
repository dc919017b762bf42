"""The actor network: entities as nodes, core relations as weighted edges, read from the store."""

from __future__ import annotations

import networkx as nx

from kg.model import CORE_PREDICATES
from kg.rdf.vocabulary import PROLOGUE, local_name
from kg.store import Store
from kg.store.identity import Identities, identities

__all__ = ["EDGES_QUERY", "ALIASES_QUERY", "POSTS_QUERY", "actor_graph"]

EDGES_QUERY = (
    PROLOGUE
    + """
SELECT ?s ?sl ?st ?p ?o ?ol ?ot ?text ?at ?ss ?se ?os ?oe ?doc ?id ?date WHERE {
  GRAPH ?doc {
    ?a a kg:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
       kg:evidenceText ?text ; kg:startOffset ?at .
    ?s rdfs:label ?sl ; a ?st . ?o rdfs:label ?ol ; a ?ot .
    FILTER(STRSTARTS(STR(?st), STR(kg:)) && STRSTARTS(STR(?ot), STR(kg:)))
    OPTIONAL { ?a kg:subjectMention [ kg:startOffset ?ss ; kg:endOffset ?se ] }
    OPTIONAL { ?a kg:objectMention [ kg:startOffset ?os ; kg:endOffset ?oe ] }
  }
  ?doc schema:identifier ?id .
  OPTIONAL { ?doc schema:datePublished ?date }
}
"""
)

ALIASES_QUERY = PROLOGUE + "SELECT DISTINCT ?e ?alias WHERE { ?e skos:altLabel ?alias }"

# A post is held by a person, with its title and, when the text names one, the organisation
# or place it is held in.
POSTS_QUERY = (
    PROLOGUE
    + """
SELECT DISTINCT ?who ?role ?where WHERE {
  ?a a kg:Assertion ; rdf:predicate kg:holdsPosition ; rdf:subject ?who ; kg:role ?role .
  OPTIONAL { ?a rdf:object ?org . ?org rdfs:label ?where }
}
"""
)


def _marks(row) -> list[list[int]]:
    """Where the evidence names the subject and the object: [start, end] within its text."""
    at = int(row.at)
    return [
        [int(a) - at, int(b) - at]
        for a, b in ((row.ss, row.se), (row.os, row.oe))
        if a is not None and b is not None
    ]


def _add_names_and_posts(store: Store, g: nx.MultiDiGraph, ids: Identities) -> None:
    """Each node's other names (`aliases`: its spellings and the labels of the entities linked
    to it) and posts (`posts`: role and where), sorted."""
    aliases: dict[str, set[str]] = {}
    for row in store.query(ALIASES_QUERY):
        node = ids.iri(str(row.e))
        if node in g:
            aliases.setdefault(node, set()).add(str(row.alias))
    for iri, label in ids.labels.items():
        if ids.iri(iri) in g:
            aliases.setdefault(ids.iri(iri), set()).add(label)
    posts: dict[str, set[tuple[str, str]]] = {}
    for row in store.query(POSTS_QUERY):
        node = ids.iri(str(row.who))
        if node in g and str(row.role):
            posts.setdefault(node, set()).add((str(row.role), str(row.where or "")))
    for node, data in g.nodes(data=True):
        data["aliases"] = sorted(aliases.get(node, set()) - {data["label"]})
        data["posts"] = [{"role": r, "where": w} for r, w in sorted(posts.get(node, ()))]


def actor_graph(store: Store, predicates: tuple[str, ...] = CORE_PREDICATES) -> nx.MultiDiGraph:
    """The actor network of a store: one edge per (subject, predicate, object) with evidence;
    nodes carry their label, type, aliases and posts.

    >>> from kg.store import open_store
    >>> with open_store("memory") as store:
    ...     actor_graph(store).number_of_nodes()
    0
    """
    g = nx.MultiDiGraph()
    ids = identities(store)  # an entity linked to another is one node, the fuller-named one
    edges: dict[tuple[str, str, str], dict] = {}
    for row in store.query(EDGES_QUERY):
        pred = local_name(row.p)
        if pred not in predicates:
            continue
        s, o = ids.iri(str(row.s)), ids.iri(str(row.o))
        if s == o:
            continue
        for node, label, type_ in ((s, row.sl, row.st), (o, row.ol, row.ot)):
            label = ids.labels.get(node, str(label))
            g.add_node(node, label=label, type=local_name(type_))
        edge = edges.setdefault(
            (s, pred, o), {"predicate": pred, "evidence": [], "articles": set()}
        )
        item = {
            "text": str(row.text),
            "article": str(row.id),
            "date": str(row.date) if row.date else None,
            "marks": _marks(row),
        }
        if item not in edge["evidence"]:
            edge["evidence"].append(item)
        edge["articles"].add(str(row.id))
    for (s, pred, o), data in sorted(edges.items()):
        g.add_edge(
            s, o, key=pred, predicate=pred, weight=len(data["articles"]), evidence=data["evidence"]
        )
    _add_names_and_posts(store, g, ids)
    return g
