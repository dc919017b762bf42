"""An offline HTML view of the actor network: one self-contained pyvis page."""

from __future__ import annotations

import html
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx
from pyvis.network import Network

from kg.model import ENTITY_TYPES, SYMMETRIC_PREDICATES

__all__ = ["write_view", "escape", "TYPE_COLORS", "OTHER_COLOR", "PHYSICS_LIMIT"]

TYPE_COLORS: dict[str, str] = {
    "Person": "#4e79a7",
    "Organization": "#f28e2b",
    "Place": "#59a14f",
    "Product": "#b07aa1",
}
OTHER_COLOR = "#9d9d9d"
PHYSICS_LIMIT = 300  # above this many nodes positions are precomputed and physics is off

_MAX_EVIDENCE = 8
_MAX_SENTENCE = 400
_MAX_ALIASES = 12
_SPREAD = 35.0  # pixels of component radius per sqrt(node count)
_GAP = 70.0  # pixels between packed components

# vis-network 9 shows a string `title` as plain text, so these helpers (in the page head)
# turn the escaped markup into display copies: tooltips become DOM trees rebuilt from an
# inert <template> with a short tag allowlist, labels become decoded plain text for the
# canvas. The DataSets `nodes` and `edges` keep the escaped strings.
_HEAD_SCRIPT = """<script>
var KG_TAGS = {B: true, I: true, BR: true, DIV: true, SMALL: true};
function kgParse(markup) {
  var tpl = document.createElement("template");
  tpl.innerHTML = String(markup);
  return tpl.content;
}
function kgCopy(src, dst) {
  src.childNodes.forEach(function (n) {
    if (n.nodeType === Node.TEXT_NODE) {
      dst.appendChild(document.createTextNode(n.data));
    } else if (n.nodeType === Node.ELEMENT_NODE) {
      var into = dst;
      if (KG_TAGS[n.nodeName]) {
        into = document.createElement(n.nodeName);
        dst.appendChild(into);
      }
      kgCopy(n, into);
    }
  });
}
function kgTip(markup) {
  var box = document.createElement("div");
  box.className = "kg-tip";
  kgCopy(kgParse(markup), box);
  return box;
}
function kgShown(items) {
  return new vis.DataSet(items.get().map(function (item) {
    var copy = Object.assign({}, item);
    if (typeof item.label === "string") { copy.label = kgParse(item.label).textContent; }
    if (typeof item.title === "string") { copy.title = kgTip(item.title); }
    return copy;
  }));
}
function kgDisplayData(data) {
  window.kgView = {nodes: kgShown(data.nodes), edges: kgShown(data.edges)};
  return window.kgView;
}
function kgWatch(network) {
  network.once("afterDrawing", function () {
    window.kgCounts = {nodes: window.kgView.nodes.length, edges: window.kgView.edges.length};
    window.kgReady = true;
  });
  return network;
}
</script>
"""

_STYLE = """<style>
body { margin: 0; font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; color: #222; }
.kg-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0 1.5em;
           padding: 0.5em 1em; border-bottom: 1px solid #ddd; }
.kg-head h1 { font-size: 1.15em; margin: 0; font-weight: 600; }
.kg-legend { display: flex; gap: 1em; list-style: none; margin: 0; padding: 0; font-size: 0.9em; }
.kg-dot { display: inline-block; width: 0.8em; height: 0.8em; border-radius: 50%;
          margin-right: 0.35em; vertical-align: -0.05em; }
.kg-stats { font-size: 0.85em; color: #666; }
#mynetwork { float: none !important; border: none !important; }
div.vis-tooltip { white-space: normal; max-width: 30em; font-size: 13px; line-height: 1.35; }
.kg-tip div { margin-top: 0.35em; }
.kg-tip small { color: #666; }
</style>
"""

_DRAW_CALL = "network = new vis.Network(container, data, options);"
_CHARSET = '<meta charset="utf-8">'
_ANCHORS = (_DRAW_CALL, _CHARSET, "</head>", "<body>", "<html>")
_REMOTE_TAG = re.compile(
    r"""<link\b[^>]*\bhref\s*=\s*["']?https?://[^>]*>"""
    r"""|<script\b[^>]*\bsrc\s*=\s*["']?https?://[^>]*>\s*</script>""",
    re.IGNORECASE,
)
_REMOTE_REF = re.compile(r"""\b(?:src|href)\s*=\s*["']?\s*https?://""", re.IGNORECASE)
_OLD_VIS_COMMENT = re.compile(r"<!--\s*<link[^>]*node_modules.*?-->", re.DOTALL)
_EMPTY_HEADING = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>\s*")


