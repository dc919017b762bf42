"""Stores: an embedded persistent Oxigraph folder (default), memory, or a SPARQL 1.1 server."""

from __future__ import annotations

from pathlib import Path

from oxrdflib import OxigraphStore
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDFS, XSD
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore

from kg import __version__
from kg.model import Extraction
from kg.rdf.iris import ID, KG, article_iri
from kg.rdf.mapping import Triple, article_graph, article_metadata
from kg.store.locks import BusyError, open_reader, shared_locks

__all__ = [
    "DEFAULT_STORE",
    "METADATA_GRAPH",
    "SERVER_BATCH",
    "insert_data",
    "quads",
    "article_quads",
    "StoreError",
    "open_store",
    "oxigraph",
    "write_article",
    "write_articles",
    "stored_hashes",
    "to_nquads",
    "count_triples",
    "merged_graph",
    "plain",
    "stored_labels",
]

DEFAULT_STORE = ".kg"
# On a SPARQL server the articles' metadata goes here: Virtuoso has no default graph to write to.
METADATA_GRAPH = ID["graph/articles"]


class StoreError(Exception):
    """A store that cannot be opened or written."""


def open_store(
    location: str | Path = DEFAULT_STORE, create: bool = True, read_only: bool = False
) -> Dataset:
    """Open a store: a folder (Oxigraph), `memory`, or an http(s) SPARQL endpoint URL. A folder
    opened `read_only` is shared with other readers (a `kg serve`, queries, exports), never
    with a build writing it: whichever comes second is refused with a StoreError."""
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
    try:
        if read_only and path.exists() and shared_locks():
            return open_reader(path)
        ds = Dataset(store="Oxigraph", default_union=True)
        ds.open(str(path), create=not path.exists())
    except BusyError as e:
        raise StoreError(str(e)) from None
    except (OSError, ValueError) as e:
        if "lock" in str(e).lower():
            raise StoreError(
                f"{path}: in use by another kg process (a build, or a query, export or `kg serve`"
                " reading it); try again when it is done"
            ) from None
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


def _is_server(ds: Dataset) -> bool:
    return isinstance(ds.store, SPARQLStore)


SERVER_BATCH = 500
"""Triples per INSERT DATA: Virtuoso refuses one of more than about 1,200 triples."""


def insert_data(ds: Dataset, graphs: dict[URIRef, list[Triple]], before: str = "") -> None:
    """Add triples to named graphs with INSERT DATA updates of at most SERVER_BATCH triples;
    the update `before` goes in the same request as the first batch."""
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
            ds.update(" ; ".join(ops))


def _is_oxigraph(ds: Dataset) -> bool:
    return isinstance(ds.store, OxigraphStore)


def oxigraph(ds: Dataset):
    """The embedded store's own pyoxigraph Store, or None for another store: kg runs an update
    there as one transaction and reads query results serialised by Oxigraph, where going
    through rdflib would evaluate the update itself or build a Python term per value."""
    return ds.store._inner if _is_oxigraph(ds) else None


def stored_labels(ds: Dataset, x: Extraction) -> dict[str, str]:
    """The labels other articles in the store already give this article's entities (entity
    key → label), so that one entity keeps one label however articles spell it."""
    iris = {e.id: e.key for e in x.entities.values()}
    if not iris:
        return {}
    doc = article_iri(x.article.id)
    values = " ".join(f"<{iri}>" for iri in sorted(iris))
    rows = ds.query(
        "SELECT ?e (MIN(STR(?l)) AS ?label) WHERE { VALUES ?e { " + values + " } "
        "GRAPH ?g { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?l } "
        f"FILTER(?g != {doc.n3()}) }} GROUP BY ?e"
    )
    return {iris[str(e)]: str(label) for e, label in rows if label is not None}


def _adopted(body: list[Triple], x: Extraction) -> dict[str, str]:
    """The label each entity of the article gets in its graph (entity key → label)."""
    keys = {e.id: e.key for e in x.entities.values()}
    return {keys[str(s)]: str(o) for s, p, o in body if p == RDFS.label and str(s) in keys}


