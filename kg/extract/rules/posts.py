"""The posts of an article: the post rules in their order, for each person named.

For each name, the titles before it (post-before-name) and after it (post-after-name); where
neither gives one, apposition in the tree (post-tree); where that gives none either, a verb
(post-verb); and always a participle after the name (post-verb). Then unnamed posts for the
person named before (post-anaphor), state offices completed from the article (post-context),
and a post without an organisation dropped where the same title is known with one. A plural
post before a list of names gives each of them the post (post-plural); a verb gives a post
to "он" or "она" standing for the one person named before (post-verb).
"""

from __future__ import annotations

from kg.extract.context import Context
from kg.extract.rules.post_after import after_name
from kg.extract.rules.post_before import before_name
from kg.extract.rules.post_context import anaphoric_posts, complete_from_context
from kg.extract.rules.post_phrase import Holders, spans
from kg.extract.rules.post_plural import plural_lists
from kg.extract.rules.post_tree import by_tree
from kg.extract.rules.post_verb import by_participle, by_pronoun, by_verb
from kg.model import Relation

__all__ = ["find_posts"]


def _drop_subsumed(found: list[Relation]) -> list[Relation]:
    """A post without an organisation is dropped when the same title is known with one."""
    placed = {(r.subject.key, r.qualifiers["role"]) for r in found if r.object is not None}
    return [
        r
        for r in found
        if r.object is not None or (r.subject.key, r.qualifiers["role"]) not in placed
    ]


def find_posts(ctx: Context) -> tuple[list[Relation], Holders]:
    """holdsPosition claims, and the person each post noun was read for (the arguments of
    later rules: "встретился с губернатором Кузбасса" met the governor)."""
    holders: Holders = {}
    out: list[Relation] = []
    for si, sent in enumerate(ctx.parsed.sentences):
        people = [s for s in spans(ctx, sent) if s.mention.type == "Person"]
        people = [s for s in people if not s.mention.credit]
        for span in people:
            person = ctx.entities[span.mention.entity_key]
            others = {i for s in people if s is not span for i in range(s.first, s.last + 1)}
            found = before_name(ctx, holders, si, span, person, others)
            found += after_name(ctx, holders, si, span, person, others)
            if not found:
                found = by_tree(ctx, holders, si, span, person)
            found += by_verb(ctx, holders, si, span, person)
            found += by_participle(ctx, holders, si, span, person)
            out.extend(found)
        out += plural_lists(ctx, holders, si, people)
        out += by_pronoun(ctx, holders, si)
    out += anaphoric_posts(ctx, holders, out)
    return _drop_subsumed(complete_from_context(ctx, out)), holders
