"""Names scored against NEREL's Wikidata links: are kg's labels the entity's name, is one real
entity one node across documents, and does no evidence sentence run across a line break.

Gold side: the mentions with an `N` line naming a Wikidata id (PERSON as Person; CITY,
COUNTRY, STATE_OR_PROVINCE, DISTRICT and LOCATION as places; ORGANIZATION), with their
reference names. Each document is read as `kg build` reads its file; the gold offsets point
into the file, so a header kg strips is allowed for.

Alignment: per document and type, a kg mention and a gold mention overlapping by at least half
the shorter, paired one-to-one, best first (`kg.evaluate.coref.align_mentions`).

- A person's label is right (judged where the link gives a reference name) when its words
  are the reference surname and first name and no other word ("Тиллерсон, Рекс": "Рекс
  Тиллерсон"; a patronymic in the label is another word); a name with a title after the
  comma is the name ("Чарльз, принц Уэльский": "Чарльз").
  A reference written "First ... Last" is matched by its first and last words, or by all its
  words but a patronymic ("Луис Альберто Суарес": "Луис Суарес"; "Ким Чен Ын").
- A place's label is right when it is the reference name, or another name kg knows for the
  same place (the gazetteer's and the hand list's names; a state named with its form, "Китай"
  = "Китайская Народная Республика").
- The label scored is the one a store shows: the entity's, after the cross-article links
  (a surname alone shows as the one full name with that surname in the folder).
- B-cubed over the aligned linked mentions of all three types across documents: gold clusters
  by Wikidata id, kg's by entity key after the links.
- Line breaks: the share of evidence sentences (of relations and events) holding a line break.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.evaluate.coref import align_mentions, bcubed, link_across
from kg.evaluate.coref_gold import GoldMention
from kg.evaluate.nerel_files import Document, documents
from kg.evaluate.run import extract_articles
from kg.extract.labels import known_place
from kg.model import Article, Extraction, fold

__all__ = [
    "NEREL_TYPES",
    "NamesReport",
    "person_label_right",
    "place_label_right",
    "gold_mentions",
    "score_names",
    "evaluate_names",
    "read_folder",
    "format_names_report",
]

NEREL_TYPES = {
    "PERSON": "Person",
    "CITY": "Location",
    "COUNTRY": "Location",
    "STATE_OR_PROVINCE": "Location",
    "DISTRICT": "Location",
    "LOCATION": "Location",
    "ORGANIZATION": "Organization",
}
_PATRONYMIC = re.compile(r"(?:вич|вна|чна|ична|оглы|кызы)$")
EXAMPLES = 25


def _words(text: str) -> list[str]:
    return fold(text.replace("-", " - ")).replace(" - ", "-").split()


def person_label_right(label: str, reference: str) -> bool:
    """Whether a person's label is the reference surname and first name, and no other word.

    >>> person_label_right("Рекс Тиллерсон", "Тиллерсон, Рекс")
    True
    >>> person_label_right("Виктор Альфредович", "Вексельберг, Виктор Феликсович")
    False
    >>> person_label_right("Виктор Янукович", "Виктор Фёдорович Янукович")
    True
    >>> person_label_right("Чарльз", "Чарльз, принц Уэльский")
    True
    """
    if "," in reference:
        surname, _, given = reference.partition(",")
        # "Чарльз, принц Уэльский": a name and a title, not a surname and a first name
        wanted = _words(surname) + ([] if given.strip()[:1].islower() else _words(given)[:1])
        return sorted(_words(label)) == sorted(wanted)
    # a patronymic stands between the first name and the surname: a last word in -вич is the
    # surname ("Виктор Фёдорович Янукович")
    ref = _words(reference)
    wanted = ref[:1] + [w for w in ref[1:-1] if not _PATRONYMIC.search(w)] + ref[1:][-1:]
    got = sorted(_words(label))  # "First Last", or every word ("Ким Чен Ын")
    return got == sorted(wanted) or got == sorted({wanted[0], wanted[-1]})


def place_label_right(label: str, reference: str) -> bool:
    """Whether a place's label is its reference name, or the gazetteer's label for it.

    >>> place_label_right("Китай", "Китайская Народная Республика")
    True
    """
    if fold(label) == fold(reference):
        return True
    a, b = known_place(label), known_place(reference)
    return a is not None and a == b


@dataclass
class NamesReport:
    """Labels right per type, B-cubed across documents, line breaks in evidence."""

    documents: int
    persons: tuple[int, int] = (0, 0)  # right, aligned
    places: tuple[int, int] = (0, 0)
    organisations: int = 0  # aligned
    linked: int = 0  # gold linked mentions of the scored types
    bcubed: tuple[float, float, float] = (0.0, 0.0, 0.0)
    evidence: tuple[int, int] = (0, 0)  # with a line break, all
    unread: list[str] = field(default_factory=list)  # documents whose offsets do not map
    wrong: list[str] = field(default_factory=list)  # examples of wrong labels


def gold_mentions(doc: Document, shift: int = 0) -> list[GoldMention]:
    """The linked mentions of a document of the scored types, offsets moved by `shift`."""
    out = []
    for mid, link in doc.links.items():
        m = doc.mentions.get(mid)
        if m is None or m.type not in NEREL_TYPES or m.start < shift:
            continue
        out.append(
            GoldMention(
                doc=doc.name,
                start=m.start - shift,
                end=m.end - shift,
                text=m.text,
                type=NEREL_TYPES[m.type],
                entity=link.qid,
                global_entity=link.qid,
                object_id=mid,
                label=link.name,
            )
        )
    return sorted(out, key=lambda g: (g.start, g.end, g.object_id))


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score_names(
    docs: list[Document], extractions: Mapping[str, Extraction], shifts: Mapping[str, int]
) -> NamesReport:
    """Score what kg read from the documents against their linked mentions."""
    report = NamesReport(documents=len(docs))
    predicted = {name: x.mentions for name, x in extractions.items()}
    linked = link_across(predicted)
    labels = {k: e.label for x in extractions.values() for k, e in x.entities.items()}
    right = {"Person": [0, 0], "Location": [0, 0]}
    gold_of, pred_of = {}, {}
    crossing = total = 0
    for doc in docs:
        x = extractions.get(doc.name)
        if x is None:
            report.unread.append(doc.name)
            continue
        for claim in [*x.relations, *x.events]:
            total += 1
            crossing += "\n" in claim.evidence.text
        gold = gold_mentions(doc, shifts.get(doc.name, 0))
        report.linked += len(gold)
        mentions = linked[doc.name]
        for g, p in align_mentions(gold, mentions).items():
            target, mention = gold[g], mentions[p]
            gold_of[(doc.name, g)] = target.entity
            pred_of[(doc.name, g)] = mention.entity_key
            if target.type == "Organization":
                report.organisations += 1
                continue
            if not target.label:  # a link with no reference name: nothing to judge it by
                continue
            label = labels.get(mention.entity_key, mention.normal)
            judge = person_label_right if target.type == "Person" else place_label_right
            ok = judge(label, target.label)
            right[target.type][0] += ok
            right[target.type][1] += 1
            if not ok and len(report.wrong) < EXAMPLES:
                report.wrong.append(f"{doc.name}: {target.label!r} read as {label!r}")
    report.persons = tuple(right["Person"])
    report.places = tuple(right["Location"])
    clusters_gold: dict[str, set] = {}
    clusters_pred: dict[str, set] = {}
    for item, qid in gold_of.items():
        clusters_gold.setdefault(qid, set()).add(item)
        clusters_pred.setdefault(pred_of[item], set()).add(item)
    p, r = bcubed(clusters_gold.values(), clusters_pred.values())
    report.bcubed = (p, r, _f1(p, r))
    report.evidence = (crossing, total)
    return report


def _read(doc: Document) -> tuple[Article, int] | None:
    """The document as `kg build` reads its file, and where its text starts in the file."""
    from kg.errors import InputError
    from kg.io.articles import read_file
    from kg.model import one_script

    try:
        (article,) = read_file(doc.text_path)
    except (InputError, ValueError):
        return None
    raw = doc.text_path.read_text(encoding="utf-8")
    shift = len(raw) - len(article.text)
    # kg blanks markup, joins wrapped lines and folds lookalike letters in place: the rest of
    # the file is the text, letter for letter
    if shift < 0 or any(
        a != b and b != " " for a, b in zip(one_script(raw[shift:]), article.text, strict=True)
    ):
        return None
    return article, shift


def read_folder(folder: Path | str) -> tuple[list[Document], list[Article], dict[str, int]]:
    """A NEREL folder's documents, the articles kg reads from them, and where each text starts
    in its file."""
    docs = documents(Path(folder))
    read = {doc.name: _read(doc) for doc in docs}
    articles = [r[0] for r in read.values() if r is not None]
    shifts = {name: r[1] for name, r in read.items() if r is not None}
    return docs, articles, shifts


def evaluate_names(
    folder: Path | str,
    pipeline: Any = None,
    on_document: Callable[[str], None] | None = None,
) -> NamesReport:
    """Extract every document of a NEREL folder with kg and score its names."""
    docs, articles, shifts = read_folder(folder)
    return score_names(docs, extract_articles(articles, pipeline, on_document), shifts)


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.4f}" if whole else "-"


def format_names_report(report: NamesReport, details: bool = False) -> str:
    """The names measures as plain text, optionally with examples of wrong labels."""
    (pr, pn), (lr, ln) = report.persons, report.places
    p, r, f = report.bcubed
    crossing, total = report.evidence
    aligned = pn + ln + report.organisations
    lines = [
        f"NEREL names: {report.documents} documents, {report.linked} linked mentions, "
        f"{aligned} aligned",
        f"person labels right    {_share(pr, pn)}  ({pr}/{pn})",
        f"place labels right     {_share(lr, ln)}  ({lr}/{ln})",
        f"B-cubed across docs    P {p:.4f}  R {r:.4f}  F1 {f:.4f}",
        f"evidence across lines  {_share(crossing, total)}  ({crossing}/{total})",
    ]
    if report.unread:
        lines.append(f"documents not read: {len(report.unread)} ({', '.join(report.unread[:5])})")
    if details:
        lines += ["", "wrong labels (reference read as label):"]
        lines += [f"  {w}" for w in report.wrong]
    return "\n".join(lines)
