"""Posts: "губернатор Кузбасса Илья Середюк", "Иванов, председатель правления банка"."""

from __future__ import annotations

from kg.extract.context import Context, evidence_of
from kg.extract.labels import geo_adjective_place, nominative
from kg.lexicons import posts
from kg.model import Entity, Relation
from kg.nlp import Sentence, Token

__all__ = ["find_posts"]

CONFIDENCE = {"post-before-name": 0.85, "post-after-name": 0.75, "post-chain": 0.7}


def _post_nouns(sent: Sentence, name: Token) -> list[tuple[Token, str]]:
    """Post nouns tied to a name token, with the rule that tied them."""
    table = posts()
    found: list[tuple[Token, str]] = []
    parent = sent.head_of(name.index)
    if name.rel == "appos" and parent is not None and parent.lemma in table:
        found.append((parent, "post-before-name"))
    for child in sent.children(name.index):
        if child.rel == "appos" and child.lemma in table:
            found.append((child, "post-after-name"))
    for post, _ in list(found):
        up = sent.head_of(post.index)
        if post.rel == "appos" and up is not None and up.lemma in table and not _owned(sent, up):
            found.append((up, "post-chain"))
        for c in sent.children(post.index):
            if c.rel == "appos" and c.lemma in table and not _owned(sent, c):
                found.append((c, "post-chain"))
    return found


def _owned(sent: Sentence, post: Token) -> bool:
    """Whether a post noun has a name of its own ("... и председатель КНР Ху Цзиньтао")."""
    return any(c.rel == "appos" and c.pos == "PROPN" for c in sent.children(post.index))


def _role_tokens(sent: Sentence, post: Token, named) -> list[Token]:
    """The words of a post title: its adjectives, the post noun and the nouns it is of.

    `named(token)` tells whether a token names an entity (those end the title).
    """
    role = [post]
    for c in sent.children(post.index):
        if c.rel == "amod" and c.index < post.index and not geo_adjective_place(c.lemma):
            role.append(c)
    head = post
    for _ in range(4):
        # the words of the title that follow it: "министра иностранных дел", "правления"
        last = max(t.index for t in role)
        nxt = [
            c
            for c in sent.children(head.index)
            if c.rel == "nmod"
            and c.pos == "NOUN"
            and c.feats.get("Case") == "Gen"
            and named(c) is False
            and min([c.index] + [a.index for a in sent.children(c.index) if a.rel == "amod"])
            == last + 1
        ]
        if not nxt:
            break
        head = nxt[0]
        role += [a for a in sent.children(head.index) if a.rel == "amod" and a.index < head.index]
        role.append(head)
    return sorted(role, key=lambda t: t.index)


def _role_text(role: list[Token], post: Token) -> str:
    gender = post.feats.get("Gender")
    out = []
    for t in role:
        if t.index < post.index:
            out.append(nominative(t.text.lower(), gender))
        elif t is post:
            out.append(nominative(t.text.lower()))
        else:
            out.append(t.text.lower())
    return " ".join(out)


def _where(ctx: Context, si: int, role: list[Token], person: Entity) -> Entity | None:
    """The organisation or place a post belongs to: the nearest named thing below it."""
    sent = ctx.parsed.sentences[si]
    skip = {t.index for t in role}
    todo = [t.index for t in role]
    while todo:
        i = todo.pop(0)
        for c in sent.children(i):
            if c.index in skip or c.rel not in ("nmod", "appos", "flat", "flat:name"):
                continue
            if c.lemma in posts():
                continue  # another post of the same person: "политолог, глава клуба"
            skip.add(c.index)
            e = ctx.entity_at(si, c)
            if e is not None and e != person and e.type in ("Organization", "Place"):
                return e
            if e is None:
                todo.append(c.index)
    for t in role:
        for c in sent.children(t.index):
            place = geo_adjective_place(c.lemma) if c.rel == "amod" else None
            if place:
                return next((e for e in ctx.entities.values() if e.label == place), None) or Entity(
                    key=f"place:{place.lower()}", label=place, type="Place"
                )
    return None


def find_posts(ctx: Context) -> list[Relation]:
    """holdsPosition claims from post nouns beside person names."""
    out: list[Relation] = []
    for si, sent in enumerate(ctx.parsed.sentences):
        for m in ctx.mentions:
            if m.type != "Person" or m.credit or not (sent.start <= m.start < sent.end):
                continue
            name = next((t for t in sent.tokens if ctx.heads.get((si, t.index)) is m), None)
            if name is None:
                continue
            person = ctx.entities[m.entity_key]
            for post, rule in _post_nouns(sent, name):
                role = _role_tokens(sent, post, lambda t, si=si: ctx.mention_at(si, t) is not None)
                where = _where(ctx, si, role, person)
                out.append(
                    Relation(
                        predicate="holdsPosition",
                        subject=person,
                        object=where,
                        evidence=evidence_of(sent),
                        confidence=CONFIDENCE[rule] - (0.1 if where is None else 0.0),
                        qualifiers={"role": _role_text(role, post)},
                        rule=rule,
                    )
                )
    return out
