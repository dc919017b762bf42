"""`kg export`: the store, or one article, as Turtle, TriG, N-Quads or JSON-LD."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from kg.cli.options import OutputOpt, StoreOpt
from kg.cli.output import err, opened, writing
from kg.store import DEFAULT_STORE

__all__ = ["ExportFormat", "export"]


class ExportFormat(StrEnum):
    """The RDF syntaxes `kg export` writes."""

    turtle = "turtle"
    trig = "trig"
    nquads = "nquads"
    jsonld = "jsonld"


def export(
    format: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.turtle,
    output: OutputOpt = None,
    article: Annotated[
        str | None, typer.Option("--article", "-a", help="Only this article (its id).")
    ] = None,
    store: StoreOpt = DEFAULT_STORE,
) -> None:
    """Write the store, or one article, as Turtle, TriG, N-Quads or JSON-LD.

    Turtle merges the graphs; TriG and N-Quads keep one named graph per article; JSON-LD is
    compacted with ontologies/context.jsonld."""
    from kg.export.serialize import write

    with opened(store) as target, writing(output, binary=True) as stream:
        write(target, format.value, stream, article)
    if output:
        err.print(f"wrote {output}")
