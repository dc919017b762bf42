"""The gazetteer and the well-known organisations as RDF (`ontologies/gazetteer.ttl`): SKOS
preferred and alternative labels in Russian, owl:sameAs to GeoNames, WGS84 coordinates.

The entity IRIs are the ones kg mints for the same labels, so the file joins a built store
directly: `kg query` over the store plus this file finds a place's aliases and coordinates.
"""

from __future__ import annotations

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import OWL, SDO, SKOS, XSD

from kg.lexicon import rows
from kg.lexicon.gazetteer import geonames_iri, places
from kg.rdf.iris import KG, WGS84, entity_iri

__all__ = ["gazetteer_graph"]


def _ru(text: str) -> Literal:
    return Literal(text, lang="ru")


def gazetteer_graph() -> Graph:
    """Every gazetteer place and well-known organisation as SKOS-labelled entities."""
    g = Graph()
    for prefix, ns in (("kg", KG), ("skos", SKOS), ("owl", OWL), ("geo", WGS84), ("schema", SDO)):
        g.bind(prefix, ns, override=True, replace=True)
    aliases = {r[0]: [a for a in r[3].split("|") if a] for r in rows("gazetteer") if len(r) > 3}
    seen: set[str] = set()
    for place in places().values():
        key = f"place:{place.label.lower()}"
        if key in seen:  # a federal city and its region share a label: one entity
            continue
        seen.add(key)
        s = entity_iri("Place", key)
        g.add((s, RDF.type, KG.Place))
        g.add((s, RDF.type, SDO.Place))
        g.add((s, SKOS.prefLabel, _ru(place.label)))
        g.add((s, RDFS.label, _ru(place.label)))
        g.add((s, KG.key, Literal(key)))
        for alias in aliases.get(place.id, []):
            if alias != place.label:
                g.add((s, SKOS.altLabel, _ru(alias)))
        iri = geonames_iri(place)
        if iri:
            g.add((s, OWL.sameAs, URIRef(iri)))
        if place.lat is not None and place.lon is not None:
            g.add((s, WGS84.lat, Literal(round(place.lat, 5), datatype=XSD.decimal)))
            g.add((s, WGS84.long, Literal(round(place.lon, 5), datatype=XSD.decimal)))
    for row in rows("organisations_known"):
        key = f"organization:{row[0].lower()}"
        s = entity_iri("Organization", key)
        g.add((s, RDF.type, KG.Organization))
        g.add((s, RDF.type, SDO.Organization))
        g.add((s, SKOS.prefLabel, _ru(row[0])))
        g.add((s, RDFS.label, _ru(row[0])))
        g.add((s, KG.key, Literal(key)))
        for alias in row[1].split("|") if len(row) > 1 and row[1] else []:
            g.add((s, SKOS.altLabel, _ru(alias)))
    return g
