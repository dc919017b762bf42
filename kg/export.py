"""Serialising the store: Turtle (all graphs merged), TriG and N-Quads (named graphs), JSON-LD."""

from __future__ import annotations

from rdflib import Dataset
from rdflib.namespace import ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

from kg.iris import ID, KG, SEM, WGS84
from kg.store import merged_graph, plain, quads

__all__ = ["FORMATS", "bind_prefixes", "serialize"]

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


def serialize(ds: Dataset, fmt: str) -> str:
    """The store in one of FORMATS."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    if fmt == "turtle":
        g = merged_graph(ds)
        bind_prefixes(g)
        return g.serialize(format="turtle")
    copy = Dataset()
    bind_prefixes(copy)
    for s, p, o, c in quads(ds):
        copy.add((s, p, plain(o), c))
    return copy.serialize(format={"trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}[fmt])
