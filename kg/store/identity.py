"""One real-world entity, one row: the entities the store links with `owl:sameAs` (a surname
alone and the full name it stands for, in another article) shown as one, under the name of the
one with the fullest label, the others' labels among its aliases; and every name an entity goes
by (its label, its aliases, the labels of the entities linked to it) for finding it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.model import fold
from kg.rdf.vocabulary import LINKS_GRAPH, PROLOGUE, sparql_string
from kg.store.base import Store

__all__ = ["Identities", "identities", "names_of"]

_LINKS = (
    PROLOGUE
    + f"""
SELECT DISTINCT ?a ?b ?la ?lb WHERE {{
  GRAPH {LINKS_GRAPH.n3()} {{ ?a owl:sameAs ?b }}
  ?a rdfs:label ?la . ?b rdfs:label ?lb .
}}
"""
)


@dataclass
class Identities:
    """The entities linked to others: each one's canonical IRI and the labels involved."""

    canonical: dict[str, str] = field(default_factory=dict)  # IRI → the group's IRI
    labels: dict[str, str] = field(default_factory=dict)  # IRI → its label
    groups: dict[str, list[str]] = field(default_factory=dict)  # group's IRI → its IRIs
    shown: dict[str, str] = field(default_factory=dict)  # a linked label → the one it shows as

    def iri(self, iri: str) -> str:
        """The IRI an entity is shown under."""
        return self.canonical.get(iri, iri)

    def members(self, iri: str) -> list[str]:
        """The IRIs shown as the entity `iri` is (itself among them)."""
        head = self.iri(iri)
        return self.groups.get(head, [head])

    def label(self, label: str) -> str:
        """The label a linked entity's label is shown as (unchanged when none is linked, or
        when entities of two groups have it)."""
        return self.shown.get(label, label)


def _fullness(label: str) -> tuple[int, int]:
    return len(label.split()), len(label)


def identities(store: Store) -> Identities:
    """The store's linked entities, grouped (`owl:sameAs` in kg's links graph)."""
    out = Identities()
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for row in store.query(_LINKS):
        a, b = str(row.a), str(row.b)
        out.labels[a], out.labels[b] = str(row.la), str(row.lb)
        parent[find(a)] = find(b)
    groups: dict[str, list[str]] = {}
    for iri in out.labels:
        groups.setdefault(find(iri), []).append(iri)
    for members in groups.values():
        head = max(sorted(members), key=lambda i: _fullness(out.labels[i]))
        out.canonical.update({i: head for i in members})
        out.groups[head] = sorted(members)
    heads: dict[str, set[str]] = {}
    for iri, label in out.labels.items():
        heads.setdefault(label, set()).add(out.labels[out.canonical[iri]])
    out.shown = {label: next(iter(h)) for label, h in heads.items() if len(h) == 1}
    return out


def _names_query(name: str) -> str:
    forms = f"{sparql_string(name, 'ru')} {sparql_string(name)}"  # kg's escaping, not n3()
    return (
        PROLOGUE
        + f"""
SELECT DISTINCT ?e ?label WHERE {{
  VALUES ?given {{ {forms} }}
  ?e rdfs:label|skos:altLabel ?given .
  ?e rdfs:label ?label .
}}
"""
    )


def names_of(store: Store, name: str, ids: Identities | None = None) -> set[str]:
    """Every label of the entities a name (a label or an alias) stands for, and of the
    entities linked to them: the names to look that entity up by (the name itself always)."""
    ids = ids if ids is not None else identities(store)
    out = {name}
    for row in store.query(_names_query(name)):
        for iri in ids.members(str(row.e)):
            out.add(ids.labels.get(iri, str(row.label)))
        out.add(str(row.label))
    return {n for n in out if fold(n)}
