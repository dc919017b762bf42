"""Serialising the store: Turtle (all graphs merged), TriG and N-Quads (named graphs), JSON-LD."""

from __future__ import annotations

import json
from typing import BinaryIO

from rdflib import Dataset, Graph
from rdflib.namespace import ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

from kg.ontology import CONTEXT
from kg.rdf.iris import ID, KG, SEM, WGS84, article_iri
from kg.store import article_quads, oxigraph, plain, quads

__all__ = ["FORMATS", "PREFIXES", "bind_prefixes", "serialize", "write"]

FORMATS = ("turtle", "trig", "nquads", "jsonld")


PREFIXES = {
    "kg": KG,
    "id": ID,
    "sem": SEM,
    "schema": SDO,
    "org": ORG,
    "prov": PROV,
    "skos": SKOS,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "geo": WGS84,
    "xsd": XSD,
}


def bind_prefixes(graph) -> None:
    """Bind the project's prefixes on a graph or dataset."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)



def _selected(ds: Dataset, article: str | None):
    """The store's quads, or those of one article: its named graph and its metadata."""
    chosen = article_quads(ds, article_iri(article)) if article else quads(ds)
    for s, p, o, c in chosen:
        yield s, p, plain(o), c


def serialize(ds: Dataset, fmt: str, article: str | None = None) -> str:
    """The store (or one article) in one of FORMATS; JSON-LD is compacted with
    `ontologies/context.jsonld`."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    selected = list(_selected(ds, article))
    if article and not selected:
        raise KeyError(f"no article {article!r} in the store")
    if fmt == "turtle":
        g = Graph()
        bind_prefixes(g)
        for s, p, o, _ in selected:
            g.add((s, p, o))
        return g.serialize(format="turtle")
    copy = Dataset()
    bind_prefixes(copy)
    for s, p, o, c in selected:
        copy.add((s, p, o, c))
    if fmt == "jsonld":
        context = json.loads(CONTEXT.read_text("utf-8"))["@context"]
        return copy.serialize(format="json-ld", context=context, indent=1)
    return copy.serialize(format={"trig": "trig", "nquads": "nquads"}[fmt])


def write(ds: Dataset, fmt: str, out: BinaryIO, article: str | None = None) -> None:
    """Write the store (or one article) in one of FORMATS to a binary stream. Turtle, TriG and
    N-Quads of a whole embedded store come from Oxigraph's own writers as they read, in flat
    memory; the rest is built in memory by rdflib (JSON-LD is compacted with the context)."""
    store = oxigraph(ds)
    if store is None or article is not None or fmt == "jsonld":
        out.write(serialize(ds, fmt, article).encode("utf-8"))
        return
    from pyoxigraph import RdfFormat
    from pyoxigraph import serialize as write_rdf

    # kg's own IRIs are written whole: as `id:` names their slashes would need escapes
    prefixes = {prefix: str(ns) for prefix, ns in PREFIXES.items() if prefix != "id"}
    if fmt == "nquads":
        store.dump(out, format=RdfFormat.N_QUADS)
    elif fmt == "trig":
        store.dump(out, format=RdfFormat.TRIG, prefixes=prefixes)
    else:  # the union of all graphs: every distinct triple once
        merged = store.query(
            "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True
        )
        write_rdf(merged, out, format=RdfFormat.TURTLE, prefixes=prefixes)
