"""The gold facts of a factRuEval-2016 folder, as the scorer compares them.

Gold side (`load_gold`): each `.facts` slot becomes the set of acceptable surface forms,
normalised with `kg.evaluate.matching.normalise`: the texts written on the slot line
(alternatives are separated by `|`), every mention of the referenced coreference entity
(`objN` is an entity id of `.coref`; its objects' spans give the mention texts) and the
entity's names (`name`, first name + last name in both orders, with patronymic, last name
alone, nicknames). A `spanN` reference (a job) contributes its text. A fact marked
`Сложность повышенная` is optional, as in the 2016 evaluation. Deal, Ownership and isPartOf
facts are counted but not scored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.evaluate.factru_files import (
    CorefBlock,
    blocks,
    doc_order,
    read_coref,
    read_objects,
    read_spans,
)
from kg.evaluate.matching import normalise

__all__ = ["GoldSlot", "GoldOccupation", "GoldMeeting", "GoldDoc", "load_gold", "gold_summary"]

_REF = re.compile(r"^(obj|span)(\d+)\s*(.*)$")


@dataclass(frozen=True)
class GoldSlot:
    """One gold slot: its label as annotated and every acceptable normalised form."""

    label: str = ""
    forms: tuple[str, ...] = ()
    surnames: tuple[str, ...] = ()

    @property
    def present(self) -> bool:
        """Whether the slot was annotated at all."""
        return bool(self.forms)


@dataclass(frozen=True)
class GoldOccupation:
    """A gold Occupation fact; a missing `Where` or `Position` is an empty slot."""

    fact_id: str
    who: GoldSlot
    job: GoldSlot
    where: GoldSlot
    optional: bool = False  # "Сложность повышенная": neither missed nor wrong


@dataclass(frozen=True)
class GoldMeeting:
    """A gold Meeting fact: two or more participants."""

    fact_id: str
    participants: tuple[GoldSlot, ...]
    optional: bool = False


@dataclass
class GoldDoc:
    """The scored gold facts of one document, with counts of the unscored ones."""

    doc_id: str
    text_path: Path
    occupations: list[GoldOccupation] = field(default_factory=list)
    meetings: list[GoldMeeting] = field(default_factory=list)
    other_facts: dict[str, int] = field(default_factory=dict)


@dataclass
class _Annotation:
    text: str
    spans: dict[str, tuple[str, int, int]]
    objects: dict[str, tuple[str, list[str]]]
    entities: dict[str, CorefBlock]


def _read_annotation(base: Path) -> _Annotation:
    text = base.with_suffix(".txt").read_text(encoding="utf-8")
    entities = {b.entity: b for b in read_coref(base.with_suffix(".coref"))}
    spans = read_spans(base.with_suffix(".spans"))
    return _Annotation(text, spans, read_objects(base.with_suffix(".objects")), entities)


def _mention_text(ann: _Annotation, object_id: str) -> str:
    """The stretch of text an object's spans cover, first to last character."""
    spans = [ann.spans[s] for s in ann.objects.get(object_id, ("", []))[1] if s in ann.spans]
    if not spans:
        return ""
    return ann.text[min(s[1] for s in spans) : max(s[2] for s in spans)]


def _values(attrs: list[tuple[str, str]], *keys: str) -> list[str]:
    return [value for key, value in attrs if key in keys]


def _person_names(attrs: list[tuple[str, str]]) -> tuple[list[str], list[str]]:
    """Name combinations and last names of a person entity."""
    firsts = _values(attrs, "firstname")
    extra_firsts = _values(attrs, "firstname1", "firstname2")
    if extra_firsts:
        firsts = firsts + [" ".join([first, *extra_firsts]) for first in firsts]
    lasts = _values(attrs, "lastname")
    extra_lasts = _values(attrs, "lastname1")
    lasts = lasts + extra_lasts
    lasts += [f"{a}{sep}{b}" for a in lasts[:1] for b in extra_lasts for sep in (" ", "-")]
    patronymics = _values(attrs, "patronymic")
    names: list[str] = list(lasts)
    for first in firsts:
        if not lasts:
            names.append(first)
            names.extend(f"{first} {patronymic}" for patronymic in patronymics)
        for last in lasts:
            names += [f"{first} {last}", f"{last} {first}"]
            for patronymic in patronymics:
                names += [f"{first} {patronymic} {last}", f"{last} {first} {patronymic}"]
    names.extend(_values(attrs, "nickname"))
    return names, lasts


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for value in values:
        if value:
            seen.setdefault(value, None)
    return tuple(seen)


