"""Triples and quads written as N-Triples and N-Quads lines: the bulk form every store loads.

>>> from rdflib import Literal, URIRef
>>> to_nquads([(URIRef("urn:a"), URIRef("urn:b"), Literal("x\\ny", lang="ru"))], None)
'<urn:a> <urn:b> "x\\\\ny"@ru .\\n'
"""

from __future__ import annotations

from rdflib import Literal, URIRef

__all__ = ["Triple", "term", "to_nquads"]

Triple = tuple[URIRef, URIRef, object]

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def term(node) -> str:
    """A term in N-Triples syntax: literals on one line, with their escapes."""
    if not isinstance(node, Literal):
        return node.n3()
    text = '"' + str(node).translate(_ESCAPES) + '"'
    if node.language:
        return f"{text}@{node.language}"
    if node.datatype is not None:
        return f"{text}^^<{node.datatype}>"
    return text


def to_nquads(triples: list[Triple], graph: URIRef | None) -> str:
    """Triples as N-Quads in `graph` (N-Triples when `graph` is None)."""
    tail = f" {graph.n3()} .\n" if graph is not None else " .\n"
    return "".join(f"{term(s)} {term(p)} {term(o)}{tail}" for s, p, o in triples)
