"""The annotated mentions of a factRuEval-2016 folder, with the entity each belongs to in its
document and across documents.

Gold side (`load_gold_mentions`): every `.objects` line of type Person, Location, LocOrg
(scored as Location) or Org (scored as Organization) is one gold mention. Its stretch runs
from the first character of its spans to the last, and its `entity` is the `.coref` block
that lists it (an object in no block is an entity of its own, `obj:<id>`).

Cross-document identity (`global_entity`). Each coref block first gets a key:

- `wikidata:<id>` when the block has a `wikidata` value that is an id (`Q` and digits; a
  few blocks hold a name there instead, which is ignored);
- else, for a person with a `lastname`, `person:<lastname>|<firstname>` (first values of
  each, lower-cased, ё read as е, an absent first name left empty);
- else, for a place or an organisation with a `name`, `name:<first name, normalised>`;
- else `doc:<doc>#<entity>`, an entity met in that document only.

Blocks are then joined, over all documents, when they share an identity: the same wikidata
id, the same person key, any of their `name` values (a block naming "Россия" and "РФ" joins
the blocks naming either), and a surname-only person (`person:путин|`) joins the full name
when exactly one full name in the folder carries that surname. A joined group is known by
its wikidata key if it has one, else by its most frequent block key (the longer one on a
tie). Without the joins one country written "Россия" in one document and "РФ" in another,
or linked to wikidata in one document only, would count as two gold entities.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Hashable
from dataclasses import dataclass
from pathlib import Path

from kg.evaluate.factru_files import CorefBlock, doc_order, read_coref, read_objects, read_spans
from kg.model import fold

__all__ = ["GOLD_TYPES", "GoldMention", "load_gold_mentions"]

GOLD_TYPES = {
    "Person": "Person",
    "Location": "Location",
    "LocOrg": "Location",
    "Org": "Organization",
}
_WIKIDATA_ID = re.compile(r"^Q\d+$")


@dataclass(frozen=True)
class GoldMention:
    """One annotated mention with its in-document and cross-document entity."""

    doc: str
    start: int
    end: int
    text: str
    type: str
    entity: str
    global_entity: str
    object_id: str = ""
    label: str = ""


@dataclass
class _Block:
    doc: str
    entity: str
    objects: list[str]
    attrs: list[tuple[str, str]]
    person: bool = False
    key: str = ""

    @classmethod
    def read(cls, doc: str, block: CorefBlock) -> _Block:
        """A coref block of a document."""
        return cls(doc, block.entity, block.objects, block.attrs)


def _norm(text: str) -> str:
    return fold(text.strip(" \"'«»„“”"))


def _first(attrs: list[tuple[str, str]], key: str) -> str:
    return next((value for k, value in attrs if k == key), "")


def _wikidata(attrs: list[tuple[str, str]]) -> list[str]:
    return [f"wikidata:{v}" for k, v in attrs if k == "wikidata" and _WIKIDATA_ID.match(v)]


def _block_key(block: _Block) -> str:
    wikidata = _wikidata(block.attrs)
    if wikidata:
        return wikidata[0]
    lastname = _first(block.attrs, "lastname")
    if block.person and lastname:
        return f"person:{_norm(lastname)}|{_norm(_first(block.attrs, 'firstname'))}"
    name = _first(block.attrs, "name")
    if not block.person and name:
        return f"name:{_norm(name)}"
    return f"doc:{block.doc}#{block.entity}"


def _block_label(block: _Block) -> str:
    if block.person:
        words = [_first(block.attrs, k) for k in ("firstname", "patronymic", "lastname")]
        label = " ".join(w for w in words if w) or _first(block.attrs, "nickname")
    else:
        label = _first(block.attrs, "name")
    return label or block.entity


def _identities(block: _Block) -> list[str]:
    keys = _wikidata(block.attrs)
    if block.key.startswith(("person:", "name:")):
        keys.append(block.key)
    if not block.person:
        keys += [f"name:{_norm(v)}" for k, v in block.attrs if k == "name" and _norm(v)]
    return keys


def _global_keys(blocks: list[_Block]) -> dict[int, str]:
    """The cross-document entity of every block (by position), joining shared identities."""
    parent: dict[Hashable, Hashable] = {}

    def find(node: Hashable) -> Hashable:
        root = parent.setdefault(node, node)
        while root != parent[root]:
            root = parent[root]
        while parent[node] != root:
            parent[node], node = root, parent[node]
        return root

    def join(a: Hashable, b: Hashable) -> None:
        parent[find(a)] = find(b)

    full_names: dict[str, set[str]] = defaultdict(set)
    for block in blocks:
        if block.key.startswith("person:") and not block.key.endswith("|"):
            full_names[block.key.split("|", 1)[0]].add(block.key)
    for index, block in enumerate(blocks):
        find(index)
        for identity in _identities(block):
            join(index, identity)
        if block.key.startswith("person:") and block.key.endswith("|"):
            candidates = full_names.get(block.key[:-1], set())
            if len(candidates) == 1:
                join(index, next(iter(candidates)))
    groups: dict[Hashable, list[int]] = defaultdict(list)
    for index in range(len(blocks)):
        groups[find(index)].append(index)
    keys: dict[int, str] = {}
    for members in groups.values():
        wikidata = sorted(
            identity
            for i in members
            for identity in _identities(blocks[i])
            if identity.startswith("wikidata:")
        )
        if wikidata:
            name = wikidata[0]
        else:
            counts = Counter(blocks[i].key for i in members)
            name = min(counts, key=lambda k: (-counts[k], -len(k), k))
        for i in members:
            keys[i] = name
    return keys


def load_gold_mentions(folder: Path | str) -> dict[str, list[GoldMention]]:
    """Read the Person, Location and Organization mentions of a factRuEval folder, per doc."""
    docs: list[tuple[str, str, dict, dict[str, tuple[str, int, int]]]] = []
    blocks: list[_Block] = []
    for objects_path in sorted(Path(folder).glob("*.objects"), key=doc_order):
        base = objects_path.with_suffix("")
        text_path = base.with_suffix(".txt")
        text = text_path.read_text(encoding="utf-8") if text_path.exists() else ""
        objects = read_objects(objects_path)
        doc_blocks = [_Block.read(base.name, b) for b in read_coref(base.with_suffix(".coref"))]
        for block in doc_blocks:
            block.person = any(objects.get(o, ("", []))[0] == "Person" for o in block.objects)
            block.key = _block_key(block)
        blocks += doc_blocks
        docs.append((base.name, text, objects, read_spans(base.with_suffix(".spans"))))
    global_keys = _global_keys(blocks)
    owner: dict[tuple[str, str], int] = {}
    for index, block in enumerate(blocks):
        for object_id in block.objects:
            owner.setdefault((block.doc, object_id), index)
    gold: dict[str, list[GoldMention]] = {}
    for doc, text, objects, spans in docs:
        mentions: list[GoldMention] = []
        for object_id, (object_type, span_ids) in objects.items():
            kind = GOLD_TYPES.get(object_type)
            covered = [spans[s][1:] for s in span_ids if s in spans]
            if kind is None or not covered:
                continue
            start, end = min(s for s, _ in covered), max(e for _, e in covered)
            index = owner.get((doc, object_id))
            if index is None:
                entity = f"obj:{object_id}"
                global_entity, label = f"doc:{doc}#{entity}", text[start:end]
            else:
                entity, global_entity = blocks[index].entity, global_keys[index]
                label = _block_label(blocks[index])
            mentions.append(
                GoldMention(
                    doc=doc,
                    start=start,
                    end=end,
                    text=text[start:end],
                    type=kind,
                    entity=entity,
                    global_entity=global_entity,
                    object_id=object_id,
                    label=label,
                )
            )
        gold[doc] = sorted(mentions, key=lambda m: (m.start, m.end, m.object_id))
    return gold
