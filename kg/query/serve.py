"""A read-only SPARQL 1.1 Protocol endpoint over a store, on the standard library's HTTP server.

GET /sparql?query=... and POST /sparql (a form with `query=`, or an `application/sparql-query`
body). SELECT and ASK results come as SPARQL JSON (default), XML, CSV or TSV, CONSTRUCT and
DESCRIBE results as Turtle (default) or N-Triples, chosen by the Accept header. The project's
prefixes (kg:, rdfs:, schema: ...) are declared for queries that do not declare them.

Refused: SPARQL Update (403), SERVICE clauses (400). A query runs in a worker thread: past
`timeout` seconds the client gets 503, but the thread cannot be stopped and may go on in the
background until the query ends (at most MAX_RUNNING such threads at once; past that, 503).
Results past `limit` rows (or triples) are cut, and the answer says so in `X-KG-Truncated: true`.
"""

from __future__ import annotations

import logging
import threading
import urllib.parse
from collections.abc import Iterable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import islice

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.query import Result

from kg.rdf.vocabulary import XSD, with_prefixes
from kg.store import Store

__all__ = [
    "MAX_BODY",
    "MAX_RUNNING",
    "RESULT_TYPES",
    "GRAPH_TYPES",
    "QueryRefused",
    "SparqlServer",
    "check_query",
    "negotiate",
    "make_server",
    "serve",
]

log = logging.getLogger(__name__)

MAX_BODY = 1 << 20  # bytes of a POST body
MAX_RUNNING = 4  # queries running at once, timed-out ones included

# Media types offered, in order of preference, and the serialisation each means.
RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
}
_TABULAR = {"csv", "tsv"}


class QueryRefused(Exception):
    """A request the endpoint will not run, with the HTTP status to answer."""

    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status


def _has_service(node: object) -> bool:
    if isinstance(node, CompValue):
        return node.name == "ServiceGraphPattern" or any(_has_service(v) for v in node.values())
    if isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
        return any(_has_service(v) for v in node)
    return False


def check_query(text: str, local_engine: bool = False) -> tuple[str, str]:
    """The query with the project's prefixes declared and its form (SELECT, ASK, CONSTRUCT or
    DESCRIBE); raises QueryRefused for updates, SERVICE, bad syntax and (on rdflib's own
    engine, which would fetch the graphs from the web) FROM clauses."""
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


def negotiate(accept: str, offered: Iterable[str]) -> str | None:
    """The offered media type the Accept header likes best (the first offered when it is
    empty), or None when it accepts none of them."""
    offered = list(offered)
    if not accept.strip():
        return offered[0]
    ranges = []
    for part in accept.split(","):
        mtype, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for p in params:
            name, _, value = p.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranges.append((mtype.lower(), q))

    def quality(mtype: str) -> float:
        kind = mtype.split("/")[0] + "/*"
        for pattern in (mtype, kind, "*/*"):
            qs = [q for r, q in ranges if r == pattern]
            if qs:
                return max(qs)
        return 0.0

    best = max(offered, key=lambda m: (quality(m), -offered.index(m)))
    return best if quality(best) > 0 else None


