"""One real-world entity, one node: places by their canonical names, people across articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.build.link import person_links
from kg.cli import app

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_601ee94027aa536c.txt"
REGION = (
    "date 2025-11-12 Кемеровская область и Белоруссия расширят сотрудничество. "
    "Губернатор Середюк провел переговоры с послом Белоруссии."
)
NAMESAKE = (
    "date 2025-11-13 Директор кемеровской школы № 5 Анна Середюк рассказала о новом "
    "учебном годе. По словам Середюк, в школе открыли два класса."
)
runner = CliRunner()


def _build(tmp: Path, order: list[str]) -> Path:
    texts = {"seed": SEED.read_text("utf-8"), "region": REGION, "namesake": NAMESAKE}
    store = tmp / ("store-" + "-".join(order))
    for name in order:
        f = tmp / f"{name}.txt"
        f.write_text(texts[name], "utf-8")
        assert runner.invoke(app, ["build", str(f), "--store", str(store)]).exit_code == 0
    return store


def _entities(store: Path) -> list[dict]:
    res = runner.invoke(app, ["entities", "--format", "json", "--store", str(store)])
    return json.loads(res.stdout)


def _links(store: Path) -> set[tuple[str, str]]:
    q = "SELECT ?a ?b WHERE { GRAPH <https://w3id.org/kg-ru/id/graph/links> { ?a owl:sameAs ?b } }"
    res = runner.invoke(app, ["query", q, "--format", "json", "--store", str(store)])
    return {(r["a"], r["b"]) for r in json.loads(res.stdout)}


@pytest.fixture(scope="module")
def built(tmp_path_factory, pipeline):
    tmp = tmp_path_factory.mktemp("link")
    return _build(tmp, ["seed", "region", "namesake"]), _build(tmp, ["namesake", "region", "seed"])


def test_one_node_per_region_and_country(built):
    rows = _entities(built[0])
    kuzbass = [r for r in rows if r["label"] == "Кузбасс"]
    belarus = [r for r in rows if r["label"] == "Беларусь"]
    assert len(kuzbass) == 1 and len(kuzbass[0]["articles"]) == 2
    assert "Кемеровская область" in kuzbass[0]["aliases"]
    assert len(belarus) == 1 and len(belarus[0]["articles"]) == 2
    assert "Белоруссия" in belarus[0]["aliases"]


def test_two_people_share_a_surname_and_stay_apart(built):
    people = {r["label"]: r for r in _entities(built[0]) if r["type"] == "Person"}
    assert {"Илья Середюк", "Анна Середюк"} <= set(people)
    assert people["Илья Середюк"]["id"] != people["Анна Середюк"]["id"]
    # "Губернатор Середюк" joins the governor, not the headmistress: one row, his
    assert "Середюк" not in people
    assert "Середюк" in people["Илья Середюк"]["aliases"]
    assert set(people["Илья Середюк"]["articles"]) == {"seed", "region"}
    links = _links(built[0])
    assert any(b == people["Илья Середюк"]["id"] for _, b in links)
    assert not any(people["Анна Середюк"]["id"] in pair for pair in links)


def test_another_order_gives_the_same_iris_and_links(built):
    first, second = built
    assert {r["id"] for r in _entities(first)} == {r["id"] for r in _entities(second)}
    assert _links(first) == _links(second)


@pytest.mark.parametrize(
    ("keys", "links"),
    [
        ({"a": "person:середюк|илья", "b": "person:середюк|"}, [("b", "a")]),
        ({"a": "person:середюк|илья", "b": "person:середюк|и."}, [("b", "a")]),
        ({"a": "person:середюк|илья", "c": "person:середюк|анна", "b": "person:середюк|"}, []),
        ({"a": "person:иванов|петр", "b": "person:середюк|"}, []),
    ],
)
def test_person_links(keys, links):
    assert person_links(keys) == links


@pytest.mark.parametrize(
    ("barack", "michelle", "linked"),
    [(6, 2, True), (3, 1, True), (5, 2, False), (1, 0, False)],
)
def test_a_surname_alone_joins_a_full_name_named_in_many_more_articles(barack, michelle, linked):
    keys = {"a": "person:обама|", "b": "person:обама|барак", "m": "person:обама|мишель"}
    articles = {"a": 1, "b": barack, "m": michelle}
    assert person_links(keys, articles=articles) == ([("a", "b")] if linked else [])


def test_a_store_links_a_surname_alone_to_the_full_name_most_articles_name(tmp_path, pipeline):
    folder = tmp_path / "news"
    folder.mkdir()
    texts = [f"date 2025-03-0{k} Барак Обама прибыл в Чикаго." for k in range(1, 4)]
    texts += ["date 2025-03-05 Мишель Обама открыла школу.", "date 2025-03-06 Обама выступил."]
    for k, text in enumerate(texts):
        (folder / f"{k}.txt").write_text(text, "utf-8")
    store = tmp_path / "kg"
    assert runner.invoke(app, ["build", str(folder), "--store", str(store)]).exit_code == 0
    people = {r["label"]: r for r in _entities(store) if r["type"] == "Person"}
    assert set(people) == {"Барак Обама", "Мишель Обама"}
    assert "Обама" in people["Барак Обама"]["aliases"]
    assert len(people["Барак Обама"]["articles"]) == 4


def test_one_label_per_entity_however_articles_spell_it(tmp_path, pipeline):
    store = tmp_path / "kg"
    for name, text in (
        ("a", "Глава компании ВымпелКом Александр Изосимов выступил."),
        ("b", "Глава компании Вымпелком Александр Изосимов ушел в отставку."),
    ):
        f = tmp_path / f"{name}.txt"
        f.write_text(text, "utf-8")
        assert runner.invoke(app, ["build", str(f), "--store", str(store)]).exit_code == 0
    orgs = [r for r in _entities(store) if r["type"] == "Organization"]
    assert len(orgs) == 1 and len(orgs[0]["articles"]) == 2
    assert {orgs[0]["label"], *orgs[0]["aliases"]} >= {"ВымпелКом", "Вымпелком"}
    assert runner.invoke(app, ["validate", "--store", str(store)]).exit_code == 0


def _json(args: list[str]) -> object:
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def test_a_linked_surname_is_one_node_of_the_network(built):
    graph = _json(["network", "--format", "json", "--store", str(built[0])])
    labels = [n["label"] for n in graph["nodes"]]
    assert "Середюк" not in labels and labels.count("Илья Середюк") == 1
    ilya = next(n for n in graph["nodes"] if n["label"] == "Илья Середюк")
    around = _json(["network", "--around", "Илья Середюк", "-f", "json", "-s", str(built[0])])
    assert ilya["id"] in {n["id"] for n in around["nodes"]}


def test_a_saved_query_finds_a_person_by_a_name_another_article_uses(built):
    rows = _json(
        ["query", "positions-of", "-p", "person=Илья Середюк", "-f", "json", "-s", str(built[0])]
    )
    assert {r["article"] for r in rows} == {"seed", "region"}
    assert {r["person"] for r in rows} == {"Илья Середюк"}
    # the surname alone stands for both people who go by it
    rows = _json(
        ["query", "positions-of", "-p", "person=Середюк", "-f", "json", "-s", str(built[0])]
    )
    assert {r["person"] for r in rows} == {"Илья Середюк", "Анна Середюк"}
