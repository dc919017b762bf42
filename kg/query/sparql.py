"""A SPARQL query against the store, its prefixes declared, its errors in one line."""

from __future__ import annotations

from rdflib.plugins.sparql.parser import parseQuery

from kg.errors import QueryError
from kg.rdf.vocabulary import one_line_end, with_prefixes
from kg.store import Store
from kg.store.base import Rows

__all__ = ["run_query"]


def run_query(store: Store, text: str) -> Rows:
    """Run a SELECT, ASK or CONSTRUCT query; the common prefixes are declared for you.

    >>> from kg.store import open_store
    >>> with open_store("memory") as store:
    ...     run_query(store, "ASK { ?s a kg:Person }")
    (['ask'], [['false']])
    """
    full = with_prefixes(one_line_end(text))  # rdflib's check and Oxigraph read the same
    try:
        parseQuery(full)
    except Exception as e:  # pyparsing raises its own exception types
        msg = str(e).splitlines()[0]
        raise QueryError(f"SPARQL syntax error: {msg}") from None
    try:
        return store.rows(full)
    except Exception as e:
        raise QueryError(
            f"query failed: {str(e).splitlines()[0] if str(e) else type(e).__name__}"
        ) from None
