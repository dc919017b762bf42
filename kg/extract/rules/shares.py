"""Component shares: "Треть комплектующих этой машины произведена в Беларуси"."""

from __future__ import annotations

import re

from kg.extract.bank import prior
from kg.extract.context import Context, place_of_adjective
from kg.extract.tree import evidence_of
from kg.lexicon import shares, words
from kg.model import Entity, Relation
from kg.nlp import Sentence

__all__ = ["find_shares"]

_PERCENT = re.compile(
    r"(?:более|свыше|почти|около)?\s*(?:чем\s+)?на\s+(\d{1,3}(?:[.,]\d+)?)\s*(%|процент\w*)?"
)
_NUMBER = re.compile(r"(\d{1,3}(?:[.,]\d+)?)\s*(%|процент\w*)")


def _share(sent: Sentence) -> float | None:
    for t in sent.tokens:
        if t.lemma in shares():
            return shares()[t.lemma]
    m = _NUMBER.search(sent.text) or _PERCENT.search(sent.text)
    if m:
        value = float(m.group(1).replace(",", ".")) / 100
        if 0 < value <= 1:
            return round(value, 3)
    return None


def _first_named(ctx: Context, si: int, sent: Sentence, type_: str) -> Entity | None:
    """The first entity of a type the sentence names."""
    for t in sent.tokens:
        e = ctx.entity_at(si, t)
        if e is not None and e.type == type_:
            return e
    return None


def _place(ctx: Context, si: int, sent: Sentence) -> Entity | None:
    named = _first_named(ctx, si, sent, "Place")
    if named is not None:
        return named
    for t in sent.tokens:
        place = place_of_adjective(ctx, t.lemma) if t.pos == "ADJ" else None
        if place is not None:
            return place
    return None


def _product(ctx: Context, si: int, sent: Sentence) -> Entity | None:
    named = _first_named(ctx, si, sent, "Product")
    if named is not None:
        return named
    product_nouns = words("products")
    if any(
        t.lemma in product_nouns and any(c.lemma == "этот" for c in sent.children(t.index))
        for t in sent.tokens
    ):
        last = [m for m in ctx.mentions if m.type == "Product" and m.start < sent.start]
        if last:
            return ctx.entities[last[-1].entity_key]
    return None


def find_shares(ctx: Context) -> list[Relation]:
    """componentShare claims: a product, a share of its components and where they are made."""
    parts = words("components")
    out = []
    for si, sent in enumerate(ctx.parsed.sentences):
        if not any(t.lemma in parts for t in sent.tokens):
            continue
        share = _share(sent)
        product = _product(ctx, si, sent) if share is not None else None
        place = _place(ctx, si, sent) if product is not None else None
        if place is not None:
            out.append(
                Relation(
                    "componentShare",
                    product,
                    place,
                    evidence_of(sent),
                    prior("share"),
                    {"share": share},
                    "share",
                )
            )
    return out
