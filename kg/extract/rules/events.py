"""Events read from cue words (kg/lexicon/events.tsv) over the dependency tree, and the
relations they imply: meetings (meeting-verb "встретился с", meeting-noun "переговоры X и Y",
meeting-host "принял посла"), signings (signing-verb "подписали соглашение", signing-noun
"подписание договора"), cooperation and openings ("в Белове открыли центр")."""

from __future__ import annotations

from itertools import combinations

from kg.extract.bank import prior
from kg.extract.context import Context, Found, argument, organisation_named, possessor
from kg.extract.labels import nominative
from kg.extract.rules.arguments import (
    clause_obliques,
    genitives,
    partners,
    place_of,
    subjects,
)
from kg.extract.rules.event_links import (
    conjoined,
    folded,
    same_phrase,
    told_again,
    with_event_qualifiers,
)
from kg.extract.rules.modality import took_place
from kg.extract.tree import case_of, conjuncts, evidence_of, subtree
from kg.lexicon import EventCue, event_cues, table, words
from kg.model import Entity, Event, Relation
from kg.nlp import Sentence, Token

__all__ = ["EVENT_TYPES", "find_events"]

EVENT_TYPES = {
    "met": "Meeting",
    "signedAgreement": "AgreementSigning",
    "cooperatesWith": "Cooperation",
    "locatedIn": "Opening",
}
ACTORS = {"Person", "Organization"}
PARTIES = {"Person", "Organization", "Place"}


def _event_id(ctx: Context, events: list[Event]) -> str:
    """The id of the next event of the article: unique within it, shared by its relations."""
    return f"{ctx.article.id}#e{len(events) + 1}"


def _trigger(ctx: Context, found: Found, si: int, token: Token, cue: EventCue) -> Token | None:
    """The token that carries the event's arguments if the cue's condition holds."""
    sent = ctx.parsed.sentences[si]
    if not cue.condition:
        return token
    kind, _, values = cue.condition.partition("=")
    if kind == "objtype":
        # "принял посла Японии": an object that is a person ("принял решение" is not a meeting);
        # the parser sometimes hangs the object lower ("принимает в доме коллегу Саркози"), but
        # a direct object that names no one is the thing done ("принял решение об освобождении
        # Ассанжа")
        direct = [c for c in sent.children(token.index) if c.rel == "obj"]
        if direct and not any(
            e.type == values for c in direct for e in argument(ctx, found, si, c)
        ):
            return None
        for c in subtree(sent, token.index)[:40]:
            if (
                c.index > token.index
                and (c.rel == "obj" or c.feats.get("Case") == "Acc")
                and any(e.type == values for e in argument(ctx, found, si, c))
            ):
                return c
        return None
    wanted = set(values.split("|"))
    rels = {"obj": ("obj", "nsubj:pass"), "nmod": ("nmod",)}[kind]
    for c in sent.children(token.index):
        if c.rel in rels and c.lemma in wanted:
            return c
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


def _visit(sent: Sentence, heads: list[Token]) -> Token | None:
    """The visit (kg/lexicon/visits.tsv) a cue happened during: "в ходе визита", "во время
    поездки", "в рамках визита" on the cue or its verb; not "после визита"."""
    places = {w for w, r in table("prepositions").items() if r == "place"}
    for h in heads:
        for c in clause_obliques(sent, h):
            if case_of(sent, c) not in places:
                continue
            for t in [c, *(g for g in sent.children(c.index) if g.rel == "nmod")]:
                if t.lemma in words("visits"):
                    return t
    return None


def _visit_place(ctx: Context, si: int, token: Token, trigger: Token) -> Entity | None:
    """The place of the visit a cue happened during ("в ходе визита в Пекин")."""
    sent = ctx.parsed.sentences[si]
    visit = _visit(sent, _heads(sent, token, trigger))
    return place_of(ctx, si, [visit]) if visit is not None else None


def _remote(sent: Sentence, token: Token, trigger: Token) -> bool:
    """Whether a word of kg/lexicon/remote.tsv makes a meeting a call: under the cue, or said
    of the verb a meeting noun is the object of ("провёл беседу ... по телефону")."""
    said = list(subtree(sent, token.index))
    for h in _heads(sent, token, trigger)[1:]:
        for c in sent.children(h.index):
            if c.rel in ("obl", "advmod", "amod", "nmod"):
                said += subtree(sent, c.index)
    return any(t.lemma in words("remote") for t in said)


