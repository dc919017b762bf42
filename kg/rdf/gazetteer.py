"""The gazetteer and the well-known organisations as RDF (`ontologies/gazetteer.ttl`): SKOS
preferred and alternative labels in Russian, owl:sameAs to GeoNames, WGS84 coordinates.

The entity IRIs are the ones kg mints for the same labels, so the file joins a built store
directly: `kg query` over the store plus this file finds a place's aliases and coordinates.
"""

from __future__ import annotations

from rdflib import Graph, Literal

from kg.lexicon import rows
from kg.lexicon.gazetteer import places
from kg.model import entity_key
from kg.rdf.iris import entity_iri, geonames_iri
from kg.rdf.vocabulary import KG, OWL, RDF, RDFS, SDO, SKOS, WGS84, bind_prefixes, decimal

__all__ = ["gazetteer_graph"]


def _ru(text: str) -> Literal:
    return Literal(text, lang="ru")


def gazetteer_graph() -> Graph:
    """Every gazetteer place and well-known organisation as SKOS-labelled entities."""
    g = Graph()
    bind_prefixes(g)
    aliases = {r[0]: [a for a in r[3].split("|") if a] for r in rows("gazetteer") if len(r) > 3}
    seen: set[str] = set()
    for place in places().values():
        key = entity_key("Place", place.label)
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
        iri = geonames_iri(place.geonames)
        if iri:
            g.add((s, OWL.sameAs, iri))
        if place.lat is not None and place.lon is not None:
            g.add((s, WGS84.lat, decimal(place.lat, 5)))
            g.add((s, WGS84.long, decimal(place.lon, 5)))
    for row in rows("organisations_known"):
        key = entity_key("Organization", row[0])
        s = entity_iri("Organization", key)
        g.add((s, RDF.type, KG.Organization))
        g.add((s, RDF.type, SDO.Organization))
        g.add((s, SKOS.prefLabel, _ru(row[0])))
        g.add((s, RDFS.label, _ru(row[0])))
        g.add((s, KG.key, Literal(key)))
        for alias in row[1].split("|") if len(row) > 1 and row[1] else []:
            g.add((s, SKOS.altLabel, _ru(alias)))
    return g
