"""Reading articles: the date header, JSONL records, folders, encodings, HTML and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.io.articles import (
    MAX_CHARS,
    find_inputs,
    parse_txt,
    read_all,
    read_articles,
)
from kg.io.decode import decode

ROOT = Path(__file__).resolve().parent.parent
FACTRU = ROOT / "benchmarks" / "data" / "factru" / "devset"
SENTENCES = [
    "Губернатор встретился с министром.",
    "Мэр Москвы Сергей Собянин открыл парк.",
    "Путин: «Да».",
    "МОСКВА, 10 НОЯБРЯ. Президент России встретился с губернатором.",
    "На прошлой неделе губернатор Кузбасса провёл переговоры с делегацией Белоруссии.",
    "Привет",
    "СССР",
]


def test_date_header_is_read_and_removed():
    a = parse_txt(" date 2025-11-10 На прошлой неделе.", "x")
    assert a.date == "2025-11-10"
    assert a.text == "На прошлой неделе."


def test_text_without_header_is_kept_whole():
    a = parse_txt("Губернатор встретился с министром.", "x")
    assert a.date is None and a.text.startswith("Губернатор")


def test_seed_offsets_are_into_the_text_without_header(seed_article):
    assert seed_article.date == "2025-11-10"
    assert seed_article.text.startswith("На прошлой неделе")


def test_jsonl_records(tmp_path):
    f = tmp_path / "a.jsonl"
    rows = [
        {"id": "n1", "date": "2025-01-02", "title": "T", "text": "Текст один.", "url": "u"},
        {"id": 2, "text": "Текст два."},
    ]
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n\n", "utf-8")
    got = list(read_articles([f]))
    assert [a.id for a in got] == ["n1", "2"]
    assert got[0].date == "2025-01-02" and got[0].title == "T" and got[1].date is None


def test_folder_is_read_in_a_stable_order(tmp_path):
    (tmp_path / "b.txt").write_text("Второй.", "utf-8")
    (tmp_path / "a.txt").write_text("Первый.", "utf-8")
    (tmp_path / "c.HTML").write_text("<p>Третий.</p>", "utf-8")
    (tmp_path / "d.htm").write_text("<p>Четвёртый.</p>", "utf-8")
    (tmp_path / "skip.md").write_text("нет", "utf-8")
    assert [p.name for p in find_inputs([tmp_path])] == ["a.txt", "b.txt", "c.HTML", "d.htm"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"   \n", "empty article"),
        ("header-only.txt", b"date 2025-01-01 ", "empty article"),
        ("bad-date.txt", b"date 2025-13-45 Text", "bad date"),
        ("binary.txt", b"%PDF-1.4\x00\x01\x02", r"not a text file \(PDF\)"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", r"not a text file \(PNG image\)"),
        ("noise.txt", bytes(range(256)) * 8, r"not a text file \(binary data\)"),
        ("english.txt", b"The governor met the minister.", r"not Russian text \(0% Cyrillic"),
        ("digits.txt", b"2025 - 11 - 10", r"not Russian text \(no letters\)"),
        ("broken.jsonl", '{"id": 1, "text": "Текст"}\n{broken\n'.encode(), "broken.jsonl:2"),
        ("notext.jsonl", b'{"id": 1}\n', "no text"),
        ("empty.jsonl", b" \n\n", r"no records \(empty file\)"),
        ("deep.jsonl", b"[" * 100_000 + b"]" * 100_000, r"deep.jsonl:1: not valid JSON \(nested"),
        ("surrogate.jsonl", b'{"id": 1, "text": "\\ud800 \\u0422\\u0435"}', "lone surrogate"),
        ("listid.jsonl", '{"id": [1], "text": "Текст"}'.encode(), "'id' must be a string"),
        ("zip.jsonl", b"PK\x03\x04\x14\x00", r"zip.jsonl: not a text file \(ZIP"),
        ("utf16.jsonl", '{"id": 1, "text": "Текст"}'.encode("utf-16"), "write them in UTF-8"),
    ],
)
def test_bad_input_names_the_file(tmp_path, name, content, message):
    f = tmp_path / name
    f.write_bytes(content)
    with pytest.raises(InputError, match=message) as e:
        list(read_articles([f]))
    assert name in str(e.value) and len(str(e.value).splitlines()) == 1


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1251", "koi8-r"])
@pytest.mark.parametrize("sentence", SENTENCES)
def test_russian_text_is_read_in_its_encoding(sentence, encoding):
    sentence = sentence.replace("«", '"').replace("»", '"') if encoding == "koi8-r" else sentence
    assert decode(sentence.encode(encoding)) == sentence


@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r", "utf-8-sig"])
def test_a_file_in_a_russian_code_page_is_read(tmp_path, seed_article, encoding):
    f = tmp_path / "seed.txt"
    text = seed_article.text.encode(encoding, "replace").decode(encoding)  # KOI8-R has no «»
    f.write_bytes(("date 2025-11-10\r\n" + text).encode(encoding))
    (article,) = read_articles([f])
    assert article.text == text and article.date == "2025-11-10"


def test_a_jsonl_file_in_cp1251_is_read(tmp_path):
    f = tmp_path / "feed.jsonl"
    rows = [{"id": i, "text": s} for i, s in enumerate(SENTENCES[:4])]
    f.write_bytes("\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode("cp1251"))
    assert [a.text for a in read_articles([f])] == SENTENCES[:4]


def test_each_jsonl_line_is_read_in_its_own_encoding(tmp_path):
    f = tmp_path / "feed.jsonl"
    encodings = ["utf-8-sig", "cp1251", "utf-8"]
    lines = [
        json.dumps({"id": i, "text": SENTENCES[i]}, ensure_ascii=False).encode(enc)
        for i, enc in enumerate(encodings)
    ]
    f.write_bytes(b"\n".join([*lines, b'{"id": 9, "text": "\x00\x01\x02"}']))
    items = list(read_all([f]))
    assert [a.text for a in items[:3]] == SENTENCES[:3]
    assert str(items[3]).endswith("feed.jsonl:4: not a text file (binary data)")


def test_a_json_line_with_a_line_separator_in_its_text_is_one_record(tmp_path):
    f = tmp_path / "feed.jsonl"
    f.write_text('{"id": "a", "text": "Первая\u2028вторая."}\n', "utf-8")
    (article,) = read_articles([f])
    assert article.text == "Первая\u2028вторая."


PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Встреча &laquo;в&nbsp;Кемерове&raquo;</title>
<meta property="article:published_time" content="2025-11-10T09:30:00+03:00">
<style>p { color: red }</style>
<script>document.write("<p>Не текст статьи</p>");</script></head>
<body><nav><a href="/">Главная</a></nav>
<h1>Губернатор встретился с министром</h1>
<p>Губернатор Кузбасса Илья&nbsp;Середюк   встретился
с министром Андреем Ивановым.<br>Стороны подписали соглашение &#8212; о сотрудничестве.</p>
<noscript>Включите JavaScript</noscript>
</body></html>
"""
PAGE_TEXT = (
    "Главная\nГубернатор встретился с министром\n"
    "Губернатор Кузбасса Илья Середюк встретился с министром Андреем Ивановым.\n"
    "Стороны подписали соглашение — о сотрудничестве."
)


