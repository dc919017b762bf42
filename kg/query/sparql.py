"""SPARQL against the store: running queries and summarising what the store holds."""

from __future__ import annotations

from rdflib import Dataset
from rdflib.plugins.sparql.parser import parseQuery

from kg.store import count_triples
from kg.store.results import query_rows

__all__ = [
    "PREFIXES",
    "QueryError",
    "run_query",
    "store_stats",
    "ENTITIES_QUERY",
    "list_entities",
]

PREFIXES = """PREFIX kg: <https://w3id.org/kg-ru/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX geo: <http://www.w3.org/2003/01/geo/wgs84_pos#>
"""


class QueryError(Exception):
    """A query that is not valid SPARQL or that the store refused."""


def _with_prefixes(text: str) -> str:
    declared = {
        line.split()[1]
        for line in text.splitlines()
        if line.strip().upper().startswith("PREFIX") and len(line.split()) > 1
    }
    missing = [p for p in PREFIXES.splitlines() if p.split()[1] not in declared]
    return "\n".join(missing) + "\n" + text


def run_query(ds: Dataset, text: str) -> tuple[list[str], list[list[str | None]]]:
    """Run a SELECT, ASK or CONSTRUCT query; the common prefixes are declared for you."""
    full = _with_prefixes(text)
    try:
        parseQuery(full)
    except Exception as e:  # pyparsing raises its own exception types
        msg = str(e).splitlines()[0]
        raise QueryError(f"SPARQL syntax error: {msg}") from None
    try:
        return query_rows(ds, full)
    except Exception as e:
        raise QueryError(
            f"query failed: {str(e).splitlines()[0] if str(e) else type(e).__name__}"
        ) from None


def _count(ds: Dataset, where: str) -> int:
    rows = list(ds.query(PREFIXES + f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}"))
    return int(rows[0][0])


def store_stats(ds: Dataset) -> dict[str, int]:
    """Articles, entities by type, relations by predicate and triples in a store."""
    stats = {"articles": _count(ds, "?a a kg:Article")}
    for t in ("Person", "Organization", "Place", "Product"):
        stats[f"entities: {t}"] = _count(ds, f"SELECT DISTINCT ?e WHERE {{ ?e a kg:{t} }}")
    rows = ds.query(
        PREFIXES + "SELECT ?p (COUNT(?a) AS ?n) WHERE { ?a a kg:Assertion ; "
        "rdf:predicate ?p } GROUP BY ?p ORDER BY ?p"
    )
    for p, n in rows:
        stats[f"relations: {str(p).split('#')[-1]}"] = int(n)
    stats["events"] = _count(ds, "?e a <http://semanticweb.cs.vu.nl/2009/11/sem/Event>")
    stats["triples"] = count_triples(ds)
    return stats


# Each part is a subquery of its own, so that Oxigraph joins them by hashing: with the label
# and type patterns in the union of all graphs it joined first and grouped last, and took over
# ten minutes and 5 GB on a million triples (1.5 s this way).
ENTITIES_QUERY = (
    PREFIXES
    + """
SELECT ?e ?label ?type ?mentions ?articles ?ids
       (GROUP_CONCAT(DISTINCT ?alias; separator="|") AS ?aliases)
WHERE {
  {
    SELECT ?e (SUM(?n) AS ?mentions) (COUNT(DISTINCT ?doc) AS ?articles)
           (GROUP_CONCAT(DISTINCT ?id; separator="|") AS ?ids)
    WHERE { GRAPH ?doc { ?e kg:mentionCount ?n } ?doc schema:identifier ?id . }
    GROUP BY ?e
  }
  {
    SELECT DISTINCT ?e ?label ?type
    WHERE { GRAPH ?g { ?e rdfs:label ?label ; a ?type } FILTER(STRSTARTS(STR(?type), STR(kg:))) }
  }
  OPTIONAL { SELECT DISTINCT ?e ?alias WHERE { GRAPH ?g { ?e skos:altLabel ?alias } } }
}
GROUP BY ?e ?label ?type ?mentions ?articles ?ids
ORDER BY DESC(?mentions) ?label
"""
)


def list_entities(ds: Dataset, type_: str | None = None, search: str | None = None) -> list[dict]:
    """The resolved entities of a store with aliases, mention counts and articles."""
    out = []
    needle = (search or "").lower().replace("ё", "е")
    head, rows = query_rows(ds, ENTITIES_QUERY)
    for values in rows:
        row = dict(zip(head, values, strict=True))
        kind = row["type"].split("#")[-1]
        aliases = sorted(a for a in (row["aliases"] or "").split("|") if a)
        names = [row["label"], *aliases]
        if type_ and kind != type_:
            continue
        if needle and not any(needle in n.lower().replace("ё", "е") for n in names):
            continue
        out.append(
            {
                "id": row["e"],
                "label": row["label"],
                "type": kind,
                "aliases": aliases,
                "mentions": int(row["mentions"]),
                "articles": sorted(row["ids"].split("|")),
            }
        )
    return out
