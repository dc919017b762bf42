"""kg run over every document of a factRuEval folder, for the scorers to read."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from kg.evaluate.factru_files import documents
from kg.model import Article, Extraction

__all__ = ["extract_folder"]


def extract_folder(
    folder: Path | str,
    pipeline: Any = None,
    on_document: Callable[[str], None] | None = None,
    calibrated: bool = True,
) -> dict[str, Extraction]:
    """Everything kg reads from each annotated document of a folder, by document id."""
    from kg.extract import extract
    from kg.nlp import load_pipeline

    pipeline = pipeline if pipeline is not None else load_pipeline()
    out = {}
    for doc_id, path in documents(Path(folder)).items():
        text = path.read_text(encoding="utf-8")
        out[doc_id] = extract(Article(id=doc_id, text=text), pipeline, calibrated=calibrated)
        if on_document is not None:
            on_document(doc_id)
    return out
