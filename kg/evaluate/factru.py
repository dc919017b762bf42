"""Score extracted Occupation and Meeting facts against the factRuEval-2016 annotation.

Gold side: `kg.evaluate.factru_gold`.

Predicted side (`score`): `holdsPosition` rows of the triples export with an object are
Occupation facts (who = subject label, job = `qualifiers.role`, where = object label). A
factRuEval Occupation ties a person to an organisation or place (210 of the 211 gold
facts of the development set have one), so a post read without one ("политолог Сергей
Старовойтов", object null) is not an Occupation and is left out; `met` rows
sharing one `event` (without one, one evidence (start, end)) form a Meeting whose
participants are their subject and object labels. Every row (or group) is one predicted fact.
Where a row gives the words it was read from (version 2 of the export), those answer instead
of the labels, as the 2016 systems answered with the text's own words: `mention.text` for who,
where and a participant, `qualifiers.role_mention.text` for job.

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
to maximise the summed quality (the assignment problem, solved by scipy's
`linear_sum_assignment`). Precision is the quality sum over the number of predicted facts,
recall over the number of gold facts, both micro over documents.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.evaluate.factru_gold import (
    GoldDoc,
    GoldMeeting,
    GoldOccupation,
    GoldSlot,
    gold_summary,
    load_gold,
)
from kg.evaluate.matching import close, inflection_close, normalise, phrase_contains
from kg.evaluate.run import extract_folder
from kg.lexicon import organisation_aliases
from kg.lexicon.gazetteer import lookup, names
from kg.model import Extraction, fold

__all__ = [
    "evaluate_folder",
    "score_extractions",
    "PredOccupation",
    "PredMeeting",
    "FactruItem",
    "FactruScore",
    "FactruReport",
    "FACT_TYPES",
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
    optional: bool = False  # an optional gold fact: its pairing counts neither way


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


def _answer(node: object, span: object = None) -> str:
    """What a slot answers: the text's own words where the row gives them (a version 2
    `mention`, `role_mention`), else the label."""
    span = (
        span if span is not None else (node.get("mention") if isinstance(node, Mapping) else None)
    )
    if isinstance(span, Mapping) and str(span.get("text") or "").strip():
        return str(span["text"])
    return _label(node)


def predicted_occupations(rows: Iterable[Mapping]) -> list[PredOccupation]:
    """The Occupation facts of one document's rows: one per `holdsPosition` row with an object."""
    facts: list[PredOccupation] = []
    for row in rows:
        if row.get("predicate") != "holdsPosition" or not row.get("object"):
            continue
        qualifiers = row.get("qualifiers") or {}
        role = qualifiers.get("role_mention")
        fact = PredOccupation(
            who=_answer(row.get("subject")),
            job=_answer(None, role) or str(qualifiers.get("role") or ""),
            where=_answer(row.get("object")),
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
        key: object = (evidence.get("start"), evidence.get("end"))
        if row.get("event"):
            key = ("event", str(row["event"]))
        elif key == (None, None):
            key = ("row", index)
        members = groups.setdefault(key, {})
        for node in (row.get("subject"), row.get("object")):
            label = _answer(node)
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
    label = known.get(fold(value))
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
    from scipy.optimize import linear_sum_assignment

    if not weights or not weights[0]:
        return []
    rows, cols = linear_sum_assignment(weights, maximize=True)
    return [(int(i), int(j)) for i, j in zip(rows, cols, strict=True)]


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
            text = _gold_text(gold[i])
            items.append(
                FactruItem(doc_id, text, _pred_text(predicted[j]), table[i][j], gold[i].optional)
            )
    items += [
        FactruItem(doc_id, _gold_text(fact), None, 0.0, fact.optional)
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
    quality = sum(item.quality for item in items if not item.optional)
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
            pairs = _pair_up(doc_id, gold_facts, pred_facts, quality)
            # an optional fact found is not wrong, and not found is not missed
            optional_found = sum(1 for item in pairs if item.optional and item.predicted)
            counts[name][0] += len(pred_facts) - optional_found
            counts[name][1] += sum(1 for fact in gold_facts if not fact.optional)
            items[name] += pairs
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
                mark = " (optional)" if item.optional else ""
                lines.append(
                    f"  {item.quality:4.2f}  {item.doc_id:<10}  {item.gold or EMPTY}{mark}"
                    f"  =>  {item.predicted or EMPTY}"
                )
    return "\n".join(lines)


def score_extractions(folder: Path | str, extractions: Mapping[str, Extraction]) -> FactruReport:
    """Score what kg read from the documents of a factRuEval folder against its facts."""
    from kg.export.triples import records

    predicted = {doc_id: records(x) for doc_id, x in extractions.items()}
    return score(load_gold(Path(folder)), predicted)


def evaluate_folder(
    folder: Path | str,
    pipeline: Any = None,
    on_document: Callable[[str], None] | None = None,
) -> FactruReport:
    """Extract every document of a factRuEval folder with kg and score its facts."""
    return score_extractions(folder, extract_folder(folder, pipeline, on_document))
