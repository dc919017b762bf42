"""The offline HTML view: self-contained, escaped, deterministic, and explored in Chromium."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest
from browser import open_page, screen_point
from playwright.sync_api import Page
from typer.testing import CliRunner

from kg.cli import app
from kg.network.analytics import ego, filter_graph
from kg.network.view import PHYSICS_LIMIT, TYPE_COLORS, view_data, write_view

ROOT = Path(__file__).resolve().parent.parent
BASE = "https://kg.example/id/"
PERSON = BASE + "person/seredyuk"
PLACE = BASE + "place/kuzbass"
ORG = BASE + "org/sibugol"
PRODUCT = BASE + "product/kombain"
REMOTE = re.compile(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)
HOSTILE = [
    "<script>window.pwned=1</script>",
    '"><img src=x onerror="window.pwned=2">',
]
DATA_BLOCK = re.compile(r'<script type="application/json" id="kg-data">(.*?)</script>', re.S)
SEREDYUK = "https://w3id.org/kg-ru/id/person/seredyuk-ilya-4f081f"
LUKASHENKO = "https://w3id.org/kg-ru/id/person/lukashenko-aleksandr-b42e75"
runner = CliRunner()


def kg(*args: str) -> None:
    """Run `kg` in-process and insist that it succeeds."""
    res = runner.invoke(app, list(args), catch_exceptions=False)
    assert res.exit_code == 0, res.output


def small_graph() -> nx.MultiDiGraph:
    """Four actors from a Kuzbass story, with Cyrillic labels, aliases, a post and evidence."""
    g = nx.MultiDiGraph()
    g.add_node(
        PERSON,
        label="Илья Середюк",
        type="Person",
        aliases=["Середюк", "И. Середюк"],
        posts=[{"role": "губернатор", "where": "Кузбасс"}],
    )
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


def hostile_graph() -> nx.MultiDiGraph:
    """Nodes named with markup, linked by edges whose evidence and article are markup too."""
    g = nx.MultiDiGraph()
    g.add_node(PLACE, label="Кузбасс", type="Place")
    for n, label in enumerate(HOSTILE):
        node = f"{PERSON}/{n}"
        g.add_node(
            node,
            label=label,
            type="Person",
            aliases=[f"{label} (alias)"],
            posts=[{"role": label, "where": label}],
        )
        evidence = [{"text": f"Сказал {label}.", "article": label, "date": "2025-01-01"}]
        g.add_edge(node, PLACE, predicate="met", weight=1, evidence=evidence)
    return g


def page_data(path: Path) -> dict:
    """The view data a written page carries in its JSON block."""
    found = DATA_BLOCK.search(path.read_text(encoding="utf-8"))
    assert found, "no data block"
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


def click_edge(page: Page, edge: dict) -> str:
    """Click a straight edge at its midpoint on the canvas; return the side panel's text."""
    assert "curve" not in edge, "the midpoint of a curved edge is off the edge"
    page.mouse.click(*screen_point(page, [edge["from"], edge["to"]]))
    assert page.evaluate("network.getSelectedEdges()") == [edge["id"]]
    return page.inner_text("#kg-panel")


def hover(page: Page, ends: list[str]) -> str:
    """Move the mouse onto a node or an edge's midpoint and return the tooltip's text."""
    page.mouse.move(*screen_point(page, ends))
    tip = page.locator("div.vis-tooltip")
    tip.wait_for(state="visible", timeout=5_000)
    return tip.inner_text()


def counts(g: nx.MultiDiGraph) -> dict[str, int]:
    """The counts the page should report for this graph."""
    return {"nodes": g.number_of_nodes(), "edges": g.number_of_edges()}


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory, pipeline) -> Path:
    """The seed article built into a store with `kg build`."""
    store = tmp_path_factory.mktemp("seed") / "kg"
    kg("build", str(ROOT / "seeds"), "--store", str(store))
    return store


