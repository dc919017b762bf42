"""Relations scored against NEREL's: kg's triples mapped to NEREL's relation types, both ends
matched through the mentions they were read from.

Mapping: `holdsPosition` gives WORKPLACE (person → employer) and, with a role, WORKS_AS
(person → the post's words); `memberOf` is MEMBER_OF; `partOf` PART_OF; `locatedIn`
LOCATED_IN, or HEADQUARTERED_IN for an organisation's seat (it counts as whichever the gold
holds); `produces` PRODUCES and `owns` OWNER_OF are scored apart from the six-type average.

Gold side: NEREL puts an employer on the post as often as on the person, so WORKS_AS(P, J)
with WORKPLACE(J, O) is read as WORKPLACE(P, O); a WORKPLACE of a post nobody is said to
hold is left out. The mentions of one document that share a Wikidata id, or a type and the
lemmas of their words, are one gold entity, and a relation is counted once per pair of gold
entities.

Ends: a kg entity is a gold entity when one of its mentions in the document overlaps one of
the gold entity's mentions by at least half the shorter. A post is counted once per person
and first word of the PROFESSION mention (its lemma: "Президент" and "президентом Эквадора"
are one post); a role names the posts of the PROFESSION mentions the words it was read from
overlap, and those of its own words. A predicted triple is right
when a gold relation of its type joins the entities of both its ends; triples are counted
once per type and pair of ends.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from kg.evaluate.nerel_files import Document
from kg.model import Extraction, Mention, Relation, fold
from kg.nlp import morph_parse

__all__ = [
    "SCORED",
    "EXTRA",
    "RelationsReport",
    "gold_relations",
    "predicted_relations",
    "score_relations",
    "format_relations_report",
]

SCORED = ("WORKS_AS", "WORKPLACE", "LOCATED_IN", "HEADQUARTERED_IN", "PART_OF", "MEMBER_OF")
"""The six types the micro-average is over."""
EXTRA = ("PRODUCES", "OWNER_OF")
"""Types scored and listed, but kept out of the average."""

_PREDICATES = {
    "memberOf": ("MEMBER_OF",),
    "partOf": ("PART_OF",),
    "locatedIn": ("LOCATED_IN", "HEADQUARTERED_IN"),
    "produces": ("PRODUCES",),
    "owns": ("OWNER_OF",),
}
_MIN_OVERLAP = 0.5


@dataclass(frozen=True)
class GoldRelation:
    """A gold relation between two gold entities of one document."""

    doc: str
    type: str
    source: int  # gold entity number
    target: int | str  # gold entity number, or "post:<stem>" for a WORKS_AS
    text: str  # "source text → target text", for the listing
    start: int = 0  # where the two mentions are, in the file: first character to last
    end: int = 0


@dataclass(frozen=True)
class Predicted:
    """One of kg's triples as a NEREL relation: the types it may be, and its two ends."""

    doc: str
    types: tuple[str, ...]
    subject: str  # entity key
    object: str  # entity key, or "role:<folded words>"
    text: str
    rule: str
    spans: tuple[tuple[int, int], ...] = ()  # where the role was read from
    subject_span: tuple[int, int] | None = None  # the words the ends were read from
    object_span: tuple[int, int] | None = None


@dataclass
class RelationsReport:
    """Hits, misses and wrong triples per NEREL type."""

    documents: int
    found: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # gold found
    gold: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    right: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # predicted right
    predicted: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    hits: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    def scores(self, types: tuple[str, ...]) -> tuple[float, float, float]:
        """Micro precision, recall and F1 over `types`."""
        right = sum(self.right[t] for t in types)
        predicted = sum(self.predicted[t] for t in types)
        found = sum(self.found[t] for t in types)
        gold = sum(self.gold[t] for t in types)
        p = right / predicted if predicted else 0.0
        r = found / gold if gold else 0.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    overlap = min(a[1], b[1]) - max(a[0], b[0])
    shorter = min(a[1] - a[0], b[1] - b[0])
    return overlap > 0 and overlap >= _MIN_OVERLAP * shorter


