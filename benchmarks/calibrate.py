"""Measure each extraction rule on the factRuEval development set and write the confidence
table `kg/lexicon/confidence.tsv`.

Occupation claims (holdsPosition with an object) are scored by the quality of the best gold
Occupation of their document (who 1, where 1, job 0.5); meeting claims by the quality of
the best gold Meeting. A rule's confidence is its mean quality, pulled towards its prior
when it made few claims (`kg.extract.calibration.shrink`).

Run: .venv/bin/python benchmarks/calibrate.py [--devset DIR] [--dry-run]
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections import defaultdict
from pathlib import Path

from kg.evaluate.factru import (
    meeting_quality,
    occupation_quality,
    predicted_meetings,
    predicted_occupations,
)
from kg.evaluate.factru_gold import load_gold
from kg.evaluate.run import extract_folder
from kg.export.triples import relation_record
from kg.extract.calibration import rule_key, shrink

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "benchmarks" / "data" / "factru" / "devset"
TABLE = ROOT / "kg" / "lexicon" / "confidence.tsv"


def measure(devset: Path) -> dict[str, tuple[float, int, float]]:
    """Rule key → (mean quality, claims, mean prior confidence) on a factRuEval folder."""
    gold = load_gold(devset)
    scores: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for doc_id, x in extract_folder(devset, calibrated=False).items():
        doc = gold[doc_id]
        for r in x.relations:
            row = relation_record(doc_id, r)
            if r.predicate == "holdsPosition" and r.object is not None:
                (fact,) = predicted_occupations([row])
                q = max((occupation_quality(g, fact) for g in doc.occupations), default=0.0)
            elif r.predicate == "met":
                (fact,) = predicted_meetings([row])
                q = max((meeting_quality(g, fact) for g in doc.meetings), default=0.0)
            else:
                continue
            scores[rule_key(r)].append((q, r.confidence))
    return {
        key: (sum(q for q, _ in v) / len(v), len(v), sum(p for _, p in v) / len(v))
        for key, v in sorted(scores.items())
    }


def main() -> None:
    """Measure the rules and write (or print) the confidence table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--devset", type=Path, default=DEVSET)
    ap.add_argument("--dry-run", action="store_true", help="print, do not write the table")
    args = ap.parse_args()
    measured = measure(args.devset)
    lines = [
        "# rule key\tconfidence\tmeasured quality\tclaims\tprior",
        f"# written by benchmarks/calibrate.py on {dt.date.today().isoformat()} "
        f"from {args.devset.name}",
    ]
    print(f"{'rule':38} {'claims':>6} {'quality':>8} {'prior':>6} {'confidence':>10}")
    for key, (quality, n, prior) in measured.items():
        conf = shrink(quality, n, prior)
        print(f"{key:38} {n:6d} {quality:8.3f} {prior:6.3f} {conf:10.3f}")
        lines.append(f"{key}\t{conf}\t{quality:.3f}\t{n}\t{prior:.3f}")
    if not args.dry_run:
        TABLE.write_text("\n".join(lines) + "\n", "utf-8")
        print(f"wrote {TABLE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
