"""The `kg validate` command: check a store against the SHACL shapes.

Exit status: 0 when the store conforms, 1 when it does not (one line per violation), 2 when it
cannot be checked (no store, unreadable shapes).
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rdflib import Graph
from rdflib.namespace import NamespaceManager
from rdflib.term import Node

from kg.cli.options import StoreOpt
from kg.cli.output import opened
from kg.rdf.shacl import Violation
from kg.rdf.vocabulary import REPORT_PREFIXES
from kg.store import DEFAULT_STORE

__all__ = ["ValidateFormat", "format_violation", "validate"]


class ValidateFormat(StrEnum):
    """How `kg validate` reports."""

    text = "text"
    json = "json"


def _namespaces() -> NamespaceManager:
    nm = NamespaceManager(Graph(bind_namespaces="core"))
    for prefix, ns in REPORT_PREFIXES.items():
        nm.bind(prefix, ns, override=True, replace=True)
    return nm


def _short(node: Node | None, nm: NamespaceManager) -> str:
    if node is None:
        return "-"
    return node.n3(nm) if hasattr(node, "n3") else str(node)


def format_violation(v: Violation, nm: NamespaceManager | None = None) -> str:
    """One line for a violation: the focus node's label (or IRI), the path and the message."""
    nm = nm or _namespaces()
    focus = _short(v.focus, nm)
    who = f"«{v.label}» {focus}" if v.label else focus
    return f"{who}\t{_short(v.path, nm)}\t{v.message}"


def validate(
    store: StoreOpt = DEFAULT_STORE,
    format: Annotated[ValidateFormat, typer.Option("--format", "-f")] = ValidateFormat.text,
    shapes: Annotated[
        Path | None,
        typer.Option("--shapes", help="SHACL shapes (Turtle); default: ontologies/shapes.ttl."),
    ] = None,
) -> None:
    """Check the store against the SHACL shapes; exit 1 on violations, 2 on errors."""
    from kg.rdf.shacl import validate as check

    with opened(store) as target:
        result = check(target.merged_graph(), shapes)
    if format is ValidateFormat.json:
        body = {
            "conforms": result.conforms,
            "violations": [v.as_dict() for v in result.violations],
        }
        sys.stdout.write(json.dumps(body, ensure_ascii=False, indent=1) + "\n")
    else:
        nm = _namespaces()
        for v in result.violations:
            typer.echo(format_violation(v, nm))
        n = len(result.violations)
        summary = "conforms" if result.conforms else f"does not conform: {n} violation(s)"
        typer.echo(summary, err=True)
    if not result.conforms:
        raise typer.Exit(1)
