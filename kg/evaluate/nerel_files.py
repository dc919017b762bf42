"""Reading a NEREL folder: each document is a text (`NAME.txt`) and its brat standoff
annotation (`NAME.ann`): entity mentions (`T` lines, offsets into the text, a mention in
pieces as `START END;START END`), relations between them (`R` lines) and Wikidata links
(`N` lines: the mention's entity and its reference name, "Хорняк, Жолт" for a person).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Mention", "Link", "RelationLine", "Document", "read_document", "documents"]

_WIKIDATA = re.compile(r"Wikidata:(Q\d+)$")


@dataclass(frozen=True)
class Mention:
    """A `T` line: an entity mention, from its first character to its last."""

    id: str
    type: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Link:
    """An `N` line with a Wikidata id: the entity a mention names and its reference name."""

    mention: str
    qid: str
    name: str


@dataclass(frozen=True)
class RelationLine:
    """An `R` line: a relation from one mention to another."""

    type: str
    source: str
    target: str


@dataclass
class Document:
    """One NEREL document: its text path, mentions by id, links by mention id, relations."""

    name: str
    text_path: Path
    mentions: dict[str, Mention] = field(default_factory=dict)
    links: dict[str, Link] = field(default_factory=dict)
    relations: list[RelationLine] = field(default_factory=list)


def _mention(fields: list[str]) -> Mention | None:
    head = fields[1].split(" ", 1)
    if len(head) != 2:
        return None
    kind, where = head
    try:
        pieces = [tuple(int(x) for x in p.split()) for p in where.split(";")]
        start, end = min(p[0] for p in pieces), max(p[1] for p in pieces)
    except (ValueError, IndexError):
        return None
    return Mention(fields[0], kind, start, end, fields[2] if len(fields) > 2 else "")


def read_document(ann: Path) -> Document:
    """The annotation of one document (its text beside it, `.txt`)."""
    doc = Document(ann.stem, ann.with_suffix(".txt"))
    for line in ann.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) < 2:
            continue
        tag = fields[0][:1]
        if tag == "T":
            m = _mention(fields)
            if m is not None:
                doc.mentions[m.id] = m
        elif tag == "N":
            parts = fields[1].split()
            qid = _WIKIDATA.search(parts[-1]) if len(parts) >= 3 else None
            if qid is not None:
                name = fields[2].strip() if len(fields) > 2 else ""
                doc.links[parts[1]] = Link(parts[1], qid.group(1), name)
        elif tag == "R":
            parts = fields[1].split()
            args = dict(p.split(":", 1) for p in parts[1:] if ":" in p)
            if "Arg1" in args and "Arg2" in args:
                doc.relations.append(RelationLine(parts[0], args["Arg1"], args["Arg2"]))
    return doc


def documents(folder: Path) -> list[Document]:
    """Every annotated document of a NEREL folder, in name order."""
    anns = sorted(Path(folder).glob("*.ann"))
    return [read_document(a) for a in anns if a.with_suffix(".txt").exists()]
