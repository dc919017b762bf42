"""The benchmarks' articles: the factRuEval devset texts, and longer ones made from them."""

from __future__ import annotations

import re
from pathlib import Path

from kg.io.articles import read_articles
from kg.model import Article

DATA = Path(__file__).resolve().parent / "data" / "factru" / "devset"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def load_articles(limit: int | None = None, data: Path = DATA) -> list[Article]:
    """The factRuEval devset texts as articles, in numeric order, the first `limit` of them."""
    paths = sorted(data.glob("book_*.txt"), key=lambda p: int(re.sub(r"\D", "", p.stem) or 0))
    if limit is not None:
        paths = paths[:limit]
    return [Article(id=p.stem, text=p.read_text("utf-8")) for p in paths]


def seed_articles() -> list[Article]:
    """The articles of `seeds/` (the seed tells of component shares, which the devset does not)."""
    return list(read_articles([SEEDS]))


def long_articles(n: int, per: int = 3) -> list[Article]:
    """`n` real-length articles, each `per` consecutive devset texts joined by a blank line
    (the texts taken round the devset, so ids differ and texts repeat only past 122 / per)."""
    texts = [a.text.strip() for a in load_articles()]
    return [
        Article(
            id=f"long-{i:05d}",
            text="\n\n".join(texts[(i * per + k) % len(texts)] for k in range(per)),
            date=f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
        )
        for i in range(n)
    ]
