"""Scoring the triples export against a hand reading (the rule of the gold README).

A predicted triple matches a gold relation when the predicates are equal and both labels
equal one of the gold entity's label or aliases (lower-cased, ё as е, quotes and extra
spaces removed); symmetric predicates match in either direction. Recall counts the gold
relations marked `required`; precision counts every predicted triple with a core
predicate, correct when it matches any gold relation. Qualifiers are scored on the
matched required relations: `role` and `agreement` by containment, `place` by alias,
`time` exactly, `share` within 0.05.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from kg.evaluate.matching import normalise
from kg.model import CORE_PREDICATES, SYMMETRIC_PREDICATES

__all__ = ["GoldScore", "load_reading", "score_reading", "format_gold_report"]


@dataclass
class GoldScore:
    """Precision, recall and qualifier accuracy of one article against its gold reading."""

    predicted: int
    correct: int
    required: int
    found: int
    qualifiers_checked: int
    qualifiers_right: int
    hits: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    bad_qualifiers: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Correct predicted core triples over all predicted core triples."""
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """Required gold relations found over all required gold relations."""
        return self.found / self.required if self.required else 0.0

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_reading(path: Path) -> dict:
    """A gold reading file."""
    return json.loads(path.read_text("utf-8"))


def _names(reading: dict) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for e in reading["entities"]:
        out[e["label"]] = {normalise(e["label"])} | {normalise(a) for a in e.get("aliases", [])}
    return out


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def _label_ok(label: str | None, gold, names: dict[str, set[str]]) -> bool:
    if gold is None or label is None:
        return gold is None and label is None
    return any(normalise(label) in names.get(g, {normalise(g)}) for g in _as_list(gold))


def _matches(row: dict, rel: dict, names: dict[str, set[str]]) -> bool:
    if row["predicate"] != rel["p"]:
        return False
    s = row["subject"]["label"]
    o = row["object"]["label"] if row.get("object") else None
    if _label_ok(s, rel["s"], names) and _label_ok(o, rel["o"], names):
        return True
    return (
        rel["p"] in SYMMETRIC_PREDICATES
        and _label_ok(o, rel["s"], names)
        and _label_ok(s, rel["o"], names)
    )


def _qualifier_ok(key: str, got, want, names: dict[str, set[str]]) -> bool:
    if got is None:
        return False
    if key in ("role", "agreement", "topic"):
        a, b = normalise(str(got)), normalise(str(want))
        return a in b or b in a
    if key == "place":
        return _label_ok(str(got), want, names)
    if key == "share":
        return abs(float(got) - float(want)) <= 0.05
    return str(got) == str(want)


def _describe(rel: dict) -> str:
    o = "/".join(map(str, _as_list(rel["o"])))
    return f"{rel['s']} {rel['p']} {o} {rel.get('q', {})}"


def score_reading(reading: dict, rows: list[dict]) -> GoldScore:
    """Score export rows of one article against its gold reading."""
    names = _names(reading)
    core = [r for r in rows if r["predicate"] in CORE_PREDICATES]
    gold = reading["relations"]
    sc = GoldScore(len(core), 0, sum(1 for g in gold if g.get("required")), 0, 0, 0)
    for row in core:
        desc = (
            f"{row['subject']['label']} {row['predicate']} "
            f"{row['object']['label'] if row.get('object') else None} {row['qualifiers']}"
        )
        if any(_matches(row, g, names) for g in gold):
            sc.correct += 1
        else:
            sc.wrong.append(desc)
    for g in gold:
        if not g.get("required"):
            continue
        matched = [r for r in core if _matches(r, g, names)]
        if not matched:
            sc.misses.append(_describe(g))
            continue
        sc.found += 1
        sc.hits.append(_describe(g))
        for key, want in g.get("q", {}).items():
            sc.qualifiers_checked += 1
            if any(_qualifier_ok(key, r["qualifiers"].get(key), want, names) for r in matched):
                sc.qualifiers_right += 1
            else:
                got = [r["qualifiers"].get(key) for r in matched]
                sc.bad_qualifiers.append(f"{_describe(g)}: {key} {got!r}")
    return sc


def format_gold_report(sc: GoldScore, details: bool = True) -> str:
    """A plain-text report of a gold score."""
    lines = [
        f"required relations found: {sc.found}/{sc.required}  recall {sc.recall:.3f}",
        f"predicted core triples correct: {sc.correct}/{sc.predicted}  "
        f"precision {sc.precision:.3f}  F1 {sc.f1:.3f}",
        f"qualifiers right: {sc.qualifiers_right}/{sc.qualifiers_checked}",
    ]
    if details:
        lines += [f"  hit    {h}" for h in sc.hits]
        lines += [f"  MISS   {m}" for m in sc.misses]
        lines += [f"  WRONG  {w}" for w in sc.wrong]
        lines += [f"  QUAL   {q}" for q in sc.bad_qualifiers]
    return "\n".join(lines)
