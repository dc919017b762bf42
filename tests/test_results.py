"""Query results as rows: Oxigraph's serialised results and the ORDER BY done in Python give
what rdflib's own engine gives."""

from __future__ import annotations

import pytest
from rdflib import BNode, Literal, Namespace, URIRef
from rdflib.namespace import XSD

from kg.query.sparql import run_query
from kg.store import Store, open_store
from kg.store.ordering import split_order
from kg.store.oxigraph import EmbeddedStore

EX = Namespace("http://example.org/")
ROWS = [  # (subject, number, name); None leaves the property out
    (EX.a, Literal(10), Literal("Берёза", lang="ru")),
    (EX.b, Literal(9), Literal("берёза", lang="ru")),
    (EX.c, Literal("9.5", datatype=XSD.decimal), Literal("Ёлка")),
    (EX.d, Literal(-3), None),
    (EX.e, None, Literal("Ёлка")),
    (EX.f, Literal(10), Literal("Абрикос", lang="ru")),
    (BNode("x"), Literal(2.5e0), Literal("Дуб", lang="ru")),
]


def _fill(store: Store) -> Store:
    """The rows in one named graph, written as kg writes its graphs (the embedded store's
    default graph is their merge, kept by its writes)."""
    triples = []
    for s, n, name in ROWS:
        triples.append((s, EX.kind, EX.Tree))
        if n is not None:
            triples.append((s, EX.n, n))
        if name is not None:
            triples.append((s, EX.name, name))
    store.replace_graph(URIRef("http://example.org/g"), triples)
    return store


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    ox = _fill(open_store(tmp_path_factory.mktemp("results") / "kg"))
    assert isinstance(ox, EmbeddedStore)
    yield ox, _fill(open_store("memory"))
    ox.close()


WHERE = "WHERE { ?s ex:kind ex:Tree OPTIONAL { ?s ex:n ?n } OPTIONAL { ?s ex:name ?name } }"


@pytest.mark.parametrize(
    "order",
    [
        "ORDER BY ?n ?name",
        "ORDER BY DESC(?n) ?name",
        "ORDER BY ?name DESC(?n)",
        "ORDER BY desc(?name) asc(?n)",
        "ORDER BY ?name ?n",
    ],
)
def test_the_order_is_the_one_rdflib_gives(stores, order):
    ox, mem = stores
    text = f"PREFIX ex: <{EX}>\nSELECT ?n ?name {WHERE}\n{order}\n"
    head, rows = run_query(ox, text)
    assert head == ["n", "name"]
    assert len(rows) == len(ROWS)
    assert rows == run_query(mem, text)[1]


def test_numbers_sort_by_value_and_unbound_comes_first(stores):
    ox, _ = stores
    _, rows = run_query(ox, f"PREFIX ex: <{EX}> SELECT ?n {WHERE} ORDER BY ?n")
    assert [r[0] for r in rows] == [None, "-3", "2.5", "9", "9.5", "10", "10"]
    _, rows = run_query(ox, f"PREFIX ex: <{EX}> SELECT ?n {WHERE} ORDER BY DESC(?n)")
    assert [r[0] for r in rows] == ["10", "10", "9.5", "9", "2.5", "-3", None]


def test_an_order_by_what_is_not_returned_is_left_to_the_engine(stores):
    ox, mem = stores
    text = f"PREFIX ex: <{EX}> SELECT ?s {WHERE} ORDER BY DESC(?n)"
    rows = [r[0] for r in run_query(ox, text)[1]]
    assert sorted(rows[:2]) == [str(EX.a), str(EX.f)]
    assert rows[2:4] == [str(EX.c), str(EX.b)]  # 9.5, 9, then the blank node's 2.5
    assert rows[5:] == [str(EX.d), str(EX.e)]  # -3, then no number: last when descending


def test_ask_and_construct(stores):
    ox, mem = stores
    ask = f"PREFIX ex: <{EX}> ASK {{ ex:a ex:n 10 }}"
    assert run_query(ox, ask) == run_query(mem, ask) == (["ask"], [["true"]])
    construct = (
        f"PREFIX ex: <{EX}> CONSTRUCT {{ ?s ex:n ?n }} WHERE {{ ?s ex:n ?n FILTER(?n > 9) }}"
    )
    head, rows = run_query(ox, construct)
    assert head == ["s", "p", "o"]
    assert sorted(rows) == sorted(run_query(mem, construct)[1])
    assert len(rows) == 3


@pytest.mark.parametrize(
    ("text", "body", "keys"),
    [
        ("SELECT ?a { } ORDER BY ?a", "SELECT ?a { } ", [("a", False)]),
        (
            "SELECT ?a $b { } order by DESC( ?a ) $b\n",
            "SELECT ?a $b { } ",
            [("a", True), ("b", False)],
        ),
        ("SELECT ?a { } ORDER BY ?a LIMIT 3", "SELECT ?a { } ORDER BY ?a LIMIT 3", []),
        ("SELECT ?a { } ORDER BY STR(?a)", "SELECT ?a { } ORDER BY STR(?a)", []),
        (
            "SELECT * { { SELECT ?a { } ORDER BY ?a } }",
            "SELECT * { { SELECT ?a { } ORDER BY ?a } }",
            [],
        ),
        ("SELECT ?a { }", "SELECT ?a { }", []),
    ],
)
def test_only_a_closing_order_of_plain_variables_is_split_off(text, body, keys):
    assert split_order(text) == (body, keys)


@pytest.mark.parametrize(
    ("text", "split"),
    [
        ("SELECT DISTINCT ?a ?b { ?a ?p ?b } ORDER BY ?b ?a", True),
        ("SELECT ?a (MAX(?c) AS ?m) WHERE { } GROUP BY ?a ORDER BY DESC(?m)", True),
        ("SELECT DISTINCT ?a { ?a ?p ?start } ORDER BY ?a ?start", False),
        ("SELECT ?a (MAX(?c) AS ?m) WHERE { } GROUP BY ?a ORDER BY ?c", False),
        ("SELECT * { ?a ?p ?b } ORDER BY ?b", True),
        ("# Select (the ?b) of\nSELECT ?a { ?a ?p ?b } ORDER BY ?a", True),
        ("# select ?b\nSELECT DISTINCT ?a { ?a ?p ?b } ORDER BY ?b", False),
    ],
)
def test_an_order_by_a_variable_not_returned_stays_in_the_query(text, split):
    body, keys = split_order(text)
    assert bool(keys) == split
    assert (body == text) != split
