"""Confidence per extraction rule, measured on development data (`kg/lexicon/confidence.tsv`).

A rule sets a prior confidence; where the development data measured the rule, the measured
share of correct claims replaces it. The table is written by `benchmarks/calibrate.py`.
"""

from __future__ import annotations

from functools import lru_cache

from kg.lexicon import rows
from kg.model import Relation

__all__ = ["PRIOR_WEIGHT", "rule_key", "shrink", "table", "calibrate"]

PRIOR_WEIGHT = 5  # a rule measured on n claims counts its prior as this many more claims


def rule_key(r: Relation) -> str:
    """The calibration key of a claim: predicate, rule family and whether it has an object."""
    family = r.rule.split(":")[0]
    return f"{r.predicate}/{family}" + ("" if r.object is not None else "/no-object")


def shrink(measured: float, n: int, prior: float, weight: int = PRIOR_WEIGHT) -> float:
    """A measured rate pulled towards the prior when it rests on few claims."""
    return round((measured * n + prior * weight) / (n + weight), 3)


@lru_cache(maxsize=1)
def table() -> dict[str, float]:
    """The calibrated confidence of each measured rule key."""
    try:
        return {r[0]: float(r[1]) for r in rows("confidence")}
    except FileNotFoundError:
        return {}


def calibrate(relations: list[Relation]) -> list[Relation]:
    """Replace the prior confidence of each claim whose rule was measured."""
    measured = table()
    for r in relations:
        key = rule_key(r)
        if key in measured:
            r.confidence = measured[key]
    return relations
