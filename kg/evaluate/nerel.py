"""The NEREL measures of one folder from one reading of it: names and relations."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from kg.evaluate.names import NamesReport, read_folder, score_names
from kg.evaluate.nerel_relations import RelationsReport, score_relations
from kg.evaluate.run import extract_articles

__all__ = ["evaluate_nerel"]


def evaluate_nerel(
    folder: Path | str,
    pipeline: Any = None,
    on_document: Callable[[str], None] | None = None,
) -> tuple[NamesReport, RelationsReport]:
    """Extract every document of a NEREL folder with kg; score its names and its relations."""
    docs, articles, shifts = read_folder(folder)
    extractions = extract_articles(articles, pipeline, on_document)
    return score_names(docs, extractions, shifts), score_relations(docs, extractions, shifts)
