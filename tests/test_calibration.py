"""Confidence calibration: measured rates replace priors, pulled towards them when thin."""

from __future__ import annotations

import pytest

from kg.extract.calibration import rule_key, shrink, table
from kg.model import Entity, Evidence, Relation


def _rel(rule: str, with_object: bool = True) -> Relation:
    p = Entity("person:a|b", "Б А", "Person")
    o = Entity("place:x", "X", "Place") if with_object else None
    return Relation("holdsPosition", p, o, Evidence("t", 0, 1), 0.5, {"role": "мэр"}, rule)


def test_shrink_moves_towards_the_prior_with_few_claims():
    assert shrink(1.0, 1, 0.5) == pytest.approx((1.0 + 5 * 0.5) / 6, abs=1e-3)
    assert shrink(0.9, 1000, 0.5) == pytest.approx(0.9, abs=0.01)


def test_rule_key_separates_posts_without_an_object():
    assert rule_key(_rel("post-before-name")) == "holdsPosition/post-before-name"
    assert rule_key(_rel("post-before-name", False)) == "holdsPosition/post-before-name/no-object"
    assert (
        rule_key(
            Relation(
                "met",
                _rel("x").subject,
                _rel("x").subject,
                Evidence("t", 0, 1),
                0.5,
                {},
                "cue:встретиться",
            )
        )
        == "met/cue"
    )


def test_the_shipped_table_holds_measured_rules_in_range():
    t = table()
    assert "holdsPosition/post-before-name" in t
    assert all(0.0 <= v <= 1.0 for v in t.values())


def test_extraction_uses_the_calibrated_confidence(seed_extraction):
    t = table()
    for r in seed_extraction.relations:
        if rule_key(r) in t:
            assert r.confidence == t[rule_key(r)]
