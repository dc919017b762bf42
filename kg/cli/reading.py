"""The articles a command reads: the readable ones passed on, each unreadable one said in one
line and counted, and nothing readable at all an error."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from pathlib import Path

import typer

from kg.cli.output import err, fail, say_skipped
from kg.errors import InputError
from kg.io.articles import read_all
from kg.model import Article

__all__ = ["peeked", "readable", "articles", "end"]


def peeked(paths: list[Path], strict: bool) -> Iterator[Article | InputError]:
    """The inputs with at least one readable article among them: the problems before the
    first are checked here, so that nothing readable at all is an error (exit 2) and leaves
    no store behind."""
    items = read_all(paths)
    head: list = []
    for item in items:  # a path that does not exist, a folder with no articles: raised
        if isinstance(item, InputError) and strict:
            raise item
        head.append(item)
        if not isinstance(item, InputError):
            break
    if not head or isinstance(head[-1], InputError):
        lines = [str(e) for e in head]
        fail(
            lines[0]
            if len(lines) == 1
            else f"no readable article ({len(lines)} skipped: {lines[0]} ...)"
        )
    return itertools.chain(head, items)


def readable(items: Iterable, strict: bool, skipped: list[str]) -> Iterator[Article]:
    """The articles among `items`; each problem is said and added to `skipped` (with
    `strict`, the first ends the run)."""
    for item in items:
        if not isinstance(item, InputError):
            yield item
            continue
        if strict:
            raise item
        skipped.append(str(item))
        say_skipped(str(item))


def articles(paths: list[Path], strict: bool = False) -> tuple[list[Article], list[str]]:
    """The readable articles and one line per skipped one."""
    skipped: list[str] = []
    return list(readable(peeked(paths, strict), strict, skipped)), skipped


def end(skipped: list[str]) -> None:
    """Exit 1 after a run that skipped articles."""
    if skipped:
        err.print(f"{len(skipped)} article(s) skipped", highlight=False)
        raise typer.Exit(1)
