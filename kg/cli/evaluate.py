"""`kg eval`: extraction scored against hand readings (a gold reading, factRuEval-2016)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from kg.cli.output import fail, out, progress
from kg.cli.reading import articles

__all__ = ["eval_app"]

eval_app = typer.Typer(help="Score extraction against hand readings.", no_args_is_help=True)

FolderArg = Annotated[Path, typer.Argument(help="A factRuEval-format folder (devset).")]


@eval_app.command("gold")
def eval_gold(
    reading: Annotated[Path, typer.Argument(help="A gold reading (.json).")],
    article: Annotated[
        Path | None,
        typer.Option(
            help="The article; default: from the reading's `source`, or seeds/<article>.txt."
        ),
    ] = None,
) -> None:
    """Score extraction of one article against its gold reading."""
    from kg.evaluate.gold import format_gold_report, load_reading, score_reading
    from kg.export.triples import records
    from kg.extract import extract as run

    if not reading.is_file():
        fail(f"{reading}: no such gold reading")
    try:
        gold = load_reading(reading)
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        fail(f"{reading}: not a gold reading ({e})")
    path = article or Path("seeds") / f"{gold['article']}.txt"
    if not path.is_file():
        fail(f"{path}: article not found (pass --article)")
    rows = [r for a in articles([path], strict=True)[0] for r in records(run(a))]
    out.print(format_gold_report(score_reading(gold, rows)), highlight=False)


def _with_progress(folder: Path, count: Callable, kind: str, run: Callable):
    """`run(on_document)` over a folder of `count(folder)` documents of a `kind`, with a
    progress bar; a missing or empty folder is an error."""
    if not folder.is_dir():
        fail(f"{folder}: no such folder")
    total = count(folder)
    if not total:
        fail(f"{folder}: no {kind} here")
    with progress() as bar:
        task = bar.add_task("extracting", total=total, rate="")
        return run(lambda _: bar.advance(task))


def _scored(folder: Path, score: Callable):
    """Extract every document of a factRuEval folder with a progress bar, and score them."""
    from kg.evaluate.factru_files import documents
    from kg.evaluate.run import extract_folder

    extractions = _with_progress(
        folder,
        lambda f: len(documents(f)),
        "factRuEval documents",
        lambda tick: extract_folder(folder, on_document=tick),
    )
    return score(folder, extractions)


@eval_app.command("factru")
def eval_factru(
    folder: FolderArg,
    details: Annotated[bool, typer.Option(help="Print every hit and miss.")] = False,
) -> None:
    """Score Occupation and Meeting facts against a factRuEval-2016 folder."""
    from kg.evaluate.factru import format_report, score_extractions

    out.print(format_report(_scored(folder, score_extractions), details=details), highlight=False)


@eval_app.command("coref")
def eval_coref(
    folder: FolderArg,
    details: Annotated[bool, typer.Option(help="List the worst merges and splits.")] = False,
) -> None:
    """B-cubed precision and recall of mention clustering, within and across documents."""
    from kg.evaluate.coref import score_extractions
    from kg.evaluate.coref_report import format_coref_report

    report = _scored(folder, score_extractions)
    out.print(format_coref_report(report, details=details), highlight=False)


@eval_app.command("nerel")
def eval_nerel(
    folder: Annotated[Path, typer.Argument(help="A NEREL folder (NAME.txt and NAME.ann).")],
    details: Annotated[
        bool, typer.Option(help="List wrong labels and every relation hit, miss and wrong triple.")
    ] = False,
) -> None:
    """Names and relations against NEREL: labels, one node per entity, line breaks, and the
    triples mapped to NEREL's relation types."""
    from kg.evaluate.names import format_names_report
    from kg.evaluate.nerel import evaluate_nerel
    from kg.evaluate.nerel_files import documents
    from kg.evaluate.nerel_relations import format_relations_report

    names, relations = _with_progress(
        folder,
        lambda f: len(documents(f)),
        "NEREL documents (NAME.txt with NAME.ann)",
        lambda tick: evaluate_nerel(folder, on_document=tick),
    )
    out.print(format_names_report(names, details=details), highlight=False)
    out.print("", highlight=False)
    out.print(format_relations_report(relations, details=details), highlight=False)
