"""Reading articles from text and HTML files, JSONL records and folders; what cannot be read
is named with its reason, and the rest is read on."""

from __future__ import annotations

import codecs
import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from kg.errors import InputError
from kg.io.decode import MIN_CYRILLIC_SHARE, DecodeError, binary_kind, cyrillic_share, decode
from kg.io.html import html_text, looks_like_html
from kg.io.structure import dateline, headline, strip_markup, unwrap
from kg.model import Article, one_script

__all__ = [
    "MAX_CHARS",
    "MAX_BYTES",
    "SUFFIXES",
    "read_articles",
    "read_all",
    "read_file",
    "read_file_items",
    "parse_txt",
    "find_inputs",
    "count_records",
]

MAX_CHARS = 1_000_000
"""The longest article text read, in characters: natasha takes minutes and gigabytes on more."""
MAX_BYTES = 16_000_000
"""The largest file (or JSONL line) read, in bytes: room for an HTML page's markup."""
SUFFIXES = (".txt", ".jsonl", ".html", ".htm")
_HTML_SUFFIXES = (".html", ".htm")
# UTF-16's byte order marks (UTF-32 LE's starts like UTF-16 LE's) and UTF-32 BE's
_WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)

_DATE_HEADER = re.compile(r"^\s*date\s+(\S+)\s*", re.IGNORECASE)


