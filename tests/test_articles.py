"""Reading articles: the date header, JSONL records, folders and bad input."""

from __future__ import annotations

import json

import pytest

from kg.articles import InputError, find_inputs, parse_txt, read_articles


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
    (tmp_path / "skip.md").write_text("нет", "utf-8")
    assert [p.name for p in find_inputs([tmp_path])] == ["a.txt", "b.txt"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"   \n", "empty article"),
        ("header-only.txt", b"date 2025-01-01 ", "empty article"),
        ("bad-date.txt", b"date 2025-13-45 Text", "bad date"),
        ("binary.txt", b"%PDF-1.4\x00\x01\x02", "not a text file"),
        ("latin1.txt", "Привет".encode("cp1251"), "not UTF-8"),
        ("broken.jsonl", b'{"id": 1, "text": "a"}\n{broken\n', "broken.jsonl:2"),
        ("notext.jsonl", b'{"id": 1}\n', "no text"),
    ],
)
def test_bad_input_names_the_file(tmp_path, name, content, message):
    f = tmp_path / name
    f.write_bytes(content)
    with pytest.raises(InputError, match=message) as e:
        list(read_articles([f]))
    assert name in str(e.value)


def test_missing_path(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        find_inputs([tmp_path / "nope.txt"])
