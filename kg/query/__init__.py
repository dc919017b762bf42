"""Asking the store: SPARQL queries, saved queries, statistics, entities and the endpoint."""
