"""An Extraction as RDF: entities, claims, events and provenance in the article's named graph."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace

from rdflib import Literal, URIRef

from kg import __version__
from kg.lexicon.gazetteer import lookup, prefer_city
from kg.model import (
    OPEN_PREFIX,
    SYMMETRIC_PREDICATES,
    Article,
    Entity,
    Event,
    Extraction,
    Relation,
    TextSpan,
)
from kg.rdf.iris import article_iri, entity_iri, geonames_iri, node_iri, web_iri
from kg.rdf.nquads import Triple
from kg.rdf.times import time_triples
from kg.rdf.vocabulary import (
    KG,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SEM,
    SKOS,
    VERB,
    WGS84,
    XSD,
    decimal,
)

__all__ = ["article_graph", "article_metadata", "predicate_iri"]

_SCHEMA_TYPES = {
    "Person": SDO.Person,
    "Organization": SDO.Organization,
    "Place": SDO.Place,
    "Product": SDO.Product,
}


def _ru(text: str) -> Literal:
    return Literal(text, lang="ru")


def _entity(e: Entity, aliases: set[str]) -> Iterator[Triple]:
    s = entity_iri(e.type, e.key)
    yield s, RDF.type, KG[e.type]
    yield s, RDF.type, _SCHEMA_TYPES[e.type]
    yield s, RDFS.label, _ru(e.label)
    yield s, SKOS.prefLabel, _ru(e.label)
    yield s, KG.key, Literal(e.key)
    for a in sorted(aliases - {e.label}):
        yield s, SKOS.altLabel, _ru(a)
    if e.type == "Place":
        yield from _gazetteer_links(s, e.label)


def _gazetteer_links(s: URIRef, label: str) -> Iterator[Triple]:
    """owl:sameAs to GeoNames and WGS84 coordinates for a place the gazetteer knows."""
    place = lookup(label)
    if place is None:
        return
    place = prefer_city(place)
    iri = geonames_iri(place.geonames)
    if iri:
        yield s, OWL.sameAs, iri
    if place.lat is not None and place.lon is not None:
        yield s, WGS84.lat, decimal(place.lat, 5)
        yield s, WGS84.long, decimal(place.lon, 5)


def _iri(e: Entity) -> URIRef:
    return entity_iri(e.type, e.key)


def predicate_iri(name: str) -> URIRef:
    """The property of a predicate: the ontology's for core ones, a minted one for open ones."""
    if name.startswith(OPEN_PREFIX):
        return VERB[name.removeprefix(OPEN_PREFIX).replace(" ", "_")]
    return KG[name]


def _open_property(name: str) -> Iterator[Triple]:
    p = predicate_iri(name)
    yield p, RDF.type, KG.OpenRelation
    yield p, RDF.type, OWL.ObjectProperty
    yield p, RDFS.subPropertyOf, KG.relatedTo
    yield p, RDFS.label, _ru(name.removeprefix(OPEN_PREFIX))


_MENTION_OF = {"subject": KG.subjectMention, "object": KG.objectMention, "role": KG.roleMention}


def _mention(doc: URIRef, m: URIRef, span: TextSpan) -> Iterator[Triple]:
    """The words a part of a claim was read from, with their offsets in the article."""
    yield m, RDF.type, KG.Mention
    yield m, KG.mentionText, _ru(span.text)
    yield m, KG.startOffset, Literal(span.start, datatype=XSD.nonNegativeInteger)
    yield m, KG.endOffset, Literal(span.end, datatype=XSD.nonNegativeInteger)
    yield m, PROV.wasDerivedFrom, URIRef(f"{doc}#char={span.start},{span.end}")


def _event_iri(doc: URIRef, ev: Event) -> URIRef:
    return node_iri(
        "event", doc, ev.type, ev.evidence.start, ev.rule, *[p.key for p in ev.participants]
    )


def _claim(
    doc: URIRef,
    r: Relation,
    places: dict[str, Entity],
    events: Mapping[str, URIRef],
    confidence: float,
) -> Iterator[Triple]:
    """The relation's direct triples and its kg:Assertion, with `confidence` (its event's,
    when it is part of one)."""
    s = _iri(r.subject)
    o = _iri(r.object) if r.object is not None else None
    a = node_iri(
        "assertion", doc, r.predicate, s, o, sorted(r.qualifiers.items()), r.evidence.start
    )
    if r.predicate == "holdsPosition":
        post = node_iri("post", s, o, r.qualifiers.get("role", ""))
        yield post, RDF.type, KG.Post
        yield post, RDF.type, ORG.Post
        yield post, KG.role, _ru(str(r.qualifiers.get("role", "")))
        yield post, RDFS.label, _ru(str(r.qualifiers.get("role", "")))
        yield s, ORG.holds, post
        yield post, ORG.heldBy, s
        if o is not None:
            # W3C ORG's org:postIn ranges over organisations: a place's post is kg:postInPlace
            yield post, KG.postInPlace if r.object.type == "Place" else ORG.postIn, o
            yield s, KG.holdsPosition, o
    else:
        if r.predicate.startswith(OPEN_PREFIX):
            yield from _open_property(r.predicate)
        yield s, predicate_iri(r.predicate), o
        if r.predicate in SYMMETRIC_PREDICATES and o is not None:
            yield o, KG[r.predicate], s  # stated both ways, so simple queries see both
    yield a, RDF.type, KG.Assertion
    yield a, RDF.subject, s
    yield a, RDF.predicate, predicate_iri(r.predicate)
    if o is not None:
        yield a, RDF.object, o
    yield a, KG.confidence, decimal(confidence, 3)
    yield a, KG.evidenceText, _ru(r.evidence.text)
    yield a, KG.startOffset, Literal(r.evidence.start, datatype=XSD.nonNegativeInteger)
    yield a, KG.endOffset, Literal(r.evidence.end, datatype=XSD.nonNegativeInteger)
    yield a, PROV.wasDerivedFrom, URIRef(f"{doc}#char={r.evidence.start},{r.evidence.end}")
    yield a, KG.rule, Literal(r.rule)
    yield a, KG.extractorVersion, Literal(__version__)
    for part, span in sorted(r.mentions.items()):
        m = node_iri("mention", doc, span.start, span.end)
        yield a, _MENTION_OF[part], m
        yield from _mention(doc, m, span)
    if r.event in events:
        yield a, KG.inEvent, events[r.event]
    for k, v in sorted(r.qualifiers.items()):
        if k == "share":
            yield a, KG.share, decimal(float(v), 3)
        elif k == "place":  # a place that is no entity of the article is not written
            if str(v) in places:
                yield a, KG.place, _iri(places[str(v)])
        elif k in ("role", "agreement", "topic"):
            yield a, KG[k], _ru(str(v))
        else:
            yield a, KG[k], Literal(str(v))


