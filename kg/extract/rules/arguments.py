"""The arguments of a verb or an event noun: its subjects (through a relative clause to its
antecedent), its partners ("с X", "между X и Y"), its genitives ("встреча X и Y") and its place
("в Минске")."""

from __future__ import annotations

from kg.extract.context import Context, Found, argument, organisation_named
from kg.extract.tree import case_of, conjuncts
from kg.lexicon import table, words
from kg.model import Entity
from kg.nlp import Sentence, Token

__all__ = ["subjects", "partners", "genitives", "place_of", "clause_obliques", "same_kind"]


def _marked(role: str) -> set[str]:
    return {w for w, r in table("prepositions").items() if r == role}


def _stray_subject(ctx: Context, si: int, sent: Sentence, verb: Token) -> list[Token]:
    """A finite verb the parser gave no subject: the nearest person named in the nominative
    before it in its clause, agreeing in number ("посол Италии Виторио Сандали встретился",
    the title hung elsewhere)."""
    for t in reversed(sent.tokens[: verb.index]):
        if t.pos in ("VERB", "AUX") or t.text in (";", ":", "—", "«", "»"):
            return []
        m = ctx.mention_at(si, t)
        if m is None or m.type != "Person" or t.feats.get("Case") != "Nom":
            continue
        if verb.feats.get("Number") == "Sing" and t.feats.get("Number") == "Sing":
            return [t]
        return []
    return []


def subjects(ctx: Context, found: Found, si: int, verb: Token) -> list[Entity]:
    """The entities a verb's subject stands for; a verb in `conj` or `xcomp` borrows its
    head's subject, "который" stands for its antecedent, an active participle for the noun it
    qualifies."""
    sent = ctx.parsed.sentences[si]
    subj = [c for c in sent.children(verb.index) if c.rel in ("nsubj", "nsubj:pass")]
    if not subj and verb.rel == "acl" and verb.feats.get("VerbForm") == "Part":
        # "Иван Петров, подписавший контракт с клубом": the participle's noun
        up = _qualified(sent, verb)
        subj = [up] if up is not None and verb.feats.get("Voice") != "Pass" else []
    if not subj and verb.rel in ("conj", "xcomp"):
        up = sent.head_of(verb.index)
        if up is not None:
            subj = [c for c in sent.children(up.index) if c.rel == "nsubj"]
    if not subj and verb.pos == "VERB" and verb.feats.get("VerbForm") == "Fin":
        subj = _stray_subject(ctx, si, sent, verb)
    out = []
    for c in subj:
        if c.lemma == "который" and verb.rel == "acl:relcl":
            # "Миллер и Озерец, которые сегодня встречаются": the clause's antecedent
            antecedent = sent.head_of(verb.index)
            if antecedent is not None:
                c = antecedent
                while c.rel == "conj" and sent.head_of(c.index) is not None:
                    c = sent.head_of(c.index)
        out.extend(argument(ctx, found, si, c))
    return out


def _beyond(sent: Sentence, head: Token, c: Token) -> bool:
    """Whether a dependent of a verb lies past a verb conjoined to it, in that verb's clause."""
    return any(
        v.rel == "conj" and v.pos == "VERB" and head.index < v.index < c.index
        for v in sent.children(head.index)
    )


def clause_obliques(sent: Sentence, head: Token) -> list[Token]:
    """The `obl` and `nmod` dependents of a head's own clause: "с Y" of "X встретился с Z, а
    W встретился с Y", which the parser hangs on the first verb, belongs to the second."""
    own = [c for c in sent.children(head.index) if c.rel in ("obl", "nmod")]
    if head.pos != "VERB":
        return own
    own = [c for c in own if not _beyond(sent, head, c)]
    up = sent.head_of(head.index)
    if head.rel == "conj" and up is not None and up.pos == "VERB":
        own += [
            c
            for c in sent.children(up.index)
            if c.rel == "obl"
            and c.index > head.index
            and not _beyond(sent, head, c)
            and not any(head.index < v.index < c.index for v in conjuncts(sent, up))
        ]
    return own


def _qualified(sent: Sentence, participle: Token) -> Token | None:
    """The noun a participle qualifies: its head, or where the parser hung it on another noun
    ("о контракте с Иваном Петровым, подписавшим..."), the nearest noun before it in its case."""
    up = sent.head_of(participle.index)
    case = participle.feats.get("Case")
    if up is None or case is None or up.feats.get("Case") == case:
        return up
    for t in reversed(sent.tokens[: participle.index]):
        if t.pos in ("NOUN", "PROPN") and t.feats.get("Case") == case:
            while t.rel in ("flat:name", "flat", "appos") and sent.head_of(t.index) is not None:
                t = sent.head_of(t.index)
            return t
    return up


_ANAPHORIC = ("этот", "тот", "данный", "наш", "свой", "родной", "указанный", "названный")


def same_kind(ctx: Context, si: int, noun: Token) -> Entity | None:
    """The organisation a bare kind noun ("с клубом") stands for: the one named with the same
    noun earlier in the sentence or the one before ("Клуб «Зенит» ... с клубом")."""
    if noun.lemma not in words("organisations") or organisation_named(ctx, si, noun):
        return None
    sent = ctx.parsed.sentences[si]
    if any(c.rel == "amod" and c.lemma not in _ANAPHORIC for c in sent.children(noun.index)):
        return None  # "с манчестерским клубом": an adjective makes it another one
    named = set()
    for sj in (si - 1, si):
        if sj < 0:
            continue
        for t in ctx.parsed.sentences[sj].tokens:
            if sj == si and t.index >= noun.index:
                break
            e = organisation_named(ctx, sj, t) if t.lemma == noun.lemma else None
            if e is not None:
                named.add(e)
    return named.pop() if len(named) == 1 else None


def partners(ctx: Context, found: Found, si: int, heads: list[Token]) -> list[Entity]:
    """The entities marked as partners of the heads ("с X", "со Y", "между X и Y")."""
    sent = ctx.parsed.sentences[si]
    marks = _marked("partner")
    out = []
    for h in heads:
        for c in clause_obliques(sent, h):
            if case_of(sent, c) in marks:
                named = argument(ctx, found, si, c) or [same_kind(ctx, si, c)]
                out.extend(e for e in named if e is not None)
    return out


def genitives(ctx: Context, found: Found, si: int, noun: Token) -> list[Entity]:
    """The entities in the genitive under a noun, with no preposition ("встреча X и Y")."""
    sent = ctx.parsed.sentences[si]
    return [
        e
        for c in sent.children(noun.index)
        if c.rel == "nmod" and not case_of(sent, c) and c.feats.get("Case") == "Gen"
        for e in argument(ctx, found, si, c)
    ]


def place_of(ctx: Context, si: int, heads: list[Token]) -> Entity | None:
    """The place a head is marked as happening in ("в Минске", "на Урале")."""
    sent = ctx.parsed.sentences[si]
    marks = _marked("place")
    for h in heads:
        for c in clause_obliques(sent, h):
            if case_of(sent, c) in marks:
                e = ctx.entity_at(si, c)
                if e is not None and e.type == "Place":
                    return e
    return None
