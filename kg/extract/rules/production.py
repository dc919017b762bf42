"""produces: who or where makes a named product or work.

- produce-verb: a verb of making (kg/lexicon/production_verbs.tsv) with the maker as subject
  and the product as object ("завод выпускает автобус «Витязь»", "режиссёр снял фильм «Дом»"),
  or in the passive with the plant, the agent or the place it is made at ("«Витязь»
  выпускают на заводе «Ромашка»", "автобус «Витязь» производится в Минске");
- product-origin: "производства" with the maker ("автобус «Витязь» производства МАЗа",
  "«Витязь» белорусского производства"), a geographic adjective on the product's noun
  ("белорусский автобус «Витязь»"), the author of a work in the genitive ("фильм Педро
  Альмодовара «Возвращение»", kg/lexicon/works.tsv), and the holder of a maker's title
  ("режиссёр сериала «Дом»", kg/lexicon/creator_posts.tsv).
"""

from __future__ import annotations

from kg.extract.bank import prior
from kg.extract.context import (
    Context,
    Found,
    argument,
    neighbours,
    organisation_named,
    place_of_adjective,
)
from kg.extract.tree import case_of, conjuncts, evidence_of, head_token, tokens_in
from kg.lexicon import words
from kg.model import Entity, Mention, Relation
from kg.nlp import Sentence, Token

__all__ = ["find_production"]

_MAKERS = ("Person", "Organization", "Place")
_ORIGIN_NOUNS = ("производство", "разработка", "сборка")


def _products(ctx: Context, si: int, token: Token) -> list[Entity]:
    """The named products an argument stands for: a product's name, or the name set beside a
    product noun ("автобус «Витязь»"), with those it is coordinated with."""
    sent = ctx.parsed.sentences[si]
    out: list[Entity] = []
    for t in [token] + conjuncts(sent, token):
        e = ctx.entity_at(si, t)
        if e is None or e.type != "Product":
            named = (ctx.entity_at(si, c) for c in sent.children(t.index))
            e = next((n for n in named if n is not None and n.type == "Product"), None)
        if e is not None and e.type == "Product" and e not in out:
            out.append(e)
    return out


def _claim(sent: Sentence, maker: Entity, product: Entity, rule: str) -> Relation:
    return Relation("produces", maker, product, evidence_of(sent), prior(rule), {}, rule)


def _passive_makers(ctx: Context, si: int, sent: Sentence, verb: Token) -> list[Entity]:
    """Who makes a product in a passive or impersonal clause: the agent, the plant ("на
    заводе «Ромашка»") or the place ("в Минске") it is made at."""
    out = []
    for c in sent.children(verb.index):
        if (
            c.rel == "obl:agent"
            or c.rel == "obl"
            and c.feats.get("Case") == "Ins"
            and not case_of(sent, c)
        ):
            e = organisation_named(ctx, si, c)
        elif c.rel == "obl" and case_of(sent, c) in ("на", "в"):
            e = organisation_named(ctx, si, c) or ctx.entity_at(si, c)
        else:
            continue
        if e is not None and e.type in ("Organization", "Place"):
            out.append(e)
    return out


def _impersonal(verb: Token) -> bool:
    """Whether a verb says what is done without who does it ("выпускают", "производится")."""
    feats = verb.feats
    return feats.get("Voice") == "Pass" or (
        feats.get("Person") == "3" and feats.get("Number") == "Plur"
    )


def _by_verb(ctx: Context, found: Found, si: int, sent: Sentence) -> list[Relation]:
    rule = "produce-verb"
    out = []
    for verb in sent.tokens:
        if verb.pos != "VERB" or verb.lemma not in words("production_verbs"):
            continue
        kids = sent.children(verb.index)
        subjects = [c for c in kids if c.rel == "nsubj"]
        objects = [c for c in kids if c.rel == "obj"]
        if subjects and objects:
            makers = [e for s in subjects for e in argument(ctx, found, si, s)]
            products = [p for o in objects for p in _products(ctx, si, o)]
        elif _impersonal(verb):
            things = [c for c in kids if c.rel in ("nsubj:pass", "obj", "nsubj")]
            makers = _passive_makers(ctx, si, sent, verb)
            products = [p for o in things for p in _products(ctx, si, o)]
        else:
            continue
        for maker in makers:
            if maker.type in _MAKERS:
                out += [_claim(sent, maker, p, rule) for p in products if p.key != maker.key]
    return out


def _a_work(sent: Sentence, noun: Token) -> bool:
    """Whether a token is a work's noun, or the title set beside one ("фильм «Дом»")."""
    head = sent.tokens[noun.head] if noun.head >= 0 else None
    return noun.lemma in words("works") or (
        head is not None and head.lemma in words("works") and noun.rel in ("appos", "nmod", "flat")
    )


