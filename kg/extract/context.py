"""What the relation rules read about one article: its parse, mentions and entities indexed by
the tokens they head and cover, and its time expressions. Built once, never changed.

What one stage finds and a later stage reads (the person each post noun stands for, the
events read so far) travels as a `Found` record, an argument of the later stage.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from kg.extract.labels import geo_adjective_place
from kg.extract.timex import Timex, find_times
from kg.extract.tree import conjuncts, head_token, tokens_in
from kg.lexicon import posts, words
from kg.model import Article, Entity, Event, Mention, entity_key
from kg.nlp import Parsed, Sentence, Token

__all__ = [
    "Context",
    "Found",
    "build_context",
    "argument",
    "named_by_noun",
    "organisation_named",
    "place_of_adjective",
    "last_participants",
    "antecedent",
    "possessor",
]

Holders = Mapping[tuple[int, int], Entity]
"""The person a post noun stands for, by (sentence, token)."""


@dataclass(frozen=True)
class Context:
    """One article's parse, mentions and entities, indexed by (sentence, token)."""

    article: Article
    parsed: Parsed
    mentions: list[Mention]
    entities: dict[str, Entity]
    heads: dict[tuple[int, int], Mention] = field(default_factory=dict)
    covers: dict[tuple[int, int], Mention] = field(default_factory=dict)
    times: list[Timex] = field(default_factory=list)

    def times_in(self, sent: Sentence) -> list[Timex]:
        """The time expressions of a sentence."""
        return [t for t in self.times if sent.start <= t.start < sent.end]

    def mention_at(self, si: int, token: Token) -> Mention | None:
        """The mention headed by a token, else the longest one covering it."""
        key = (si, token.index)
        return self.heads.get(key) or self.covers.get(key)

    def entity_at(self, si: int, token: Token) -> Entity | None:
        """The entity a token names (credit lines name no actor)."""
        m = self.mention_at(si, token)
        if m is None or m.credit or m.entity_key is None:
            return None
        return self.entities[m.entity_key]


@dataclass(frozen=True)
class Found:
    """What earlier stages found: the holder of each post noun, and the events read so far
    (a stage reading events as it finds them passes the list it appends to)."""

    holders: Holders = field(default_factory=dict)
    events: Sequence[Event] = ()


def named_by_noun(ctx: Context, found: Found, si: int, token: Token) -> Entity | None:
    """The entity a common noun stands for: a post noun its holder ("президентом Беларуси
    Александром Лукашенко"), an organisation noun its name ("компания «Яндекс»")."""
    if (si, token.index) in found.holders:
        return found.holders[(si, token.index)]
    if token.lemma in posts():
        wanted = ("Person",)
    elif token.lemma in words("organisations"):
        wanted = ("Organization",)
    else:
        return None
    sent = ctx.parsed.sentences[si]
    for child in sent.children(token.index):
        if child.rel in ("appos", "flat:name", "nmod", "flat") and child.pos in ("PROPN", "NOUN"):
            e = ctx.entity_at(si, child)
            if (
                e is not None
                and e.type in wanted
                and (
                    wanted[0] == "Person"
                    or child.rel != "nmod"
                    or ctx.mention_at(si, child).start < token.end + 3
                )
            ):
                return e
    return None


def place_of_adjective(ctx: Context, lemma: str) -> Entity | None:
    """The place a geographic adjective refers to ("белорусский" → Беларусь): the article's
    entity of that label, else a new one."""
    place = geo_adjective_place(lemma)
    if not place:
        return None
    found = next((e for e in ctx.entities.values() if e.label == place), None)
    return found or Entity(key=entity_key("Place", place), label=place, type="Place")


def organisation_named(ctx: Context, si: int, token: Token) -> Entity | None:
    """The organisation a token names, or an organisation noun's own name beside it
    ("компанию «Ромашка»"; not its owner's, "филиал «Сбербанка»")."""
    e = ctx.entity_at(si, token)
    if e is None and token.lemma in words("organisations"):
        sent = ctx.parsed.sentences[si]
        names = [ctx.entity_at(si, c) for c in sent.children(token.index) if c.rel == "appos"]
        e = next((n for n in names if n is not None), None)
    return e if e is not None and e.type == "Organization" else None


