"""Posts completed from the rest of the article.

post-context: a state office with no place named ("Премьер-министр Владимир Путин") is held in
the country (region, city) the article is about. post-anaphor: a post with no name that acts
in its sentence ("Об этом нынешний российский президент заявил журналистам") stands for the
person named last before it, when the post has its place."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from kg.extract.bank import prior
from kg.extract.context import Context
from kg.extract.rules.post_phrase import is_post, phrase_after, post_claim, state_posts
from kg.lexicon import table
from kg.lexicon.gazetteer import lookup
from kg.model import Entity, Relation

__all__ = ["CONTEXT_RULE", "ANAPHOR_RULE", "complete_from_context", "anaphoric_posts"]

CONTEXT_RULE = "post-context"
ANAPHOR_RULE = "post-anaphor"


def _dominant_places(ctx: Context) -> dict[str, Entity]:
    """The country, region and city an article is about: by kind, the only gazetteer place
    named, or the one named most often if at least twice and more often than any other."""
    counts: dict[str, Counter] = {}
    for m in ctx.mentions:
        if m.type != "Place" or m.entity_key is None:
            continue
        place = lookup(ctx.entities[m.entity_key].label)
        if place is not None:
            counts.setdefault(place.kind, Counter())[m.entity_key] += 1
    out = {}
    for kind, c in counts.items():
        top = c.most_common(2)
        if len(top) == 1 or (top[0][1] >= 2 and top[0][1] > top[1][1]):
            out[kind] = ctx.entities[top[0][0]]  # the only one named, or clearly the main one
    return out


def complete_from_context(ctx: Context, found: list[Relation]) -> list[Relation]:
    """The posts, a state office with no place read as held in the article's place of its
    kind, with the rule's lower confidence."""
    kinds = state_posts()
    place_nouns = table("place_nouns")
    places = None
    out = []
    for r in found:
        words_ = r.qualifiers.get("role", "").split()
        # "глава государства", "мэр города": the title itself says what kind of place
        kind = next((place_nouns[w] for w in words_[1:] if w in place_nouns), None)
        kind = kind or (kinds.get(words_[0]) if words_ else None)
        if r.object is None and kind:
            places = places if places is not None else _dominant_places(ctx)
            where = places.get(kind)
            if where is not None and where != r.subject:
                r = replace(r, object=where, confidence=prior(CONTEXT_RULE), rule=CONTEXT_RULE)
        out.append(r)
    return out


def _contradicts(rel: Relation, found: list[Relation]) -> bool:
    """Whether the person already holds the same title somewhere else ("президент Ирана"
    read for Рухани: "президент САР" two sentences on is someone else)."""
    title = str(rel.qualifiers.get("role", "")).split()[-1:]
    return any(
        r.subject.key == rel.subject.key
        and r.object is not None
        and r.object.key != rel.object.key
        and str(r.qualifiers.get("role", "")).split()[-1:] == title
        for r in found
    )


def anaphoric_posts(ctx: Context, holders: dict, found: list[Relation]) -> list[Relation]:
    """Posts with no name that act in their sentence, for the person named last before them
    in an earlier sentence (`holders`: the post nouns other rules read already), unless the
    person holds that title elsewhere by the posts `found` so far."""
    out: list[Relation] = []
    people = [m for m in ctx.mentions if m.type == "Person" and not m.credit and m.entity_key]
    for si, sent in enumerate(ctx.parsed.sentences):
        for t in sent.tokens:
            if (
                not is_post(t)
                or t.pos == "ADJ"
                or t.rel != "nsubj"
                or t.feats.get("Number") == "Plur"
                or (si, t.index) in holders
            ):
                continue  # "представители партии" are not one named person
            if any(ctx.mention_at(si, c) for c in sent.children(t.index) if c.rel == "appos"):
                continue
            before = [m for m in people if sent.start - 400 <= m.start < t.start]
            if not before or any(m.start >= sent.start for m in before):
                continue  # the name must come from an earlier sentence, with none in between
            phrase = phrase_after(sent, t)
            if any((m := ctx.mention_at(si, x)) is not None and m.type == "Person" for x in phrase):
                continue  # "заместитель главы генерала Кердпола": a post of someone named here
            if len({m.entity_key for m in before}) > 1:
                continue  # two people named before: which one the title is, the text leaves open
            person = ctx.entities[before[-1].entity_key]
            # a guess: its post noun is not recorded as standing for the person
            rel = post_claim(ctx, {}, si, person, t, phrase, ANAPHOR_RULE)
            if rel.object is not None and not _contradicts(rel, found + out):
                out.append(rel)
    return out