def write_articles(ds: Dataset, xs: list[Extraction]) -> int:
    """Replace the named graphs and metadata of several articles; returns triples written.

    The embedded store writes them all in one transaction: a reader or a crash sees every
    article of the batch or none. An entity takes the label other articles give it, those of
    the batch included, so a batch gives the graph that article-by-article writes give."""
    if not xs:
        return 0
    pending: dict[str, str] = {}
    drops, inserts, written = [], [], 0
    for x in xs:
        stored = stored_labels(ds, x)
        labels = {k: v for k, v in pending.items() if k in x.entities} | stored
        body = article_graph(x, labels)
        for key, label in _adopted(body, x).items():
            pending.setdefault(key, label)
        meta = article_metadata(x)
        doc = article_iri(x.article.id)
        written += len(body) + len(meta)
        if _is_server(ds):
            drop = (
                f"DROP SILENT GRAPH {doc.n3()} ; "
                f"DELETE WHERE {{ GRAPH {METADATA_GRAPH.n3()} {{ {doc.n3()} ?p ?o }} }}"
            )
            insert_data(ds, {doc: body, METADATA_GRAPH: meta}, before=drop)
            continue
        drop = f"DROP SILENT GRAPH {doc.n3()} ; DELETE WHERE {{ {doc.n3()} ?p ?o }}"
        if not _is_oxigraph(ds):  # the in-memory store, article by article
            ds.update(drop)
            ds.parse(data=to_nquads(body, doc) + to_nquads(meta, None), format="nquads")
            continue
        drops.append(drop)
        inserts.append(f"GRAPH {doc.n3()} {{ {to_nquads(body, None)} }} {to_nquads(meta, None)}")
    if drops:
        # Oxigraph runs one update request as one transaction (rdflib's Dataset.update would
        # evaluate it itself)
        oxigraph(ds).update(" ; ".join(drops) + f" ; INSERT DATA {{ {' '.join(inserts)} }}")
    return written


def write_article(ds: Dataset, x: Extraction) -> int:
    """Replace an article's named graph and metadata with a new extraction; returns triples."""
    return write_articles(ds, [x])


def stored_hashes(ds: Dataset) -> dict[str, str]:
    """The content hash of every article in the store, by article IRI, for those written by
    this version of kg (an article from another version is due to be extracted again)."""
    rows = ds.query(
        f"SELECT ?doc ?hash WHERE {{ ?doc {KG.contentHash.n3()} ?hash ; "
        f'{KG.extractorVersion.n3()} ?version FILTER(STR(?version) = "{__version__}") }}'
    )
    return {str(doc): str(h) for doc, h in rows}


_SERVER_QUADS = f'WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{ID}")) }}'


def quads(ds: Dataset):
    """Every quad of the store, as `Dataset.quads` gives them; on a SPARQL server only kg's
    own graphs (not the server's system graphs), the metadata graph as the default graph."""
    if not _is_server(ds):
        yield from ds.quads((None, None, None, None))
        return
    for s, p, o, g in ds.query("SELECT ?s ?p ?o ?g " + _SERVER_QUADS):
        yield s, p, o, DATASET_DEFAULT_GRAPH_ID if g == METADATA_GRAPH else g


def article_quads(ds: Dataset, doc: URIRef):
    """One article's quads, found by pattern (not by walking the store): its named graph, then
    its metadata as in the default graph."""
    if _is_server(ds):
        for s, p, o in ds.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH {doc.n3()} {{ ?s ?p ?o }} }}"):
            yield s, p, o, doc
        meta = f"SELECT ?p ?o WHERE {{ GRAPH {METADATA_GRAPH.n3()} {{ {doc.n3()} ?p ?o }} }}"
        for p, o in ds.query(meta):
            yield doc, p, o, DATASET_DEFAULT_GRAPH_ID
        return
    for s, p, o, _ in ds.quads((None, None, None, doc)):
        yield s, p, o, doc
    for s, p, o, _ in ds.quads((doc, None, None, DATASET_DEFAULT_GRAPH_ID)):
        yield s, p, o, DATASET_DEFAULT_GRAPH_ID


def count_triples(ds: Dataset) -> int:
    """All quads in the store: the named graphs and the default graph together."""
    if _is_server(ds):
        return int(next(iter(ds.query("SELECT (COUNT(*) AS ?n) " + _SERVER_QUADS)))[0])
    if _is_oxigraph(ds):  # counted by Oxigraph: 0.1 s for a million quads, not 10 s
        return len(oxigraph(ds))
    return sum(1 for _ in ds.quads((None, None, None, None)))


def plain(node):
    """A literal typed xsd:string written back as a plain literal (RDF 1.1 says they are equal)."""
    if isinstance(node, Literal) and node.datatype == XSD.string:
        return Literal(str(node))
    return node


def merged_graph(ds: Dataset) -> Graph:
    """Every triple of the store in one graph (for Turtle export and validation)."""
    g = Graph()
    for s, p, o, _ in quads(ds):
        g.add((s, p, plain(o)))
    return g
