"""The phase of a post: begun ("назначен директором", "стал капитаном", "возглавил «Ромашку»")
or ended ("покинул должность директора", "освободил от должности", "бывший министр", "подал
в отставку"), read from the verb that governs the title or from a former prefix
(kg/lexicon/phase_verbs.tsv, former_words.tsv). A title that is the subject of its verb
("министр заявил") has no phase but one the verb's resignation gives."""

from __future__ import annotations

from kg.extract.context import Context
from kg.extract.tree import tokens_in
from kg.lexicon import table, words
from kg.model import Relation
from kg.nlp import Sentence, Token

__all__ = ["with_phases", "phase_of"]

_COMPLEMENTS = ("xcomp", "obl", "obj", "nmod", "iobj")


def _governing_verb(sent: Sentence, token: Token) -> Token | None:
    """The verb whose complement the title is, through a seat noun ("занял пост премьера")."""
    t, hops = token, 0
    while t.rel in _COMPLEMENTS and t.head >= 0 and hops < 3:
        head = sent.tokens[t.head]
        if head.pos == "VERB":
            return head
        if head.lemma not in words("post_seats"):
            return None
        t, hops = head, hops + 1
    return None


def _resigned(sent: Sentence, token: Token) -> bool:
    """Whether the title is the subject of a verb of resignation ("министр подал в отставку")."""
    if token.rel not in ("nsubj", "nsubj:pass") or token.head < 0:
        return False
    return any(c.lemma == "отставка" for c in sent.children(token.head))


def phase_of(ctx: Context, r: Relation) -> str | None:
    """The phase the words of a post claim give it, if any."""
    first = str(r.qualifiers.get("role", "")).split("-")[0].split()[:1]
    if first and first[0] in words("former_words"):
        return "ended"
    span = r.mentions.get("role")
    sent = next((s for s in ctx.parsed.sentences if s.start <= r.evidence.start < s.end), None)
    if span is None or sent is None:
        return None
    token = next(iter(tokens_in(sent, span.start, span.end)), None)
    if token is None:
        return None
    if token.pos == "VERB":  # the verb alone gave the post: "возглавил «Ромашку»"
        return table("phase_verbs").get(token.lemma)
    if _resigned(sent, token):
        return "ended"
    verb = _governing_verb(sent, token)
    return table("phase_verbs").get(verb.lemma) if verb is not None else None


def with_phases(ctx: Context, posts: list[Relation]) -> list[Relation]:
    """The post claims with the phase their words give them (`phase` qualifier)."""
    for r in posts:
        if "phase" not in r.qualifiers:
            phase = phase_of(ctx, r)
            if phase:
                r.qualifiers["phase"] = phase
    return posts
