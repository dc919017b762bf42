"""post-tree: a title in apposition to a person's name in the dependency tree, where the
sentence does not set it right beside the name ("Иван Петров — управляющий директор
агентства Kollektiv"), unless the title has a name of its own ("Иван Петров, известный
правозащитник Лев Пономарев": the post is Пономарев's)."""

from __future__ import annotations

from kg.extract.context import Context
from kg.extract.rules.post_phrase import QUOTES, Holders, Span, agrees, is_post, name_token
from kg.extract.rules.post_phrase import post_claim as claim
from kg.extract.tree import subtree
from kg.model import Entity, Relation
from kg.nlp import Sentence, Token

__all__ = ["RULE", "by_tree"]

RULE = "post-tree"


def _subtree_after(sent: Sentence, post: Token, limit: int = 10) -> list[Token]:
    """The contiguous run of the post's dependents that follows it."""
    below = {t.index for t in subtree(sent, post.index)}
    run = []
    for t in sent.tokens[post.index + 1 : post.index + 1 + limit]:
        if t.index not in below or t.pos == "PUNCT" and t.text not in QUOTES:
            break
        run.append(t)
    return run


def _names_other(ctx: Context, si: int, post: Token, person: Entity) -> bool:
    """Whether a post noun has another person's name of its own ("известный правозащитник
    Лев Пономарев"): the post is that person's."""
    sent = ctx.parsed.sentences[si]
    for c in sent.children(post.index):
        e = ctx.entity_at(si, c)
        if e is not None and e.type == "Person" and e != person:
            return True
    return False


def by_tree(ctx: Context, holders: Holders, si: int, span: Span, person: Entity) -> list[Relation]:
    """Apposition in the tree between a person's name and a post noun."""
    sent = ctx.parsed.sentences[si]
    name = name_token(ctx, si, sent, span)
    if name is None:
        return []
    out = []
    parent = sent.head_of(name.index)
    if name.rel == "appos" and parent is not None and is_post(parent) and agrees(parent, name):
        out.append(claim(ctx, holders, si, person, parent, _subtree_after(sent, parent), RULE))
    for c in sent.children(name.index):
        if (
            c.rel == "appos"
            and is_post(c)
            and agrees(c, name)
            and not _names_other(ctx, si, c, person)
        ):
            out.append(claim(ctx, holders, si, person, c, _subtree_after(sent, c), RULE))
    return out
