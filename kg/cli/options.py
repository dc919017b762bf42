"""Command-line options that several `kg` commands share (inputs, the store, outputs, the
network filters)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.errors import KgError
from kg.model import CORE_PREDICATES, ENTITY_TYPES

__all__ = [
    "entity_type",
    "entity_types",
    "predicates",
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


def entity_type(name: str) -> str:
    """An entity type as the user wrote it, in any letter case, as kg names it; an unknown one
    is an error listing the types."""
    found = {t.lower(): t for t in ENTITY_TYPES}.get(name.lower())
    if found is None:
        raise KgError(f"unknown type {name!r} (one of {', '.join(ENTITY_TYPES)})")
    return found


def entity_types(names: list[str] | None) -> list[str] | None:
    """Entity types as kg names them (see `entity_type`)."""
    return [entity_type(n) for n in names] if names else names


def predicates(names: list[str] | None) -> list[str] | None:
    """Relations of the actor network; an unknown one is an error listing them."""
    for name in names or []:
        if name not in CORE_PREDICATES:
            raise KgError(f"unknown relation {name!r} (one of {', '.join(CORE_PREDICATES)})")
    return names


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
