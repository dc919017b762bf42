"""The extraction layer: an article in, mentions, entities, relations and events out."""

from __future__ import annotations

from kg.extract.calibration import calibrate
from kg.extract.context import build_context
from kg.extract.entities import resolve_entities
from kg.extract.events import find_events, find_statements
from kg.extract.mentions import find_mentions
from kg.extract.open_relations import find_open_relations
from kg.extract.posts import find_posts
from kg.extract.shares import find_shares
from kg.extract.structure import find_parts, members_from_posts
from kg.model import Article, Extraction, Relation
from kg.nlp import Pipeline, parse

__all__ = ["extract", "dedupe"]


def dedupe(relations: list[Relation]) -> list[Relation]:
    """One relation per (predicate, subject, object, qualifiers), the most confident kept."""
    best: dict[tuple, Relation] = {}
    for r in relations:
        ends = (r.subject.key, r.object.key if r.object else "")
        if r.predicate in ("met", "signedAgreement", "cooperatesWith"):
            ends = tuple(sorted(ends))
        key = (r.predicate, ends, tuple(sorted((k, str(v)) for k, v in r.qualifiers.items())))
        if key not in best or best[key].confidence < r.confidence:
            best[key] = r
    return list(best.values())


def extract(
    article: Article, pipeline: Pipeline | None = None, calibrated: bool = True
) -> Extraction:
    """Everything kg reads from one article (confidences calibrated unless told not to)."""
    parsed = parse(article.text, pipeline)
    mentions = find_mentions(parsed)
    entities = resolve_entities(mentions)
    ctx = build_context(article, parsed, mentions, entities)
    posts = find_posts(ctx)
    relations = posts + members_from_posts(posts) + find_events(ctx) + find_shares(ctx)
    relations += find_parts(ctx)
    find_statements(ctx)
    linked = {(r.subject.key, r.object.key) for r in relations if r.object is not None}
    relations = dedupe(relations + find_open_relations(ctx, linked))
    if calibrated:
        relations = calibrate(relations)
    for r in relations:
        for e in (r.subject, r.object):
            if e is not None:
                entities.setdefault(e.key, e)
    return Extraction(
        article=article,
        mentions=mentions,
        entities=entities,
        relations=relations,
        events=ctx.events,
    )
