"""`kg extract`: the triples export or the mentions export of articles, without a store."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import typer

from kg.cli.options import OutputOpt, PathsArg, StrictOpt
from kg.cli.output import err, writing
from kg.cli.reading import end, peeked, readable

__all__ = ["ExtractFormat", "extract"]


class ExtractFormat(StrEnum):
    """What `kg extract` writes."""

    jsonl = "jsonl"
    mentions = "mentions"


def extract(
    paths: PathsArg,
    format: Annotated[ExtractFormat, typer.Option("--format", "-f")] = ExtractFormat.jsonl,
    output: OutputOpt = None,
    strict: StrictOpt = False,
) -> None:
    """Print the triples export or the mentions export, without a store.

    `jsonl`: one JSON line per relation; `mentions`: one JSON line per mention with the
    entity it resolved to."""
    from kg.export.triples import mention_records, records
    from kg.extract import extract as run
    from kg.nlp import load_pipeline

    items = peeked(paths, strict)
    pipeline = load_pipeline()
    export = mention_records if format is ExtractFormat.mentions else records
    skipped: list[str] = []
    lines = 0
    with writing(output) as stream:  # written as the articles come (memory stays flat)
        for article in readable(items, strict, skipped):
            for r in export(run(article, pipeline)):
                stream.write(json.dumps(r, ensure_ascii=False) + "\n")
                lines += 1
    if output:
        what = "mention" if format is ExtractFormat.mentions else "relation"
        err.print(f"wrote {lines} {what}(s) to {output}")
    end(skipped)