def _gold_entities(doc: Document) -> dict[str, int]:
    """Each gold mention's entity number: one per Wikidata id, else per type and the lemmas of
    its words ("России", "Россия")."""
    number: dict[tuple, int] = {}
    out = {}
    for mid, m in doc.mentions.items():
        link = doc.links.get(mid)
        ident = ("Q", link.qid) if link else (m.type, " ".join(_lemma(w) for w in m.text.split()))
        out[mid] = number.setdefault(ident, len(number))
    return out


def gold_relations(doc: Document, shift: int = 0) -> list[GoldRelation]:
    """The relations of the scored types in a document, once per pair of gold entities."""
    entity = _gold_entities(doc)
    kinds = set(SCORED) | set(EXTRA)
    holders: dict[str, list[str]] = defaultdict(list)  # post mention → person mentions
    for r in doc.relations:
        if r.type == "WORKS_AS":
            holders[r.target].append(r.source)
    pairs: list[tuple[str, str, str]] = []
    for r in doc.relations:
        if r.type not in kinds or r.source not in doc.mentions or r.target not in doc.mentions:
            continue
        if r.type == "WORKPLACE" and doc.mentions[r.source].type == "PROFESSION":
            pairs += [("WORKPLACE", person, r.target) for person in holders.get(r.source, [])]
        else:
            pairs.append((r.type, r.source, r.target))
    seen: set[tuple[str, int, int]] = set()
    out = []
    for kind, a, b in pairs:
        if a not in doc.mentions or b not in doc.mentions or doc.mentions[a].start < shift:
            continue
        target = _post_key(doc.mentions[b].text) if kind == "WORKS_AS" else entity[b]
        key = (kind, entity[a], target)
        if key in seen:
            continue
        seen.add(key)
        ma, mb = doc.mentions[a], doc.mentions[b]
        text = f"{ma.text} → {mb.text}"
        start, end = min(ma.start, mb.start), max(ma.end, mb.end)
        out.append(GoldRelation(doc.name, kind, entity[a], target, text, start, end))
    return out


def predicted_relations(doc: str, x: Extraction) -> list[Predicted]:
    """kg's triples of one document as NEREL relations, once per type and pair of ends."""
    out: dict[tuple, Predicted] = {}
    for r in x.relations:
        for p in _as_nerel(doc, r):
            out.setdefault((p.types, p.subject, p.object), p)
    return list(out.values())


def _span(r: Relation, part: str) -> tuple[int, int] | None:
    span = r.mentions.get(part)
    return (span.start, span.end) if span else None


def _as_nerel(doc: str, r: Relation) -> list[Predicted]:
    label = f"{r.predicate}({r.subject.label}, {r.object.label if r.object else '-'})"
    rule = r.rule
    ends = {"subject_span": _span(r, "subject"), "object_span": _span(r, "object")}
    if r.predicate == "holdsPosition":
        out = []
        if r.object is not None:
            out.append(
                Predicted(doc, ("WORKPLACE",), r.subject.key, r.object.key, label, rule, **ends)
            )
        role = str(r.qualifiers.get("role") or "")
        if role:
            span = r.mentions.get("role")
            spans = ((span.start, span.end),) if span else ()
            text = f"holdsPosition({r.subject.label}, role={role})"
            role_key = f"role:{fold(role)}"
            subject = {"subject_span": ends["subject_span"]}
            out.append(
                Predicted(doc, ("WORKS_AS",), r.subject.key, role_key, text, rule, spans, **subject)
            )
        return out
    types = _PREDICATES.get(r.predicate)
    if not types or r.object is None:
        return []
    return [Predicted(doc, types, r.subject.key, r.object.key, label, rule, **ends)]


def _kg_ends(mentions: list[Mention], doc: Document, entity: dict[str, int]) -> dict[str, set]:
    """Each kg entity key of a document → the gold entities its mentions overlap."""
    out: dict[str, set] = defaultdict(set)
    gold = [(m.start, m.end, entity[mid]) for mid, m in doc.mentions.items()]
    for m in mentions:
        if not m.entity_key:
            continue
        for start, end, number in gold:
            if _overlaps((m.start, m.end), (start, end)):
                out[m.entity_key].add(number)
    return out


def _span_ends(
    span: tuple[int, int] | None, doc: Document, entity: dict[str, int], shift: int
) -> set[int]:
    """The gold entities whose mentions overlap the words a triple's end was read from."""
    if span is None:
        return set()
    moved = (span[0] + shift, span[1] + shift)
    return {entity[mid] for mid, m in doc.mentions.items() if _overlaps(moved, (m.start, m.end))}


