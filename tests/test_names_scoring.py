"""The names measures on a NEREL-format folder made here: labels judged against reference
names, one node per entity across documents, evidence within a line."""

from __future__ import annotations

import pytest

from kg.evaluate.names import (
    evaluate_names,
    format_names_report,
    person_label_right,
    place_label_right,
)
from kg.evaluate.nerel_files import read_document

TEXT_A = "Встреча в Лионе\n\nПрезидент Франции Жан Дюпон встретился в Лионе с Пьером Мартеном.\n"
TEXT_B = "Дюпон прибыл в Париж.\n"


def _ann(text: str, rows: list[tuple[str, str, str, str]], after: int = 0) -> str:
    """brat lines for mentions (id, type, surface text, Wikidata id or '') of a text, each
    found from position `after` on."""
    out, n = [], 0
    for tid, kind, surface, qid in rows:
        start = text.index(surface, after)
        out.append(f"{tid}\t{kind} {start} {start + len(surface)}\t{surface}")
        if qid:
            n += 1
            name = {"Q1": "Дюпон, Жан", "Q2": "Пьер Мартен", "Q3": "Лион", "Q4": "Париж"}[qid]
            out.append(f"N{n}\tReference {tid} Wikidata:{qid}\t{name}")
    return "\n".join(out) + "\n"


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    d = tmp_path_factory.mktemp("nerel")
    (d / "a.txt").write_text(TEXT_A, "utf-8")
    (d / "a.ann").write_text(
        _ann(
            TEXT_A,
            after=TEXT_A.index("\n"),
            rows=[
                ("T1", "PERSON", "Жан Дюпон", "Q1"),
                ("T2", "CITY", "Лионе", "Q3"),
                ("T3", "PERSON", "Пьером Мартеном", "Q2"),
                ("T4", "COUNTRY", "Франции", ""),
            ],
        )
        + "R1\tWORKPLACE Arg1:T1 Arg2:T4\n",
        "utf-8",
    )
    (d / "b.txt").write_text(TEXT_B, "utf-8")
    rows = [("T1", "PERSON", "Дюпон", "Q1"), ("T2", "CITY", "Париж", "Q4")]
    (d / "b.ann").write_text(_ann(TEXT_B, rows), "utf-8")
    return d


def test_the_annotation_is_read(folder):
    doc = read_document(folder / "a.ann")
    assert [m.text for m in doc.mentions.values()] == [
        "Жан Дюпон",
        "Лионе",
        "Пьером Мартеном",
        "Франции",
    ]
    assert {link.qid for link in doc.links.values()} == {"Q1", "Q2", "Q3"}
    assert [(r.type, r.source, r.target) for r in doc.relations] == [("WORKPLACE", "T1", "T4")]


@pytest.mark.slow
def test_labels_clusters_and_lines_are_scored(folder, pipeline):
    report = evaluate_names(folder, pipeline)
    assert report.persons == (3, 3)  # "Дюпон" alone shows as the full name it links to
    assert report.places == (2, 2)
    assert report.bcubed[2] == pytest.approx(1.0)
    assert report.evidence[0] == 0
    text = format_names_report(report)
    assert "person labels right    1.0000  (3/3)" in text


@pytest.mark.parametrize(
    ("label", "reference", "right"),
    [
        ("Рекс Тиллерсон", "Тиллерсон, Рекс", True),
        ("Тиллерсон", "Тиллерсон, Рекс", False),
        ("Виктор Альфредович", "Вексельберг, Виктор Феликсович", False),
        ("Виктор Феликсович Вексельберг", "Вексельберг, Виктор Феликсович", False),
        ("Луис Суарес", "Луис Альберто Суарес", True),
        ("Виктор Янукович", "Виктор Фёдорович Янукович", True),
        ("Виктор Фёдорович", "Виктор Фёдорович Янукович", False),
        ("Мадонна", "Мадонна", True),
        ("Ким Чен Ын", "Ким Чен Ын", True),
        ("Ким Чен Ына", "Ким Чен Ын", False),
        ("Пётр Иванов", "Петр Иванов", True),
        ("Поп-звезда Мадонна", "Мадонна", False),
        ("Чарльз", "Чарльз, принц Уэльский", True),
        ("Принц Чарльз", "Чарльз, принц Уэльский", False),
    ],
)
def test_a_person_label_is_judged_by_the_reference(label, reference, right):
    assert person_label_right(label, reference) is right


def test_a_place_label_may_be_the_gazetteers_name():
    assert place_label_right("Китай", "Китайская Народная Республика")
    assert place_label_right("Москва", "Москва")
    assert not place_label_right("Кемерове", "Кемерово")
