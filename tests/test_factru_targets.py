"""Extraction quality on the factRuEval-2016 development set stays at its targets."""

from __future__ import annotations

from pathlib import Path

from kg.evaluate.factru import load_gold, score
from kg.extract import extract
from kg.model import Article
from kg.triples import records

DEVSET = Path(__file__).parent.parent / "benchmarks" / "data" / "factru" / "devset"


def test_occupation_and_meeting_f1(pipeline):
    gold = load_gold(DEVSET)
    predicted = {
        doc_id: records(
            extract(Article(id=doc_id, text=Path(doc.text_path).read_text("utf-8")), pipeline)
        )
        for doc_id, doc in gold.items()
    }
    report = score(gold, predicted)
    assert report.scores["Occupation"].f1 >= 0.75, report.scores["Occupation"]
    assert report.scores["Meeting"].f1 >= 0.55, report.scores["Meeting"]
