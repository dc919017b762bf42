"""SHACL validation of a graph or a store against `ontologies/shapes.ttl`.

The ontology `ontologies/kg.ttl` is mixed into the data graph (pyshacl's `ont_graph`) with no
inference: its `rdfs:subClassOf` axioms are enough for `sh:targetClass sem:Event` to reach a
`kg:Meeting`, since SHACL follows subclass links in the data graph. RDFS inference would be
wrong here as well as slower: the `rdfs:domain kg:Person` of `kg:holdsPosition` would make any
subject of it a person, so a place holding a post would pass. `advanced` mode is on for the one
SHACL-AF SPARQL target in the shapes (offsets against the `#char=s,e` source).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from pathlib import Path

from rdflib import RDFS, BNode, Graph, Literal
from rdflib.namespace import SH, SKOS
from rdflib.term import Node

from kg.errors import ValidationError
from kg.ontology import ONTOLOGY, SHAPES

__all__ = [
    "ValidationResult",
    "Violation",
    "validate",
]


@dataclass(frozen=True)
class Violation:
    """One result of the SHACL report: which node, which property, what is wrong.

    `path` is the result's `sh:resultPath`; a node shape aimed at the subjects (or objects) of
    one property reports none, and then `path` is that property. `label` is the focus node's
    Russian `rdfs:label`, when it has one.
    """

    focus: Node
    path: Node | None
    message: str
    severity: str
    shape: Node | None
    value: Node | None = None
    label: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        """The violation with every term as a string, for JSON."""
        return {
            "focus": str(self.focus),
            "label": self.label,
            "path": None if self.path is None else str(self.path),
            "value": None if self.value is None else str(self.value),
            "message": self.message,
            "severity": self.severity,
            "shape": None if self.shape is None else str(self.shape),
        }


@dataclass
class ValidationResult:
    """Whether the graph conforms, its violations and pyshacl's text report."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    report: str = ""


def _load(path: Traversable, what: str) -> Graph:
    g = Graph()
    try:
        g.parse(data=path.read_text("utf-8"), format="turtle")
    except FileNotFoundError:
        raise ValidationError(f"{path}: no such {what} file") from None
    except OSError as e:
        raise ValidationError(f"{path}: cannot read the {what} ({e.strerror or e})") from None
    except Exception as e:  # rdflib raises parser-specific errors
        raise ValidationError(f"{path}: not valid Turtle ({_syntax(e)})") from None
    return g


def _syntax(e: Exception) -> str:
    why, line = getattr(e, "_why", None), getattr(e, "lines", None)
    if why and isinstance(line, int):
        return f"line {line + 1}: {why}"
    text = " ".join(str(e).split())
    return text[:200] or type(e).__name__


def _label(data: Graph, node: Node) -> str | None:
    for p in (RDFS.label, SKOS.prefLabel):
        labels = [o for o in data.objects(node, p) if isinstance(o, Literal)]
        if labels:
            ru = [o for o in labels if o.language == "ru"]
            return str(sorted(ru or labels)[0])
    return None


def _shape(shapes: Graph, shape: Node | None) -> Node | None:
    """A named shape for a result: the node shape that holds an anonymous property shape."""
    parent = shapes.value(None, SH.property, shape) if isinstance(shape, BNode) else None
    return parent if parent is not None else shape


def _path(shapes: Graph, shape: Node | None, path: Node | None) -> Node | None:
    """The result's path, or the one property whose subjects or objects a node shape checks."""
    if path is not None or shape is None:
        return path
    aims = {
        *shapes.objects(shape, SH.targetSubjectsOf),
        *shapes.objects(shape, SH.targetObjectsOf),
    }
    return aims.pop() if len(aims) == 1 else None


def _violations(report: Graph, data: Graph, shapes: Graph) -> list[Violation]:
    found = []
    for r in report.subjects(SH.resultSeverity, None):
        focus = report.value(r, SH.focusNode)
        severity = report.value(r, SH.resultSeverity)
        messages = sorted(str(m) for m in report.objects(r, SH.resultMessage))
        source = report.value(r, SH.sourceShape)
        found.append(
            Violation(
                focus=focus,
                path=_path(shapes, source, report.value(r, SH.resultPath)),
                message="; ".join(messages),
                severity=str(severity).removeprefix(str(SH)),
                shape=_shape(shapes, source),
                value=report.value(r, SH.value),
                label=_label(data, focus) if focus is not None else None,
            )
        )
    return sorted(found, key=lambda v: (str(v.focus), str(v.path), v.message))


@contextmanager
def _quiet() -> Iterator[None]:
    """pyshacl logs a bad shape to stderr before raising; the error is reported once, by us."""
    log = logging.getLogger("pyshacl-validate")
    was = log.disabled
    log.disabled = True
    try:
        yield
    finally:
        log.disabled = was


def validate(graph: Graph, shapes: Path | None = None) -> ValidationResult:
    """Validate a graph against the kg shapes (or `shapes`), with the ontology mixed in."""
    from pyshacl import validate as shacl
    from pyshacl.errors import ReportableRuntimeError

    shapes_graph = _load(shapes or SHAPES, "shapes")
    ontology = _load(ONTOLOGY, "ontology")
    try:
        with _quiet():
            conforms, report, text = shacl(
                graph,
                shacl_graph=shapes_graph,
                ont_graph=ontology,
                inference="none",
                advanced=True,
            )
    except ReportableRuntimeError as e:
        message = str(getattr(e, "message", e)).strip().splitlines()
        raise ValidationError(f"cannot validate: {message[0] if message else e}") from None
    return ValidationResult(bool(conforms), _violations(report, graph, shapes_graph), str(text))
