"""An offline HTML view of the actor network: the graph as page data, written as one page.

Every string from the articles reaches the page as JSON data and the page script puts it into
the document as text (never as markup), so a name or a sentence cannot become an element."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from kg.model import ENTITY_TYPES, SYMMETRIC_PREDICATES
from kg.network.analytics import CENTRALITIES, metrics
from kg.network.layout import layout
from kg.network.page import page

__all__ = ["write_view", "view_data", "TYPE_COLORS", "OTHER_COLOR", "PHYSICS_LIMIT"]

TYPE_COLORS: dict[str, str] = {
    "Person": "#4e79a7",
    "Organization": "#f28e2b",
    "Place": "#59a14f",
    "Product": "#b07aa1",
}
OTHER_COLOR = "#9d9d9d"
PHYSICS_LIMIT = 300  # above this many nodes positions are precomputed and physics is off

_MIN_SIZE, _MAX_SIZE = 10.0, 40.0  # node radius in pixels, by centrality
_MAX_SENTENCE = 1000  # characters of an evidence sentence kept


def _node_id(node: object) -> str:
    return node if isinstance(node, str) else str(node)


def _fallback_label(node_id: str) -> str:
    return re.split(r"[/#]", node_id.rstrip("/#"))[-1] or node_id


def _sizes(values: Mapping[str, float]) -> dict[str, float]:
    """Node radii: the square root of the centrality over the largest, so area follows it."""
    top = max(values.values(), default=0.0)
    return {
        n: round(_MIN_SIZE + (_MAX_SIZE - _MIN_SIZE) * math.sqrt(v / top), 1)
        if top > 0
        else _MIN_SIZE
        for n, v in values.items()
    }


def _squeezed(text: str, marks: list) -> tuple[str, list[list[int]]]:
    """The text with each run of white space as one space, trimmed and cut to _MAX_SENTENCE,
    and its marks ([start, end] within it) moved to where their words now stand."""
    chars: list[str] = []
    where: list[int] = []  # each old position → the new position of what stands there
    for ch in text:
        where.append(len(chars))
        if not ch.isspace():
            chars.append(ch)
        elif chars and chars[-1] != " ":
            chars.append(" ")
    where.append(len(chars))
    new = "".join(chars).rstrip()
    keep = len(new) if len(new) <= _MAX_SENTENCE else _MAX_SENTENCE - 1
    moved = []
    for mark in marks:
        try:
            a, b = (int(x) for x in mark)
        except (TypeError, ValueError):
            continue
        if 0 <= a < b <= len(text) and where[a] < min(where[b], keep):
            moved.append([where[a], min(where[b], keep)])
    return (new if keep == len(new) else new[:keep] + "…"), sorted(moved)


def _evidence(items: list) -> list[dict[str, Any]]:
    out = []
    for item in items:
        if not isinstance(item, Mapping):
            continue
        text, marks = _squeezed(str(item.get("text") or ""), list(item.get("marks") or ()))
        date = item.get("date")
        out.append(
            {
                "text": text,
                "marks": marks,
                "article": str(item.get("article") or ""),
                "date": date and str(date),
            }
        )
    return out


def _posts(items: list) -> list[dict[str, str]]:
    return [
        {"role": str(p.get("role") or ""), "where": str(p.get("where") or "")}
        for p in items
        if isinstance(p, Mapping) and p.get("role")
    ]


def _options(big: bool, physics: bool) -> dict[str, Any]:
    return {
        "nodes": {
            "shape": "dot",
            "borderWidth": 1,
            "font": {
                "size": 18,
                "face": "DejaVu Sans, Arial, sans-serif",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"color": "#9aa5b1", "highlight": "#c0392b", "hover": "#34495e"},
            "font": {
                "size": 13,
                "align": "horizontal",
                "color": "#555555",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
            "smooth": False,
            "selectionWidth": 2,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
        },
        "layout": {"randomSeed": 1, "improvedLayout": not big},
        "physics": {
            "enabled": physics,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -6000,
                "springLength": 200,
                "springConstant": 0.03,
                "avoidOverlap": 0.5,
            },
            "stabilization": {"enabled": True, "iterations": 400, "fit": True},
        },
    }


def _type_order(types: Counter[str]) -> list[str]:
    known = [t for t in ENTITY_TYPES if t in types]
    return known + sorted(t for t in types if t not in ENTITY_TYPES)


def view_data(
    graph: nx.MultiDiGraph, title: str = "kg: actor network", size_by: str = "degree"
) -> dict[str, Any]:
    """Everything the page shows, as plain data: nodes with their names, posts, metrics, size
    and (above PHYSICS_LIMIT nodes) position, edges with their evidence, and vis options."""
    if size_by not in CENTRALITIES:
        raise ValueError(f"unknown centrality {size_by!r} (one of {', '.join(CENTRALITIES)})")
    ids = {node: _node_id(node) for node in graph.nodes}
    order = sorted(graph.nodes, key=lambda n: ids[n])
    edges = sorted(
        graph.edges(keys=True, data=True),
        key=lambda e: (ids[e[0]], ids[e[1]], str(e[3].get("predicate", "")), str(e[2])),
    )
    measured = metrics(graph)
    sizes = _sizes({n: float(measured.get(n, {}).get(size_by, 0.0)) for n in order})
    big = len(order) > PHYSICS_LIMIT
    pos = layout([ids[n] for n in order], [(ids[u], ids[v]) for u, v, _, _ in edges]) if big else {}

    nodes, types = [], Counter()
    for node in order:
        attrs, nid = graph.nodes[node], ids[node]
        label = str(attrs.get("label") or _fallback_label(nid))
        etype = str(attrs.get("type") or "unknown")
        types[etype] += 1
        item: dict[str, Any] = {
            "id": nid,
            "label": label,
            "type": etype,
            "aliases": sorted({str(a) for a in attrs.get("aliases") or ()} - {label}),
            "posts": _posts(list(attrs.get("posts") or ())),
            **{k: measured.get(node, {}).get(k, 0) for k in ("degree", "betweenness", "community")},
            "size": sizes[node],
        }
        if nid in pos:
            item["x"], item["y"] = pos[nid]
        nodes.append(item)

    links, predicates, seen = [], Counter(), Counter()
    for n, (u, v, _key, attrs) in enumerate(edges):
        predicate = str(attrs.get("predicate") or "")
        predicates[predicate] += 1
        pair = frozenset((ids[u], ids[v]))
        item = {
            "id": f"e{n}",
            "from": ids[u],
            "to": ids[v],
            "predicate": predicate,
            "symmetric": predicate in SYMMETRIC_PREDICATES,
            "weight": int(attrs.get("weight") or 1),
            "evidence": _evidence(list(attrs.get("evidence") or ())),
        }
        if seen[pair]:  # fan parallel edges out, alternating sides, so each stays clickable
            side = "curvedCW" if seen[pair] % 2 else "curvedCCW"
            item["curve"] = {"type": side, "roundness": 0.25 * ((seen[pair] + 1) // 2)}
        seen[pair] += 1
        links.append(item)

    type_names = _type_order(types)
    return {
        "title": title,
        "sizeBy": size_by,
        "types": [
            {"name": t, "color": TYPE_COLORS.get(t, OTHER_COLOR), "count": types[t]}
            for t in type_names
        ],
        "predicates": [{"name": p, "count": predicates[p]} for p in sorted(predicates)],
        "options": _options(big, physics=not big),
        "nodes": nodes,
        "edges": links,
    }


def write_view(
    graph: nx.MultiDiGraph,
    path: Path,
    title: str = "kg: actor network",
    size_by: str = "degree",
) -> Path:
    """Write the graph as one self-contained HTML page that works offline, beside the path and
    renamed into place; return its path.

    >>> import tempfile
    >>> g = nx.MultiDiGraph([("a", "b")])
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     write_view(g, Path(folder) / "view.html").read_text("utf-8").startswith("<!DOCTYPE")
    True
    """
    path = Path(path)
    text = page(view_data(graph, title, size_by))
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")  # beside it, renamed into place once whole:
    try:  # a failed write (a full disk) leaves the previous page as it was
        part.write_text(text, encoding="utf-8")
        part.replace(path)
    finally:
        part.unlink(missing_ok=True)
    return path