def _event(doc: URIRef, ev: Event, confidence: float) -> Iterator[Triple]:
    """The event: its type, actors, place, typed time, attributes, confidence and evidence."""
    e = _event_iri(doc, ev)
    yield e, RDF.type, KG[ev.type if ev.type != "Cooperation" else "Event"]
    yield e, RDF.type, SEM.Event
    for p in ev.participants:
        yield e, SEM.hasActor, _iri(p)
    if ev.place is not None:
        yield e, SEM.hasPlace, _iri(ev.place)
    if ev.time:
        yield from time_triples(e, ev.time)
    for k, v in sorted(ev.attributes.items()):
        yield e, KG[k], _ru(v)
    yield e, KG.confidence, decimal(confidence, 3)
    yield e, KG.evidenceText, _ru(ev.evidence.text)
    yield e, PROV.wasDerivedFrom, URIRef(f"{doc}#char={ev.evidence.start},{ev.evidence.end}")
    yield e, KG.rule, Literal(ev.rule)


def article_graph(x: Extraction, labels: Mapping[str, str] | None = None) -> list[Triple]:
    """The triples of an article's named graph, deduplicated, in a stable order; `labels`
    (entity key → label) overrides the article's own label, which becomes an alias."""
    doc = article_iri(x.article.id)
    aliases: dict[str, set[str]] = {}
    for m in x.mentions:
        if m.entity_key and not m.credit:
            aliases.setdefault(m.entity_key, set()).update(a for a in (m.normal, m.alias) if a)
    used = {m.entity_key for m in x.mentions if m.entity_key and not m.credit}
    counts: dict[str, int] = {}
    for m in x.mentions:
        if m.entity_key and not m.credit:
            counts[m.entity_key] = counts.get(m.entity_key, 0) + 1
    used |= {e.key for r in x.relations for e in (r.subject, r.object) if e is not None}
    triples: list[Triple] = []
    for key in sorted(used):
        e = x.entities[key]
        if labels and labels.get(key, e.label) != e.label:
            aliases.setdefault(key, set()).add(e.label)
            e = replace(e, label=labels[key])
        triples.extend(_entity(e, aliases.get(key, set())))
        triples.append((_iri(e), KG.mentionedIn, doc))
        if key in counts:
            triples.append(
                (_iri(e), KG.mentionCount, Literal(counts[key], datatype=XSD.nonNegativeInteger))
            )
    places = {e.label: e for e in x.entities.values() if e.type == "Place"}
    events = {ev.id: _event_iri(doc, ev) for ev in x.events if ev.id}
    shared = {e: c for e, c in _event_confidences(x).items() if e in events}
    for r in x.relations:
        confidence = shared.get(r.event, float(r.confidence))
        triples.extend(_claim(doc, r, places, events, confidence))
    for ev in x.events:
        triples.extend(_event(doc, ev, shared.get(ev.id, float(ev.confidence))))
    return list(dict.fromkeys(triples))


def _event_confidences(x: Extraction) -> dict[str, float]:
    """One confidence per event that claims are part of, shared by the event and its claims:
    the highest of theirs."""
    shared: dict[str, float] = {}
    for r in x.relations:
        if r.event:
            shared[r.event] = max(shared.get(r.event, 0.0), float(r.confidence))
    return shared


def article_metadata(a: Article, content_hash: str) -> list[Triple]:
    """The article's own description, for the default graph, with the hash of its content."""
    doc = article_iri(a.id)
    out: list[Triple] = [
        (doc, RDF.type, KG.Article),
        (doc, RDF.type, SDO.NewsArticle),
        (doc, SDO.identifier, Literal(a.id)),
        (doc, KG.contentHash, Literal(content_hash)),
        (doc, KG.extractorVersion, Literal(__version__)),
    ]
    if a.date:
        out.append((doc, SDO.datePublished, Literal(a.date, datatype=XSD.date)))
    if a.title:
        out.append((doc, SDO.headline, _ru(a.title)))
    if a.url:
        out.append((doc, SDO.url, Literal(a.url, datatype=XSD.anyURI)))
        if (page := web_iri(a.url)) is not None:
            out.append((doc, PROV.hadPrimarySource, page))
    if a.source:  # the file's path below the folder the build read, never a local path
        out.append((doc, KG.sourceFile, Literal(a.source)))
    return out
