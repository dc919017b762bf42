"""The stores' datasets: a query's FROM and FROM NAMED are honoured, and the default graph is
the RDF merge of the graphs (a triple two articles state is one triple), kept so when an
article is written again."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kg.query.sparql import run_query
from kg.query.stats import store_stats
from kg.rdf.vocabulary import KG, METADATA_GRAPH, RDF, RDFS
from kg.store import open_store
from kg.store.base import ArticleGraphs, Store

ID = "https://w3id.org/kg-ru/id/"
A, B = URIRef(ID + "article/a"), URIRef(ID + "article/b")
X, Y = URIRef(ID + "person/x"), URIRef(ID + "person/y")
README_MET = (
    "SELECT ?a ?b WHERE { ?x kg:met ?y . ?x rdfs:label ?a . ?y rdfs:label ?b "
    "FILTER(STR(?a) < STR(?b)) } ORDER BY ?a ?b"
)


def _body(*extra: tuple) -> list:
    """An article's graph: two persons described, who met (stated both ways)."""
    return [
        (X, RDF.type, KG.Person),
        (X, RDFS.label, Literal("Иван Петров", lang="ru")),
        (Y, RDF.type, KG.Person),
        (Y, RDFS.label, Literal("Пётр Иванов", lang="ru")),
        (X, KG.met, Y),
        (Y, KG.met, X),
        *extra,
    ]


def _article(doc: URIRef, *extra: tuple) -> ArticleGraphs:
    return ArticleGraphs(doc, _body(*extra), [(doc, RDF.type, KG.Article)])


@pytest.fixture(params=["oxigraph", "memory"])
def store(request, tmp_path) -> Store:
    """Two articles that state the same claim about the same two persons."""
    location = str(tmp_path / "kg") if request.param == "oxigraph" else "memory"
    s = open_store(location)
    s.replace_articles([_article(A, (X, KG.mentionedIn, A)), _article(B)])
    yield s
    s.close()


def _count(store: Store, query: str) -> int:
    return int(run_query(store, query)[1][0][0])


def test_from_a_graph_the_store_lacks_reads_nothing(store):
    query = "SELECT (COUNT(*) AS ?n) FROM <urn:no-such-graph> WHERE { ?s ?p ?o }"
    assert _count(store, query) == 0
    assert _count(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") > 0


def test_from_reads_that_graph_as_the_default_graph(store):
    assert _count(store, f"SELECT (COUNT(*) AS ?n) FROM <{A}> WHERE {{ ?s ?p ?o }}") == 7
    both = f"SELECT DISTINCT ?o FROM <{A}> FROM <{B}> WHERE {{ <{X}> kg:mentionedIn ?o }}"
    assert run_query(store, both)[1] == [[str(A)]]


def test_from_named_alone_leaves_the_default_graph_empty(store):
    named = f"FROM NAMED <{B}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    assert _count(store, f"SELECT (COUNT(*) AS ?n) FROM NAMED <{B}> WHERE {{ ?s ?p ?o }}") == 0
    assert run_query(store, f"SELECT DISTINCT ?g {named}")[1] == [[str(B)]]


def test_rdflibs_query_results_honour_from_too(store):
    query = "SELECT ?s FROM <urn:no-such-graph> WHERE { ?s ?p ?o }"
    assert list(store.query(query)) == []
    with store.results(query) as result:
        assert list(result) == []


def test_a_triple_two_articles_state_is_one_triple_of_the_default_graph(store):
    assert _count(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ <{X}> rdfs:label ?l }}") == 1
    assert _count(store, "SELECT (COUNT(*) AS ?n) WHERE { ?p a kg:Person }") == 2
    assert _count(store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?p a kg:Person } }") == 4


def test_readmes_first_query_gives_one_row_per_pair(store):
    assert run_query(store, README_MET)[1] == [["Иван Петров", "Пётр Иванов"]]


def test_stats_count_quads_and_distinct_triples(store):
    stats = store_stats(store)
    assert "triples" not in stats
    assert stats["quads (all graphs)"] == 7 + 6 + 2 == store.count()
    assert stats["triples (default graph)"] == 7 + 2 == store.triple_count()


