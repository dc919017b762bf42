"""Precomputed positions for big networks: deterministic, components apart, neighbours near."""

from __future__ import annotations

import math

import networkx as nx

from kg.network.layout import UNIT, layout


def ids_and_pairs(g: nx.Graph) -> tuple[list[str], list[tuple[str, str]]]:
    """A graph's nodes and edges as strings, the way the view hands them over."""
    return [str(n) for n in g], [(str(u), str(v)) for u, v in g.edges()]


def boxes(pos: dict[str, tuple[int, int]], parts: list[set[str]]) -> list[tuple[int, ...]]:
    """The bounding box (left, top, right, bottom) of each part."""
    out = []
    for part in parts:
        xs = [pos[n][0] for n in part]
        ys = [pos[n][1] for n in part]
        out.append((min(xs), min(ys), max(xs), max(ys)))
    return out


def test_positions_are_deterministic_integers() -> None:
    ids, pairs = ids_and_pairs(nx.gnm_random_graph(300, 500, seed=2))
    first = layout(ids, pairs)
    assert first == layout(list(reversed(ids)), list(reversed(pairs)))
    assert set(first) == set(ids)
    assert all(isinstance(v, int) for xy in first.values() for v in xy)
    assert layout([], []) == {}


def test_components_do_not_overlap() -> None:
    g = nx.disjoint_union_all(
        [nx.barabasi_albert_graph(200, 2, seed=1), nx.cycle_graph(30), nx.path_graph(5)]
        + [nx.path_graph(2) for _ in range(40)]
        + [nx.empty_graph(1) for _ in range(20)]
    )
    ids, pairs = ids_and_pairs(g)
    pos = layout(ids, pairs)
    parts = [{str(n) for n in c} for c in nx.connected_components(g)]
    placed = boxes(pos, parts)
    for i, a in enumerate(placed):
        for b in placed[i + 1 :]:
            assert a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1], (a, b)


def test_neighbours_are_nearer_than_strangers() -> None:
    g = nx.connected_caveman_graph(12, 8)  # twelve cliques in a ring
    ids, pairs = ids_and_pairs(g)
    pos = layout(ids, pairs)

    def dist(u: str, v: str) -> float:
        return math.dist(pos[u], pos[v])

    linked = sum(dist(u, v) for u, v in pairs) / len(pairs)
    strangers = [(u, v) for u in ids for v in ids if u < v and not g.has_edge(int(u), int(v))]
    apart = sum(dist(u, v) for u, v in strangers) / len(strangers)
    assert linked < 2 * UNIT
    assert apart > 2.5 * linked
    assert min(dist(u, v) for u in ids for v in ids if u < v) > 0.1 * UNIT