def _tsv_term(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    assert isinstance(term, Literal)
    text = (
        str(term)
        .replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )
    if term.language:
        return f'"{text}"@{term.language}'
    if term.datatype and term.datatype != XSD.string:
        return f'"{text}"^^<{term.datatype}>'
    return f'"{text}"'


def _answer(result: Result, form: str, fmt: str, limit: int) -> tuple[bytes, bool]:
    """The serialised result, cut at `limit` rows or triples, and whether it was cut."""
    if form in ("CONSTRUCT", "DESCRIBE"):
        triples = list(islice(iter(result), limit + 1))
        graph = Graph()
        for t in triples[:limit]:
            graph.add(t)
        return graph.serialize(format=fmt, encoding="utf-8"), len(triples) > limit
    if form == "ASK":
        return result.serialize(format=fmt), False
    rows = list(islice(iter(result), limit + 1))
    variables = list(result.vars or [])
    if fmt == "tsv":
        lines = ["\t".join(f"?{v}" for v in variables)]
        lines += ["\t".join(_tsv_term(t) for t in row) for row in rows[:limit]]
        return ("\n".join(lines) + "\n").encode("utf-8"), len(rows) > limit
    cut = Result("SELECT")
    cut.vars = variables
    cut.bindings = [
        {v: t for v, t in zip(variables, row, strict=True) if t is not None} for row in rows[:limit]
    ]
    return cut.serialize(format=fmt), len(rows) > limit


class SparqlServer(ThreadingHTTPServer):
    """An HTTP server answering SPARQL queries over one store."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], store: Store, timeout: float, limit: int) -> None:
        super().__init__(address, _Handler)
        self.store = store
        self.query_timeout = timeout
        self.row_limit = limit
        self._running = 0
        self._lock = threading.Lock()
        self.local_engine = store.rdflib_engine

    @property
    def running(self) -> int:
        """Queries running now, those that timed out but go on in the background included."""
        return self._running

    @property
    def url(self) -> str:
        """The endpoint's URL."""
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/sparql"

    def run(self, text: str, accept: str) -> tuple[bytes, str, bool]:
        """Answer a query: body, media type and whether the result was cut; raises
        QueryRefused when it cannot."""
        full, form = check_query(text, self.local_engine)
        offered = RESULT_TYPES if form in ("SELECT", "ASK") else GRAPH_TYPES
        if form == "ASK":
            offered = {m: f for m, f in offered.items() if f not in _TABULAR}
        mtype = negotiate(accept, offered)
        if mtype is None:
            raise QueryRefused(
                HTTPStatus.NOT_ACCEPTABLE,
                f"{form} results come as one of: {', '.join(offered)}",
            )
        with self._lock:
            if self._running >= MAX_RUNNING:
                raise QueryRefused(HTTPStatus.SERVICE_UNAVAILABLE, "too many queries running")
            self._running += 1
        outcome: dict[str, object] = {}

        def work() -> None:
            try:
                with self.store.results(full) as result:
                    outcome["answer"] = _answer(result, form, offered[mtype], self.row_limit)
            except Exception as e:
                outcome["error"] = e
            finally:
                with self._lock:
                    self._running -= 1

        worker = threading.Thread(target=work, name="sparql-query", daemon=True)
        worker.start()
        worker.join(self.query_timeout)
        if worker.is_alive():
            raise QueryRefused(
                HTTPStatus.SERVICE_UNAVAILABLE,
                f"the query did not finish within {self.query_timeout:g} s",
            )
        if "error" in outcome:
            e = outcome["error"]
            message = str(e).splitlines()[0] if str(e) else type(e).__name__
            status = HTTPStatus.BAD_REQUEST if isinstance(e, SyntaxError) else 500
            raise QueryRefused(HTTPStatus(status), f"query failed: {message}")
        body, truncated = outcome["answer"]  # type: ignore[misc]
        return body, mtype, truncated


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "kg-sparql/1"
    timeout = 60  # seconds a client may take to send its request

    def log_message(self, format: str, *args: object) -> None:
        """Log a request through the `kg.query.serve` logger."""
        log.info("%s %s", self.address_string(), format % args)

    def do_GET(self) -> None:
        """A query in the URL's `query` parameter."""
        url = urllib.parse.urlsplit(self.path)
        self._handle(url.path, urllib.parse.parse_qs(url.query, keep_blank_values=True), None)

    def do_POST(self) -> None:
        """A query in a form's `query` field or as an application/sparql-query body."""
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            return self._send_error(HTTPStatus.BAD_REQUEST, "bad Content-Length")
        if length > MAX_BODY:
            return self._send_error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "request too large")
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if ctype == "application/x-www-form-urlencoded":
            for k, v in urllib.parse.parse_qs(body, keep_blank_values=True).items():
                params.setdefault(k, []).extend(v)
            self._handle(url.path, params, None)
        elif ctype == "application/sparql-query":
            self._handle(url.path, params, body)
        elif ctype == "application/sparql-update":
            self._send_error(HTTPStatus.FORBIDDEN, "SPARQL Update is not allowed here")
        else:
            self._send_error(
                HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                "send application/x-www-form-urlencoded or application/sparql-query",
            )

    def _handle(self, path: str, params: dict[str, list[str]], body: str | None) -> None:
        if path.rstrip("/") != "/sparql":
            return self._send_error(HTTPStatus.NOT_FOUND, "the endpoint is /sparql")
        if "update" in params:
            return self._send_error(HTTPStatus.FORBIDDEN, "SPARQL Update is not allowed here")
        if "default-graph-uri" in params or "named-graph-uri" in params:
            return self._send_error(
                HTTPStatus.BAD_REQUEST,
                "default-graph-uri and named-graph-uri are not supported: use GRAPH or FROM",
            )
        queries = params.get("query", []) + ([body] if body is not None else [])
        if len(queries) != 1 or not queries[0].strip():
            return self._send_error(HTTPStatus.BAD_REQUEST, "send exactly one `query`")
        try:
            answer, mtype, truncated = self.server.run(queries[0], self.headers.get("Accept", ""))
        except QueryRefused as e:
            return self._send_error(e.status, str(e))
        self.send_response(HTTPStatus.OK)
        text = mtype.startswith("text/") or mtype.endswith(("json", "xml"))
        self.send_header("Content-Type", mtype + ("; charset=utf-8" if text else ""))
        self.send_header("Content-Length", str(len(answer)))
        self.send_header("Vary", "Accept")
        if truncated:
            self.send_header("X-KG-Truncated", "true")
        self.end_headers()
        self.wfile.write(answer)

    def _send_error(self, status: HTTPStatus, message: str) -> None:
        data = (message + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def make_server(
    store: Store,
    host: str = "127.0.0.1",
    port: int = 8000,
    timeout: float = 10.0,
    limit: int = 10000,
) -> SparqlServer:
    """A SPARQL endpoint over `store` bound to host:port (port 0: any free one), not yet serving."""
    return SparqlServer((host, port), store, timeout, limit)


def serve(
    store: Store,
    host: str = "127.0.0.1",
    port: int = 8000,
    timeout: float = 10.0,
    limit: int = 10000,
) -> None:
    """Answer SPARQL queries over `store` at http://host:port/sparql until interrupted."""
    server = make_server(store, host, port, timeout, limit)
    log.info("serving %s", server.url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
