"""What every post rule shares: a post noun, the title around it, the organisation or place it
is held in, and the holdsPosition claim built from them.

A title is the post noun with the adjectives before it and the genitive nouns after it
("первый заместитель министра промышленности"); its organisation is the first organisation or
place named in the phrase after it, else an organisation the title itself names ("глава
палестинской делегации"), else, for a state office, a geographic adjective ("британский
премьер").
"""

from __future__ import annotations

import re
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass

from kg.extract.bank import bare_prior, prior
from kg.extract.context import Context, place_of_adjective
from kg.extract.labels import geo_adjective_place, nominative, phrase_nominative
from kg.extract.tree import evidence_of
from kg.lexicon import posts, table, words
from kg.model import Entity, Mention, Relation, TextSpan, entity_key, fold
from kg.nlp import Sentence, Token, morph_parse

__all__ = [
    "QUOTES",
    "DASHES",
    "Holders",
    "Span",
    "spans",
    "is_post",
    "case",
    "agrees",
    "phrase_token",
    "phrase_after",
    "post_follows",
    "name_token",
    "named_where",
    "where_of",
    "state_posts",
    "post_claim",
    "words_of",
]

QUOTES = set("«»\"„“”'")
_AGE = re.compile(r"^\d+-(летн|лет)")
DASHES = {"-", "–", "—"}
_PHRASE_POS = {"NOUN", "PROPN", "ADJ", "DET", "NUM", "X"}

Holders = MutableMapping[tuple[int, int], Entity]
"""The person each post noun was read for, by (sentence, token): the first one wins."""


@dataclass
class Span:
    """Token positions of a mention inside its sentence."""

    first: int
    last: int
    mention: Mention


def spans(ctx: Context, sent: Sentence) -> list[Span]:
    """The mentions of a sentence with their first and last token positions."""
    out = []
    for m in ctx.mentions:
        if m.start < sent.start or m.end > sent.end:
            continue
        idx = [t.index for t in sent.tokens if t.start >= m.start and t.end <= m.end]
        if idx:
            out.append(Span(idx[0], idx[-1], m))
    return out


def is_post(token: Token) -> bool:
    """Whether a token is a post noun ("губернатор", "экс-премьер", "вице-президент")."""
    lemma = token.lemma
    for prefix in words("former_prefixes"):
        lemma = lemma.removeprefix(prefix)
    if token.pos not in ("NOUN", "PROPN", "ADJ"):
        return False
    # a compound with a post for a part: "писатель-сатирик", "топ-менеджер"
    parts = lemma.split("-")
    return lemma in posts() or (len(parts) == 2 and (parts[0] in posts() or parts[1] in posts()))


def case(token: Token) -> str | None:
    """A token's grammatical case."""
    return token.feats.get("Case")


def agrees(post: Token, name: Token) -> bool:
    """Whether a post noun can stand beside a name: the same case and number."""
    if post.feats.get("Number") == "Plur" and name.feats.get("Number") != "Plur":
        return False  # "Хлопонин, представители Госдумы": the post is not this one person's
    a, b = case(post), case(name)
    if a is None or b is None or a == b:
        return True
    # indeclinable foreign names are often tagged either way; a man's accusative is his genitive
    return {a, b} <= {"Nom", "Acc"} or {a, b} == {"Gen", "Acc"}


def phrase_token(t: Token) -> bool:
    """Whether a token can be part of a title's noun phrase."""
    return t.pos in _PHRASE_POS or t.text in QUOTES


def phrase_after(sent: Sentence, post: Token, limit: int = 8) -> list[Token]:
    """The tokens of a noun phrase that follow a post noun, up to punctuation or a verb."""
    window = sent.tokens[post.index + 1 : post.index + 1 + limit]
    cut = next((k for k, t in enumerate(window) if not phrase_token(t)), len(window))
    return window[:cut]


def post_follows(toks: list[Token], i: int) -> bool:
    """Whether a post noun (after its adjectives) follows position `i`."""
    for t in toks[i + 1 : i + 4]:
        if is_post(t) and t.pos != "ADJ":
            return True
        if t.pos != "ADJ":
            return False
    return False


def name_token(ctx: Context, si: int, sent: Sentence, span: Span) -> Token | None:
    """The token that heads a person's name in the parse."""
    for i in range(span.first, span.last + 1):
        if ctx.heads.get((si, i)) is span.mention:
            return sent.tokens[i]
    return None


