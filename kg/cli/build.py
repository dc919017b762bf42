"""`kg build`: articles in, one named graph per article in the store."""

from __future__ import annotations

import time
from collections import Counter
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import Progress

from kg.cli.options import PathsArg, StoreOpt, StrictOpt
from kg.cli.output import err, opened, out, progress, say_skipped
from kg.cli.reading import end, peeked
from kg.errors import Interrupted
from kg.io.articles import count_records
from kg.store import DEFAULT_STORE

if TYPE_CHECKING:
    from kg.build.builder import BuildReport

__all__ = ["build"]

WorkersOpt = Annotated[
    int,
    typer.Option(
        "--workers", "-w", min=0, help="Extraction processes (0: one per core).", show_default=True
    ),
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        metavar="ADDRESS",
        help="Extract on a Dask cluster, e.g. tcp://10.0.0.5:8786 (needs kg[dask]).",
    ),
]
ForceOpt = Annotated[
    bool, typer.Option("--force", help="Extract every article again, changed or not.")
]


class _Progress:
    """The build's progress: a bar with articles/s and ETA on a terminal, else a log line
    at most every second."""

    def __init__(self, bar: Progress, total: int) -> None:
        self.bar, self.total = bar, total
        self.task = bar.add_task("extracting", total=total, rate="")
        self.started = self.logged = time.monotonic()
        self.shown = -1

    def __call__(self, report: BuildReport) -> None:
        now = time.monotonic()
        rate = report.written / max(now - self.started, 1e-9)
        self.bar.update(self.task, completed=report.done, rate=f"{rate:.1f} articles/s")
        due = now - self.logged >= 1 or report.done >= self.total
        if not err.is_terminal and due and report.done != self.shown:
            self.logged, self.shown = now, report.done
            err.print(
                f"{report.done}/{self.total} articles: {report.written} written, "
                f"{report.unchanged} unchanged, {len(report.skipped)} skipped "
                f"({rate:.1f} articles/s)",
                highlight=False,
            )


def _summary(report: BuildReport, location: str, quads: int) -> None:
    unchanged = f", {report.unchanged} unchanged since the last build" if report.unchanged else ""
    out.print(f"built {report.written} article(s) into {location}: {quads} quads{unchanged}")
    core = {p: c for p, c in report.relations.items() if not p.startswith("verb:")}
    opened_ = sum(c for p, c in report.relations.items() if p.startswith("verb:"))
    if core or opened_:
        out.print(
            "relations: "
            + ", ".join(f"{p} {c}" for p, c in sorted(core.items()))
            + (f"; open relations (verb:…) {opened_}" if opened_ else "")
        )
    types = Counter(report.entity_types.values())
    if types:
        out.print("related entities: " + ", ".join(f"{t} {c}" for t, c in sorted(types.items())))
    if report.links:
        out.print(f"people linked across articles: {report.links}")


def build(
    paths: PathsArg,
    store: StoreOpt = DEFAULT_STORE,
    workers: WorkersOpt = 0,
    scheduler: SchedulerOpt = None,
    force: ForceOpt = False,
    strict: StrictOpt = False,
) -> None:
    """Read articles, extract their claims and write one named graph per article.

    Articles unchanged since the last build are not extracted again; an interrupted build
    goes on where it stopped when run again. Unreadable articles are skipped with a one-line
    reason (exit 1 at the end); `--strict` stops at the first (exit 2)."""
    from kg.build.builder import build_store
    from kg.build.parallel import available_cores, submitter

    total = count_records(paths)
    items = peeked(paths, strict)
    workers = min(workers or available_cores(), total)
    with opened(store, create=True) as target:
        with submitter(workers, scheduler) as submit, progress() as bar:
            report = build_store(
                items,
                target,
                submit,
                window=4 * max(workers, 2),
                force=force,
                strict=strict,
                on_skip=say_skipped,
                on_progress=_Progress(bar, total),
            )
        quads = target.count()
    if report.interrupted:
        raise Interrupted(
            f"interrupted: {report.written} article(s) written to {store}; "
            "run the same command again to go on"
        )
    _summary(report, store, quads)
    end(report.skipped)
