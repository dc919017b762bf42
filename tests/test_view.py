"""The offline HTML view: self-contained, escaped, deterministic, and drawn in Chromium."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest
from browser import open_page
from playwright.sync_api import Page

from kg.view import PHYSICS_LIMIT, TYPE_COLORS, escape, write_view

BASE = "https://kg.example/id/"
PERSON = BASE + "person/seredyuk"
PLACE = BASE + "place/kuzbass"
ORG = BASE + "org/sibugol"
PRODUCT = BASE + "product/kombain"
REMOTE = re.compile(r"""\b(?:src|href)\s*=\s*["']?\s*https?://""", re.IGNORECASE)
HOSTILE = [
    "<script>window.pwned=1</script>",
    '"><img src=x onerror="window.pwned=2">',
]


def small_graph() -> nx.MultiDiGraph:
    """Four actors from a Kuzbass story, with Cyrillic labels and evidence."""
    g = nx.MultiDiGraph()
    g.add_node(PERSON, label="Илья Середюк", type="Person", aliases=["Середюк", "И. Середюк"])
    g.add_node(PLACE, label="Кузбасс", type="Place", aliases=["Кемеровская область"])
    g.add_node(ORG, label="Сибуголь", type="Organization")
    g.add_node(PRODUCT, label="Комбайн К-500", type="Product")
    g.add_edge(
        PERSON,
        PLACE,
        predicate="holdsPosition",
        weight=2,
        evidence=[
            {"text": "Губернатор Кузбасса Илья Середюк.", "article": "a1", "date": "2024-03-01"},
            {"text": "Середюк возглавил регион.", "article": "a2", "date": None},
        ],
    )
    g.add_edge(
        PERSON,
        ORG,
        predicate="met",
        weight=1,
        evidence=[{"text": "Середюк встретился с «Сибуглём».", "article": "a3", "date": None}],
    )
    g.add_edge(ORG, PRODUCT, predicate="componentShare", weight=1, evidence=[])
    return g


def hostile_graph(label: str) -> nx.MultiDiGraph:
    """A node named with markup, linked by an edge whose evidence is markup too."""
    g = nx.MultiDiGraph()
    g.add_node(PERSON, label=label, type="Person", aliases=[f"{label} (alias)"])
    g.add_node(PLACE, label="Кузбасс", type="Place")
    g.add_edge(
        PERSON, PLACE, predicate="met", weight=1, evidence=[{"text": label, "article": label}]
    )
    return g


def dataset(page: str, name: str) -> list[dict]:
    """The items the page hands to `new vis.DataSet` for `nodes` or `edges`."""
    found = re.search(rf"^\s*{name} = new vis\.DataSet\((.*)\);$", page, re.MULTILINE)
    assert found, name
    return json.loads(found.group(1))


def wait_ready(page: Page, timeout: float = 15_000) -> dict[str, int]:
    """Wait for the page's drawn flag and return the counts it reports."""
    page.wait_for_function("window.kgReady === true", timeout=timeout)
    return page.evaluate("window.kgCounts")


def canvas_colors(page: Page) -> set[tuple[int, int, int]]:
    """The opaque colours painted on the network canvas."""
    pixels = page.evaluate(
        """() => {
            const c = document.querySelector('#mynetwork canvas');
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            const seen = new Set();
            for (let i = 0; i < d.length; i += 4) {
                if (d[i + 3] === 255) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
            }
            return Array.from(seen);
        }"""
    )
    return {(p >> 16 & 255, p >> 8 & 255, p & 255) for p in pixels}


