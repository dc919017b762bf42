"""The ontology's files as package data: `kg.ttl`, `shapes.ttl`, `context.jsonld`,
`gazetteer.ttl` and the saved queries in `queries/`, from the top-level `ontologies/` folder
(the wheel installs it as `kg.ontologies`)."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

__all__ = ["ONTOLOGIES", "ONTOLOGY", "SHAPES", "CONTEXT", "QUERIES"]

# A source checkout reads the folder beside the package, so that an editable install shared
# by several checkouts of the project reads each checkout's own files.
_CHECKOUT = Path(__file__).resolve().parent.parent / "ontologies"
ONTOLOGIES: Traversable = _CHECKOUT if (_CHECKOUT / "kg.ttl").is_file() else files("kg.ontologies")
ONTOLOGY = ONTOLOGIES / "kg.ttl"
SHAPES = ONTOLOGIES / "shapes.ttl"
CONTEXT = ONTOLOGIES / "context.jsonld"
QUERIES = ONTOLOGIES / "queries"
