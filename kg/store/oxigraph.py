"""The embedded store: a persistent Oxigraph folder, through rdflib's Oxigraph plugin.

The only code that reaches into oxrdflib for the pyoxigraph `Store` under it: kg runs its
updates there as one transaction each (a batch of articles is written whole or not at all),
reads query results serialised by Oxigraph rather than one rdflib term per value, counts and
dumps the store with Oxigraph's own code (a million quads counted in 0.1 s, not 10 s; dumped
in 6 s and 110 MB, not 48 s and 2 GB).

A folder opened read-only is shared with other readers under a shared lock (see `locks`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from oxrdflib import OxigraphStore
from rdflib import Dataset, URIRef
from rdflib.query import Result

from kg.errors import StoreBusy, StoreError
from kg.rdf.nquads import Triple, to_nquads
from kg.store.base import ArticleGraphs, Rows, Store
from kg.store.locks import lock_shared, shared_locks, unlock
from kg.store.ordering import binding_rows, order_rows, split_order

__all__ = ["EmbeddedStore", "open_embedded"]


class _SharedReader(OxigraphStore):
    """Oxigraph read-only, holding the shared lock until closed."""

    def __init__(self, path: Path) -> None:
        from pyoxigraph import Store as Oxigraph

        self._lock = lock_shared(path)
        try:
            super().__init__(store=Oxigraph.read_only(str(path)))
        except BaseException:
            self._lock = unlock(self._lock)
            raise

    def close(self, commit_pending_transaction: bool = False) -> None:
        super().close(commit_pending_transaction)
        self._lock = unlock(self._lock)

    def __del__(self) -> None:
        self._lock = unlock(getattr(self, "_lock", -1))


class EmbeddedStore(Store):
    """A persistent Oxigraph folder."""

    @property
    def oxigraph(self):
        """pyoxigraph's own Store under rdflib's (not kept: closing the store must free it)."""
        return self.dataset.store._inner

    def _release(self, result: Result) -> None:
        pending = getattr(result, "_genbindings", None)  # pyoxigraph's rows, freed here
        if pending is not None and hasattr(pending, "close"):
            pending.close()

    def rows(self, text: str, sort_here: bool = True) -> Rows:
        from pyoxigraph import QueryBoolean, QueryResultsFormat, QuerySolutions

        prefixes = {prefix: str(ns) for prefix, ns in self.dataset.namespaces() if prefix}
        body, keys = split_order(text) if sort_here else (text, [])
        result = self.oxigraph.query(
            body, use_default_graph_as_union=self.dataset.default_union, prefixes=prefixes
        )
        if isinstance(result, QueryBoolean):
            return ["ask"], [[str(bool(result)).lower()]]
        if not isinstance(result, QuerySolutions):
            return ["s", "p", "o"], [
                [t.subject.value, t.predicate.value, t.object.value] for t in result
            ]
        raw = result.serialize(format=QueryResultsFormat.JSON)
        data = json.loads(raw)
        head, bindings = data["head"].get("vars", []), data["results"]["bindings"]
        if any(name not in head for name, _ in keys):  # ordered by what it does not return
            return self.rows(text, sort_here=False)
        return head, binding_rows(head, order_rows(bindings, keys), b'"type":"triple"' in raw)

    def count(self) -> int:
        return len(self.oxigraph)

    def dump(self, out: BinaryIO, fmt: str, prefixes: dict[str, str]) -> bool:
        from pyoxigraph import RdfFormat
        from pyoxigraph import serialize as write_rdf

        if fmt == "nquads":
            self.oxigraph.dump(out, format=RdfFormat.N_QUADS)
        elif fmt == "trig":
            self.oxigraph.dump(out, format=RdfFormat.TRIG, prefixes=prefixes)
        elif fmt == "turtle":  # the union of all graphs: every distinct triple once
            merged = self.oxigraph.query(
                "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True
            )
            write_rdf(merged, out, format=RdfFormat.TURTLE, prefixes=prefixes)
        else:
            return False
        return True

    def replace_articles(self, articles: Sequence[ArticleGraphs]) -> None:
        if not articles:
            return
        drops = " ; ".join(self._drop_article(a.doc) for a in articles)
        inserts = " ".join(
            f"GRAPH {a.doc.n3()} {{ {to_nquads(a.body, None)} }} {to_nquads(a.metadata, None)}"
            for a in articles
        )
        self.oxigraph.update(f"{drops} ; INSERT DATA {{ {inserts} }}")

    def replace_graph(self, graph: URIRef, triples: Sequence[Triple]) -> None:
        insert = f" ; INSERT DATA {{ GRAPH {graph.n3()} {{ {to_nquads(list(triples), None)} }} }}"
        self.oxigraph.update(f"DROP SILENT GRAPH {graph.n3()}" + (insert if triples else ""))


def open_embedded(path: Path, create: bool, read_only: bool) -> EmbeddedStore:
    """The Oxigraph store in folder `path`; a reader beside other readers when `read_only`."""
    if not path.exists() and not create:
        raise StoreError(f"{path}: no store here (run `kg build` first)")
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: a store is a folder, and this is a file")
    shared = read_only and path.exists() and shared_locks()
    try:
        if shared:
            ds = Dataset(store=_SharedReader(path), default_union=True)
        else:
            ds = Dataset(store="Oxigraph", default_union=True)
            ds.open(str(path), create=not path.exists())
    except StoreBusy:
        raise
    except (OSError, ValueError) as e:
        if "lock" in str(e).lower():
            raise StoreBusy(
                f"{path}: in use by another kg process (a build, or a query, export or `kg serve`"
                " reading it); try again when it is done"
            ) from None
        raise StoreError(f"{path}: cannot open the store ({e})") from None
    return EmbeddedStore(str(path), ds, read_only=shared)
