"""Structure between organisations and people: `partOf` from names that hold another
organisation ("Центр технической поддержки БЕЛАЗ" is part of БЕЛАЗ) and `memberOf` from
membership posts ("член Общественной палаты")."""

from __future__ import annotations

from kg.extract.bank import prior
from kg.extract.context import Context, Found, neighbours, organisation_named
from kg.extract.tree import case_of, evidence_of, head_token, tokens_in
from kg.io.decode import cyrillic_share
from kg.lexicon import words
from kg.model import Entity, Mention, Relation, fold
from kg.nlp import Sentence, Token

__all__ = [
    "find_parts",
    "find_subsidiaries",
    "is_party",
    "members_from_posts",
    "members_in_brackets",
    "members_from",
]


def _governed(sent: Sentence, part: Mention) -> bool:
    """Whether a name inside another is governed by it in the genitive ("Департамент МИДа") or
    is an abbreviation, which shows no case, not a Latin name set beside a type noun in
    apposition ("агентство Reuters" is Reuters itself)."""
    toks = tokens_in(sent, part.start, part.end)
    if not toks or not cyrillic_share(toks[0].text):
        return False  # a Latin name is set beside its type noun ("агентство Reuters")
    head = head_token(toks)
    return head.feats.get("Case") == "Gen" or head.text.isupper()  # "поддержки КАМАЗ"


def _not_a_part(ctx: Context, before: list[Token], part: Mention) -> bool:
    """Whether the words of a name before the organisation it holds are only an abbreviation
    of the same body, its name in quotes after it ("МГТУ «МАМИ»"; not "ГУ МВД")."""
    quoted = ctx.parsed.text[part.start - 1 : part.start] in ("«", '"')
    return quoted and len(before) == 1 and before[0].text.isupper()


def find_parts(ctx: Context) -> list[Relation]:
    """partOf: an organisation whose name holds the name of another organisation it governs
    in the genitive ("Комитет Госдумы по обороне", "Центр поддержки КАМАЗ")."""
    out: list[Relation] = []
    orgs = [m for m in ctx.mentions if m.type == "Organization" and m.entity_key]
    for sent in ctx.parsed.sentences:
        for whole in orgs:
            if not (sent.start <= whole.start < sent.end):
                continue
            for part in orgs:
                if part is whole or part.entity_key == whole.entity_key:
                    continue
                if whole.start < part.start and part.end <= whole.end and _governed(sent, part):
                    before = [
                        t for t in tokens_in(sent, whole.start, part.start) if t.pos != "PUNCT"
                    ]
                    if before and before[0].lemma in words("org_kinds"):
                        continue  # "агентство ТАСС", "компания Microsoft": the kind of it
                    if _not_a_part(ctx, before, part):
                        continue
                    out.append(
                        Relation(
                            "partOf",
                            ctx.entities[whole.entity_key],
                            ctx.entities[part.entity_key],
                            evidence_of(sent),
                            prior("part-name"),
                            {},
                            "part-name",
                        )
                    )
    return out


def is_party(label: str) -> bool:
    """Whether an organisation's label names a party or a movement."""
    body = fold(label)
    return any(w.startswith(("парти", "движени")) for w in body.split()) or body in words(
        "party_names"
    )


def members_in_brackets(ctx: Context) -> list[Relation]:
    """memberOf for a party in brackets right after a person's name ("первый зампред комитета
    Андрей Красов («Единая Россия»)")."""
    out: list[Relation] = []
    text = ctx.parsed.text
    for sent in ctx.parsed.sentences:
        for a, b, gap in neighbours(ctx, sent):
            if a.type != "Person" or b.type != "Organization":
                continue
            opened = gap.strip(' «"') == "("
            if not opened or not text[b.end :].lstrip('»" ').startswith(")"):
                continue
            party = ctx.entities[b.entity_key]
            if is_party(party.label):
                rule = "member-bracket"
                person = ctx.entities[a.entity_key]
                out.append(
                    Relation("memberOf", person, party, evidence_of(sent), prior(rule), {}, rule)
                )
    return out


def members_from_posts(posts: list[Relation]) -> list[Relation]:
    """memberOf for posts that are memberships ("член", "депутат" of a party), not seats in a
    legislature, a government or a team (kg/lexicon/seated_bodies.tsv), and for any post in a
    party or a movement ("лидер партии", kg/lexicon/party_names.tsv); "член совета
    директоров" is a member of the board, not of the company."""
    member_words = words("membership")
    out = []
    for r in posts:
        role = r.qualifiers.get("role", "").split()
        body = fold(r.object.label) if r.object is not None else ""
        seated = any(body == b or body.startswith(b + " ") for b in words("seated_bodies"))
        party = r.object is not None and is_party(r.object.label)
        if (
            r.object is not None
            and r.object.type == "Organization"
            and role
            and (role[0] in member_words and len(role) == 1 or party)
            and not seated
        ):
            out.append(
                Relation(
                    "memberOf",
                    r.subject,
                    r.object,
                    r.evidence,
                    prior("member-post"),
                    {"phase": r.qualifiers["phase"]} if "phase" in r.qualifiers else {},
                    "member-post",
                )
            )
    return out


