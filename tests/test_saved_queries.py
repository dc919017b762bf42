"""The saved queries (`ontologies/queries/*.rq`) on the seed article, and their parameters."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rdflib import Literal
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import KgError, NotFound, QueryError
from kg.ontology import QUERIES
from kg.query.saved import (
    _with_values,
    list_queries,
    load_query,
    parse_saved,
    run_saved,
)
from kg.rdf.iris import article_iri
from kg.store import open_store

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ARTICLE = "000_601ee94027aa536c"
DOC = str(article_iri(ARTICLE))
NAMES = [
    "agreements",
    "articles",
    "component-shares",
    "evidence",
    "neighbourhood",
    "positions-of",
    "posts-held",
    "who-met-whom",
]
INJECTIONS = ['Илья Середюк" } ; DROP ALL ; #', '"@ru . ?x ?y ?z']


class Starts:
    """Equal to any string that starts with the prefix (for long evidence sentences)."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    def __eq__(self, other: object) -> bool:
        return isinstance(other, str) and other.startswith(self.prefix)

    def __repr__(self) -> str:
        return f"Starts({self.prefix!r})"


@pytest.fixture(scope="module")
def ds(tmp_path_factory, pipeline):
    path = tmp_path_factory.mktemp("saved") / "kg"
    res = CliRunner().invoke(app, ["build", str(SEEDS), "--store", str(path)])
    assert res.exit_code == 0, res.output
    store = open_store(path, create=False)
    yield store
    store.close()


class Confidence:
    """Equal to any decimal in [0, 1]: confidences move whenever the rules are recalibrated."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, str) and 0 <= float(other) <= 1 and len(other) <= 5

    def __repr__(self) -> str:
        return "Confidence()"


CONF = Confidence()


def _offsets(source: str) -> tuple[int, int]:
    m = re.fullmatch(re.escape(DOC) + r"#char=(\d+),(\d+)", source)
    assert m, source
    return int(m.group(1)), int(m.group(2))


# --- the catalogue -------------------------------------------------------------------------


def test_list_queries_finds_all_eight_with_titles_and_params():
    queries = list_queries()
    assert [q.name for q in queries] == NAMES
    for q in queries:
        assert q.title and " / " in q.title, q.name
        english, russian = q.description.split("\n")
        assert english.isascii(), q.name
        assert re.search("[а-я]", russian), q.name
        assert q.text.lstrip().startswith("# title:")
    assert {q.name: list(q.params) for q in queries if q.params} == {
        "evidence": ["subject", "predicate", "object"],
        "neighbourhood": ["entity"],
        "positions-of": ["person"],
    }
    assert "Илья Середюк" in load_query("positions-of").params["person"]


def test_every_query_file_is_loaded():
    files = [p.name for p in QUERIES.iterdir()]
    files = [p.name for p in QUERIES.iterdir()]
    assert sorted(n.removesuffix(".rq") for n in files if n.endswith(".rq")) == NAMES


def test_unknown_query_name_lists_the_available_ones():
    with pytest.raises(NotFound) as err:
        load_query("who-signed-what")
    assert isinstance(err.value, KgError)
    message = str(err.value)
    assert "who-signed-what" in message
    for name in NAMES:
        assert name in message


@pytest.mark.parametrize("name", ["../kg", "queries/articles", "articles.rq", "", "Articles"])
def test_names_with_paths_or_extensions_are_rejected(name):
    with pytest.raises(QueryError, match="bad saved query name"):
        load_query(name)


def test_a_parameter_outside_the_select_clause_is_refused():
    text = "# title: t\n# param x: a label\nSELECT ?s WHERE { ?s ?p ?x }\n"
    with pytest.raises(QueryError, match=r"\?x must be in the SELECT clause"):
        parse_saved("t", text)
    assert parse_saved("t", text.replace("SELECT ?s", "SELECT ?x ?s")).params == {"x": "a label"}


def test_a_query_without_a_title_is_refused():
    with pytest.raises(QueryError, match="no '# title:' line"):
        parse_saved("t", "SELECT * WHERE { ?s ?p ?o }")


# --- parameters ----------------------------------------------------------------------------


def test_missing_parameters_are_named(ds):
    with pytest.raises(QueryError, match="missing parameter.*person"):
        run_saved(ds, "positions-of", {})
    with pytest.raises(QueryError, match="missing parameter.*predicate, object"):
        run_saved(ds, "evidence", {"subject": "Илья Середюк"})


def test_unknown_parameters_are_refused(ds):
    with pytest.raises(QueryError, match="unknown parameter.*name.*takes: person"):
        run_saved(ds, "positions-of", {"person": "Илья Середюк", "name": "x"})
    with pytest.raises(QueryError, match="unknown parameter.*person.*takes: none"):
        run_saved(ds, "articles", {"person": "Илья Середюк"})


def test_bindings_go_to_oxigraph_not_to_the_rdflib_engine(ds, monkeypatch):
    """The bound query runs in Oxigraph; rdflib's own engine is never used."""
    from rdflib.plugins.sparql.processor import SPARQLProcessor

    def refuse(*args, **kwargs):
        raise AssertionError("fell back to rdflib's SPARQL engine")

    monkeypatch.setattr(SPARQLProcessor, "query", refuse)
    assert type(ds.dataset.store).__name__ == "OxigraphStore"
    _, rows = run_saved(ds, "positions-of", {"person": "Илья Середюк"})
    assert {r[0] for r in rows} == {"Илья Середюк"}
    assert len(rows) == 2


