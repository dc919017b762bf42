"""The structure of a news text as files hold it: a headline on the first line, a dateline
under it, image captions and wiki markup, paragraphs hard-wrapped at a fixed width.

Every change here keeps the text's length, so offsets into the file and into the text kg reads
stay the same: markup is blanked out, a soft line break inside a sentence becomes a space.
Everything else about lines is the parser's business: a sentence never runs across a line
break, so a headline, a caption or a dateline stands alone.

>>> unwrap("Губернатор Кузбасса Илья Середюк\\nвстретился с министром.")
'Губернатор Кузбасса Илья Середюк встретился с министром.'
>>> strip_markup("thumb|left|Станция метро [http://x.ru/a Войковская]")
'           Станция метро                Войковская '
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["unwrap", "strip_markup", "headline", "dateline", "MONTHS"]

MONTHS = {
    "января": 1,
    "февраля": 2,
    "марта": 3,
    "апреля": 4,
    "мая": 5,
    "июня": 6,
    "июля": 7,
    "августа": 8,
    "сентября": 9,
    "октября": 10,
    "ноября": 11,
    "декабря": 12,
}

# A line break inside a sentence: the line does not end a sentence, the next goes on in
# lower case ("…Илья Середюк\nвстретился…").
_SOFT_BREAK = re.compile(r"(?<=[^\s.!?…:;])([ \t]*)(\r?\n)(?=[ \t]*[a-zа-яё])")
# Wiki markup: an image's options before its caption, a link's address before its text.
_IMAGE = re.compile(r"(?m)^(?:thumb|miniatur|мини|left|right|center|\d+px)(?:\|[^|\n]*?)*\|")
_LINK = re.compile(r"\[(https?://[^\s\]]+)(\s*)([^\]\n]*)\]")
_HEADLINE_MAX = 200
_DATE_LINES = 4  # a dateline is among the first lines
_DATES = [
    # 05/08/2008 10:35, 05.08.2008 (day first, as Russian sources write it)
    (
        re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?)?"),
        lambda m: (int(m[3]), int(m[2]), int(m[1])),
    ),
    # 2008-08-05, 2008-08-05T10:35:00+03:00
    (
        re.compile(
            r"(\d{4})-(\d{2})-(\d{2})"
            r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
        ),
        lambda m: (int(m[1]), int(m[2]), int(m[3])),
    ),
    # 5 августа 2008 года, 5 августа 2008 г., 5 августа 2008, 10:35
    (
        re.compile(
            r"(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+(\d{4})(?:\s*(?:года|г\.))?"
            r"(?:,?\s+\d{1,2}:\d{2})?",
            re.IGNORECASE,
        ),
        lambda m: (int(m[3]), MONTHS[m[2].lower()], int(m[1])),
    ),
]


def unwrap(text: str) -> str:
    """A hard-wrapped paragraph read as one: a line break inside a sentence is a space."""
    return _SOFT_BREAK.sub(lambda m: m[1] + " " * len(m[2]), text)


def strip_markup(text: str) -> str:
    """Wiki markup blanked out: an image's options ("thumb|left|") and a link's address
    ("[http://… text]" keeps the text)."""
    text = _IMAGE.sub(lambda m: " " * len(m[0]), text)
    return _LINK.sub(lambda m: " " * (len(m[1]) + len(m[2]) + 1) + m[3] + " ", text)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def dateline(text: str) -> str | None:
    """The date of a line among the first ones that holds a date and nothing else
    (`05/08/2008 10:35`, `2008-08-05`, `5 августа 2008 года`, an ISO timestamp), ISO.

    >>> dateline("Выборы в Эквадоре\\n05/08/2008 10:35\\nПрезидент выступил.")
    '2008-08-05'
    """
    for line in _lines(text)[:_DATE_LINES]:
        for pattern, parts in _DATES:
            m = pattern.fullmatch(line)
            if m is None:
                continue
            try:
                return dt.date(*parts(m)).isoformat()
            except ValueError:
                return None
    return None


def headline(text: str) -> str | None:
    """The first line when it reads as a headline: short, not ending a sentence with a full
    stop, and followed by more lines of text.

    >>> headline("Путин встретился с Лукашенко\\nВстреча прошла в Минске.")
    'Путин встретился с Лукашенко'
    """
    lines = _lines(text)
    if len(lines) < 2:
        return None
    first = lines[0]
    if len(first) > _HEADLINE_MAX or first.endswith((".", ",", ";", ":")) or dateline(first):
        return None
    if not any(c.isalpha() for c in first):
        return None
    return first
