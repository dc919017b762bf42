"""One event per meeting or signing: the cues of one phrase ("провели переговоры"), a verb
conjoined to another ("встретились и обсудили") and a later telling of the same meeting are
read into one event, and its relations carry the event's place and time."""

from __future__ import annotations

from kg.model import Event, Relation
from kg.nlp import Sentence, Token

__all__ = ["same_phrase", "conjoined", "folded", "told_again", "with_event_qualifiers"]


def _agree(a: object, b: object) -> bool:
    """Whether two values of an event slot can be the same: equal, or one of them unknown."""
    return a is None or b is None or a == b


def told_again(events: list[Event], relations: list[Relation]) -> list[Event]:
    """The events of an article with a meeting or signing told again folded into the first
    telling ("X договорился с Y ... во время встречи между X и Y"): same type and parties, no
    place, time or document at odds; the relations follow their event."""
    kept: list[Event] = []
    alias: dict[str, str] = {}
    for ev in events:
        first = next(
            (
                k
                for k in kept
                if k.type == ev.type
                and ev.type in ("Meeting", "AgreementSigning")
                and set(k.participants) == set(ev.participants)
                and _agree(k.place, ev.place)
                and _agree(k.time, ev.time)
                and _agree(k.attributes.get("agreement"), ev.attributes.get("agreement"))
            ),
            None,
        )
        if first is None:
            kept.append(ev)
            continue
        first.place, first.time = first.place or ev.place, first.time or ev.time
        alias[ev.id] = first.id
    for r in relations:
        r.event = alias.get(r.event, r.event)
    return kept


def same_phrase(token: Token, trigger: Token, kind: str, read) -> Event | None:
    """The event another cue of the same phrase already read: "провели переговоры" is one
    meeting, told by "провести" and by its object "переговоры"."""
    for i in (token.index, trigger.index):
        if i in read and read[i].type == kind:
            return read[i]
    return None


def conjoined(sent: Sentence, token: Token, kind: str, read) -> Event | None:
    """The event of the verb a cue verb is conjoined to and shares the subject of
    ("встретились в Минске и обсудили сделку")."""
    up = sent.head_of(token.index)
    if (
        token.pos != "VERB"
        or token.rel != "conj"
        or up is None
        or up.index not in read
        or read[up.index].type != kind
        or any(c.rel in ("nsubj", "nsubj:pass") for c in sent.children(token.index))
    ):
        return None
    return read[up.index]


def folded(events: list[Event], into: Event | None, got: list[Relation]) -> Event:
    """The event just read, folded into `into` when it has no participant of its own (one
    meeting told by two verbs; "встретился с X, а потом с Y" stays two)."""
    new = events[-1]
    if into is None or into is new or not set(new.participants) <= set(into.participants):
        return new
    events.pop()
    into.place, into.time = into.place or new.place, into.time or new.time
    for r in got:
        r.event = into.id
    return into


def with_event_qualifiers(relations: list[Relation], events: list[Event]) -> list[Relation]:
    """Each relation of an event with the place and time the event came to have."""
    by_id = {ev.id: ev for ev in events}
    for r in relations:
        ev = by_id.get(r.event)
        if ev is None or r.predicate == "cooperatesWith" or ev.type == "Opening":
            continue
        if ev.place is not None:
            r.qualifiers.setdefault("place", ev.place.label)
        if ev.time:
            r.qualifiers.setdefault("time", ev.time)
    return relations
