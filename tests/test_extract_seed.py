"""The seed article against its gold reading (the scoring rule of the gold README)."""

from __future__ import annotations

from pathlib import Path

from kg.evaluate.gold import load_reading, score_reading
from kg.export.triples import records

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
        assert set(row) == {
            "article",
            "predicate",
            "subject",
            "object",
            "qualifiers",
            "evidence",
            "confidence",
        }
        assert row["article"] == "000_601ee94027aa536c"
        assert set(row["subject"]) == {"id", "label", "type"}
        assert row["subject"]["id"].startswith("https://")
