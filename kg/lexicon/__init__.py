"""The lexicons that drive extraction, read from the TSV files in `kg/lexicon/`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

__all__ = [
    "EventCue",
    "rows",
    "words",
    "event_cues",
    "posts",
    "place_aliases",
    "shares",
    "organisation_aliases",
]


@dataclass(frozen=True)
class EventCue:
    """A word that signals a relation or event, with the condition it needs."""

    lemma: str
    pos: str
    predicate: str
    condition: str = ""


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The non-comment rows of a lexicon file, split on tabs (read once per process)."""
    text = resources.files("kg.lexicon").joinpath(f"{name}.tsv").read_text("utf-8")
    return tuple(
        tuple(c.strip() for c in line.split("\t"))
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )


@cache
def words(name: str) -> frozenset[str]:
    """The first column of a lexicon as a set of lower-case words."""
    return frozenset(r[0].lower() for r in rows(name))


@lru_cache(maxsize=1)
def event_cues() -> dict[str, list[EventCue]]:
    """Event and relation cues by lemma."""
    out: dict[str, list[EventCue]] = {}
    for r in rows("events"):
        cue = EventCue(r[0], r[1], r[2], r[3] if len(r) > 3 else "")
        out.setdefault(cue.lemma, []).append(cue)
    return out


@lru_cache(maxsize=1)
def posts() -> dict[str, str]:
    """Post nouns (lemma → `office` or `profession`)."""
    return {r[0]: r[1] for r in rows("posts")}


def _aliases(name: str) -> dict[str, str]:
    """Lower-cased labels and `|`-separated aliases of a two-column lexicon → label."""
    out: dict[str, str] = {}
    for r in rows(name):
        out[r[0].lower()] = r[0]
        for alias in r[1].split("|") if len(r) > 1 and r[1] else []:
            out[alias.strip().lower()] = r[0]
    return out


@cache
def place_aliases() -> dict[str, str]:
    """Lower-cased place names and aliases → canonical label (hand overrides of the gazetteer)."""
    return _aliases("places")


@lru_cache(maxsize=1)
def shares() -> dict[str, float]:
    """Fraction words → share."""
    return {r[0]: float(r[1]) for r in rows("shares")}


@cache
def organisation_aliases() -> dict[str, str]:
    """Lower-cased names and aliases of well-known organisations → canonical label."""
    return _aliases("organisations_known")