_PARTY_NOUNS = ("партия", "движение")
_FROM_PARTY = ("от партии", "от движения")


def _member(person: Entity, party: Entity, sent: Sentence) -> Relation:
    rule = "member-from"
    return Relation("memberOf", person, party, evidence_of(sent), prior(rule), {}, rule)


def _person_of(ctx: Context, found: Found, si: int, token: Token) -> Entity | None:
    """The person a token names: a name, the holder of a post noun, or a title's appositive
    name ("кандидат от партии Хиллари Клинтон")."""
    sent = ctx.parsed.sentences[si]
    candidates = [ctx.entity_at(si, token), found.holders.get((si, token.index))]
    candidates += [ctx.entity_at(si, c) for c in sent.children(token.index) if c.rel == "appos"]
    return next((e for e in candidates if e is not None and e.type == "Person"), None)


def members_from(ctx: Context, found: Found) -> list[Relation]:
    """memberOf for a person, or a title's holder, "от" a party ("депутат Госдумы от
    «Справедливой России» Илья Пономарёв", "Светлана Пеунова от партии «Воля»")."""
    out: list[Relation] = []
    for si, sent in enumerate(ctx.parsed.sentences):
        for t in sent.tokens:
            for c in sent.children(t.index):
                if c.rel != "nmod" or case_of(sent, c) != "от":
                    continue
                party = organisation_named(ctx, si, c)
                person = _person_of(ctx, found, si, t) if party is not None else None
                if person is not None and (is_party(party.label) or c.lemma in _PARTY_NOUNS):
                    out.append(_member(person, party, sent))
        out += _named_from(ctx, sent)
    return out


def _named_from(ctx: Context, sent: Sentence) -> list[Relation]:
    """A name followed at once by "от" and a party, however the parser hung them."""
    out = []
    for a, b, between in neighbours(ctx, sent):
        if a.type != "Person" or b.type != "Organization":
            continue
        gap = fold(between.strip(' «"'))
        party = ctx.entities[b.entity_key]
        if gap in _FROM_PARTY or gap == "от" and is_party(party.label):
            out.append(_member(ctx.entities[a.entity_key], party, sent))
    return out


def _a_part_noun(sent: Sentence, t: Token) -> bool:
    """Whether a noun names a part of an organisation: "филиал", "подразделение", or a kind
    noun with "дочерний" ("дочерняя компания")."""
    if t.pos != "NOUN":
        return False
    if t.lemma in words("part_nouns"):
        return True
    daughter = any(c.lemma == "дочерний" for c in sent.children(t.index) if c.rel == "amod")
    return daughter and t.lemma in words("org_kinds") | words("organisations")


def _named_after(ctx: Context, sent: Sentence, parent: Mention) -> Mention | None:
    """The organisation named right after another, only quotes and spaces between them
    ("дочерняя компания «Газпрома» «Газпром нефть»")."""
    after = [
        m
        for m in ctx.mentions
        if m.type == "Organization" and m.entity_key and parent.end <= m.start < sent.end
    ]
    first = min(after, key=lambda m: m.start, default=None)
    if first is None or ctx.parsed.text[parent.end : first.start].strip(' «»"'):
        return None
    return first


def _part_named(ctx: Context, si: int, t: Token, parent: Entity, where: Mention) -> Entity | None:
    """The part a part noun stands for: its appositive name, the name right after its
    organisation's, or the name it is set beside ("«Газпром нефть», дочерняя компания")."""
    sent = ctx.parsed.sentences[si]
    near = [c for c in sent.children(t.index) if c.rel == "appos"]
    if t.rel == "appos" and t.head >= 0:
        near.append(sent.tokens[t.head])
    found = [organisation_named(ctx, si, c) for c in near]
    after = _named_after(ctx, sent, where)
    found.append(ctx.entities[after.entity_key] if after is not None else None)
    return next((e for e in found if e is not None and e.key != parent.key), None)


def find_subsidiaries(ctx: Context) -> list[Relation]:
    """partOf for a subsidiary, a branch or a unit named beside the organisation it belongs
    to ("дочерняя компания «Газпрома» «Газпром нефть»", "«Газпром нефть», дочерняя компания
    «Газпрома»", "филиал «Сбербанка» «Волжский»")."""
    out: list[Relation] = []
    for si, sent in enumerate(ctx.parsed.sentences):
        for t in sent.tokens:
            if not _a_part_noun(sent, t):
                continue
            for c in sent.children(t.index):
                if (
                    c.rel not in ("nmod", "appos")
                    or c.feats.get("Case") != "Gen"
                    or case_of(sent, c)
                ):
                    continue
                parent = organisation_named(ctx, si, c)
                where = ctx.mention_at(si, c)
                part = _part_named(ctx, si, t, parent, where) if parent and where else None
                if part is not None and parent is not None:
                    rule = "part-subsidiary"
                    out.append(
                        Relation("partOf", part, parent, evidence_of(sent), prior(rule), {}, rule)
                    )
    return out