def _lemma(word: str) -> str:
    parses = morph_parse(word)
    return fold(parses[0].normal_form) if parses else fold(word)


def _post_key(text: str) -> str:
    """A post as the scorer counts it: the lemma of its first word ("Президент", "президентом
    Эквадора": one post)."""
    words = text.split()
    return "post:" + (_lemma(words[0]) if words else "")


def _role_ends(p: Predicted, doc: Document, shift: int) -> set[str]:
    """The posts a predicted role names: those of the PROFESSION mentions the words it was
    read from overlap, and the stems of its own words."""
    keys = {"post:" + _lemma(w) for w in p.object.removeprefix("role:").split()}
    for start, end in p.spans:
        keys |= {
            _post_key(m.text)
            for m in doc.mentions.values()
            if m.type == "PROFESSION" and _overlaps((start, end), (m.start - shift, m.end - shift))
        }
    return keys


def score_relations(
    docs: list[Document], extractions: Mapping[str, Extraction], shifts: Mapping[str, int]
) -> RelationsReport:
    """Score what kg read from the documents against their relations."""
    report = RelationsReport(documents=len(docs))
    for doc in docs:
        x = extractions.get(doc.name)
        if x is None:
            continue
        shift = shifts.get(doc.name, 0)
        entity = _gold_entities(doc)
        gold = gold_relations(doc, shift)
        for g in gold:
            report.gold[g.type] += 1
        moved = [
            Mention(m.start + shift, m.end + shift, m.text, m.type, m.normal, m.entity_key)
            for m in x.mentions
        ]
        ends = _kg_ends(moved, doc, entity)
        found: set[int] = set()
        for p in predicted_relations(doc.name, x):
            subjects = ends.get(p.subject, set()) | _span_ends(p.subject_span, doc, entity, shift)
            if p.object.startswith("role:"):
                objects = _role_ends(p, doc, shift)
            else:
                objects = ends.get(p.object, set()) | _span_ends(p.object_span, doc, entity, shift)
            match = next(
                (
                    k
                    for k, g in enumerate(gold)
                    if g.type in p.types and g.source in subjects and g.target in objects
                ),
                None,
            )
            kind = gold[match].type if match is not None else _kind(p, x)
            report.predicted[kind] += 1
            if match is None:
                report.wrong.append(f"{doc.name}: {kind} {p.text} [{p.rule}]")
                continue
            report.right[kind] += 1
            report.hits.append(f"{doc.name}: {kind} {p.text} = {gold[match].text} [{p.rule}]")
            found.add(match)
        for k, g in enumerate(gold):
            if k in found:
                report.found[g.type] += 1
            else:
                report.misses.append(f"{doc.name}: {g.type} {g.text}")
    return report


def _kind(p: Predicted, x: Extraction) -> str:
    """The type an unmatched triple counts against: a seat for an organisation's place."""
    if p.types == ("LOCATED_IN", "HEADQUARTERED_IN"):
        subject = x.entities.get(p.subject)
        return "HEADQUARTERED_IN" if subject and subject.type == "Organization" else "LOCATED_IN"
    return p.types[0]


def format_relations_report(report: RelationsReport, details: bool = False) -> str:
    """Per-type and micro-averaged scores as plain text, optionally every hit, miss, wrong."""
    lines = [f"{'type':18} {'pred':>5} {'right':>5} {'gold':>5} {'found':>5}      P      R     F1"]
    for kind in (*SCORED, *EXTRA):
        p, r, f = report.scores((kind,))
        lines.append(
            f"{kind:18} {report.predicted[kind]:5} {report.right[kind]:5} {report.gold[kind]:5} "
            f"{report.found[kind]:5}  {p:.3f}  {r:.3f}  {f:.3f}"
        )
    p, r, f = report.scores(SCORED)
    lines.append(f"micro over the six types               P {p:.4f}  R {r:.4f}  F1 {f:.4f}")
    if details:
        for title, rows in (("hit", report.hits), ("miss", report.misses), ("wrong", report.wrong)):
            lines += [f"  {title:5} {row}" for row in rows]
    return "\n".join(lines)