def test_a_binding_filters(ds):
    for person in ("Илья Середюк", "Сергей Старовойтов"):
        _, rows = run_saved(ds, "positions-of", {"person": person})
        assert rows and {r[0] for r in rows} == {person}
    assert run_saved(ds, "positions-of", {"person": "Середюк Илья"})[1] == []
    assert run_saved(ds, "positions-of", {"person": "Кузбасс"})[1] == []


def test_a_plain_literal_matches_like_a_russian_one(ds):
    ru_rows = run_saved(ds, "positions-of", {"person": "Илья Середюк"})[1]
    plain = open_store("memory")
    for s, p, o, g in ds.quads():
        plain.dataset.add(
            (s, p, Literal(str(o)) if isinstance(o, Literal) and o.language else o, g)
        )
    assert len(ru_rows) == 2
    assert run_saved(plain, "positions-of", {"person": "Илья Середюк"})[1] == ru_rows


def test_the_rdflib_engine_gives_the_same_rows(ds):
    mem = open_store("memory")
    for quad in ds.quads():
        mem.dataset.add(quad)
    params = {
        "positions-of": {"person": "Илья Середюк"},
        "neighbourhood": {"entity": "Кузбасс"},
        "evidence": {"subject": "Илья Середюк", "predicate": "met", "object": "Андрей Конюшко"},
    }
    for q in list_queries():  # the rows and their order
        head, rows = run_saved(ds, q.name, params.get(q.name, {}))
        assert rows, q.name
        assert run_saved(mem, q.name, params.get(q.name, {})) == (head, rows), q.name


@pytest.mark.parametrize("name", ["positions-of", "neighbourhood", "evidence"])
def test_a_query_needs_its_parameters(ds, name):
    with pytest.raises(QueryError, match="missing parameter"):
        run_saved(ds, name, {})


@pytest.mark.parametrize("value", INJECTIONS)
def test_injected_text_matches_nothing_and_changes_nothing(ds, value):
    before = ds.count()
    assert run_saved(ds, "positions-of", {"person": value})[1] == []
    assert run_saved(ds, "neighbourhood", {"entity": value})[1] == []
    params = {"subject": value, "predicate": value, "object": value}
    assert run_saved(ds, "evidence", params)[1] == []
    params = {"subject": "Илья Середюк", "predicate": value, "object": "Андрей Конюшко"}
    assert run_saved(ds, "evidence", params)[1] == []
    assert ds.count() == before
    assert len(run_saved(ds, "who-met-whom", {})[1]) == 2


# --- every query on the seed ---------------------------------------------------------------


def test_who_met_whom(ds):
    head, rows = run_saved(ds, "who-met-whom", {})
    assert head == ["party1", "party2", "place", "time", "evidence", "article"]
    assert rows == [
        [
            "Александр Лукашенко",
            "Илья Середюк",
            "Минск",
            "2025-06",
            Starts("Еще раньше, в июне, глава Кузбасса Илья Середюк в Минске встретился"),
            ARTICLE,
        ],
        [
            "Андрей Конюшко",
            "Илья Середюк",
            "Кемерово",
            "2025-11-03/2025-11-09",
            Starts("На прошлой неделе губернатор Кузбасса Илья Середюк встретился в Кемерове"),
            ARTICLE,
        ],
    ]