@pytest.fixture(scope="module")
def seed_graph(seed_store: Path) -> nx.MultiDiGraph:
    """The seed's actor network as kg.network.graph reads it."""
    from kg.network.graph import actor_graph
    from kg.store import open_store

    ds = open_store(seed_store, create=False)
    try:
        return actor_graph(ds)
    finally:
        ds.close()


def test_page_has_no_remote_references(tmp_path: Path) -> None:
    out = write_view(small_graph(), tmp_path / "view.html", title="Сеть: Кузбасс")
    page = out.read_text(encoding="utf-8")
    assert REMOTE.search(page) is None
    assert "bootstrap" not in page.lower()
    assert "<title>Сеть: Кузбасс</title>" in page
    assert '<meta charset="utf-8">' in page
    # vis-network, the data, the page's own script
    assert len(re.findall(r"^<script\b", page, re.MULTILINE)) == 3


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


def test_markup_is_data_not_markup_in_the_file(tmp_path: Path) -> None:
    out = write_view(hostile_graph(), tmp_path / "view.html", title=HOSTILE[0])
    page = out.read_text(encoding="utf-8")
    for label in HOSTILE:
        assert label not in page
    assert "<img" not in page and "<script>window" not in page
    assert "<title>&lt;script&gt;" in page
    data = page_data(out)  # the JSON block gives back every string as it was
    assert {n["label"] for n in data["nodes"]} == {"Кузбасс", *HOSTILE}
    assert {e["evidence"][0]["article"] for e in data["edges"]} == set(HOSTILE)


def test_view_data_sizes_nodes_by_centrality() -> None:
    g = nx.MultiDiGraph()
    for a, b in [("a", "hub"), ("b", "hub"), ("c", "hub"), ("hub", "d"), ("d", "e")]:
        g.add_edge(a, b, predicate="met", weight=1, evidence=[])
    by_degree = {n["id"]: n["size"] for n in view_data(g)["nodes"]}
    by_between = {n["id"]: n["size"] for n in view_data(g, size_by="betweenness")["nodes"]}
    assert by_degree["hub"] == max(by_degree.values()) > by_degree["d"] > by_degree["a"]
    assert by_between["hub"] > by_between["d"] > by_between["a"] == by_between["e"]
    assert by_degree["e"] == by_degree["a"]
    with pytest.raises(ValueError, match="unknown centrality"):
        view_data(g, size_by="pagerank")


def test_view_data_carries_names_posts_and_evidence() -> None:
    data = view_data(small_graph())
    person = next(n for n in data["nodes"] if n["id"] == PERSON)
    assert person["aliases"] == ["И. Середюк", "Середюк"]
    assert person["posts"] == [{"role": "губернатор", "where": "Кузбасс"}]
    assert person["degree"] == pytest.approx(2 / 3, abs=1e-3) and person["betweenness"] > 0
    edge = next(e for e in data["edges"] if e["predicate"] == "holdsPosition")
    assert edge["evidence"][0] == {
        "text": "Губернатор Кузбасса Илья Середюк.",
        "marks": [],
        "article": "a1",
        "date": "2024-03-01",
    }
    assert [t["name"] for t in data["types"]] == ["Person", "Organization", "Place", "Product"]
    assert [p["name"] for p in data["predicates"]] == ["componentShare", "holdsPosition", "met"]


@pytest.mark.parametrize(
    ("text", "marks", "expected"),
    [
        ("Илья  Середюк\n встретился", [[0, 13]], ("Илья Середюк встретился", [[0, 12]])),
        ("  Путин  и Си", [[2, 7], [11, 13]], ("Путин и Си", [[0, 5], [8, 10]])),
        ("Путин", [[3, 9], [2, 1], ["a", "b"], [1]], ("Путин", [])),
    ],
)
def test_evidence_marks_follow_the_squeezed_text(text, marks, expected) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("a", label="А", type="Person")
    graph.add_node("b", label="Б", type="Person")
    evidence = [{"text": text, "article": "x", "date": None, "marks": marks}]
    graph.add_edge("a", "b", key="met", predicate="met", weight=1, evidence=evidence)
    (edge,) = view_data(graph)["edges"]
    assert (edge["evidence"][0]["text"], edge["evidence"][0]["marks"]) == expected


