"""The embedded store: a persistent Oxigraph folder, through rdflib's Oxigraph plugin.

The only code that reaches into oxrdflib for the pyoxigraph `Store` under it: kg runs its
updates there as one transaction each (a batch of articles is written whole or not at all),
reads query results serialised by Oxigraph rather than one rdflib term per value, counts and
dumps the store with Oxigraph's own code (a million quads counted in 0.1 s, not 10 s; dumped
in 6 s and 110 MB, not 48 s and 2 GB).

The articles' metadata is the named graph METADATA_GRAPH, as on a server, and the default
graph is the RDF merge of the named graphs, written with them (see `merge`): a query that
names no dataset reads each triple once however many articles state it, and one that names
a dataset (FROM, FROM NAMED) reads that dataset. Exports and `quads` give the named graphs
with the metadata as the default graph, as the other stores do. A store written by an
earlier kg (metadata in the default graph, no merge) is moved to this layout when opened for
writing, and read through the union of its graphs when opened read-only.

A folder opened read-only is shared with other readers under a shared lock (see `locks`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from oxrdflib import OxigraphStore
from rdflib import Dataset, URIRef
from rdflib.query import Result

from kg.errors import StoreBusy, StoreError
from kg.rdf.nquads import Triple
from kg.rdf.vocabulary import KG, METADATA_GRAPH
from kg.store.base import DEFAULT_GRAPH, ArticleGraphs, Quad, Rows, Store
from kg.store.dataset import names_dataset
from kg.store.locks import lock_shared, shared_locks, unlock
from kg.store.merge import MIGRATE, drop_graph, drop_metadata, insert_merged
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


def earlier_layout(oxigraph: object) -> bool:
    """Whether a pyoxigraph store has the articles' metadata in its default graph, as kg
    before the merge wrote it (its default graph is then no merge: read the union)."""
    meta = f"ASK {{ GRAPH {METADATA_GRAPH.n3()} {{ ?s ?p ?o }} }}"
    query = oxigraph.query  # type: ignore[attr-defined]
    return not bool(query(meta)) and bool(query(f"ASK {{ ?a a {KG.Article.n3()} }}"))


class EmbeddedStore(Store):
    """A persistent Oxigraph folder."""

    def __init__(self, location: str, dataset: Dataset, read_only: bool = False) -> None:
        super().__init__(location, dataset, read_only)
        self.union = self._earlier_layout()
        """Whether queries read the union of the graphs (a store of the earlier layout, read
        only) rather than the default graph, which is their merge."""
        if self.union and not read_only:
            self.oxigraph.update(MIGRATE)
            self.union = False

    @property
    def oxigraph(self):
        """pyoxigraph's own Store under rdflib's (not kept: closing the store must free it)."""
        return self.dataset.store._inner

    def _earlier_layout(self) -> bool:
        """Whether the articles' metadata is in the default graph, as kg before the merge
        wrote it."""
        return earlier_layout(self.oxigraph)

    def _union_for(self, text: str) -> bool:
        """Whether a query reads the union of the graphs: only on a store of the earlier
        layout, and only when the query names no dataset of its own."""
        return self.union and not names_dataset(text)

    def query(self, text: str) -> Result:
        # oxrdflib reads the union for "__UNION__", and the query's own dataset (or the
        # default graph) for a graph name that is no node
        graph = "__UNION__" if self._union_for(text) else "dataset"
        return self.dataset.store.query(text, {}, {}, graph)

    def _release(self, result: Result) -> None:
        pending = getattr(result, "_genbindings", None)  # pyoxigraph's rows, freed here
        if pending is not None and hasattr(pending, "close"):
            pending.close()

    def rows(self, text: str, sort_here: bool = True) -> Rows:
        from pyoxigraph import QueryBoolean, QueryResultsFormat, QuerySolutions

        prefixes = {prefix: str(ns) for prefix, ns in self.dataset.namespaces() if prefix}
        body, keys = split_order(text) if sort_here else (text, [])
        result = self.oxigraph.query(
            body, use_default_graph_as_union=self._union_for(text), prefixes=prefixes
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

    def _named_graphs(self) -> list:
        """pyoxigraph's names of the named graphs, the metadata graph first."""
        from pyoxigraph import NamedNode

        meta = NamedNode(str(METADATA_GRAPH))
        return [meta] + [g for g in self.oxigraph.named_graphs() if g != meta]

    def _stored_quads(self) -> Iterator:
        """pyoxigraph's quads of the named graphs, the metadata's in the default graph."""
        from pyoxigraph import DefaultGraph, Quad

        if self.union:  # the earlier layout: the metadata is the default graph
            yield from self.oxigraph
            return
        for graph in self._named_graphs():
            quads = self.oxigraph.quads_for_pattern(None, None, None, graph)
            if graph.value == str(METADATA_GRAPH):
                yield from (Quad(q.subject, q.predicate, q.object, DefaultGraph()) for q in quads)
            else:
                yield from quads

    def quads(self) -> Iterator[Quad]:
        if self.union:
            yield from super().quads()
            return
        for s, p, o, g in self.dataset.quads((None, None, None, None)):
            if g is None or g == DEFAULT_GRAPH:
                continue  # the merge, made of the named graphs
            yield s, p, o, DEFAULT_GRAPH if g == METADATA_GRAPH else g

    def article_quads(self, doc: URIRef) -> Iterator[Quad]:
        if self.union:
            yield from super().article_quads(doc)
            return
        for s, p, o, _ in self.dataset.quads((None, None, None, doc)):
            yield s, p, o, doc
        for s, p, o, _ in self.dataset.quads((doc, None, None, METADATA_GRAPH)):
            yield s, p, o, DEFAULT_GRAPH

    def _default_size(self) -> int:
        """The triples of Oxigraph's default graph."""
        rows = self.oxigraph.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(next(iter(rows))[0].value)

    def count(self) -> int:
        return len(self.oxigraph) - (0 if self.union else self._default_size())

    def triple_count(self) -> int:
        if self.union:
            return super().triple_count()
        return self._default_size()

    def dump(self, out: BinaryIO, fmt: str, prefixes: dict[str, str]) -> bool:
        from pyoxigraph import DefaultGraph, RdfFormat
        from pyoxigraph import serialize as write_rdf

        if fmt in ("nquads", "trig"):
            form = RdfFormat.N_QUADS if fmt == "nquads" else RdfFormat.TRIG
            write_rdf(self._stored_quads(), out, format=form, prefixes=prefixes)
        elif fmt == "turtle" and not self.union:  # the merge: every distinct triple once
            self.oxigraph.dump(
                out, format=RdfFormat.TURTLE, from_graph=DefaultGraph(), prefixes=prefixes
            )
        elif fmt == "turtle":
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
        drops = [op for a in articles for op in (drop_graph(a.doc), drop_metadata(a.doc))]
        graphs = [(a.doc, a.body) for a in articles]
        graphs.append((METADATA_GRAPH, [t for a in articles for t in a.metadata]))
        self.oxigraph.update(" ; ".join([*drops, insert_merged(graphs)]).rstrip(" ;"))

    def replace_graph(self, graph: URIRef, triples: Sequence[Triple]) -> None:
        update = [drop_graph(graph), insert_merged([(graph, triples)])]
        self.oxigraph.update(" ; ".join(op for op in update if op))


def open_embedded(path: Path, create: bool, read_only: bool) -> EmbeddedStore:
    """The Oxigraph store in folder `path`; a reader beside other readers when `read_only`."""
    if not path.exists() and not create:
        raise StoreError(f"{path}: no store here (run `kg build` first)")
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: a store is a folder, and this is a file")
    shared = read_only and path.exists() and shared_locks()
    try:
        if shared:
            ds = Dataset(store=_SharedReader(path))
        else:
            ds = Dataset(store="Oxigraph")
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
