"""Stores: an embedded persistent Oxigraph folder (the default), rdflib's memory, or any SPARQL
1.1 server, behind one interface (`Store`), chosen from the location."""

from __future__ import annotations

from pathlib import Path

from kg.store.base import ArticleGraphs, Store

__all__ = ["DEFAULT_STORE", "ArticleGraphs", "Store", "open_store"]

DEFAULT_STORE = ".kg"


def open_store(
    location: str | Path = DEFAULT_STORE, create: bool = True, read_only: bool = False
) -> Store:
    """The store at a location: a folder (embedded Oxigraph), `memory`, or an http(s) SPARQL
    endpoint URL. A folder opened `read_only` is shared with other readers (a `kg serve`,
    queries, exports), never with a build writing it: whichever comes second is refused with
    StoreBusy.

    >>> with open_store("memory") as store:
    ...     store.count()
    0
    """
    loc = str(location)
    if loc == "memory":
        from kg.store.memory import MemoryStore

        return MemoryStore()
    if loc.startswith(("http://", "https://")):
        from kg.store.server import open_server

        return open_server(loc)
    from kg.store.oxigraph import open_embedded

    return open_embedded(Path(loc), create, read_only)
