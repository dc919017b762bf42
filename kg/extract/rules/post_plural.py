"""post-plural: a post in the plural before a list of names gives each of them the post
("академики Иван Орлов, Пётр Сидоров и Николай Смирнов", "сенаторы Рэнд Пол из Кентукки и
Марко Рубио из Флориды", "гандболистки клуба «Динамо»: Ольга Левина, Анна Седова", "такие
музыканты, как Колин Дэвис и Валерий Гергиев"), and a plural post after "один из" gives it to
the one name after it ("один из командиров ополчения Арсен Павлов")."""

from __future__ import annotations

from kg.extract.context import Context
from kg.extract.rules.post_phrase import (
    QUOTES,
    Holders,
    Span,
    case,
    is_post,
    phrase_after,
    spans,
)
from kg.extract.rules.post_phrase import post_claim as claim
from kg.model import Relation
from kg.nlp import Sentence, Token, morph_parse

__all__ = ["RULE", "plural_lists"]

RULE = "post-plural"
_JOINS = {",", "и"}
_FROM = {"из", "от"}  # "Рэнд Пол из Кентукки": where each comes from, inside the list


def _listed(sent: Sentence, people: list[Span], start: int) -> list[Span]:
    """The names listed from token `start` on, joined by commas and "и"."""
    by_first = {s.first: s for s in people}
    out: list[Span] = []
    i = _unquoted(sent, start)
    while i in by_first:
        span = by_first[i]
        out.append(span)
        i = _unquoted(sent, span.last + 1)
        if i < len(sent.tokens) and sent.tokens[i].lemma in _FROM:
            i += 2  # "из Кентукки"
            while i < len(sent.tokens) and sent.tokens[i].pos in ("PROPN", "NOUN", "ADJ"):
                i += 1
        if i < len(sent.tokens) and sent.tokens[i].text == "(":  # "Колин Дэвис (Великобритания)"
            close = next((t.index for t in sent.tokens[i : i + 8] if t.text == ")"), None)
            i = close + 1 if close is not None else i
        if i < len(sent.tokens) and sent.tokens[i].text in _JOINS:
            i = _unquoted(sent, i + 1)
        else:
            break
    return out


def _unquoted(sent: Sentence, i: int) -> int:
    """The first position from `i` on that is not a quote mark."""
    while i < len(sent.tokens) and sent.tokens[i].text in QUOTES:
        i += 1
    return i


def _respective(
    ctx: Context, holders: Holders, si: int, post: Token, people: list[Span]
) -> list[Relation]:
    """ "премьеры Испании и Португалии Педро Санчес и Луиш Монтенегру": as many places or
    organisations in the genitive after a plural post as names after them, paired in order."""
    sent = ctx.parsed.sentences[si]
    owners = [s for s in spans(ctx, sent) if s.mention.type in ("Place", "Organization")]
    phrase = phrase_after(sent, post)
    first = next((s for t in phrase for s in owners if s.first == _unquoted(sent, t.index)), None)
    if first is None or first.first > phrase[-1].index + 1:
        return []
    listed = _listed(sent, owners, first.first)
    if len(listed) < 2 or any(case(sent.tokens[s.first]) not in ("Gen", None) for s in listed):
        return []
    names = _listed(sent, people, listed[-1].last + 1)
    if len(names) != len(listed):
        return []
    title = [t for t in phrase if t.index < first.first]
    out = []
    for owner, span in zip(listed, names, strict=True):
        window = title + sent.tokens[owner.first : owner.last + 1]
        person = ctx.entities[span.mention.entity_key]
        out.append(claim(ctx, holders, si, person, post, window, RULE))
    return out


def _plural(post: Token) -> bool:
    """Whether a post noun stands in the plural; the tagger reads a capitalised one opening
    the sentence as a name ("Мэры Казани и Уфы ..."), and then its written form decides."""
    if post.pos == "NOUN":
        return post.feats.get("Number") == "Plur"
    return (
        post.pos == "PROPN"
        and post.index == 0
        and any(
            {"plur", "nomn"} <= set(p.tag.grammemes) and p.normal_form == post.lemma
            for p in morph_parse(post.text.lower())
        )
    )


def _one_of(sent: Sentence, post: Token) -> bool:
    """Whether a plural post follows "один из" ("одна из", "одним из")."""
    before = sent.tokens[max(0, post.index - 3) : post.index]
    lemmas = [t.lemma for t in before if t.pos != "ADJ"]
    return lemmas[-2:] == ["один", "из"]


def plural_lists(ctx: Context, holders: Holders, si: int, people: list[Span]) -> list[Relation]:
    """The posts a plural post noun gives each of the two or more names listed after it."""
    sent = ctx.parsed.sentences[si]
    out: list[Relation] = []
    firsts = {s.first for s in people}
    for post in sent.tokens:
        if not is_post(post) or not _plural(post):
            continue
        paired = _respective(ctx, holders, si, post, people)
        if paired:
            out += paired
            continue
        phrase = phrase_after(sent, post)
        stop = next((t.index for t in phrase if t.index in firsts), None)
        after = post.index + 1 + len(phrase)
        marks = [t.text.lower() for t in sent.tokens[after : after + 2]]
        if stop is None and marks[:1] == [":"]:
            stop = after + 1 if after + 1 in firsts else None
        elif stop is None and marks == [",", "как"]:
            stop = after + 2 if after + 2 in firsts else None  # "такие музыканты, как X и Y"
        if stop is None:
            continue
        names = _listed(sent, people, stop)
        # "один из командиров ополчения Арсен Павлов": the one named
        one_of = len(names) == 1 and _one_of(sent, post)
        listed = len(names) >= 2 and case(sent.tokens[names[0].first]) in (case(post), None, "Nom")
        if not (one_of or listed):
            continue
        window = [t for t in phrase if t.index < stop]
        for span in names:
            person = ctx.entities[span.mention.entity_key]
            out.append(claim(ctx, holders, si, person, post, window, RULE))
    return out
