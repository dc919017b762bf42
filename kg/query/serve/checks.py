"""What the endpoint refuses before it runs anything: updates, SERVICE, bad syntax, and FROM on
rdflib's own engine (which would fetch the graphs from the web)."""

from __future__ import annotations

from http import HTTPStatus

from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from kg.rdf.vocabulary import with_prefixes

__all__ = ["QueryRefused", "check_query"]


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
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        parsed = parseQuery(text)
    except Exception as e:  # pyparsing raises its own exception types
        try:
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
