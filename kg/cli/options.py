"""Command-line options that several `kg` commands share (inputs, the store, outputs, the
network filters)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

__all__ = [
    "PathsArg",
    "StrictOpt",
    "OutputOpt",
    "StoreOpt",
    "PredicateOpt",
    "TypeOpt",
    "SinceOpt",
    "UntilOpt",
    "MinWeightOpt",
    "AroundOpt",
    "DepthOpt",
]

PathsArg = Annotated[
    list[Path], typer.Argument(help="Files (.txt, .html, .jsonl) and folders of them.")
]
StrictOpt = Annotated[
    bool, typer.Option("--strict", help="Stop at the first unreadable article (exit 2).")
]
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Write here.")]

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
