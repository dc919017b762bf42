"""Serialising the store: Turtle (all graphs merged), TriG and N-Quads (named graphs), JSON-LD."""

from __future__ import annotations

import json
from typing import BinaryIO

from rdflib import Dataset, Graph

from kg.errors import NotFound
from kg.export.jsonld import default_graph_first
from kg.ontology import CONTEXT
from kg.rdf.iris import article_iri
from kg.rdf.vocabulary import PREFIXES, bind_prefixes
from kg.store import Store
from kg.store.base import plain

__all__ = ["FORMATS", "serialize", "write"]

FORMATS = ("turtle", "trig", "nquads", "jsonld")


def _selected(store: Store, article: str | None):
    """The store's quads, or those of one article: its named graph and its metadata."""
    chosen = store.article_quads(article_iri(article)) if article else store.quads()
    for s, p, o, c in chosen:
        yield s, p, plain(o), c


def serialize(store: Store, fmt: str, article: str | None = None) -> str:
    """The store (or one article) in one of FORMATS, built in memory by rdflib; JSON-LD is
    compacted with `ontologies/context.jsonld`."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    selected = list(_selected(store, article))
    if article and not selected:
        raise NotFound(f"no article {article!r} in the store")
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
        doc = json.loads(copy.serialize(format="json-ld", context=context))
        return json.dumps(default_graph_first(doc), ensure_ascii=False, indent=1) + "\n"
    return copy.serialize(format={"trig": "trig", "nquads": "nquads"}[fmt])


def write(store: Store, fmt: str, out: BinaryIO, article: str | None = None) -> None:
    """Write the store (or one article) in one of FORMATS to a binary stream. Turtle, TriG and
    N-Quads of a whole embedded store come from Oxigraph's own writers as they read, in flat
    memory; the rest is built in memory by rdflib (JSON-LD is compacted with the context)."""
    # kg's own IRIs are written whole: as `id:` names their slashes would need escapes
    prefixes = {prefix: str(ns) for prefix, ns in PREFIXES.items() if prefix != "id"}
    if article is None and fmt != "jsonld" and store.dump(out, fmt, prefixes):
        return
    out.write(serialize(store, fmt, article).encode("utf-8"))
