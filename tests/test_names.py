"""Names as kg writes them: organisation names in the nominative, known names under their one
label, inflected surnames normalised, a first name alone joined to the full name."""

from __future__ import annotations

import pytest


def test_organisation_names_in_the_nominative(extract_text):
    rows = extract_text(
        "Председатель Исламского комитета России Гейдар Джемаль и глава "
        "японского МИДа Сэйдзи Маэхара выступили."
    )
    places = {r["object"]["label"] for r in rows if r["predicate"] == "holdsPosition"}
    assert {"Исламский комитет России", "МИД"} <= places


def test_inflected_surname_is_normalised(extract_text):
    rows = extract_text("Министр иностранных дел Японии Сейджи Маехара встретился с Обамой.")
    labels = {r["subject"]["label"] for r in rows} | {r["object"]["label"] for r in rows}
    assert "Обама" in labels


@pytest.mark.parametrize(
    ("text", "label", "type_"),
    [
        ("Глава ОАО «Газпром» Алексей Миллер выступил.", "Газпром", "Organization"),
        ("Об этом сообщили в МИД РФ.", "МИД России", "Organization"),
        ("Представитель Европейского союза заявил о санкциях.", "Евросоюз", "Organization"),
        ("Делегация прибыла в Белоруссию.", "Беларусь", "Place"),
    ],
)
def test_canonical_labels_of_known_names(pipeline, text, label, type_):
    from kg.extract.entities import resolve_entities
    from kg.extract.mentions import find_mentions
    from kg.nlp import parse

    entities = resolve_entities(find_mentions(parse(text, pipeline)))
    assert (label, type_) in {(e.label, e.type) for e in entities.values()}


@pytest.mark.parametrize(
    ("text", "short"),
    [
        (
            "Виктор Бут арестован в Бангкоке. Адвокат заявил, что Виктора перевезут в США.",
            "Виктора",
        ),
        (
            "Борис Ельцин приехал в Свердловск. Бориса Николаевича встретили рабочие.",
            "Бориса Николаевича",
        ),
    ],
)
def test_first_name_alone_joins_the_full_name(pipeline, text, short):
    from kg.extract.entities import resolve_entities
    from kg.extract.mentions import find_mentions
    from kg.nlp import parse

    mentions = find_mentions(parse(text, pipeline))
    resolve_entities(mentions)
    keys = {m.text: m.entity_key for m in mentions if m.type == "Person"}
    full = next(k for t, k in keys.items() if t != short)
    assert keys[short] == full
