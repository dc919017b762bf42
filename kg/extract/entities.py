"""In-article resolution: mentions grouped into entities with canonical keys and labels.

People are resolved by `kg.extract.people` (full names, surnames, initials and first names
joined, one label a person); other mentions by their normal form. A name that names a product
anywhere in the article is a product everywhere in it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from kg.extract.labels import known_place
from kg.extract.people import resolve_people, same_name
from kg.model import Entity, Mention, entity_key, fold

__all__ = ["resolve_entities"]


def resolve_entities(mentions: list[Mention], text: str = "") -> dict[str, Entity]:
    """Group the mentions of one article into entities; sets `entity_key` on every mention.
    An abbreviation the article defines ("Организация освобождения Палестины (ООП)") names
    the organisation it stands for wherever it comes."""
    product_names = {fold(m.normal) for m in mentions if m.type == "Product"}
    for m in mentions:
        if m.type != "Product" and fold(m.normal) in product_names:
            m.type = "Product"
    defined = _abbreviations(mentions, text)
    for m in mentions:
        full = defined.get(m.normal) if m.type == "Organization" else None
        if full is not None and full != m.normal:
            m.alias, m.normal = m.alias or m.normal, full
    people = resolve_people(mentions)
    places = _place_labels(mentions)
    labels: dict[str, Counter] = defaultdict(Counter)
    types: dict[str, str] = {}
    for i, m in enumerate(mentions):
        if m.type == "Person":
            key = entity_key("Person", people[i])
            labels[key][people[i]] += 1
        elif m.type == "Place":
            key = entity_key("Place", places[i])
            labels[key][places[i]] += 1
        else:
            key = entity_key(m.type, m.normal)
            labels[key][m.normal] += 1
        m.entity_key = key
        types[key] = m.type
    return {
        k: Entity(key=k, label=max(c, key=lambda s: (c[s], -len(s))), type=types[k])
        for k, c in labels.items()
    }


def _place_labels(mentions: list[Mention]) -> dict[int, str]:
    """The label of each place mention's place, by index: one-word names that are forms of
    one another are one place ("Претории", "Претория"), named by the gazetteer's label, else
    as a mention written in the nominative names it, else as most mentions do."""
    groups: list[list[int]] = []
    for i, m in enumerate(mentions):
        if m.type != "Place":
            continue
        word = fold(m.normal)
        group = next(
            (
                g
                for g in groups
                if (fold(mentions[g[0]].normal) == word)
                or (" " not in word and any(same_name(fold(mentions[j].normal), word) for j in g))
            ),
            None,
        )
        if group is None:
            groups.append([i])
        else:
            group.append(i)
    out = {}
    for group in groups:
        names = [mentions[i].normal for i in group]
        known = [n for n in names if known_place(n) == n]
        written = [mentions[i].normal for i in group if mentions[i].nominative]
        counts = Counter(known or written or names)
        label = max(counts, key=lambda s: (counts[s], -len(s)))
        out.update({i: label for i in group})
    return out


_DEFINED = re.compile(r"\s*[»\"]?\s*\(\s*([A-ZА-ЯЁ][A-ZА-ЯЁ0-9-]{1,9})\s*\)")


def _abbreviations(mentions: list[Mention], text: str) -> dict[str, str]:
    """Abbreviations an article defines after an organisation's name, "(ООП)": abbreviation
    → the organisation's label."""
    out: dict[str, str] = {}
    for m in mentions:
        if m.type != "Organization" or " " not in m.normal:
            continue
        inside = _DEFINED.search(m.text)  # NER's span may hold the brackets
        after = _DEFINED.match(text, m.end) if text else None
        found = inside or after
        if found is not None:
            out.setdefault(found.group(1), m.normal)
    return out
