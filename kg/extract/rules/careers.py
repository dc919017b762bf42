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
_SUBJECTS = ("nsubj", "nsubj:pass")


@cache
def _verbs() -> dict[str, tuple[str, str, str]]:
    """lemma → (preposition or "-", predicate, phase)."""
    return {
        lemma: (prep, predicate, phase) for lemma, prep, predicate, phase in rows("career_verbs")
    }


def _organisations(ctx: Context, si: int, sent: Sentence, verb: Token, prep: str) -> list[Entity]:
    """The organisations the verb takes: its object, or the noun its preposition marks."""
    out = []
    for c in sent.children(verb.index):
        if (
            prep == "-"
            and c.rel == "obj"
            or prep != "-"
            and c.rel == "obl"
            and case_of(sent, c) == prep
        ):
            e = organisation_named(ctx, si, c)
            if e is not None:
                out.append(e)
    return out


def _claim(
    ctx: Context,
    sent: Sentence,
    verb: Token,
    who: Entity,
    where: Entity,
    predicate: str,
    phase: str,
) -> Relation | None:
    if is_party(where.label):
        predicate = "memberOf"  # "покинул партию «Яблоко»": the membership ended
    if (
        predicate == "holdsPosition"
        and who.type != "Person"
        or who.type
        not in (
            "Person",
            "Organization",
            "Place",
        )
    ):
        return None
    qualifiers: dict[str, object] = {"phase": phase}
    if predicate == "holdsPosition":
        qualifiers = {"role": "сотрудник", "phase": phase}
    return Relation(
        predicate,
        who,
        where,
        evidence_of(sent),
        prior(RULE),
        qualifiers,
        RULE,
        mentions={"role": words_of(ctx, [verb])} if predicate == "holdsPosition" else {},
    )


def find_careers(ctx: Context, found: Found) -> list[Relation]:
    """Posts and memberships a verb of joining or leaving begins or ends."""
    out: list[Relation] = []
    for si, sent in enumerate(ctx.parsed.sentences):
        for verb in sent.tokens:
            if verb.pos != "VERB" or verb.lemma not in _verbs():
                continue
            prep, predicate, phase = _verbs()[verb.lemma]
            subjects = [c for c in sent.children(verb.index) if c.rel in _SUBJECTS]
            if verb.rel in ("acl", "acl:relcl") and not subjects and verb.head >= 0:
                subjects = [sent.tokens[verb.head]]  # "Иван Петров, покинувший «Ромашку»"
            people = [e for s in subjects for e in argument(ctx, found, si, s)]
            for where in _organisations(ctx, si, sent, verb, prep):
                for who in people:
                    if who.key != where.key:
                        r = _claim(ctx, sent, verb, who, where, predicate, phase)
                        if r is not None:
                            out.append(r)
    return out
