"""The lexicons that drive extraction: the TSV files of this folder, one entry a line.

Each file's columns are declared in SCHEMAS and checked when the file is first read: a row
with too few or too many columns, a number that is not one, a value outside its choices or a
condition kg does not know is a LexiconError naming the file and the line. A `#` line is a
comment. A file not in SCHEMAS is a list of words, one column.

>>> "губернатор" in posts()
True
>>> event_cues()["встретиться"][0].rule
'meeting-verb'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from kg.errors import KgError
from kg.model import CORE_PREDICATES, ENTITY_TYPES, fold

__all__ = [
    "LexiconError",
    "Column",
    "SCHEMAS",
    "EventCue",
    "rows",
    "words",
    "table",
    "event_cues",
    "posts",
    "place_aliases",
    "shares",
    "organisation_aliases",
    "CONDITIONS",
    "PHASES",
]

PHASES = ("started", "ended")
"""The phases a claim may have: the relation began, or is over (`kg:phase`)."""

CONDITIONS = ("obj", "nmod", "objtype")
"""The conditions an event cue may need (see `events.tsv`)."""


class LexiconError(KgError):
    """A lexicon row that cannot be read; the message names the file and the line."""


@dataclass(frozen=True)
class Column:
    """One column of a lexicon file: its name, what its values are, whether it may be empty."""

    name: str
    kind: str = "text"  # text, number, integer, choice, condition
    choices: tuple[str, ...] = ()
    required: bool = True


_WORD = (Column("word"),)
_ALIASES = (Column("label"), Column("aliases", required=False))
SCHEMAS: dict[str, tuple[Column, ...]] = {
    "events": (
        Column("lemma"),
        Column("pos", "choice", ("VERB", "NOUN")),
        Column("predicate", "choice", CORE_PREDICATES),
        Column("rule"),
        Column("condition", "condition", required=False),
    ),
    "posts": (Column("lemma"), Column("kind", "choice", ("office", "profession"))),
    "state_posts": (Column("post"), Column("kind", "choice", ("country", "region", "city"))),
    "place_nouns": (Column("word"), Column("kind", "choice", ("country", "region", "city"))),
    "geo_adjectives": (Column("lemma"), Column("place")),
    "prepositions": (Column("word"), Column("role", "choice", ("partner", "place"))),
    "shares": (Column("word"), Column("share", "number")),
    "employment_verbs": (Column("lemma"), Column("preposition"), Column("role")),
    "career_verbs": (
        Column("lemma"),
        Column("preposition"),
        Column("predicate", "choice", ("holdsPosition", "memberOf")),
        Column("phase", "choice", PHASES, required=False),
        Column("who", "choice", ("subject", "object"), required=False),
    ),
    "phase_verbs": (Column("lemma"), Column("phase", "choice", PHASES)),
    "ownership_verbs": (
        Column("lemma"),
        Column("owner", "choice", ("nsubj", "dative")),
        Column("phase", "choice", PHASES, required=False),
    ),
    "descriptors": (Column("word"), Column("kind", "choice", ("state", "company"))),
    "places": _ALIASES,
    "organisations_known": _ALIASES,
    "confidence": (
        Column("key"),
        Column("confidence", "number"),
        Column("quality", "number"),
        Column("claims", "integer"),
        Column("prior", "number"),
    ),
    "gazetteer": (
        Column("id"),
        Column("label"),
        Column("kind", "choice", ("country", "region", "city")),
        Column("aliases", required=False),
        Column("geonames", required=False),
        Column("lat", "number", required=False),
        Column("lon", "number", required=False),
        Column("country", required=False),
    ),
}


def _check(value: str, column: Column) -> str | None:
    """What is wrong with a value of a column, or None."""
    if not value:
        return f"no {column.name}" if column.required else None
    if column.kind in ("number", "integer"):
        try:
            int(value) if column.kind == "integer" else float(value)
        except ValueError:
            return f"{column.name} {value!r} is not a number"
    elif column.kind == "choice" and value not in column.choices:
        return f"{column.name} {value!r} is not one of {', '.join(column.choices)}"
    elif column.kind == "condition":
        kind, eq, wanted = value.partition("=")
        if kind not in CONDITIONS or not eq or not wanted:
            known = ", ".join(f"{c}=..." for c in CONDITIONS)
            return f"unknown condition {value!r} (one of {known})"
        if kind == "objtype" and wanted not in ENTITY_TYPES:
            return f"condition {value!r}: {wanted!r} is not an entity type"
    return None


def parse_rows(name: str, text: str) -> tuple[tuple[str, ...], ...]:
    """The rows of a lexicon's text, checked against its schema (padded to every column)."""
    schema = SCHEMAS.get(name, _WORD)
    least = sum(1 for c in schema if c.required)
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        while len(cells) > len(schema) and not cells[-1]:
            cells.pop()  # trailing tabs
        where = f"kg/lexicon/{name}.tsv:{number}"
        if not least <= len(cells) <= len(schema):
            columns = ", ".join(c.name for c in schema)
            raise LexiconError(f"{where}: {len(cells)} column(s), expected {columns}")
        cells += [""] * (len(schema) - len(cells))
        for value, column in zip(cells, schema, strict=True):
            problem = _check(value, column)
            if problem:
                raise LexiconError(f"{where}: {problem}")
        out.append(tuple(cells))
    return tuple(out)


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of a lexicon file, checked (read once per process)."""
    text = resources.files("kg.lexicon").joinpath(f"{name}.tsv").read_text("utf-8")
    return parse_rows(name, text)


@cache
def words(name: str) -> frozenset[str]:
    """The first column of a lexicon as a set of lower-case words."""
    return frozenset(r[0].lower() for r in rows(name))


@cache
def table(name: str) -> dict[str, str]:
    """A two-column lexicon as a mapping, first column → second."""
    return {r[0]: r[1] for r in rows(name)}


@dataclass(frozen=True)
class EventCue:
    """A word that signals a relation or event, the rule that reads it, and the condition it
    needs."""

    lemma: str
    pos: str
    predicate: str
    rule: str
    condition: str = ""


@cache
def event_cues() -> dict[str, list[EventCue]]:
    """Event and relation cues by lemma."""
    out: dict[str, list[EventCue]] = {}
    for r in rows("events"):
        cue = EventCue(*r)
        out.setdefault(cue.lemma, []).append(cue)
    return out


@cache
def posts() -> dict[str, str]:
    """Post nouns (lemma → `office` or `profession`)."""
    return table("posts")


def _aliases(name: str) -> dict[str, str]:
    """Labels and `|`-separated aliases of a two-column lexicon, folded (`kg.model.fold`: lower
    case, ё as е) → label."""
    out: dict[str, str] = {}
    for label, aliases in rows(name):
        out[fold(label)] = label
        for alias in aliases.split("|") if aliases else []:
            out[fold(alias)] = label
    return out


@cache
def place_aliases() -> dict[str, str]:
    """Folded place names and aliases → canonical label (hand overrides of the gazetteer)."""
    return _aliases("places")


@cache
def shares() -> dict[str, float]:
    """Fraction words → share."""
    return {word: float(share) for word, share in rows("shares")}


@cache
def organisation_aliases() -> dict[str, str]:
    """Folded names and aliases of well-known organisations → canonical label."""
    return _aliases("organisations_known")
