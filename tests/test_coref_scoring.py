"""Scoring mention clustering against factRuEval-2016 style coreference annotation."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from kg.evaluate.coref import align_mentions, bcubed, score_coref
from kg.evaluate.coref_gold import GoldMention, load_gold_mentions
from kg.evaluate.coref_report import format_coref_report

DEVSET = Path(__file__).parent.parent / "benchmarks/data/factru/devset"

FILES = {
    "book_1.txt": "Юрий Лужков приехал из Москвы. Лужков встретил Сергея Петрова.",
    "book_1.spans": """\
101 name 0 4 1001 1  # 1001 Юрий
102 surname 5 6 1002 1  # 1002 Лужков
103 loc_name 23 6 1005 1  # 1005 Москвы
104 surname 31 6 1007 1  # 1007 Лужков
105 name 47 6 1009 1  # 1009 Сергея
106 surname 54 7 1010 1  # 1010 Петрова
""",
    "book_1.objects": """\
11 Person 101 102 # Юрий Лужков
12 Location 103 # Москвы
13 Person 104 # Лужков
14 Person 105 106 # Сергея Петрова
""",
    "book_1.coref": """\
1 11 13
firstname Юрий
lastname Лужков
wikidata Юрий

2 12
name Москва
wikidata

3 14
firstname Сергей
lastname Петров
""",
    "book_2.txt": "Москва встретила Юрия Лужкова. Иван Петров и Сергей Петров не пришли.",
    "book_2.spans": """\
201 loc_name 0 6 2001 1  # 2001 Москва
202 name 17 4 2003 1  # 2003 Юрия
203 surname 22 7 2004 1  # 2004 Лужкова
204 name 31 4 2005 1  # 2005 Иван
205 surname 36 6 2006 1  # 2006 Петров
206 name 45 6 2008 1  # 2008 Сергей
207 surname 52 6 2009 1  # 2009 Петров
""",
    "book_2.objects": """\
21 Location 201 # Москва
22 Person 202 203 # Юрия Лужкова
23 Person 204 205 # Иван Петров
24 Person 206 207 # Сергей Петров
""",
    "book_2.coref": """\
5 21
name Москва
wikidata Q649

6 22
lastname Лужков

7 23
firstname Иван
lastname Петров

