"""The query page served at /: placeholder until the page is written."""

from __future__ import annotations

__all__ = ["query_page"]


def query_page() -> str:
    """The HTML of the query page."""
    return "<!doctype html><title>kg SPARQL</title><p>POST or GET /sparql?query=...</p>"
