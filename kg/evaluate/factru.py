"""Score extracted Occupation and Meeting facts against the factRuEval-2016 annotation.

Gold side (`load_gold`): each `.facts` slot becomes the set of acceptable surface forms,
normalised with `kg.evaluate.matching.normalise`: the texts written on the slot line
(alternatives are separated by `|`), every mention of the referenced coreference entity
(`objN` is an entity id of `.coref`; its objects' spans give the mention texts) and the
entity's names (`name`, first name + last name in both orders, with patronymic, last name
alone, nicknames). A `spanN` reference (a job) contributes its text. Deal, Ownership and
isPartOf facts are counted but not scored.

Predicted side (`score`): `holdsPosition` rows of the triples export with an object are
Occupation facts (who = subject label, job = `qualifiers.role`, where = object label). A
factRuEval Occupation ties a person to an organisation or place (210 of the 211 gold
facts of the development set have one), so a post read without one ("политолог Сергей
Старовойтов", object null) is not an Occupation and is left out; `met` rows
sharing one evidence (start, end) form a Meeting whose participants are their subject and
object labels. Every row (or evidence group) is one predicted fact.

Matching rule, after normalisation on both sides (a place label also matches through the
other names the gazetteer gives the same place, "Россия" is "РФ", and a well-known
organisation's label through its known names, "МИД России" is "МИД РФ"):

- any slot: the value is within the allowed edit distance of a surface form
  (0 edits for 1 character, 1 for 2-8, 2 for longer, judged on the shorter string);
- person (who, participant): also when the value's last words are within that distance of
  a gold last name (coref `lastname` or an annotated surname span);
- job: also when value and gold text share a prefix of at least max(4, len(shorter) - 2)
  characters ("губернатор" / "губернатора"), or when one phrase contains the other word by
  word with the same edit-or-prefix tolerance per word ("посол" in "чрезвычайный и
  полномочный посол", "министр иностранных дел" in "министра иностранных дел").

Fact quality: an Occupation scores the weighted share of matching slots (who 1, where 1,
job 0.5) over the slots present in the gold or the predicted fact; a Meeting scores the
matched participants (one-to-one) divided by the larger of the gold and predicted counts.
Predicted facts are paired one-to-one with gold facts of the same type and document so as
to maximise the summed quality (Hungarian method). Precision is the quality sum over the
number of predicted facts, recall over the number of gold facts, both micro over documents.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.evaluate.matching import (
    close,
    inflection_close,
    normalise,
    phrase_contains,
)
from kg.lexicon import organisation_aliases
from kg.lexicon.gazetteer import lookup, names

__all__ = [
    "evaluate_folder",
    "GoldSlot",
    "GoldOccupation",
    "GoldMeeting",
    "GoldDoc",
    "PredOccupation",
    "PredMeeting",
    "FactruItem",
    "FactruScore",
    "FactruReport",
    "FACT_TYPES",
    "load_gold",
    "gold_summary",
    "group_rows",
    "predicted_occupations",
    "predicted_meetings",
    "who_matches",
    "place_matches",
    "job_matches",
    "occupation_quality",
    "meeting_quality",
    "score",
    "format_report",
]

FACT_TYPES = ("Occupation", "Meeting")
SCORED_TYPES = frozenset(FACT_TYPES)
SLOT_WEIGHTS = {"who": 1.0, "where": 1.0, "job": 0.5}
EMPTY = "-"

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


@dataclass(frozen=True)
class GoldMeeting:
    """A gold Meeting fact: two or more participants."""

    fact_id: str
    participants: tuple[GoldSlot, ...]


@dataclass
class GoldDoc:
    """The scored gold facts of one document, with counts of the unscored ones."""

    doc_id: str
    text_path: Path
    occupations: list[GoldOccupation] = field(default_factory=list)
    meetings: list[GoldMeeting] = field(default_factory=list)
    other_facts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class PredOccupation:
    """A predicted Occupation fact, as labels."""

    who: str
    job: str
    where: str


@dataclass(frozen=True)
class PredMeeting:
    """A predicted Meeting fact, as participant labels."""

    participants: tuple[str, ...]


@dataclass(frozen=True)
class FactruItem:
    """One line of the hits-and-misses table: a pairing, a miss or an extra."""

    doc_id: str
    gold: str | None
    predicted: str | None
    quality: float


@dataclass
class FactruScore:
    """Counts, quality sum and precision/recall/F1 for one fact type."""

    fact_type: str
    predicted: int
    gold: int
    quality: float
    precision: float
    recall: float
    f1: float
    items: list[FactruItem] = field(default_factory=list)


@dataclass
class FactruReport:
    """Scores per fact type, plus what was left out of the comparison."""

    documents: int
    scores: dict[str, FactruScore]
    ignored_gold: dict[str, int] = field(default_factory=dict)
    unknown_documents: list[str] = field(default_factory=list)


# --- reading the annotation -------------------------------------------------------------


@dataclass
class _Annotation:
    text: str
    spans: dict[str, tuple[str, int, int]]
    objects: dict[str, tuple[str, list[str]]]
    entities: dict[str, tuple[list[str], list[tuple[str, str]]]]


def _lines(path: Path) -> list[str]:
    if not path.exists():
        return []
    return path.read_text(encoding="utf-8").splitlines()


def _blocks(path: Path) -> list[list[str]]:
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in _lines(path):
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _read_annotation(base: Path) -> _Annotation:
    text = base.with_suffix(".txt").read_text(encoding="utf-8")
    spans: dict[str, tuple[str, int, int]] = {}
    for line in _lines(base.with_suffix(".spans")):
        parts = line.split("#", 1)[0].split()
        if len(parts) >= 4:
            start = int(parts[2])
            spans[parts[0]] = (parts[1], start, start + int(parts[3]))
    objects: dict[str, tuple[str, list[str]]] = {}
    for line in _lines(base.with_suffix(".objects")):
        parts = line.split("#", 1)[0].split()
        if len(parts) >= 2:
            objects[parts[0]] = (parts[1], parts[2:])
    entities: dict[str, tuple[list[str], list[tuple[str, str]]]] = {}
    for block in _blocks(base.with_suffix(".coref")):
        head = block[0].split()
        attrs = []
        for line in block[1:]:
            key, _, value = line.partition(" ")
            if value.strip():
                attrs.append((key, value.strip()))
        entities[head[0]] = (head[1:], attrs)
    return _Annotation(text, spans, objects, entities)


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
                object_ids, attrs = ann.entities[ref]
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
    if fact_type == "Occupation":
        return GoldOccupation(
            fact_id,
            who=_slot(ann, slots.get("who", [])),
            job=_slot(ann, slots.get("position", []) + slots.get("job", [])),
            where=_slot(ann, slots.get("where", [])),
        )
    if fact_type == "Meeting":
        return GoldMeeting(
            fact_id, tuple(_slot(ann, [line]) for line in slots.get("participant", []))
        )
    return None


def _doc_number(path: Path) -> tuple[int, str]:
    digits = re.sub(r"\D", "", path.stem)
    return (int(digits) if digits else -1, path.stem)


def load_gold(folder: Path) -> dict[str, GoldDoc]:
    """Read every `book_N.facts` of a factRuEval folder into scored gold facts per doc."""
    gold: dict[str, GoldDoc] = {}
    for facts_path in sorted(Path(folder).glob("*.facts"), key=_doc_number):
        base = facts_path.with_suffix("")
        ann = _read_annotation(base)
        doc = GoldDoc(doc_id=base.name, text_path=base.with_suffix(".txt"))
        for block in _blocks(facts_path):
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


# --- reading predictions ----------------------------------------------------------------


def group_rows(rows: Iterable[Mapping]) -> dict[str, list[dict]]:
    """Group triples-export rows by their `article` field."""
    grouped: dict[str, list[dict]] = {}
    for row in rows:
        grouped.setdefault(str(row.get("article", "")), []).append(dict(row))
    return grouped


def _label(node: object) -> str:
    if isinstance(node, Mapping):
        return str(node.get("label") or "")
    return ""


def predicted_occupations(rows: Iterable[Mapping]) -> list[PredOccupation]:
    """The Occupation facts of one document's rows: one per `holdsPosition` row with an object."""
    facts: list[PredOccupation] = []
    for row in rows:
        if row.get("predicate") != "holdsPosition" or not row.get("object"):
            continue
        qualifiers = row.get("qualifiers") or {}
        fact = PredOccupation(
            who=_label(row.get("subject")),
            job=str(qualifiers.get("role") or ""),
            where=_label(row.get("object")),
        )
        facts.append(fact)
    return facts


