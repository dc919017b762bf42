"""The `kg validate` command: check a store against the SHACL shapes.

Exit status: 0 when the store conforms, 1 when it does not (one line per violation), 2 when it
cannot be checked (no store, unreadable shapes).
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rdflib import Graph
from rdflib.namespace import NamespaceManager
from rdflib.term import Node

from kg.cli.options import StoreOpt
from kg.rdf.iris import KG, SEM
from kg.rdf.shacl import ValidationError, ValidationResult, Violation
from kg.store import DEFAULT_STORE, StoreError

__all__ = ["ValidateFormat", "format_violation", "validate"]


class ValidateFormat(StrEnum):
    """How `kg validate` reports."""

    text = "text"
    json = "json"


def _namespaces() -> NamespaceManager:
    nm = NamespaceManager(Graph(bind_namespaces="core"))
    for prefix, ns in (
        ("kg", KG),
        ("sem", SEM),
        ("kgsh", "https://w3id.org/kg-ru/shapes#"),
        ("org", "http://www.w3.org/ns/org#"),
        ("schema", "https://schema.org/"),
        ("prov", "http://www.w3.org/ns/prov#"),
        ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ):
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


def _error(message: str) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


def _check(store: str, shapes: Path | None) -> ValidationResult:
    from kg.rdf.shacl import validate_store
    from kg.store import open_store

    try:
        ds = open_store(store, create=False, read_only=True)
    except StoreError as e:
        _error(str(e))
    try:
        return validate_store(ds, shapes)
    except ValidationError as e:
        _error(str(e))
    finally:
        ds.close()


def validate(
    store: StoreOpt = DEFAULT_STORE,
    format: Annotated[ValidateFormat, typer.Option("--format", "-f")] = ValidateFormat.text,
    shapes: Annotated[
        Path | None,
        typer.Option("--shapes", help="SHACL shapes (Turtle); default: ontologies/shapes.ttl."),
    ] = None,
) -> None:
    """Check the store against the SHACL shapes; exit 1 on violations, 2 on errors."""
    result = _check(store, shapes)
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
