"""Events and the relations they imply: meetings, signings, cooperation, openings, statements."""

from __future__ import annotations

from itertools import combinations

from kg.extract.context import Context, conjuncts, evidence_of, subtree
from kg.extract.labels import nominative
from kg.lexicon import EventCue, event_cues, words
from kg.model import Entity, Event, Relation
from kg.nlp import Sentence, Token

__all__ = ["find_events"]

EVENT_TYPES = {
    "met": "Meeting",
    "signedAgreement": "AgreementSigning",
    "cooperatesWith": "Cooperation",
    "locatedIn": "Opening",
}
ACTORS = {"Person", "Organization"}
PARTIES = {"Person", "Organization", "Place"}
CONFIDENCE = {"met": 0.85, "signedAgreement": 0.85, "cooperatesWith": 0.7, "locatedIn": 0.7}
_WITH = {"с", "со", "между"}
_AT = {"в", "во", "на"}


def _case(sent: Sentence, token: Token) -> str:
    return next((c.lemma for c in sent.children(token.index) if c.rel == "case"), "")


def _trigger(ctx: Context, si: int, token: Token, cue: EventCue) -> Token | None:
    """The token that carries the event's arguments if the cue's condition holds."""
    sent = ctx.parsed.sentences[si]
    cond = cue.condition
    if not cond:
        return token
    kind, _, values = cond.partition("=")
    if kind == "objtype":
        # "принял посла Японии": an object that is a person ("принял решение" is not a meeting);
        # the parser sometimes hangs the object lower ("принимает в доме коллегу Саркози")
        for c in subtree(sent, token.index)[:40]:
            if (
                c.index > token.index
                and (c.rel == "obj" or c.feats.get("Case") == "Acc")
                and any(e.type == values for e in ctx.argument(si, c))
            ):
                return c
        return None
    wanted = set(values.split("|"))
    rels = {"obj": ("obj", "nsubj:pass"), "nmod": ("nmod",)}[kind]
    for c in sent.children(token.index):
        if c.rel in rels and c.lemma in wanted:
            return c
    return None


def _subjects(ctx: Context, si: int, verb: Token) -> list[Entity]:
    sent = ctx.parsed.sentences[si]
    subj = [c for c in sent.children(verb.index) if c.rel in ("nsubj", "nsubj:pass")]
    if not subj and verb.rel in ("conj", "xcomp"):
        up = sent.head_of(verb.index)
        if up is not None:
            subj = [c for c in sent.children(up.index) if c.rel == "nsubj"]
    out = []
    for c in subj:
        if c.lemma == "который" and verb.rel == "acl:relcl":
            # "Миллер и Озерец, которые сегодня встречаются": the clause's antecedent
            antecedent = sent.head_of(verb.index)
            if antecedent is not None:
                c = antecedent
                while c.rel == "conj" and sent.head_of(c.index) is not None:
                    c = sent.head_of(c.index)
        out.extend(ctx.argument(si, c))
    return out


def _with(ctx: Context, si: int, heads: list[Token]) -> list[Entity]:
    sent = ctx.parsed.sentences[si]
    out = []
    for h in heads:
        for c in sent.children(h.index):
            if c.rel in ("obl", "nmod") and _case(sent, c) in _WITH:
                out.extend(ctx.argument(si, c))
    return out


def _genitives(ctx: Context, si: int, noun: Token) -> list[Entity]:
    sent = ctx.parsed.sentences[si]
    return [
        e
        for c in sent.children(noun.index)
        if c.rel == "nmod" and not _case(sent, c) and c.feats.get("Case") == "Gen"
        for e in ctx.argument(si, c)
    ]


def _place(ctx: Context, si: int, heads: list[Token]) -> Entity | None:
    sent = ctx.parsed.sentences[si]
    for h in heads:
        for c in sent.children(h.index):
            if c.rel in ("obl", "nmod") and _case(sent, c) in _AT:
                e = ctx.entity_at(si, c)
                if e is not None and e.type == "Place":
                    return e
    return None


def _agreement(sent: Sentence, noun: Token) -> str:
    """The name of a signed document: "соглашение о сотрудничестве в разных сферах"."""
    toks = [t for t in subtree(sent, noun.index) if t.index >= noun.index and t.pos != "PUNCT"]
    run = []
    for t in toks:
        if run and t.index != run[-1].index + 1:
            break
        run.append(t)
    words_ = [nominative(noun.text.lower())] + [t.text for t in run[1:]]
    return " ".join(words_[:8])


def _participants(ctx: Context, si: int, token: Token, trigger: Token, cue: EventCue):
    """(subjects, partners) of an event cue."""
    sent = ctx.parsed.sentences[si]
    if cue.pos == "NOUN":
        parties = _genitives(ctx, si, token) + _with(ctx, si, [token, trigger])
        up = sent.head_of(token.index)
        # "провел переговоры с X", "после встречи с X Меркель заявила": the verb's subject
        # took part when the meeting is its object or the circumstance it acted in
        joined = token.rel == "obj" or (
            token.rel == "obl" and parties and not _genitives(ctx, si, token)
        )
        subj = _subjects(ctx, si, up) if up is not None and up.pos == "VERB" and joined else []
        return subj, parties
    subj = _subjects(ctx, si, token)
    if cue.condition.startswith("objtype"):
        return subj, ctx.argument(si, trigger)
    heads = [token] if trigger is token else [token, trigger]
    return subj, _with(ctx, si, heads)