def test_agreements(ds):
    head, rows = run_saved(ds, "agreements", {})
    assert head == ["party1", "party2", "agreement", "time", "place", "evidence", "article"]
    assert rows == [
        [
            "Андрей Конюшко",
            "Илья Середюк",
            "соглашение о сотрудничестве в разных сферах",
            # "Стороны" are the parties who had just met: the meeting's time and place
            "2025-11-03/2025-11-09",
            "Кемерово",
            Starts("Стороны подписали соглашение о сотрудничестве в разных сферах"),
            ARTICLE,
        ]
    ]


def test_posts_held(ds):
    head, rows = run_saved(ds, "posts-held", {})
    assert head == ["person", "role", "where", "confidence", "article"]
    assert rows == [
        ["Александр Лукашенко", "президент", "Беларусь", CONF, ARTICLE],
        [
            "Андрей Конюшко",
            "первый заместитель министра промышленности",
            "Беларусь",
            CONF,
            ARTICLE,
        ],
        ["Илья Гращенков", "президент", "Центр развития региональной политики", CONF, ARTICLE],
        ["Илья Середюк", "глава", "Кузбасс", CONF, ARTICLE],
        ["Илья Середюк", "губернатор", "Кузбасс", CONF, ARTICLE],
        ["Сергей Старовойтов", "глава", "Клуб Регионов", CONF, ARTICLE],
        ["Сергей Старовойтов", "политолог", None, CONF, ARTICLE],
    ]


def test_positions_of(ds):
    head, rows = run_saved(ds, "positions-of", {"person": "Илья Середюк"})
    assert head == ["person", "role", "where", "confidence", "evidence", "article"]
    assert rows == [
        [
            "Илья Середюк",
            "губернатор",
            "Кузбасс",
            CONF,
            Starts("На прошлой неделе губернатор Кузбасса Илья Середюк"),
            ARTICLE,
        ],
        [
            "Илья Середюк",
            "глава",
            "Кузбасс",
            CONF,
            Starts("Еще раньше, в июне, глава Кузбасса Илья Середюк"),
            ARTICLE,
        ],
    ]


def test_component_shares(ds):
    head, rows = run_saved(ds, "component-shares", {})
    assert head == ["product", "place", "share", "evidence", "article"]
    assert rows == [
        [
            "УниРОСС",
            "Беларусь",
            "0.333",
            "Треть комплектующих этой машины произведена в Беларуси.",
            ARTICLE,
        ],
        [
            "УниРОСС",
            "Беларусь",
            "0.3",
            "«УниРОСС» более чем на 30 собран из белорусских комплектующих.",
            ARTICLE,
        ],
    ]


def test_neighbourhood(ds):
    head, rows = run_saved(ds, "neighbourhood", {"entity": "Илья Середюк"})
    assert head == ["entity", "predicate", "direction", "other", "type"]
    assert [r[1:] for r in rows] == [
        ["cooperatesWith", "both", "Андрей Конюшко", "Person"],
        ["holdsPosition", "out", "Кузбасс", "Place"],
        ["met", "both", "Александр Лукашенко", "Person"],
        ["met", "both", "Андрей Конюшко", "Person"],
        ["signedAgreement", "both", "Андрей Конюшко", "Person"],
    ]
    _, rows = run_saved(ds, "neighbourhood", {"entity": "Беларусь"})
    assert [r[1:] for r in rows] == [
        ["componentShare", "in", "УниРОСС", "Product"],
        ["cooperatesWith", "both", "Кузбасс", "Place"],
        ["holdsPosition", "in", "Александр Лукашенко", "Person"],
        ["holdsPosition", "in", "Андрей Конюшко", "Person"],
    ]
    _, rows = run_saved(ds, "neighbourhood", {"entity": "Центр технической поддержки БЕЛАЗ"})
    assert [r[1:] for r in rows] == [
        ["locatedIn", "out", "Белово", "Place"],
        ["partOf", "out", "БЕЛАЗ", "Organization"],
    ]


