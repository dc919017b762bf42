"""`kg network` and `kg view`: the actor network ranked, written for Gephi, or drawn as a page."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kg.cli.options import (
    AroundOpt,
    DepthOpt,
    MinWeightOpt,
    OutputOpt,
    PredicateOpt,
    SinceOpt,
    StoreOpt,
    TypeOpt,
    UntilOpt,
    entity_types,
    predicates,
)
from kg.cli.output import RowsFormat, emit, err, fail, opened, out, print_rows
from kg.store import DEFAULT_STORE

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Centrality", "NetworkFormat", "network", "view"]


def _network(
    store: str,
    predicate: list[str] | None,
    types: list[str] | None,
    since: str | None,
    until: str | None,
    min_weight: int,
    around: str | None,
    depth: int,
) -> nx.MultiDiGraph:
    """The actor network of the store, filtered, and cut to the ego network of `around`."""
    from kg.network.analytics import ego, filter_graph
    from kg.network.graph import actor_graph

    predicate, types = predicates(predicate), entity_types(types)
    with opened(store) as target:
        g = actor_graph(target)
    if since or until:
        _say_undated(g)
    g = filter_graph(g, predicate, types, since, until, min_weight)
    return ego(g, around, depth) if around else g


def _say_undated(g: nx.MultiDiGraph) -> None:
    """Say how many relations a date filter cannot place: those read only from undated
    articles."""
    undated = [
        d for _, _, d in g.edges(data=True) if not any(e.get("date") for e in d.get("evidence", []))
    ]
    if undated:
        articles = {e["article"] for d in undated for e in d.get("evidence", [])}
        err.print(
            f"{len(undated)} relation(s) from {len(articles)} undated article(s) cannot be "
            "placed in time and are left out by --since/--until"
        )


class Centrality(StrEnum):
    """The centrality that sizes the view's nodes."""

    degree = "degree"
    betweenness = "betweenness"


def view(
    output: Annotated[Path, typer.Option("--output", "-o")] = Path("out/actors.html"),
    size: Annotated[
        Centrality, typer.Option("--size", help="Node size by this centrality.")
    ] = Centrality.degree,
    predicate: PredicateOpt = None,
    type: TypeOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    min_weight: MinWeightOpt = 1,
    around: AroundOpt = None,
    depth: DepthOpt = 1,
    store: StoreOpt = DEFAULT_STORE,
) -> None:
    """Write the actor network as one self-contained, offline HTML page.

    The filters are `kg network`'s; in the page, click an edge for its evidence, search names
    and filter by relation and entity type."""
    from kg.network.view import write_view

    g = _network(store, predicate, type, since, until, min_weight, around, depth)
    title = f"kg: actor network around {around}" if around else "kg: actor network"
    try:
        write_view(g, output, title=title, size_by=size.value)
    except OSError as e:
        fail(f"cannot write {output}: {e.strerror or e} (the previous page, if any, is kept)")
    out.print(f"wrote {output}: {g.number_of_nodes()} actors, {g.number_of_edges()} relations")


class NetworkFormat(StrEnum):
    """What `kg network` writes."""

    table = "table"
    graphml = "graphml"
    gexf = "gexf"
    json = "json"


def network(
    format: Annotated[NetworkFormat, typer.Option("--format", "-f")] = NetworkFormat.table,
    top: Annotated[int, typer.Option(help="How many entities the ranking shows.")] = 20,
    predicate: PredicateOpt = None,
    type: TypeOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    min_weight: MinWeightOpt = 1,
    around: AroundOpt = None,
    depth: DepthOpt = 1,
    output: OutputOpt = None,
    store: StoreOpt = DEFAULT_STORE,
) -> None:
    """Rank the actor network by centrality, or write it for Gephi (GraphML, GEXF, JSON).

    Filters by relation, entity type, dates and weight; `--around` keeps an ego network;
    communities are Louvain's."""
    from kg.network.analytics import ranking, to_file

    g = _network(store, predicate, type, since, until, min_weight, around, depth)
    summary = f"{g.number_of_nodes()} actors, {g.number_of_edges()} relations"
    if format is not NetworkFormat.table:
        emit(to_file(g, format.value), output, f"wrote {output}: {summary}")
        return
    head = ["label", "type", "links", "degree", "betweenness", "community"]
    rows = [
        [
            r["label"],
            r["type"] or "",
            r["links"],
            f"{r['degree']:.4f}",
            f"{r['betweenness']:.4f}",
            r["community"],
        ]
        for r in ranking(g, top)
    ]
    print_rows(RowsFormat.table, head, rows, noun=None)
    err.print(summary)
