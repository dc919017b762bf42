"""A folder of hostile input through the real `kg build`: every bad file skipped with its one
reason, the good articles built exactly as from clean UTF-8 copies, nothing crashing."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, URIRef

from kg.io.articles import MAX_CHARS

SOURCE_FILE = URIRef("https://w3id.org/kg-ru/ontology#sourceFile")

pytestmark = pytest.mark.slow

# The good articles: id → (date, title, text). Their entities differ, so no article's labels
# depend on which others were built before it.
GOOD = {
    "a": (
        "2025-11-10",
        None,
        "Губернатор Кузбасса Илья Середюк встретился в Кемерове с первым заместителем министра "
        "промышленности Республики Беларусь Андреем Конюшко. Стороны подписали соглашение о "
        "сотрудничестве.",
    ),
    "b": (
        None,
        None,
        "Мэр Москвы Сергей Собянин открыл новый парк. На церемонии присутствовал министр "
        "культуры России Ольга Любимова.",
    ),
    "c": (
        "2025-06-02",
        None,
        "Президент Александр Лукашенко провёл переговоры с губернатором Тульской области "
        "Дмитрием Миляевым в Минске.",
    ),
    "d": (
        "2025-03-14",
        "Встреча в Новосибирске",
        "Губернатор Новосибирской области Андрей Травников встретился с председателем "
        "правления «Газпрома» Алексеем Миллером.\nСтороны обсудили газификацию региона.",
    ),
    "e [/]": (
        "2025-01-20",
        "Соглашение",
        "Глава Сбербанка Герман Греф и министр финансов Антон Силуанов подписали соглашение.",
    ),
    "f": (
        None,
        None,
        "Министр иностранных дел Сергей Лавров встретился в Пекине с министром иностранных дел "
        "Китая Ван И.",
    ),
}
HUGE_CHARS = 5_300_000  # about 10 MB of UTF-8


def _html(date: str, title: str, text: str) -> str:
    paragraphs = "".join(f"<p>{p.replace('«', '&laquo;').replace('»', '&raquo;')}</p>\n"
                         for p in text.split("\n"))  # fmt: skip
    return (
        "<!DOCTYPE html>\n<html><head><meta charset='utf-8'>"
        f"<title>{title}</title><meta name='date' content='{date}'>"
        "<script>var ad = '<p>Реклама</p>';</script><style>p{margin:0}</style></head>\n"
        f"<body>\n{paragraphs}</body></html>\n"
    )


def _record(article_id: str, **fields: object) -> str:
    return json.dumps({"id": article_id, **fields}, ensure_ascii=False)


def write_corpus(folder: Path) -> list[tuple[str, str]]:
    """Write the hostile folder; the skips expected, in reading order: (where, reason)."""
    a, b, c, d, e, f = GOOD.values()
    files: dict[str, bytes] = {
        "a.txt": f"date {a[0]}\n{a[2]}".encode(),
        "b.txt": b[2].encode("utf-8-sig"),
        "c.txt": f"date {c[0]}\r\n{c[2]}".encode("cp1251"),
        "d.html": _html(d[0], d[1], d[2]).encode(),
        "f.txt": f[2].encode("koi8-r"),
        "empty.txt": b"",
        "blank.txt": b"  \n\t \r\n",
        "header-only.txt": b"date 2025-01-01\n",
        "bad-date.txt": "date 2025-13-45\nГубернатор встретился с министром.".encode(),
        "report.txt": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
        "photo.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",
        "archive.jsonl": b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
        "noise.htm": random.Random(8).randbytes(4096),
        "controls.txt": ("Текст" + "\x01\x02\x03\x1b" * 20).encode(),
        "nul.txt": "Губернатор\x00встретился\x00с министром.".encode(),
        "bad-bom.txt": b"\xef\xbb\xbf" + "Текст".encode() + b"\xff\xfe\xc0",
        "english.txt": b"The governor of Kuzbass met the Belarusian deputy minister.",
        "mostly-latin.txt": ("Да " + "word " * 15).encode(),
        "chinese.txt": "州长会见了白俄罗斯工业部副部长，双方签署了合作协议。".encode("gb18030"),
        "scripts-only.html": b"<html><script>alert(1)</script><style>p{}</style></html>",
        "huge.txt": ("Текст. " * (HUGE_CHARS // 7)).encode(),
        "empty.jsonl": b"\n \n",
        "utf16.jsonl": _record("u", text="Текст").encode("utf-16"),
        "sub/a.txt": "Другой текст с тем же именем файла.".encode(),
        "scan.pdf": b"%PDF-1.4 not read: folders give only .txt, .jsonl, .html and .htm",
        "[red]markup.txt": b"   ",
    }
    feed = [
        "{broken",
        _record("e [/]", text=e[2], date=e[0], title=e[1]),
        "",
        _record("no-text"),
        _record("number", text=42),
        _record("a", text="Дубль статьи a."),
        json.dumps({"text": "Запись без id."}, ensure_ascii=False),
        "[1, 2, 3]",
        "[" * 50_000 + "]" * 50_000,
        '{"id": "s", "text": "Текст \\ud800 с одинокой половиной."}',
        _record("bad-date", text="Текст с плохой датой.", date="2025-02-30"),
        _record("latin", text="Only English here."),
    ]
    files["feed.jsonl"] = ("\n".join(feed) + "\n").encode()
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    huge = len("Текст. " * (HUGE_CHARS // 7))
    skips = {
        "archive.jsonl": "not a text file (ZIP archive or office document)",
        "bad-bom.txt": "not valid UTF-8 text",
        "bad-date.txt": "bad date '2025-13-45' (expected YYYY-MM-DD)",
        "blank.txt": "empty article",
        "chinese.txt": "not Russian text (0% Cyrillic letters)",
        "controls.txt": "not a text file (binary data)",
        "empty.jsonl": "no records (empty file)",
        "empty.txt": "empty article",
        "english.txt": "not Russian text (0% Cyrillic letters)",
        "feed.jsonl:1": "not valid JSON (Expecting property name enclosed in double quotes)",
        "feed.jsonl:4": "record has no text",
        "feed.jsonl:5": "record has no text",
        "feed.jsonl:6": f"duplicate id 'a' (first in {folder / 'a.txt'})",
        "feed.jsonl:7": "record has no id",
        "feed.jsonl:8": "a record must be a JSON object",
        "feed.jsonl:9": "not valid JSON (nested too deeply)",
        "feed.jsonl:10": "the text is not valid Unicode (a lone surrogate at character 6)",
        "feed.jsonl:11": "bad date '2025-02-30' (expected YYYY-MM-DD)",
        "feed.jsonl:12": "not Russian text (0% Cyrillic letters)",
        "header-only.txt": "empty article",
        "huge.txt": f"too long ({huge:,} characters; the limit is {MAX_CHARS:,})",
        "mostly-latin.txt": "not Russian text (3% Cyrillic letters)",
        "noise.htm": "not a text file (binary data)",
        "nul.txt": "not a text file (binary data)",
        "[red]markup.txt": "empty article",
        "photo.txt": "not a text file (PNG image)",
        "report.txt": "not a text file (PDF)",
        "scripts-only.html": "empty article",
        "sub/a.txt": f"duplicate id 'a' (first in {folder / 'a.txt'})",
        "utf16.jsonl": "JSON lines in UTF-16 or UTF-32 (write them in UTF-8)",
    }
    order = sorted(p for p in folder.rglob("*") if p.is_file())
    rank = {str(p.relative_to(folder)): i for i, p in enumerate(order)}
    return sorted(skips.items(), key=lambda s: (rank[s[0].split(":")[0]], len(s[0]), s[0]))


def write_clean(folder: Path) -> None:
    """The good articles as one plain UTF-8 JSONL file, in the order the hostile folder
    gives them."""
    lines = [
        _record(k, text=text, **({"date": date} if date else {}), **({"title": t} if t else {}))
        for k, (date, t, text) in sorted(GOOD.items(), key=lambda kv: "abcdfe".index(kv[0][0]))
    ]
    (folder / "clean.jsonl").write_text("\n".join(lines) + "\n", "utf-8")


def kg(*args: str) -> subprocess.CompletedProcess:
    """The real `kg` command in a child process."""
    return subprocess.run(
        [sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=300
    )


def _quads(store: Path) -> set[tuple]:
    """Every quad of a store but the source file's name (kg:sourceFile), from its N-Quads export."""
    res = kg("export", "--format", "nquads", "--store", str(store))
    assert res.returncode == 0, res.stderr
    ds = Dataset()
    ds.parse(data=res.stdout, format="nquads")
    return {
        (s, p, o, str(g.identifier) if hasattr(g, "identifier") else str(g))
        for s, p, o, g in ds.quads((None, None, None, None))
        if p != SOURCE_FILE
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, list[tuple[str, str]]]:
    folder = tmp_path_factory.mktemp("hostile")
    return folder, write_corpus(folder)


