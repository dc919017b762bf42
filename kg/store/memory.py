"""rdflib's in-memory store (`--store memory`): for a quick look, gone when the process ends."""

from __future__ import annotations

from collections.abc import Sequence

from rdflib import Dataset, URIRef

from kg.rdf.nquads import Triple, to_nquads
from kg.store.base import ArticleGraphs, Store

__all__ = ["MemoryStore"]


class MemoryStore(Store):
    """A dataset in this process's memory, queried by rdflib's own engine."""

    rdflib_engine = True

    def __init__(self) -> None:
        super().__init__("memory", Dataset(default_union=True))

    def replace_articles(self, articles: Sequence[ArticleGraphs]) -> None:
        for a in articles:
            self.dataset.update(self._drop_article(a.doc))
            data = to_nquads(a.body, a.doc) + to_nquads(a.metadata, None)
            self.dataset.parse(data=data, format="nquads")

    def replace_graph(self, graph: URIRef, triples: Sequence[Triple]) -> None:
        self.dataset.update(f"DROP SILENT GRAPH {graph.n3()}")
        if triples:
            self.dataset.parse(data=to_nquads(list(triples), graph), format="nquads")
