"""Scoring Occupation and Meeting facts against factRuEval-2016 style annotation."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.evaluate.factru import (
    PredOccupation,
    format_report,
    group_rows,
    job_matches,
    occupation_quality,
    score,
)
from kg.evaluate.factru_gold import GoldDoc, GoldOccupation, GoldSlot, gold_summary, load_gold
from kg.evaluate.matching import close, levenshtein, normalise, prefix_close

DEVSET = Path(__file__).parent.parent / "benchmarks/data/factru/devset"

FILES = {
    "book_1.txt": "Губернатора Подмосковья Бориса Громова поздравили с днём рождения.",
    "book_1.tokens": """\
1001 0 11 Губернатора
1002 12 11 Подмосковья
1003 24 6 Бориса
1004 31 7 Громова
1005 39 10 поздравили
1006 50 1 с
1007 52 4 днём
1008 57 8 рождения
1009 65 1 .
""",
    "book_1.spans": """\
101 job 0 11 1001 1  # 1001 Губернатора
102 loc_name 12 11 1002 1  # 1002 Подмосковья
103 name 24 6 1003 1  # 1003 Бориса
104 surname 31 7 1004 1  # 1004 Громова
""",
    "book_1.objects": """\
201 LocOrg 102 # Подмосковья
202 Person 103 104 # Бориса Громова
""",
    "book_1.coref": """\
11 201
name Подмосковье
wikidata

12 202
firstname Борис
lastname Громов
""",
    "book_1.facts": """\
1-0 Occupation
Who obj12 Громов Борис
Position span101 губернатора
Where obj11 Подмосковье
""",
    "book_2.txt": (
        "Николя Саркози встретился с Бараком Обамой в Вашингтоне. Саркози прилетел утром."
    ),
    "book_2.tokens": """\
2001 0 6 Николя
2002 7 7 Саркози
2003 15 10 встретился
2004 26 1 с
2005 28 7 Бараком
2006 36 6 Обамой
2007 43 1 в
2008 45 10 Вашингтоне
2009 55 1 .

2010 57 7 Саркози
2011 65 8 прилетел
2012 74 5 утром
2013 79 1 .
""",
    "book_2.spans": """\
301 name 0 6 2001 1  # 2001 Николя
302 surname 7 7 2002 1  # 2002 Саркози
303 name 28 7 2005 1  # 2005 Бараком
304 surname 36 6 2006 1  # 2006 Обамой
305 loc_name 45 10 2008 1  # 2008 Вашингтоне
306 surname 57 7 2010 1  # 2010 Саркози
""",
    "book_2.objects": """\
401 Person 301 302 # Николя Саркози
402 Person 303 304 # Бараком Обамой
403 Location 305 # Вашингтоне
404 Person 306 # Саркози
""",
    "book_2.coref": """\
21 401 404
firstname Николя
lastname Саркози

22 402
firstname Барак
lastname Обама

23 403
name Вашингтон
""",
    "book_2.facts": """\
2-0 Meeting
Participant obj21 Саркози Николя
Participant obj22 Обама Барак
""",
}


@pytest.fixture()
def gold(tmp_path: Path) -> dict[str, GoldDoc]:
    """Two hand-written documents: one Occupation, one Meeting."""
    for name, text in FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return load_gold(tmp_path)


def post(who: str, role: str, where: str | None, article: str = "book_1") -> dict:
    """A `holdsPosition` row of the triples export."""
    return {
        "article": article,
        "predicate": "holdsPosition",
        "subject": {"id": f"p:{who}", "label": who, "type": "Person"},
        "object": None if where is None else {"id": f"g:{where}", "label": where, "type": "Place"},
        "qualifiers": {"role": role},
        "evidence": {"text": "", "start": 0, "end": 66},
        "confidence": 0.9,
    }


def met(a: str, b: str | None, start: int = 0, end: int = 57, article: str = "book_2") -> dict:
    """A `met` row of the triples export."""
    return {
        "article": article,
        "predicate": "met",
        "subject": {"id": f"p:{a}", "label": a, "type": "Person"},
        "object": None if b is None else {"id": f"p:{b}", "label": b, "type": "Person"},
        "qualifiers": {},
        "evidence": {"text": "", "start": start, "end": end},
        "confidence": 0.8,
    }


def prf(report, fact_type: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of one fact type, rounded for comparison."""
    entry = report.scores[fact_type]
    return round(entry.precision, 4), round(entry.recall, 4), round(entry.f1, 4)


