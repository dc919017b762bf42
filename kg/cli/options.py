"""Command-line options that several `kg` commands share (the store, the network filters)."""

from __future__ import annotations

from typing import Annotated

import typer

__all__ = [
    "StoreOpt",
    "PredicateOpt",
    "TypeOpt",
    "SinceOpt",
    "UntilOpt",
    "MinWeightOpt",
    "AroundOpt",
    "DepthOpt",
]

StoreOpt = Annotated[
    str,
    typer.Option(
        "--store",
        "-s",
        help="Store folder (embedded Oxigraph), `memory`, or a SPARQL endpoint URL.",
        envvar="KG_STORE",
    ),
]

PredicateOpt = Annotated[list[str] | None, typer.Option(help="Only these relations.")]
TypeOpt = Annotated[list[str] | None, typer.Option("--type", "-t", help="Only these entity types.")]
SinceOpt = Annotated[str | None, typer.Option(help="Articles from this date (YYYY-MM-DD).")]
UntilOpt = Annotated[str | None, typer.Option(help="Articles up to this date.")]
MinWeightOpt = Annotated[int, typer.Option(help="Relations stated in at least this many articles.")]
AroundOpt = Annotated[
    str | None, typer.Option(help="Only the network around this entity (its label).")
]
DepthOpt = Annotated[int, typer.Option(help="Steps from --around.")]
