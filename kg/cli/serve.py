"""`kg serve`: a read-only SPARQL endpoint over the store."""

from __future__ import annotations

import logging
from typing import Annotated

import typer

from kg.cli.options import StoreOpt
from kg.cli.output import err, fail, opened
from kg.store import DEFAULT_STORE

__all__ = ["serve"]


def serve(
    store: StoreOpt = DEFAULT_STORE,
    host: Annotated[
        str, typer.Option(help="Address to listen on; 127.0.0.1 keeps it to this machine.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    timeout: Annotated[
        float,
        typer.Option(help="Seconds a query may run before it is stopped and the answer is 503."),
    ] = 10,
    limit: Annotated[int, typer.Option(help="Most rows (or triples) in one answer.")] = 10000,
    workers: Annotated[
        int | None,
        typer.Option(
            help="Query worker processes (default: one a CPU, at least 2, and 4 more).", min=1
        ),
    ] = None,
    query_memory: Annotated[
        int,
        typer.Option(
            help="MB of memory one query's worker process may use; past it the query fails "
            "alone (500) and its worker is replaced.",
            min=64,
        ),
    ] = 1024,
    cors_origin: Annotated[
        list[str] | None,
        typer.Option(
            "--cors-origin",
            help="An origin whose pages may read the endpoint (repeat it; `*`: any). "
            "Default: pages served on this machine (http://localhost:*, http://127.0.0.1:*).",
        ),
    ] = None,
) -> None:
    """Answer read-only SPARQL queries over the store at http://HOST:PORT/sparql."""
    from kg.query.serve import serve as run

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    with opened(store) as target:
        if host not in ("127.0.0.1", "localhost", "::1"):
            err.print(f"warning: listening on {host}: other machines can query the store")
        try:
            run(target, host, port, timeout, limit, workers, cors_origin or None, query_memory)
        except OSError as e:
            fail(f"cannot listen on {host}:{port} ({e.strerror or e})")