def last_participants(found: Found) -> list[Entity]:
    """The participants of the last meeting or signing read so far."""
    for ev in reversed(found.events):
        if ev.type in ("Meeting", "AgreementSigning") and len(ev.participants) >= 2:
            return list(ev.participants)
    return []


def antecedent(ctx: Context, si: int, token: Token) -> Entity | None:
    """The person "он" or "она" as a subject stands for: the one person named before it in its
    sentence and the one before ("Путин прибыл в Минск. Там он встретился с Лукашенко"); none
    where two people are named there."""
    if token.pos != "PRON" or token.lemma not in ("он", "она") or token.feats.get("Case") != "Nom":
        return None
    return _person_before(ctx, si, token)


def possessor(ctx: Context, si: int, token: Token) -> Entity | None:
    """The person a possessive "его" or "её" stands for ("его встреча с Си Цзиньпином"), read
    as `antecedent` reads "он"."""
    if token.pos != "DET" or token.lemma not in ("его", "ее", "её"):
        return None
    return _person_before(ctx, si, token)


def _person_before(ctx: Context, si: int, token: Token) -> Entity | None:
    """The one person named before a token in its sentence and the one before, if one."""
    start = ctx.parsed.sentences[si - 1].start if si > 0 else ctx.parsed.sentences[si].start
    before = [
        m
        for m in ctx.mentions
        if m.type == "Person" and m.entity_key and not m.credit and start <= m.start < token.start
    ]
    people = {m.entity_key for m in before}
    return ctx.entities[before[-1].entity_key] if len(people) == 1 else None


def argument(ctx: Context, found: Found, si: int, token: Token) -> list[Entity]:
    """The entities a syntactic argument stands for, following `conj` (of the argument, or of
    the name set beside its kind noun) and post nouns;
    "Стороны" are the parties of the last meeting or signing; "он" as a subject the person
    named last before it."""
    sent = ctx.parsed.sentences[si]
    out: list[Entity] = []
    # "Компания «Ромашка» и ФНПР": the parser may join the next party to the kind noun's name
    named = [c for c in sent.children(token.index) if c.rel == "appos"]
    for t in (
        [token] + conjuncts(sent, token) + [x for c in named for x in [c, *conjuncts(sent, c)]]
    ):
        e = ctx.entity_at(si, t) or named_by_noun(ctx, found, si, t) or antecedent(ctx, si, t)
        if e is None and t.lemma in words("parties") and t.feats.get("Number") == "Plur":
            out.extend(last_participants(found))
        elif e is not None and e not in out:
            out.append(e)
    return out


def named_in(ctx: Context, sent: Sentence) -> list[Mention]:
    """The mentions of a sentence that name an entity (no credit lines), in text order."""
    found = (
        m
        for m in ctx.mentions
        if m.entity_key and not m.credit and sent.start <= m.start < sent.end
    )
    return sorted(found, key=lambda m: m.start)


def neighbours(ctx: Context, sent: Sentence) -> list[tuple[Mention, Mention, str]]:
    """Each two named mentions of a sentence that follow one another, with the text between
    them ("Иван Петров от партии «Воля»": the name, the party and " от партии «")."""
    named = named_in(ctx, sent)
    return [
        (a, b, ctx.parsed.text[a.end : b.start]) for a, b in zip(named, named[1:], strict=False)
    ]


def build_context(
    article: Article, parsed: Parsed, mentions: list[Mention], entities: dict[str, Entity]
) -> Context:
    """Index mentions by the tokens they head and cover, and find the time expressions."""
    heads: dict[tuple[int, int], Mention] = {}
    covers: dict[tuple[int, int], Mention] = {}
    for si, sent in enumerate(parsed.sentences):
        for m in mentions:
            if m.end <= sent.start or m.start >= sent.end:
                continue
            toks = tokens_in(sent, m.start, m.end)
            if not toks:
                continue
            head = head_token(toks)
            prev = heads.get((si, head.index))
            if prev is None or prev.end - prev.start < m.end - m.start:
                heads[(si, head.index)] = m
            for t in toks:
                prev = covers.get((si, t.index))
                if prev is None or prev.end - prev.start < m.end - m.start:
                    covers[(si, t.index)] = m
    times = find_times(parsed.text, article.date)
    return Context(article, parsed, mentions, entities, heads, covers, times)
