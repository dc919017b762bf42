"""Whether a meeting cue tells of a meeting that took place: not one in the future tense, nor
one a word of kg/lexicon/unrealised.tsv plans, puts off or calls off, nor dating."""

from __future__ import annotations

from kg.lexicon import words
from kg.nlp import Sentence, Token

__all__ = ["took_place"]

_SAID = {"acl", "acl:relcl", "amod", "advmod", "aux", "obl", "nmod"}


def _future(sent: Sentence, verb: Token) -> bool:
    """Whether a verb is in the future tense, simple or "будет" and an infinitive ("будут
    проводить", which the tagger may call present)."""
    if verb.feats.get("Tense") == "Fut":
        return True
    infinitive = verb.feats.get("VerbForm") == "Inf"
    return any(
        c.rel == "aux" and c.lemma == "быть" and (infinitive or c.feats.get("Tense") == "Fut")
        for c in sent.children(verb.index)
    )


def _predicates(sent: Sentence, cue: Token) -> list[Token]:
    """The cue and the verbs that tell of it: the verb a meeting noun is the subject or object
    of ("проведут переговоры", "пройдёт встреча") and the verb that one completes ("планируют
    провести переговоры")."""
    out = [cue]
    up = sent.head_of(cue.index)
    if cue.pos == "NOUN" and cue.rel in ("obj", "nsubj", "nsubj:pass") and up is not None:
        out.append(up)
        top = sent.head_of(up.index)
        if up.rel == "xcomp" and top is not None:
            out.append(top)
    return out


def took_place(sent: Sentence, cue: Token) -> bool:
    """Whether a meeting cue tells of a meeting that happened or happens: not one in the
    future tense ("проведут переговоры"), one a word of kg/lexicon/unrealised.tsv plans, puts
    off or calls off ("встреча, назначенная на воскресенье, отменена", "планируют провести
    переговоры"), nor "стал встречаться с", which is dating."""
    chain = _predicates(sent, cue)
    if any(_future(sent, t) for t in chain if t.pos in ("VERB", "AUX")):
        return False
    up = sent.head_of(cue.index)
    if up is not None and up.lemma in ("стать", "начать") and cue.lemma == "встречаться":
        return False
    # what is said of the cue itself ("предстоящая встреча", "встреча, назначенная на
    # воскресенье"), not a clause of its own ("встретился, чтобы обсудить отмену пошлин")
    near = [c for c in sent.children(cue.index) if c.rel in _SAID]
    near += [g for c in near if c.rel.startswith("acl") for g in sent.children(c.index)]
    if up is not None:  # "встреча оказалась под угрозой срыва": what the meeting is said to be
        near += [up, *(c for c in sent.children(up.index) if c.rel in _SAID)]
    near += chain[2:]
    return not any(t.lemma in words("unrealised") for t in near)
