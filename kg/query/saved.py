"""Saved SPARQL queries (`ontologies/queries/*.rq`): loading them and running them with parameters.

Each file starts with a comment block::

    # title: Who met whom / Кто с кем встречался
    # description: English description.
    # description: Описание по-русски.
    # param person: what the parameter is

A parameter `NAME` is the variable `?NAME` in the query, and a column of its results.
`run_saved` binds it in a VALUES block opening the WHERE clause, offering the Russian literal
`"value"@ru` and the plain literal `"value"`, each written as an RDF term (quoted and escaped),
never as query text.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable

from rdflib import Variable

from kg.errors import NotFound, QueryError
from kg.ontology import QUERIES
from kg.rdf.vocabulary import sparql_string
from kg.store import Store
from kg.store.base import Rows
from kg.store.identity import identities, names_of

__all__ = [
    "SavedQuery",
    "list_queries",
    "load_query",
    "parse_saved",
    "run_saved",
]


_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")
_PARAM = re.compile(r"param\s+([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.*)")
_HEADER = re.compile(r"#\s*([a-z]+)\b(.*)")
_SELECT = re.compile(r"\bSELECT\b(.*?)\bWHERE\b", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class SavedQuery:
    """A saved query: its name (the file stem), title, description, parameters and text."""

    name: str
    title: str
    description: str
    params: dict[str, str] = field(default_factory=dict)
    text: str = ""


def parse_saved(name: str, text: str) -> SavedQuery:
    """A saved query from the text of a `.rq` file, reading its leading comment block."""
    title = ""
    description: list[str] = []
    params: dict[str, str] = {}
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        m = _HEADER.match(stripped)
        if m is None:
            continue
        key, rest = m.group(1), m.group(2).strip()
        if key == "param":
            p = _PARAM.match(stripped.lstrip("#").strip())
            if p is None:
                raise QueryError(f"{name}: bad parameter line {stripped!r}")
            params[p.group(1)] = p.group(2).strip()
        elif key in ("title", "description") and rest.startswith(":"):
            value = rest[1:].strip()
            if key == "title":
                title = value
            else:
                description.append(value)
    if not title:
        raise QueryError(f"{name}: the query has no '# title:' line")
    projection = _SELECT.search(_strip_comments(text))
    for p in params:
        if projection is None or not re.search(rf"[?$]{p}\b", projection.group(1)):
            raise QueryError(f"{name}: parameter ?{p} must be in the SELECT clause")
    return SavedQuery(name, title, "\n".join(description), params, text)


def _strip_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def _available(folder: Traversable) -> list[str]:
    return sorted(p.name.removesuffix(".rq") for p in folder.iterdir() if p.name.endswith(".rq"))


def list_queries(folder: Traversable = QUERIES) -> list[SavedQuery]:
    """Every saved query in the folder, sorted by name."""
    return [load_query(name, folder) for name in _available(folder)]


def load_query(name: str, folder: Traversable = QUERIES) -> SavedQuery:
    """The saved query called `name` (a file stem such as `who-met-whom`)."""
    if not _NAME.fullmatch(name):
        raise QueryError(
            f"bad saved query name {name!r}: use lowercase letters, digits and '-' "
            "(no paths or extensions)"
        )
    path = folder / f"{name}.rq"
    if not path.is_file():
        names = ", ".join(_available(folder)) or "(none)"
        raise NotFound(f"no saved query {name!r}; available: {names}")
    return parse_saved(name, path.read_text(encoding="utf-8"))


def _bindings(q: SavedQuery, params: Mapping[str, str]) -> dict[Variable, str]:
    unknown = sorted(set(params) - set(q.params))
    if unknown:
        known = ", ".join(sorted(q.params)) or "none"
        raise QueryError(f"{q.name}: unknown parameter(s) {', '.join(unknown)} (it takes: {known})")
    missing = [p for p in q.params if p not in params]
    if missing:
        raise QueryError(f"{q.name}: missing parameter(s) {', '.join(missing)}")
    return {Variable(k): str(v) for k, v in params.items()}


def _with_values(text: str, bindings: Mapping[Variable, set[str]]) -> str:
    """The query with its bindings as a VALUES block opening the WHERE clause; each value is a
    string literal kg writes itself (`sparql_string`: rdflib's `Literal.n3()` escaped a value
    with a newline ending in a backslash and quote wrongly), never raw text. A value is offered
    both as a Russian literal and as a plain one, so labels match either way by index lookup."""
    names = " ".join(v.n3() for v in bindings)
    forms = [
        [t for n in sorted(values) for t in (sparql_string(n, "ru"), sparql_string(n))]
        for values in bindings.values()
    ]
    rows = " ".join("(" + " ".join(row) + ")" for row in itertools.product(*forms))
    block = f"VALUES ({names}) {{ {rows} }}"
    match = re.search(r"\bWHERE\s*\{", text, flags=re.IGNORECASE)
    if match is None:
        raise QueryError("a saved query needs a WHERE clause to bind its parameters")
    return text[: match.end()] + f"\n  {block}\n" + text[match.end() :]


def run_saved(
    store: Store,
    name: str,
    params: Mapping[str, str] | None = None,
    folder: Traversable = QUERIES,
) -> Rows:
    """Run a saved query with its parameters bound; returns the column names and the rows.

    >>> from kg.store import open_store
    >>> with open_store("memory") as store:
    ...     run_saved(store, "positions-of", {"person": "Илья Середюк"})
    (['person', 'role', 'where', 'confidence', 'evidence', 'article'], [])
    """
    q = load_query(name, folder)
    bindings = _bindings(q, params or {})
    try:
        ids = identities(store)
        # a value stands for every name of the entity it names: its aliases, and the labels
        # of the entities linked to it ("Путин" finds Владимир Путин's posts)
        named = {v: names_of(store, value, ids) for v, value in bindings.items()}
        # the bindings go in as a VALUES block opening the WHERE clause, planned with the
        # query: Oxigraph plans a query before it substitutes initBindings (a label lookup
        # became a scan of every label, 0.8 s on a million triples instead of 5 ms), and
        # rdflib sends initBindings to a server as a VALUES block after the query
        head, rows = store.rows(_with_values(q.text, named) if named else q.text)
    except Exception as e:
        msg = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise QueryError(f"{name}: query failed: {msg}") from None
    # linked entities show as one, the fuller-named one; a value offered in several forms
    # may match in more than one
    rows = [[ids.label(v) if v is not None else v for v in r] for r in rows]
    return head, [list(r) for r in dict.fromkeys(tuple(r) for r in rows)]
