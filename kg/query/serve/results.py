"""kg's own writers of query results, so that every term comes through as it is.

SELECT and ASK as SPARQL JSON, XML, CSV and TSV (rdflib's XML writer drops the literals 0, 0.0
and false, so none of rdflib's result writers is used); CONSTRUCT and DESCRIBE as Turtle,
N-Triples, RDF/XML and JSON-LD through rdflib's graph writers, with kg's prefixes. Rows past
the limit are cut, and a cut SPARQL JSON or XML answer says so in its head: the link
TRUNCATED (`head.link` in JSON, `<link href=.../>` in XML); a cut Turtle or N-Triples graph
starts with a comment saying so.

>>> from rdflib import Literal, XSD
>>> write_select(["n"], [[Literal("0", datatype=XSD.integer)]], "xml", 10)[0].decode()
'...<literal datatype="http://www.w3.org/2001/XMLSchema#integer">0</literal>...'
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from itertools import islice
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.rdf.vocabulary import PREFIXES, RDF, XSD, bind_prefixes

__all__ = ["TRUNCATED", "write_ask", "write_graph", "write_select"]

TRUNCATED = "urn:kg:truncated"
"""The link a cut SPARQL JSON or XML answer carries in its head."""

_PLAIN = {str(XSD.string), str(RDF.langString)}
_SPARQL_NS = "http://www.w3.org/2005/sparql-results#"


def _datatype(term: Literal) -> str | None:
    dt = term.datatype
    return None if dt is None or term.language or str(dt) in _PLAIN else str(dt)


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if isinstance(term, Literal):
        if term.language:
            out["xml:lang"] = term.language
        elif dt := _datatype(term):
            out["datatype"] = dt
    return out


def _xml_term(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{escape(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{escape(str(term))}</bnode>"
    attr = ""
    if isinstance(term, Literal):
        if term.language:
            attr = f" xml:lang={quoteattr(term.language)}"
        elif dt := _datatype(term):
            attr = f" datatype={quoteattr(dt)}"
    return f"<literal{attr}>{escape(str(term))}</literal>"


def _csv_field(term: Node | None) -> str:
    if term is None:
        return ""
    text = f"_:{term}" if isinstance(term, BNode) else str(term)
    if text == "" or any(c in text for c in ',"\r\n'):  # an empty literal is "", unbound is
        return '"' + text.replace('"', '""') + '"'
    return text


def _tsv_term(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    text = (
        str(term)
        .replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )
    if isinstance(term, Literal) and term.language:
        return f'"{text}"@{term.language}'
    if isinstance(term, Literal) and (dt := _datatype(term)):
        return f'"{text}"^^<{dt}>'
    return f'"{text}"'


def _json(variables: list[str], rows: list[Sequence[Node | None]], cut: bool) -> str:
    head: dict[str, list[str]] = {"vars": variables}
    if cut:
        head["link"] = [TRUNCATED]
    bindings = [
        {v: _json_term(t) for v, t in zip(variables, row, strict=True) if t is not None}
        for row in rows
    ]
    return json.dumps({"head": head, "results": {"bindings": bindings}}, ensure_ascii=False)


def _xml(variables: list[str], rows: list[Sequence[Node | None]], cut: bool) -> str:
    out = ['<?xml version="1.0" encoding="utf-8"?>', f'<sparql xmlns="{_SPARQL_NS}">', "<head>"]
    out += [f"<variable name={quoteattr(v)}/>" for v in variables]
    out += [f"<link href={quoteattr(TRUNCATED)}/>"] if cut else []
    out += ["</head>", "<results>"]
    for row in rows:
        out.append("<result>")
        out += [
            f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
            for v, t in zip(variables, row, strict=True)
            if t is not None
        ]
        out.append("</result>")
    out += ["</results>", "</sparql>"]
    return "\n".join(out) + "\n"


def _table(variables: list[str], rows: list[Sequence[Node | None]], fmt: str) -> str:
    if fmt == "csv":
        lines = [",".join(_csv_field(Literal(v)) for v in variables)]
        lines += [",".join(_csv_field(t) for t in row) for row in rows]
        return "".join(line + "\r\n" for line in lines)
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join(_tsv_term(t) for t in row) for row in rows]
    return "".join(line + "\n" for line in lines)


def write_select(
    variables: Sequence[str], rows: Iterable[Sequence[Node | None]], fmt: str, limit: int
) -> tuple[bytes, bool]:
    """SELECT results as `json`, `xml`, `csv` or `tsv`, cut at `limit` rows; and whether cut."""
    variables = [str(v) for v in variables]
    kept = list(islice(rows, limit + 1))
    cut = len(kept) > limit
    kept = kept[:limit]
    if fmt == "json":
        text = _json(variables, kept, cut)
    elif fmt == "xml":
        text = _xml(variables, kept, cut)
    else:
        text = _table(variables, kept, fmt)
    return text.encode("utf-8"), cut


def write_ask(answer: bool, fmt: str) -> bytes:
    """An ASK answer as `json` or `xml`."""
    word = "true" if answer else "false"
    if fmt == "json":
        return f'{{"head": {{}}, "boolean": {word}}}'.encode()
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="{_SPARQL_NS}">\n'
        f"<head/>\n<boolean>{word}</boolean>\n</sparql>\n"
    ).encode()


def write_graph(
    triples: Iterable[tuple[Node, Node, Node]], fmt: str, limit: int
) -> tuple[bytes, bool]:
    """CONSTRUCT or DESCRIBE results as `turtle`, `nt`, `xml` (RDF/XML) or `json-ld`, with kg's
    prefixes, cut at `limit` triples; and whether they were cut."""
    kept = list(islice(triples, limit + 1))
    cut = len(kept) > limit
    graph = Graph()
    bind_prefixes(graph)
    for t in kept[:limit]:
        graph.add(t)
    if fmt == "json-ld":
        context = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
        data = graph.serialize(format="json-ld", context=context, encoding="utf-8")
    else:
        data = graph.serialize(format=fmt, encoding="utf-8")
    if cut and fmt in ("turtle", "nt"):
        data = f"# truncated: the first {limit} triples ({TRUNCATED})\n".encode() + data
    return data, cut
