"""Stores: an embedded persistent Oxigraph folder (default), memory, or a SPARQL 1.1 server."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

from kg.iris import article_iri
from kg.model import Extraction
from kg.rdf import Triple, article_graph, article_metadata

__all__ = [
    "DEFAULT_STORE",
    "StoreError",
    "open_store",
    "write_article",
    "to_nquads",
    "count_triples",
    "merged_graph",
    "plain",
]

DEFAULT_STORE = ".kg"


class StoreError(Exception):
    """A store that cannot be opened or written."""


def open_store(location: str | Path = DEFAULT_STORE, create: bool = True) -> Dataset:
    """Open a store: a folder (Oxigraph), `memory`, or an http(s) SPARQL endpoint URL."""
    loc = str(location)
    if loc == "memory":
        return Dataset(default_union=True)
    if loc.startswith(("http://", "https://")):
        update = loc[: -len("/sparql")] + "/sparql" if loc.endswith("/sparql") else loc
        store = SPARQLUpdateStore(loc, update, returnFormat="json", autocommit=True)
        return Dataset(store=store, default_union=True)
    path = Path(loc)
    if not path.exists() and not create:
        raise StoreError(f"{path}: no store here (run `kg build` first)")
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: a store is a folder, and this is a file")
    ds = Dataset(store="Oxigraph", default_union=True)
    try:
        ds.open(str(path), create=not path.exists())
    except (OSError, ValueError) as e:
        raise StoreError(f"{path}: cannot open the store ({e})") from None
    return ds


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def _term(node) -> str:
    """A term in N-Triples syntax: literals on one line, with their escapes."""
    if not isinstance(node, Literal):
        return node.n3()
    text = '"' + str(node).translate(_ESCAPES) + '"'
    if node.language:
        return f"{text}@{node.language}"
    if node.datatype is not None:
        return f"{text}^^<{node.datatype}>"
    return text


def to_nquads(triples: list[Triple], graph: URIRef | None) -> str:
    """Triples as N-Quads (or N-Triples when `graph` is None)."""
    tail = f" {graph.n3()} .\n" if graph is not None else " .\n"
    return "".join(f"{_term(s)} {_term(p)} {_term(o)}{tail}" for s, p, o in triples)


def _is_oxigraph(ds: Dataset) -> bool:
    return type(ds.store).__name__ == "OxigraphStore"


def write_article(ds: Dataset, x: Extraction) -> int:
    """Replace an article's named graph and metadata with a new extraction; returns triples."""
    doc = article_iri(x.article.id)
    body = article_graph(x)
    meta = article_metadata(x)
    ds.update(f"DROP SILENT GRAPH {doc.n3()} ; DELETE WHERE {{ {doc.n3()} ?p ?o }}")
    if _is_oxigraph(ds):
        ds.parse(data=to_nquads(body, doc) + to_nquads(meta, None), format="ox-nquads")
    else:
        ds.update(
            f"INSERT DATA {{ GRAPH {doc.n3()} {{ {to_nquads(body, None)} }} "
            f"{to_nquads(meta, None)} }}"
        )
    return len(body) + len(meta)


def count_triples(ds: Dataset) -> int:
    """All quads in the store: the named graphs and the default graph together."""
    return sum(1 for _ in ds.quads((None, None, None, None)))


def plain(node):
    """A literal typed xsd:string written back as a plain literal (RDF 1.1 says they are equal)."""
    if isinstance(node, Literal) and node.datatype == XSD.string:
        return Literal(str(node))
    return node


def merged_graph(ds: Dataset) -> Graph:
    """Every triple of the store in one graph (for Turtle export and validation)."""
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, plain(o)))
    return g
