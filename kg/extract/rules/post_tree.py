"""post-tree: a title in apposition to a person's name in the dependency tree, where it does
not stand right beside the name ("Середюк, который в 2024 году стал губернатором, ..." aside,
"глава компании, её основатель Иван Орлов")."""

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
        if c.rel == "appos" and is_post(c) and agrees(c, name):
            out.append(claim(ctx, holders, si, person, c, _subtree_after(sent, c), RULE))
    return out
