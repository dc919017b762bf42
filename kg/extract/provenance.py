"""Which words each claim was read from: the mention of its subject and of its object in the
evidence sentence, when the sentence names that entity exactly once (with two mentions of it,
or none, as when a post noun or "стороны" stands for it, the claim names no mention rather
than guess one)."""

from __future__ import annotations

from dataclasses import replace

from kg.model import Mention, Relation, TextSpan

__all__ = ["with_mentions"]


def _only_mention(mentions: list[Mention], key: str, start: int, end: int) -> Mention | None:
    inside = [m for m in mentions if m.entity_key == key and start <= m.start and m.end <= end]
    return inside[0] if len(inside) == 1 else None


def _name_only(text: str, start: int, end: int) -> TextSpan:
    """The words of a mention without the abbreviation it gives after itself in brackets
    ("Национального фронта (FN)" → "Национального фронта")."""
    words = text[start:end]
    cut = words.rfind(" (")
    if words.endswith(")") and cut > 0:
        end = start + len(words[:cut].rstrip())
    return TextSpan(text[start:end], start, end)


def with_mentions(relations: list[Relation], mentions: list[Mention], text: str) -> list[Relation]:
    """The relations with the mentions of their subject and object in their evidence added,
    as the article's `text` writes them.

    >>> from kg.model import Entity, Evidence
    >>> a, b = Entity("person:a|", "А", "Person"), Entity("place:б", "Б", "Place")
    >>> r = Relation("locatedIn", a, b, Evidence("А в Бе.", 0, 7), 0.5)
    >>> ms = [Mention(0, 1, "А", "Person", "А", a.key), Mention(4, 6, "Бе", "Place", "Б", b.key)]
    >>> with_mentions([r], ms, "А в Бе.")[0].mentions["object"]
    TextSpan(text='Бе', start=4, end=6)
    >>> _name_only("фронта (FN) и", 0, 11)
    TextSpan(text='фронта', start=0, end=6)
    """
    named = [m for m in mentions if m.entity_key and not m.credit]
    out = []
    for r in relations:
        found = dict(r.mentions)
        for part, entity in (("subject", r.subject), ("object", r.object)):
            if entity is None:
                continue
            m = _only_mention(named, entity.key, r.evidence.start, r.evidence.end)
            if m is not None:
                found[part] = _name_only(text, m.start, m.end)
        out.append(replace(r, mentions=found))
    return out
