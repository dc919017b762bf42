"""A read-only SPARQL 1.1 Protocol endpoint over a store.

Built on Starlette served by uvicorn: a well-kept HTTP/1.1 implementation (keep-alive, chunked
bodies, HEAD) with ready CORS middleware, instead of the standard library's HTTP/1.0 server.
Each query runs in a worker process over the Oxigraph folder opened read-only, so a query past
the timeout is killed, not left running (`workers`).

GET /sparql?query=... and POST /sparql (a form with `query=`, or an `application/sparql-query`
body). SELECT and ASK results come as SPARQL JSON (default), XML, CSV or TSV, CONSTRUCT and
DESCRIBE results as Turtle (default), N-Triples, RDF/XML or JSON-LD, chosen by the Accept
header (`negotiation`). The project's prefixes (kg:, rdfs:, schema: ...) are declared for
queries that do not declare them. Refused: SPARQL Update (403), SERVICE clauses (400).
Results past `limit` rows (or triples) are cut, and the answer says so in
`X-KG-Truncated: true` and, in SPARQL JSON and XML, in its head (`results`).
"""

from __future__ import annotations

from kg.query.serve.app import MAX_BODY
from kg.query.serve.checks import QueryRefused, check_query
from kg.query.serve.negotiation import GRAPH_TYPES, RESULT_TYPES, negotiate
from kg.query.serve.results import TRUNCATED
from kg.query.serve.server import SparqlServer, make_server, serve
from kg.query.serve.workers import MAX_RUNNING

__all__ = [
    "GRAPH_TYPES",
    "MAX_BODY",
    "MAX_RUNNING",
    "RESULT_TYPES",
    "TRUNCATED",
    "QueryRefused",
    "SparqlServer",
    "check_query",
    "make_server",
    "negotiate",
    "serve",
]
