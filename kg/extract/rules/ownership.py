"""owns: who owns an organisation or a product.

- owner-post: a post whose title is ownership (kg/lexicon/owner_posts.tsv: "владелец «Челси»",
  "совладелец компании «Ромашка»"), with the post's phase ("бывший владелец": ended);
- own-verb: verbs of owning, buying and selling (kg/lexicon/ownership_verbs.tsv: "владеет
  «Ромашкой»", "«Ромашка» принадлежит холдингу", "компания, принадлежащая холдингу", "купил
  «Ромашку»", "продал пакет акций «Ромашки»"), through the nouns of a stake
  (kg/lexicon/stake_nouns.tsv).
"""

from __future__ import annotations

from functools import cache

from kg.extract.bank import prior
from kg.extract.context import Context, Found, argument, organisation_named
from kg.extract.tree import evidence_of
from kg.lexicon import rows, words
from kg.model import Entity, Relation
from kg.nlp import Sentence, Token

__all__ = ["find_ownership", "owners_from_posts"]

_OWNERS = ("Person", "Organization", "Place")
_OWNED = ("Organization", "Product")
_INFERRED = ("post-anaphor", "post-context")


@cache
def _verbs() -> dict[str, tuple[str, str]]:
    """lemma → (where the owner is, the phase the verb gives or "")."""
    return {lemma: (owner, phase) for lemma, owner, phase in rows("ownership_verbs")}


def owners_from_posts(posts: list[Relation]) -> list[Relation]:
    """owns for posts that are ownership ("владелец «Челси»"), with their phase, when the
    holder is named with the title."""
    out = []
    for r in posts:
        role = str(r.qualifiers.get("role", "")).split()
        nouns = [w for w in role if w in words("owner_posts")]
        if r.object is None or r.object.type not in _OWNED or not nouns:
            continue
        if r.rule in _INFERRED:
            continue  # the holder was read from the text around the title, not named with it
        if role.index(nouns[0]) > 1:
            continue  # "представитель владельца": a post for the owner, not ownership
        qualifiers = {"phase": r.qualifiers["phase"]} if "phase" in r.qualifiers else {}
        out.append(
            Relation(
                "owns",
                r.subject,
                r.object,
                r.evidence,
                prior("owner-post"),
                qualifiers,
                "owner-post",
            )
        )
    return out


def _owned(ctx: Context, si: int, token: Token) -> list[Entity]:
    """What an argument of owning names: an organisation or product, or the one a stake noun
    governs ("пакет акций «Ромашки»")."""
    sent = ctx.parsed.sentences[si]
    e = organisation_named(ctx, si, token) or ctx.entity_at(si, token)
    if e is not None:
        return [e] if e.type in _OWNED else []
    if token.lemma not in words("stake_nouns") and token.text != "%":
        return []
    for c in sent.children(token.index):
        if c.rel == "nmod":
            found = _owned(ctx, si, c)
            if found:
                return found
    return []


def _named_before(ctx: Context, si: int, participle: Token) -> list[Token]:
    """The last token of a name set off by a comma right before a participle ("Digital Sky
    Technologies, принадлежащая ..."), however the parser hung the participle."""
    sent = ctx.parsed.sentences[si]
    before = [t for t in sent.tokens[: participle.index] if t.text not in (",", "»", '"')][-1:]
    if not before or sent.tokens[participle.index - 1].text != ",":
        return []
    m = ctx.mention_at(si, before[0])
    return before if m is not None and m.type in _OWNED else []


def _dative(sent: Sentence, verb: Token) -> list[Token]:
    return [
        c
        for c in sent.children(verb.index)
        if c.rel in ("iobj", "obl") and c.feats.get("Case") == "Dat"
    ]


def _claims(
    sent: Sentence, owners: list[Entity], owned: list[Entity], phase: str
) -> list[Relation]:
    qualifiers = {"phase": phase} if phase else {}
    return [
        Relation("owns", o, p, evidence_of(sent), prior("own-verb"), dict(qualifiers), "own-verb")
        for o in owners
        for p in owned
        if o.type in _OWNERS and o.key != p.key
    ]


def find_ownership(ctx: Context, found: Found) -> list[Relation]:
    """owns claims read from verbs of owning, buying and selling."""
    out: list[Relation] = []
    for si, sent in enumerate(ctx.parsed.sentences):
        for verb in sent.tokens:
            if verb.pos != "VERB" or verb.lemma not in _verbs():
                continue
            where, phase = _verbs()[verb.lemma]
            kids = sent.children(verb.index)
            if where == "nsubj":
                owners = [e for c in kids if c.rel == "nsubj" for e in argument(ctx, found, si, c)]
                things = [
                    c for c in kids if c.rel in ("obj", "obl") and c.feats.get("Case") != "Dat"
                ]
            else:
                owners = [e for c in _dative(sent, verb) for e in argument(ctx, found, si, c)]
                things = [c for c in kids if c.rel == "nsubj"]
                if verb.rel in ("acl", "acl:relcl") and verb.head >= 0:
                    # "компания, принадлежащая холдингу": the name right before the participle,
                    # else the noun it hangs on
                    things += _named_before(ctx, si, verb) or [sent.tokens[verb.head]]
            owned = [p for t in things for p in _owned(ctx, si, t)]
            out += _claims(sent, owners, owned, phase)
    return out
