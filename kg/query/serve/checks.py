"""What the endpoint refuses before it runs anything: updates, SERVICE, bad syntax, and FROM on
rdflib's own engine (which would fetch the graphs from the web)."""

from __future__ import annotations

import threading
from http import HTTPStatus

from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from kg.rdf.vocabulary import one_line_end, with_prefixes

__all__ = ["QueryRefused", "check_query", "warm_up"]

_PARSING = threading.Lock()
"""rdflib's SPARQL grammar (pyparsing) is built on its first use, which is not safe from two
threads at once: the endpoint parses under this lock, after `warm_up`."""
_WARM_UP = (
    "PREFIX ex: <urn:x:> SELECT DISTINCT ?s (COUNT(?o) AS ?n) WHERE { ?s ex:p ?o ; a ?t . "
    "OPTIONAL { ?o ?q ?r } FILTER(?o != 1 && REGEX(STR(?s), 'x')) VALUES ?t { ex:T } "
    "{ ?s ?p2 ?o2 } UNION { GRAPH ?g { ?s ?p3 ?o3 } } MINUS { ?s ex:q [] } } "
    "GROUP BY ?s ORDER BY DESC(?n) LIMIT 1",
    "ASK { ?s ?p ?o }",
    "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "DESCRIBE <urn:x>",
)


def warm_up() -> None:
    """Build rdflib's SPARQL grammar in this thread, before any request can use it."""
    from rdflib import Dataset

    with _PARSING:
        for query in _WARM_UP:
            parseQuery(query)
        parseUpdate("INSERT DATA { <urn:s> <urn:p> <urn:o> }")
        Dataset().query(_WARM_UP[1])  # the engine's own parse and evaluation


class QueryRefused(Exception):
    """A request the endpoint will not run, with the HTTP status to answer (and, for 503, the
    seconds after which to try again)."""

    def __init__(self, status: HTTPStatus, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


def _has_service(node: object) -> bool:
    if isinstance(node, CompValue):
        return node.name == "ServiceGraphPattern" or any(_has_service(v) for v in node.values())
    if isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
        return any(_has_service(v) for v in node)
    return False


def check_query(text: str, local_engine: bool = False) -> tuple[str, str]:
    """The query with the project's prefixes declared and its form (SELECT, ASK, CONSTRUCT or
    DESCRIBE); raises QueryRefused for updates, SERVICE, bad syntax and (on rdflib's own
    engine, which would fetch the graphs from the web) FROM clauses. Line ends are made one
    first (a lone carriage return ends a comment for Oxigraph, not for rdflib's grammar), and
    the query returned is the one checked, so the engine runs exactly what was read here."""
    text = one_line_end(text)
    try:
        with _PARSING:
            parsed = parseQuery(text)
    except Exception as e:  # pyparsing raises its own exception types
        try:
            with _PARSING:
                parseUpdate(text)
        except Exception:
            raise QueryRefused(HTTPStatus.BAD_REQUEST, f"SPARQL syntax error: {e}") from None
        raise QueryRefused(HTTPStatus.FORBIDDEN, "SPARQL Update is not allowed here") from None
    if _has_service(parsed):
        raise QueryRefused(HTTPStatus.BAD_REQUEST, "SERVICE (federated queries) is not allowed")
    query = parsed[1]
    if local_engine and query.get("datasetClause"):
        raise QueryRefused(HTTPStatus.BAD_REQUEST, "FROM is not supported on this store")
    return with_prefixes(text), query.name.removesuffix("Query").upper()
