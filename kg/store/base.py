"""The one store interface: what kg asks of a store, whatever holds the triples.

A store holds one named graph per article, the articles' metadata and kg's own graphs (the
links). It is given graphs of triples and answers SPARQL; how it does either is its backend's
business (`oxigraph`, `memory`, `server`). Results come back as rdflib results (`query`) or as
rows of strings (`rows`).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import BinaryIO

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.query import Result

from kg.rdf.nquads import Triple
from kg.rdf.vocabulary import XSD

__all__ = ["ArticleGraphs", "Quad", "Rows", "Store", "DEFAULT_GRAPH", "plain"]

Quad = tuple[object, object, object, object]
Rows = tuple[list[str], list[list[str | None]]]
"""Column names, and rows of values as strings (None where unbound)."""
DEFAULT_GRAPH = DATASET_DEFAULT_GRAPH_ID


@dataclass(frozen=True)
class ArticleGraphs:
    """What one article puts in a store: its named graph and its metadata."""

    doc: URIRef
    body: list[Triple] = field(default_factory=list)
    metadata: list[Triple] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.body) + len(self.metadata)


def plain(node):
    """A literal typed xsd:string written back as a plain literal (RDF 1.1 says they are equal)."""
    if isinstance(node, Literal) and node.datatype == XSD.string:
        return Literal(str(node))
    return node


class Store(ABC):
    """A store of article graphs, opened on a location; close it (or use `with`) when done."""

    rdflib_engine = False
    """Whether queries run in rdflib's own engine, which would fetch FROM graphs off the web."""

    def __init__(self, location: str, dataset: Dataset, read_only: bool = False) -> None:
        self.location = location
        self.dataset = dataset
        self.read_only = read_only

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the store (its files, locks or connection)."""
        self.dataset.close()

    # --- reading ------------------------------------------------------------------------

    def query(self, text: str) -> Result:
        """Run a SPARQL query; its rdflib result."""
        return self.dataset.query(text)

    @contextmanager
    def results(self, text: str) -> Iterator[Result]:
        """A query's rdflib result to read part of, released when done, in the same thread."""
        result = self.query(text)
        try:
            yield result
        finally:
            self._release(result)

    def _release(self, result: Result) -> None:  # noqa: B027 - most backends hold nothing
        """Free what a partly read result holds (nothing, unless a backend says otherwise)."""

    def rows(self, text: str) -> Rows:
        """Run a query: column names and rows of strings; an ASK gives one `ask` column, a
        CONSTRUCT the columns s, p and o."""
        result = self.query(text)
        if result.type == "ASK":
            return ["ask"], [[str(bool(result.askAnswer)).lower()]]
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            return ["s", "p", "o"], [[str(t) for t in triple] for triple in result]
        head = [str(v) for v in result.vars or []]
        return head, [[None if v is None else str(v) for v in row] for row in result]

    def quads(self) -> Iterator[Quad]:
        """Every quad of the store, the metadata in the default graph."""
        yield from self.dataset.quads((None, None, None, None))

    def article_quads(self, doc: URIRef) -> Iterator[Quad]:
        """One article's quads, found by pattern: its named graph, then its metadata."""
        for s, p, o, _ in self.dataset.quads((None, None, None, doc)):
            yield s, p, o, doc
        for s, p, o, _ in self.dataset.quads((doc, None, None, DEFAULT_GRAPH)):
            yield s, p, o, DEFAULT_GRAPH

    def count(self) -> int:
        """All quads in the store: the named graphs and the default graph together."""
        return sum(1 for _ in self.quads())

    def triple_count(self) -> int:
        """The distinct triples of the default graph, the merge of every graph: a triple that
        several articles state counts once."""
        return len(self.merged_graph())

    def merged_graph(self) -> Graph:
        """Every triple of the store in one graph (for Turtle and validation)."""
        g = Graph()
        for s, p, o, _ in self.quads():
            g.add((s, p, plain(o)))
        return g

    def dump(self, out: BinaryIO, fmt: str, prefixes: dict[str, str]) -> bool:
        """Write the whole store as `turtle`, `trig` or `nquads` with the backend's own writer,
        as it reads; False when the backend has none (the caller serialises it instead)."""
        return False

    # --- writing ------------------------------------------------------------------------

    @abstractmethod
    def replace_articles(self, articles: Sequence[ArticleGraphs]) -> None:
        """Put in the graphs and metadata of articles, replacing what the store had of them."""

    @abstractmethod
    def replace_graph(self, graph: URIRef, triples: Sequence[Triple]) -> None:
        """Replace a named graph of kg's own (the links) with these triples."""

    @staticmethod
    def _drop_article(doc: URIRef) -> str:
        return f"DROP SILENT GRAPH {doc.n3()} ; DELETE WHERE {{ {doc.n3()} ?p ?o }}"
