"""post-after-name: titles set off after a person's name by a comma, a dash or brackets
("Матиас Йорш, докладчик ПАСЕ", "Андреас Кёпке (тренер вратарей)"), up to three of them, and
two posts of one employer ("директор и совладелец агентства «Вектор»"); the post a name is
said to be in ("на посту премьер-министра", "в должности директора", "в качестве советника")."""

from __future__ import annotations

from kg.extract.context import Context
from kg.extract.rules.post_phrase import (
    DASHES,
    Holders,
    Span,
    agrees,
    is_post,
    phrase_after,
    phrase_token,
    post_follows,
)
from kg.extract.rules.post_phrase import post_claim as claim
from kg.lexicon import words
from kg.model import Entity, Relation

__all__ = ["RULE", "after_name"]

RULE = "post-after-name"


def _joined(segment: list, k: int) -> bool:
    """Whether the post noun at `k` is joined by "и" to the title before it, its adjectives
    between ("лауреат премии и американский математик")."""
    if not is_post(segment[k]) or segment[k].pos != "NOUN":
        return False
    j = k - 1
    while j > 0 and segment[j].pos == "ADJ":
        j -= 1
    return j > 0 and segment[j].lemma == "и"


def _seated(ctx: Context, holders: Holders, si: int, i: int, person: Entity) -> list[Relation]:
    """ "Бахтадзе на посту премьер-министра", "Иванов в должности директора", "Петров в
    качестве советника", "снятие Зюганова с поста лидера КПРФ": the post the name is said to
    be in, or to leave."""
    toks = ctx.parsed.sentences[si].tokens
    if i + 2 >= len(toks) or toks[i].lemma not in ("на", "в", "с"):
        return []
    seat, post = toks[i + 1], toks[i + 2]
    if seat.lemma not in words("post_seats") | {"качество"} or not is_post(post):
        return []
    return [
        claim(ctx, holders, si, person, post, phrase_after(ctx.parsed.sentences[si], post), RULE)
    ]


def after_name(
    ctx: Context, holders: Holders, si: int, span: Span, person: Entity, taken: set[int]
) -> list[Relation]:
    """The posts set off after a person's name (`taken`: the tokens of the sentence's other
    names)."""
    toks = ctx.parsed.sentences[si].tokens
    name = toks[span.first]
    i = span.last + 1
    if i < len(toks) and toks[i].text == "(" and not any(is_post(t) for t in toks[i + 1 : i + 4]):
        while i < len(toks) and toks[i].text != ")":  # "(Jürgen Klinsmann)"
            i += 1
        i += 1
    out: list[Relation] = _seated(ctx, holders, si, i, person)
    for _ in range(3):  # up to three appositive segments: ", известного борца..., члена ..."
        if i >= len(toks) or toks[i].text not in {",", "(", *DASHES}:
            break
        i += 1
        segment = []
        while (
            i < len(toks)
            and i not in taken
            and len(segment) < 14
            and (
                phrase_token(toks[i])
                or (toks[i].lemma == "и" and post_follows(toks, i))
                # "известного борца с ксенофобией, члена Общественной палаты"
                or (
                    toks[i].pos == "ADP"
                    and segment
                    and i + 1 < len(toks)
                    and phrase_token(toks[i + 1])
                )
            )
        ):
            segment.append(toks[i])
            i += 1
        if i in taken:
            break  # "X, известный правозащитник Лев Пономарев": the post is the next name's
        heads = [t for t in segment[:4] if t.pos == "NOUN"]
        bracketed = toks[i - len(segment) - 1].text == "(" if segment else False
        # in brackets a title stands in the nominative whatever the name's case ("у Фредди
        # Гуарина (полузащитник «Шанхая»)")
        nominal = bracketed and heads and heads[0].feats.get("Case") == "Nom"
        if not heads or not (agrees(heads[0], name) or nominal):
            break
        # "директор и совладелец агентства «Вектор»": both posts, one employer
        posts_here = [heads[0]] + [t for k, t in enumerate(segment) if _joined(segment, k)]
        for post in posts_here:
            if is_post(post):
                k = segment.index(post)
                out.append(claim(ctx, holders, si, person, post, segment[k + 1 :], RULE))
        if i < len(toks) and toks[i].text == ")":
            i += 1
    return out
