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
    ("text", "label"),
    [
        ("Отравление Сергея Скрипаля расследуют.", "Сергей Скрипаль"),
        ("Письмо Сергею Скрипалю не дошло.", "Сергей Скрипаль"),
        ("Фото Брэда Питта опубликовали.", "Брэд Питт"),
        ("Слова Арлена Спектера процитировали.", "Арлен Спектер"),
        ("Он поговорил с Энтони Рэппом.", "Энтони Рэпп"),
        ("Книгу Ирины Яровой издали.", "Ирина Яровая"),
        ("Интервью Андрея Лугового вышло.", "Андрей Луговой"),
        ("Книгу Анны Лавровой издали.", "Анна Лаврова"),
        ("Губернатор принял посла Японии Тоёхиса Кодзуки.", "Тоёхиса Кодзуки"),
        # a woman's name ending in a consonant does not decline
        ("Книги Элис Манро переведены.", "Элис Манро"),
        ("Песни Марины Голуб звучали.", "Марина Голуб"),
        # a man's foreign name in the locative; a first name guessed as an adverb
        ("Северная Корея при Ким Чен Ыне угрожает соседям.", "Ким Чен Ын"),
        ("Суд приговорил генерала Ратко Младича.", "Ратко Младич"),
        # each part of a double surname declined; a word of address is no part of a name
        ("Речь Мигеля Диаса-Канеля транслировали.", "Мигель Диас-Канель"),
        ("Сэр Алекс Фергюсон ушёл в отставку.", "Алекс Фергюсон"),
        ("Пан Ги Мун прибыл в Сеул.", "Пан Ги Мун"),
        # a surname the tagger reads as nominative in an ending no nominative has
        ("Визит Дариги Назарбаевой прошёл успешно.", "Дарига Назарбаева"),
        ("Адвокат Алёхиной заявил о нарушениях.", "Алёхина"),
        # a dictionary noun capitalised to start a sentence is no part of the name
        ("Прислуга Макафи дала интервью.", "Макафи"),
        # a surname the tagger reads as a man's beside a woman's first name
        ("Поздравили Юлию Савичеву.", "Юлия Савичева"),
        # a surname in -ович that pymorphy only guesses to be a patronymic
        ("Вице-премьер Аркадий Дворкович выступил.", "Аркадий Дворкович"),
        # a man's name in -а declines as a woman's
        ("Речь Джейкоба Зумы транслировали.", "Джейкоб Зума"),
        ("Путин освободил Небензю от должности.", "Небензя"),
    ],
)
def test_a_declined_name_is_labelled_in_the_nominative(pipeline, text, label):
    people = {lab for lab, type_ in _entities(pipeline, text) if type_ == "Person"}
    assert people == {label}


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
            "Борис Николаевич Ельцин приехал в Свердловск. Бориса Николаевича встретили рабочие.",
            "Бориса Николаевича",
        ),
    ],
)
def test_first_name_alone_joins_the_full_name(pipeline, text, short):
    keys = _person_keys(pipeline, text)
    full = next(k for t, k in keys.items() if t != short)
    assert keys[short] == full


def _person_keys(pipeline, text: str) -> dict[str, str]:
    from kg.extract.entities import resolve_entities
    from kg.extract.mentions import find_mentions
    from kg.nlp import parse

    mentions = find_mentions(parse(text, pipeline))
    resolve_entities(mentions)
    return {m.text: m.entity_key for m in mentions if m.type == "Person"}


def test_a_first_name_and_patronymic_join_only_the_person_written_with_them(pipeline):
    keys = _person_keys(
        pipeline,
        "Владимир Путин приехал в Санкт-Петербург. Там же великий князь Владимир Кириллович "
        "когда-то жил в эмиграции.",
    )
    assert keys["Владимир Путин"] == "person:путин|владимир"
    assert keys["Владимир Кириллович"] != keys["Владимир Путин"]


@pytest.mark.parametrize(
    ("text", "short", "full"),
    [
        (
            "Андрей Третьяк прибыл в Москву. А. Третьяка встретили коллеги.",
            "А. Третьяка",
            "Андрей Третьяк",
        ),
        (
            "Владимир Путин прибыл в Минск. Позже В. В. Путин уехал.",
            "В. В. Путин",
            "Владимир Путин",
        ),
        ("Мы видели Оррина Хэтча. Хэтч выступил первым.", "Хэтч", "Оррина Хэтча"),
        ("Тони Блэр прибыл в Лондон. Тони Блэра встретили.", "Тони Блэра", "Тони Блэр"),
    ],
)
def test_initials_surnames_and_inflected_names_join_the_person(pipeline, text, short, full):
    keys = _person_keys(pipeline, text)
    assert keys[short] == keys[full]


def test_two_names_run_together_are_two_people(pipeline):
    keys = _person_keys(
        pipeline,
        "Гости фестиваля Рафаэль Корреа Эдвард Сноуден\n"
        "Президент Эквадора Рафаэль Корреа поговорил об Эдварде Сноудене.",
    )
    assert set(keys.values()) == {"person:корреа|рафаэль", "person:сноуден|эдвард"}


