"""Write ontologies/gazetteer.ttl from kg/lexicon/gazetteer.tsv and the known organisations.

Run from the repository root: `.venv/bin/python scripts/make_gazetteer_rdf.py`.
"""

from __future__ import annotations

from pathlib import Path

from kg.rdf.gazetteer import gazetteer_graph

OUT = Path(__file__).resolve().parent.parent / "ontologies" / "gazetteer.ttl"


def main() -> None:
    """Serialise the gazetteer graph as Turtle."""
    g = gazetteer_graph()
    OUT.write_text(g.serialize(format="turtle"), encoding="utf-8")
    print(f"{OUT.name}: {len(g)} triples, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