def predicted_meetings(rows: Iterable[Mapping]) -> list[PredMeeting]:
    """The Meeting facts of one document's rows: `met` rows grouped by evidence offsets."""
    groups: dict[object, dict[str, str]] = {}
    for index, row in enumerate(rows):
        if row.get("predicate") != "met":
            continue
        evidence = row.get("evidence") or {}
        key = (evidence.get("start"), evidence.get("end"))
        if key == (None, None):
            key = ("row", index)
        members = groups.setdefault(key, {})
        for node in (row.get("subject"), row.get("object")):
            label = _label(node)
            if normalise(label):
                members.setdefault(normalise(label), label)
    return [PredMeeting(tuple(members.values())) for members in groups.values() if members]


# --- comparing --------------------------------------------------------------------------


def who_matches(value: str, slot: GoldSlot) -> bool:
    """Whether a person label matches a gold slot (surface forms or last name)."""
    if place_matches(value, slot):
        return True
    words = normalise(value).split()
    for surname in slot.surnames:
        size = len(surname.split())
        if len(words) >= size and close(" ".join(words[-size:]), surname):
            return True
    return False


def place_matches(value: str, slot: GoldSlot) -> bool:
    """Whether a label, or another name of the same gazetteer place ("Россия" = "РФ"), is
    within the allowed edit distance of a gold surface form."""
    text = normalise(value)
    if not text:
        return False
    place = lookup(value)
    candidates = {text} | ({normalise(n) for n in names(place)} if place else set())
    known = organisation_aliases()
    label = known.get(value.lower())
    if label:  # a well-known organisation: "МИД России" is "МИД РФ"
        candidates |= {normalise(a) for a, lab in known.items() if lab == label}
    return any(close(c, form) for c in candidates for form in slot.forms)


