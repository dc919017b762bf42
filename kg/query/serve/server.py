"""One running endpoint: the socket it listens on, its app served by uvicorn, and where its
queries run (worker processes over an embedded store, threads otherwise)."""

from __future__ import annotations

import logging
import socket
import threading
import time
from http import HTTPStatus

import uvicorn

from kg.query.serve.app import make_app
from kg.query.serve.checks import QueryRefused, check_query, warm_up
from kg.query.serve.execute import Task
from kg.query.serve.negotiation import negotiate, offered_for
from kg.query.serve.workers import MEMORY, ThreadRunner, WorkerPool, pool_size
from kg.store import Store

__all__ = ["SparqlServer", "make_server", "serve"]

log = logging.getLogger("kg.query.serve")


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    return socket.create_server((host, port), family=family, backlog=256)


def _runner(store: Store, workers: int | None, memory: int) -> WorkerPool | ThreadRunner:
    from kg.store.oxigraph import EmbeddedStore

    if isinstance(store, EmbeddedStore) and workers != 0:
        return WorkerPool(store.location, workers or pool_size(), memory)
    return ThreadRunner(store)


class SparqlServer:
    """A SPARQL endpoint over one store, bound to its address and not yet serving."""

    def __init__(
        self,
        store: Store,
        address: tuple[str, int],
        timeout: float,
        limit: int,
        workers: int | None = None,
        cors_origins: list[str] | None = None,
        page: str | None = None,
        memory: int = MEMORY,
    ) -> None:
        self.store = store
        self.query_timeout = timeout
        self.row_limit = limit
        self.local_engine = store.rdflib_engine
        self._socket = _listen(*address)
        self.server_address: tuple[str, int] = self._socket.getsockname()[:2]
        self.runner = _runner(store, workers, memory)
        self.app = make_app(self.run, cors_origins, page)
        config = uvicorn.Config(
            self.app,
            log_config=None,
            lifespan="off",
            server_header=False,
            timeout_keep_alive=5,
            timeout_graceful_shutdown=2,
            limit_concurrency=1000,
        )
        self._uvicorn = uvicorn.Server(config)
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The endpoint's URL."""
        host, port = self.server_address
        return f"http://{f'[{host}]' if ':' in host else host}:{port}/sparql"

    @property
    def running(self) -> int:
        """Queries running now (in threads: those that timed out but go on included)."""
        return self.runner.running

    def run(self, text: str, accept: str) -> tuple[bytes, str, bool]:
        """Answer a query: body, media type and whether the result was cut; raises
        QueryRefused when it cannot."""
        full, form = check_query(text, self.local_engine)
        offered = offered_for(form)
        mtype = negotiate(accept, offered)
        if mtype is None:
            message = f"{form} results come as one of: {', '.join(offered)}"
            raise QueryRefused(HTTPStatus.NOT_ACCEPTABLE, message)
        task = Task(full, form, offered[mtype], self.row_limit)
        body, cut = self.runner.run(task, self.query_timeout)
        return body, mtype, cut

    def serve_forever(self) -> None:
        """Answer requests until `shutdown` (or, in the main thread, SIGINT or SIGTERM)."""
        self._uvicorn.run(sockets=[self._socket])

    def start(self) -> SparqlServer:
        """Serve in a background thread; returns once requests are answered."""
        self._thread = threading.Thread(target=self.serve_forever, name="kg-serve", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 30
        while not self._uvicorn.started and self._thread.is_alive():
            if time.monotonic() > deadline:
                raise RuntimeError("the endpoint did not start")
            time.sleep(0.01)
        return self

    def shutdown(self) -> None:
        """Stop serving (a background `start` included)."""
        self._uvicorn.should_exit = True
        if self._thread is not None:
            self._thread.join(10)

    def close(self) -> None:
        """Stop serving, the workers, and release the socket (not the store)."""
        self.shutdown()
        self.runner.close()
        self._socket.close()


def make_server(
    store: Store,
    host: str = "127.0.0.1",
    port: int = 8000,
    timeout: float = 10.0,
    limit: int = 10000,
    workers: int | None = None,
    cors_origins: list[str] | None = None,
    page: bool = True,
    memory: int = MEMORY,
) -> SparqlServer:
    """A SPARQL endpoint over `store` bound to host:port (port 0: any free one), not yet
    serving; `workers` processes (0: threads in this process) of at most `memory` MB each,
    CORS for `cors_origins` (the loopback origins when None), and the query page at / unless
    `page` is False."""
    warm_up()  # rdflib's grammar built here, not by the first requests at once
    html = None
    if page:
        from kg.query.serve.page import query_page

        html = query_page()
    return SparqlServer(store, (host, port), timeout, limit, workers, cors_origins, html, memory)


def serve(
    store: Store,
    host: str = "127.0.0.1",
    port: int = 8000,
    timeout: float = 10.0,
    limit: int = 10000,
    workers: int | None = None,
    cors_origins: list[str] | None = None,
    memory: int = MEMORY,
) -> None:
    """Answer SPARQL queries over `store` at http://host:port/sparql until interrupted."""
    server = make_server(store, host, port, timeout, limit, workers, cors_origins, memory=memory)
    logging.getLogger("uvicorn.error").setLevel(logging.WARNING)
    log.info("serving %s", server.url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
