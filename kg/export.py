"""Serialising the store: Turtle (all graphs merged), TriG and N-Quads (named graphs), JSON-LD."""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

from kg.iris import ID, KG, SEM, WGS84, article_iri
from kg.store import plain, quads

__all__ = ["FORMATS", "CONTEXT", "bind_prefixes", "serialize"]

FORMATS = ("turtle", "trig", "nquads", "jsonld")


def bind_prefixes(graph) -> None:
    """Bind the project's prefixes on a graph or dataset."""
    for prefix, ns in (
        ("kg", KG),
        ("id", ID),
        ("sem", SEM),
        ("schema", SDO),
        ("org", ORG),
        ("prov", PROV),
        ("skos", SKOS),
        ("rdf", RDF),
        ("rdfs", RDFS),
        ("owl", OWL),
        ("geo", WGS84),
        ("xsd", XSD),
    ):
        graph.bind(prefix, ns, override=True, replace=True)


CONTEXT = Path(__file__).resolve().parent.parent / "ontologies" / "context.jsonld"


def _selected(ds: Dataset, article: str | None):
    """The store's quads, or those of one article: its named graph and its metadata."""
    doc = article_iri(article) if article else None
    for s, p, o, c in quads(ds):
        graph = getattr(c, "identifier", c)
        if doc is None or graph == doc or (s == doc and graph == DATASET_DEFAULT_GRAPH_ID):
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
