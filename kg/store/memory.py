"""rdflib's in-memory store (`--store memory`): for a quick look, gone when the process ends."""

from __future__ import annotations

from collections.abc import Sequence

from rdflib import Dataset, URIRef
from rdflib.query import Result

from kg.rdf.nquads import Triple
from kg.store.base import ArticleGraphs, Store
from kg.store.dataset import query_dataset

__all__ = ["MemoryStore"]


class MemoryStore(Store):
    """A dataset in this process's memory, queried by rdflib's own engine, whose union
    default graph is a set: a triple several graphs hold is one triple."""

    rdflib_engine = False  # rdflib's engine, but FROM graphs are read here (`query`), never fetched

    def __init__(self) -> None:
        super().__init__("memory", Dataset(default_union=True))

    def query(self, text: str) -> Result:
        """Run a SPARQL query; a query naming its dataset (FROM, FROM NAMED) reads those
        graphs of this store (rdflib's engine would fetch them off the web)."""
        default, named = query_dataset(text)
        if not (default or named):
            return self.dataset.query(text)
        from rdflib.plugins.sparql import prepareQuery

        view = Dataset()
        for graph in default:  # the default graph: the merge of the FROM graphs
            for s, p, o, _ in self.dataset.quads((None, None, None, graph)):
                view.add((s, p, o))
        for graph in named:
            for s, p, o, _ in self.dataset.quads((None, None, None, graph)):
                view.add((s, p, o, graph))
        prepared = prepareQuery(text)
        prepared.algebra["datasetClause"] = None  # read here, not loaded by rdflib
        return view.query(prepared)

    def replace_articles(self, articles: Sequence[ArticleGraphs]) -> None:
        for a in articles:  # added as terms: a second parse of N-Quads empties the default graph
            self.dataset.update(self._drop_article(a.doc))
            graph = self.dataset.graph(a.doc)
            for triple in a.body:
                graph.add(triple)
            for triple in a.metadata:
                self.dataset.default_graph.add(triple)

    def replace_graph(self, graph: URIRef, triples: Sequence[Triple]) -> None:
        self.dataset.update(f"DROP SILENT GRAPH {graph.n3()}")
        named = self.dataset.graph(graph)
        for triple in triples:
            named.add(triple)
