"""The ontology agrees with the data kg writes: every term the seed's store uses is declared,
every value fits its property's range, reasoning does not turn places into organisations or
claims into events, a meeting is one event, and no local path is published."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import ORG, PROV, XSD
from typer.testing import CliRunner

from kg.cli import app
from kg.ontology import ONTOLOGY
from kg.rdf.vocabulary import KG, SEM
from kg.store import open_store

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
DECLARATIONS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
BUILT_IN = {RDF.type, RDF.subject, RDF.predicate, RDF.object, RDFS.label, RDFS.comment}
BUILT_IN |= {RDFS.subPropertyOf, OWL.sameAs}
TIME_TYPES = {XSD.date, XSD.gYearMonth, XSD.gYear}


@pytest.fixture(scope="module")
def seed(tmp_path_factory, pipeline) -> Graph:
    """Every triple of the seed's store, built from the seeds folder by its absolute path."""
    path = tmp_path_factory.mktemp("ontology-data") / "kg"
    res = CliRunner().invoke(app, ["build", str(SEEDS), "--store", str(path)])
    assert res.exit_code == 0, res.output
    with open_store(path, create=False) as opened:
        return opened.merged_graph()


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(data=ONTOLOGY.read_text("utf-8"), format="turtle")


def _declared(ontology: Graph, data: Graph) -> set[URIRef]:
    """The terms kg.ttl declares, and the open-relation properties the data declares as it
    mints them (an owl:ObjectProperty under kg:relatedTo)."""
    found = {s for t in DECLARATIONS for s in ontology.subjects(RDF.type, t)}
    return found | {
        p
        for p in data.subjects(RDF.type, OWL.ObjectProperty)
        if (p, RDFS.subPropertyOf, KG.relatedTo) in data
    }


def test_every_predicate_and_class_the_seed_uses_is_declared(seed, ontology):
    declared = _declared(ontology, seed)
    used = set(seed.predicates()) | set(seed.objects(None, RDF.type))
    used |= set(seed.objects(None, RDF.predicate))
    missing = {str(t) for t in used - BUILT_IN - declared}
    assert not missing, sorted(missing)


def _fits(value: object, range_: URIRef) -> bool:
    if range_ == RDF.langString:
        return isinstance(value, Literal) and value.language is not None
    if range_ == XSD.string:
        return (
            isinstance(value, Literal)
            and value.language is None
            and value.datatype
            in (
                None,
                XSD.string,
            )
        )
    if range_ == XSD.nonNegativeInteger:
        return isinstance(value, Literal) and value.datatype in (
            XSD.nonNegativeInteger,
            XSD.integer,
        )
    if isinstance(range_, URIRef) and range_.startswith(str(XSD)):
        return isinstance(value, Literal) and value.datatype == range_
    return not isinstance(value, Literal)  # a class: the value is a resource


def test_every_value_fits_the_range_of_its_property(seed, ontology):
    wrong = []
    for prop, range_ in ontology.subject_objects(RDFS.range):
        for o in seed.objects(None, prop):
            if not _fits(o, range_):
                wrong.append(f"{prop} {o!r} (range {range_})")
    assert not wrong, wrong[:10]


def test_object_and_datatype_properties_get_resources_and_literals(seed, ontology):
    wrong = []
    for kind, literal in ((OWL.ObjectProperty, False), (OWL.DatatypeProperty, True)):
        for prop in ontology.subjects(RDF.type, kind):
            wrong += [
                (prop, o) for o in seed.objects(None, prop) if isinstance(o, Literal) != literal
            ]
    assert not wrong, wrong[:10]


# The axioms W3C ORG and SEM state for the terms kg uses, as those vocabularies publish them.
VOCABULARY_AXIOMS = """
@prefix org: <http://www.w3.org/ns/org#> .
@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
org:postIn rdfs:domain org:Post ; rdfs:range org:Organization .
org:heldBy rdfs:domain org:Post .
sem:hasPlace rdfs:domain sem:Event .
sem:hasActor rdfs:domain sem:Event .
"""


