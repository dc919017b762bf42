"""The ontology's files as package data: `kg.ttl`, `shapes.ttl`, `context.jsonld`,
`gazetteer.ttl` and the saved queries in `queries/`, from the top-level `ontologies/` folder
(the wheel installs it as `kg.ontologies`)."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

__all__ = ["ONTOLOGIES", "ONTOLOGY", "SHAPES", "CONTEXT", "QUERIES"]

ONTOLOGIES: Traversable = files("kg.ontologies")
ONTOLOGY = ONTOLOGIES / "kg.ttl"
SHAPES = ONTOLOGIES / "shapes.ttl"
CONTEXT = ONTOLOGIES / "context.jsonld"
QUERIES = ONTOLOGIES / "queries"
