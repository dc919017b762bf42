"""A query's own dataset: whether it names one (FROM, FROM NAMED), and which graphs.

SPARQL 1.1 (section 13.2) takes the dataset a query names over the store's: its default
graph is the merge of the FROM graphs (empty when only FROM NAMED is given) and its named
graphs are the FROM NAMED ones. The stores' union default graph applies only to a query that
names no dataset.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rdflib import URIRef

__all__ = ["QueryDataset", "names_dataset", "query_dataset"]

_FROM = re.compile(r"\bFROM\b", re.IGNORECASE)

QueryDataset = tuple[tuple[URIRef, ...], tuple[URIRef, ...]]
"""The FROM graphs and the FROM NAMED graphs of a query."""


@lru_cache(maxsize=256)
def query_dataset(text: str) -> QueryDataset:
    """The graphs a query's FROM and FROM NAMED clauses name (both empty when it names none,
    or is not a query rdflib can read)."""
    if _FROM.search(text) is None:  # no FROM anywhere: nothing to parse
        return (), ()
    from rdflib.plugins.sparql import prepareQuery

    try:
        clauses = prepareQuery(text).algebra.get("datasetClause") or []
    except Exception:  # pyparsing's own errors; the store reports them when it runs the query
        return (), ()
    default = tuple(URIRef(c["default"]) for c in clauses if "default" in c)
    named = tuple(URIRef(c["named"]) for c in clauses if "named" in c)
    return default, named


def names_dataset(text: str) -> bool:
    """Whether a query names its own dataset (a FROM or FROM NAMED clause)."""
    default, named = query_dataset(text)
    return bool(default or named)
