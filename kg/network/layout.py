"""Positions for big networks, computed before the page opens: one force layout of all the
connected components at once, then the components packed in rows."""

from __future__ import annotations

import math
from collections.abc import Iterable

import networkx as nx
import numpy as np
from scipy.spatial import cKDTree

__all__ = ["UNIT", "force_layout", "layout"]

UNIT = 150.0  # pixels per unit of the force layout, whose ideal edge length is 1
_REACH = 2.0  # nodes repel each other only when closer than this (units)
_GAP = 1.5  # units between packed components


def force_layout(
    edges: np.ndarray, groups: np.ndarray, seed: int = 1, iterations: int = 80
) -> np.ndarray:
    """Fruchterman-Reingold positions (ideal distance 1) of nodes 0..n-1 in their groups.

    Repulsion acts only between nodes of one group closer than _REACH (the grid variant of the
    method), found with a k-d tree, so a step costs O(n log n); groups start apart and never
    meet, since nothing pulls one group towards another."""
    n = len(groups)
    rng = np.random.default_rng(seed)
    sizes = np.bincount(groups)
    sides = np.sqrt(sizes)
    starts = np.concatenate(([0.0], np.cumsum(sides + 4 * _REACH)[:-1]))
    pos = rng.random((n, 2)) * sides[groups][:, None]
    pos[:, 0] += starts[groups]
    temp = sides[groups] / 8  # the largest step of each node, cooling to zero
    cool = temp / iterations
    a, b = (edges[:, 0], edges[:, 1]) if len(edges) else (np.zeros(0, int), np.zeros(0, int))
    for _ in range(iterations):
        disp = np.zeros((n, 2))
        pairs = cKDTree(pos).query_pairs(_REACH, output_type="ndarray")
        pairs = pairs[groups[pairs[:, 0]] == groups[pairs[:, 1]]] if len(pairs) else pairs
        if len(pairs):
            i, j = pairs[:, 0], pairs[:, 1]
            d = pos[i] - pos[j]
            push = d / np.maximum((d * d).sum(1), 1e-4)[:, None]  # 1/distance along d
            for c in (0, 1):
                disp[:, c] += np.bincount(i, push[:, c], n) - np.bincount(j, push[:, c], n)
        if len(a):
            d = pos[a] - pos[b]
            pull = d * np.sqrt((d * d).sum(1))[:, None]  # distance² along d
            for c in (0, 1):
                disp[:, c] += np.bincount(b, pull[:, c], n) - np.bincount(a, pull[:, c], n)
        length = np.maximum(np.sqrt((disp * disp).sum(1)), 1e-9)
        pos += disp * (np.minimum(length, temp) / length)[:, None]
        temp = temp - cool
    return pos


def _pack(pos: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Move each group's box into rows, the groups in their order (largest first)."""
    count = int(groups.max()) + 1
    low = np.full((count, 2), np.inf)
    high = np.full((count, 2), -np.inf)
    np.minimum.at(low, groups, pos)
    np.maximum.at(high, groups, pos)
    boxes = high - low + _GAP
    row_width = max(boxes[0, 0], 1.2 * math.sqrt(float((boxes[:, 0] * boxes[:, 1]).sum())))
    shift = np.zeros((count, 2))
    left = top = row_height = 0.0
    for k in range(count):
        if left and left + boxes[k, 0] > row_width:
            left, top, row_height = 0.0, top + row_height, 0.0
        shift[k] = (left, top) - low[k]
        left += boxes[k, 0]
        row_height = max(row_height, boxes[k, 1])
    return pos + shift[groups]


def layout(ids: list[str], pairs: Iterable[tuple[str, str]]) -> dict[str, tuple[int, int]]:
    """Pixel positions of the nodes `ids` linked by `pairs`: components largest first."""
    if not ids:
        return {}
    graph = nx.Graph()
    graph.add_nodes_from(ids)
    graph.add_edges_from((u, v) for u, v in pairs if u != v)
    parts = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c))
    order = [node for part in parts for node in part]
    index = {node: i for i, node in enumerate(order)}
    groups = np.repeat(np.arange(len(parts)), [len(p) for p in parts])
    edges = np.array(
        sorted(tuple(sorted((index[u], index[v]))) for u, v in graph.edges()), dtype=int
    ).reshape(-1, 2)  # in a fixed order: sums taken in another order would drift apart
    pos = _pack(force_layout(edges, groups), groups) * UNIT
    return {
        node: (round(float(x)), round(float(y))) for node, (x, y) in zip(order, pos, strict=True)
    }