def _check_date(value: str, where: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise InputError(f"{where}: bad date {value!r} (expected YYYY-MM-DD)") from None


def _check_unicode(value: str, what: str, where: str) -> None:
    """Refuse a string that cannot be written as UTF-8 (a lone surrogate from a JSON escape)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as e:
        raise InputError(
            f"{where}: {what} is not valid Unicode (a lone surrogate at character {e.start})"
        ) from None


def _check_text(text: str, where: str) -> None:
    """Refuse an article text that is empty, too long, not Unicode or not Russian."""
    if not text.strip():
        raise InputError(f"{where}: empty article")
    if len(text) > MAX_CHARS:
        raise InputError(
            f"{where}: too long ({len(text):,} characters; the limit is {MAX_CHARS:,})"
        )
    _check_unicode(text, "the text", where)
    share = cyrillic_share(text)
    if share < MIN_CYRILLIC_SHARE:
        letters = any(c.isalpha() for c in text)
        what = f"{share:.0%} Cyrillic letters" if letters else "no letters"
        raise InputError(f"{where}: not Russian text ({what})")


def _read_bytes(path: Path) -> bytes:
    try:
        with path.open("rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or e})") from None
    if len(data) > MAX_BYTES:
        raise InputError(f"{path}: too large (over {MAX_BYTES:,} bytes)")
    return data


def _decode(data: bytes, where: str) -> str:
    try:
        return decode(data)
    except DecodeError as e:
        raise InputError(f"{where}: {e}") from None


def _html_date(value: str | None) -> str | None:
    """A `<meta>` publication date as YYYY-MM-DD, None when it is not one."""
    try:
        return dt.date.fromisoformat((value or "")[:10]).isoformat()
    except ValueError:
        return None


def parse_txt(
    raw: str,
    article_id: str,
    source: str | None = None,
    html: bool | None = None,
    where: str | None = None,
) -> Article:
    """An article from the text of a file, reading an optional `date YYYY-MM-DD` header;
    HTML (`html`, or by its look when None) gives its text, its `<title>` and a `<meta>`
    date the header does not give; else a first line that reads as a headline is the title
    and a dateline among the first lines the date (see `kg.io.structure`); problems name
    `where` (else the source, else the id)."""
    where = where or source or article_id
    date = title = None
    m = _DATE_HEADER.match(raw)
    if m:
        date = _check_date(m.group(1), where)
        raw = raw[m.end() :]
    if html or (html is None and looks_like_html(raw)):
        page = html_text(raw)
        raw, title, date = page.text, page.title, date or _html_date(page.date)
    raw, title, date = _structure(raw, title, date)
    _check_text(raw, where)
    if title:
        _check_unicode(title, "the title", where)
    return Article(id=article_id, text=raw, date=date, title=title, source=source)


def _structure(
    text: str, title: str | None, date: str | None
) -> tuple[str, str | None, str | None]:
    """The text with its markup blanked and wrapped lines joined, and the title and date it
    gives where none was given (headline, dateline)."""
    # lookalike letters of another script folded into a word's own, letter for letter, so that
    # "Пyтин" with a Latin y is read as Путин and every offset stays
    text = one_script(unwrap(strip_markup(text)))
    title = one_script(title) if title else title
    return text, title or headline(text), date or dateline(text)


def _string(rec: dict, field: str, where: str) -> str | None:
    value = rec.get(field)
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise InputError(f"{where}: {field!r} must be a string")
    _check_unicode(str(value), repr(field), where)
    return str(value)


def _jsonl_record(line: str, where: str, source: str) -> Article:
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as e:
        raise InputError(f"{where}: not valid JSON ({e.msg})") from None
    except RecursionError:
        raise InputError(f"{where}: not valid JSON (nested too deeply)") from None
    if not isinstance(rec, dict):
        raise InputError(f"{where}: a record must be a JSON object")
    body = rec.get("text")
    if not isinstance(body, str) or not body.strip():
        raise InputError(f"{where}: record has no text")
    article_id = _string(rec, "id", where)
    if article_id is None:
        raise InputError(f"{where}: record has no id")
    date = _string(rec, "date", where)
    title = _string(rec, "title", where)
    page = html_text(body) if looks_like_html(body) else None
    if page is not None:
        body, title = page.text, title or page.title
        date = date or _html_date(page.date)
    date = date[:10] if date else None
    body, title, date = _structure(body, title, date)
    _check_text(body, where)
    return Article(
        id=article_id,
        text=body,
        date=_check_date(date, where) if date else None,
        title=title,
        url=_string(rec, "url", where),
        source=source,
    )


def _lines(f: BinaryIO) -> Iterator[bytes | None]:
    """The lines of a file, None in place of one longer than MAX_BYTES (read past, not kept)."""
    while line := f.readline(MAX_BYTES + 1):
        if len(line) > MAX_BYTES:
            while (rest := f.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def _jsonl_articles(path: Path, source: str) -> Iterator[Article | InputError]:
    """The records of a JSONL file, one InputError for each line that is not an article; each
    line is read as UTF-8, or in the Russian code page it reads best in."""
    try:
        f = path.open("rb")
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or e})") from None
    with f:
        head = f.read(8)
        kind = binary_kind(head)
        if kind:
            raise InputError(f"{path}: not a text file ({kind})")
        if head.startswith(_WIDE_BOMS):
            raise InputError(f"{path}: JSON lines in UTF-16 or UTF-32 (write them in UTF-8)")
        f.seek(0)
        records = 0
        for n, data in enumerate(_lines(f), 1):
            where = f"{path}:{n}"
            if data is None:
                yield InputError(f"{where}: line too long (over {MAX_BYTES:,} bytes)")
                records += 1
                continue
            if not data.strip():
                continue
            records += 1
            try:
                yield _jsonl_record(_decode(data, where), where, f"{source}:{n}")
            except InputError as e:
                yield e
    if not records:
        raise InputError(f"{path}: no records (empty file)")


def find_inputs(paths: list[Path]) -> list[Path]:
    """Every `.txt`/`.jsonl`/`.html`/`.htm` file named or found under the folders named, in a
    stable order."""
    return [f for f, _ in _inputs(paths)]


def _inputs(paths: list[Path]) -> list[tuple[Path, str]]:
    """Every input file with its path below the folder named (a file named: its name alone),
    the `source` its articles carry, so that no local path reaches the graph."""
    files: list[tuple[Path, str]] = []
    for p in paths:
        if not p.exists():
            raise InputError(f"{p}: no such file or folder")
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
            if not found:
                raise InputError(f"{p}: no {', '.join(SUFFIXES)} files in this folder")
            files.extend((f, f.relative_to(p).as_posix()) for f in found)
        else:
            files.append((p, p.name))
    return files


def read_file(path: Path) -> Iterator[Article]:
    """The articles in one file: a `.jsonl` file holds many, any other file is one text.
    The first problem raises InputError."""
    for item in read_file_items(path):
        if isinstance(item, InputError):
            raise item
        yield item


def read_file_items(path: Path, source: str | None = None) -> Iterator[Article | InputError]:
    """The articles in one file, and in their place an InputError for each one that cannot
    be read (a JSONL file goes on after a broken line); `source` (the file's name unless
    given) is what the articles say they were read from, problems name the path."""
    source = source or path.name
    try:
        if path.suffix.lower() == ".jsonl":
            yield from _jsonl_articles(path, source)
        else:
            text = _decode(_read_bytes(path), str(path))
            html = True if path.suffix.lower() in _HTML_SUFFIXES else None
            yield parse_txt(text, path.stem, source, html, where=str(path))
    except InputError as e:
        yield e


def read_all(paths: list[Path]) -> Iterator[Article | InputError]:
    """Every article under the given files and folders, problems in their place; a later
    article with an id already read is a problem too."""
    seen: dict[str, str] = {}
    for f, source in _inputs(paths):
        for item in read_file_items(f, source):
            if isinstance(item, Article):
                where = f"{f}{(item.source or source).removeprefix(source)}"  # the local path
                if item.id in seen:
                    item = InputError(
                        f"{where}: duplicate id {item.id!r} (first in {seen[item.id]})"
                    )
                else:
                    seen[item.id] = where
            yield item


def read_articles(paths: list[Path]) -> Iterator[Article]:
    """All articles under the given files and folders (the first problem raises).

    >>> seeds = Path(__file__).parents[2] / "seeds"  # the checkout's seed article
    >>> [a.date for a in read_articles([seeds])]
    ['2025-11-10']
    """
    for item in read_all(paths):
        if isinstance(item, InputError):
            raise item
        yield item


def count_records(paths: list[Path]) -> int:
    """How many articles the inputs hold at most (a JSONL file: its non-blank lines), read
    without parsing, for the progress bar."""
    total = 0
    for f in find_inputs(paths):
        if f.suffix == ".jsonl":
            with f.open("rb") as lines:
                total += sum(1 for line in lines if line.strip())
        else:
            total += 1
    return total