def test_gold_slots_hold_every_surface_form(gold: dict[str, GoldDoc]) -> None:
    assert sorted(gold) == ["book_1", "book_2"]
    fact = gold["book_1"].occupations[0]
    assert {"громов борис", "борис громов", "бориса громова", "громов"} <= set(fact.who.forms)
    assert fact.who.surnames == ("громов", "громова")
    assert fact.job.forms == ("губернатора",)
    assert set(fact.where.forms) == {"подмосковье", "подмосковья"}
    meeting = gold["book_2"].meetings[0]
    assert [slot.label for slot in meeting.participants] == ["Саркози Николя", "Обама Барак"]
    assert {"николя саркози", "саркози"} <= set(meeting.participants[0].forms)
    assert "бараком обамой" in meeting.participants[1].forms
    assert gold["book_2"].text_path.name == "book_2.txt"


def test_perfect_prediction(gold: dict[str, GoldDoc]) -> None:
    rows = [
        post("Бориса Громова", "губернатора", "Подмосковья"),
        met("Саркози Николя", "Обама Барак"),
    ]
    report = score(gold, group_rows(rows))
    assert prf(report, "Occupation") == (1.0, 1.0, 1.0)
    assert prf(report, "Meeting") == (1.0, 1.0, 1.0)


def test_nominative_labels_match_inflected_mentions(gold: dict[str, GoldDoc]) -> None:
    rows = [post("Борис Громов", "губернатор", "Подмосковье"), met("Николя Саркози", "Барак Обама")]
    report = score(gold, group_rows(rows))
    assert prf(report, "Occupation") == (1.0, 1.0, 1.0)
    assert prf(report, "Meeting") == (1.0, 1.0, 1.0)
    # a bare or initialled surname is still the same person
    report = score(gold, group_rows([post("Б. Громов", "губернатор", "Подмосковье")]))
    assert prf(report, "Occupation") == (1.0, 1.0, 1.0)


def test_wrong_where(gold: dict[str, GoldDoc]) -> None:
    report = score(gold, group_rows([post("Борис Громов", "губернатор", "Москва")]))
    # who 1 + job 0.5 out of who 1 + job 0.5 + where 1
    assert prf(report, "Occupation") == (0.6, 0.6, 0.6)
    assert report.scores["Occupation"].items[0].quality == pytest.approx(0.6)


def test_post_without_organisation_is_not_an_occupation(gold: dict[str, GoldDoc]) -> None:
    report = score(gold, group_rows([post("Борис Громов", "губернатор", None)]))
    assert report.scores["Occupation"].predicted == 0
    assert prf(report, "Occupation") == (0.0, 0.0, 0.0)


def test_missing_fact(gold: dict[str, GoldDoc]) -> None:
    report = score(gold, group_rows([met("Николя Саркози", "Барак Обама")]))
    occupation = report.scores["Occupation"]
    assert (occupation.predicted, occupation.gold, occupation.quality) == (0, 1, 0.0)
    assert prf(report, "Occupation") == (0.0, 0.0, 0.0)
    assert prf(report, "Meeting") == (1.0, 1.0, 1.0)
    assert [(item.gold, item.predicted) for item in occupation.items] == [
        ("Громов Борис | губернатора | Подмосковье", None)
    ]