def escape(text: object) -> str:
    """HTML-escape article text for a label or tooltip (`=` too, so no `src=` survives)."""
    return html.escape(str(text)).replace("=", "&#61;")


def _node_id(node: object) -> str:
    return node if isinstance(node, str) else str(node)


def _fallback_label(node_id: str) -> str:
    return re.split(r"[/#]", node_id.rstrip("/#"))[-1] or node_id


def _node_title(node_id: str, label: str, etype: str, aliases: list[str]) -> str:
    parts = [f"<b>{escape(label)}</b>", escape(etype)]
    if aliases:
        shown = ", ".join(escape(a) for a in aliases[:_MAX_ALIASES])
        more = len(aliases) - _MAX_ALIASES
        parts.append(f"aliases: {shown}" + (f" (+{more})" if more > 0 else ""))
    parts.append(f"<small>{escape(node_id)}</small>")
    # pyvis switches to an innerHTML popup when a node title contains "href".
    return "<br>".join(parts).replace("href", "hre&#102;")


def _evidence_line(item: Mapping[str, Any]) -> str:
    text = " ".join(str(item.get("text") or "").split())
    if len(text) > _MAX_SENTENCE:
        text = text[: _MAX_SENTENCE - 1] + "…"
    source = [str(v) for v in (item.get("article"), item.get("date")) if v]
    where = f" <small>({escape(', '.join(source))})</small>" if source else ""
    return f"<div>«{escape(text)}»{where}</div>"


def _edge_title(src: str, predicate: str, dst: str, weight: int, evidence: list) -> str:
    head = f"<b>{escape(src)}</b> — {escape(predicate)} → <b>{escape(dst)}</b>"
    lines = [head, f"<br><small>weight {escape(weight)}</small>"]
    lines += [_evidence_line(e) for e in evidence[:_MAX_EVIDENCE] if isinstance(e, Mapping)]
    if len(evidence) > _MAX_EVIDENCE:
        lines.append(f"<div><small>and {len(evidence) - _MAX_EVIDENCE} more</small></div>")
    return "".join(lines)


def _positions(ids: list[str], pairs: Iterable[tuple[str, str]]) -> dict[str, tuple[int, int]]:
    """Pixel positions: a spring layout per component, packed in rows; {} if it cannot run."""
    layout_graph = nx.Graph()
    layout_graph.add_nodes_from(ids)
    layout_graph.add_edges_from(sorted({tuple(sorted(p)) for p in pairs if p[0] != p[1]}))
    parts = sorted(
        (sorted(c) for c in nx.connected_components(layout_graph)), key=lambda c: (-len(c), c[0])
    )
    boxes: list[tuple[float, dict[str, tuple[float, float]]]] = []
    for part in parts:
        radius = _SPREAD * math.sqrt(len(part)) if len(part) > 1 else 0.0
        try:
            pos = nx.spring_layout(layout_graph.subgraph(part), seed=1, scale=max(radius, 1.0))
        except ImportError:  # networkx needs scipy to lay out 500+ nodes
            return {}
        boxes.append((2 * radius + _GAP, {n: (float(x), float(y)) for n, (x, y) in pos.items()}))
    row_width = max(boxes[0][0], 1.3 * math.sqrt(sum(side * side for side, _ in boxes)))
    placed: dict[str, tuple[int, int]] = {}
    left = top = row_height = 0.0
    for side, pos in boxes:
        if left and left + side > row_width:
            left, top, row_height = 0.0, top + row_height, 0.0
        for n, (x, y) in pos.items():
            placed[n] = (round(left + side / 2 + x), round(top + side / 2 + y))
        left += side
        row_height = max(row_height, side)
    return placed


def _options(big: bool, physics: bool) -> dict[str, Any]:
    return {
        "nodes": {
            "shape": "dot",
            "borderWidth": 1,
            "font": {
                "size": 14,
                "face": "DejaVu Sans, Arial, sans-serif",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"color": "#9aa5b1", "highlight": "#34495e", "hover": "#34495e"},
            "font": {
                "size": 11,
                "align": "horizontal",
                "color": "#555555",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
            "smooth": {"enabled": not big, "type": "continuous"},
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big},
        "layout": {"randomSeed": 1, "improvedLayout": not big},
        "physics": {
            "enabled": physics,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -6000,
                "springLength": 160,
                "springConstant": 0.03,
                "avoidOverlap": 0.2,
            },
            "stabilization": {"enabled": True, "iterations": 400 if not big else 200, "fit": True},
        },
    }


