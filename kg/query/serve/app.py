"""The endpoint's HTTP face: an ASGI app (Starlette) reading SPARQL 1.1 Protocol requests.

GET or HEAD /sparql?query=..., POST /sparql with a form (`query=`) or an
application/sparql-query body, sent with a Content-Length or chunked; OPTIONS answers with what
is allowed, and CORS preflights are answered for the allowed origins (by default the loopback
ones: a SPARQL editor served on this machine may read the endpoint).
"""

from __future__ import annotations

import logging
import urllib.parse
from collections.abc import Callable
from http import HTTPStatus

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from kg.query.serve.checks import QueryRefused

__all__ = ["LOOPBACK_ORIGINS", "MAX_BODY", "make_app"]

log = logging.getLogger("kg.query.serve")

MAX_BODY = 1 << 20  # bytes of a POST body
LOOPBACK_ORIGINS = r"https?://(localhost|127\.0\.0\.1|\[::1\])(:\d+)?"
"""The origins allowed by default: pages served on this machine, on any port."""
_METHODS = ["GET", "HEAD", "POST", "OPTIONS"]
_FORM = "application/x-www-form-urlencoded"

Run = Callable[[str, str], tuple[bytes, str, bool]]
"""Answer a query text for an Accept header: body, media type, whether cut at the limit."""


def _refused(status: int, message: str, retry_after: int | None = None) -> PlainTextResponse:
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else None
    return PlainTextResponse(message + "\n", status, headers=headers)


async def _body(request: Request) -> bytes:
    """The request body, at most MAX_BODY bytes; a body sent with a Content-Length is refused
    unread when the length is missing, bad or too large."""
    if "chunked" in request.headers.get("transfer-encoding", "").lower():
        data = bytearray()
        async for chunk in request.stream():
            data += chunk
            if len(data) > MAX_BODY:
                raise QueryRefused(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "request too large")
        return bytes(data)
    length = request.headers.get("content-length")
    if length is None:
        raise QueryRefused(HTTPStatus.LENGTH_REQUIRED, "send a Content-Length (or chunked)")
    if not length.strip().isdigit():
        raise QueryRefused(HTTPStatus.BAD_REQUEST, "bad Content-Length")
    if int(length) > MAX_BODY:
        raise QueryRefused(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "request too large")
    return await request.body()


async def _query(request: Request) -> str:
    """The one query a request sends; raises QueryRefused for anything else."""
    params = urllib.parse.parse_qs(request.url.query, keep_blank_values=True)
    body = None
    if request.method == "POST":
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype == "application/sparql-update":
            raise QueryRefused(HTTPStatus.FORBIDDEN, "SPARQL Update is not allowed here")
        if ctype not in (_FORM, "application/sparql-query"):
            message = f"send {_FORM} or application/sparql-query"
            raise QueryRefused(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, message)
        text = (await _body(request)).decode("utf-8", errors="replace")
        if ctype == _FORM:
            for k, v in urllib.parse.parse_qs(text, keep_blank_values=True).items():
                params.setdefault(k, []).extend(v)
        else:
            body = text
    if "update" in params:
        raise QueryRefused(HTTPStatus.FORBIDDEN, "SPARQL Update is not allowed here")
    if "default-graph-uri" in params or "named-graph-uri" in params:
        message = "default-graph-uri and named-graph-uri are not supported: use GRAPH or FROM"
        raise QueryRefused(HTTPStatus.BAD_REQUEST, message)
    queries = params.get("query", []) + ([body] if body is not None else [])
    if len(queries) != 1 or not queries[0].strip():
        raise QueryRefused(HTTPStatus.BAD_REQUEST, "send exactly one `query`")
    return queries[0]


def _answer(body: bytes, mtype: str, cut: bool) -> Response:
    text = mtype.startswith("text/") or mtype.endswith(("json", "xml"))
    headers = {"Vary": "Accept"} | ({"X-KG-Truncated": "true"} if cut else {})
    ctype = mtype + ("; charset=utf-8" if text else "")
    return Response(body, headers=headers | {"Content-Type": ctype})


def _sparql(run: Run) -> Callable:
    async def sparql(request: Request) -> Response:
        if request.method == "OPTIONS":
            return Response(status_code=204, headers={"Allow": ", ".join(_METHODS)})
        try:
            text = await _query(request)
            accept = request.headers.get("accept", "")
            answer = _answer(*await run_in_threadpool(run, text, accept))
        except QueryRefused as e:
            answer = _refused(e.status, str(e), e.retry_after)
        if await request.is_disconnected():  # one line, never a traceback
            client = request.client
            who = f"{client.host}:{client.port}" if client else "a client"
            log.info("%s went away before its answer (%s)", who, answer.status_code)
        return answer

    return sparql


async def _not_found(request: Request, exc: Exception) -> Response:
    if isinstance(exc, HTTPException) and exc.status_code == 405:
        return _refused(405, "the endpoint answers " + ", ".join(_METHODS))
    return _refused(404, "the endpoint is /sparql")


def make_app(run: Run, cors_origins: list[str] | None = None, page: str | None = None) -> Starlette:
    """The ASGI app of an endpoint answering with `run`; CORS for `cors_origins` (`*`: any),
    the loopback origins when None; the HTML `page` at / when given."""
    cors = {"allow_origins": cors_origins} if cors_origins else {}
    if cors_origins is None:
        cors = {"allow_origin_regex": LOOPBACK_ORIGINS}
    sparql = _sparql(run)
    routes = [Route(path, sparql, methods=_METHODS) for path in ("/sparql", "/sparql/")]
    if page is not None:
        routes.append(Route("/", lambda request: HTMLResponse(page), methods=["GET", "HEAD"]))
    middleware = Middleware(
        CORSMiddleware,
        allow_methods=_METHODS,
        allow_headers=["Accept", "Content-Type"],
        expose_headers=["X-KG-Truncated", "Retry-After"],
        max_age=600,
        **cors,
    )
    handlers = {404: _not_found, 405: _not_found}
    return Starlette(routes=routes, middleware=[middleware], exception_handlers=handlers)
