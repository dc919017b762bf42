"""Reading articles from `.txt` files, JSONL records and folders."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

from kg.model import Article

__all__ = [
    "InputError",
    "read_articles",
    "read_all",
    "read_file",
    "read_file_items",
    "parse_txt",
    "find_inputs",
]

_DATE_HEADER = re.compile(r"^\s*date\s+(\S+)\s*", re.IGNORECASE)
_SUFFIXES = (".txt", ".jsonl")


class InputError(Exception):
    """An input that cannot be read as articles; the message names the file."""


def _check_date(value: str, where: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise InputError(f"{where}: bad date {value!r} (expected YYYY-MM-DD)") from None


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise InputError(f"{path}: not a text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None


def parse_txt(raw: str, article_id: str, source: str | None = None) -> Article:
    """An article from the text of a `.txt` file, reading an optional `date YYYY-MM-DD` header."""
    where = source or article_id
    date = None
    m = _DATE_HEADER.match(raw)
    if m:
        date = _check_date(m.group(1), where)
        raw = raw[m.end() :]
    if not raw.strip():
        raise InputError(f"{where}: empty article")
    return Article(id=article_id, text=raw, date=date, source=source)


def _jsonl_record(line: str, where: str) -> Article:
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as e:
        raise InputError(f"{where}: not valid JSON ({e.msg})") from None
    if not isinstance(rec, dict):
        raise InputError(f"{where}: a record must be a JSON object")
    body = rec.get("text")
    if not isinstance(body, str) or not body.strip():
        raise InputError(f"{where}: record has no text")
    if rec.get("id") in (None, ""):
        raise InputError(f"{where}: record has no id")
    date = rec.get("date")
    return Article(
        id=str(rec["id"]),
        text=body,
        date=_check_date(str(date)[:10], where) if date else None,
        title=rec.get("title"),
        url=rec.get("url"),
        source=where,
    )


def _jsonl_articles(path: Path) -> Iterator[Article | InputError]:
    text = _read_text(path)
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                yield _jsonl_record(line, f"{path}:{n}")
            except InputError as e:
                yield e


def find_inputs(paths: list[Path]) -> list[Path]:
    """Every `.txt`/`.jsonl` file named or found under the folders named, in a stable order."""
    files: list[Path] = []
    for p in paths:
        if not p.exists():
            raise InputError(f"{p}: no such file or folder")
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix in _SUFFIXES)
            if not found:
                raise InputError(f"{p}: no .txt or .jsonl files in this folder")
            files.extend(found)
        else:
            files.append(p)
    return files


def read_file(path: Path) -> Iterator[Article]:
    """The articles in one file: a `.jsonl` file holds many, any other file is one text.
    The first problem raises InputError."""
    for item in read_file_items(path):
        if isinstance(item, InputError):
            raise item
        yield item


def read_file_items(path: Path) -> Iterator[Article | InputError]:
    """The articles in one file, and in their place an InputError for each one that cannot
    be read (a JSONL file goes on after a broken line)."""
    try:
        if path.suffix == ".jsonl":
            yield from _jsonl_articles(path)
        else:
            yield parse_txt(_read_text(path), path.stem, str(path))
    except InputError as e:
        yield e


def read_all(paths: list[Path]) -> Iterator[Article | InputError]:
    """Every article under the given files and folders, problems in their place; a later
    article with an id already read is a problem too."""
    seen: dict[str, str] = {}
    for f in find_inputs(paths):
        for item in read_file_items(f):
            if isinstance(item, Article):
                if item.id in seen:
                    item = InputError(
                        f"{item.source}: duplicate id {item.id!r} (first in {seen[item.id]})"
                    )
                else:
                    seen[item.id] = item.source or item.id
            yield item


def read_articles(paths: list[Path]) -> Iterator[Article]:
    """All articles under the given files and folders (the first problem raises)."""
    for item in read_all(paths):
        if isinstance(item, InputError):
            raise item
        yield item
