"""Each rule family on short sentences: input → expected triples (and what must not appear)."""

from __future__ import annotations

import pytest


def _triples(rows: list[dict]) -> set[tuple]:
    return {
        (r["predicate"], r["subject"]["label"], r["object"]["label"] if r["object"] else None)
        for r in rows
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Министр иностранных дел России Сергей Лавров встретился в Женеве с госсекретарем США "
            "Джоном Керри.",
            {
                ("met", "Сергей Лавров", "Джон Керри"),
                ("holdsPosition", "Сергей Лавров", "Россия"),
                ("holdsPosition", "Джон Керри", "США"),
            },
        ),
        (
            "Президент России Владимир Путин провел переговоры с канцлером Германии "
            "Ангелой Меркель.",
            {("met", "Владимир Путин", "Ангела Меркель")},
        ),
        (
            "Дмитрий Медведев и Барак Обама встретились в Праге.",
            {("met", "Дмитрий Медведев", "Барак Обама")},
        ),
        (
            "Губернатор Подмосковья Андрей Воробьев принял посла Японии Тоёхиса Кодзуки.",
            {("met", "Андрей Воробьев", "Тоехиса Кодзуки")},
        ),
    ],
)
def test_meetings(extract_text, text, expected):
    assert expected <= _triples(extract_text(text))


@pytest.mark.parametrize(
    ("text", "who", "where", "role"),
    [
        ("Мэр Москвы Сергей Собянин открыл парк.", "Сергей Собянин", "Москва", "мэр"),
        (
            "Алексей Миллер, председатель правления «Газпрома», заявил о росте экспорта.",
            "Алексей Миллер",
            "Газпром",
            "председатель правления",
        ),
        (
            "Министр иностранных дел России Сергей Лавров прилетел в Женеву.",
            "Сергей Лавров",
            "Россия",
            "министр иностранных дел",
        ),
        (
            "Политолог Алексей Макаркин считает, что выборы пройдут спокойно.",
            "Алексей Макаркин",
            None,
            "политолог",
        ),
    ],
)
def test_posts(extract_text, text, who, where, role):
    rows = [r for r in extract_text(text) if r["predicate"] == "holdsPosition"]
    got = {
        (
            r["subject"]["label"],
            r["object"]["label"] if r["object"] else None,
            r["qualifiers"]["role"],
        )
        for r in rows
    }
    assert (who, where, role) in got


def test_signing_with_date_and_agreement(extract_text):
    rows = extract_text(
        "Вчера Татарстан и Башкирия подписали соглашение о сотрудничестве в сфере туризма.",
        date="2025-11-10",
    )
    (r,) = [r for r in rows if r["predicate"] == "signedAgreement"]
    assert {r["subject"]["label"], r["object"]["label"]} == {"Татарстан", "Башкирия"}
    assert r["qualifiers"]["time"] == "2025-11-09"
    assert r["qualifiers"]["agreement"].startswith("соглашение о сотрудничестве")


def test_cooperation_of_two_regions(extract_text):
    rows = extract_text(
        "По мнению экспертов, взаимодействие Татарстана и Казахстана может стать драйвером роста."
    )
    assert ("cooperatesWith", "Татарстан", "Казахстан") in _triples(rows)


def test_component_share(extract_text):
    text = (
        "Автобус «Витязь» выпускают в Минске. Половина комплектующих этой машины "
        "произведена в Китае."
    )
    rows = [r for r in extract_text(text) if r["predicate"] == "componentShare"]
    assert [
        (r["subject"]["label"], r["object"]["label"], r["qualifiers"]["share"]) for r in rows
    ] == [("Витязь", "Китай", 0.5)]


@pytest.mark.parametrize(
    "text",
    [
        "Мэр Москвы Сергей Собянин принял решение закрыть парк.",
        "Ранее Иванов разговаривал по телефону с Петровым.",
        "Сегодня стояла солнечная погода, в парке гуляли люди.",
        "Фото: Анна Сивохина",
    ],
)
def test_no_meeting_where_there_is_none(extract_text, text):
    assert not [r for r in extract_text(text) if r["predicate"] in ("met", "signedAgreement")]


def test_text_without_patterns_gives_no_core_triples(extract_text):
    text = (
        "Осень в этом году выдалась теплой. Дожди шли редко, а листья долго не опадали. "
        "Синоптики обещают снег только к концу месяца."
    )
    assert extract_text(text) == []


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        (
            "Барак Обама принимает в Белом доме своего французского коллегу Николя Саркози.",
            ("Барак Обама", "Николя Саркози"),
        ),
        (
            "Вопрос решат глава ОАО «Газпром» Алексей Миллер и министр энергетики Белоруссии "
            "Александр Озерец, которые сегодня встречаются в Москве.",
            ("Алексей Миллер", "Александр Озерец"),
        ),
    ],
)
def test_meeting_guests_and_relative_clauses(extract_text, text, pair):
    met = {
        (r["subject"]["label"], r["object"]["label"])
        for r in extract_text(text)
        if r["predicate"] == "met"
    }
    assert pair in met or pair[::-1] in met


@pytest.mark.parametrize(
    "text",
    [
        "Владимир Путин провел телефонные переговоры с Ангелой Меркель.",
        "Владимир Путин провел переговоры с Ангелой Меркель по видеосвязи.",
        "В мероприятии примут участие Крис Хелмбрехт, Ннека Угбома и Гергей Ковач.",
    ],
)
def test_calls_and_participation_are_not_meetings(extract_text, text):
    assert not [r for r in extract_text(text) if r["predicate"] == "met"]


def test_posts_in_a_list_go_to_the_right_names(extract_text):
    text = (
        "Выступят Светлана Яковлева - директор Global Cultural Project, Кирилл Разлогов - "
        "директор Российского института культурологии, Валерий Тишков - директор "
        "Института этнологии и антропологии РАН."
    )
    got = {
        (r["subject"]["label"], r["object"]["label"] if r["object"] else None)
        for r in extract_text(text)
        if r["predicate"] == "holdsPosition"
    }
    assert ("Кирилл Разлогов", "Российский институт культурологии") in got
    assert ("Валерий Тишков", "Институт этнологии и антропологии РАН") in got
    assert ("Светлана Яковлева", "Российский институт культурологии") not in got


def test_unnamed_organisation_in_a_title(extract_text):
    rows = extract_text("Глава палестинской делегации Саеб Эрекат призвал ООН к действиям.")
    (r,) = [r for r in rows if r["predicate"] == "holdsPosition"]
    assert (r["subject"]["label"], r["object"]["label"], r["qualifiers"]["role"]) == (
        "Саеб Эрекат",
        "Палестинская делегация",
        "глава",
    )


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


def test_membership_and_parts(extract_text):
    rows = extract_text(
        "Член Общественной палаты Александр Брод выступил перед сотрудниками "
        "Центра технической поддержки БЕЛАЗ."
    )
    got = _triples(rows)
    assert ("memberOf", "Александр Брод", "Общественная палата") in got
    assert ("partOf", "Центр технической поддержки БЕЛАЗ", "БЕЛАЗ") in got


def test_open_relation_from_a_verb_in_no_lexicon(extract_text):
    rows = extract_text("Компания «Яндекс» купила Сбербанк.")
    opened = [r for r in rows if r["predicate"].startswith("verb:")]
    assert [(r["subject"]["label"], r["predicate"], r["object"]["label"]) for r in opened] == [
        ("Яндекс", "verb:купить", "Сбербанк")
    ]
    assert all(r["confidence"] <= 0.3 for r in opened)


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