def _header(title: str, types: Counter[str], n_nodes: int, n_edges: int) -> str:
    entries = [(t, TYPE_COLORS[t]) for t in ENTITY_TYPES if t in TYPE_COLORS]
    if any(t not in TYPE_COLORS for t in types):
        entries.append(("other", OTHER_COLOR))
    legend = "".join(
        f'<li><span class="kg-dot" style="background:{color}"></span>{html.escape(name)}</li>'
        for name, color in entries
    )
    return (
        f'<header class="kg-head"><h1>{escape(title)}</h1>'
        f'<ul class="kg-legend">{legend}</ul>'
        f'<span class="kg-stats">{n_nodes} nodes · {n_edges} edges</span></header>\n'
    )


def _build(graph: nx.MultiDiGraph) -> tuple[Network, Counter[str]]:
    ids = {node: _node_id(node) for node in graph.nodes}
    order = sorted(graph.nodes, key=lambda n: ids[n])
    edges = sorted(
        graph.edges(keys=True, data=True),
        key=lambda e: (ids[e[0]], ids[e[1]], str(e[3].get("predicate", "")), str(e[2])),
    )
    big = len(order) > PHYSICS_LIMIT
    pos = {}
    if big:
        pos = _positions([ids[n] for n in order], [(ids[u], ids[v]) for u, v, _, _ in edges])
    net = Network(height="85vh", width="100%", directed=True, heading="", cdn_resources="in_line")
    net.options = _options(big, physics=not pos)

    labels: dict[Any, str] = {}
    types: Counter[str] = Counter()
    for node in order:
        attrs = graph.nodes[node]
        nid = ids[node]
        label = str(attrs.get("label") or _fallback_label(nid))
        etype = str(attrs.get("type") or "")
        aliases = [str(a) for a in attrs.get("aliases") or () if str(a) != label]
        labels[node] = label
        types[etype] += 1
        extra: dict[str, Any] = {"x": pos[nid][0], "y": pos[nid][1]} if nid in pos else {}
        net.add_node(
            nid,
            label=escape(label),
            title=_node_title(nid, label, etype or "unknown", aliases),
            color=TYPE_COLORS.get(etype, OTHER_COLOR),
            size=round(min(10 + 5 * math.sqrt(graph.degree(node)), 50), 1),
            **extra,
        )

    seen: Counter[frozenset[str]] = Counter()
    for u, v, _key, attrs in edges:
        predicate = str(attrs.get("predicate") or "")
        weight = attrs.get("weight") or 1
        evidence = list(attrs.get("evidence") or [])
        pair = frozenset((ids[u], ids[v]))
        extra = {}
        if seen[pair]:  # fan parallel edges out so each label stays readable
            extra["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.2 * seen[pair]}
        seen[pair] += 1
        if predicate in SYMMETRIC_PREDICATES:
            extra["arrows"] = {"to": {"enabled": False}}
        net.add_edge(
            ids[u],
            ids[v],
            label=escape(predicate),
            title=_edge_title(labels[u], predicate, labels[v], weight, evidence),
            width=1.0 + 0.5 * min(max(int(weight), 1) - 1, 8),
            **extra,
        )
    return net, types


def _finish(page: str, title: str, types: Counter[str], n_nodes: int, n_edges: int) -> str:
    if any(page.count(anchor) != 1 for anchor in _ANCHORS):
        raise RuntimeError("unexpected pyvis page layout; kg.view supports pyvis 0.3.2")
    page = _REMOTE_TAG.sub("", page)
    page = _OLD_VIS_COMMENT.sub("", page)
    page = _EMPTY_HEADING.sub("", page)
    page = page.replace(
        _DRAW_CALL, "network = kgWatch(new vis.Network(container, kgDisplayData(data), options));"
    )
    page = page.replace(_CHARSET, f"{_CHARSET}\n<title>{escape(title)}</title>", 1)
    page = page.replace("</head>", _STYLE + _HEAD_SCRIPT + "</head>", 1)
    page = page.replace("<body>", "<body>\n" + _header(title, types, n_nodes, n_edges), 1)
    page = "<!DOCTYPE html>\n" + page.lstrip().replace("<html>", '<html lang="ru">', 1)
    if _REMOTE_REF.search(page):
        raise RuntimeError("the page still refers to a remote resource")
    return page


def write_view(graph: nx.MultiDiGraph, path: Path, title: str = "kg: actor network") -> Path:
    """Write the graph as one self-contained HTML page that works offline; return its path."""
    path = Path(path)
    net, types = _build(graph)
    page = _finish(net.generate_html(), title, types, len(net.nodes), len(net.edges))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    return path
