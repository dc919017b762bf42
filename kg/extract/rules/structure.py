"""Structure between organisations and people: `partOf` from names that contain another
organisation ("Центр технической поддержки БЕЛАЗ" is part of БЕЛАЗ) and `memberOf` from
membership posts ("член Общественной палаты")."""

from __future__ import annotations

from kg.extract.bank import prior
from kg.extract.context import Context
from kg.extract.tree import evidence_of
from kg.lexicon import words
from kg.model import Relation

__all__ = ["find_parts", "members_from_posts"]


def find_parts(ctx: Context) -> list[Relation]:
    """partOf: an organisation whose name ends with the name of another organisation."""
    out: list[Relation] = []
    orgs = [m for m in ctx.mentions if m.type == "Organization" and m.entity_key]
    for sent in ctx.parsed.sentences:
        for whole in orgs:
            if not (sent.start <= whole.start < sent.end):
                continue
            for part in orgs:
                if part is whole or part.entity_key == whole.entity_key:
                    continue
                if whole.start < part.start and part.end == whole.end:
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


def members_from_posts(posts: list[Relation]) -> list[Relation]:
    """memberOf for posts that are memberships ("член", "депутат" of a body)."""
    member_words = words("membership")
    out = []
    for r in posts:
        role = r.qualifiers.get("role", "").split()
        if (
            r.object is not None
            and r.object.type == "Organization"
            and role
            and role[0] in member_words
        ):
            out.append(
                Relation(
                    "memberOf",
                    r.subject,
                    r.object,
                    r.evidence,
                    prior("member-post"),
                    {},
                    "member-post",
                )
            )
    return out
