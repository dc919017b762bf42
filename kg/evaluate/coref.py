"""Score kg's mention clustering against the factRuEval-2016 coreference annotation.

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

Predicted side: `kg.model.Mention`-like objects (`start`, `end`, `type`, `entity_key`,
`credit`, optionally `text`). Credited sources (`credit=True`) are left out; Person is
compared with Person, Place with Location, Organization with Organization; Product has no
gold counterpart.

Alignment (`align_mentions`), per document and type: a predicted mention and a gold mention
are candidates when their stretches overlap by at least half the shorter one. Candidates
are paired one-to-one, best first (largest overlap over union), so each gold mention has
at most one predicted mention and the other way round.

Scores (`score_coref`), per type and per scope, B-cubed (`bcubed`) over the aligned
mentions only: `within` compares (document, gold entity) with (document, entity key), so
no cluster crosses documents; `across` compares `global_entity` with the entity key over
all documents together. Mentions the recogniser missed (gold unaligned) or invented
(predicted unaligned) are counted separately as coverage, so the B-cubed figures measure
the clustering alone and are not a mix of recognition and clustering errors.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

__all__ = [
    "link_across",
    "TYPES",
    "TARGET_TYPES",
    "SCOPES",
    "GOLD_TYPES",
    "PREDICTED_TYPES",
    "GoldMention",
    "PredictedMention",
    "ClusterPart",
    "ClusterError",
    "CorefScore",
    "CorefReport",
    "load_gold_mentions",
    "predicted_type",
    "align_mentions",
    "bcubed",
    "score_coref",
    "format_coref_report",
    "evaluate_folder",
]

TYPES = ("Person", "Location", "Organization")
TARGET_TYPES = ("Person", "Location")
SCOPES = ("within", "across")
GOLD_TYPES = {
    "Person": "Person",
    "Location": "Location",
    "LocOrg": "Location",
    "Org": "Organization",
}
PREDICTED_TYPES = {"Person": "Person", "Place": "Location", "Organization": "Organization"}
MIN_OVERLAP = 0.5
EXAMPLES = 3
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


class PredictedMention(Protocol):
    """What scoring reads from a predicted mention (`kg.model.Mention` has it all)."""

    start: int
    end: int
    type: str
    entity_key: str | None


@dataclass(frozen=True)
class ClusterPart:
    """One side of a clustering error: an entity or key, its mentions and example texts."""

    key: str
    label: str
    mentions: int
    texts: tuple[str, ...] = ()


@dataclass(frozen=True)
class ClusterError:
    """A predicted cluster joining several gold entities, or a gold entity split up."""

    key: str
    label: str
    mentions: int
    loss: float
    parts: tuple[ClusterPart, ...] = ()


@dataclass
class CorefScore:
    """B-cubed precision, recall and F1 for one type and scope, with coverage counts."""

    type: str
    scope: str
    precision: float
    recall: float
    f1: float
    aligned: int
    gold: int
    predicted: int
    gold_clusters: int = 0
    predicted_clusters: int = 0
    merges: list[ClusterError] = field(default_factory=list)
    splits: list[ClusterError] = field(default_factory=list)


@dataclass
class CorefReport:
    """Scores per (type, scope), plus the mentions left out of the comparison."""

    documents: int
    scores: dict[tuple[str, str], CorefScore]
    missed: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    spurious: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    unknown_documents: list[str] = field(default_factory=list)


# --- reading the annotation -------------------------------------------------------------


@dataclass
class _Block:
    doc: str
    entity: str
    objects: list[str]
    attrs: list[tuple[str, str]]
    person: bool = False
    key: str = ""


def _lines(path: Path) -> list[str]:
    if not path.exists():
        return []
    return path.read_text(encoding="utf-8").splitlines()


def _fields(line: str) -> list[str]:
    return line.split("#", 1)[0].split()


def _read_spans(path: Path) -> dict[str, tuple[int, int]]:
    spans: dict[str, tuple[int, int]] = {}
    for line in _lines(path):
        parts = _fields(line)
        if len(parts) >= 4 and parts[2].isdigit() and parts[3].isdigit():
            start = int(parts[2])
            spans[parts[0]] = (start, start + int(parts[3]))
    return spans


def _read_objects(path: Path) -> dict[str, tuple[str, list[str]]]:
    objects: dict[str, tuple[str, list[str]]] = {}
    for line in _lines(path):
        parts = _fields(line)
        if len(parts) >= 2:
            objects[parts[0]] = (parts[1], parts[2:])
    return objects


def _read_coref(path: Path, doc: str) -> list[_Block]:
    blocks: list[_Block] = []
    current: list[str] = []
    for line in [*_lines(path), ""]:
        if line.strip():
            current.append(line.strip())
            continue
        if current:
            head = current[0].split()
            attrs = []
            for entry in current[1:]:
                key, _, value = entry.partition(" ")
                if value.strip():
                    attrs.append((key, value.strip()))
            blocks.append(_Block(doc, head[0], head[1:], attrs))
            current = []
    return blocks


def _doc_order(path: Path) -> tuple[int, str]:
    digits = re.sub(r"\D", "", path.stem)
    return (int(digits) if digits else -1, path.stem)


def _norm(text: str) -> str:
    text = text.lower().replace("ё", "е").strip(" \"'«»„“”")
    return " ".join(text.split())


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
    docs: list[tuple[str, str, dict, dict[str, tuple[int, int]]]] = []
    blocks: list[_Block] = []
    for objects_path in sorted(Path(folder).glob("*.objects"), key=_doc_order):
        base = objects_path.with_suffix("")
        text_path = base.with_suffix(".txt")
        text = text_path.read_text(encoding="utf-8") if text_path.exists() else ""
        objects = _read_objects(objects_path)
        doc_blocks = _read_coref(base.with_suffix(".coref"), base.name)
        for block in doc_blocks:
            block.person = any(objects.get(o, ("", []))[0] == "Person" for o in block.objects)
            block.key = _block_key(block)
        blocks += doc_blocks
        docs.append((base.name, text, objects, _read_spans(base.with_suffix(".spans"))))
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
            covered = [spans[s] for s in span_ids if s in spans]
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


# --- alignment and B-cubed --------------------------------------------------------------


def predicted_type(mention: PredictedMention) -> str | None:
    """The gold type a predicted mention is compared with; None when it is not scored."""
    if getattr(mention, "credit", False):
        return None
    return PREDICTED_TYPES.get(getattr(mention, "type", ""))


def align_mentions(
    gold: Sequence[GoldMention], predicted: Sequence[PredictedMention]
) -> dict[int, int]:
    """Pair one document's gold and predicted mentions one-to-one: gold index → predicted."""
    candidates: list[tuple[float, int, int]] = []
    for p, mention in enumerate(predicted):
        kind = predicted_type(mention)
        if kind is None:
            continue
        for g, target in enumerate(gold):
            if target.type != kind:
                continue
            overlap = min(target.end, mention.end) - max(target.start, mention.start)
            shorter = min(target.end - target.start, mention.end - mention.start)
            if overlap <= 0 or overlap < MIN_OVERLAP * shorter:
                continue
            union = max(target.end, mention.end) - min(target.start, mention.start)
            candidates.append((overlap / union, g, p))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for _, g, p in candidates:
        if g not in pairs and p not in taken:
            pairs[g] = p
            taken.add(p)
    return pairs


