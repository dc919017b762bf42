"""kg's vocabulary in one place: every namespace, the IRIs of its own graphs, the prefix map
and the SPARQL prologue built from it.

The prefix map names the namespaces kg writes and reads: Turtle, TriG and JSON-LD exports bind
them, and `with_prefixes` declares them for a query (`kg query`, `kg serve`, kg's own queries)
that does not declare them itself.

>>> with_prefixes("SELECT * WHERE { ?s a kg:Person }").startswith("PREFIX kg:")
True
>>> "PREFIX kg:" in with_prefixes("PREFIX kg: <urn:x#>\\nSELECT * WHERE { ?s ?p ?o }")[1:]
True
"""

from __future__ import annotations

import re
from decimal import Decimal

from rdflib import Literal, Namespace
from rdflib.namespace import ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

__all__ = [
    "BASE",
    "KG",
    "ID",
    "VERB",
    "SEM",
    "WGS84",
    "KGSH",
    "GEONAMES",
    "ORG",
    "OWL",
    "PROV",
    "RDF",
    "RDFS",
    "SDO",
    "SKOS",
    "XSD",
    "METADATA_GRAPH",
    "LINKS_GRAPH",
    "PREFIXES",
    "REPORT_PREFIXES",
    "SPARQL_PREFIXES",
    "PROLOGUE",
    "declared_prefixes",
    "with_prefixes",
    "bind_prefixes",
    "local_name",
    "decimal",
    "sparql_string",
    "one_line_end",
]

BASE = "https://w3id.org/kg-ru/"
KG = Namespace(BASE + "ontology#")
"""kg's ontology (`ontologies/kg.ttl`)."""
ID = Namespace(BASE + "id/")
"""kg's own resources: entities, articles, posts, events, claims and graphs."""
VERB = Namespace(BASE + "verb/")
"""Properties minted for open relations (a verb in no lexicon)."""
KGSH = Namespace(BASE + "shapes#")
"""kg's SHACL shapes (`ontologies/shapes.ttl`)."""
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
WGS84 = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
GEONAMES = Namespace("https://sws.geonames.org/")

METADATA_GRAPH = ID["graph/articles"]
"""Where articles' metadata goes on a SPARQL server (Virtuoso has no default graph to write)."""
LINKS_GRAPH = ID["graph/links"]
"""The cross-article `owl:sameAs` links."""

PREFIXES: dict[str, Namespace] = {
    "kg": KG,
    "id": ID,
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "schema": Namespace(str(SDO)),
    "org": Namespace(str(ORG)),
    "prov": Namespace(str(PROV)),
    "skos": Namespace(str(SKOS)),
    "sem": SEM,
    "xsd": Namespace(str(XSD)),
    "owl": Namespace(str(OWL)),
    "geo": WGS84,
}
"""The prefixes kg binds in its exports."""

REPORT_PREFIXES: dict[str, Namespace] = PREFIXES | {"kgsh": KGSH}
"""The prefixes of validation reports: the data's and the shapes'."""

SPARQL_PREFIXES = ("kg", "rdf", "rdfs", "schema", "org", "prov", "skos", "sem", "xsd", "owl", "geo")
"""The prefixes a query may use without declaring them."""

PROLOGUE = "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in SPARQL_PREFIXES)
"""The PREFIX declarations of SPARQL_PREFIXES, one a line."""

# The prologue of a query (SPARQL 1.1, 19.8 [4]-[6]): white space and comments, which end at
# a line feed or a carriage return, and BASE or PREFIX declarations, keywords in any case.
_SKIP = re.compile(r"(?:\s+|#[^\n\r]*)*")
_DECLARATION = re.compile(
    r"(?:BASE\s*<[^>]*>|PREFIX\s+((?:[^\W\d_][\w.-]*)?):\s*<[^>]*>)", re.IGNORECASE
)


def declared_prefixes(text: str) -> set[str]:
    """The prefix names a query declares in its prologue (case kept: `KG:` is not `kg:`);
    a PREFIX in a comment or after the prologue declares nothing."""
    names, pos = set(), 0
    while True:
        pos = _SKIP.match(text, pos).end()
        found = _DECLARATION.match(text, pos)
        if found is None:
            return names
        if found.group(1) is not None:
            names.add(found.group(1))
        pos = found.end()


def with_prefixes(text: str) -> str:
    """The query with a PREFIX line for each of SPARQL_PREFIXES it does not declare itself."""
    declared = declared_prefixes(text)
    missing = [p for p in SPARQL_PREFIXES if p not in declared]
    return "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in missing) + text


def bind_prefixes(graph) -> None:
    """Bind every prefix of PREFIXES on an rdflib graph or dataset, replacing rdflib's own."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)


def local_name(iri: object, namespace: Namespace = KG) -> str:
    """The part of an IRI after a namespace ("https://w3id.org/kg-ru/ontology#met" → "met")."""
    return str(iri).removeprefix(str(namespace))


def decimal(value: float, places: int) -> Literal:
    """An xsd:decimal literal of a number rounded to `places` digits, with a Decimal value so
    that rdflib and SHACL see a well-typed decimal before any round trip."""
    return Literal(Decimal(str(round(float(value), places))), datatype=XSD.decimal)


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}


def sparql_string(value: str, lang: str | None = None) -> str:
    """A SPARQL string literal of exactly `value` (its backslashes, quotes and line ends
    escaped: the four characters a quoted string may not hold as they are), tagged `lang`.

    >>> print(sparql_string('say "hi" } #', "ru"))
    "say \\"hi\\" } #"@ru
    """
    body = "".join(_ESCAPES.get(c, c) for c in value)
    return f'"{body}"' + (f"@{lang}" if lang else "")


def one_line_end(text: str) -> str:
    r"""A query with one kind of line end: a lone carriage return ends a comment for Oxigraph
    but not for rdflib's grammar, so a check and the engine must read the same text.

    >>> one_line_end("a # x\rb\r\nc")
    'a # x\nb\nc'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n")
