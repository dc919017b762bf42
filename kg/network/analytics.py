"""Network analytics over the actor graph: filters, ego networks, centrality, communities and
files for Gephi and friends (GraphML, GEXF, node-link JSON)."""

from __future__ import annotations

import json
from collections.abc import Iterable

import networkx as nx

from kg.errors import NotFound
from kg.model import fold
from kg.network.formats import gexf, graphml

__all__ = [
    "filter_graph",
    "ego",
    "metrics",
    "ranking",
    "to_file",
    "CENTRALITIES",
    "EXACT_BETWEENNESS_LIMIT",
]

CENTRALITIES = ("degree", "betweenness")  # the measures metrics() gives
EXACT_BETWEENNESS_LIMIT = 1000  # above this many nodes betweenness is estimated
_BETWEENNESS_SAMPLES = 500  # sources sampled (fixed seed) for the estimate


def _first_last_dates(data: dict) -> tuple[str | None, str | None]:
    dates = sorted(e["date"] for e in data.get("evidence", []) if e.get("date"))
    return (dates[0], dates[-1]) if dates else (None, None)


def filter_graph(
    g: nx.MultiDiGraph,
    predicates: Iterable[str] | None = None,
    types: Iterable[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    min_weight: int = 1,
) -> nx.MultiDiGraph:
    """The edges that pass every filter (predicate, endpoint types, article dates, number of
    articles), with the nodes they touch.

    >>> g = nx.MultiDiGraph(); g.add_node("a", type="Person"); g.add_node("b", type="Place")
    >>> g.add_edge("a", "b", key="holdsPosition", predicate="holdsPosition", weight=1)
    'holdsPosition'
    >>> filter_graph(g, predicates=["met"]).number_of_edges()
    0
    """
    preds, kinds = set(predicates or []), set(types or [])
    out = nx.MultiDiGraph()
    for s, o, k, data in g.edges(keys=True, data=True):
        first, last = _first_last_dates(data)
        if preds and data.get("predicate") not in preds:
            continue
        if kinds and not (g.nodes[s].get("type") in kinds and g.nodes[o].get("type") in kinds):
            continue
        if (since and (last is None or last < since)) or (
            until and (first is None or first > until)
        ):
            continue
        if data.get("weight", 1) < min_weight:
            continue
        out.add_node(s, **g.nodes[s])
        out.add_node(o, **g.nodes[o])
        out.add_edge(s, o, key=k, **data)
    return out


def ego(g: nx.MultiDiGraph, label: str, depth: int = 1) -> nx.MultiDiGraph:
    """The network within `depth` steps of the entity with this label, or else of the ones
    with it among their aliases (either direction)."""
    wanted = fold(label)
    centre = [n for n, d in g.nodes(data=True) if fold(str(d.get("label", ""))) == wanted]
    centre = centre or [
        n for n, d in g.nodes(data=True) if wanted in {fold(a) for a in d.get("aliases", ())}
    ]
    if not centre:
        raise NotFound(f"no entity labelled {label!r} in the network")
    near: set[str] = set()
    undirected = g.to_undirected(as_view=True)
    for c in centre:
        near |= set(nx.single_source_shortest_path_length(undirected, c, cutoff=depth))
    return g.subgraph(near).copy()


def _simple(g: nx.MultiDiGraph) -> nx.Graph:
    """The undirected simple graph under the network, without edge data, built in a fixed
    order so that Louvain's communities do not depend on the order the network was made in."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(g, key=str))
    simple.add_edges_from(sorted((tuple(sorted((u, v), key=str)) for u, v in g.edges()), key=str))
    return simple


def _betweenness(simple: nx.Graph) -> dict:
    """Exact up to EXACT_BETWEENNESS_LIMIT nodes, else estimated from sampled sources."""
    sampled = _BETWEENNESS_SAMPLES if simple.number_of_nodes() > EXACT_BETWEENNESS_LIMIT else None
    return nx.betweenness_centrality(simple, k=sampled, seed=1)


def metrics(g: nx.MultiDiGraph) -> dict[str, dict[str, float | int]]:
    """Degree and betweenness centrality and a community (Louvain, fixed seed) per node; above
    EXACT_BETWEENNESS_LIMIT nodes betweenness is estimated from 500 sampled sources."""
    simple = _simple(g)
    if simple.number_of_nodes() == 0:
        return {}
    degree = nx.degree_centrality(simple)
    between = _betweenness(simple)
    communities = sorted(
        nx.community.louvain_communities(simple, seed=1),
        key=lambda c: (-len(c), min(map(str, c))),
    )
    community = {n: i for i, members in enumerate(communities) for n in members}
    return {
        n: {
            "degree": round(degree[n], 4),
            "betweenness": round(between[n], 4),
            "community": community[n],
            "links": simple.degree(n),
        }
        for n in simple
    }


def ranking(g: nx.MultiDiGraph, top: int = 20) -> list[dict]:
    """The `top` entities by degree centrality, then betweenness, with their metrics.

    >>> g = nx.MultiDiGraph([("a", "b"), ("a", "c")])
    >>> [(r["id"], r["links"]) for r in ranking(g, 2)]
    [('a', 2), ('b', 1)]
    """
    m = metrics(g)
    rows = [
        {"id": n, "label": g.nodes[n].get("label", n), "type": g.nodes[n].get("type"), **m[n]}
        for n in m
    ]
    rows.sort(key=lambda r: (-r["degree"], -r["betweenness"], r["label"]))
    return rows[:top]


def _flat(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes are all strings or numbers (GraphML and GEXF need that)."""
    m = metrics(g)
    out = nx.MultiDiGraph()
    for n, d in g.nodes(data=True):
        out.add_node(
            n,
            label=str(d.get("label", n)),
            type=str(d.get("type", "")),
            **{k: v for k, v in m.get(n, {}).items()},
        )
    for s, o, k, d in g.edges(keys=True, data=True):
        first, last = _first_last_dates(d)
        out.add_edge(
            s,
            o,
            key=k,
            predicate=str(d.get("predicate", k)),
            weight=int(d.get("weight", 1)),
            first=first or "",
            last=last or "",
            evidence=" | ".join(e["text"] for e in d.get("evidence", [])),
        )
    return out


def to_file(g: nx.MultiDiGraph, fmt: str) -> str:
    """The network as GraphML, GEXF 1.3 or node-link JSON text."""
    flat = _flat(g)
    if fmt == "json":
        return json.dumps(nx.node_link_data(flat, edges="links"), ensure_ascii=False, indent=1)
    return graphml(flat) if fmt == "graphml" else gexf(flat)