def test_parallel_edges_curve_to_alternate_sides() -> None:
    g = nx.MultiDiGraph()
    for p in ("met", "signedAgreement", "cooperatesWith"):
        g.add_edge("a", "b", key=p, predicate=p, weight=1, evidence=[])
    curves = [e.get("curve") for e in view_data(g)["edges"]]
    assert curves[0] is None
    assert curves[1] == {"type": "curvedCW", "roundness": 0.25}
    assert curves[2] == {"type": "curvedCCW", "roundness": 0.25}


@pytest.mark.slow
def test_kg_view_filters_like_kg_network(seed_store: Path, seed_graph, tmp_path: Path) -> None:
    out = tmp_path / "v.html"
    kg("view", "--store", str(seed_store), "-o", str(out))
    data = page_data(out)
    assert len(data["nodes"]) == seed_graph.number_of_nodes()
    assert len(data["edges"]) == seed_graph.number_of_edges()
    seredyuk = next(n for n in data["nodes"] if n["id"] == SEREDYUK)
    assert seredyuk["aliases"] == ["Середюк"]
    assert {"role": "губернатор", "where": "Кузбасс"} in seredyuk["posts"]
    kg("view", "--store", str(seed_store), "-o", str(out), "--predicate", "met", "-t", "Person")
    expected = filter_graph(seed_graph, ["met"], ["Person"])
    assert {n["id"] for n in page_data(out)["nodes"]} == set(expected.nodes)
    kg("view", "--store", str(seed_store), "-o", str(out), "--around", "Андрей Конюшко")
    expected = ego(seed_graph, "Андрей Конюшко", 1)
    data = page_data(out)
    assert {n["id"] for n in data["nodes"]} == set(expected.nodes)
    assert len(data["edges"]) == expected.number_of_edges()
    assert data["title"] == "kg: actor network around Андрей Конюшко"


def test_big_graph_gets_positions_and_no_physics(tmp_path: Path) -> None:
    g = nx.MultiDiGraph(nx.gnm_random_graph(600, 900, seed=3, directed=True))
    nx.set_node_attributes(g, {n: f"n{n}" for n in g}, "label")
    data = view_data(g)
    assert data["options"]["physics"]["enabled"] is False
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in data["nodes"])
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) > 590


@pytest.mark.browser
def test_small_graph_draws_offline(tmp_path: Path) -> None:
    g = small_graph()
    out = write_view(g, tmp_path / "view.html")
    requests: list[str] = []
    errors: list[str] = []
    with open_page(out, requests, errors) as page:
        assert wait_ready(page) == counts(g)
        assert page.evaluate("Object.keys(network.getPositions()).length") == 4
        assert page.locator("#mynetwork canvas").count() == 1
        colors = canvas_colors(page)
        assert len(colors) > 20
        for kind in ("Person", "Organization", "Place", "Product"):
            assert rgb(TYPE_COLORS[kind]) in colors, kind
        assert page.locator(".kg-legend li").count() == 4
        assert page.evaluate("id => kgView.nodes.get(id).label", PERSON) == "Илья Середюк"
        assert "4 of 4 nodes · 3 of 3 edges" in page.inner_text("#kg-stats")
        text = hover(page, [PERSON])
        assert "Илья Середюк" in text and "Person" in text and "И. Середюк" in text
        assert "губернатор, Кузбасс" in text
        sizes = page.evaluate("kgView.nodes.get().map(n => n.size)")
        assert max(sizes) > min(sizes)
    assert requests == []
    assert errors == []


