"""The triples export: an Extraction as JSON-ready records (see the gold README contract)."""

from __future__ import annotations

from kg.model import Entity, Extraction, Relation
from kg.rdf.iris import entity_iri

__all__ = [
    "EXPORT_VERSION",
    "entity_record",
    "relation_record",
    "records",
    "mention_records",
]

EXPORT_VERSION = "1"


def entity_record(entity: Entity | None) -> dict | None:
    """An entity as {id, label, type}."""
    if entity is None:
        return None
    iri = str(entity_iri(entity.type, entity.key))
    return {"id": iri, "label": entity.label, "type": entity.type}


def relation_record(article_id: str, r: Relation) -> dict:
    """One line of the triples export."""
    return {
        "article": article_id,
        "predicate": r.predicate,
        "subject": entity_record(r.subject),
        "object": entity_record(r.object),
        "qualifiers": dict(r.qualifiers),
        "evidence": {"text": r.evidence.text, "start": r.evidence.start, "end": r.evidence.end},
        "confidence": round(float(r.confidence), 3),
    }


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