def _author(sent: Sentence, noun: Token, c: Token) -> bool:
    """Whether a child of a work's noun or title is its author, a bare genitive ("фильм
    Германа", "в фильме «Дом» Алексея Германа")."""
    return (
        _a_work(sent, noun)
        and c.rel == "nmod"
        and c.feats.get("Case") == "Gen"
        and not case_of(sent, c)
    )


def _makers_of(ctx: Context, found: Found, si: int, sent: Sentence, noun: Token) -> list[Entity]:
    """The makers a product's noun names: "производства МАЗа", "белорусского производства",
    "белорусский автобус", "фильм Педро Альмодовара"."""
    out: list[Entity] = []
    for c in sent.children(noun.index):
        if c.lemma in _ORIGIN_NOUNS and c.rel == "nmod":
            for m in sent.children(c.index):
                if m.rel == "nmod" and m.feats.get("Case") == "Gen":
                    out += argument(ctx, found, si, m)
                elif m.rel == "amod":
                    out += [e for e in [place_of_adjective(ctx, m.lemma)] if e is not None]
        elif c.rel == "amod" and c.index < noun.index and noun.lemma in words("products"):
            out += [e for e in [place_of_adjective(ctx, c.lemma)] if e is not None]
        elif _author(sent, noun, c):
            out += [e for e in argument(ctx, found, si, c) if e.type in ("Person", "Organization")]
    return out


def _person_beside(ctx: Context, si: int, sent: Sentence, noun: Token) -> Entity | None:
    """The person a title is set beside: its appositive name ("создатель «Тетриса» Алексей
    Пажитнов"), or the name it is an appositive of ("Алексей Пажитнов, создатель")."""
    near = [c for c in sent.children(noun.index) if c.rel in ("appos", "flat:name", "nmod")]
    if noun.rel == "appos" and noun.head >= 0:
        near.append(sent.tokens[noun.head])
    people = [ctx.entity_at(si, t) for t in near]
    return next((e for e in people if e is not None and e.type == "Person"), None)


def _by_creator(ctx: Context, found: Found, si: int, sent: Sentence) -> list[Relation]:
    """The holder of a maker's title and the product or work it governs ("режиссёр сериала
    «Дом» Иван Петров", "Иван Петров, создатель «Тетриса»")."""
    out = []
    for noun in sent.tokens:
        if noun.lemma not in words("creator_posts") or noun.pos != "NOUN":
            continue
        holder = found.holders.get((si, noun.index)) or _person_beside(ctx, si, sent, noun)
        if holder is None:
            continue
        for c in sent.children(noun.index):
            if c.rel == "nmod" and c.feats.get("Case") == "Gen" and not case_of(sent, c):
                products = _products(ctx, si, c)
                out += [_claim(sent, holder, p, "product-origin") for p in products]
    return out


def _author_after(ctx: Context, si: int, sent: Sentence) -> list[Relation]:
    """A work's «title» followed at once by its author in the genitive ("в фильме «Сад»
    Андрея Орлова"), however the parser hung the name."""
    out = []
    for title, author, gap in neighbours(ctx, sent):
        if title.type != "Product" or author.type != "Person":
            continue
        if gap.strip('»"” ') or not _a_title(ctx, si, sent, title):
            continue
        toks = tokens_in(sent, author.start, author.end)
        if toks and head_token(toks).feats.get("Case") == "Gen":
            maker, work = ctx.entities[author.entity_key], ctx.entities[title.entity_key]
            out.append(_claim(sent, maker, work, "product-origin"))
    return out


def _a_title(ctx: Context, si: int, sent: Sentence, title: Mention) -> bool:
    """Whether a product's name is the title of a work (set beside a work's noun)."""
    toks = tokens_in(sent, title.start, title.end)
    return bool(toks) and _a_work(sent, head_token(toks))


def _by_origin(ctx: Context, found: Found, si: int, sent: Sentence) -> list[Relation]:
    rule = "product-origin"
    out = _author_after(ctx, si, sent)
    for noun in sent.tokens:
        if noun.pos not in ("NOUN", "PROPN"):
            continue
        products = _products(ctx, si, noun)
        if not products:
            continue
        for maker in _makers_of(ctx, found, si, sent, noun):
            if maker.type in _MAKERS:
                out += [_claim(sent, maker, p, rule) for p in products if p.key != maker.key]
    return out


def find_production(ctx: Context, found: Found) -> list[Relation]:
    """produces claims: verbs of making and the origin a product's words name."""
    out: list[Relation] = []
    for si, sent in enumerate(ctx.parsed.sentences):
        out += _by_verb(ctx, found, si, sent) + _by_origin(ctx, found, si, sent)
        out += _by_creator(ctx, found, si, sent)
    return out
