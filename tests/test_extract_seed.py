"""The seed article against its gold reading (the scoring rule of the gold README)."""

from __future__ import annotations

from pathlib import Path

from kg import extract
from kg.evaluate.gold import load_reading, score_reading
from kg.export.triples import records
from kg.model import Article

SEED_GOLD = Path(__file__).parent / "data" / "gold" / "000_601ee94027aa536c.json"


def test_seed_required_relations_and_precision(seed_extraction):
    sc = score_reading(load_reading(SEED_GOLD), records(seed_extraction))
    assert sc.required == 11
    assert sc.found >= 11, sc.misses
    assert sc.precision >= 0.9, sc.wrong
    assert sc.qualifiers_right == sc.qualifiers_checked, sc.bad_qualifiers


def test_labels_are_canonical_nominatives(seed_extraction):
    labels = {e.label for e in seed_extraction.entities.values()}
    assert {"Илья Середюк", "Андрей Конюшко", "Кемерово", "Белово", "Беларусь", "Кузбасс"} <= labels
    assert not labels & {"Кемерове", "Белов", "Беларусью", "Ильей Середюком", "Кемеровская область"}


def test_photo_credits_are_not_actors(seed_extraction):
    actors = {e.label for r in seed_extraction.relations for e in (r.subject, r.object) if e}
    actors |= {p.label for ev in seed_extraction.events for p in ev.participants}
    assert not actors & {"Сергей Исмагамбетов", "Анна Сивохина"}


def test_surname_joins_the_full_name(seed_extraction):
    keys = {m.entity_key for m in seed_extraction.mentions if m.text == "Середюк"}
    assert keys == {"person:середюк|илья"}


def test_evidence_offsets_point_at_the_sentence(seed_extraction, seed_article):
    for r in seed_extraction.relations:
        assert seed_article.text[r.evidence.start : r.evidence.end] == r.evidence.text
        assert 0 <= r.confidence <= 1


def test_export_rows_follow_the_contract(seed_extraction):
    for row in records(seed_extraction):
        required = {"article", "predicate", "subject", "object", "qualifiers", "evidence"}
        assert required | {"confidence"} <= set(row) <= required | {"confidence", "event"}
        assert row["article"] == "000_601ee94027aa536c"
        assert {"id", "label", "type"} <= set(row["subject"]) <= {"id", "label", "type", "mention"}
        assert row["subject"]["id"].startswith("https://")


def test_mentions_are_the_article_words_inside_the_evidence(seed_extraction, seed_article):
    rows = records(seed_extraction)
    spans = [
        (row, span)
        for row in rows
        for span in (
            (row["subject"] or {}).get("mention"),
            (row["object"] or {}).get("mention"),
            row["qualifiers"].get("role_mention"),
        )
        if span
    ]
    assert len(spans) >= 20
    for row, span in spans:
        assert seed_article.text[span["start"] : span["end"]] == span["text"]
        assert row["evidence"]["start"] <= span["start"] < span["end"] <= row["evidence"]["end"]
    first = next(r for r in rows if r["predicate"] == "met")
    assert first["subject"]["mention"]["text"] == "Илья Середюк"
    assert first["object"]["mention"]["text"] == "Андреем Конюшко"
    post = next(r for r in rows if r["subject"]["label"] == "Андрей Конюшко")
    assert post["qualifiers"]["role_mention"]["text"] == (
        "первым заместителем министра промышленности"
    )
    # "Стороны подписали соглашение": the parties are not named in the sentence
    signed = next(r for r in rows if r["predicate"] == "signedAgreement")
    assert "mention" not in signed["subject"] and "mention" not in signed["object"]


def test_an_event_id_is_shared_by_its_triples_and_no_others(pipeline):
    text = (
        "Владимир Путин встретился с Ангелой Меркель и Франсуа Олландом. "
        "Сергей Лавров встретился с Джоном Керри."
    )
    rows = records(extract(Article(id="a", text=text), pipeline))
    met = [r for r in rows if r["predicate"] == "met"]
    first = {r["event"] for r in met if r["evidence"]["start"] == 0}
    second = {r["event"] for r in met if r["evidence"]["start"] > 0}
    assert len(first) == 1 and len(second) == 1 and first != second
    assert len([r for r in met if r["event"] in first]) == 2


def test_an_organisation_a_title_describes_is_read_from_its_words(pipeline):
    text = "Глава палестинской делегации Саиб Эрекат прибыл в Каир."
    rows = records(extract(Article(id="a", text=text), pipeline))
    post = next(r for r in rows if r["predicate"] == "holdsPosition")
    assert post["object"]["label"] == "Палестинская делегация"
    span = post["object"]["mention"]
    assert span["text"] == "палестинской делегации" == text[span["start"] : span["end"]]
