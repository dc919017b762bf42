"""Command-line options that several `kg` commands share."""

from __future__ import annotations

from typing import Annotated

import typer

__all__ = ["StoreOpt"]

StoreOpt = Annotated[
    str,
    typer.Option(
        "--store",
        "-s",
        help="Store folder (embedded Oxigraph), `memory`, or a SPARQL endpoint URL.",
        envvar="KG_STORE",
    ),
]
