"""Time expressions in Russian, resolved against the article's date into ISO 8601."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["Timex", "find_times"]

MONTHS = {
    "январ": 1,
    "феврал": 2,
    "март": 3,
    "апрел": 4,
    "ма": 5,
    "июн": 6,
    "июл": 7,
    "август": 8,
    "сентябр": 9,
    "октябр": 10,
    "ноябр": 11,
    "декабр": 12,
}
WEEKDAYS = {
    "понедельник": 0,
    "вторник": 1,
    "среду": 2,
    "среда": 2,
    "четверг": 3,
    "пятницу": 4,
    "пятница": 4,
    "субботу": 5,
    "суббота": 5,
    "воскресенье": 6,
}
_MONTH_RE = (
    r"(январ[ья]|феврал[ья]|марта?|апрел[ья]|ма[йя]|июн[ья]|июл[ья]|августа?"
    r"|сентябр[ья]|октябр[ья]|ноябр[ья]|декабр[ья])"
)
_MONTH_LOC = r"(январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре|ноябре|декабре)"


@dataclass(frozen=True)
class Timex:
    """A time expression: where it stands in the text and what it means."""

    start: int
    end: int
    text: str
    value: str


def _month_number(word: str) -> int:
    w = word.lower()
    for stem, n in sorted(MONTHS.items(), key=lambda kv: -len(kv[0])):
        if w.startswith(stem):
            return n
    raise ValueError(word)


def _week(day: dt.date, shift: int) -> str:
    monday = day - dt.timedelta(days=day.weekday()) + dt.timedelta(weeks=shift)
    return f"{monday.isoformat()}/{(monday + dt.timedelta(days=6)).isoformat()}"


def _past_month(month: int, anchor: dt.date) -> str:
    year = anchor.year if month <= anchor.month else anchor.year - 1
    return f"{year:04d}-{month:02d}"


def _rules(anchor: dt.date | None):
    """(pattern, resolver) pairs; resolvers return an ISO string or None."""

    def need(fn):
        return (lambda m: fn(m)) if anchor else (lambda m: None)

    return [
        (
            rf"\b(\d{{1,2}})\s+{_MONTH_RE}\s+(\d{{4}})(?:\s*(?:года|г\.))?",
            lambda m: _iso_day(int(m.group(3)), _month_number(m.group(2)), int(m.group(1))),
        ),
        (
            r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b",
            lambda m: _iso_day(int(m.group(3)), int(m.group(2)), int(m.group(1))),
        ),
        (
            r"\b(\d{4})-(\d{2})-(\d{2})\b",
            lambda m: _iso_day(int(m.group(1)), int(m.group(2)), int(m.group(3))),
        ),
        (
            rf"\b(\d{{1,2}})\s+{_MONTH_RE}\b",
            need(lambda m: _past_day(_month_number(m.group(2)), int(m.group(1)), anchor)),
        ),
        (
            rf"\bв\s+{_MONTH_LOC}\s+(\d{{4}})\s+года",
            lambda m: f"{int(m.group(2)):04d}-{_month_number(m.group(1)):02d}",
        ),
        (rf"\bв\s+{_MONTH_LOC}\b", need(lambda m: _past_month(_month_number(m.group(1)), anchor))),
        (r"\bв\s+(\d{4})\s+году\b", lambda m: m.group(1)),
        (r"\bна\s+прошлой\s+неделе\b", need(lambda m: _week(anchor, -1))),
        (r"\bна\s+(?:этой|текущей)\s+неделе\b", need(lambda m: _week(anchor, 0))),
        (r"\bна\s+(?:следующей|будущей)\s+неделе\b", need(lambda m: _week(anchor, 1))),
        (
            r"\bв\s+прошлом\s+месяце\b",
            need(lambda m: (anchor.replace(day=1) - dt.timedelta(days=1)).strftime("%Y-%m")),
        ),
        (r"\bв\s+(?:этом|текущем)\s+месяце\b", need(lambda m: anchor.strftime("%Y-%m"))),
        (r"\bв\s+прошлом\s+году\b", need(lambda m: str(anchor.year - 1))),
        (r"\bв\s+(?:этом|текущем|нынешнем)\s+году\b", need(lambda m: str(anchor.year))),
        (r"\bпозавчера\b", need(lambda m: (anchor - dt.timedelta(days=2)).isoformat())),
        (r"\bвчера\b", need(lambda m: (anchor - dt.timedelta(days=1)).isoformat())),
        (r"\bсегодня\b", need(lambda m: anchor.isoformat())),
        (r"\bзавтра\b", need(lambda m: (anchor + dt.timedelta(days=1)).isoformat())),
        (
            r"\bв(?:о)?\s+(понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)\b",
            need(lambda m: _past_weekday(WEEKDAYS[m.group(1).lower()], anchor)),
        ),
    ]


def _iso_day(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _past_day(month: int, day: int, anchor: dt.date) -> str | None:
    year = anchor.year if (month, day) <= (anchor.month, anchor.day) else anchor.year - 1
    return _iso_day(year, month, day)


def _past_weekday(weekday: int, anchor: dt.date) -> str:
    back = (anchor.weekday() - weekday) % 7
    return (anchor - dt.timedelta(days=back)).isoformat()


def find_times(text: str, anchor: str | None, offset: int = 0) -> list[Timex]:
    """Time expressions in `text`, resolved against the ISO date `anchor` where relative."""
    day = dt.date.fromisoformat(anchor) if anchor else None
    found: list[Timex] = []
    taken: list[tuple[int, int]] = []
    for pattern, resolve in _rules(day):
        for m in re.finditer(pattern, text, flags=re.IGNORECASE):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            value = resolve(m)
            if value:
                found.append(Timex(offset + m.start(), offset + m.end(), m.group(0), value))
                taken.append(m.span())
    return sorted(found, key=lambda t: t.start)
