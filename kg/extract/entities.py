"""In-article resolution: mentions grouped into entities with canonical keys and labels.

People are resolved by `kg.extract.people` (full names, surnames, initials and first names
joined, one label a person); other mentions by their normal form. A name that names a product
anywhere in the article is a product everywhere in it.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from kg.extract.people import resolve_people
from kg.model import Entity, Mention, entity_key, fold

__all__ = ["resolve_entities"]


def resolve_entities(mentions: list[Mention]) -> dict[str, Entity]:
    """Group the mentions of one article into entities; sets `entity_key` on every mention."""
    product_names = {fold(m.normal) for m in mentions if m.type == "Product"}
    for m in mentions:
        if m.type != "Product" and fold(m.normal) in product_names:
            m.type = "Product"
    people = resolve_people(mentions)
    labels: dict[str, Counter] = defaultdict(Counter)
    types: dict[str, str] = {}
    for i, m in enumerate(mentions):
        if m.type == "Person":
            key = entity_key("Person", people[i])
            labels[key][people[i]] += 1
        else:
            key = entity_key(m.type, m.normal)
            labels[key][m.normal] += 1
        m.entity_key = key
        types[key] = m.type
    return {
        k: Entity(key=k, label=max(c, key=lambda s: (c[s], -len(s))), type=types[k])
        for k, c in labels.items()
    }
