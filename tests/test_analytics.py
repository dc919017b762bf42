"""Network analytics: filters, ego networks, metrics, and files Gephi can read."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from kg.errors import NotFound
from kg.network.analytics import ego, filter_graph, metrics, ranking, to_file


@pytest.fixture
def g() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    people = {"a": "Илья Середюк", "b": "Андрей Конюшко", "c": "Александр Лукашенко"}
    for n, label in people.items():
        g.add_node(n, label=label, type="Person")
    g.add_node("k", label="Кузбасс", type="Place")
    g.add_node("x", label="Далёкий", type="Person")
    g.add_node("y", label="Ещё дальше", type="Person")

    def edge(s, o, p, w=1, date="2025-11-10"):
        g.add_edge(
            s,
            o,
            key=p,
            predicate=p,
            weight=w,
            evidence=[{"text": f"{s} {p} {o}", "article": "t", "date": date}],
        )

    edge("a", "b", "met", 2, "2025-11-03")
    edge("a", "c", "met", 1, "2025-06-01")
    edge("a", "k", "holdsPosition")
    edge("c", "x", "met", 1, "2024-01-01")
    edge("x", "y", "met")
    return g


def test_filters(g):
    assert filter_graph(g, predicates=["holdsPosition"]).number_of_edges() == 1
    assert set(filter_graph(g, types=["Person"]).nodes) == {"a", "b", "c", "x", "y"}
    assert filter_graph(g, since="2025-01-01", until="2025-12-31").number_of_edges() == 4
    assert filter_graph(g, min_weight=2).number_of_edges() == 1


def test_ego_network_by_label(g):
    assert set(ego(g, "Илья Середюк", 1).nodes) == {"a", "b", "c", "k"}
    assert set(ego(g, "илья середюк", 2).nodes) == {"a", "b", "c", "k", "x"}
    with pytest.raises(NotFound):
        ego(g, "Никто")


def test_metrics_and_ranking(g):
    m = metrics(g)
    assert m["a"]["links"] == 3 and m["a"]["degree"] == pytest.approx(3 / 5, abs=1e-3)
    assert m["c"]["betweenness"] > m["b"]["betweenness"] == 0
    assert ranking(g, 2)[0]["label"] == "Илья Середюк"
    assert len({m[n]["community"] for n in m}) >= 2


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_files_read_back(g, fmt, tmp_path):
    path = tmp_path / f"g.{fmt}"
    path.write_text(to_file(g, fmt), "utf-8")
    if fmt == "json":
        back = nx.node_link_graph(json.loads(path.read_text("utf-8")), edges="links")
    else:
        back = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path, version="1.3")
    assert back.number_of_nodes() == 6 and back.number_of_edges() == 5
    labels = {d.get("label") for _, d in back.nodes(data=True)}
    assert "Илья Середюк" in labels


def test_betweenness_is_estimated_on_big_networks():
    from kg.network.analytics import EXACT_BETWEENNESS_LIMIT

    star = nx.MultiDiGraph()
    for leaf in range(EXACT_BETWEENNESS_LIMIT + 100):
        star.add_edge("hub", leaf, predicate="met", weight=1, evidence=[])
    m = metrics(star)
    assert m["hub"]["betweenness"] == pytest.approx(1.0, abs=0.05)
    assert m["hub"]["degree"] == 1.0 and m[0]["betweenness"] == 0