def _heads(sent: Sentence, token: Token, trigger: Token) -> list[Token]:
    """The cue, its trigger and, for a noun, the verb it is the subject or object of."""
    heads = [token] if trigger is token else [token, trigger]
    up = sent.head_of(token.index)
    if token.pos == "NOUN" and up is not None and token.rel in ("nsubj", "obj"):
        heads.append(up)
    return heads


def _participants(ctx: Context, found: Found, si: int, token: Token, trigger: Token, cue):
    """(subjects, partners) of an event cue; a visitor whose visit the meeting happened during
    (or whose "его" it is) takes part when no subject is named."""
    subj, others = _named_participants(ctx, found, si, token, trigger, cue)
    sent = ctx.parsed.sentences[si]
    if not subj and cue.pos == "NOUN":
        owner = (possessor(ctx, si, c) for c in sent.children(token.index) if c.rel == "det")
        subj = [e for e in owner if e is not None][:1]
    visit = _visit(sent, _heads(sent, token, trigger))
    if not subj and visit is not None:
        subj = [e for e in genitives(ctx, found, si, visit) if e not in others]
    return subj, others


def _named_participants(ctx: Context, found: Found, si: int, token: Token, trigger: Token, cue):
    """(subjects, partners) of an event cue, as its own phrase names them."""
    sent = ctx.parsed.sentences[si]
    if cue.pos == "NOUN":
        parties = genitives(ctx, found, si, token) + partners(ctx, found, si, [token, trigger])
        for c in sent.children(token.index):
            if c.lemma == "участие":  # "переговоры с участием X, Y и Z"
                parties += genitives(ctx, found, si, c)
        up = sent.head_of(token.index)
        # "провел переговоры с X", "после встречи с X Меркель заявила": the verb's subject
        # took part when the meeting is its object or the circumstance it acted in
        # ("комментировали встречу": a verb that does not hold the meeting names no party)
        holds = up is not None and up.lemma in words("holding_verbs")
        joined = (token.rel == "obj" and holds) or (
            token.rel == "obl" and parties and not genitives(ctx, found, si, token)
        )
        subj = (
            subjects(ctx, found, si, up) if up is not None and up.pos == "VERB" and joined else []
        )
        return subj, parties
    subj = subjects(ctx, found, si, token)
    if cue.condition.startswith("objtype"):
        return subj, argument(ctx, found, si, trigger)
    heads = [token] if trigger is token else [token, trigger]
    return subj, partners(ctx, found, si, heads)


def _among_unnamed(sent: Sentence, verb: Token, parties: list[Entity]) -> bool:
    """Whether a signing names one party among several its subject joins ("Правительство,
    профсоюзы и Российский союз промышленников подписали соглашение"): the event is read with
    the one named, and gives no relation."""
    subj = [c for c in sent.children(verb.index) if c.rel == "nsubj"]
    joined = [t for c in subj for t in [c, *conjuncts(sent, c)] if t.pos in ("NOUN", "PROPN")]
    return len(set(parties)) == 1 and len(joined) > 1


def _pairs(subj: list[Entity], others: list[Entity]) -> list[tuple[Entity, Entity]]:
    if subj and others:
        return [(a, b) for a in subj for b in others if a != b]
    everyone = list(dict.fromkeys(subj + others))
    return list(combinations(everyone, 2))


def _qualifiers(sent: Sentence, token: Token, trigger: Token, cue: EventCue, place, time):
    """The qualifiers of an event's relations: its place, time and document."""
    quals: dict[str, object] = {}
    if place is not None and cue.predicate != "cooperatesWith":
        quals["place"] = place.label
    if time and cue.predicate != "cooperatesWith":
        quals["time"] = time
    if cue.predicate == "signedAgreement":
        doc = (
            trigger
            if trigger is not token
            else next((c for c in sent.children(token.index) if c.rel == "nmod"), token)
        )
        quals["agreement"] = _agreement(sent, doc)
    return quals


def _merged(same: Event, parties: list[Entity], place, time) -> Event:
    """An event read again through a second cue of the same phrase, with what it adds."""
    same.participants.extend(p for p in parties if p not in same.participants)
    same.place = same.place or place
    same.time = same.time or time
    return same