def _slot(ann: _Annotation, lines: Sequence[str]) -> GoldSlot:
    """Build one slot from the value parts of its line(s): `objN text | text | spanN text`."""
    label = ""
    written: list[str] = []
    names: list[str] = []
    mentions: list[str] = []
    surnames: list[str] = []
    for line in lines:
        for alternative in line.split("|"):
            alternative = alternative.strip()
            match = _REF.match(alternative)
            kind, ref, text = match.groups() if match else ("", "", alternative)
            label = label or text
            written.append(text)
            if kind == "span" and ref in ann.spans:
                _, start, end = ann.spans[ref]
                mentions.append(ann.text[start:end])
            elif kind == "obj" and ref in ann.entities:
                object_ids, attrs = ann.entities[ref].objects, ann.entities[ref].attrs
                person_names, lasts = _person_names(attrs)
                names += _values(attrs, "name") + person_names
                surnames += lasts
                for object_id in object_ids:
                    mentions.append(_mention_text(ann, object_id))
                    surnames += [
                        ann.text[ann.spans[s][1] : ann.spans[s][2]]
                        for s in ann.objects.get(object_id, ("", []))[1]
                        if s in ann.spans and ann.spans[s][0] == "surname"
                    ]
    forms = _unique(normalise(value) for value in [*written, *names, *mentions])
    return GoldSlot(label, forms, _unique(normalise(value) for value in surnames))


def _parse_fact(ann: _Annotation, block: list[str]) -> GoldOccupation | GoldMeeting | None:
    head = block[0].split()
    fact_id, fact_type = head[0], head[1] if len(head) > 1 else ""
    slots: dict[str, list[str]] = {}
    for line in block[1:]:
        name, _, rest = line.partition(" ")
        slots.setdefault(name.lower(), []).append(rest)
    optional = any(v.strip() == "повышенная" for v in slots.get("сложность", []))
    if fact_type == "Occupation":
        return GoldOccupation(
            fact_id,
            who=_slot(ann, slots.get("who", [])),
            job=_slot(ann, slots.get("position", []) + slots.get("job", [])),
            where=_slot(ann, slots.get("where", [])),
            optional=optional,
        )
    if fact_type == "Meeting":
        return GoldMeeting(
            fact_id,
            tuple(_slot(ann, [line]) for line in slots.get("participant", [])),
            optional=optional,
        )
    return None


def load_gold(folder: Path) -> dict[str, GoldDoc]:
    """Read every `book_N.facts` of a factRuEval folder into scored gold facts per doc."""
    gold: dict[str, GoldDoc] = {}
    for facts_path in sorted(Path(folder).glob("*.facts"), key=doc_order):
        base = facts_path.with_suffix("")
        ann = _read_annotation(base)
        doc = GoldDoc(doc_id=base.name, text_path=base.with_suffix(".txt"))
        for block in blocks(facts_path):
            fact = _parse_fact(ann, block)
            if isinstance(fact, GoldOccupation):
                doc.occupations.append(fact)
            elif isinstance(fact, GoldMeeting):
                doc.meetings.append(fact)
            else:
                fact_type = block[0].split()[1] if len(block[0].split()) > 1 else "?"
                doc.other_facts[fact_type] = doc.other_facts.get(fact_type, 0) + 1
        gold[doc.doc_id] = doc
    return gold


def gold_summary(gold: Mapping[str, GoldDoc]) -> dict[str, int]:
    """Counts of documents and of gold facts per type, scored or not."""
    summary = {
        "documents": len(gold),
        "Occupation": sum(len(doc.occupations) for doc in gold.values()),
        "Meeting": sum(len(doc.meetings) for doc in gold.values()),
    }
    for doc in gold.values():
        for fact_type, count in doc.other_facts.items():
            summary[fact_type] = summary.get(fact_type, 0) + count
    return summary
