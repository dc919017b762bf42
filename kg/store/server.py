"""Any SPARQL 1.1 server with update (rdflib's SPARQLUpdateStore), for a store that outgrows one
machine. Tested against Virtuoso.

The articles' metadata goes into the graph METADATA_GRAPH (Virtuoso has no default graph to
write to) and is read back as the default graph; kg's graphs are told apart from the server's
own by their IRIs. Writes are INSERT DATA requests of at most SERVER_BATCH triples.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from rdflib import Dataset, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

from kg.rdf.nquads import Triple, to_nquads
from kg.rdf.vocabulary import ID, METADATA_GRAPH
from kg.store.base import DEFAULT_GRAPH, ArticleGraphs, Quad, Store

__all__ = ["SERVER_BATCH", "ServerStore", "open_server"]

SERVER_BATCH = 500
"""Triples per INSERT DATA: Virtuoso refuses one of more than about 1,200 triples."""

_KG_GRAPHS = f'WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{ID}")) }}'


class ServerStore(Store):
    """A SPARQL 1.1 Protocol endpoint with update."""

    def _insert(self, graphs: dict[URIRef, list[Triple]], before: str = "") -> None:
        """INSERT DATA requests of at most SERVER_BATCH triples; the update `before` goes in
        the same request as the first batch."""
        quads = [(g, t) for g, triples in graphs.items() for t in triples]
        for i in range(0, max(len(quads), 1), SERVER_BATCH):
            batch = quads[i : i + SERVER_BATCH]
            blocks = " ".join(
                f"GRAPH {g.n3()} {{ {to_nquads([t for h, t in batch if h == g], None)} }}"
                for g in dict.fromkeys(g for g, _ in batch)
            )
            ops = [before] if before and i == 0 else []
            ops += [f"INSERT DATA {{ {blocks} }}"] if batch else []
            if ops:
                self.dataset.update(" ; ".join(ops))

    def replace_articles(self, articles: Sequence[ArticleGraphs]) -> None:
        for a in articles:  # each article its own requests
            drop = (
                f"DROP SILENT GRAPH {a.doc.n3()} ; "
                f"DELETE WHERE {{ GRAPH {METADATA_GRAPH.n3()} {{ {a.doc.n3()} ?p ?o }} }}"
            )
            self._insert({a.doc: a.body, METADATA_GRAPH: a.metadata}, before=drop)

    def replace_graph(self, graph: URIRef, triples: Sequence[Triple]) -> None:
        self._insert({graph: list(triples)}, before=f"DROP SILENT GRAPH {graph.n3()}")

    def quads(self) -> Iterator[Quad]:
        """kg's own graphs only (not the server's system graphs), the metadata graph as the
        default graph."""
        for s, p, o, g in self.dataset.query("SELECT ?s ?p ?o ?g " + _KG_GRAPHS):
            yield s, p, o, DEFAULT_GRAPH if g == METADATA_GRAPH else g

    def article_quads(self, doc: URIRef) -> Iterator[Quad]:
        for s, p, o in self.dataset.query(
            f"SELECT ?s ?p ?o WHERE {{ GRAPH {doc.n3()} {{ ?s ?p ?o }} }}"
        ):
            yield s, p, o, doc
        meta = f"SELECT ?p ?o WHERE {{ GRAPH {METADATA_GRAPH.n3()} {{ {doc.n3()} ?p ?o }} }}"
        for p, o in self.dataset.query(meta):
            yield doc, p, o, DEFAULT_GRAPH

    def count(self) -> int:
        return int(next(iter(self.dataset.query("SELECT (COUNT(*) AS ?n) " + _KG_GRAPHS)))[0])

    def triple_count(self) -> int:
        """The distinct triples of kg's graphs merged (the server's own graphs left out)."""
        distinct = f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o {_KG_GRAPHS} }}"
        return int(next(iter(self.dataset.query(distinct)))[0])


def open_server(url: str) -> ServerStore:
    """The SPARQL server at `url` (its update endpoint: the same URL)."""
    update = url[: -len("/sparql")] + "/sparql" if url.endswith("/sparql") else url
    store = SPARQLUpdateStore(url, update, returnFormat="json", autocommit=True)
    return ServerStore(url, Dataset(store=store, default_union=True))