@pytest.mark.slow
@pytest.mark.browser
def test_seed_view_clicks_searches_and_filters(seed_store: Path, seed_graph, tmp_path) -> None:
    out = tmp_path / "v.html"
    kg("view", "--store", str(seed_store), "-o", str(out))
    data = page_data(out)
    met = next(
        e
        for e in data["edges"]
        if (e["from"], e["predicate"], e["to"]) == (SEREDYUK, "met", LUKASHENKO)
    )
    (sentence,) = met["evidence"]
    requests: list[str] = []
    errors: list[str] = []
    with open_page(out, requests, errors) as page:
        assert wait_ready(page) == counts(seed_graph)
        assert page.evaluate(
            "[network.body.nodeIndices.length, network.body.edgeIndices.length]"
        ) == [
            seed_graph.number_of_nodes(),
            seed_graph.number_of_edges(),
        ]
        panel = click_edge(page, met)
        assert "Илья Середюк — met — Александр Лукашенко" in panel
        assert " ".join(sentence["text"].split()) in " ".join(panel.split())
        assert "встретился с президентом Беларуси Александром Лукашенко" in panel
        assert "article 000_601ee94027aa536c · 2025-11-10" in panel
        # the two people the relation joins are marked in the sentence, as written
        marks = page.eval_on_selector_all("#kg-panel mark", "ms => ms.map(m => m.textContent)")
        assert marks == ["Илья Середюк", "Александром Лукашенко"]

        page.fill("#kg-search", "середюк")  # an alias, in lower case
        page.press("#kg-search", "Enter")
        page.wait_for_function(f"network.getSelectedNodes()[0] === {json.dumps(SEREDYUK)}")
        panel = page.inner_text("#kg-panel")
        assert "Илья Середюк" in panel and "губернатор, Кузбасс" in panel
        page.fill("#kg-search", "Никто Никакой")
        page.press("#kg-search", "Enter")
        assert page.inner_text("#kg-found") == "not found"

        before = page.evaluate("network.getPositions()")
        page.uncheck("#kg-predicates input[value='holdsPosition']")
        others = [p for p in {d["predicate"] for *_, d in seed_graph.edges(data=True)}]
        others.remove("holdsPosition")
        assert page.evaluate("window.kgCounts") == counts(filter_graph(seed_graph, others))
        page.uncheck("#kg-types input[value='Place']")
        expected = filter_graph(seed_graph, others, ["Person", "Organization", "Product"])
        assert page.evaluate("window.kgCounts") == counts(expected)
        assert page.evaluate("network.body.nodeIndices.length") == expected.number_of_nodes()
        page.fill("#kg-search", "Беларусь")
        page.press("#kg-search", "Enter")
        assert page.inner_text("#kg-found") == "hidden by the filters"
        page.check("#kg-types input[value='Place']")
        page.check("#kg-predicates input[value='holdsPosition']")
        assert page.evaluate("window.kgCounts") == counts(seed_graph)
        after = page.evaluate("network.getPositions()")
        assert after.keys() == before.keys()
        for node, at in before.items():  # the nodes came back where they were
            assert after[node]["x"] == pytest.approx(at["x"], abs=0.5), node
            assert after[node]["y"] == pytest.approx(at["y"], abs=0.5), node
        panel = click_edge(page, met)
        assert sentence["text"][:40] in panel
    assert requests == []
    assert errors == []