def test_evidence(ds, seed_article):
    params = {"subject": "Илья Середюк", "predicate": "met", "object": "Андрей Конюшко"}
    head, rows = run_saved(ds, "evidence", params)
    assert head == [
        "subject",
        "predicate",
        "object",
        "confidence",
        "evidence",
        "source",
        "rule",
    ]
    assert rows == [
        [
            "Илья Середюк",
            "met",
            "Андрей Конюшко",
            CONF,
            Starts("На прошлой неделе губернатор Кузбасса Илья Середюк встретился"),
            f"{DOC}#char=0,155",
            "cue:встретиться",
        ]
    ]
    start, end = _offsets(rows[0][5])
    assert seed_article.text[start:end] == rows[0][4]


def test_evidence_of_a_symmetric_claim_in_either_order(ds):
    forward = {"subject": "Илья Середюк", "predicate": "met", "object": "Андрей Конюшко"}
    backward = {"subject": "Андрей Конюшко", "predicate": "met", "object": "Илья Середюк"}
    assert [r[3:] for r in run_saved(ds, "evidence", backward)[1]] == [
        r[3:] for r in run_saved(ds, "evidence", forward)[1]
    ]
    signed = {"subject": "Андрей Конюшко", "predicate": "signedAgreement"}
    _, rows = run_saved(ds, "evidence", {**signed, "object": "Илья Середюк"})
    assert [r[3:] for r in rows] == [
        [CONF, Starts("Стороны подписали"), f"{DOC}#char=156,387", "cue:подписать"]
    ]


def test_evidence_of_a_directed_claim_keeps_its_direction(ds, seed_article):
    post = {"predicate": "holdsPosition"}
    _, rows = run_saved(ds, "evidence", {**post, "subject": "Илья Середюк", "object": "Кузбасс"})
    assert [(r[3], r[5], r[6]) for r in rows] == [
        (CONF, f"{DOC}#char=0,155", "post-before-name"),
        (CONF, f"{DOC}#char=876,1040", "post-before-name"),
    ]
    for r in rows:
        start, end = _offsets(r[5])
        assert seed_article.text[start:end] == r[4]
    backward = {**post, "subject": "Кузбасс", "object": "Илья Середюк"}
    assert run_saved(ds, "evidence", backward)[1] == []


def test_evidence_of_component_shares(ds, seed_article):
    params = {"subject": "УниРОСС", "predicate": "componentShare", "object": "Беларусь"}
    _, rows = run_saved(ds, "evidence", params)
    assert [(r[3], r[4], r[5], r[6]) for r in rows] == [
        (
            CONF,
            "«УниРОСС» более чем на 30 собран из белорусских комплектующих.",
            f"{DOC}#char=1042,1104",
            "share",
        ),
        (
            CONF,
            "Треть комплектующих этой машины произведена в Беларуси.",
            f"{DOC}#char=666,721",
            "share",
        ),
    ]
    for r in rows:
        start, end = _offsets(r[5])
        assert seed_article.text[start:end] == r[4]


def test_articles(ds):
    head, rows = run_saved(ds, "articles", {})
    assert head == ["id", "date", "title", "claims"]
    assert rows == [[ARTICLE, "2025-11-10", None, "17"]]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
@example('x\n#\\"')  # a newline, and a backslash and a quote to end on
@example("UNDEF ) (UNDEF 'met' UNDEF) } #")
def test_any_parameter_binds_as_exactly_that_literal(value):
    """kg writes a parameter as a literal itself; whatever it holds (quotes, backslashes,
    newlines, "#", "}", "UNDEF") it is one row of exactly that value, the shape unchanged."""
    import pyoxigraph
    from rdflib import Variable

    text = _with_values("SELECT ?v ?w WHERE { BIND(1 AS ?w) }", {Variable("v"): {value}})
    rows = list(pyoxigraph.Store().query(text))
    assert [(r["v"].value, r["v"].language, r["w"].value) for r in rows] == [
        (value, "ru", "1"),
        (value, None, "1"),
    ]


def test_a_parameter_cannot_rewrite_the_values_block(ds):
    """rdflib's Literal.n3() wrote a value with a newline that ends in backslash and quote
    wrongly, and the next value rewrote the VALUES block: every `met` claim came back."""
    params = {"subject": 'x\n#\\"', "predicate": "UNDEF ) (UNDEF 'met' UNDEF) } #", "object": "y"}
    assert run_saved(ds, "evidence", params)[1] == []
