"""The kg ontology: it parses, every term is labelled in both languages, and OWL RL closes it."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef

ONTOLOGY = Path(__file__).parent.parent / "ontologies" / "kg.ttl"

KG = Namespace("https://w3id.org/kg-ru/ontology#")
SDO = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
PROV = Namespace("http://www.w3.org/ns/prov#")
ID = Namespace("https://w3id.org/kg-ru/id/")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
ERR = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")  # where owlrl reports errors

ONTOLOGY_IRI = URIRef("https://w3id.org/kg-ru/ontology")

CLASSES = {
    "Person": [SDO.Person],
    "Organization": [SDO.Organization, ORG.Organization],
    "Place": [SDO.Place],
    "Product": [SDO.Product],
    "Article": [SDO.NewsArticle, PROV.Entity],
    "Event": [SEM.Event],
    "Meeting": [KG.Event],
    "AgreementSigning": [KG.Event],
    "Statement": [KG.Event],
    "Opening": [KG.Event],
    "Appointment": [KG.Event],
    "Assertion": [PROV.Entity, RDF.Statement],
    "Post": [ORG.Post],
    "Mention": [PROV.Entity],
    "OpenRelation": [],
}

CORE_PREDICATES = (
    "met",
    "signedAgreement",
    "holdsPosition",
    "memberOf",
    "componentShare",
    "locatedIn",
    "partOf",
    "cooperatesWith",
    "produces",
    "owns",
)
SYMMETRIC = ("met", "signedAgreement", "cooperatesWith")
OBJECT_PROPERTIES = CORE_PREDICATES + (
    "place",
    "postInPlace",
    "mentionedIn",
    "participant",
    "about",
    "relatedTo",
    "subjectMention",
    "objectMention",
    "roleMention",
    "inEvent",
)
DATATYPE_PROPERTIES = {
    "role": RDF.langString,
    "agreement": RDF.langString,
    "time": XSD.string,
    "share": XSD.decimal,
    "topic": RDF.langString,
    "phase": XSD.string,
    "confidence": XSD.decimal,
    "evidenceText": RDF.langString,
    "startOffset": XSD.nonNegativeInteger,
    "endOffset": XSD.nonNegativeInteger,
    "rule": XSD.string,
    "extractorVersion": XSD.string,
    "contentHash": XSD.string,
    "key": XSD.string,
    "mentionCount": XSD.nonNegativeInteger,
    "mentionText": RDF.langString,
    "sourceFile": XSD.string,
}
SUBPROPERTIES = {
    "memberOf": ORG.memberOf,
    "participant": SEM.hasActor,
}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


def _kg_subjects(g: Graph) -> set[URIRef]:
    return {s for s in g.subjects() if isinstance(s, URIRef) and s.startswith(str(KG))}


def _closure(*graphs: Graph) -> Graph:
    import owlrl

    g = Graph()
    for part in graphs:
        g += part
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    return g


def _assert_consistent(g: Graph) -> None:
    nothing = set(g.subjects(RDF.type, OWL.Nothing))
    assert not nothing, f"inferred members of owl:Nothing: {nothing}"
    assert not _errors(g), _errors(g)


def _errors(g: Graph) -> list[str]:
    """The inconsistencies owlrl found, as it reports them in the closed graph."""
    return [str(m) for e in g.subjects(RDF.type, ERR.ErrorMessage) for m in g.objects(e, ERR.error)]


def test_parses_and_has_header(ontology: Graph) -> None:
    assert len(ontology) > 100
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) == Literal("0.1.0")
    dcterms = Namespace("http://purl.org/dc/terms/")
    for prop in (dcterms.title, dcterms.description, RDFS.label, RDFS.comment):
        langs = {o.language for o in ontology.objects(ONTOLOGY_IRI, prop)}
        assert {"ru", "en"} <= langs, prop


def test_every_kg_term_is_labelled_in_russian_and_english(ontology: Graph) -> None:
    terms = _kg_subjects(ontology)
    assert terms
    for term in sorted(terms):
        for prop in (RDFS.label, RDFS.comment):
            langs = [o.language for o in ontology.objects(term, prop) if isinstance(o, Literal)]
            assert sorted(langs) == ["en", "ru"], f"{term} {prop}: {langs}"
            for o in ontology.objects(term, prop):
                assert str(o).strip(), f"{term} {prop} is empty"


def test_declared_terms_are_exactly_the_expected_ones(ontology: Graph) -> None:
    expected = {KG[n] for n in (*CLASSES, *OBJECT_PROPERTIES, *DATATYPE_PROPERTIES)}
    assert _kg_subjects(ontology) == expected


def test_kg_terms_used_as_objects_are_declared(ontology: Graph) -> None:
    declared = _kg_subjects(ontology)
    used = {o for o in ontology.objects() if isinstance(o, URIRef) and o.startswith(str(KG))}
    assert used <= declared, used - declared


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_classes_and_alignments(ontology: Graph, name: str) -> None:
    cls = KG[name]
    assert (cls, RDF.type, OWL.Class) in ontology
    for sup in CLASSES[name]:
        assert (cls, RDFS.subClassOf, sup) in ontology
        assert (sup, RDF.type, OWL.Class) in ontology, f"{sup} not declared"
    assert (cls, OWL.equivalentClass, None) not in ontology


@pytest.mark.parametrize("name", CORE_PREDICATES)
def test_core_predicates_are_object_properties(ontology: Graph, name: str) -> None:
    assert (KG[name], RDF.type, OWL.ObjectProperty) in ontology


@pytest.mark.parametrize("name", OBJECT_PROPERTIES)
def test_object_properties(ontology: Graph, name: str) -> None:
    prop = KG[name]
    assert (prop, RDF.type, OWL.ObjectProperty) in ontology
    assert (prop, RDF.type, OWL.DatatypeProperty) not in ontology
    assert (prop, RDF.type, OWL.TransitiveProperty) not in ontology
    if name in SUBPROPERTIES:
        assert (prop, RDFS.subPropertyOf, SUBPROPERTIES[name]) in ontology


def test_symmetric_predicates(ontology: Graph) -> None:
    symmetric = {p for p in ontology.subjects(RDF.type, OWL.SymmetricProperty)}
    assert symmetric == {KG[n] for n in SYMMETRIC}


@pytest.mark.parametrize("name", sorted(DATATYPE_PROPERTIES))
def test_datatype_properties(ontology: Graph, name: str) -> None:
    prop = KG[name]
    assert (prop, RDF.type, OWL.DatatypeProperty) in ontology
    assert ontology.value(prop, RDFS.range) == DATATYPE_PROPERTIES[name]


def test_stays_within_owl_rl_constructs(ontology: Graph) -> None:
    """No unions in ranges and no datatype facets: both fall outside OWL 2 RL."""
    assert not list(ontology.triples((None, OWL.unionOf, None)))
    assert not list(ontology.triples((None, OWL.withRestrictions, None)))


def test_owl_rl_closure_of_two_people_who_met(ontology: Graph) -> None:
    a, b = ID["person/a"], ID["person/b"]
    data = Graph()
    data.add((a, RDF.type, KG.Person))
    data.add((b, RDF.type, KG.Person))
    data.add((a, KG.met, b))

    g = _closure(ontology, data)

    assert (b, KG.met, a) in g
    for person in (a, b):
        assert (person, RDF.type, SDO.Person) in g
    _assert_consistent(g)


def test_owl_rl_closure_of_a_traced_claim(ontology: Graph) -> None:
    """A claim with its provenance, an event and a post, as the graph writes them."""
    article = ID["article/seed-000"]
    governor, minister = ID["person/seredyuk"], ID["person/konyushko"]
    kemerovo, kuzbass = ID["place/kemerovo"], ID["place/kuzbass"]
    claim, meeting, post = ID["claim/1"], ID["event/1"], ID["post/1"]

    data = Graph()
    data.add((article, RDF.type, KG.Article))
    data.add((article, KG.contentHash, Literal("601ee94027aa536c")))
    for person in (governor, minister):
        data.add((person, RDF.type, KG.Person))
        data.add((person, RDF.type, SDO.Person))
        data.add((person, KG.mentionedIn, article))
    data.add((kemerovo, RDF.type, KG.Place))
    data.add((kemerovo, KG.key, Literal("кемерово")))
    data.add((governor, KG.met, minister))
    data.add((governor, KG.holdsPosition, kuzbass))

    data.add((claim, RDF.type, KG.Assertion))
    data.add((claim, RDF.subject, governor))
    data.add((claim, RDF.predicate, KG.met))
    data.add((claim, RDF.object, minister))
    data.add((claim, KG.place, kemerovo))
    data.add((claim, KG.time, Literal("2025-11-03/2025-11-09")))
    data.add((claim, KG.confidence, Literal("0.85", datatype=XSD.decimal)))
    data.add((claim, KG.evidenceText, Literal("Илья Середюк встретился в Кемерове", lang="ru")))
    data.add((claim, KG.startOffset, Literal(10, datatype=XSD.nonNegativeInteger)))
    data.add((claim, KG.endOffset, Literal(44, datatype=XSD.nonNegativeInteger)))
    data.add((claim, KG.rule, Literal("met.verb")))
    data.add((claim, KG.extractorVersion, Literal("0.1.0")))
    data.add((claim, PROV.wasDerivedFrom, URIRef(f"{article}#char=10,44")))

    data.add((meeting, RDF.type, KG.Meeting))
    data.add((meeting, KG.participant, governor))
    data.add((meeting, SEM.hasActor, minister))
    data.add((meeting, SEM.hasPlace, kemerovo))
    data.add((meeting, SEM.hasBeginTimeStamp, Literal("2025-11-03", datatype=XSD.date)))
    data.add((meeting, SEM.hasEndTimeStamp, Literal("2025-11-09", datatype=XSD.date)))
    data.add((meeting, KG.topic, Literal("сотрудничество", lang="ru")))

    role = BNode()
    data.add((post, RDF.type, KG.Post))
    data.add((post, KG.role, Literal("губернатор", lang="ru")))
    data.add((post, ORG.role, role))
    data.add((post, KG.postInPlace, kuzbass))
    data.add((post, ORG.heldBy, governor))
    data.add((governor, ORG.holds, post))
    data.add((claim, KG.inEvent, meeting))

    data.add((ID["product/x"], KG.componentShare, ID["place/by"]))
    data.add((ID["assertion/2"], KG.share, Literal("0.333", datatype=XSD.decimal)))

    g = _closure(ontology, data)
    _assert_consistent(g)

    assert (minister, KG.met, governor) in g
    assert (claim, RDF.type, PROV.Entity) in g
    assert (claim, RDF.type, RDF.Statement) in g
    assert (claim, SEM.hasPlace, kemerovo) not in g  # kg:place is no sem:hasPlace
    assert (claim, RDF.type, SEM.Event) not in g
    assert (article, RDF.type, SDO.NewsArticle) in g
    assert (meeting, RDF.type, SEM.Event) in g
    assert (meeting, SEM.hasActor, governor) in g
    assert (post, RDF.type, ORG.Post) in g
    assert (governor, RDF.type, KG.Person) in g
    assert (ID["product/x"], RDF.type, KG.Product) in g
    assert (ID["place/by"], RDF.type, SDO.Place) in g
    # holdsPosition has no range, and kg:postInPlace ranges over places, not organisations
    assert (kuzbass, RDF.type, KG.Organization) not in g
    assert (kuzbass, RDF.type, ORG.Organization) not in g
    assert (kuzbass, RDF.type, KG.Place) in g