def _title(sent: Sentence, post: Token, stop: int, named: Callable[[Token], bool]) -> list[Token]:
    """The title: adjectives before the post noun, the noun, and the non-named genitive nouns
    (with their adjectives) that follow it without a gap, up to position `stop`."""
    role = [post]
    i = post.index - 1
    while i >= 0 and sent.tokens[i].pos == "ADJ" and sent.tokens[i].head == post.index:
        if geo_adjective_place(sent.tokens[i].lemma):
            break
        adjective = sent.tokens[i]
        aged = _AGE.match(adjective.text) is not None  # "80-летний народный артист"
        if (
            adjective.lemma not in words("evaluative")
            and adjective.feats.get("Degree") != "Sup"
            and not aged
        ):
            role.insert(0, adjective)
        i -= 1
    j = post.index + 1
    while j < stop:
        t = sent.tokens[j]
        if named(t) or t.text in QUOTES:
            break
        if t.pos == "ADJ" and not geo_adjective_place(t.lemma):
            k = j
            while k < stop and sent.tokens[k].pos == "ADJ":
                k += 1
            if (
                k < stop
                and sent.tokens[k].pos == "NOUN"
                and case(sent.tokens[k]) == "Gen"
                and not named(sent.tokens[k])
            ):
                role += sent.tokens[j : k + 1]
                j = k + 1
                continue
            break
        if t.pos == "NOUN" and case(t) == "Gen":
            role.append(t)
            j += 1
            continue
        break
    return role


def _singular(word: str, lemma: str) -> str:
    """A plural post noun in the nominative singular of its own lemma ("премьеры" → "премьер",
    not "премьера"; "учёные" → "учёный")."""
    found = (p.normal_form for p in morph_parse(word) if fold(p.normal_form) == fold(lemma))
    return next(found, lemma)


def _lemma_as_written(t: Token) -> str:
    """A post noun's lemma, with the ё the word has as written ("актёра" → "актёр")."""
    word, lemma = t.text.lower(), t.lemma
    if "ё" in word and "е" in lemma:
        i = word.index("ё")
        if i < len(lemma) and lemma[i] == "е":
            lemma = lemma[:i] + "ё" + lemma[i + 1 :]
    return lemma


def _title_text(role: list[Token], post: Token) -> str:
    gender = post.feats.get("Gender")
    out = []
    for t in role:
        if t.index < post.index:
            out.append(nominative(t.text.lower(), gender))
        elif t is post and post.feats.get("Number") == "Plur":
            out.append(_singular(t.text.lower(), post.lemma))
        elif t is post and t.lemma in posts() and "-" not in t.text:
            out.append(_lemma_as_written(t))  # "керамиста" → "керамист", not an adjective
        elif t is post:
            out.append(nominative(t.text.lower()))
        else:
            out.append(t.text.lower())
    return " ".join(out)


def named_where(ctx: Context, si: int, tokens: list[Token], person: Entity) -> Entity | None:
    """The first organisation or place named among the tokens."""
    for t in tokens:
        e = ctx.entity_at(si, t)
        if e is not None and e != person and e.type in ("Organization", "Place"):
            return e
    return None


def where_of(ctx: Context, si: int, tokens: list[Token], person: Entity) -> Entity | None:
    """The first organisation or place named among the tokens, else a geographic adjective."""
    named = named_where(ctx, si, tokens, person)
    if named is not None:
        return named
    for t in tokens:
        if t.pos == "ADJ":
            e = place_of_adjective(ctx, t.lemma)
            if e is not None:
                return e
    return None


def _state_body(label: str) -> bool:
    """Whether an organisation's label names a state body (kg/lexicon/state_bodies.tsv)."""
    beginnings = words("state_bodies")
    return any(w.startswith(b) for w in fold(label).split() for b in beginnings)


def _can_denote(descriptor: str, e: Entity) -> bool:
    """Whether a descriptor ("ведомство", "компания") can stand for an organisation: the kind
    kg/lexicon/descriptors.tsv gives it, any organisation for a descriptor not listed."""
    kind = table("descriptors").get(descriptor)
    if kind is None:
        return True
    return _state_body(e.label) == (kind == "state")


def _recent_organisation(
    ctx: Context, before: int, descriptor: str, reach: int = 600
) -> Entity | None:
    """The organisation a descriptor can stand for named last within `reach` characters
    before a position."""
    for m in reversed(ctx.mentions):
        if m.type == "Organization" and before - reach <= m.start < before and m.entity_key:
            e = ctx.entities[m.entity_key]
            if _can_denote(descriptor, e):
                return e
    return None


