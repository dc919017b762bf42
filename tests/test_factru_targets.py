"""Extraction quality on the factRuEval-2016 development set stays at its targets."""

from __future__ import annotations

from pathlib import Path

from kg.evaluate.factru import evaluate_folder

DEVSET = Path(__file__).parent.parent / "benchmarks" / "data" / "factru" / "devset"


def test_occupation_and_meeting_f1(pipeline):
    report = evaluate_folder(DEVSET, pipeline)
    assert report.scores["Occupation"].f1 >= 0.75, report.scores["Occupation"]
    assert report.scores["Meeting"].f1 >= 0.55, report.scores["Meeting"]
