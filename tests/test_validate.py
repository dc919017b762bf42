"""SHACL validation: the seed store conforms, broken graphs fail on the right property, and
`kg validate` exits 0, 1 or 2."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import ORG, PROV, SKOS, XSD
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import ValidationError
from kg.ontology import ONTOLOGY, SHAPES
from kg.rdf.shacl import validate
from kg.rdf.vocabulary import KG, SEM
from kg.store import open_store

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SHAPES_NS = "https://w3id.org/kg-ru/shapes#"
DATE_PUBLISHED = URIRef("https://schema.org/datePublished")
runner = CliRunner()


@pytest.fixture(scope="module")
def store(tmp_path_factory, pipeline) -> Path:
    """The seed built into a store, once for the module."""
    path = tmp_path_factory.mktemp("validate") / "kg"
    res = runner.invoke(app, ["build", str(SEEDS), "--store", str(path)], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return path


@pytest.fixture(scope="module")
def seed_graph(store) -> Graph:
    """Every triple of the seed store in one graph."""
    with open_store(store, create=False) as opened:
        return opened.merged_graph()


@pytest.fixture
def graph(seed_graph) -> Graph:
    """A copy of the seed graph to break."""
    g = Graph()
    g += seed_graph
    return g


def _first(g: Graph, cls: URIRef) -> URIRef:
    return sorted(g.subjects(RDF.type, cls))[0]


def _timed_assertion(g: Graph) -> URIRef:
    return sorted(g.subjects(KG.time, None))[0]


def test_the_files_are_found_from_the_package():
    assert SHAPES.is_file()
    assert ONTOLOGY.is_file()
    assert str(SHAPES).endswith("ontologies/shapes.ttl")


def test_the_seed_conforms(seed_graph):
    result = validate(seed_graph)
    assert result.conforms, result.report
    assert result.violations == []
    assert "Conforms: True" in result.report


def test_the_seed_store_conforms(store):
    with open_store(store, create=False) as opened:
        assert validate(opened.merged_graph()).conforms


def _no_label(g: Graph) -> tuple[URIRef, URIRef]:
    e = _first(g, KG.Person)
    g.remove((e, RDFS.label, None))
    return e, RDFS.label


def _two_russian_labels(g: Graph) -> tuple[URIRef, URIRef]:
    e = _first(g, KG.Place)
    g.add((e, SKOS.prefLabel, Literal("Другое имя", lang="ru")))
    return e, SKOS.prefLabel


def _no_key(g: Graph) -> tuple[URIRef, URIRef]:
    e = _first(g, KG.Organization)
    g.remove((e, KG.key, None))
    return e, KG.key


def _confidence_above_one(g: Graph) -> tuple[URIRef, URIRef]:
    a = _first(g, KG.Assertion)
    g.set((a, KG.confidence, Literal(Decimal("1.7"))))
    return a, KG.confidence


def _confidence_as_double(g: Graph) -> tuple[URIRef, URIRef]:
    a = _first(g, KG.Assertion)
    g.set((a, KG.confidence, Literal(0.5)))
    return a, KG.confidence


def _start_after_end(g: Graph) -> tuple[URIRef, URIRef]:
    a = _first(g, KG.Assertion)
    end = int(g.value(a, KG.endOffset))
    g.set((a, KG.startOffset, Literal(end + 10)))
    return a, KG.startOffset


def _source_off_the_offsets(g: Graph) -> tuple[URIRef, URIRef]:
    a = _first(g, KG.Assertion)
    source = str(g.value(a, PROV.wasDerivedFrom))
    g.set((a, PROV.wasDerivedFrom, URIRef(source.split("#")[0] + "#char=1,2")))
    return a, PROV.wasDerivedFrom


def _two_subjects(g: Graph) -> tuple[URIRef, URIRef]:
    a = _first(g, KG.Assertion)
    g.add((a, RDF.subject, _first(g, KG.Place)))
    return a, RDF.subject


def _place_holds_a_position(g: Graph) -> tuple[URIRef, URIRef]:
    place = _first(g, KG.Place)
    g.add((place, KG.holdsPosition, _first(g, KG.Organization)))
    return place, KG.holdsPosition


def _place_meets(g: Graph) -> tuple[URIRef, URIRef]:
    place = _first(g, KG.Place)
    g.add((place, KG.met, _first(g, KG.Person)))
    return place, KG.met


def _share_of_a_person(g: Graph) -> tuple[URIRef, URIRef]:
    product = _first(g, KG.Product)
    g.add((product, KG.componentShare, _first(g, KG.Person)))
    return product, KG.componentShare


def _bad_month(g: Graph) -> tuple[URIRef, URIRef]:
    a = _timed_assertion(g)
    g.set((a, KG.time, Literal("2025-13")))
    return a, KG.time


def _impossible_day(g: Graph) -> tuple[URIRef, URIRef]:
    a = _timed_assertion(g)
    g.set((a, KG.time, Literal("2025-04-31")))
    return a, KG.time


def _share_above_one(g: Graph) -> tuple[URIRef, URIRef]:
    a = sorted(g.subjects(KG.share, None))[0]
    g.set((a, KG.share, Literal(Decimal("1.5"))))
    return a, KG.share


def _post_in_a_person(g: Graph) -> tuple[URIRef, URIRef]:
    post = _first(g, KG.Post)
    g.set((post, ORG.postIn, _first(g, KG.Person)))
    return post, ORG.postIn


def _post_without_role(g: Graph) -> tuple[URIRef, URIRef]:
    post = _first(g, KG.Post)
    g.remove((post, KG.role, None))
    return post, KG.role


def _post_without_holder(g: Graph) -> tuple[URIRef, URIRef]:
    post = _first(g, KG.Post)
    g.remove((post, ORG.heldBy, None))
    return post, ORG.heldBy


def _post_in_place_with_org_post_in(g: Graph) -> tuple[URIRef, URIRef]:
    post = sorted(g.subjects(KG.postInPlace, None))[0]
    g.add((post, ORG.postIn, g.value(post, KG.postInPlace)))
    return post, ORG.postIn


def _claim_without_evidence(g: Graph) -> tuple[URIRef, URIRef]:
    a = _first(g, KG.Assertion)
    g.remove((a, KG.evidenceText, None))
    return a, KG.evidenceText


def _confidence_below_zero(g: Graph) -> tuple[URIRef, URIRef]:
    a = _first(g, KG.Assertion)
    g.set((a, KG.confidence, Literal(Decimal("-0.1"))))
    return a, KG.confidence


def _claim_unlike_its_event(g: Graph) -> tuple[URIRef, URIRef]:
    a = sorted(g.subjects(KG.inEvent, None))[0]
    g.set((a, KG.confidence, Literal(Decimal("0.123"))))
    return a, KG.inEvent


def _impossible_date(g: Graph) -> tuple[URIRef, URIRef]:
    event = sorted(g.subjects(SEM.hasTimeStamp, None))[0]
    g.set((event, SEM.hasTimeStamp, Literal("2025-02-31")))
    return event, SEM.hasTimeStamp


def _impossible_typed_date(g: Graph) -> tuple[URIRef, URIRef]:
    event = sorted(g.subjects(SEM.hasTimeStamp, None))[0]
    g.set((event, SEM.hasTimeStamp, Literal("2025-02-31", datatype=XSD.date)))
    return event, SEM.hasTimeStamp


def _interval_backwards(g: Graph) -> tuple[URIRef, URIRef]:
    event = sorted(g.subjects(SEM.hasBeginTimeStamp, None))[0]
    g.set((event, SEM.hasBeginTimeStamp, Literal("2026-01-01", datatype=XSD.date)))
    return event, SEM.hasBeginTimeStamp


def _local_source_path(g: Graph) -> tuple[URIRef, URIRef]:
    doc = _first(g, KG.Article)
    g.set((doc, KG.sourceFile, Literal("/home/someone/news/book_100.txt")))
    return doc, KG.sourceFile


def _primary_source_as_text(g: Graph) -> tuple[URIRef, URIRef]:
    doc = _first(g, KG.Article)
    g.add((doc, PROV.hadPrimarySource, Literal("/home/someone/news/book_100.txt")))
    return doc, PROV.hadPrimarySource


def _meeting_without_actors(g: Graph) -> tuple[URIRef, URIRef]:
    meeting = _first(g, KG.Meeting)
    g.remove((meeting, SEM.hasActor, None))
    g.remove((meeting, RDF.type, SEM.Event))  # still an event through kg.ttl's subclasses
    return meeting, SEM.hasActor


def _bad_time_stamp(g: Graph) -> tuple[URIRef, URIRef]:
    event = sorted(g.subjects(SEM.hasTimeStamp, None))[0]
    g.set((event, SEM.hasTimeStamp, Literal("в июне")))
    return event, SEM.hasTimeStamp


def _short_hash(g: Graph) -> tuple[URIRef, URIRef]:
    doc = _first(g, KG.Article)
    g.set((doc, KG.contentHash, Literal("abc123")))
    return doc, KG.contentHash


def _date_as_string(g: Graph) -> tuple[URIRef, URIRef]:
    doc = _first(g, KG.Article)
    g.set((doc, DATE_PUBLISHED, Literal("10 ноября 2025")))
    return doc, DATE_PUBLISHED


def _produces_a_person(g: Graph) -> tuple[URIRef, URIRef]:
    org = _first(g, KG.Organization)
    g.add((org, KG.produces, _first(g, KG.Person)))
    return org, KG.produces


def _owned_by_an_article(g: Graph) -> tuple[URIRef, URIRef]:
    doc = _first(g, KG.Article)
    g.add((doc, KG.owns, _first(g, KG.Organization)))
    return doc, KG.owns


def _unknown_phase(g: Graph) -> tuple[URIRef, URIRef]:
    a = _first(g, KG.Assertion)
    g.add((a, KG.phase, Literal("maybe")))
    return a, KG.phase


BREAKS: list[Callable[[Graph], tuple[URIRef, URIRef]]] = [
    _no_label,
    _two_russian_labels,
    _no_key,
    _confidence_above_one,
    _confidence_as_double,
    _start_after_end,
    _source_off_the_offsets,
    _two_subjects,
    _place_holds_a_position,
    _place_meets,
    _share_of_a_person,
    _bad_month,
    _impossible_day,
    _share_above_one,
    _post_in_a_person,
    _post_without_role,
    _post_without_holder,
    _post_in_place_with_org_post_in,
    _claim_without_evidence,
    _confidence_below_zero,
    _claim_unlike_its_event,
    _impossible_date,
    _impossible_typed_date,
    _interval_backwards,
    _local_source_path,
    _primary_source_as_text,
    _meeting_without_actors,
    _bad_time_stamp,
    _short_hash,
    _date_as_string,
    _produces_a_person,
    _owned_by_an_article,
    _unknown_phase,
]


@pytest.mark.parametrize("breaking", BREAKS, ids=[b.__name__.strip("_") for b in BREAKS])
def test_a_broken_graph_fails_on_the_right_property(graph, breaking):
    focus, path = breaking(graph)
    result = validate(graph)
    assert not result.conforms
    found = {(v.focus, v.path) for v in result.violations}
    seen = [(str(v.focus), str(v.path), v.message) for v in result.violations]
    assert (focus, path) in found, seen
    assert all(v.severity == "Violation" for v in result.violations)


# SKOS's own axioms for its labels (SKOS Reference, section 5.4), written here: rdflib ships
# no SKOS file, and nothing is fetched at test time.
SKOS_LABELS = """
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
skos:prefLabel rdfs:subPropertyOf rdfs:label .
skos:altLabel rdfs:subPropertyOf rdfs:label .
skos:hiddenLabel rdfs:subPropertyOf rdfs:label .
"""


@pytest.mark.parametrize("with_ontology", [False, True], ids=["skos", "skos+kg"])
def test_the_seed_conforms_under_rdfs_inference(seed_graph, with_ontology):
    """RDFS inference over SKOS turns every skos:altLabel into an rdfs:label: the shapes must
    hold with it as they do without."""
    from pyshacl import validate as shacl

    vocabularies = Graph().parse(data=SKOS_LABELS, format="turtle")
    if with_ontology:
        vocabularies.parse(data=ONTOLOGY.read_text("utf-8"), format="turtle")
    shapes = Graph().parse(data=SHAPES.read_text("utf-8"), format="turtle")
    conforms, _, text = shacl(
        seed_graph, shacl_graph=shapes, ont_graph=vocabularies, inference="rdfs", advanced=True
    )
    assert conforms, text


def test_a_violation_names_the_shape_and_the_label(graph):
    place, _ = _place_holds_a_position(graph)
    [v] = [v for v in validate(graph).violations if v.focus == place]
    assert v.shape == URIRef(SHAPES_NS + "HoldsPositionShape")
    assert v.label == str(graph.value(place, RDFS.label))
    assert "kg:Person" in v.message
    assert v.as_dict()["path"] == str(KG.holdsPosition)


def test_unreadable_shapes_are_an_error(seed_graph, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", "utf-8")
    with pytest.raises(ValidationError, match="not valid Turtle"):
        validate(seed_graph, bad)
    with pytest.raises(ValidationError, match="no such shapes file"):
        validate(seed_graph, tmp_path / "missing.ttl")


# ---------------------------------------------------------------------------
# The command
# ---------------------------------------------------------------------------


def _run(*args: str):
    return runner.invoke(app, ["validate", *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def broken_store(tmp_path_factory, seed_graph) -> tuple[Path, URIRef]:
    """A store holding the seed with a label removed and a confidence of 1.7."""
    g = Graph()
    g += seed_graph
    person, _ = _no_label(g)
    _confidence_above_one(g)
    path = tmp_path_factory.mktemp("broken") / "kg"
    ds = open_store(path, create=True)
    ds.dataset.parse(data=g.serialize(format="nt"), format="ox-ntriples")
    ds.close()
    return path, person


def test_command_exits_0_when_the_store_conforms(store):
    res = _run("--store", str(store))
    assert res.exit_code == 0, res.output
    assert res.stdout == ""
    assert "conforms" in res.stderr


def test_command_exits_1_with_one_line_per_violation(broken_store):
    path, person = broken_store
    res = _run("--store", str(path))
    assert res.exit_code == 1, res.output
    lines = res.stdout.splitlines()
    assert any(str(person) in line and "rdfs:label" in line for line in lines)
    confidence = [line for line in lines if "kg:confidence" in line]
    assert len(confidence) == 1
    assert all(len(line.split("\t")) == 3 for line in lines)
    assert f"{len(lines)} violation(s)" in res.stderr


def test_command_prints_json(broken_store):
    path, _ = broken_store
    res = _run("--store", str(path), "--format", "json")
    assert res.exit_code == 1
    body = json.loads(res.stdout)
    assert body["conforms"] is False
    paths = {v["path"] for v in body["violations"]}
    assert {str(RDFS.label), str(KG.confidence)} <= paths


def test_command_exits_2_without_a_store(tmp_path):
    res = _run("--store", str(tmp_path / "nowhere"))
    assert res.exit_code == 2
    assert res.stdout == ""
    assert res.stderr.startswith("error:") and len(res.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("content", [None, "this is not turtle"])
def test_command_exits_2_on_unreadable_shapes(store, tmp_path, content):
    shapes = tmp_path / "shapes.ttl"
    if content is not None:
        shapes.write_text(content, "utf-8")
    res = _run("--store", str(store), "--shapes", str(shapes))
    assert res.exit_code == 2
    assert res.stderr.startswith("error:") and len(res.stderr.strip().splitlines()) == 1


PRODUCTION_AND_OWNERSHIP = (
    "Завод «Ромашка» выпускает автобусы «Витязь». Иван Петров владеет компанией «Ромашка». "
    "Холдинг «Интеррос» купил пакет акций «Норникеля». Андрей Павлов покинул «Северсталь». "
    "Бывший министр финансов Алексей Кудрин выступил с докладом."
)


def test_production_ownership_and_phases_conform_and_read_back(pipeline):
    from kg.build.write import content_hash
    from kg.extract import extract
    from kg.model import Article
    from kg.rdf.mapping import article_graph, article_metadata

    x = extract(Article(id="made", text=PRODUCTION_AND_OWNERSHIP, date="2025-11-10"), pipeline)
    g = Graph()
    for t in article_graph(x) + article_metadata(x.article, content_hash(x.article)):
        g.add(t)
    result = validate(g)
    assert result.conforms, result.report
    labels = {o: str(g.value(o, RDFS.label)) for o in g.subjects(RDF.type, KG.Product)}
    assert "Витязь" in labels.values()
    assert any(labels.get(o) == "Витязь" for o in g.objects(None, KG.produces))
    owned = {str(g.value(o, RDFS.label)) for o in g.objects(None, KG.owns)}
    assert {"Ромашка", "Норникель"} <= owned
    phases = {str(p) for p in g.objects(None, KG.phase)}
    assert phases == {"started", "ended"}
