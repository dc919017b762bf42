"""Reading the files of a factRuEval-2016 folder (`../factru/FORMAT.md`): each document
`book_N` is a text (`.txt`), its annotated spans (`.spans`), the objects built from them
(`.objects`), the coreference entities that group the objects (`.coref`) and its facts
(`.facts`). A missing file reads as empty; `#` starts a comment on a line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "CorefBlock",
    "lines",
    "blocks",
    "doc_order",
    "documents",
    "read_spans",
    "read_objects",
    "read_coref",
]


@dataclass
class CorefBlock:
    """One entity of a `.coref` file: its id, the objects it groups, its attributes."""

    entity: str
    objects: list[str]
    attrs: list[tuple[str, str]]


def lines(path: Path) -> list[str]:
    """The lines of a file, none when it does not exist."""
    if not path.exists():
        return []
    return path.read_text(encoding="utf-8").splitlines()


def blocks(path: Path) -> list[list[str]]:
    """The blank-line separated blocks of a file, each a list of stripped lines."""
    out: list[list[str]] = []
    current: list[str] = []
    for line in lines(path):
        if line.strip():
            current.append(line.strip())
        elif current:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


def _fields(line: str) -> list[str]:
    return line.split("#", 1)[0].split()


def doc_order(path: Path) -> tuple[int, str]:
    """Documents in the order of their numbers (`book_2` before `book_10`)."""
    digits = re.sub(r"\D", "", path.stem)
    return (int(digits) if digits else -1, path.stem)


def documents(folder: Path) -> dict[str, Path]:
    """The annotated documents of a folder (those with objects or facts), in number order:
    document id → the path of its text."""
    bases = {p.with_suffix("") for p in Path(folder).glob("*.objects")}
    bases |= {p.with_suffix("") for p in Path(folder).glob("*.facts")}
    ordered = sorted((b for b in bases if b.with_suffix(".txt").exists()), key=doc_order)
    return {b.name: b.with_suffix(".txt") for b in ordered}


def read_spans(path: Path) -> dict[str, tuple[str, int, int]]:
    """Span id → (kind, start, end) from a `.spans` file."""
    spans: dict[str, tuple[str, int, int]] = {}
    for line in lines(path):
        parts = _fields(line)
        if len(parts) >= 4 and parts[2].isdigit() and parts[3].isdigit():
            start = int(parts[2])
            spans[parts[0]] = (parts[1], start, start + int(parts[3]))
    return spans


def read_objects(path: Path) -> dict[str, tuple[str, list[str]]]:
    """Object id → (type, span ids) from an `.objects` file."""
    objects: dict[str, tuple[str, list[str]]] = {}
    for line in lines(path):
        parts = _fields(line)
        if len(parts) >= 2:
            objects[parts[0]] = (parts[1], parts[2:])
    return objects


def read_coref(path: Path) -> list[CorefBlock]:
    """The entities of a `.coref` file: a head line `id object...`, then `key value` lines
    (attributes with no value left out)."""
    out = []
    for block in blocks(path):
        head = block[0].split()
        attrs = []
        for entry in block[1:]:
            key, _, value = entry.partition(" ")
            if value.strip():
                attrs.append((key, value.strip()))
        out.append(CorefBlock(head[0], head[1:], attrs))
    return out
