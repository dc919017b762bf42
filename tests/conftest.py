"""Shared fixtures: the natasha pipeline and the seed article, loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_601ee94027aa536c.txt"
SEED_GOLD = ROOT / "tests" / "data" / "gold" / "000_601ee94027aa536c.json"


@pytest.fixture(scope="session")
def pipeline():
    """natasha's models, loaded once."""
    from kg.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def seed_article():
    """The seed article as kg reads it."""
    from kg.io.articles import read_file

    return next(read_file(SEED))


@pytest.fixture(scope="session")
def seed_extraction(seed_article, pipeline):
    """Everything extracted from the seed article."""
    from kg.extract import extract

    return extract(seed_article, pipeline)


@pytest.fixture(scope="session")
def extract_text(pipeline):
    """A function: Russian text (and an optional date) → triples export rows."""
    from kg.export.triples import records
    from kg.extract import extract
    from kg.model import Article

    def run(text: str, date: str | None = "2025-11-10") -> list[dict]:
        return records(extract(Article(id="t", text=text, date=date), pipeline))

    return run
