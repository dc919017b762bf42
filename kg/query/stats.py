"""What a store holds: articles, entities by type, relations by predicate, events, its quads
(every graph's triples, a triple counted once per graph that holds it) and the distinct
triples of its default graph (the merge of the graphs)."""

from __future__ import annotations

from kg.model import ENTITY_TYPES
from kg.rdf.vocabulary import PROLOGUE
from kg.store import Store

__all__ = ["store_stats"]


def _count(store: Store, where: str) -> int:
    rows = list(store.query(PROLOGUE + f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}"))
    return int(rows[0][0])


def store_stats(store: Store) -> dict[str, int]:
    """Articles, entities by type, relations by predicate, events, quads in all graphs and
    distinct triples of the default graph."""
    stats = {"articles": _count(store, "?a a kg:Article")}
    for t in ENTITY_TYPES:
        stats[f"entities: {t}"] = _count(store, f"SELECT DISTINCT ?e WHERE {{ ?e a kg:{t} }}")
    rows = store.query(
        PROLOGUE + "SELECT ?p (COUNT(?a) AS ?n) WHERE { ?a a kg:Assertion ; "
        "rdf:predicate ?p } GROUP BY ?p ORDER BY ?p"
    )
    for p, n in rows:
        stats[f"relations: {str(p).split('#')[-1]}"] = int(n)
    stats["events"] = _count(store, "?e a sem:Event")
    stats["quads (all graphs)"] = store.count()
    stats["triples (default graph)"] = store.triple_count()
    return stats
