"""The data model every layer shares: plain dataclasses and the entity key they are named by.

It imports nothing else of kg: every layer above reads and writes these records.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

__all__ = [
    "Article",
    "Mention",
    "Entity",
    "Evidence",
    "TextSpan",
    "Relation",
    "Event",
    "Extraction",
    "ENTITY_TYPES",
    "CORE_PREDICATES",
    "SYMMETRIC_PREDICATES",
    "OPEN_PREFIX",
    "fold",
    "clean_name",
    "one_script",
    "person_name_key",
    "entity_key",
    "split_person_key",
]

ENTITY_TYPES = ("Person", "Organization", "Place", "Product")

CORE_PREDICATES = (
    "met",
    "signedAgreement",
    "holdsPosition",
    "memberOf",
    "componentShare",
    "locatedIn",
    "partOf",
    "cooperatesWith",
    "produces",
    "owns",
)

SYMMETRIC_PREDICATES = frozenset({"met", "signedAgreement", "cooperatesWith"})

OPEN_PREFIX = "verb:"
"""The predicate of an open relation: a verb in no lexicon ("verb:прибыть в")."""


_INVISIBLE = dict.fromkeys(
    map(
        ord,
        "\u00ad\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
        "\u2060\u2066\u2067\u2068\u2069\ufeff",
    )
)
"""Soft hyphens, zero-width characters and bidi controls: nothing a name is written with."""
_LATIN = "aAeEoOpPcCyxXBHKMT"
_CYRILLIC = "аАеЕоОрРсСухХВНКМТ"
_TO_CYRILLIC = str.maketrans(_LATIN, _CYRILLIC)
_TO_LATIN = str.maketrans(_CYRILLIC, _LATIN)
_LETTERS = re.compile(r"[^\W\d_]+")


def _one_script(word: str) -> str:
    """A word of Cyrillic and Latin letters in the script most of them are, its lookalike
    letters of the other folded into it ("Пyтин" with a Latin y is "Путин")."""
    cyrillic = sum("а" <= c.lower() <= "я" or c in "ёЁ" for c in word)
    latin = sum("a" <= c.lower() <= "z" for c in word)
    if not (cyrillic and latin):
        return word
    return word.translate(_TO_CYRILLIC if cyrillic >= latin else _TO_LATIN)


def one_script(text: str) -> str:
    """The text with each word in one script, a letter for letter change (the length and
    every offset kept): "Пyтин" with a Latin y reads as "Путин", "Tвиттер" as "Твиттер".

    >>> one_script("Пyтин и Cоветская власть, YouTube")
    'Путин и Советская власть, YouTube'
    """
    return _LETTERS.sub(lambda m: _one_script(m.group(0)), text)


def clean_name(text: str) -> str:
    """A name as kg keeps it: NFC, no invisible or bidi control characters, each word in one
    script ("\u202eнитуП" and "Пyтин" are not names of someone else).

    >>> clean_name("Пyтин"), clean_name("Пу\u200bтин"), clean_name("Cергей")
    ('Путин', 'Путин', 'Сергей')
    """
    return one_script(unicodedata.normalize("NFC", text).translate(_INVISIBLE))


def fold(text: str) -> str:
    """A name as keys compare it: cleaned (`clean_name`), lower case, ё as е, single spaces.

    >>> fold("  Артём   Орлов ")
    'артем орлов'
    """
    return " ".join(clean_name(text).lower().replace("ё", "е").split())


def person_name_key(name: str) -> str:
    """The `last|first` key of a person's name "First Last"; one word is a surname.

    >>> person_name_key("Илья Середюк"), person_name_key("Середюк")
    ('середюк|илья', 'середюк|')
    """
    parts = fold(name).split()
    if len(parts) == 1:
        return f"{parts[0]}|"
    return f"{parts[-1]}|{parts[0]}" if parts else "|"


def entity_key(type_: str, name: str, scope: str | None = None) -> str:
    """The canonical key of an entity of a type named `name` (a person's name "First Last");
    `scope` (an article id) keeps a generic descriptor ("делегация") to one article. The one
    place keys are minted: the same name always gives the same key, so the same IRI.

    >>> entity_key("Place", "Орёл"), entity_key("Person", "Илья Середюк")
    ('place:орел', 'person:середюк|илья')
    """
    name_key = person_name_key(name) if type_ == "Person" else fold(name)
    return f"{type_.lower()}:{name_key}" + (f"@{scope}" if scope else "")


def split_person_key(key: str) -> tuple[str, str]:
    """(last, first) of a person key; initials lose their dot ("person:чайка|ю." → чайка, ю).

    >>> split_person_key("person:середюк|илья")
    ('середюк', 'илья')
    """
    last, _, first = key.removeprefix("person:").partition("|")
    return last, first.rstrip(".")


@dataclass(frozen=True)
class Article:
    """One news article as read from a file or a JSONL record."""

    id: str
    text: str
    date: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None


@dataclass
class Mention:
    """A stretch of article text that names an entity."""

    start: int
    end: int
    text: str
    type: str
    normal: str
    entity_key: str | None = None
    credit: bool = False
    alias: str | None = None  # the name as written, in the nominative, when not the label
    patronymic: str | None = None  # a person's patronymic, in the nominative, when written
    nominative: bool = False  # a person's name written in the nominative (its words as they are)


@dataclass(frozen=True)
class Entity:
    """A resolved entity: canonical label, type and deterministic key."""

    key: str
    label: str
    type: str


@dataclass(frozen=True)
class Evidence:
    """The sentence or clause a claim was read from, with character offsets."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class TextSpan:
    """Words of the article as written, with their character offsets (end exclusive)."""

    text: str
    start: int
    end: int


@dataclass
class Relation:
    """A typed claim between two entities (object may be None for bare posts); `mentions`
    holds the words it was read from ("subject", "object", "role"), `event` the id of the
    event it is part of."""

    predicate: str
    subject: Entity
    object: Entity | None
    evidence: Evidence
    confidence: float
    qualifiers: dict[str, object] = field(default_factory=dict)
    rule: str = ""
    mentions: dict[str, TextSpan] = field(default_factory=dict)
    event: str = ""


@dataclass
class Event:
    """Something that happened: a meeting, a signing, a statement, an opening."""

    type: str
    participants: list[Entity]
    evidence: Evidence
    confidence: float
    place: Entity | None = None
    time: str | None = None
    attributes: dict[str, str] = field(default_factory=dict)
    rule: str = ""
    id: str = ""  # unique within its article ("<article>#e1"), shared by its relations


@dataclass
class Extraction:
    """Everything read from one article."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