def _membership(clusters: Iterable[Collection[Hashable]]) -> dict[Hashable, int]:
    return {item: number for number, cluster in enumerate(clusters) for item in cluster}


def bcubed(
    gold_clusters: Iterable[Collection[Hashable]], pred_clusters: Iterable[Collection[Hashable]]
) -> tuple[float, float]:
    """B-cubed (precision, recall) of clusters of mention ids, over the mentions in both."""
    gold_of = _membership(gold_clusters)
    pred_of = _membership(pred_clusters)
    items = [item for item in gold_of if item in pred_of]
    if not items:
        return 0.0, 0.0
    gold_size = Counter(gold_of[i] for i in items)
    pred_size = Counter(pred_of[i] for i in items)
    both = Counter((gold_of[i], pred_of[i]) for i in items)
    precision = recall = 0.0
    for item in items:
        g, p = gold_of[item], pred_of[item]
        precision += both[g, p] / pred_size[p]
        recall += both[g, p] / gold_size[g]
    return precision / len(items), recall / len(items)


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


# --- scoring ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Pair:
    doc: str
    gold: GoldMention
    pred_key: str
    pred_text: str


def _pred_key(doc: str, index: int, mention: Any) -> str:
    key = getattr(mention, "entity_key", None)
    return key if key else f"unkeyed:{doc}#{index}"


def _mention_text(mention: Any, text: str = "") -> str:
    return getattr(mention, "text", "") or text


def _flat(text: str) -> str:
    return " ".join(text.split())


def _examples(texts: Iterable[str]) -> tuple[str, ...]:
    counts = Counter(_flat(t) for t in texts)
    return tuple(sorted(counts, key=lambda t: (-counts[t], t))[:EXAMPLES])


