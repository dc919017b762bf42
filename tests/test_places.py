"""Where organisations and places are, read from names: what must give no seat."""

from __future__ import annotations

import pytest

from kg.extract.context import build_context
from kg.extract.entities import resolve_entities
from kg.extract.labels import known_place
from kg.extract.mentions import find_mentions
from kg.extract.rules.places import find_seats
from kg.model import Article, Mention
from kg.nlp import parse


def _seats(pipeline, text: str, extra: list[Mention] = ()) -> set[tuple[str, str]]:
    parsed = parse(text, pipeline)
    mentions = sorted(find_mentions(parsed) + list(extra), key=lambda m: (m.start, -m.end))
    entities = resolve_entities(mentions, parsed.text)
    ctx = build_context(Article(id="a", text=text), parsed, mentions, entities)
    return {(r.subject.label, r.object.label) for r in find_seats(ctx)}


def test_a_part_of_a_city_named_as_a_body_lies_in_the_city(pipeline):
    # NER tags "Центр Москвы" as an organisation; it is a part of Moscow, and lies in it
    assert _seats(pipeline, "Центр Москвы закрыт для машин.") == {("Центр Москвы", "Москва")}


def test_a_place_in_a_name_after_imeni_honours_someone(pipeline):
    text = "Премьера прошла в Театре имени Пушкина."
    start = text.index("Пушкина")
    # a place mention the NER might give inside the name (Пушкин is also a town)
    place = Mention(start, start + 7, "Пушкина", "Place", "Пушкин")
    org_start = text.index("Театре")
    theatre = Mention(org_start, start + 7, text[org_start : start + 7], "Organization", "Театр")
    assert ("Театр", "Пушкин") not in _seats(pipeline, text, [place, theatre])
    seat = _seats(pipeline, "Правительство Каталонии объявило выборы.")
    assert ("Правительство Каталонии", "Каталония") in seat  # the same rule, a place named


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("Китайская Республика", "Тайвань"),
        ("Приднестровская Молдавская Республика", "Приднестровье"),
        ("ПМР", "Приднестровье"),
        ("Советский Союз", "СССР"),
        ("СКФО", "Северо-Кавказский федеральный округ"),
        ("Крымский полуостров", "Крым"),
        ("Нагорно-Карабахская Республика", "Нагорный Карабах"),
    ],
)
def test_official_and_short_names_of_a_place_are_one_place(name, label):
    assert known_place(name) == label


@pytest.mark.parametrize(
    "text",
    ["Мюнхенская «Бавария» обыграла мадридский «Реал».", "Футболисты «Баварии» победили."],
)
def test_a_club_in_quotes_named_after_a_region_is_no_place(pipeline, text):
    types = {m.normal: m.type for m in find_mentions(parse(text, pipeline))}
    assert types.get("Бавария") != "Place"
