"""The read-only SPARQL endpoint over the seed's store, queried with SPARQLWrapper."""

from __future__ import annotations

import csv
import io
import json
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph
from SPARQLWrapper import (
    CSV,
    JSON,
    JSONLD,
    N3,
    POST,
    POSTDIRECTLY,
    RDFXML,
    TSV,
    TURTLE,
    URLENCODED,
    XML,
    SPARQLWrapper,
)
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed
from typer.testing import CliRunner

from kg.cli import app
from kg.query.serve import SparqlServer, check_query, make_server, negotiate

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
MET = (
    "SELECT ?a ?b WHERE { ?x kg:met ?y . ?x rdfs:label ?a . ?y rdfs:label ?b "
    "FILTER(STR(?a) < STR(?b)) } ORDER BY ?a"
)
PAIRS = [("Александр Лукашенко", "Илья Середюк"), ("Андрей Конюшко", "Илья Середюк")]
# Three samples of 250 triples joined with each other: 15.6 million rows to count.
SLOW = (
    "SELECT (COUNT(*) AS ?n) WHERE { "
    + " ".join(f"{{ SELECT ?s{i} WHERE {{ ?s{i} ?p{i} ?o{i} }} LIMIT 250 }}" for i in range(3))
    + " }"
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def store(tmp_path_factory, pipeline) -> str:
    """The seed built into an embedded store."""
    path = str(tmp_path_factory.mktemp("serve") / "kg")
    res = CliRunner().invoke(app, ["build", str(SEEDS), "--store", path])
    assert res.exit_code == 0, res.output
    return path


def _start(ds, **options) -> SparqlServer:
    return make_server(ds, "127.0.0.1", 0, **options).start()


@pytest.fixture(scope="module")
def server(store) -> Iterator[SparqlServer]:
    """The endpoint over the seed, on a free port, with a row limit of 5 and 0.2 s queries."""
    from kg.store import open_store

    ds = open_store(store, create=False, read_only=True)
    server = _start(ds, timeout=0.2, limit=5)
    try:
        yield server
    finally:
        server.close()
        ds.close()


def client(server: SparqlServer, query: str, fmt: str = JSON) -> SPARQLWrapper:
    """A SPARQLWrapper for the endpoint, with a query and a result format."""
    sw = SPARQLWrapper(server.url)
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    return sw


def status(sw: SPARQLWrapper) -> tuple[int, str]:
    """The HTTP status and message of a request that fails."""
    with pytest.raises(urllib.error.HTTPError) as e:
        sw.query()
    return e.value.code, e.value.read().decode("utf-8")


def test_who_met_whom_in_json(server):
    res = client(server, MET).query().convert()
    assert res["head"]["vars"] == ["a", "b"]
    assert [(r["a"]["value"], r["b"]["value"]) for r in res["results"]["bindings"]] == PAIRS
    assert res["results"]["bindings"][0]["a"]["xml:lang"] == "ru"


def test_who_met_whom_in_csv_tsv_and_xml(server):
    rows = list(csv.reader(io.StringIO(client(server, MET, CSV).query().convert().decode())))
    assert rows == [["a", "b"], *map(list, PAIRS)]
    tsv = client(server, MET, TSV).query().convert().decode().splitlines()
    assert tsv == ["?a\t?b"] + [f'"{a}"@ru\t"{b}"@ru' for a, b in PAIRS]
    xml = client(server, MET, XML).query().convert()
    literals = [n.firstChild.data for n in xml.getElementsByTagName("literal")]
    assert literals == [name for pair in PAIRS for name in pair]


def test_post_as_form_and_as_query_body(server):
    for method in (URLENCODED, POSTDIRECTLY):
        sw = client(server, MET)
        sw.setMethod(POST)
        sw.setRequestMethod(method)
        rows = sw.query().convert()["results"]["bindings"]
        assert [(r["a"]["value"], r["b"]["value"]) for r in rows] == PAIRS


def test_ask_and_construct(server):
    assert client(server, "ASK { ?x kg:met ?y }").query().convert()["boolean"] is True
    q = "CONSTRUCT { ?x kg:met ?y } WHERE { ?x kg:met ?y }"
    for fmt, rdf_format in ((TURTLE, "turtle"), (N3, "nt")):
        sw = client(server, q, fmt)
        if fmt == N3:
            sw.addCustomHttpHeader("Accept", "application/n-triples")
        data = sw.query().convert()
        assert len(Graph().parse(data=data, format=rdf_format)) == 4


def test_an_update_is_refused(server, store):
    sw = client(server, "INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    sw.setMethod(POST)
    assert status(sw)[0] == 403
    req = urllib.request.Request(
        server.url,
        data=b"DELETE WHERE { ?s ?p ?o }",
        headers={"Content-Type": "application/sparql-query"},
    )
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(req)
    assert e.value.code == 403
    assert client(server, "ASK { ?s ?p ?o }").query().convert()["boolean"] is True


def test_service_is_refused(server):
    q = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    with pytest.raises(QueryBadFormed, match="SERVICE"):
        client(server, q).query()


def test_a_syntax_error_is_400_with_the_parser_message(server):
    with pytest.raises(QueryBadFormed, match="SPARQL syntax error: Expected"):
        client(server, "SELECT ?a WHERE { ?a ?b }").query()


def test_the_row_limit_truncates(server):
    q = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    res = client(server, q).query()
    assert res.info()["x-kg-truncated"] == "true"
    assert len(res.convert()["results"]["bindings"]) == 5
    few = client(server, MET).query()
    assert "x-kg-truncated" not in few.info()


def test_a_slow_query_times_out(server):
    started = time.perf_counter()
    code, message = status(client(server, SLOW))
    assert code == 503
    assert "within 0.2 s" in message
    assert time.perf_counter() - started < 2
    _wait_idle(server, 2)  # the query's worker was killed, not left running


def _wait_idle(server: SparqlServer, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while server.running and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not server.running


def test_the_slow_query_is_slow(server):
    patient = _start(server.store, timeout=60)
    try:
        started = time.perf_counter()
        n = client(patient, SLOW).query().convert()["results"]["bindings"][0]["n"]["value"]
        assert int(n) == 250**3
        assert time.perf_counter() - started > 0.5
    finally:
        patient.close()


def test_bound_to_loopback(server):
    assert server.server_address[0] == "127.0.0.1"
    default = make_server(server.store, port=0)
    assert default.server_address[0] == "127.0.0.1"
    default.close()


def test_not_found_and_missing_query(server):
    base = server.url.removesuffix("/sparql")
    for url, code in ((base + "/other?query=ASK{}", 404), (server.url, 400)):
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(url)
        assert e.value.code == code


def test_check_query_and_negotiate():
    full, form = check_query("SELECT * WHERE { ?s kg:met ?o }")
    assert form == "SELECT" and "PREFIX kg:" in full
    assert check_query("PREFIX kg: <urn:x#> ASK { ?s kg:a ?o }")[0].count("PREFIX kg:") == 1
    offered = ["application/sparql-results+json", "text/csv"]
    assert negotiate("", offered) == offered[0]
    assert negotiate("text/*", offered) == "text/csv"
    assert negotiate("text/csv;q=0.5, */*;q=0.1", offered) == "text/csv"
    assert negotiate("image/png", offered) is None


def test_json_is_valid_json_on_the_wire(server):
    req = urllib.request.Request(server.url + "?query=" + urllib.request.quote(MET))
    with urllib.request.urlopen(req) as res:
        assert res.headers["Content-Type"].startswith("application/sparql-results+json")
        assert len(json.loads(res.read())["results"]["bindings"]) == 2


# --- third-party clients ---------------------------------------------------------------------

CONSTRUCT_MET = "CONSTRUCT { ?x kg:met ?y } WHERE { ?x kg:met ?y }"
KG_MET = "https://w3id.org/kg-ru/ontology#met"


def test_sparqlwrapper_reads_select_in_every_result_format(server):
    for fmt in (JSON, XML, CSV, TSV):
        data = client(server, MET, fmt).query().convert()
        if fmt == JSON:
            names = [r["b"]["value"] for r in data["results"]["bindings"]]
        elif fmt == XML:
            names = [n.firstChild.data for n in data.getElementsByTagName("literal")][1::2]
        else:
            sep = "," if fmt == CSV else "\t"
            lines = data.decode().splitlines()[1:]
            names = [line.split(sep)[1].split("@")[0].strip('"') for line in lines]
        assert names == [b for _, b in PAIRS], fmt


def test_sparqlwrapper_reads_construct_in_every_graph_format(server):
    default = SPARQLWrapper(server.url)  # asks for RDF/XML
    default.setQuery(CONSTRUCT_MET)
    graphs = [default.query().convert()]
    for fmt in (RDFXML, JSONLD, TURTLE):
        data = client(server, CONSTRUCT_MET, fmt).query().convert()
        graphs.append(Graph().parse(data=data, format="turtle") if fmt == TURTLE else data)
    for graph in graphs:
        assert isinstance(graph, Graph)
        assert len(graph) == 4 and {str(p) for _, p, _ in graph} == {KG_MET}


def test_rdflibs_sparqlstore_selects_and_constructs(server):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = Graph(store=SPARQLStore(server.url))
    try:
        rows = [(str(a), str(b)) for a, b in graph.query(MET)]
        assert rows == PAIRS
        built = graph.query(CONSTRUCT_MET).graph
        assert len(built) == 4
    finally:
        graph.close()