def test_extra_fact(gold: dict[str, GoldDoc]) -> None:
    rows = [
        post("Борис Громов", "губернатор", "Подмосковье"),
        post("Юрий Лужков", "мэр", "Москва"),
    ]
    report = score(gold, group_rows(rows))
    assert prf(report, "Occupation") == (0.5, 1.0, 0.6667)
    extras = [item for item in report.scores["Occupation"].items if item.gold is None]
    assert [item.predicted for item in extras] == ["Юрий Лужков | мэр | Москва"]


def test_meeting_with_one_of_two_participants(gold: dict[str, GoldDoc]) -> None:
    report = score(gold, group_rows([met("Николя Саркози", "Ангела Меркель")]))
    assert prf(report, "Meeting") == (0.5, 0.5, 0.5)
    report = score(gold, group_rows([met("Саркози", None)]))
    assert prf(report, "Meeting") == (0.5, 0.5, 0.5)


def test_met_rows_with_one_evidence_form_one_meeting(gold: dict[str, GoldDoc]) -> None:
    rows = [met("Николя Саркози", "Барак Обама"), met("Николя Саркози", "Ангела Меркель")]
    report = score(gold, group_rows(rows))
    meeting = report.scores["Meeting"]
    assert meeting.predicted == 1
    assert meeting.quality == pytest.approx(2 / 3)
    rows = [met("Николя Саркози", "Барак Обама"), met("Саркози", "Обама", 57, 80)]
    assert prf(score(gold, group_rows(rows)), "Meeting") == (0.5, 1.0, 0.6667)


def test_the_words_a_row_was_read_from_answer_for_it(gold: dict[str, GoldDoc]) -> None:
    # labels that match nothing, the mentions as written that do: the mentions answer
    row = post("Б. Г.", "глава", "Москва")
    row["subject"]["mention"] = {"text": "Бориса Громова", "start": 0, "end": 14}
    row["object"]["mention"] = {"text": "Подмосковья", "start": 30, "end": 41}
    row["qualifiers"]["role_mention"] = {"text": "губернатора", "start": 15, "end": 26}
    assert prf(score(gold, group_rows([row])), "Occupation") == (1.0, 1.0, 1.0)
    # a row without them is scored by its labels
    del row["subject"]["mention"], row["object"]["mention"], row["qualifiers"]["role_mention"]
    assert prf(score(gold, group_rows([row])), "Occupation") == (0.0, 0.0, 0.0)


def test_met_rows_of_one_event_form_one_meeting(gold: dict[str, GoldDoc]) -> None:
    # one sentence, two meetings: the event ids keep them apart
    rows = [met("Николя Саркози", "Барак Обама"), met("Ангела Меркель", "Сильвио Берлускони")]
    rows[0]["event"], rows[1]["event"] = "book_2#e1", "book_2#e2"
    report = score(gold, group_rows(rows))
    assert report.scores["Meeting"].predicted == 2
    assert prf(report, "Meeting") == (0.5, 1.0, 0.6667)
    # two sentences, one event: one meeting
    rows = [met("Николя Саркози", "Барак Обама"), met("Николя Саркози", "Барак Обама", 57, 80)]
    assert prf(score(gold, group_rows(rows)), "Meeting") == (0.5, 1.0, 0.6667)
    rows[0]["event"] = rows[1]["event"] = "book_2#e1"
    assert prf(score(gold, group_rows(rows)), "Meeting") == (1.0, 1.0, 1.0)


def test_an_optional_fact_is_neither_missed_nor_wrong(tmp_path: Path) -> None:
    for name, text in FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    facts = tmp_path / "book_2.facts"
    facts.write_text(facts.read_text("utf-8") + "Сложность повышенная\n", "utf-8")
    gold = load_gold(tmp_path)
    assert gold["book_2"].meetings[0].optional
    found = score(gold, group_rows([met("Николя Саркози", "Барак Обама")])).scores["Meeting"]
    missed = score(gold, group_rows([])).scores["Meeting"]
    assert (found.predicted, found.gold, missed.predicted, missed.gold) == (0, 0, 0, 0)
    assert "(optional)" in format_report(score(gold, group_rows([])), details=True)


