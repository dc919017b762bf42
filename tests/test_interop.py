"""Third-party tools read what kg writes: pyld reads the JSON-LD back to the TriG's quads,
Raptor's `rapper` parses the Turtle, TriG and N-Quads, owlready2's HermiT finds kg.ttl and the
data consistent, the GEXF validates against GEXF 1.3 and the GraphML is well formed.

The Debian tools come from `scripts/install-interop.sh` (`make test` runs it when one is
missing)."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from typer.testing import CliRunner

from kg.build.write import write_articles
from kg.cli import app
from kg.export.serialize import serialize, write
from kg.extract import extract
from kg.model import Article
from kg.ontology import ONTOLOGY
from kg.store import open_store

ROOT = Path(__file__).resolve().parent.parent
GEXF_XSD = ROOT / "tests" / "data" / "schemas" / "gexf-1.3" / "gexf.xsd"
FACTRU_DEVSET = ROOT / "benchmarks" / "data" / "factru" / "devset"
GRAPHML_NS = "{http://graphml.graphdrawing.org/xmlns}"
NMTOKEN = re.compile(r"^[\w.:-]+$")
SECOND = Article(
    id="second",
    text="Губернатор Кузбасса Илья Середюк провёл встречу с главой Сбербанка Германом Грефом.",
    date="2025-11-12",
    title="Встреча в Кемерове",
    url="https://example.org/news/second",
)


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed: run `sh scripts/install-interop.sh`")
    return path


@pytest.fixture(scope="module")
def store(tmp_path_factory, seed_extraction, pipeline) -> Path:
    """The seed article and a second one with a URL, in one store."""
    path = tmp_path_factory.mktemp("interop") / "kg"
    ds = open_store(path)
    write_articles(ds, [seed_extraction, extract(SECOND, pipeline)])
    ds.close()
    return path


def _export(store: Path, fmt: str, article: str | None = None) -> str:
    with open_store(store, create=False, read_only=True) as ds:
        buffer = io.BytesIO()
        write(ds, fmt, buffer, article)
    return buffer.getvalue().decode("utf-8")


def _quads(ds: Dataset) -> set[tuple]:
    """Every quad, the default graph named None."""
    default = ds.default_graph.identifier
    return {
        (s, p, o, None if g in (None, default) else URIRef(str(g)))
        for s, p, o, g in ds.quads((None, None, None, None))
    }


@pytest.mark.parametrize("article", [None, "second"], ids=["store", "article"])
def test_pyld_reads_the_json_ld_back_to_the_trig_quads(store, article):
    from pyld import jsonld

    doc = json.loads(_export(store, "jsonld", article))
    ours = Dataset()
    ours.parse(data=jsonld.to_rdf(doc, {"format": "application/n-quads"}), format="nquads")
    trig = Dataset()
    trig.parse(data=_export(store, "trig", article), format="trig")
    assert _quads(ours) == _quads(trig)
    assert any(g is None for *_, g in _quads(ours))  # the metadata stays in the default graph


@pytest.mark.parametrize(
    ("fmt", "syntax"), [("turtle", "turtle"), ("trig", "trig"), ("nquads", "nquads")]
)
def test_rapper_parses_the_export(store, tmp_path, fmt, syntax):
    rapper = _tool("rapper")
    path = tmp_path / f"kg.{fmt}"
    path.write_text(_export(store, fmt), "utf-8")
    res = subprocess.run(
        [rapper, "-q", "-i", syntax, "-o", "ntriples", str(path), "https://w3id.org/kg-ru/"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert res.returncode == 0, res.stderr
    assert res.stdout.count("\n") > 400


def _hermit_consistent(graph: Graph, folder: Path) -> bool:
    """Whether HermiT finds the graph consistent. xsd:date, xsd:gYearMonth and xsd:gYear
    (the datatypes of schema:datePublished and of SEM's time stamps) are outside the OWL 2
    datatype map, so HermiT is told to leave those literals aside; the shapes check them."""
    import owlready2

    _tool("java")
    path = folder / "all.nt"
    graph.serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    ontology = world.get_ontology(path.as_uri()).load(format="ntriples")
    try:
        with ontology:
            owlready2.sync_reasoner_hermit(
                world, infer_property_values=False, debug=0, ignore_unsupported_datatypes=True
            )
    except owlready2.OwlReadyInconsistentOntologyError:
        return False
    return not list(world.inconsistent_classes())


def _with_ontology(store: Path, ontology: str) -> Graph:
    with open_store(store, create=False, read_only=True) as ds:
        g = ds.merged_graph()
    g.parse(data=ontology, format="turtle")
    return g


def test_hermit_finds_the_ontology_and_the_seed_consistent(store, tmp_path):
    assert _hermit_consistent(_with_ontology(store, ONTOLOGY.read_text("utf-8")), tmp_path)


def test_hermit_finds_string_ranges_over_russian_text_inconsistent(store, tmp_path):
    """The check has teeth: kg:evidenceText with the xsd:string range it had, against @ru
    values, is a contradiction HermiT reports."""
    text = ONTOLOGY.read_text("utf-8")
    at = text.index("\nkg:evidenceText\n")
    end = text.index(" .\n", at)
    wrong = text[:at] + text[at:end].replace("rdf:langString", "xsd:string") + text[end:]
    assert not _hermit_consistent(_with_ontology(store, wrong), tmp_path)


@pytest.mark.slow
def test_hermit_finds_the_factru_devset_consistent(tmp_path):
    """The factRuEval devset built whole (about 20 s with four workers) and reasoned over."""
    path = tmp_path / "kg"
    res = CliRunner().invoke(
        app, ["build", str(FACTRU_DEVSET), "--store", str(path), "--workers", "4"]
    )
    assert res.exit_code == 0, res.output
    assert _hermit_consistent(_with_ontology(path, ONTOLOGY.read_text("utf-8")), tmp_path)


def _network(store: Path, fmt: str, tmp_path: Path) -> Path:
    out = tmp_path / f"net.{fmt}"
    res = CliRunner().invoke(
        app, ["network", "--format", fmt, "--store", str(store), "-o", str(out)]
    )
    assert res.exit_code == 0, res.output
    return out


def test_gexf_validates_against_gexf_1_3(store, tmp_path):
    """Against the published GEXF 1.3 schema, shipped in tests/data/schemas/gexf-1.3/ (CC BY
    4.0, the Gephi Consortium's specification)."""
    xmllint = _tool("xmllint")
    out = _network(store, "gexf", tmp_path)
    res = subprocess.run(
        [xmllint, "--noout", "--schema", str(GEXF_XSD), str(out)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert res.returncode == 0, res.stderr
    assert ET.parse(out).getroot().get("version") == "1.3"


def test_graphml_is_well_formed_with_token_ids(store, tmp_path):
    """No GraphML schema comes with a Debian or PyPI package, so the rules of the GraphML
    schema kg could break are checked here: NMTOKEN node and edge ids, unique, edges between
    declared nodes, typed keys."""
    xmllint = _tool("xmllint")
    out = _network(store, "graphml", tmp_path)
    res = subprocess.run([xmllint, "--noout", str(out)], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    root = ET.parse(out).getroot()
    keys = root.findall(f"{GRAPHML_NS}key")
    assert keys and all(
        k.get("attr.type") in {"boolean", "int", "long", "float", "double", "string"} for k in keys
    )
    assert all(NMTOKEN.match(k.get("attr.name")) for k in keys)
    nodes = [n.get("id") for n in root.iter(f"{GRAPHML_NS}node")]
    edges = list(root.iter(f"{GRAPHML_NS}edge"))
    assert nodes and edges
    assert len(set(nodes)) == len(nodes) and all(NMTOKEN.match(n) for n in nodes)
    ids = [e.get("id") for e in edges]
    assert len(set(ids)) == len(ids) and all(NMTOKEN.match(i) for i in ids)
    assert all(e.get("source") in nodes and e.get("target") in nodes for e in edges)


def test_the_serializer_and_the_writer_agree_on_json_ld(store):
    with open_store(store, create=False, read_only=True) as ds:
        assert json.loads(serialize(ds, "jsonld")) == json.loads(_export(store, "jsonld"))