def _descriptor(ctx, si, role: list[Token], rest: list[Token], post: Token):
    """An unnamed organisation in the title ("глава палестинской делегации", "лидер фракции
    КПРФ"): the entity, the title without it and the words that name it, or (None, role,
    None)."""
    units = words("organisations")
    lead = []
    for t in rest:  # the words right after the title, up to a preposition
        if t.index != role[-1].index + 1 + len(lead) or t.pos == "ADP":
            break
        lead.append(t)
    if lead and any(t.lemma in units and t.pos == "NOUN" for t in lead[:3]):
        role = role + lead  # "главный тренер российской сборной": the team, not Russia
    sent = ctx.parsed.sentences[si]
    for k, t in enumerate(role):
        if t.index > post.index and t.lemma in units and t.pos == "NOUN":
            if any(c.rel == "conj" and c.lemma not in units for c in sent.children(t.index)):
                return None, role, None  # "актёр театра и кино": a field, not an employer
            start = k
            while start > 0 and role[start - 1].pos == "ADJ" and role[start - 1].index > post.index:
                start -= 1
            phrase = role[start:]
            cut = next((i for i, x in enumerate(phrase) if i and is_post(x)), len(phrase))
            phrase = phrase[:cut]  # "вооружённых сил генерал-лейтенанта": the rank is not the body
            for r in rest:  # a name right after the descriptor: "фракции КПРФ"
                m = ctx.mention_at(si, r)
                if r.index != phrase[-1].index + 1 or not (
                    (m is not None and m.type in ("Organization", "Place")) or r.text in QUOTES
                ):
                    break
                phrase.append(r)
            phrase = [x for x in phrase if x.pos != "PUNCT" or x.text in QUOTES]
            label = phrase_nominative(phrase, t)
            label = label[:1].upper() + label[1:]
            named = next((ctx.entity_at(si, x) for x in phrase if ctx.entity_at(si, x)), None)
            if named is None and len(phrase) == 1 and t.lemma in table("descriptors"):
                # "руководителя ведомства" after "В Минпромторге заявили": the ministry, in
                # this sentence or before; none of its kind named, no employer
                earlier = _recent_organisation(ctx, t.start, t.lemma)
                return earlier, role[:start] if earlier is not None else role, None
            if named is None and len(phrase) == 1:
                earlier = _recent_organisation(ctx, ctx.parsed.sentences[si].start, t.lemma)
                if earlier is not None:  # "главу партии" after «Яблоко» was named: that party
                    return earlier, role[:start], None
            scope = ctx.article.id if named is None else None  # a generic descriptor
            key = entity_key("Organization", label, scope or None)
            entity = Entity(key=key, label=label, type="Organization")
            return entity, role[:start], words_of(ctx, phrase)
    return None, role, None


def _without_kind(
    ctx: Context, si: int, role: list[Token], post: Token, where: Entity | None
) -> list[Token]:
    """The title without the kind noun of the organisation named right after it: "главный
    редактор газеты «Вечер»" is "главный редактор" of Вечер, the newspaper being Вечер itself."""
    last = role[-1]
    if where is None or last is post or last.lemma not in words("org_kinds"):
        return role
    sent = ctx.parsed.sentences[si]
    after = [t for t in sent.tokens[last.index + 1 : last.index + 3] if t.text not in QUOTES][:1]
    if after and ctx.entity_at(si, after[0]) == where:
        return role[:-1]
    return role


def state_posts() -> dict[str, str]:
    """State offices (post → the kind of place they are held in)."""
    return table("state_posts")


def post_claim(
    ctx: Context,
    holders: Holders,
    si: int,
    person: Entity,
    post: Token,
    window: list[Token],
    rule: str,
) -> Relation:
    """The holdsPosition claim of a person and a post noun, read from the title and the
    `window` of tokens after it; the post noun is recorded as standing for the person."""
    sent = ctx.parsed.sentences[si]
    holders.setdefault((si, post.index), person)
    stop = window[-1].index + 1 if window else post.index + 1
    role = _title(sent, post, stop, lambda t: ctx.mention_at(si, t) is not None)
    rest = [t for t in window if t.index not in {r.index for r in role}]
    before = [t for t in sent.tokens[max(0, role[0].index - 2) : role[0].index] if t.pos == "ADJ"]
    where = named_where(ctx, si, rest, person)
    role = _without_kind(ctx, si, role, post, where)
    described = None  # the words of an organisation the title describes, not names
    if where is None:
        where, role, described = _descriptor(ctx, si, role, rest, post)
    if where is None and (post.lemma in state_posts() or post.lemma in words("national_posts")):
        # "британский премьер": the adjective names the state of a state office; beside
        # other titles it is a nationality ("бразильский космонавт"), not an employer
        where = where_of(ctx, si, rest + before, person)
    where = where or named_where(ctx, si, rest + before, person)
    if where is not None and where.type == "Place" and posts().get(post.lemma) == "profession":
        where = None  # "шахматистка из Турции": a profession's country is a nationality
    conf = prior(rule) if where is not None else bare_prior(rule)
    return Relation(
        "holdsPosition",
        person,
        where,
        evidence_of(sent),
        round(conf, 3),
        {"role": _title_text(role, post)},
        rule,
        mentions={"role": words_of(ctx, role), **({"object": described} if described else {})},
    )


def words_of(ctx: Context, tokens: list[Token]) -> TextSpan:
    """The article's text from the first of these tokens to the last, as written."""
    start, end = tokens[0].start, tokens[-1].end
    return TextSpan(ctx.parsed.text[start:end], start, end)
