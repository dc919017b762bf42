"""Cross-article linking: a person named by surname (or initials) in one article is the same
as the one full name with that surname in the whole store, when there is exactly one (or one
that a shared post or far more articles single out).

Links are `owl:sameAs` triples in their own named graph, recomputed from the whole store after
each build, so entity IRIs never change and the links do not depend on the order in which
articles arrived.
"""

from __future__ import annotations

from collections import defaultdict

from rdflib import URIRef

from kg.model import split_person_key
from kg.rdf.vocabulary import LINKS_GRAPH, OWL, PROLOGUE
from kg.store import Store

__all__ = ["person_links", "write_links"]

_PERSONS = (
    PROLOGUE
    + """
SELECT DISTINCT ?e ?key WHERE { GRAPH ?g { ?e a kg:Person ; kg:key ?key } }
"""
)
_ROLES = (
    PROLOGUE
    + """
SELECT DISTINCT ?e ?role WHERE { GRAPH ?g { ?e a kg:Person ; org:holds ?p . ?p kg:role ?role } }
"""
)
_ARTICLES = (
    PROLOGUE
    + """
SELECT ?e (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?e a kg:Person } } GROUP BY ?e
"""
)


def person_links(
    keys: dict[str, str],
    roles: dict[str, set[str]] | None = None,
    articles: dict[str, int] | None = None,
) -> list[tuple[str, str]]:
    """(short, full) IRI pairs: each surname-only or initial-only person key joined to the one
    full name that fits it, from a map of person IRIs to their keys. When several full names
    fit, a post the short one holds ("губернатор Середюк") picks the one holding it too, else
    the one named in many more articles than any other (`articles`: IRI to their number)."""
    roles = roles or {}
    articles = articles or {}
    full: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for iri, key in keys.items():
        last, first = split_person_key(key)
        if len(first) > 1:
            full[last].append((first, iri))
    links = []
    for iri, key in sorted(keys.items()):
        last, first = split_person_key(key)
        if len(first) > 1:
            continue
        fits = sorted({f_iri for f_first, f_iri in full.get(last, []) if f_first.startswith(first)})
        if len(fits) > 1 and roles.get(iri):
            fits = [f for f in fits if roles.get(f, set()) & roles[iri]] or fits
        if len(fits) > 1:
            fits = _dominant(fits, articles)
        if len(fits) == 1:
            links.append((iri, fits[0]))
    return links


DOMINANCE = 3
"""How many times more articles the likeliest full name needs than the next, for a surname
alone to join it ("Обама" is Барак Обама in a store that names Мишель Обама three times
less often)."""


def _dominant(fits: list[str], articles: dict[str, int]) -> list[str]:
    counts = sorted(((articles.get(f, 0), f) for f in fits), reverse=True)
    (top, iri), (second, _) = counts[0], counts[1]
    return [iri] if top >= 2 and top >= DOMINANCE * second else fits


def write_links(store: Store) -> int:
    """Recompute the store's person links; returns how many there are."""
    keys = {str(row.e): str(row.key) for row in store.query(_PERSONS)}
    roles: dict[str, set[str]] = defaultdict(set)
    for row in store.query(_ROLES):
        roles[str(row.e)].add(str(row.role).split()[0])
    articles = {str(row.e): int(row.n) for row in store.query(_ARTICLES)}
    links = person_links(keys, roles, articles)
    triples = []
    for short, full in links:
        triples += [
            (URIRef(short), OWL.sameAs, URIRef(full)),
            (URIRef(full), OWL.sameAs, URIRef(short)),
        ]
    store.replace_graph(LINKS_GRAPH, triples)
    return len(links)
