"""career-verb: work in an organisation, or a membership, begun or ended by a verb with no post
noun ("покинул «Ромашку»", "ушёл из «Ромашки»", "вернулся в «Ромашку»", "вступил в партию",
"вышел из НАТО"), with the phase the verb gives (kg/lexicon/career_verbs.tsv)."""

from __future__ import annotations

from functools import cache

from kg.extract.bank import prior
from kg.extract.context import Context, Found, argument, organisation_named
from kg.extract.rules.post_phrase import words_of
from kg.extract.rules.structure import is_party
from kg.extract.tree import case_of, evidence_of
from kg.lexicon import rows
from kg.model import Entity, Relation
from kg.nlp import Sentence, Token

__all__ = ["RULE", "find_careers"]

RULE = "career-verb"
_BODY_NOUNS = ("состав", "ряды", "ряд", "число")
_ENTERING = ("войти", "входить")
_MEMBER = "член совета директоров"
_RANKS = "ranks"
_SUBJECTS = ("nsubj", "nsubj:pass")


@cache
def _verbs() -> dict[str, tuple[str, str, str, str]]:
    """lemma → (preposition or "-", predicate, phase, who joins or leaves)."""
    return {r[0]: (r[1], r[2], r[3], r[4] or "subject") for r in rows("career_verbs")}


def _board(sent: Sentence, token: Token) -> bool:
    """Whether a token is "совет директоров"."""
    return token.lemma == "совет" and any(n.lemma == "директор" for n in sent.children(token.index))


def _organisations(
    ctx: Context, si: int, sent: Sentence, verb: Token, prep: str
) -> list[tuple[Entity, str]]:
    """The organisations the verb takes, each with the seat it gives if any: its object, or
    the noun its preposition marks, the one "в состав", "в ряды" lead to, or the one whose
    board it is ("совет директоров «Аэрофлота»": a seat on the board)."""
    out: list[tuple[Entity, str]] = []
    for c in sent.children(verb.index):
        if not (
            prep == "-"
            and c.rel == "obj"
            or prep != "-"
            and c.rel == "obl"
            and case_of(sent, c) == prep
        ):
            continue
        if c.lemma in _BODY_NOUNS:  # "вошёл в состав холдинга", "вступил в ряды КПРФ"
            inner = [organisation_named(ctx, si, n) for n in sent.children(c.index)]
            ranks = _RANKS if c.lemma in ("ряды", "ряд") else ""  # the ranks: a membership
            out += [(e, ranks) for e in inner if e is not None]
        elif _board(sent, c):  # "вошёл в совет директоров «Аэрофлота»": a seat on the board
            directors = [n for n in sent.children(c.index) if n.lemma == "директор"]
            inner = [organisation_named(ctx, si, n) for n in sent.children(directors[0].index)]
            out += [(e, _MEMBER) for e in inner if e is not None]
        else:
            e = organisation_named(ctx, si, c)
            if e is not None:
                out.append((e, ""))
    return out


def _claim(
    ctx: Context,
    sent: Sentence,
    verb: Token,
    who: Entity,
    where: Entity,
    predicate: str,
    phase: str,
    seat: str = "",
) -> Relation | None:
    if seat == _RANKS:
        predicate, seat = "memberOf", ""
    elif seat:
        predicate = "holdsPosition"
    if is_party(where.label):
        predicate = "memberOf"  # "покинул партию «Яблоко»": the membership ended
    if who.type == "Organization" and verb.lemma in _ENTERING:
        predicate = "partOf"  # "«Ромашка» входит в холдинг «Вектор»"
    if who.type not in ("Person", "Organization", "Place"):
        return None
    if predicate == "holdsPosition" and who.type != "Person":
        return None
    qualifiers: dict[str, object] = {"phase": phase} if phase and predicate != "partOf" else {}
    mentions = {}
    if predicate == "holdsPosition":
        qualifiers = {"role": seat or "сотрудник", **qualifiers}
        mentions = {"role": words_of(ctx, [verb])}
    return Relation(
        predicate, who, where, evidence_of(sent), prior(RULE), qualifiers, RULE, mentions=mentions
    )


def find_careers(ctx: Context, found: Found) -> list[Relation]:
    """Posts and memberships a verb of joining or leaving begins or ends."""
    out: list[Relation] = []
    for si, sent in enumerate(ctx.parsed.sentences):
        for verb in sent.tokens:
            if verb.pos != "VERB" or verb.lemma not in _verbs():
                continue
            prep, predicate, phase, mover = _verbs()[verb.lemma]
            kids = sent.children(verb.index)
            subjects = [c for c in kids if c.rel in _SUBJECTS]
            if mover == "object" and verb.feats.get("Voice") != "Pass":
                subjects = [c for c in kids if c.rel == "obj"]  # "исключил Грызлова из Совета"
            if verb.rel in ("acl", "acl:relcl") and not subjects and verb.head >= 0:
                subjects = [sent.tokens[verb.head]]  # "Иван Петров, покинувший «Ромашку»"
            people = [e for s in subjects for e in argument(ctx, found, si, s)]
            for where, seat in _organisations(ctx, si, sent, verb, prep):
                for who in people:
                    if who.key != where.key:
                        r = _claim(ctx, sent, verb, who, where, predicate, phase, seat)
                        if r is not None:
                            out.append(r)
    return out
