"""The `kg` command: build, extract, query, export, view, stats, validate, serve and eval.

Each command group is a module of its own; this one puts them together and maps every
KgError a command raises to its one-line message and exit status, in one place.
"""

from __future__ import annotations

import typer
from typer.core import TyperGroup

from kg.cli.build import build
from kg.cli.evaluate import eval_app
from kg.cli.export import export
from kg.cli.extract import extract
from kg.cli.network import network, view
from kg.cli.output import report_error
from kg.cli.query import entities, query, stats
from kg.cli.serve import serve
from kg.cli.validate import validate
from kg.errors import KgError

__all__ = ["app"]


class _Commands(TyperGroup):
    """kg's commands, with the error map: a KgError is its message on one line and its exit
    status (2 for bad input or usage, 130 for an interruption)."""

    def invoke(self, ctx: typer.Context):
        try:
            return super().invoke(ctx)
        except KgError as e:
            report_error(e)
            raise typer.Exit(e.exit_code) from None


app = typer.Typer(
    cls=_Commands,
    help="kg: a knowledge graph of who met whom, who signed what and who holds which post, "
    "read from Russian news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
for command in (build, extract, query, export, view, network, stats, entities, validate, serve):
    app.command()(command)
app.add_typer(eval_app, name="eval")