@pytest.mark.slow
@pytest.mark.browser
def test_hostile_article_stays_text(tmp_path: Path, pipeline) -> None:
    feed = tmp_path / "feed.jsonl"
    records = [
        {
            "id": HOSTILE[0],
            "date": "2025-11-10",
            "text": "Губернатор Кузбасса Илья Середюк встретился в Кемерове с министром "
            f"промышленности Беларуси Андреем Конюшко {HOSTILE[0]}.",
        },
        {
            "id": HOSTILE[1],
            "date": "2025-11-11",
            "text": f"Директор компании «{HOSTILE[1]}» Пётр Иванов встретился с Ильёй Середюком.",
        },
    ]
    feed.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    store, out = tmp_path / "kg", tmp_path / "v.html"
    kg("build", str(feed), "--store", str(store))
    kg("view", "--store", str(store), "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert "<img" not in text and "<script>window" not in text
    met = {
        payload: next(
            e
            for e in page_data(out)["edges"]
            if e["predicate"] == "met" and e["evidence"][0]["article"] == payload
        )
        for payload in HOSTILE
    }
    requests: list[str] = []
    errors: list[str] = []
    dialogs: list[str] = []
    with open_page(out, requests, errors, dialogs=dialogs) as page:
        wait_ready(page)
        for payload, edge in met.items():
            panel = click_edge(page, edge)
            assert payload in panel  # in the sentence, as text
            assert f"article {payload} · " in panel  # the article id
            assert payload in hover(page, [edge["from"], edge["to"]])
        page.wait_for_timeout(300)
        assert page.evaluate("typeof window.pwned") == "undefined"
        assert page.evaluate("document.querySelectorAll('img').length") == 0
        assert page.evaluate("document.scripts.length") == 3
    assert dialogs == []
    assert requests == []
    assert errors == []


@pytest.mark.browser
def test_hostile_names_stay_text(tmp_path: Path) -> None:
    out = write_view(hostile_graph(), tmp_path / "view.html")
    requests: list[str] = []
    errors: list[str] = []
    dialogs: list[str] = []
    with open_page(out, requests, errors, dialogs=dialogs) as page:
        assert wait_ready(page) == {"nodes": 3, "edges": 2}
        for n, label in enumerate(HOSTILE):
            node = f"{PERSON}/{n}"
            assert page.evaluate("id => kgView.nodes.get(id).label", node) == label
            assert label in hover(page, [node])
            page.mouse.click(*screen_point(page, [node]))
            assert page.inner_text("#kg-panel-title") == label
            assert f"{label}, {label}" in page.inner_text("#kg-panel")  # the post
        options = page.evaluate(
            "Array.from(document.querySelectorAll('#kg-names option'), o => o.value)"
        )
        assert set(HOSTILE) <= set(options)
        page.fill("#kg-search", HOSTILE[1])
        page.press("#kg-search", "Enter")
        assert page.evaluate("network.getSelectedNodes()") == [f"{PERSON}/1"]
        page.wait_for_timeout(300)
        assert page.evaluate("typeof window.pwned") == "undefined"
        assert page.evaluate("document.querySelectorAll('img').length") == 0
        assert page.evaluate("document.scripts.length") == 3
    assert dialogs == []
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
        attrs.update(predicate="met", weight=1, evidence=[{"text": "Встретились.", "article": "a"}])
    out = write_view(g, tmp_path / "view.html")
    requests: list[str] = []
    with open_page(out, requests) as page:
        assert wait_ready(page, timeout=15_000) == {"nodes": 400, "edges": 800}
        placed = page.evaluate("kgView.nodes.get().filter(n => Number.isFinite(n.x + n.y)).length")
        assert placed == 400
        assert len(canvas_colors(page)) > 20
        page.evaluate("network.moveTo({position: network.getPositions(['0'])['0'], scale: 3})")
        assert hover(page, ["0"]).startswith("n0\n")
    assert requests == []


def test_missing_chromium_is_an_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import browser

    monkeypatch.setattr(browser, "chromium_path", lambda: None)
    with (
        pytest.raises(RuntimeError, match="apt-get install chromium"),
        browser.open_page(tmp_path / "x.html"),
    ):
        pass


def test_a_failed_write_leaves_the_previous_page(tmp_path, monkeypatch):
    """A full disk once left a truncated page over the previous good one: the page is written
    beside it and renamed into place, so a failed write keeps the page as it was."""
    page = tmp_path / "view.html"
    g = nx.MultiDiGraph([("a", "b")])
    write_view(g, page)
    good = page.read_text("utf-8")
    real = Path.write_text

    def full_disk(self, data, *args, **kwargs):
        real(self, data[:100], *args, **kwargs)  # part of it written, then no space left
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_text", full_disk)
    with pytest.raises(OSError):
        write_view(nx.MultiDiGraph([("a", "b"), ("b", "c")]), page)
    monkeypatch.undo()
    assert page.read_text("utf-8") == good
    assert sorted(p.name for p in tmp_path.iterdir()) == ["view.html"]
