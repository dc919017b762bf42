"""The data model every layer shares: plain dataclasses and the entity key they are named by.

It imports nothing else of kg: every layer above reads and writes these records.
"""

from __future__ import annotations

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


def fold(text: str) -> str:
    """A name as keys compare it: lower case, ё as е, single spaces.

    >>> fold("  Артём   Орлов ")
    'артем орлов'
    """
    return " ".join(text.lower().replace("ё", "е").split())


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
