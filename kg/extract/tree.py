"""Walking a sentence's dependency tree: the tokens of a span, a token's conjuncts and
subtree, and the evidence record of a sentence."""

from __future__ import annotations

from kg.model import Evidence
from kg.nlp import Sentence, Token

__all__ = ["tokens_in", "conjuncts", "subtree", "head_token", "case_of", "evidence_of"]


def tokens_in(sentence: Sentence, start: int, end: int) -> list[Token]:
    """The tokens of a sentence that lie inside [start, end)."""
    return [t for t in sentence.tokens if t.start >= start and t.end <= end]


def conjuncts(sent: Sentence, token: Token) -> list[Token]:
    """Tokens joined to `token` by `conj`, transitively."""
    out, todo = [], [token.index]
    while todo:
        i = todo.pop()
        for c in sent.children(i):
            if c.rel == "conj" and c not in out:
                out.append(c)
                todo.append(c.index)
    return out


def subtree(sent: Sentence, index: int, limit: int = 200) -> list[Token]:
    """A token and everything under it, in text order (guards against cycles)."""
    seen, todo = {index}, [index]
    while todo and len(seen) < limit:
        i = todo.pop()
        for c in sent.children(i):
            if c.index not in seen:
                seen.add(c.index)
                todo.append(c.index)
    return [sent.tokens[i] for i in sorted(seen)]


def head_token(tokens: list[Token]) -> Token:
    """The token of a span whose head lies outside it (the first, when none does)."""
    inside = {t.index for t in tokens}
    for t in tokens:
        if t.head not in inside:
            return t
    return tokens[0]


def case_of(sent: Sentence, token: Token) -> str:
    """The preposition marking a token (its `case` child's lemma), or ""."""
    return next((c.lemma for c in sent.children(token.index) if c.rel == "case"), "")


def evidence_of(sent: Sentence) -> Evidence:
    """The evidence record of a sentence."""
    return Evidence(text=sent.text, start=sent.start, end=sent.end)