def _errors(
    pairs: list[_Pair],
    outer: Callable[[_Pair], str],
    inner: Callable[[_Pair], str],
    outer_label: Callable[[_Pair], str],
    inner_label: Callable[[_Pair], str],
    inner_text: Callable[[_Pair], str],
) -> list[ClusterError]:
    """Clusters of `outer` that hold several `inner` clusters, ranked by mentions lost."""
    groups: dict[str, list[_Pair]] = defaultdict(list)
    for pair in pairs:
        groups[outer(pair)].append(pair)
    errors: list[ClusterError] = []
    for key, members in groups.items():
        parts: dict[str, list[_Pair]] = defaultdict(list)
        for pair in members:
            parts[inner(pair)].append(pair)
        if len(parts) < 2:
            continue
        size = len(members)
        loss = sum(len(part) * (1 - len(part) / size) for part in parts.values())
        docs = sorted({pair.doc for pair in members})
        where = docs[0] if len(docs) == 1 else f"{len(docs)} documents"
        errors.append(
            ClusterError(
                key=key,
                label=f"{outer_label(members[0])} ({where})",
                mentions=size,
                loss=loss,
                parts=tuple(
                    ClusterPart(
                        key=part_key,
                        label=inner_label(part[0]),
                        mentions=len(part),
                        texts=_examples(inner_text(p) for p in part),
                    )
                    for part_key, part in sorted(parts.items(), key=lambda kv: -len(kv[1]))
                ),
            )
        )
    return sorted(errors, key=lambda e: (-e.loss, -e.mentions, e.key))


def _global_label(pair: _Pair) -> str:
    return f"{pair.gold.label} <{pair.gold.global_entity}>"


def _score(kind: str, scope: str, pairs: list[_Pair], gold: int, predicted: int) -> CorefScore:
    if scope == "within":

        def gold_key(p: _Pair) -> str:
            return f"{p.doc}#{p.gold.entity}"

        def pred_key(p: _Pair) -> str:
            return f"{p.doc}#{p.pred_key}"

    else:

        def gold_key(p: _Pair) -> str:
            return p.gold.global_entity

        def pred_key(p: _Pair) -> str:
            return p.pred_key

    gold_clusters: dict[str, set[int]] = defaultdict(set)
    pred_clusters: dict[str, set[int]] = defaultdict(set)
    for number, pair in enumerate(pairs):
        gold_clusters[gold_key(pair)].add(number)
        pred_clusters[pred_key(pair)].add(number)
    precision, recall = bcubed(gold_clusters.values(), pred_clusters.values())
    merges = _errors(
        pairs,
        pred_key,
        gold_key,
        lambda p: p.pred_key,
        (lambda p: p.gold.label) if scope == "within" else _global_label,
        lambda p: p.gold.text,
    )
    splits = _errors(
        pairs,
        gold_key,
        pred_key,
        lambda p: p.gold.label,
        lambda p: p.pred_key,
        lambda p: p.pred_text,
    )
    return CorefScore(
        type=kind,
        scope=scope,
        precision=precision,
        recall=recall,
        f1=_f1(precision, recall),
        aligned=len(pairs),
        gold=gold,
        predicted=predicted,
        gold_clusters=len(gold_clusters),
        predicted_clusters=len(pred_clusters),
        merges=merges,
        splits=splits,
    )


def _top(counts: Counter, limit: int = 30) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]


def score_coref(
    gold: Mapping[str, Sequence[GoldMention]],
    predicted: Mapping[str, Sequence[PredictedMention]],
) -> CorefReport:
    """B-cubed of predicted entity keys against gold entities, per type, within and across docs."""
    pairs: dict[str, list[_Pair]] = defaultdict(list)
    gold_counts: Counter = Counter()
    pred_counts: Counter = Counter()
    missed: dict[str, Counter] = defaultdict(Counter)
    spurious: dict[str, Counter] = defaultdict(Counter)
    for doc, gold_mentions in gold.items():
        mentions = list(predicted.get(doc, ()))
        aligned = align_mentions(gold_mentions, mentions)
        used = set(aligned.values())
        for g, target in enumerate(gold_mentions):
            gold_counts[target.type] += 1
            if g in aligned:
                p = aligned[g]
                key = _pred_key(doc, p, mentions[p])
                pairs[target.type].append(
                    _Pair(doc, target, key, _mention_text(mentions[p], target.text))
                )
            else:
                missed[target.type][_flat(target.text)] += 1
        for p, mention in enumerate(mentions):
            kind = predicted_type(mention)
            if kind is None:
                continue
            pred_counts[kind] += 1
            if p not in used:
                spurious[kind][_flat(_mention_text(mention, f"{mention.start}:{mention.end}"))] += 1
    scores = {
        (kind, scope): _score(kind, scope, pairs[kind], gold_counts[kind], pred_counts[kind])
        for kind in TYPES
        for scope in SCOPES
    }
    return CorefReport(
        documents=len(gold),
        scores=scores,
        missed={kind: _top(missed[kind]) for kind in TYPES},
        spurious={kind: _top(spurious[kind]) for kind in TYPES},
        unknown_documents=sorted(set(predicted) - set(gold)),
    )


