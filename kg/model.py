"""The data model every layer shares: plain dataclasses, no behaviour beyond helpers."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "Article",
    "Mention",
    "Entity",
    "Evidence",
    "Relation",
    "Event",
    "Extraction",
    "ENTITY_TYPES",
    "CORE_PREDICATES",
    "SYMMETRIC_PREDICATES",
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
)

SYMMETRIC_PREDICATES = frozenset({"met", "signedAgreement", "cooperatesWith"})


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


@dataclass(frozen=True)
class Entity:
    """A resolved entity: canonical label, type and deterministic key."""

    key: str
    label: str
    type: str

    @property
    def id(self) -> str:
        """The entity's IRI, minted from its type and key."""
        from kg.rdf.iris import entity_iri

        return str(entity_iri(self.type, self.key))


@dataclass(frozen=True)
class Evidence:
    """The sentence or clause a claim was read from, with character offsets."""

    text: str
    start: int
    end: int


@dataclass
class Relation:
    """A typed claim between two entities (object may be None for bare posts)."""

    predicate: str
    subject: Entity
    object: Entity | None
    evidence: Evidence
    confidence: float
    qualifiers: dict[str, object] = field(default_factory=dict)
    rule: str = ""


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


@dataclass
class Extraction:
    """Everything read from one article."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
