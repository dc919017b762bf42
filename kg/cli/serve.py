"""`kg serve`: a read-only SPARQL endpoint over the store."""

from __future__ import annotations

import logging
from typing import Annotated

import typer

from kg.cli.options import StoreOpt
from kg.store import DEFAULT_STORE, StoreError

__all__ = ["serve"]


def serve(
    store: StoreOpt = DEFAULT_STORE,
    host: Annotated[
        str, typer.Option(help="Address to listen on; 127.0.0.1 keeps it to this machine.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    timeout: Annotated[
        float, typer.Option(help="Seconds a query may run before the answer is 503.")
    ] = 10,
    limit: Annotated[int, typer.Option(help="Most rows (or triples) in one answer.")] = 10000,
) -> None:
    """Answer read-only SPARQL queries over the store at http://HOST:PORT/sparql."""
    from kg.query.serve import serve as run
    from kg.store import open_store

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        ds = open_store(store, create=False, read_only=True)
    except StoreError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from None
    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo(f"warning: listening on {host}: other machines can query the store", err=True)
    try:
        run(ds, host, port, timeout, limit)
    except OSError as e:
        typer.echo(f"error: cannot listen on {host}:{port} ({e.strerror or e})", err=True)
        raise typer.Exit(2) from None
    finally:
        ds.close()