def _read_event(ctx, found, si, token, trigger, cue, times, events, same) -> list[Relation]:
    """The relations of one cue and its event, new or (`same`) the one a linked cue read."""
    sent = ctx.parsed.sentences[si]
    pred = cue.predicate
    if pred == "locatedIn":
        return _located(ctx, si, token, cue, events)
    allowed = ACTORS if pred == "met" else PARTIES
    subj, others = _participants(ctx, found, si, token, trigger, cue)
    subj = [e for e in subj if e.type in allowed]
    others = [e for e in others if e.type in allowed]
    if pred == "met" and _remote(sent, token, trigger):
        return []  # "поговорил по телефону", "провели переговоры по видеосвязи"
    if pred == "met" and not took_place(sent, token):
        return []  # planned, cancelled, threatened, future; "стал встречаться с" is dating
    if cue.condition.startswith("objtype") and not (subj and others):
        return []  # a host and a guest are both needed: "принял посла"
    if (
        cue.lemma in words("interviews")
        and others
        and all(e.type == "Organization" for e in others)
    ):
        return []  # "в беседе с НСН": an interview given to the media
    pairs = _pairs(subj, others)
    if not pairs and not (pred == "signedAgreement" and _among_unnamed(sent, token, subj + others)):
        return []
    heads = _heads(sent, token, trigger)
    place = place_of(ctx, si, heads) or _visit_place(ctx, si, token, trigger)
    time = times[0].value if times else None
    # "Стороны подписали соглашение": the same parties just met, so the same place and time
    prev = next((ev for ev in reversed(events) if ev.type in ("Meeting", "AgreementSigning")), None)
    if (
        prev is not None
        and set(prev.participants) == set(subj + others)
        and prev.evidence.end >= sent.start - 1
    ):
        place, time = place or prev.place, time or prev.time
    parties = list(dict.fromkeys(subj + others))
    confidence = prior(cue.rule)
    if same is not None:
        ev = _merged(same, parties, place, time)
    else:
        ev = Event(
            type=EVENT_TYPES[pred],
            participants=parties,
            evidence=evidence_of(sent),
            confidence=confidence,
            place=place,
            time=time,
            rule=f"cue:{cue.lemma}",
            id=_event_id(ctx, events),
        )
        events.append(ev)
    quals = _qualifiers(sent, token, trigger, cue, ev.place, ev.time)
    if "agreement" in quals:
        ev.attributes.setdefault("agreement", str(quals["agreement"]))
    rule = f"cue:{cue.lemma}"
    return [
        Relation(pred, a, b, evidence_of(sent), confidence, dict(quals), rule, event=ev.id)
        for a, b in pairs
    ]


def _located(ctx: Context, si: int, verb: Token, cue: EventCue, events: list) -> list[Relation]:
    """ "в Белове открыли центр": an organisation opened or standing in a place."""
    sent = ctx.parsed.sentences[si]
    place = place_of(ctx, si, [verb])
    if place is None:
        return []
    orgs = []
    for c in sent.children(verb.index):
        if c.rel in ("obj", "nsubj", "nsubj:pass"):
            for t in [c] + conjuncts(sent, c):  # "открыли центр «Ромашка»": the centre named
                e = organisation_named(ctx, si, t)
                if e is not None:
                    orgs.append(e)
    times = ctx.times_in(sent)
    confidence = prior(cue.rule)
    event = _event_id(ctx, events)
    rule = f"cue:{verb.lemma}"
    if orgs:
        events.append(
            Event(
                "Opening",
                orgs,
                evidence_of(sent),
                confidence,
                place=place,
                time=times[0].value if times else None,
                rule=rule,
                id=event,
            )
        )
    return [
        Relation("locatedIn", o, place, evidence_of(sent), confidence, {}, rule, event=event)
        for o in orgs
    ]


def find_events(ctx: Context, found: Found) -> tuple[list[Event], list[Relation]]:
    """The events the cue words of an article tell of, in text order, and the relations they
    imply (`found`: the post holders; the events so far are this stage's own)."""
    cues = event_cues()
    events: list[Event] = []
    reading = Found(found.holders, events)  # "Стороны" read the events found so far
    out: list[Relation] = []
    for si, sent in enumerate(ctx.parsed.sentences):
        times = ctx.times_in(sent)
        read: dict[int, Event] = {}  # the event each cue token of the sentence was read into
        for token in sent.tokens:
            for cue in cues.get(token.lemma, ()):
                if cue.pos != token.pos:
                    continue
                trigger = _trigger(ctx, reading, si, token, cue)
                if trigger is None:
                    continue
                same = same_phrase(token, trigger, EVENT_TYPES[cue.predicate], read)
                got = _read_event(ctx, reading, si, token, trigger, cue, times, events, same)
                if not got or cue.predicate == "locatedIn":
                    out.extend(got)
                    continue
                kind = EVENT_TYPES[cue.predicate]
                ev = same or folded(events, conjoined(sent, token, kind, read), got)
                read.update({token.index: ev, trigger.index: ev})
                out.extend(got)
    events = told_again(events, out)
    return events, with_event_qualifiers(out, events)
