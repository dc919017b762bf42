"""Names that look alike are one name: Latin letters inside a Cyrillic word (and the reverse),
zero-width and bidi control characters never make a separate entity, or one that reads as
somebody else; the article's offsets stay those of the text read."""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.io.articles import parse_txt
from kg.model import clean_name, entity_key, one_script

PUTIN = entity_key("Person", "Владимир Путин")


@pytest.mark.parametrize(
    "written",
    [
        "Владимир П\x79тин",  # a Latin y
        "\x42ладимир Путин",  # a Latin B
        "Вл\x61димир Путин",  # a Latin a
        "Владимир Пу\u200bтин",  # a zero-width space
        "Владимир Пу\u200dтин",  # a zero-width joiner
        "Владимир Путин\ufeff",  # a byte-order mark
    ],
    ids=["latin-y", "latin-B", "latin-a", "zero-width-space", "zero-width-joiner", "bom"],
)
def test_a_lookalike_spelling_is_the_same_person(pipeline, written):
    article = parse_txt(f"Президент {written} встретился с Си Цзиньпином.", "a")
    x = extract(article, pipeline)
    people = {e.key for e in x.entities.values() if e.type == "Person"}
    assert PUTIN in people, people
    for m in x.mentions:
        assert article.text[m.start : m.end] == m.text


def test_bidi_controls_are_no_part_of_a_name():
    shown_reversed = "\u202eнитуП\u202c"
    assert clean_name(shown_reversed) == "нитуП"  # what is written, no longer shown as Путин
    assert clean_name("Пу\u2066тин\u2069") == "Путин"


def test_folding_keeps_every_offset_and_latin_words():
    text = "Cоветская власть, YouTube и «Tвиттер»: Hа съезде"
    folded = one_script(text)
    assert len(folded) == len(text)
    assert folded == "Советская власть, YouTube и «Твиттер»: На съезде"
