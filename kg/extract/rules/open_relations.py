"""Open relations: a verb that links two entities but is in no lexicon still yields a claim
(predicate `verb:<lemma>`, or `verb:<lemma> <preposition>`), with a low confidence."""

from __future__ import annotations

from kg.extract.bank import prior
from kg.extract.context import Context, Found, argument
from kg.extract.tree import case_of, evidence_of
from kg.lexicon import event_cues, words
from kg.model import OPEN_PREFIX, Relation

__all__ = ["RULE", "find_open_relations"]

RULE = "open-verb"
_OBJECTS = ("obj", "iobj", "obl")


def find_open_relations(ctx: Context, found: Found, taken: set[tuple[str, str]]) -> list[Relation]:
    """Subject–object pairs of verbs outside the lexicons; `taken` holds entity-key pairs that
    a core relation already links, so those are not stated twice."""
    known = set(event_cues()) | words("speech") | words("open_skip")
    out: list[Relation] = []
    for si, sent in enumerate(ctx.parsed.sentences):
        for verb in sent.tokens:
            if verb.pos != "VERB" or verb.lemma in known:
                continue
            kids = sent.children(verb.index)
            subjects = [e for c in kids if c.rel == "nsubj" for e in argument(ctx, found, si, c)]
            if not subjects:
                continue
            for c in kids:
                if c.rel not in _OBJECTS:
                    continue
                case = case_of(sent, c)
                if c.rel == "obl" and not case:
                    continue
                name = OPEN_PREFIX + verb.lemma + (f" {case}" if case else "")
                for s in subjects:
                    for o in argument(ctx, found, si, c):
                        if o == s or (s.key, o.key) in taken or (o.key, s.key) in taken:
                            continue
                        out.append(
                            Relation(
                                name, s, o, evidence_of(sent), prior(RULE), {}, f"open:{verb.lemma}"
                            )
                        )
    return out