@pytest.fixture(scope="module")
def closed(seed, ontology) -> Graph:
    """kg.ttl, ORG's and SEM's axioms and the seed closed under OWL 2 RL."""
    import owlrl

    g = Graph().parse(data=VOCABULARY_AXIOMS, format="turtle")
    g += ontology
    g += seed
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    return g


def test_reasoning_keeps_places_out_of_organisations(seed, closed):
    places = set(seed.subjects(RDF.type, KG.Place))
    assert places
    assert not {p for p in places if (p, RDF.type, ORG.Organization) in closed}
    assert not {p for p in places if (p, RDF.type, KG.Organization) in closed}


def test_reasoning_keeps_claims_out_of_events(seed, closed):
    claims = set(seed.subjects(RDF.type, KG.Assertion))
    assert claims
    assert not {a for a in claims if (a, RDF.type, SEM.Event) in closed}


def test_the_closure_is_consistent(closed):
    errors = _errors(closed)
    assert not set(closed.subjects(RDF.type, OWL.Nothing))
    assert not errors, errors


def _errors(g: Graph) -> list[str]:
    """The inconsistencies owlrl reports in the closed graph."""
    err = "http://www.daml.org/2002/03/agents/agent-ont#"
    kinds = g.subjects(RDF.type, URIRef(err + "ErrorMessage"))
    return [str(m) for e in kinds for m in g.objects(e, URIRef(err + "error"))]


def test_a_meeting_is_one_event_its_claims_point_to(seed):
    claims = sorted(seed.subjects(RDF.predicate, KG.met))
    assert claims
    for a in claims:
        event = seed.value(a, KG.inEvent)
        assert event is not None, a
        assert (event, RDF.type, KG.Meeting) in seed
        actors = set(seed.objects(event, SEM.hasActor))
        assert {seed.value(a, RDF.subject), seed.value(a, RDF.object)} <= actors
        assert seed.value(a, KG.confidence) == seed.value(event, KG.confidence)
        s, o = seed.value(a, RDF.subject), seed.value(a, RDF.object)
        assert (s, KG.met, o) in seed and (o, KG.met, s) in seed  # kept for simple queries


def test_every_claim_shares_its_event_s_confidence(seed):
    pairs = [(a, e) for a, e in seed.subject_objects(KG.inEvent)]
    assert pairs
    assert all(seed.value(a, KG.confidence) == seed.value(e, KG.confidence) for a, e in pairs)
    assert not set(seed.subjects(KG.event, None))  # the undeclared name of old


def test_event_times_are_typed(seed):
    stamps = [
        o
        for p in (SEM.hasTimeStamp, SEM.hasBeginTimeStamp, SEM.hasEndTimeStamp)
        for o in seed.objects(None, p)
    ]
    assert stamps
    assert all(isinstance(o, Literal) and o.datatype in TIME_TYPES for o in stamps), stamps
    interval = sorted(seed.subjects(SEM.hasBeginTimeStamp, None))
    assert interval and all(seed.value(e, SEM.hasEndTimeStamp) is not None for e in interval)


def test_places_have_posts_through_kg_post_in_place(seed):
    in_places = list(seed.subject_objects(KG.postInPlace))
    assert in_places
    assert all((o, RDF.type, KG.Place) in seed for _, o in in_places)
    assert all((o, RDF.type, KG.Organization) in seed for o in seed.objects(None, ORG.postIn))


def test_no_local_path_is_published(seed):
    root = str(SEEDS.parent)
    leaks = [(s, p, o) for s, p, o in seed if isinstance(o, Literal) and root in str(o)]
    assert not leaks, leaks
    assert all(not isinstance(o, Literal) for o in seed.objects(None, PROV.hadPrimarySource))
    assert {str(o) for o in seed.objects(None, KG.sourceFile)} == {"000_601ee94027aa536c.txt"}
