"""statement: a speech verb's speaker ("..., – отметил Сергей Старовойтов")."""

from __future__ import annotations

from kg.extract.bank import prior
from kg.extract.context import Context, Found
from kg.extract.rules.arguments import subjects
from kg.extract.tree import evidence_of
from kg.lexicon import words
from kg.model import Event

__all__ = ["RULE", "find_statements"]

RULE = "statement"


def find_statements(ctx: Context, found: Found) -> list[Event]:
    """Statement events, each with the people who spoke as its participants."""
    speech = words("speech")
    out = []
    for si, sent in enumerate(ctx.parsed.sentences):
        for t in sent.tokens:
            if t.lemma in speech and t.pos == "VERB":
                speakers = [e for e in subjects(ctx, found, si, t) if e.type == "Person"]
                if speakers:
                    out.append(
                        Event(
                            "Statement",
                            speakers,
                            evidence_of(sent),
                            prior(RULE),
                            rule=f"speech:{t.lemma}",
                            id=f"{ctx.article.id}#s{len(out) + 1}",
                        )
                    )
    return out
