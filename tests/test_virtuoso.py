"""The seed built into a Virtuoso SPARQL server gives the same graph as the embedded store.

The server is the one at KG_VIRTUOSO_URL (default: this checkout's private one, which
`scripts/virtuoso.sh start` runs on its own ports and `make test` and CI start; `virtuoso.sh
url` names it). Without a server these tests fail; KG_SKIP_VIRTUOSO=1
skips them.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.rdf.iris import article_iri
from kg.rdf.vocabulary import ID, LINKS_GRAPH, PROLOGUE

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
URL = (
    os.environ.get("KG_VIRTUOSO_URL")
    or subprocess.run(
        ["bash", str(ROOT / "scripts" / "virtuoso.sh"), "url"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
)
MET = (
    "SELECT ?a ?b WHERE { ?x kg:met ?y . ?x rdfs:label ?a . ?y rdfs:label ?b "
    "FILTER(STR(?a) < STR(?b)) }"
)
# Triples and assertions in each of kg's named graphs (articles and links).
PER_GRAPH = (
    PROLOGUE
    + f"""
SELECT ?g (COUNT(*) AS ?triples) (COUNT(DISTINCT ?assertion) AS ?assertions) WHERE {{
  GRAPH ?g {{ ?s ?p ?o OPTIONAL {{ ?s a kg:Assertion BIND(?s AS ?assertion) }} }}
  FILTER(STRSTARTS(STR(?g), "{ID["article/"]}") || ?g = {LINKS_GRAPH.n3()})
}} GROUP BY ?g
"""
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("KG_SKIP_VIRTUOSO") == "1", reason="KG_SKIP_VIRTUOSO=1 is set"
    ),
]
runner = CliRunner()


def kg(*args: str) -> str:
    """Run `kg` in-process; its standard output, after checking that it succeeded."""
    res = runner.invoke(app, list(args), catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return res.stdout


def _post(field: str, text: str) -> bytes:
    data = urllib.parse.urlencode({field: text}).encode()
    req = urllib.request.Request(
        URL, data=data, headers={"Accept": "application/sparql-results+json"}
    )
    with urllib.request.urlopen(req, timeout=30) as res:
        return res.read()


def _seed_articles() -> list[str]:
    from kg.io.articles import read_articles

    return [article_iri(a.id).n3() for a in read_articles([SEEDS])]


def _clean() -> None:
    """Drop what building the seed writes: its article graphs, the links and its metadata."""
    for doc in _seed_articles():
        _post("update", f"DROP SILENT GRAPH {doc} ; DELETE WHERE {{ GRAPH ?g {{ {doc} ?p ?o }} }}")
    _post("update", f"DROP SILENT GRAPH {LINKS_GRAPH.n3()}")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """The server's URL, with the seed's graphs removed before and after the tests."""
    try:
        _post("query", "ASK {}")
    except (urllib.error.URLError, OSError) as e:
        pytest.fail(
            f"no SPARQL server answers at {URL} ({e}). Start one with "
            "`bash scripts/virtuoso.sh start` (`make test` does), point KG_VIRTUOSO_URL at "
            "another, or set KG_SKIP_VIRTUOSO=1 to skip these tests.",
            pytrace=False,
        )
    _clean()
    yield URL
    _clean()


@pytest.fixture(scope="module")
def built(server, pipeline) -> str:
    """The seed built into the server with `kg build`."""
    refused = ""
    try:
        kg("build", str(SEEDS), "--store", server)
    except urllib.error.HTTPError as e:
        answer = e.read().decode("utf-8", errors="replace")
        refused = f"kg build into {server}: HTTP {e.code}: {answer.split('SPARQL query:')[0]}"
    if refused:
        pytest.fail(refused, pytrace=False)
    return server


@pytest.fixture(scope="module")
def embedded(tmp_path_factory, pipeline) -> str:
    """The seed built into an embedded Oxigraph store."""
    path = str(tmp_path_factory.mktemp("oxigraph") / "kg")
    kg("build", str(SEEDS), "--store", path)
    return path


def _rows(store: str, query: str) -> list[list[str]]:
    """`kg query` as CSV: the rows in order, without the header."""
    out = kg("query", query, "--store", store, "--format", "csv")
    return sorted(list(csv.reader(io.StringIO(out)))[1:])


def _per_graph(store: str) -> dict[str, tuple[int, int]]:
    return {g: (int(t), int(a)) for g, t, a in _rows(store, PER_GRAPH)}


def test_who_met_whom_is_the_same(built, embedded):
    rows = _rows(built, MET)
    assert rows == _rows(embedded, MET)
    assert ["Андрей Конюшко", "Илья Середюк"] in rows


def test_every_graph_has_the_same_triples_and_assertions(built, embedded):
    counts = _per_graph(built)
    assert counts == _per_graph(embedded)
    assert {doc[1:-1] for doc in _seed_articles()} <= set(counts)
    assert sum(a for _, a in counts.values()) > 0


def test_article_metadata_is_the_same(built, embedded):
    for doc in _seed_articles():
        query = f"SELECT DISTINCT ?p ?o WHERE {{ {doc} ?p ?o }}"
        assert _rows(built, query) == _rows(embedded, query)


def test_rebuilding_replaces_each_graph_whole(built):
    before = _per_graph(built)
    kg("build", str(SEEDS), "--store", built)
    assert _per_graph(built) == before


def test_from_is_honoured(built, embedded):
    none = "SELECT (COUNT(*) AS ?n) FROM <urn:no-such-graph> WHERE { ?s ?p ?o }"
    assert _rows(built, none) == _rows(embedded, none) == [["0"]]
    doc = _seed_articles()[0]
    one = f"SELECT (COUNT(*) AS ?n) FROM {doc} WHERE {{ ?s ?p ?o }}"
    assert _rows(built, one) == _rows(embedded, one) != [["0"]]


def test_stats_are_the_same(built, embedded):
    assert kg("stats", "--store", built) == kg("stats", "--store", embedded)


SAVED_PARAMS = {
    "positions-of": {"person": "Илья Середюк"},
    "neighbourhood": {"entity": "Илья Середюк"},
    "evidence": {"subject": "Илья Середюк", "predicate": "met", "object": "Андрей Конюшко"},
}


@pytest.mark.parametrize(
    "name",
    [
        "who-met-whom",
        "agreements",
        "posts-held",
        "positions-of",
        "component-shares",
        "neighbourhood",
        "evidence",
        "articles",
    ],
)
def test_saved_queries_give_the_same_answers(built, embedded, name):
    from kg.query.saved import run_saved
    from kg.store import open_store

    answers = []
    for location in (built, embedded):
        ds = open_store(location, create=False)
        head, rows = run_saved(ds, name, SAVED_PARAMS.get(name, {}))
        ds.close()
        answers.append((head, sorted(rows, key=lambda r: [str(v) for v in r])))
    assert answers[0][1], f"{name} found nothing"
    assert answers[0] == answers[1]


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_an_article_exports_the_same(built, embedded, fmt):
    from rdflib import Dataset, Graph, Literal
    from rdflib.compare import isomorphic

    def same_numbers(graph: Graph) -> Graph:  # Oxigraph keeps xsd:nonNegativeInteger as integer
        out = Graph()
        for s, p, o in graph:
            number = isinstance(o, Literal) and isinstance(o.toPython(), int)
            out.add((s, p, Literal(o.toPython()) if number else o))
        return out

    article = next(SEEDS.glob("*.txt")).stem
    graphs = []
    for store in (built, embedded):
        ds = Dataset()
        ds.parse(data=kg("export", "-f", fmt, "--article", article, "--store", store), format=fmt)
        graphs.append({str(g.identifier): same_numbers(g) for g in ds.graphs() if len(g)})
    assert sorted(graphs[0]) == sorted(graphs[1])
    assert len(graphs[0]) == 2  # the article's graph, and its metadata in the default graph
    for name, graph in graphs[1].items():
        assert len(graph) > 5 and isomorphic(graphs[0][name], graph), name
