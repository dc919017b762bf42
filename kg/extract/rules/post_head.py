"""post-head: a post held "во главе" an organisation or place ("Рауль Кастро находится во главе
партии", "работа Ивана Петрова во главе «Роснефти»", "делегация «Газпрома» во главе с Алексеем
Миллером"), with no post noun: the role is "руководитель". The parser hangs "во главе" in many
ways, so the rule reads it from the words around it."""

from __future__ import annotations

from kg.extract.bank import prior
from kg.extract.context import Context, Found, argument, named_in
from kg.extract.tree import evidence_of, head_token
from kg.model import Entity, Mention, Relation, TextSpan
from kg.nlp import Sentence, Token

__all__ = ["RULE", "find_heads"]

RULE = "post-head"
_ROLE = "руководитель"
_JOINERS = ' «»"'


def _markers(sent: Sentence) -> list[tuple[Token, Token]]:
    """The "во главе" pairs of a sentence."""
    toks = sent.tokens
    return [
        (a, b)
        for a, b in zip(toks, toks[1:], strict=False)
        if a.text.lower() in ("во", "в") and b.text.lower() == "главе"
    ]


def _first_after(
    ctx: Context, sent: Sentence, named: list[Mention], at: int, types: tuple[str, ...]
) -> Mention | None:
    """The first mention after a position, of those types, with no clause break before it."""
    for m in named:
        if m.start < at:
            continue
        gap = [t for t in sent.tokens if at <= t.start < m.start and t.pos != "PUNCT"]
        if len(gap) > 2 or any(t.pos not in ("ADJ", "NOUN", "ADP") for t in gap):
            return None  # "во главе которой находится ...": not the name of what is headed
        if any(c in ctx.parsed.text[at : m.start] for c in ",.;:—()"):
            return None
        return m if m.type in types else None
    return None


def _last_before(
    ctx: Context, named: list[Mention], at: int, types: tuple[str, ...]
) -> Mention | None:
    """The mention that ends right before a position (only quotes and spaces between)."""
    before = [m for m in named if m.end <= at]
    if not before or ctx.parsed.text[before[-1].end : at].strip(_JOINERS):
        return None
    return before[-1] if before[-1].type in types else None


def _genitive(sent: Sentence, m: Mention) -> bool:
    """Whether a mention is a genitive modifier ("делегация «Газпрома»")."""
    toks = [t for t in sent.tokens if m.start <= t.start < m.end]
    return bool(toks) and head_token(toks).feats.get("Case") == "Gen"


def _subjects(ctx: Context, found: Found, si: int, sent: Sentence, m: Mention) -> list[Entity]:
    """The people whose verb takes the headed organisation ("стоит во главе компании")."""
    toks = [t for t in sent.tokens if m.start <= t.start < m.end]
    heads = {t.head for t in toks if t.head >= 0} - {t.index for t in toks}
    out: list[Entity] = []
    for h in heads:
        verb = sent.tokens[h]
        if verb.pos == "NOUN" and verb.head >= 0:  # "во главе компании «Ромашка»": the kind noun's
            verb = sent.tokens[verb.head]
        if verb.pos in ("VERB", "AUX"):
            h = verb.index
            for c in sent.children(h):
                if c.rel == "nsubj":
                    out += [e for e in argument(ctx, found, si, c) if e.type == "Person"]
    return out


def find_heads(ctx: Context, found: Found) -> list[Relation]:
    """Posts held "во главе" an organisation or place, or "во главе с" a person."""
    out: list[Relation] = []
    for si, sent in enumerate(ctx.parsed.sentences):
        named = named_in(ctx, sent)
        for a, b in _markers(sent):
            span = TextSpan(ctx.parsed.text[a.start : b.end], a.start, b.end)
            pairs: list[tuple[Entity, Entity]] = []
            after = _first_after(ctx, sent, named, b.end, ("Person", "Organization", "Place"))
            if after is not None and after.type == "Person":  # "во главе с Миллером"
                org = _last_before(ctx, named, a.start, ("Organization",))
                if org is not None and _genitive(sent, org):
                    org = None  # "делегация МИДа во главе с Ивановым": he heads the delegation
                if org is not None and ctx.parsed.text[b.end : after.start].split()[:1] == ["с"]:
                    pairs.append((ctx.entities[after.entity_key], ctx.entities[org.entity_key]))
            elif after is not None:  # "во главе партии"
                where = ctx.entities[after.entity_key]
                person = _last_before(ctx, named, a.start, ("Person",))
                people = [ctx.entities[person.entity_key]] if person is not None else []
                people = people or _subjects(ctx, found, si, sent, after)
                pairs += [(p, where) for p in people]
            for person, where in pairs:
                out.append(
                    Relation(
                        "holdsPosition",
                        person,
                        where,
                        evidence_of(sent),
                        prior(RULE),
                        {"role": _ROLE},
                        RULE,
                        mentions={"role": span},
                    )
                )
    return out
