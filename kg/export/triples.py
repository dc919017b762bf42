"""The triples export: an Extraction as JSON-ready records (see the gold README contract)."""

from __future__ import annotations

from kg.model import Entity, Extraction, Relation, TextSpan
from kg.rdf.iris import entity_iri

__all__ = [
    "EXPORT_VERSION",
    "entity_record",
    "span_record",
    "relation_record",
    "records",
    "mention_records",
]

EXPORT_VERSION = "2"  # 2: the optional mention-level fields


def entity_record(entity: Entity | None) -> dict | None:
    """An entity as {id, label, type}."""
    if entity is None:
        return None
    iri = str(entity_iri(entity.type, entity.key))
    return {"id": iri, "label": entity.label, "type": entity.type}


def span_record(span: TextSpan) -> dict:
    """Words of the article as {text, start, end}."""
    return {"text": span.text, "start": span.start, "end": span.end}


def relation_record(article_id: str, r: Relation) -> dict:
    """One line of the triples export; the mention-level fields where the claim has them."""
    subject, obj = entity_record(r.subject), entity_record(r.object)
    for record, part in ((subject, "subject"), (obj, "object")):
        if record is not None and part in r.mentions:
            record["mention"] = span_record(r.mentions[part])
    qualifiers = dict(r.qualifiers)
    if "role" in r.mentions:
        qualifiers["role_mention"] = span_record(r.mentions["role"])
    out = {
        "article": article_id,
        "predicate": r.predicate,
        "subject": subject,
        "object": obj,
        "qualifiers": qualifiers,
    }
    if r.event:
        out["event"] = r.event
    out["evidence"] = {"text": r.evidence.text, "start": r.evidence.start, "end": r.evidence.end}
    out["confidence"] = round(float(r.confidence), 3)
    return out


def records(extraction: Extraction) -> list[dict]:
    """All export records of one article, in text order."""
    rels = sorted(
        extraction.relations, key=lambda r: (r.evidence.start, r.predicate, r.subject.label)
    )
    return [relation_record(extraction.article.id, r) for r in rels]


def mention_records(extraction: Extraction) -> list[dict]:
    """The mentions export: one record per mention with the entity it resolved to."""
    out = []
    for m in extraction.mentions:
        if m.entity_key is None:
            continue
        out.append(
            {
                "article": extraction.article.id,
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "type": m.type,
                "entity": entity_record(extraction.entities[m.entity_key]),
            }
        )
    return out