def rgb(color: str) -> tuple[int, int, int]:
    """'#rrggbb' as an RGB triple."""
    return tuple(int(color[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def hover_node(page: Page, node_id: str) -> str:
    """Move the mouse onto a node and return the tooltip's text."""
    x, y = page.evaluate(
        """(id) => {
            const p = network.canvasToDOM(network.getPositions([id])[id]);
            const r = document.getElementById('mynetwork').getBoundingClientRect();
            return [p.x + r.left, p.y + r.top];
        }""",
        node_id,
    )
    page.mouse.move(x, y)
    tip = page.locator("div.vis-tooltip")
    tip.wait_for(state="visible", timeout=5_000)
    return tip.inner_text()


def test_page_has_no_remote_references(tmp_path: Path) -> None:
    out = write_view(small_graph(), tmp_path / "view.html", title="Сеть: Кузбасс")
    page = out.read_text(encoding="utf-8")
    assert REMOTE.search(page) is None
    assert "bootstrap" not in page.lower()
    assert "<title>Сеть: Кузбасс</title>" in page
    assert '<meta charset="utf-8">' in page


def test_output_is_deterministic(tmp_path: Path) -> None:
    g = small_graph()
    shuffled = nx.MultiDiGraph()
    shuffled.add_nodes_from(reversed(list(g.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(g.edges(keys=True, data=True))))
    first = write_view(g, tmp_path / "a.html").read_bytes()
    assert write_view(g, tmp_path / "b.html").read_bytes() == first
    assert write_view(shuffled, tmp_path / "c.html").read_bytes() == first


def test_writes_nothing_but_the_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    out = write_view(small_graph(), tmp_path / "out" / "view.html")
    assert out.is_file()
    assert list(cwd.iterdir()) == []
    assert [p.name for p in out.parent.iterdir()] == ["view.html"]


@pytest.mark.parametrize("label", HOSTILE)
def test_markup_is_escaped_in_the_file(tmp_path: Path, label: str) -> None:
    page = write_view(hostile_graph(label), tmp_path / "view.html").read_text(encoding="utf-8")
    nodes = {n["id"]: n for n in dataset(page, "nodes")}
    (edge,) = dataset(page, "edges")
    assert nodes[PERSON]["label"] == escape(label)
    assert "&lt;" in nodes[PERSON]["label"] and "<" not in nodes[PERSON]["label"]
    assert nodes[PERSON]["title"].count(escape(label)) == 2  # label and alias
    assert escape(label) in edge["title"] and label not in edge["title"]
    assert "<img" not in page and "<script>window" not in page


def test_graph_past_the_dense_layout_limit_still_writes(tmp_path: Path) -> None:
    g = nx.MultiDiGraph(nx.gnm_random_graph(600, 900, seed=3, directed=True))
    nx.set_node_attributes(g, {n: f"n{n}" for n in g}, "label")
    page = write_view(g, tmp_path / "view.html").read_text(encoding="utf-8")
    assert REMOTE.search(page) is None
    assert '"improvedLayout": false' in page


@pytest.mark.browser
def test_small_graph_draws_offline(tmp_path: Path) -> None:
    g = small_graph()
    out = write_view(g, tmp_path / "view.html")
    requests: list[str] = []
    errors: list[str] = []
    with open_page(out, requests, errors) as page:
        counts = wait_ready(page)
        assert counts == {"nodes": g.number_of_nodes(), "edges": g.number_of_edges()}
        assert page.evaluate("Object.keys(network.getPositions()).length") == 4
        assert page.evaluate("[nodes.length, edges.length]") == [4, 3]
        assert page.locator("#mynetwork canvas").count() == 1
        colors = canvas_colors(page)
        assert len(colors) > 20
        for kind in ("Person", "Organization", "Place", "Product"):
            assert rgb(TYPE_COLORS[kind]) in colors, kind
        assert page.locator(".kg-legend li").count() == 4
        shown = page.evaluate("id => kgView.nodes.get(id).label", PERSON)
        assert shown == "Илья Середюк"
        tip = page.evaluate(
            "([a, b]) => kgView.edges.get().find(e => e.from === a && e.to === b)"
            ".title.textContent",
            [PERSON, PLACE],
        )
        assert "Губернатор Кузбасса Илья Середюк." in tip
        assert "(a1, 2024-03-01)" in tip and "(a2)" in tip
        text = hover_node(page, PERSON)
        assert "Илья Середюк" in text and "Person" in text and "И. Середюк" in text
    assert requests == []
    assert errors == []


@pytest.mark.browser
@pytest.mark.parametrize("label", HOSTILE)
def test_markup_stays_text_in_the_page(tmp_path: Path, label: str) -> None:
    out = write_view(hostile_graph(label), tmp_path / "view.html")
    requests: list[str] = []
    errors: list[str] = []
    with open_page(out, requests, errors) as page:
        assert wait_ready(page) == {"nodes": 2, "edges": 1}
        stored = page.evaluate("id => nodes.get(id)", PERSON)
        assert stored["label"] == escape(label)
        assert "<" not in stored["label"] and "&lt;" in stored["label"]
        assert escape(label) in stored["title"]
        assert page.evaluate("id => kgView.nodes.get(id).label", PERSON) == label
        text = hover_node(page, PERSON)
        assert label in text
        page.wait_for_timeout(300)
        assert page.evaluate("typeof window.pwned") == "undefined"
        assert page.evaluate("document.querySelectorAll('img').length") == 0
        assert page.evaluate("document.querySelectorAll('.vis-tooltip script').length") == 0
    assert requests == []
    assert errors == []


@pytest.mark.browser
def test_big_graph_opens_without_physics(tmp_path: Path) -> None:
    g = nx.MultiDiGraph(nx.gnm_random_graph(400, 800, seed=11, directed=True))
    assert g.number_of_nodes() > PHYSICS_LIMIT
    kinds = list(TYPE_COLORS)
    for n in g:
        g.nodes[n].update(label=f"n{n}", type=kinds[n % len(kinds)])
    for _, _, attrs in g.edges(data=True):
        attrs.update(predicate="met", weight=1, evidence=[])
    out = write_view(g, tmp_path / "view.html")
    assert '"physics": {"enabled": false' in out.read_text(encoding="utf-8")
    requests: list[str] = []
    with open_page(out, requests) as page:
        assert wait_ready(page, timeout=15_000) == {"nodes": 400, "edges": 800}
        placed = page.evaluate("nodes.get().filter(n => Number.isFinite(n.x + n.y)).length")
        assert placed == 400
        assert len(canvas_colors(page)) > 20
    assert requests == []


def test_missing_chromium_is_an_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import browser

    monkeypatch.setattr(browser, "chromium_path", lambda: None)
    with (
        pytest.raises(RuntimeError, match="apt-get install chromium"),
        browser.open_page(tmp_path / "x.html"),
    ):
        pass