def _pairs(subj: list[Entity], partners: list[Entity]) -> list[tuple[Entity, Entity]]:
    if subj and partners:
        return [(a, b) for a in subj for b in partners if a != b]
    everyone = list(dict.fromkeys(subj + partners))
    return list(combinations(everyone, 2))


def find_events(ctx: Context) -> list[Relation]:
    """Events read from cue words, kept on the context; returns the relations they imply."""
    cues = event_cues()
    out: list[Relation] = []
    for si, sent in enumerate(ctx.parsed.sentences):
        times = ctx.times_in(sent)
        for token in sent.tokens:
            for cue in cues.get(token.lemma, ()):
                if cue.pos != token.pos:
                    continue
                trigger = _trigger(ctx, si, token, cue)
                if trigger is None:
                    continue
                out.extend(_read_event(ctx, si, token, trigger, cue, times))
    return out


def _read_event(ctx, si, token, trigger, cue, times) -> list[Relation]:
    sent = ctx.parsed.sentences[si]
    pred = cue.predicate
    if pred == "locatedIn":
        return _located(ctx, si, token)
    allowed = ACTORS if pred == "met" else PARTIES
    subj, partners = _participants(ctx, si, token, trigger, cue)
    subj = [e for e in subj if e.type in allowed]
    partners = [e for e in partners if e.type in allowed]
    if pred == "met" and any(t.lemma in words("remote") for t in subtree(sent, token.index)):
        return []  # "поговорил по телефону", "провели переговоры по видеосвязи"
    if cue.condition.startswith("objtype") and not (subj and partners):
        return []  # a host and a guest are both needed: "принял посла"
    pairs = _pairs(subj, partners)
    if not pairs:
        return []
    place = _place(ctx, si, [token, trigger])
    time = times[0].value if times else None
    # "Стороны подписали соглашение": the same parties just met, so the same place and time
    prev = next(
        (ev for ev in reversed(ctx.events) if ev.type in ("Meeting", "AgreementSigning")), None
    )
    if (
        prev is not None
        and set(prev.participants) == set(subj + partners)
        and prev.evidence.end >= sent.start - 1
    ):
        place, time = place or prev.place, time or prev.time
    quals: dict[str, object] = {}
    if place is not None and pred != "cooperatesWith":
        quals["place"] = place.label
    if time and pred != "cooperatesWith":
        quals["time"] = time
    if pred == "signedAgreement":
        doc = (
            trigger
            if trigger is not token
            else next((c for c in sent.children(token.index) if c.rel == "nmod"), token)
        )
        quals["agreement"] = _agreement(sent, doc)
    participants = list(dict.fromkeys(subj + partners))
    ctx.events.append(
        Event(
            type=EVENT_TYPES[pred],
            participants=participants,
            evidence=evidence_of(sent),
            confidence=CONFIDENCE[pred],
            place=place,
            time=time,
            attributes={k: str(v) for k, v in quals.items() if k == "agreement"},
            rule=f"cue:{cue.lemma}",
        )
    )
    return [
        Relation(pred, a, b, evidence_of(sent), CONFIDENCE[pred], dict(quals), f"cue:{cue.lemma}")
        for a, b in pairs
    ]


def _located(ctx: Context, si: int, verb: Token) -> list[Relation]:
    """ "в Белове открыли центр": an organisation opened or standing in a place."""
    sent = ctx.parsed.sentences[si]
    place = _place(ctx, si, [verb])
    if place is None:
        return []
    orgs = []
    for c in sent.children(verb.index):
        if c.rel in ("obj", "nsubj", "nsubj:pass"):
            for t in [c] + conjuncts(sent, c):
                e = ctx.entity_at(si, t)
                if e is not None and e.type == "Organization":
                    orgs.append(e)
    times = ctx.times_in(sent)
    if orgs:
        ctx.events.append(
            Event(
                "Opening",
                orgs,
                evidence_of(sent),
                0.7,
                place=place,
                time=times[0].value if times else None,
                rule=f"cue:{verb.lemma}",
            )
        )
    return [
        Relation(
            "locatedIn",
            o,
            place,
            evidence_of(sent),
            CONFIDENCE["locatedIn"],
            {},
            f"cue:{verb.lemma}",
        )
        for o in orgs
    ]


def find_statements(ctx: Context) -> None:
    """Statement events: "..., – отметил X" with the speaker as participant."""
    speech = words("speech")
    for si, sent in enumerate(ctx.parsed.sentences):
        for t in sent.tokens:
            if t.lemma in speech and t.pos == "VERB":
                speakers = [e for e in _subjects(ctx, si, t) if e.type == "Person"]
                if speakers:
                    ctx.events.append(
                        Event(
                            "Statement", speakers, evidence_of(sent), 0.8, rule=f"speech:{t.lemma}"
                        )
                    )