def job_matches(value: str, slot: GoldSlot) -> bool:
    """Whether a role matches a gold job: edits, a long shared prefix or containment."""
    text = normalise(value)
    if not text:
        return False
    return any(
        inflection_close(text, form) or phrase_contains(form, text) or phrase_contains(text, form)
        for form in slot.forms
    )


def occupation_quality(gold: GoldOccupation, predicted: PredOccupation) -> float:
    """The weighted share of matching slots over the slots either fact fills."""
    checks = (
        ("who", gold.who, predicted.who, who_matches),
        ("where", gold.where, predicted.where, place_matches),
        ("job", gold.job, predicted.job, job_matches),
    )
    total = matched = 0.0
    for name, slot, value, matches in checks:
        if not slot.present and not normalise(value):
            continue
        total += SLOT_WEIGHTS[name]
        if slot.present and matches(value, slot):
            matched += SLOT_WEIGHTS[name]
    return matched / total if total else 0.0


def meeting_quality(gold: GoldMeeting, predicted: PredMeeting) -> float:
    """Matched participants (one-to-one) over the larger participant count."""
    size = max(len(gold.participants), len(predicted.participants))
    if not size:
        return 0.0
    table = [
        [1.0 if who_matches(value, slot) else 0.0 for value in predicted.participants]
        for slot in gold.participants
    ]
    matched = sum(table[i][j] for i, j in _assign(table))
    return matched / size


def _assign(weights: list[list[float]]) -> list[tuple[int, int]]:
    """Row-column pairs maximising the summed weight, each row and column used once."""
    rows = len(weights)
    cols = len(weights[0]) if rows else 0
    if not rows or not cols:
        return []
    size = max(rows, cols)
    cost = [
        [-weights[i][j] if i < rows and j < cols else 0.0 for j in range(size)] for i in range(size)
    ]
    inf = float("inf")
    row_pot = [0.0] * (size + 1)
    col_pot = [0.0] * (size + 1)
    owner = [0] * (size + 1)
    way = [0] * (size + 1)
    for row in range(1, size + 1):
        owner[0] = row
        col = 0
        slack = [inf] * (size + 1)
        used = [False] * (size + 1)
        while True:
            used[col] = True
            current_row = owner[col]
            delta = inf
            next_col = 0
            for j in range(1, size + 1):
                if used[j]:
                    continue
                reduced = cost[current_row - 1][j - 1] - row_pot[current_row] - col_pot[j]
                if reduced < slack[j]:
                    slack[j] = reduced
                    way[j] = col
                if slack[j] < delta:
                    delta = slack[j]
                    next_col = j
            for j in range(size + 1):
                if used[j]:
                    row_pot[owner[j]] += delta
                    col_pot[j] -= delta
                else:
                    slack[j] -= delta
            col = next_col
            if owner[col] == 0:
                break
        while col:
            previous = way[col]
            owner[col] = owner[previous]
            col = previous
    return [
        (owner[j] - 1, j - 1) for j in range(1, size + 1) if owner[j] - 1 < rows and j - 1 < cols
    ]


def _occupation_text(who: str, job: str, where: str) -> str:
    return " | ".join(part or EMPTY for part in (who, job, where))


def _gold_text(fact: GoldOccupation | GoldMeeting) -> str:
    if isinstance(fact, GoldOccupation):
        return _occupation_text(fact.who.label, fact.job.label, fact.where.label)
    return " + ".join(slot.label for slot in fact.participants)


def _pred_text(fact: PredOccupation | PredMeeting) -> str:
    if isinstance(fact, PredOccupation):
        return _occupation_text(fact.who, fact.job, fact.where)
    return " + ".join(fact.participants)