@pytest.mark.parametrize("name", ["page.html", "page.htm", "page.txt"])
def test_html_gives_its_text_title_and_date(tmp_path, name):
    (tmp_path / name).write_text(PAGE, "utf-8")
    (article,) = read_articles([tmp_path])
    assert article.text == PAGE_TEXT
    assert article.title == "Встреча «в Кемерове»"
    assert article.date == "2025-11-10" and article.id == "page"


def test_html_in_a_code_page_and_in_a_jsonl_record(tmp_path):
    (tmp_path / "a.html").write_bytes(PAGE.replace("utf-8", "windows-1251").encode("cp1251"))
    rec = {"id": "b", "text": PAGE, "title": "Своё"}
    (tmp_path / "b.jsonl").write_text(json.dumps(rec, ensure_ascii=False), "utf-8")
    a, b = read_articles([tmp_path])
    assert a.text == b.text == PAGE_TEXT
    assert (a.title, b.title) == ("Встреча «в Кемерове»", "Своё")


def test_a_fragment_of_markup_in_an_html_file_is_html(tmp_path):
    (tmp_path / "x.html").write_text("Мэр <b>Москвы</b> открыл&nbsp;парк.", "utf-8")
    (article,) = read_articles([tmp_path])
    assert article.text == "Мэр Москвы открыл парк." and article.title is None


def test_angle_brackets_in_plain_text_are_not_html():
    text = "Курс вырос: 1 < 2 > 0, а <<кавычки>> остались."
    assert parse_txt(text, "x").text == text


def test_an_article_over_the_size_limit_is_skipped(tmp_path):
    f = tmp_path / "huge.txt"
    f.write_text("Текст статьи. " * (MAX_CHARS // 10), "utf-8")
    with pytest.raises(InputError, match=r"huge.txt: too long \(1,400,000 characters"):
        list(read_articles([f]))


def test_a_mostly_latin_text_is_not_russian():
    with pytest.raises(InputError, match=r"x: not Russian text \(3% Cyrillic letters\)"):
        parse_txt("Да " + "word " * 15, "x")


def test_the_seed_and_every_factru_text_are_read_as_russian(seed_article):
    files = sorted(FACTRU.glob("*.txt"))
    assert len(files) == 122
    assert [a.text for a in read_articles(files)] == [f.read_text("utf-8") for f in files]


def test_missing_path(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        find_inputs([tmp_path / "nope.txt"])