def test_writing_an_article_again_keeps_the_merge(store):
    store.replace_articles([ArticleGraphs(A, [(X, RDFS.label, Literal("Иван Петров", lang="ru"))])])
    # still stated by B
    assert run_query(store, README_MET)[1] == [["Иван Петров", "Пётр Иванов"]]
    gone = f"ASK {{ <{X}> kg:mentionedIn <{A}> }}"
    assert run_query(store, gone)[1] == [["false"]]  # only A stated it
    assert run_query(store, f"ASK {{ <{A}> a kg:Article }}")[1] == [["false"]]
    store.replace_articles([ArticleGraphs(B, [], [(B, RDF.type, KG.Article)])])
    assert run_query(store, README_MET)[1] == []
    assert _count(store, "SELECT (COUNT(*) AS ?n) WHERE { ?p a kg:Person }") == 0
    assert _count(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == 2
    assert store.triple_count() == 2 == store.count()


def test_the_links_graph_is_merged_and_replaced(store):
    links = URIRef(ID + "graph/links")
    same = (X, URIRef("http://www.w3.org/2002/07/owl#sameAs"), Y)
    store.replace_graph(links, [same])
    assert run_query(store, f"ASK {{ <{X}> owl:sameAs <{Y}> }}")[1] == [["true"]]
    store.replace_graph(links, [])
    assert run_query(store, f"ASK {{ <{X}> owl:sameAs <{Y}> }}")[1] == [["false"]]


def test_quads_give_the_metadata_in_the_default_graph_once(store):
    quads = list(store.quads())
    assert len(quads) == store.count()
    meta = [q for q in quads if q[0] in (A, B)]
    assert len(meta) == 2 and all(g in (None, URIRef("urn:x-rdflib:default")) for *_, g in meta)
    assert {g for *_, g in store.article_quads(A)} == {A, URIRef("urn:x-rdflib:default")}


def test_the_dataset_a_query_names():
    from kg.store.dataset import names_dataset, query_dataset

    assert query_dataset("SELECT * WHERE { ?s ?p ?o }") == ((), ())
    text = "PREFIX e: <http://e/> SELECT * FROM e:a FROM NAMED <http://e/b> { ?s ?p ?o }"
    assert query_dataset(text) == ((URIRef("http://e/a"),), (URIRef("http://e/b"),))
    assert not names_dataset('SELECT * WHERE { ?s ?p "FROM" }')  # a word, not a clause


def _earlier_store(path: Path) -> None:
    """A store as kg wrote it before the merge: metadata in the default graph, no merge."""
    import pyoxigraph as ox

    s = ox.Store(str(path))
    for graph in (A, B):
        g = ox.NamedNode(str(graph))
        s.add(
            ox.Quad(ox.NamedNode(str(X)), ox.NamedNode(str(RDF.type)), ox.NamedNode(KG.Person), g)
        )
        s.add(ox.Quad(g, ox.NamedNode(str(RDF.type)), ox.NamedNode(KG.Article), ox.DefaultGraph()))
    s.flush()
    del s


def test_a_store_of_the_earlier_layout_is_read_and_moved(tmp_path):
    path = tmp_path / "kg"
    _earlier_store(path)
    persons = "SELECT (COUNT(*) AS ?n) WHERE { ?p a kg:Person }"
    with open_store(path, create=False, read_only=True) as reader:  # the union, as before
        assert _count(reader, persons) == 2
        assert _count(reader, "SELECT (COUNT(*) AS ?n) WHERE { ?a a kg:Article }") == 2
        assert reader.count() == 4 and len(list(reader.quads())) == 4
    with open_store(path, create=False) as writer:  # moved to the merge
        assert _count(writer, persons) == 1
        graph = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{METADATA_GRAPH}> {{ ?s ?p ?o }} }}"
        assert _count(writer, graph) == 2
        assert writer.count() == 4 and writer.triple_count() == 3
