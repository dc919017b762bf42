"""`kg query`, `kg entities` and `kg stats`: asking the store."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from kg.cli.options import StoreOpt, entity_type
from kg.cli.output import RowsFormat, fail, opened, out, print_rows
from kg.store import DEFAULT_STORE

__all__ = ["TABLE_ROWS", "query", "entities", "stats"]

TABLE_ROWS = 1000  # the most rows `kg query` lays out as a table unless told otherwise
FormatOpt = Annotated[RowsFormat, typer.Option("--format", "-f")]


def _params(param: list[str]) -> dict[str, str]:
    values = {}
    for p in param:
        name, sep, value = p.partition("=")
        if not sep or not name:
            fail(f"--param {p!r}: expected NAME=VALUE")
        values[name] = value
    return values


def query(
    sparql: Annotated[
        str,
        typer.Argument(
            help="A SPARQL query, a path to a .rq file, or the name of a saved query "
            "(`kg query --list`)."
        ),
    ] = "",
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param",
            "-p",
            help="NAME=VALUE for a saved query's parameter; the value "
            "is bound as a literal, never pasted into the query.",
        ),
    ] = None,
    list_saved: Annotated[bool, typer.Option("--list", help="List the saved queries.")] = False,
    store: StoreOpt = DEFAULT_STORE,
    format: FormatOpt = RowsFormat.table,
    max_rows: Annotated[
        int,
        typer.Option(
            "--max-rows",
            min=0,
            help="Most rows the table shows (0: all); csv and json always give every row.",
        ),
    ] = TABLE_ROWS,
) -> None:
    """Run a SPARQL query, or a saved one by name, against the store."""
    from kg.query.saved import list_queries, run_saved
    from kg.query.sparql import run_query

    if list_saved:
        for q in list_queries():
            params = " ".join(f"--param {p}=…" for p in q.params)
            out.print(Text.assemble((q.name, "bold"), f" {params}\n  {q.title}"), highlight=False)
        return
    if not sparql:
        fail("give a query, a .rq file or a saved query's name (see `kg query --list`)")
    values = _params(param or [])
    saved = re.fullmatch(r"[a-z][a-z0-9-]*", sparql) is not None
    text = sparql
    if sparql.endswith(".rq"):
        path = Path(sparql)
        if not path.is_file():
            fail(f"{path}: no such query file")
        text = path.read_text("utf-8")
    with opened(store) as target:
        head, rows = run_saved(target, sparql, values) if saved else run_query(target, text)
    print_rows(format, head, rows, max_rows=max_rows)


def stats(store: StoreOpt = DEFAULT_STORE) -> None:
    """Articles, entities by type and relations by predicate in the store."""
    from kg.query.stats import store_stats

    with opened(store) as target:
        s = store_stats(target)
    print_rows(RowsFormat.table, ["what", "count"], [[k, v] for k, v in s.items()], noun=None)


def entities(
    type: Annotated[
        str | None, typer.Option("--type", "-t", help="Person, Organization, Place or Product.")
    ] = None,
    search: Annotated[str | None, typer.Option("--search", help="Part of a name or alias.")] = None,
    format: FormatOpt = RowsFormat.table,
    store: StoreOpt = DEFAULT_STORE,
) -> None:
    """The resolved entities with their aliases, mention counts and articles."""
    from kg.query.entities import list_entities

    type = entity_type(type) if type else None
    with opened(store) as target:
        found = list_entities(target, type, search)
    if format is RowsFormat.csv:
        head = ["label", "type", "mentions", "articles", "aliases", "id"]
        rows = [
            [r["label"], r["type"], r["mentions"], len(r["articles"]), "|".join(r["aliases"])]
            + [r["id"]]
            for r in found
        ]
    else:
        head = ["label", "type", "mentions", "articles", "aliases"]
        rows = [
            [r["label"], r["type"], r["mentions"], len(r["articles"]), ", ".join(r["aliases"])]
            for r in found
        ]
    noun = "entity" if len(found) == 1 else "entities"
    print_rows(format, head, rows, data=found, noun=noun)
