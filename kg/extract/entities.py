"""In-article resolution: mentions grouped into entities with canonical keys and labels."""

from __future__ import annotations

from collections import Counter, defaultdict

from kg.model import Entity, Mention

__all__ = ["person_key", "entity_key", "resolve_entities"]


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").split())


def person_key(normal: str) -> tuple[str, str]:
    """(last, first) of a person's normal form "First Last"; a single word is a surname."""
    parts = _norm(normal).split()
    if len(parts) == 1:
        return parts[0], ""
    return parts[-1], parts[0]


def entity_key(mention: Mention) -> str:
    """The canonical key a mention's entity is minted from (before surname resolution)."""
    if mention.type == "Person":
        last, first = person_key(mention.normal)
        return f"{last}|{first}"
    return _norm(mention.normal)


def resolve_entities(mentions: list[Mention]) -> dict[str, Entity]:
    """Group the mentions of one article into entities; sets `entity_key` on every mention.

    A surname-only mention joins the one full name with that surname in the article; a
    product named anywhere makes every mention of that name a product.
    """
    full_names: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if m.type == "Person" and _first_name_roles(m.normal) != ["first", "middle"]:
            last, first = person_key(m.normal)
            if first:
                full_names[last].add(f"{last}|{first}")
    product_names = {_norm(m.normal) for m in mentions if m.type == "Product"}
    labels: dict[str, Counter] = defaultdict(Counter)
    types: dict[str, str] = {}
    for m in mentions:
        if m.type != "Product" and _norm(m.normal) in product_names:
            m.type = "Product"
        key = entity_key(m)
        if m.type == "Person" and key.endswith("|"):
            last = key[:-1]
            if len(full_names.get(last, ())) == 1:
                key = next(iter(full_names[last]))
            else:
                key = _by_first_name(m.normal, full_names) or key
        elif m.type == "Person":
            key = _by_first_name(m.normal, full_names) or key  # "Бориса Николаевича"
        key = f"{m.type.lower()}:{key}"
        m.entity_key = key
        labels[key][m.normal] += 2 if " " in m.normal else 1
        types[key] = m.type
    return {k: Entity(key=k, label=_best_label(labels[k], types[k]), type=types[k]) for k in labels}


def _first_name_roles(normal: str) -> list[str | None]:
    from kg.extract.mentions import name_role

    return [name_role(w.capitalize()) for w in _norm(normal).split()]


def _by_first_name(normal: str, full_names: dict[str, set[str]]) -> str | None:
    """A first name alone ("Виктором") or with a patronymic ("Бориса Николаевича") joins the
    one full name with that first name in the article."""
    words_ = _norm(normal).split()
    if _first_name_roles(normal) not in (["first"], ["first", "middle"]):
        return None
    fits = {k for keys in full_names.values() for k in keys if k.split("|")[1] == words_[0]}
    return next(iter(fits)) if len(fits) == 1 else None


def _best_label(counts: Counter, type_: str) -> str:
    if type_ == "Person":
        return max(counts, key=lambda s: (len(s.split()) >= 2, counts[s], len(s)))
    return max(counts, key=lambda s: (counts[s], -len(s)))