# --- output -----------------------------------------------------------------------------


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def _error_lines(title: str, errors: list[ClusterError], limit: int) -> list[str]:
    lines = [f"  {title}: {len(errors)}"]
    for error in errors[:limit]:
        lines.append(f"    -{error.loss:.1f}  {error.label}, {error.mentions} mentions")
        for part in error.parts:
            texts = " / ".join(part.texts)
            lines.append(f"          {part.mentions:>3} × {part.label}  [{texts}]")
    return lines


def format_coref_report(report: CorefReport, details: bool = False, limit: int = 12) -> str:
    """A plain-text table of B-cubed scores and coverage, optionally with the worst errors."""
    header = (
        f"{'type':<14}{'scope':<8}{'P':>8}{'R':>8}{'F1':>8}"
        f"{'aligned':>9}{'gold':>7}{'pred':>7}{'gold-cl':>9}{'pred-cl':>9}"
    )
    lines = [
        f"factRuEval-2016 coreference, B-cubed over aligned mentions: {report.documents} documents",
        header,
        "-" * len(header),
    ]
    for kind in TYPES:
        for scope in SCOPES:
            s = report.scores[kind, scope]
            lines.append(
                f"{kind:<14}{scope:<8}{s.precision:>8.4f}{s.recall:>8.4f}{s.f1:>8.4f}"
                f"{s.aligned:>9}{s.gold:>7}{s.predicted:>7}"
                f"{s.gold_clusters:>9}{s.predicted_clusters:>9}"
            )
    lines += ["", "coverage (not in B-cubed):"]
    for kind in TYPES:
        s = report.scores[kind, "within"]
        note = "" if kind in TARGET_TYPES else "  (reported, no target)"
        lines.append(
            f"  {kind:<14}gold aligned {s.aligned}/{s.gold} ({_share(s.aligned, s.gold)}), "
            f"predicted aligned {s.aligned}/{s.predicted} ({_share(s.aligned, s.predicted)})"
            f"{note}"
        )
    if report.unknown_documents:
        lines.append(
            f"predictions for documents outside the gold set: {len(report.unknown_documents)}"
        )
    if not details:
        return "\n".join(lines)
    for kind in TYPES:
        for scope in SCOPES:
            s = report.scores[kind, scope]
            lines += ["", f"{kind}, {scope}: P {s.precision:.4f} R {s.recall:.4f}"]
            lines += _error_lines(
                "predicted clusters joining several gold entities (loss in mentions)",
                s.merges,
                limit,
            )
            lines += _error_lines(
                "gold entities split over several predicted keys (loss in mentions)",
                s.splits,
                limit,
            )
        for title, counts in (
            ("gold mentions not recognised", report.missed.get(kind, [])),
            ("predicted mentions with no gold mention", report.spurious.get(kind, [])),
        ):
            shown = ", ".join(f"{text} ×{n}" if n > 1 else text for text, n in counts[: limit * 2])
            lines += ["", f"{kind}: {title}: {shown or '-'}"]
    return "\n".join(lines)


# --- running kg on a folder -------------------------------------------------------------


def evaluate_folder(
    folder: Path | str,
    pipeline: Any = None,
    on_document: Callable[[str], None] | None = None,
) -> CorefReport:
    """Extract every document of a factRuEval folder with kg and score its clustering."""
    from kg.extract import extract
    from kg.model import Article
    from kg.nlp import load_pipeline

    gold = load_gold_mentions(folder)
    pipeline = pipeline if pipeline is not None else load_pipeline()
    predicted: dict[str, list[Any]] = {}
    for doc in gold:
        text = (Path(folder) / f"{doc}.txt").read_text(encoding="utf-8")
        predicted[doc] = extract(Article(id=doc, text=text), pipeline, calibrated=False).mentions
        if on_document is not None:
            on_document(doc)
    return score_coref(gold, link_across(predicted))


def link_across(predicted: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """Mentions with the cross-article person links a store would record as owl:sameAs
    (a surname alone joins the one full name with that surname in the whole collection)."""
    from dataclasses import replace

    from kg.build.link import person_links

    keys = {
        m.entity_key: m.entity_key
        for ms in predicted.values()
        for m in ms
        if m.entity_key and m.entity_key.startswith("person:")
    }
    target = dict(person_links(keys))
    return {
        doc: [
            replace(m, entity_key=target[m.entity_key]) if m.entity_key in target else m for m in ms
        ]
        for doc, ms in predicted.items()
    }
