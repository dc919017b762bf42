"""An article's lines stay apart: a headline, a caption or a credit never joins the sentence
after it, and a name never runs across a line break."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_no_sentence_crosses_a_line_break(pipeline):
    from kg.nlp import parse

    text = "Выборы в Эквадоре\nПрезидент Эквадора Рафаэль Корреа\nвыступил в Кито. Он доволен."
    parsed = parse(text, pipeline)
    assert [s.text for s in parsed.sentences] == [
        "Выборы в Эквадоре",
        "Президент Эквадора Рафаэль Корреа",
        "выступил в Кито.",
        "Он доволен.",
    ]


def test_a_name_ending_a_line_and_one_opening_the_next_are_two(pipeline):
    from kg.extract import extract
    from kg.model import Article

    text = "Интервью: Рафаэль Корреа\nЭдвард Сноуден прибыл в Москву."
    people = {e.label for e in extract(Article(id="t", text=text), pipeline).entities.values()}
    assert {"Рафаэль Корреа", "Эдвард Сноуден"} <= people
    assert not any("Корреа" in p and "Сноуден" in p for p in people)


def test_a_credit_line_does_not_glue_to_the_quote_after_it(extract_text):
    text = (
        "Автобус собран в Минске. Фото: Анна Сивохина\n\n«Встреча губернатора Ивана Петрова и "
        "министра Андрея Сидорова – событие года», – сказал эксперт."
    )
    rows = extract_text(text)
    assert all("\n" not in r["evidence"]["text"] for r in rows)
    assert any(
        r["predicate"] == "met"
        and {r["subject"]["label"], r["object"]["label"]} == {"Иван Петров", "Андрей Сидоров"}
        for r in rows
    )


@pytest.mark.parametrize(
    ("raw", "title", "date"),
    [
        (
            "Путин встретился с Лукашенко\n05/08/2008 10:35\nВстреча прошла.",
            "Путин встретился с Лукашенко",
            "2008-08-05",
        ),
        ("Заголовок статьи\n2008-08-05\nТекст статьи.", "Заголовок статьи", "2008-08-05"),
        ("Заголовок статьи\n5 августа 2008 года\nТекст статьи.", "Заголовок статьи", "2008-08-05"),
        (
            "Заголовок статьи\n2008-08-05T10:35:00+03:00\nТекст статьи.",
            "Заголовок статьи",
            "2008-08-05",
        ),
        ("Текст статьи, одна строка.", None, None),
        ("Первая фраза кончается точкой.\nВторая строка.", None, None),
        ("Заголовок\n31/02/2008 10:35\nТекст статьи.", "Заголовок", None),
    ],
)
def test_a_headline_and_a_dateline_are_the_title_and_date(raw, title, date):
    from kg.io.articles import parse_txt

    article = parse_txt(raw, "a")
    assert (article.title, article.date) == (title, date)
    assert article.text == raw  # read in place: the lines stay in the text


def test_a_header_date_wins_over_a_dateline():
    from kg.io.articles import parse_txt

    article = parse_txt("date 2020-01-02\nЗаголовок\n05/08/2008 10:35\nТекст статьи.", "a")
    assert article.date == "2020-01-02"


def test_a_jsonl_title_and_date_win(tmp_path):
    import json

    from kg.io.articles import read_file

    f = tmp_path / "a.jsonl"
    rec = {"id": "x", "title": "Свой заголовок", "text": "Другой заголовок\n05/08/2008\nТекст."}
    f.write_text(json.dumps(rec, ensure_ascii=False) + "\n", "utf-8")
    (article,) = read_file(f)
    assert (article.title, article.date) == ("Свой заголовок", "2008-08-05")


def test_wiki_markup_is_blanked_in_place():
    from kg.io.articles import parse_txt

    raw = "Заголовок\nthumb|left|Станция метро\nВ [http://example.ru/a сообщении] сказано."
    article = parse_txt(raw, "a")
    assert len(article.text) == len(raw)
    assert "thumb" not in article.text and "http" not in article.text
    assert "Станция метро" in article.text and "сообщении" in article.text
