"""Building a store from a stream of articles: skip the unchanged, extract the rest in
parallel, write them in batches of whole articles, link people across articles."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.build.link import write_links
from kg.build.parallel import Submit, ordered, submitter
from kg.build.write import content_hash, stored_hashes, write_articles
from kg.errors import InputError
from kg.io.articles import read_all
from kg.model import Article, Extraction
from kg.rdf.iris import article_iri
from kg.store import Store

__all__ = ["BuildReport", "build", "build_store", "BATCH_ARTICLES", "BATCH_SECONDS"]

BATCH_ARTICLES = 64
"""Articles written in one transaction at most."""
BATCH_SECONDS = 1.0
"""A batch is written at least this often, so an interrupted build loses little."""


@dataclass
class BuildReport:
    """What a build did: articles written, unchanged and skipped, and what they held."""

    written: int = 0
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)
    triples: int = 0
    relations: Counter = field(default_factory=Counter)
    entity_types: dict[str, str] = field(default_factory=dict)
    links: int = 0
    interrupted: bool = False

    @property
    def done(self) -> int:
        """Records dealt with so far: written, unchanged or skipped."""
        return self.written + self.unchanged + len(self.skipped)


def _tally(report: BuildReport, x: Extraction) -> None:
    report.relations.update(r.predicate for r in x.relations)
    for r in x.relations:
        for e in (r.subject, r.object):
            if e is not None:
                report.entity_types[e.key] = e.type


def build_store(
    items: Iterable[Article | InputError],
    store: Store,
    submit: Submit,
    window: int = 8,
    force: bool = False,
    strict: bool = False,
    on_skip: Callable[[str], None] = lambda line: None,
    on_progress: Callable[[BuildReport], None] = lambda report: None,
) -> BuildReport:
    """Extract and write every article of `items` whose content changed since it was last
    written (all of them with `force`), then recompute the person links.

    Problems are skipped with a one-line reason (`strict`: the first raises InputError). A
    Ctrl-C writes the articles already extracted and returns with `interrupted` set: the next
    build goes on from there."""
    report = BuildReport()
    known = {} if force else stored_hashes(store)

    def skip(line: str) -> None:
        if strict:
            raise InputError(line)
        report.skipped.append(line)
        on_skip(line)

    def changed() -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputError):
                skip(str(item))
            elif known.get(str(article_iri(item.id))) == content_hash(item):
                report.unchanged += 1
                on_progress(report)
            else:
                yield item

    batch: list[Extraction] = []
    last = time.monotonic()

    def flush() -> None:
        nonlocal last
        report.triples += write_articles(store, batch)
        report.written += len(batch)
        batch.clear()
        last = time.monotonic()
        on_progress(report)

    try:
        for article, future in ordered(submit, changed(), window):
            try:
                x = future.result()
            except Exception as e:  # a bug on one article must not stop the others
                skip(f"{article.source or article.id}: extraction failed ({type(e).__name__}: {e})")
                continue
            _tally(report, x)
            batch.append(x)
            if len(batch) >= BATCH_ARTICLES or time.monotonic() - last >= BATCH_SECONDS:
                flush()
    except KeyboardInterrupt:
        report.interrupted = True
    except InputError:  # --strict: what was extracted before the problem is kept
        flush()
        raise
    flush()
    if not report.interrupted:
        report.links = write_links(store)
    return report


def _articles(sources: Iterable[Article | Path | str]) -> Iterator[Article | InputError]:
    for source in sources:
        if isinstance(source, Article):
            yield source
        else:
            yield from read_all([Path(source)])


def build(
    sources: Iterable[Article | Path | str],
    store: Store,
    workers: int = 1,
    force: bool = False,
) -> BuildReport:
    """Build articles, and the articles in files and folders, into a store; what cannot be
    read is skipped and listed in the report (`report.skipped`).

    >>> from kg.store import open_store
    >>> with open_store("memory") as store:
    ...     build([Article(id="a", text="Илья Середюк встретился с Андреем Конюшко.")], store)
    BuildReport(written=1, unchanged=0, skipped=[], triples=..., ...)
    """
    with submitter(workers) as submit:
        window = 4 * max(workers, 2)
        return build_store(_articles(sources), store, submit, window=window, force=force)
