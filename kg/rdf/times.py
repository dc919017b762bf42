"""An ISO 8601 time as kg writes it (a date, a month, a year or an interval of two of these)
turned into typed SEM time stamps: `xsd:date`, `xsd:gYearMonth` or `xsd:gYear`.

>>> [str(stamp(t).datatype).split("#")[1] for t in ("2025-06-01", "2025-06", "2025")]
['date', 'gYearMonth', 'gYear']
>>> stamp("2025-02-31") is None
True
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from rdflib import Literal, URIRef

from kg.rdf.vocabulary import SEM, XSD

__all__ = ["stamp", "time_triples"]

_YEAR = re.compile(r"^[0-9]{4}$")
_MONTH = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])$")


def stamp(value: str) -> Literal | None:
    """One ISO 8601 date, month or year as a typed literal; None when it is not a real one."""
    if _YEAR.match(value):
        return Literal(value, datatype=XSD.gYear)
    if _MONTH.match(value):
        return Literal(value, datatype=XSD.gYearMonth)
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return None
    return Literal(day.isoformat(), datatype=XSD.date) if len(value) == 10 else None


def time_triples(event: URIRef, value: str) -> Iterator[tuple[URIRef, URIRef, Literal]]:
    """The event's time: `sem:hasTimeStamp` for one date, month or year, and
    `sem:hasBeginTimeStamp` with `sem:hasEndTimeStamp` for an interval."""
    parts = [stamp(p) for p in value.split("/")]
    if any(p is None for p in parts):
        return
    if len(parts) == 1:
        yield event, SEM.hasTimeStamp, parts[0]
    elif len(parts) == 2:
        yield event, SEM.hasBeginTimeStamp, parts[0]
        yield event, SEM.hasEndTimeStamp, parts[1]
