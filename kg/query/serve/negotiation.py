"""The media types the endpoint offers, and choosing one by the Accept header's q-values."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["GRAPH_TYPES", "RESULT_TYPES", "TABULAR", "negotiate", "offered_for"]

# Media types offered, in order of preference, and the serialisation each means.
RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
}
TABULAR = {"csv", "tsv"}


def offered_for(form: str) -> dict[str, str]:
    """The media types a query form's results come as, and the serialisation of each."""
    if form in ("CONSTRUCT", "DESCRIBE"):
        return GRAPH_TYPES
    if form == "ASK":
        return {m: f for m, f in RESULT_TYPES.items() if f not in TABULAR}
    return RESULT_TYPES


def _ranges(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for part in accept.split(","):
        mtype, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for p in params:
            name, _, value = p.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        if mtype:
            ranges.append((mtype.lower(), q))
    return ranges


def negotiate(accept: str, offered: Iterable[str]) -> str | None:
    """The offered media type the Accept header likes best (the first offered when it is
    empty), or None when it accepts none of them; the most specific range naming a type gives
    its q-value.

    >>> negotiate("text/*;q=0.5, text/csv;q=0.1", ["text/csv", "text/xml"])
    'text/xml'
    """
    offered = list(offered)
    if not accept.strip():
        return offered[0]
    ranges = _ranges(accept)

    def quality(mtype: str) -> float:
        kind = mtype.split("/")[0] + "/*"
        for pattern in (mtype, kind, "*/*"):
            qs = [q for r, q in ranges if r == pattern]
            if qs:
                return max(qs)
        return 0.0

    best = max(offered, key=lambda m: (quality(m), -offered.index(m)))
    return best if quality(best) > 0 else None
