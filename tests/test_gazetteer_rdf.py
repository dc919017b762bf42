"""The gazetteer as RDF: it parses, and its IRIs are the ones extraction mints."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, SKOS

from kg.rdf.gazetteer import gazetteer_graph
from kg.rdf.iris import entity_iri

TTL = Path(__file__).parent.parent / "ontologies" / "gazetteer.ttl"


def test_committed_file_is_current():
    committed = Graph().parse(TTL, format="turtle")
    assert len(committed) == len(gazetteer_graph())


def test_places_have_aliases_links_and_share_extraction_iris():
    g = Graph().parse(TTL, format="turtle")
    belarus = entity_iri("Place", "place:беларусь")
    assert (belarus, SKOS.altLabel, Literal("Белоруссия", lang="ru")) in g
    assert (belarus, OWL.sameAs, URIRef("https://sws.geonames.org/630336/")) in g
    kuzbass = entity_iri("Place", "place:кузбасс")
    assert (kuzbass, SKOS.altLabel, Literal("Кемеровская область", lang="ru")) in g
    mid = entity_iri("Organization", "organization:мид россии")
    assert (mid, SKOS.altLabel, Literal("МИД РФ", lang="ru")) in g
