"""Score kg's mention clustering against the factRuEval-2016 coreference annotation.

Gold side: `kg.evaluate.coref_gold`.

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

from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from kg.evaluate.coref_gold import GoldMention, load_gold_mentions
from kg.evaluate.run import extract_folder
from kg.model import Extraction

__all__ = [
    "link_across",
    "TYPES",
    "TARGET_TYPES",
    "SCOPES",
    "PREDICTED_TYPES",
    "PredictedMention",
    "ClusterPart",
    "ClusterError",
    "CorefScore",
    "CorefReport",
    "predicted_type",
    "align_mentions",
    "bcubed",
    "score_coref",
    "score_extractions",
    "evaluate_folder",
]

TYPES = ("Person", "Location", "Organization")
TARGET_TYPES = ("Person", "Location")
SCOPES = ("within", "across")
PREDICTED_TYPES = {"Person": "Person", "Place": "Location", "Organization": "Organization"}
MIN_OVERLAP = 0.5
EXAMPLES = 3


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


# --- running kg on a folder -------------------------------------------------------------


def score_extractions(folder: Path | str, extractions: Mapping[str, Extraction]) -> CorefReport:
    """Score the mentions kg read from the documents of a factRuEval folder, linked across
    documents as a store links them."""
    predicted = {doc: x.mentions for doc, x in extractions.items()}
    return score_coref(load_gold_mentions(folder), link_across(predicted))


def evaluate_folder(
    folder: Path | str,
    pipeline: Any = None,
    on_document: Callable[[str], None] | None = None,
) -> CorefReport:
    """Extract every document of a factRuEval folder with kg and score its clustering."""
    return score_extractions(folder, extract_folder(folder, pipeline, on_document))


def link_across(predicted: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """Mentions with the cross-article person links a store would record as owl:sameAs
    (a surname alone joins the one full name with that surname in the whole collection, or the
    one named in many more documents than the others)."""
    from kg.build.link import person_links

    articles: Counter = Counter()
    for ms in predicted.values():
        articles.update({m.entity_key for m in ms if (m.entity_key or "").startswith("person:")})
    keys = {key: key for key in articles}
    target = dict(person_links(keys, articles=articles))
    return {
        doc: [
            replace(m, entity_key=target[m.entity_key]) if m.entity_key in target else m for m in ms
        ]
        for doc, ms in predicted.items()
    }