def test_every_bad_file_is_skipped_with_its_reason_and_the_good_are_built(corpus, tmp_path_factory):
    folder, skips = corpus
    store = tmp_path_factory.mktemp("stores") / "hostile"
    res = kg("build", str(folder), "--store", str(store))
    assert "Traceback" not in res.stderr
    assert res.returncode == 1, res.stderr
    lines = [line for line in res.stderr.splitlines() if line.startswith("skipped:")]
    assert lines == [f"skipped: {folder / where}: {reason}" for where, reason in skips]
    assert f"{len(skips)} article(s) skipped" in res.stderr.splitlines()
    assert f"built {len(GOOD)} article(s) into {store}: " in res.stdout
    assert "scan.pdf" not in res.stderr

    clean_folder = tmp_path_factory.mktemp("clean")
    write_clean(clean_folder)
    clean_store = tmp_path_factory.mktemp("stores") / "clean"
    clean = kg("build", str(clean_folder), "--store", str(clean_store))
    assert clean.returncode == 0, clean.stderr
    assert _quads(store) == _quads(clean_store)


def test_strict_stops_at_the_first_bad_file_with_one_line(corpus, tmp_path):
    folder, skips = corpus
    res = kg("build", str(folder), "--store", str(tmp_path / "kg"), "--strict")
    assert res.returncode == 2
    where, reason = skips[0]
    assert res.stderr.splitlines() == [f"error: {folder / where}: {reason}"]
