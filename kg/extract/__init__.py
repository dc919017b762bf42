"""The extraction layer: an article in, mentions, entities, relations and events out.

`extract` runs the stages in order; what one stage passes to the next is an argument, so the
order below is the whole contract. The rules are named in the bank (`kg/lexicon/rules.toml`,
read by `kg.extract.bank`), their machinery is in `kg/extract/rules/`.
"""

from __future__ import annotations

from kg.extract.calibration import calibrate
from kg.extract.context import Found, build_context
from kg.extract.entities import resolve_entities
from kg.extract.mentions import find_mentions
from kg.extract.provenance import with_mentions
from kg.extract.rules.careers import find_careers
from kg.extract.rules.events import find_events
from kg.extract.rules.open_relations import find_open_relations
from kg.extract.rules.ownership import find_ownership, owners_from_posts
from kg.extract.rules.phases import with_phases
from kg.extract.rules.places import find_headquarters, find_places_within, find_seats
from kg.extract.rules.post_head import find_heads
from kg.extract.rules.posts import find_posts
from kg.extract.rules.production import find_production
from kg.extract.rules.shares import find_shares
from kg.extract.rules.statements import find_statements
from kg.extract.rules.structure import (
    find_parts,
    find_subsidiaries,
    members_from,
    members_from_posts,
    members_in_brackets,
)
from kg.model import SYMMETRIC_PREDICATES, Article, Extraction, Relation
from kg.nlp import Parsed, Pipeline, parse

__all__ = ["extract", "extract_parsed", "dedupe"]


def dedupe(relations: list[Relation]) -> list[Relation]:
    """One relation per (predicate, subject, object, qualifiers), the most confident kept."""
    best: dict[tuple, Relation] = {}
    for r in relations:
        ends = (r.subject.key, r.object.key if r.object else "")
        if r.predicate in SYMMETRIC_PREDICATES:
            ends = tuple(sorted(ends))
        key = (r.predicate, ends, tuple(sorted((k, str(v)) for k, v in r.qualifiers.items())))
        if key not in best or best[key].confidence < r.confidence:
            best[key] = r
    return list(best.values())


def extract(
    article: Article, pipeline: Pipeline | None = None, calibrated: bool = True
) -> Extraction:
    """Everything kg reads from one article (confidences calibrated unless told not to).

    >>> x = extract(Article(id="a", text="Мэр Москвы Сергей Собянин открыл парк."))
    >>> [(r.predicate, r.subject.label, r.object.label, r.qualifiers) for r in x.relations]
    [('holdsPosition', 'Сергей Собянин', 'Москва', {'role': 'мэр'})]
    """
    return extract_parsed(article, parse(article.text, pipeline), calibrated)


def extract_parsed(article: Article, parsed: Parsed, calibrated: bool = True) -> Extraction:
    """Everything kg reads from an article natasha has already parsed."""
    mentions = find_mentions(parsed)
    entities = resolve_entities(mentions, parsed.text)
    ctx = build_context(article, parsed, mentions, entities)
    posts, holders = find_posts(ctx)
    posts = (
        with_phases(ctx, posts)
        + find_careers(ctx, Found(holders))
        + find_heads(ctx, Found(holders))
    )
    members = (
        members_from_posts(posts) + members_in_brackets(ctx) + members_from(ctx, Found(holders))
    )
    owners = owners_from_posts(posts) + find_ownership(ctx, Found(holders))
    made = find_production(ctx, Found(holders))
    events, event_relations = find_events(ctx, Found(holders))
    shares = find_shares(ctx)
    parts = (
        find_parts(ctx)
        + find_subsidiaries(ctx)
        + find_seats(ctx)
        + find_headquarters(ctx)
        + find_places_within(ctx)
    )
    statements = find_statements(ctx, Found(holders, events))
    relations = posts + members + owners + made + event_relations + shares + parts
    linked = {(r.subject.key, r.object.key) for r in relations if r.object is not None}
    opened = find_open_relations(ctx, Found(holders, events + statements), linked)
    relations = with_mentions(dedupe(relations + opened), mentions, parsed.text)
    if calibrated:
        relations = calibrate(relations)
    for r in relations:
        for e in (r.subject, r.object):
            if e is not None:
                entities.setdefault(e.key, e)
    return Extraction(article, mentions, entities, relations, events + statements)