8 24
firstname Сергей
lastname Петров
""",
}

# (document, start, end): the gold stretches, named for the tests below.
LUZHKOV_1 = ("book_1", 0, 11)
MOSCOW_1 = ("book_1", 23, 29)
LUZHKOV_2 = ("book_1", 31, 37)
SERGEY_1 = ("book_1", 47, 61)
MOSCOW_2 = ("book_2", 0, 6)
LUZHKOV_3 = ("book_2", 17, 29)
IVAN = ("book_2", 31, 42)
SERGEY_2 = ("book_2", 45, 58)


@dataclass
class Pred:
    start: int
    end: int
    type: str
    entity_key: str | None
    credit: bool = False
    text: str = ""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name, content in FILES.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    return tmp_path


@pytest.fixture
def gold(folder: Path) -> dict[str, list[GoldMention]]:
    return load_gold_mentions(folder)


def predictions(keys: dict[tuple[str, int, int], str]) -> dict[str, list[Pred]]:
    """Predicted mentions at the gold stretches with the given keys, plus noise to ignore."""
    out: dict[str, list[Pred]] = {"book_1": [], "book_2": []}
    for (doc, start, end), key in keys.items():
        kind = "Place" if key.startswith("place:") else "Person"
        out[doc].append(Pred(start, end, kind, key))
    out["book_1"].append(Pred(12, 19, "Person", "person:приехал|"))  # nothing in the gold
    out["book_1"].append(Pred(0, 11, "Person", "person:other|", credit=True))  # a credit
    out["book_2"].append(Pred(7, 16, "Product", "product:x"))  # not scored
    return out


PERFECT = {
    LUZHKOV_1: "person:лужков|юрий",
    LUZHKOV_2: "person:лужков|юрий",
    LUZHKOV_3: "person:лужков|юрий",
    MOSCOW_1: "place:москва",
    MOSCOW_2: "place:москва",
    SERGEY_1: "person:петров|сергей",
    SERGEY_2: "person:петров|сергей",
    IVAN: "person:петров|иван",
}


def test_gold_mentions_and_identities(gold):
    assert sorted(gold) == ["book_1", "book_2"]
    first = {(m.start, m.end): m for m in gold["book_1"]}
    second = {(m.start, m.end): m for m in gold["book_2"]}
    assert first[0, 11].text == "Юрий Лужков" and first[0, 11].type == "Person"
    assert first[0, 11].entity == first[31, 37].entity == "1"
    assert first[23, 29].type == "Location" and first[23, 29].text == "Москвы"
    # Moscow: linked in one document only, joined through its name.
    assert first[23, 29].global_entity == second[0, 6].global_entity == "wikidata:Q649"
    # A surname-only block joins the one full name with that surname; a wikidata value
    # that is not an id ("wikidata Юрий") is ignored.
    assert second[17, 29].global_entity == first[0, 11].global_entity == "person:лужков|юрий"
    assert first[47, 61].global_entity == second[45, 58].global_entity == "person:петров|сергей"
    assert second[31, 42].global_entity == "person:петров|иван"


def test_bcubed_textbook_example():
    gold = [{1, 2, 3, 4, 5}, {6, 7}, {8, 9, 10, 11, 12}]
    pred = [{1, 2, 3, 4, 5}, {6, 7, 8, 9, 10, 11, 12}]
    precision, recall = bcubed(gold, pred)
    assert precision == pytest.approx((5 + 2 * 2 / 7 + 5 * 5 / 7) / 12)
    assert recall == pytest.approx(1.0)
    assert bcubed([], []) == (0.0, 0.0)


def test_alignment_overlap_type_and_one_to_one(gold):
    mentions = [
        Pred(22, 29, "Person", "a"),  # "Лужкова" inside "Юрия Лужкова": aligns
        Pred(17, 29, "Person", "b"),  # the exact stretch: the better one
        Pred(0, 6, "Person", "c"),  # right stretch, wrong type
        Pred(0, 6, "Place", "d"),
        Pred(40, 47, "Person", "e"),  # "ов и Се": two characters of each name
        Pred(31, 58, "Person", "f"),  # "Иван Петров и Сергей Петров": one of them only
    ]
    pairs = align_mentions(gold["book_2"], mentions)
    texts = {gold["book_2"][g].text: mentions[p].entity_key for g, p in pairs.items()}
    assert texts == {"Юрия Лужкова": "b", "Москва": "d", "Сергей Петров": "f"}


def test_perfect_clustering(gold):
    report = score_coref(gold, predictions(PERFECT))
    for kind in ("Person", "Location"):
        for scope in ("within", "across"):
            s = report.scores[kind, scope]
            assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0), (kind, scope)
            assert not s.merges and not s.splits
    person = report.scores["Person", "within"]
    assert (person.aligned, person.gold, person.predicted) == (6, 6, 7)
    assert report.missed["Person"] == []
    assert report.spurious["Person"] == [("12:19", 1)]
    assert report.scores["Organization", "within"].gold == 0


def test_over_merged_people(gold):
    keys = dict(PERFECT)
    keys[SERGEY_1] = keys[SERGEY_2] = keys[IVAN] = "person:петров|"
    report = score_coref(gold, predictions(keys))
    within = report.scores["Person", "within"]
    assert within.precision == pytest.approx(5 / 6)
    assert within.recall == pytest.approx(1.0)
    across = report.scores["Person", "across"]
    assert across.precision == pytest.approx(7 / 9)
    assert across.recall == pytest.approx(1.0)
    assert across.f1 == pytest.approx(2 * 7 / 9 / (7 / 9 + 1))
    [merge] = across.merges
    assert merge.key == "person:петров|" and merge.mentions == 3
    assert [part.mentions for part in merge.parts] == [2, 1]
    assert merge.loss == pytest.approx(2 * (1 - 2 / 3) + 1 * (1 - 1 / 3))
    assert report.scores["Location", "across"].precision == 1.0


def test_over_split_surname_and_inflection(gold):
    keys = dict(PERFECT)
    keys[LUZHKOV_2] = "person:лужков|"
    keys[MOSCOW_1] = "place:москвы"
    report = score_coref(gold, predictions(keys))
    within = report.scores["Person", "within"]
    assert within.precision == pytest.approx(1.0)
    assert within.recall == pytest.approx(5 / 6)
    across = report.scores["Person", "across"]
    assert across.precision == pytest.approx(1.0)
    assert across.recall == pytest.approx(7 / 9)
    [split] = across.splits
    assert split.key == "person:лужков|юрий"
    assert {part.key: part.mentions for part in split.parts} == {
        "person:лужков|юрий": 2,
        "person:лужков|": 1,
    }
    place_within = report.scores["Location", "within"]
    assert (place_within.precision, place_within.recall) == (1.0, 1.0)
    place_across = report.scores["Location", "across"]
    assert place_across.precision == pytest.approx(1.0)
    assert place_across.recall == pytest.approx(0.5)
    text = format_coref_report(report, details=True)
    assert "Person" in text and "within" in text and "across" in text
    assert "person:лужков|" in text


def test_missing_predictions_count_as_unaligned(gold):
    report = score_coref(gold, {"book_9": []})
    person = report.scores["Person", "within"]
    assert (person.aligned, person.gold, person.predicted) == (0, 6, 0)
    assert (person.precision, person.recall) == (0.0, 0.0)
    assert report.unknown_documents == ["book_9"]
    assert ("Лужков", 1) in report.missed["Person"]


def _spans(path: Path) -> dict[str, tuple[int, int]]:
    spans = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("#", 1)[0].split()
        if len(parts) >= 4:
            spans[parts[0]] = (int(parts[2]), int(parts[2]) + int(parts[3]))
    return spans


def _object_spans(path: Path) -> dict[str, list[str]]:
    objects = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("#", 1)[0].split()
        if len(parts) >= 2:
            objects[parts[0]] = parts[2:]
    return objects


@pytest.mark.skipif(not DEVSET.is_dir(), reason="factRuEval devset not present")
def test_devset_gold_mentions():
    gold = load_gold_mentions(DEVSET)
    assert len(gold) == 122
    counts: dict[str, int] = {}
    for doc, mentions in gold.items():
        text = (DEVSET / f"{doc}.txt").read_text(encoding="utf-8")
        spans = _spans(DEVSET / f"{doc}.spans")
        objects = _object_spans(DEVSET / f"{doc}.objects")
        for m in mentions:
            counts[m.type] = counts.get(m.type, 0) + 1
            assert m.doc == doc and m.text == text[m.start : m.end]
            for span_id in objects[m.object_id]:
                start, end = spans[span_id]
                assert text[start:end] in m.text
                assert m.start <= start and end <= m.end
            assert m.entity and m.global_entity
    assert counts["Person"] > 0 and counts["Location"] > 0 and counts["Organization"] > 0


def test_devset_clustering_meets_its_targets(pipeline):
    """B-cubed of kg's own clustering on the development set: Person and Location >= 0.9."""
    from kg.evaluate.coref import evaluate_folder

    report = evaluate_folder(DEVSET, pipeline)
    for type_ in ("Person", "Location"):
        for scope in ("within", "across"):
            score = report.scores[type_, scope]
            assert score.precision >= 0.9 and score.recall >= 0.9, (type_, scope, score)