@pytest.mark.parametrize(
    ("text", "short", "full"),
    [
        (  # a neighbour's surname run into the name is no first name
            "Премьером стал Иржи Новак. После спора с премьером Шпидла Новак ушёл в отставку. "
            "Новак вернулся через год.",
            "Новак",
            "Иржи Новак",
        ),
        (  # nor is a common noun at the start of a sentence
            "Соседом Джона Фарли был Грегори Фолл. Прислуга Фарли дала интервью. "
            "Фарли отрицает вину.",
            "Фарли",
            "Джона Фарли",
        ),
    ],
)
def test_a_surname_alone_joins_the_one_name_read_right(pipeline, text, short, full):
    keys = _person_keys(pipeline, text)
    assert keys[short] == keys[full]


def test_two_people_with_one_surname_stay_apart(pipeline):
    keys = _person_keys(
        pipeline, "Барак Обама и Мишель Обама прибыли в Чикаго. Обаму встретили друзья."
    )
    assert keys["Барак Обама"] != keys["Мишель Обама"]


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("Республика Аргентина", "Аргентина"),
        ("Королевство Испания", "Испания"),
        ("Кыргызская Республика", "Киргизия"),
        ("Туркмения", "Туркменистан"),
    ],
)
def test_a_state_named_with_its_form_is_the_state(name, label):
    from kg.extract.labels import known_place

    assert known_place(name) == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Делегация прибыла в Тринидад и Тобаго.", "Тринидад и Тобаго"),
        ("Штат Джамму и Кашмир граничит с Пакистаном.", "Джамму и Кашмир"),
    ],
)
def test_a_place_named_by_two_words_joined_by_and_is_one_place(pipeline, text, label):
    places = {lab for lab, type_ in _entities(pipeline, text) if type_ == "Place"}
    assert label in places
    assert not places & set(label.split(" и ")) and "Штат" not in places


def test_a_place_written_in_two_cases_is_one_place_named_in_the_nominative(pipeline):
    from kg.extract.entities import resolve_entities
    from kg.extract.mentions import find_mentions
    from kg.nlp import parse

    text = "Делегация прибыла в Преторию. Претория встретила гостей. В Претории прошли переговоры."
    entities = resolve_entities(find_mentions(parse(text, pipeline)))
    assert [e.label for e in entities.values() if e.type == "Place"] == ["Претория"]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        (
            "Учения прошли в Северо-Кавказском федеральном округе.",
            "Северо-Кавказский федеральный округ",
        ),
        ("Губернатор приехал в Чечено-Ингушскую автономную республику.", None),
        ("Туристы побывали на Курильских островах.", "Курильские острова"),
        # the capitals after a hyphen as written
        ("Он вырос в Переяслав-Хмельницком.", "Переяслав-Хмельницкий"),
        ("Жители Иваново-Вознесенска вышли на улицы.", "Иваново-Вознесенск"),
    ],
)
def test_a_place_of_several_words_is_named_in_the_nominative(pipeline, text, label):
    places = {lab for lab, type_ in _entities(pipeline, text) if type_ == "Place"}
    from kg.extract.labels import agreeing

    for place in places:  # every adjective agrees with its noun, in the nominative
        assert agreeing(place) == place
    if label:
        assert label in places


def _entities(pipeline, text: str) -> set[tuple[str, str]]:
    from kg.extract import extract
    from kg.model import Article

    x = extract(Article(id="t", text=text), pipeline)
    return {(e.label, e.type) for e in x.entities.values()}


def test_the_media_the_net_and_things_named_after_people_are_no_actors(pipeline):
    found = _entities(
        pipeline,
        "По данным СМИ, Интернет заполнили слухи. У Ивана Петрова нашли болезнь Паркинсона. "
        "Певица Анна Смирнова получила премию «Грэмми». Власть молчит.",
    )
    labels = {label for label, _ in found}
    assert {"Иван Петров", "Анна Смирнова"} <= labels
    assert not labels & {"СМИ", "Интернет", "Паркинсон", "Грэмми", "Власть"}


def test_one_organisation_in_two_scripts_or_under_its_abbreviation(pipeline):
    found = _entities(
        pipeline,
        "В Twitter и в Твиттере пишут о боях. Боевики «Исламского государства» захватили город, "
        "ИГ отступило. Лидер Организации освобождения Палестины (ООП) выступил. ООП заявила.",
    )
    orgs = sorted(label for label, kind in found if kind == "Organization")
    assert orgs.count("Twitter") == 1 and "Твиттер" not in orgs
    assert "ИГ" not in orgs and "Исламское государство" in orgs
    assert "ООП" not in orgs and "Организация освобождения Палестины" in orgs


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("Организация Объединённых Наций", "ООН"),  # ё read as е
        ("Федеральная служба безопасности РФ", "ФСБ"),
        ("ФСБ России", "ФСБ"),
        ("Прокуратура Российской Федерации", "Прокуратура России"),
        ("Управление образования РФ", "Управление образования России"),
        ("Европейский суд по правам человека", "ЕСПЧ"),
        ("Коммерсант", "Коммерсантъ"),
    ],
)
def test_an_organisation_has_one_label_however_russia_and_its_name_are_written(name, label):
    from kg.extract.labels import organisation_label

    assert organisation_label(name) == label


def test_one_organisation_under_its_full_and_short_names(pipeline):
    found = _entities(
        pipeline,
        "Сотрудники Федеральной службы безопасности РФ задержали подозреваемого. "
        "В ФСБ России сообщили подробности. Жалобу подали в Европейский суд по правам "
        "человека; ЕСПЧ её принял.",
    )
    orgs = sorted(label for label, kind in found if kind == "Organization")
    assert orgs.count("ФСБ") == 1 and orgs.count("ЕСПЧ") == 1, orgs
