"""What every `kg` command shares: the consoles, one-line errors, the store it opens, files
written whole, rows printed as a table, CSV or JSON, and the progress bar."""

from __future__ import annotations

import csv
import json
import os
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from kg.errors import KgError
from kg.store import Store, open_store

__all__ = [
    "out",
    "err",
    "fail",
    "report_error",
    "say_skipped",
    "shown",
    "progress",
    "opened",
    "writing",
    "emit",
    "RowsFormat",
    "print_rows",
]

# No console markup: article ids, file names, labels and evidence are printed as they are
# ("[/]" in a name would otherwise be read as a tag, and fail).
out = Console(soft_wrap=True, markup=False)
err = Console(stderr=True, markup=False)


def fail(message: str) -> NoReturn:
    """Stop the command with a one-line error (exit 2)."""
    raise KgError(message)


def shown(text: str) -> str:
    r"""Text as it is safe to print: control, bidi and zero-width characters written as
    escapes ("\n", "\u202e"), so that a file name or a client's string can neither forge a
    line of its own nor reorder what the terminal shows.

    >>> print(shown("book\nerror: forged.txt"))
    book\nerror: forged.txt
    """
    return "".join(_escaped(c) for c in text)


def _escaped(c: str) -> str:
    if c.isprintable() and unicodedata.category(c) != "Cf":
        return c
    return c.encode("unicode_escape").decode("ascii")


def report_error(e: KgError) -> None:
    """Print an error as one line on standard error, its control characters escaped."""
    err.print(
        Text.assemble(("error:", "bold red"), f" {shown(str(e))}"), highlight=False, soft_wrap=True
    )


def say_skipped(line: str) -> None:
    """Say that an article was skipped, and why (one line, control characters escaped)."""
    err.print(
        Text.assemble(("skipped:", "yellow"), f" {shown(line)}"), highlight=False, soft_wrap=True
    )


def progress() -> Progress:
    """A progress bar on standard error, shown only on a terminal."""
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
        console=err,
        disable=not err.is_terminal,
    )


@contextmanager
def opened(location: str, create: bool = False) -> Iterator[Store]:
    """The store at `location`, closed at the end: read-only (shared with other readers)
    unless it is to be created or written."""
    store = open_store(location, create=create, read_only=not create)
    try:
        yield store
    finally:
        store.close()


@contextmanager
def writing(output: Path | None, binary: bool = False):
    """Standard output, or a `.part` file beside `output` that replaces it once all is written:
    a failed or interrupted run leaves no half-written output."""
    if output is None:
        stream = sys.stdout.buffer if binary else sys.stdout
        try:
            yield stream
            stream.flush()
        except BrokenPipeError:  # the reader (`| head`) has had enough: stop quietly
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(1) from None
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        part = output.with_name(output.name + ".part")
        try:
            with part.open("wb") if binary else part.open("w", encoding="utf-8") as stream:
                yield stream
            part.replace(output)
        finally:
            part.unlink(missing_ok=True)
    except OSError as e:
        fail(f"cannot write {output}: {e.strerror or e}")


def emit(data: str, output: Path | None, done: str) -> None:
    """Write `data` to the file `output` (saying `done` on stderr), or to standard output."""
    with writing(output) as stream:
        stream.write(data)
    if output:
        err.print(done)


class RowsFormat(StrEnum):
    """How rows are printed."""

    table = "table"
    csv = "csv"
    json = "json"


def print_rows(
    fmt: RowsFormat,
    head: Sequence[str],
    rows: Sequence[Sequence[object]],
    data: object = None,
    max_rows: int = 0,
    noun: str | None = "row(s)",
) -> None:
    """Rows as a table (at most `max_rows` of them unless 0, with a count of the `noun` on
    stderr unless it is None), as CSV, or as JSON (`data` if given, else an object a row)."""
    if fmt is RowsFormat.json:
        if data is None:
            data = [dict(zip(head, r, strict=True)) for r in rows]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        return
    if fmt is RowsFormat.csv:
        w = csv.writer(sys.stdout)
        w.writerow(head)
        w.writerows(rows)
        return
    shown = rows[:max_rows] if max_rows else rows
    table = Table(*head, show_lines=False)
    for r in shown:
        table.add_row(*["" if v is None else str(v) for v in r])
    out.print(table)
    if len(shown) < len(rows):  # a table of thousands of rows takes seconds to lay out
        err.print(
            f"{len(shown):,} of {len(rows):,} rows shown; --max-rows 0 shows them all, "
            "--format csv or json gives them as data"
        )
    elif noun is not None:
        err.print(f"{len(rows)} {noun}")
