"""kg run over every document of an evaluation folder, for the scorers to read."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from kg.evaluate.factru_files import documents
from kg.model import Article, Extraction

__all__ = ["extract_articles", "extract_folder"]


def extract_articles(
    articles: Iterable[Article],
    pipeline: Any = None,
    on_document: Callable[[str], None] | None = None,
    calibrated: bool = True,
) -> dict[str, Extraction]:
    """Everything kg reads from each article, by article id."""
    from kg.extract import extract
    from kg.nlp import load_pipeline

    pipeline = pipeline if pipeline is not None else load_pipeline()
    out = {}
    for article in articles:
        out[article.id] = extract(article, pipeline, calibrated=calibrated)
        if on_document is not None:
            on_document(article.id)
    return out


def extract_folder(
    folder: Path | str,
    pipeline: Any = None,
    on_document: Callable[[str], None] | None = None,
    calibrated: bool = True,
) -> dict[str, Extraction]:
    """Everything kg reads from each annotated document of a factRuEval folder (its text as
    it is, no header read), by document id."""
    articles = (
        Article(id=doc_id, text=path.read_text(encoding="utf-8"))
        for doc_id, path in documents(Path(folder)).items()
    )
    return extract_articles(articles, pipeline, on_document, calibrated)