def test_gold_occupation_without_where() -> None:
    fact = GoldOccupation(
        "x-0",
        who=GoldSlot("Громов Борис", ("громов борис",), ("громов",)),
        job=GoldSlot("губернатора", ("губернатора",)),
        where=GoldSlot(),
    )
    assert occupation_quality(fact, PredOccupation("Борис Громов", "губернатор", "")) == 1.0
    assert occupation_quality(fact, PredOccupation("Громов", "губернатор", "Москва")) == 0.6


def test_matching_helpers() -> None:
    assert normalise("  «Новой волны – 2009»  ") == "новой волны-2009"
    assert normalise("Ёлкин") == "елкин"
    assert levenshtein("губернатор", "губернатора") == 1
    assert close("а", "а") and not close("а", "я")
    assert close("мэр", "мэра") and not close("мэр", "мэрия")
    assert close("губернатора", "губернатору") and not close("москва", "минск")
    assert prefix_close("глава", "главой") and not prefix_close("мэр", "мэрия")
    slot = GoldSlot(
        "заместителем министра иностранных дел", ("заместителем министра иностранных дел",)
    )
    assert job_matches("заместитель министра", slot)
    assert job_matches("министр иностранных дел", slot)
    assert not job_matches("посол", slot)
    envoy = GoldSlot("чрезвычайный и полномочный посол", ("чрезвычайный и полномочный посол",))
    assert job_matches("посол", envoy)


def test_format_report(gold: dict[str, GoldDoc]) -> None:
    report = score(gold, group_rows([post("Борис Громов", "губернатор", "Москва")]))
    text = format_report(report, details=True)
    assert "Occupation" in text and "Meeting" in text
    assert "0.60  book_1" in text


def gold_rows(gold: dict[str, GoldDoc]) -> dict[str, list[dict]]:
    """Predicted rows rebuilt from each gold fact's first surface forms."""
    rows = []
    for doc in gold.values():
        for fact in doc.occupations:
            where = fact.where.forms[0] if fact.where.present else None
            role = fact.job.forms[0] if fact.job.present else ""
            rows.append(post(fact.who.forms[0], role, where, doc.doc_id))
        for index, meeting in enumerate(doc.meetings):
            first, *others = (slot.forms[0] for slot in meeting.participants)
            rows += [met(first, other, index, index + 1, doc.doc_id) for other in others]
    return group_rows(rows)


@pytest.mark.skipif(not DEVSET.is_dir(), reason="factRuEval devset not present")
def test_real_devset_counts_and_self_consistency() -> None:
    gold = load_gold(DEVSET)
    summary = gold_summary(gold)
    assert summary["documents"] == 122
    assert summary["Occupation"] == 211
    assert summary["Meeting"] == 5
    assert (summary["Deal"], summary["Ownership"], summary["isPartOf"]) == (30, 17, 10)
    assert all(fact.who.present for doc in gold.values() for fact in doc.occupations)
    report = score(gold, gold_rows(gold))
    occupation = report.scores["Occupation"]
    # 31 Occupations are optional ("Сложность повышенная"), as in the 2016 evaluation: 180
    # count; the one gold Occupation with no Where has no Occupation row: a post without an
    # organisation is not an Occupation
    assert sum(fact.optional for doc in gold.values() for fact in doc.occupations) == 31
    assert (occupation.predicted, occupation.gold) == (179, 180)
    assert occupation.precision == pytest.approx(1.0)
    assert occupation.recall == pytest.approx(179 / 180)
    assert report.scores["Meeting"].f1 == pytest.approx(1.0)
    assert report.ignored_gold == {"Deal": 30, "Ownership": 17, "isPartOf": 10}