def _pair_up(
    doc_id: str, gold: Sequence, predicted: Sequence, quality: Callable[..., float]
) -> list[FactruItem]:
    """Pair one document's gold and predicted facts of one type; list pairs, misses, extras."""
    table = [[quality(g, p) for p in predicted] for g in gold]
    items: list[FactruItem] = []
    paired_gold: set[int] = set()
    paired_pred: set[int] = set()
    for i, j in sorted(_assign(table)):
        if table[i][j] > 0:
            paired_gold.add(i)
            paired_pred.add(j)
            items.append(
                FactruItem(doc_id, _gold_text(gold[i]), _pred_text(predicted[j]), table[i][j])
            )
    items += [
        FactruItem(doc_id, _gold_text(fact), None, 0.0)
        for i, fact in enumerate(gold)
        if i not in paired_gold
    ]
    items += [
        FactruItem(doc_id, None, _pred_text(fact), 0.0)
        for j, fact in enumerate(predicted)
        if j not in paired_pred
    ]
    return items


def _summarise(fact_type: str, predicted: int, gold: int, items: list[FactruItem]) -> FactruScore:
    quality = sum(item.quality for item in items)
    precision = quality / predicted if predicted else 0.0
    recall = quality / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return FactruScore(fact_type, predicted, gold, quality, precision, recall, f1, items)


def score(gold: Mapping[str, GoldDoc], predicted: Mapping[str, list[dict]]) -> FactruReport:
    """Compare predicted rows per document with the gold facts; micro P/R/F1 per type."""
    items: dict[str, list[FactruItem]] = {name: [] for name in FACT_TYPES}
    counts = {name: [0, 0] for name in FACT_TYPES}
    for doc_id, doc in gold.items():
        rows = predicted.get(doc_id, [])
        occupations = predicted_occupations(rows)
        meetings = predicted_meetings(rows)
        for name, gold_facts, pred_facts, quality in (
            ("Occupation", doc.occupations, occupations, occupation_quality),
            ("Meeting", doc.meetings, meetings, meeting_quality),
        ):
            counts[name][0] += len(pred_facts)
            counts[name][1] += len(gold_facts)
            items[name] += _pair_up(doc_id, gold_facts, pred_facts, quality)
    summary = gold_summary(gold)
    return FactruReport(
        documents=len(gold),
        scores={
            name: _summarise(name, counts[name][0], counts[name][1], items[name])
            for name in FACT_TYPES
        },
        ignored_gold={k: v for k, v in summary.items() if k not in SCORED_TYPES | {"documents"}},
        unknown_documents=sorted(doc_id for doc_id in predicted if doc_id not in gold),
    )


# --- output -----------------------------------------------------------------------------


def format_report(report: FactruReport, details: bool = False) -> str:
    """A plain-text table of the scores, optionally followed by every pairing and miss."""
    header = f"{'type':<12}{'pred':>6}{'gold':>6}{'quality':>9}{'P':>8}{'R':>8}{'F1':>8}"
    lines = [f"factRuEval-2016: {report.documents} documents", header, "-" * len(header)]
    for entry in report.scores.values():
        lines.append(
            f"{entry.fact_type:<12}{entry.predicted:>6}{entry.gold:>6}{entry.quality:>9.2f}"
            f"{entry.precision:>8.4f}{entry.recall:>8.4f}{entry.f1:>8.4f}"
        )
    if report.ignored_gold:
        ignored = ", ".join(
            f"{name} {count}" for name, count in sorted(report.ignored_gold.items())
        )
        lines.append(f"not scored (gold): {ignored}")
    if report.unknown_documents:
        lines.append(
            f"predictions for documents outside the gold set: {len(report.unknown_documents)}"
        )
    if details:
        for entry in report.scores.values():
            lines += ["", f"{entry.fact_type}: quality  document  gold  =>  predicted"]
            for item in entry.items:
                lines.append(
                    f"  {item.quality:4.2f}  {item.doc_id:<10}  {item.gold or EMPTY}"
                    f"  =>  {item.predicted or EMPTY}"
                )
    return "\n".join(lines)


def evaluate_folder(
    folder: Path | str,
    pipeline: Any = None,
    on_document: Callable[[str], None] | None = None,
) -> FactruReport:
    """Extract every document of a factRuEval folder with kg and score its facts."""
    from kg.export.triples import records
    from kg.extract import extract
    from kg.model import Article
    from kg.nlp import load_pipeline

    gold = load_gold(Path(folder))
    pipeline = pipeline if pipeline is not None else load_pipeline()
    predicted = {}
    for doc_id, doc in gold.items():
        text = Path(doc.text_path).read_text("utf-8")
        predicted[doc_id] = records(extract(Article(id=doc_id, text=text), pipeline))
        if on_document is not None:
            on_document(doc_id)
    return score(gold, predicted)
