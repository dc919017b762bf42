"""In-article resolution: mentions grouped into entities with canonical keys and labels."""

from __future__ import annotations

from collections import Counter, defaultdict

from kg.model import Entity, Mention, entity_key, fold, person_name_key

__all__ = ["resolve_entities"]


def resolve_entities(mentions: list[Mention]) -> dict[str, Entity]:
    """Group the mentions of one article into entities; sets `entity_key` on every mention.

    A surname-only mention joins the one full name with that surname in the article; a
    product named anywhere makes every mention of that name a product.
    """
    full_names: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if m.type == "Person" and _first_name_roles(m.normal) != ["first", "middle"]:
            name = person_name_key(m.normal)
            if not name.endswith("|"):
                full_names[name.split("|")[0]].add(name)
    product_names = {fold(m.normal) for m in mentions if m.type == "Product"}
    labels: dict[str, Counter] = defaultdict(Counter)
    types: dict[str, str] = {}
    for m in mentions:
        if m.type != "Product" and fold(m.normal) in product_names:
            m.type = "Product"
        if m.type == "Person":
            name = person_name_key(m.normal)
            if name.endswith("|") and len(full_names.get(name[:-1], ())) == 1:
                name = next(iter(full_names[name[:-1]]))
            else:  # "Виктором", "Бориса Николаевича"
                name = _by_first_name(m.normal, full_names) or name
            key = f"person:{name}"
        else:
            key = entity_key(m.type, m.normal)
        m.entity_key = key
        labels[key][m.normal] += 2 if " " in m.normal else 1
        types[key] = m.type
    return {k: Entity(key=k, label=_best_label(labels[k], types[k]), type=types[k]) for k in labels}


def _first_name_roles(normal: str) -> list[str | None]:
    from kg.extract.mentions import name_role

    return [name_role(w.capitalize()) for w in fold(normal).split()]


def _by_first_name(normal: str, full_names: dict[str, set[str]]) -> str | None:
    """A first name alone ("Виктором") or with a patronymic ("Бориса Николаевича") joins the
    one full name with that first name in the article."""
    words_ = fold(normal).split()
    if _first_name_roles(normal) not in (["first"], ["first", "middle"]):
        return None
    fits = {k for keys in full_names.values() for k in keys if k.split("|")[1] == words_[0]}
    return next(iter(fits)) if len(fits) == 1 else None


def _best_label(counts: Counter, type_: str) -> str:
    if type_ == "Person":
        return max(counts, key=lambda s: (len(s.split()) >= 2, counts[s], len(s)))
    return max(counts, key=lambda s: (counts[s], -len(s)))
