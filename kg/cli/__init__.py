"""The `kg` command: build, extract, query, export, view, stats and eval."""

from __future__ import annotations

import itertools
import json
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from kg.cli.options import (
    AroundOpt,
    DepthOpt,
    MinWeightOpt,
    PredicateOpt,
    SinceOpt,
    StoreOpt,
    TypeOpt,
    UntilOpt,
)
from kg.cli.serve import serve as serve_command
from kg.cli.validate import validate as validate_command
from kg.io.articles import InputError, read_all
from kg.store import DEFAULT_STORE, StoreError

if TYPE_CHECKING:
    import networkx as nx

    from kg.build.builder import BuildReport

app = typer.Typer(
    help="kg: a knowledge graph of who met whom, who signed what and who holds which post, "
    "read from Russian news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Score extraction against hand readings.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

# No console markup: article ids, file names, labels and evidence are printed as they are
# ("[/]" in a name would otherwise be read as a tag, and fail).
out = Console(soft_wrap=True, markup=False)
err = Console(stderr=True, markup=False)


def fail(message: str, code: int = 2) -> None:
    """Print a one-line error and exit with `code`."""
    err.print(Text.assemble(("error:", "bold red"), f" {message}"), highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _progress() -> Progress:
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
        console=err,
        disable=not err.is_terminal,
    )


def _open(store: str, create: bool = False):
    from kg.store import open_store

    try:
        return open_store(store, create=create, read_only=not create)
    except StoreError as e:
        fail(str(e))


StrictOpt = Annotated[
    bool, typer.Option("--strict", help="Stop at the first unreadable article (exit 2).")
]


def _articles(paths: list[Path], strict: bool = False) -> tuple[list, list[str]]:
    """The readable articles and one line per skipped one; with `strict`, the first problem
    ends the run. Nothing readable at all is an error (exit 2)."""
    skipped: list[str] = []
    return list(_readable(_peeked(paths, strict), strict, skipped)), skipped


def _readable(items: Iterable, strict: bool, skipped: list[str]) -> Iterator:
    """The articles among `items`; each problem is said and added to `skipped` (with
    `strict`, the first ends the run)."""
    for item in items:
        if not isinstance(item, InputError):
            yield item
            continue
        if strict:
            fail(str(item))
        skipped.append(str(item))
        _say_skipped(str(item))


def _say_skipped(line: str) -> None:
    err.print(Text.assemble(("skipped:", "yellow"), f" {line}"), highlight=False, soft_wrap=True)


def _end(skipped: list[str]) -> None:
    """Exit 1 after a run that skipped articles."""
    if skipped:
        err.print(f"{len(skipped)} article(s) skipped", highlight=False)
        raise typer.Exit(1)


PathsArg = Annotated[
    list[Path], typer.Argument(help="Files (.txt, .html, .jsonl) and folders of them.")
]
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


def _peeked(paths: list[Path], strict: bool) -> Iterator:
    """The inputs with at least one readable article among them: the problems before the
    first are checked here, so that nothing readable at all is an error (exit 2) and leaves
    no store behind."""
    items = read_all(paths)
    head: list = []
    try:
        for item in items:
            if isinstance(item, InputError) and strict:
                fail(str(item))
            head.append(item)
            if not isinstance(item, InputError):
                break
    except InputError as e:  # a path that does not exist, a folder with no articles
        fail(str(e))
    if not head or isinstance(head[-1], InputError):
        lines = [str(e) for e in head]
        fail(
            lines[0]
            if len(lines) == 1
            else f"no readable article ({len(lines)} skipped: {lines[0]} ...)"
        )
    return itertools.chain(head, items)


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


@app.command()
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
    from kg.build.builder import build_store, count_records
    from kg.build.parallel import SchedulerError, available_cores, submitter
    from kg.store import count_triples

    try:
        total = count_records(paths)
    except InputError as e:
        fail(str(e))
    items = _peeked(paths, strict)
    workers = min(workers or available_cores(), total)
    ds = _open(store, create=True)
    try:
        with submitter(workers, scheduler) as submit, _progress() as bar:
            report = build_store(
                items,
                ds,
                submit,
                window=4 * max(workers, 2),
                force=force,
                strict=strict,
                on_skip=_say_skipped,
                on_progress=_Progress(bar, total),
            )
    except (SchedulerError, InputError) as e:
        ds.close()
        fail(str(e))
    triples = count_triples(ds)
    ds.close()
    if report.interrupted:
        fail(
            f"interrupted: {report.written} article(s) written to {store}; "
            "run the same command again to go on",
            130,
        )
    unchanged = f", {report.unchanged} unchanged since the last build" if report.unchanged else ""
    out.print(f"built {report.written} article(s) into {store}: {triples} triples{unchanged}")
    core = {p: c for p, c in report.relations.items() if not p.startswith("verb:")}
    opened = sum(c for p, c in report.relations.items() if p.startswith("verb:"))
    if core or opened:
        out.print(
            "relations: "
            + ", ".join(f"{p} {c}" for p, c in sorted(core.items()))
            + (f"; open relations (verb:…) {opened}" if opened else "")
        )
    types = Counter(report.entity_types.values())
    if types:
        out.print("related entities: " + ", ".join(f"{t} {c}" for t, c in sorted(types.items())))
    if report.links:
        out.print(f"people linked across articles: {report.links}")
    _end(report.skipped)


class ExtractFormat(StrEnum):
    """What `kg extract` writes."""

    jsonl = "jsonl"
    mentions = "mentions"


@app.command()
def extract(
    paths: PathsArg,
    format: Annotated[ExtractFormat, typer.Option("--format", "-f")] = ExtractFormat.jsonl,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here.")] = None,
    strict: StrictOpt = False,
) -> None:
    """Print the triples export or the mentions export, without a store.

    `jsonl`: one JSON line per relation; `mentions`: one JSON line per mention with the
    entity it resolved to."""
    from kg.export.triples import mention_records, records
    from kg.extract import extract as run
    from kg.nlp import load_pipeline

    items = _peeked(paths, strict)
    pipeline = load_pipeline()
    export = mention_records if format is ExtractFormat.mentions else records
    skipped: list[str] = []
    lines = 0
    # written as the articles come (memory stays flat)
    with _writing(output) as stream:
        for article in _readable(items, strict, skipped):
            for r in export(run(article, pipeline)):
                stream.write(json.dumps(r, ensure_ascii=False) + "\n")
                lines += 1
    if output:
        what = "mention" if format is ExtractFormat.mentions else "relation"
        err.print(f"wrote {lines} {what}(s) to {output}")
    _end(skipped)


TABLE_ROWS = 1000  # the most rows `kg query` lays out as a table unless told otherwise


class QueryFormat(StrEnum):
    """How `kg query` prints rows."""

    table = "table"
    csv = "csv"
    json = "json"


@app.command()
def query(
    sparql: Annotated[
        str,
        typer.Argument(
            help="A SPARQL query, a path to a .rq file, or the name of a saved query "
            "(`kg query --list`)."
        ),
    ] = "",
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param",
            "-p",
            help="NAME=VALUE for a saved query's parameter; the value "
            "is bound as a literal, never pasted into the query.",
        ),
    ] = None,
    list_saved: Annotated[bool, typer.Option("--list", help="List the saved queries.")] = False,
    store: StoreOpt = DEFAULT_STORE,
    format: Annotated[QueryFormat, typer.Option("--format", "-f")] = QueryFormat.table,
    max_rows: Annotated[
        int,
        typer.Option(
            "--max-rows",
            min=0,
            help="Most rows the table shows (0: all); csv and json always give every row.",
        ),
    ] = TABLE_ROWS,
) -> None:
    """Run a SPARQL query, or a saved one by name, against the store."""
    from kg.query.saved import UnknownQueryError, list_queries, run_saved
    from kg.query.sparql import QueryError, run_query

    if list_saved:
        for q in list_queries():
            params = " ".join(f"--param {p}=…" for p in q.params)
            out.print(Text.assemble((q.name, "bold"), f" {params}\n  {q.title}"), highlight=False)
        return
    if not sparql:
        fail("give a query, a .rq file or a saved query's name (see `kg query --list`)")
    values = {}
    for p in param or []:
        name, sep, value = p.partition("=")
        if not sep or not name:
            fail(f"--param {p!r}: expected NAME=VALUE")
        values[name] = value
    saved = re.fullmatch(r"[a-z][a-z0-9-]*", sparql) is not None
    text = sparql
    if sparql.endswith(".rq"):
        path = Path(sparql)
        if not path.is_file():
            fail(f"{path}: no such query file")
        text = path.read_text("utf-8")
    ds = _open(store)
    try:
        head, rows = run_saved(ds, sparql, values) if saved else run_query(ds, text)
    except (QueryError, UnknownQueryError, ValueError) as e:
        fail(str(e).strip("'\""))
    finally:
        ds.close()
    if format is QueryFormat.json:
        sys.stdout.write(
            json.dumps(
                [dict(zip(head, r, strict=True)) for r in rows], ensure_ascii=False, indent=1
            )
            + "\n"
        )
    elif format is QueryFormat.csv:
        import csv

        w = csv.writer(sys.stdout)
        w.writerow(head)
        w.writerows(rows)
    else:
        shown = rows[:max_rows] if max_rows else rows
        table = Table(*head, show_lines=False)
        for r in shown:
            table.add_row(*[v or "" for v in r])
        out.print(table)
        if len(shown) < len(rows):  # a table of thousands of rows takes seconds to lay out
            err.print(
                f"{len(shown):,} of {len(rows):,} rows shown; --max-rows 0 shows them all, "
                "--format csv or json gives them as data"
            )
        else:
            err.print(f"{len(rows)} row(s)")


class ExportFormat(StrEnum):
    """The RDF syntaxes `kg export` writes."""

    turtle = "turtle"
    trig = "trig"
    nquads = "nquads"
    jsonld = "jsonld"


@app.command()
def export(
    format: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.turtle,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here.")] = None,
    article: Annotated[
        str | None, typer.Option("--article", "-a", help="Only this article (its id).")
    ] = None,
    store: StoreOpt = DEFAULT_STORE,
) -> None:
    """Write the store, or one article, as Turtle, TriG, N-Quads or JSON-LD.

    Turtle merges the graphs; TriG and N-Quads keep one named graph per article; JSON-LD is
    compacted with ontologies/context.jsonld."""
    from kg.export.serialize import write

    ds = _open(store)
    try:
        with _writing(output, binary=True) as stream:
            write(ds, format.value, stream, article)
    except KeyError as e:
        fail(str(e).strip("'\""))
    except OSError as e:
        fail(f"cannot write {output or 'to standard output'}: {e}")
    finally:
        ds.close()
    if output:
        err.print(f"wrote {output}")


@contextmanager
def _writing(output: Path | None, binary: bool = False):
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
    output.parent.mkdir(parents=True, exist_ok=True)
    part = output.with_name(output.name + ".part")
    try:
        with part.open("wb") if binary else part.open("w", encoding="utf-8") as stream:
            yield stream
        part.replace(output)
    finally:
        part.unlink(missing_ok=True)


def _emit(data: str, output: Path | None, done: str) -> None:
    """Write `data` to the file `output` (saying `done` on stderr), or to standard output."""
    with _writing(output) as stream:
        stream.write(data)
    if output:
        err.print(done)


def _network(
    store: str,
    predicate: list[str] | None,
    types: list[str] | None,
    since: str | None,
    until: str | None,
    min_weight: int,
    around: str | None,
    depth: int,
) -> nx.MultiDiGraph:
    """The actor network of the store, filtered, and cut to the ego network of `around`."""
    from kg.network.analytics import ego, filter_graph
    from kg.network.graph import actor_graph

    ds = _open(store)
    g = actor_graph(ds)
    ds.close()
    g = filter_graph(g, predicate, types, since, until, min_weight)
    if around:
        try:
            g = ego(g, around, depth)
        except KeyError as e:
            fail(str(e).strip("'\""))
    return g


class Centrality(StrEnum):
    """The centrality that sizes the view's nodes."""

    degree = "degree"
    betweenness = "betweenness"


@app.command()
def view(
    output: Annotated[Path, typer.Option("--output", "-o")] = Path("out/actors.html"),
    size: Annotated[
        Centrality, typer.Option("--size", help="Node size by this centrality.")
    ] = Centrality.degree,
    predicate: PredicateOpt = None,
    type: TypeOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    min_weight: MinWeightOpt = 1,
    around: AroundOpt = None,
    depth: DepthOpt = 1,
    store: StoreOpt = DEFAULT_STORE,
) -> None:
    """Write the actor network as one self-contained, offline HTML page.

    The filters are `kg network`'s; in the page, click an edge for its evidence, search names
    and filter by relation and entity type."""
    from kg.network.view import write_view

    g = _network(store, predicate, type, since, until, min_weight, around, depth)
    title = f"kg: actor network around {around}" if around else "kg: actor network"
    write_view(g, output, title=title, size_by=size.value)
    out.print(f"wrote {output}: {g.number_of_nodes()} actors, {g.number_of_edges()} relations")


class NetworkFormat(StrEnum):
    """What `kg network` writes."""

    table = "table"
    graphml = "graphml"
    gexf = "gexf"
    json = "json"


@app.command()
def network(
    format: Annotated[NetworkFormat, typer.Option("--format", "-f")] = NetworkFormat.table,
    top: Annotated[int, typer.Option(help="How many entities the ranking shows.")] = 20,
    predicate: PredicateOpt = None,
    type: TypeOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    min_weight: MinWeightOpt = 1,
    around: AroundOpt = None,
    depth: DepthOpt = 1,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here.")] = None,
    store: StoreOpt = DEFAULT_STORE,
) -> None:
    """Rank the actor network by centrality, or write it for Gephi (GraphML, GEXF, JSON).

    Filters by relation, entity type, dates and weight; `--around` keeps an ego network;
    communities are Louvain's."""
    from kg.network.analytics import ranking, to_file

    g = _network(store, predicate, type, since, until, min_weight, around, depth)
    if format is not NetworkFormat.table:
        done = f"wrote {output}: {g.number_of_nodes()} actors, {g.number_of_edges()} relations"
        _emit(to_file(g, format.value), output, done)
        return
    table = Table("label", "type", "links", "degree", "betweenness", "community")
    for r in ranking(g, top):
        table.add_row(
            r["label"],
            r["type"] or "",
            str(r["links"]),
            f"{r['degree']:.4f}",
            f"{r['betweenness']:.4f}",
            str(r["community"]),
        )
    out.print(table)
    err.print(f"{g.number_of_nodes()} actors, {g.number_of_edges()} relations")


@app.command()
def stats(store: StoreOpt = DEFAULT_STORE) -> None:
    """Articles, entities by type and relations by predicate in the store."""
    from kg.query.sparql import store_stats

    ds = _open(store)
    s = store_stats(ds)
    ds.close()
    table = Table("what", "count")
    for k, v in s.items():
        table.add_row(k, str(v))
    out.print(table)


@app.command()
def entities(
    type: Annotated[
        str | None, typer.Option("--type", "-t", help="Person, Organization, Place or Product.")
    ] = None,
    search: Annotated[str | None, typer.Option("--search", help="Part of a name or alias.")] = None,
    format: Annotated[QueryFormat, typer.Option("--format", "-f")] = QueryFormat.table,
    store: StoreOpt = DEFAULT_STORE,
) -> None:
    """The resolved entities with their aliases, mention counts and articles."""
    from kg.model import ENTITY_TYPES
    from kg.query.sparql import list_entities

    if type and type not in ENTITY_TYPES:
        fail(f"unknown type {type!r} (one of {', '.join(ENTITY_TYPES)})")
    ds = _open(store)
    rows = list_entities(ds, type, search)
    ds.close()
    if format is QueryFormat.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
        return
    if format is QueryFormat.csv:
        import csv

        w = csv.writer(sys.stdout)
        w.writerow(["label", "type", "mentions", "articles", "aliases", "id"])
        for r in rows:
            w.writerow(
                [
                    r["label"],
                    r["type"],
                    r["mentions"],
                    len(r["articles"]),
                    "|".join(r["aliases"]),
                    r["id"],
                ]
            )
        return
    table = Table("label", "type", "mentions", "articles", "aliases")
    for r in rows:
        table.add_row(
            r["label"],
            r["type"],
            str(r["mentions"]),
            str(len(r["articles"])),
            ", ".join(r["aliases"]),
        )
    out.print(table)
    err.print(f"{len(rows)} entit{'y' if len(rows) == 1 else 'ies'}")


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
    rows = [r for a in _articles([path], strict=True)[0] for r in records(run(a))]
    out.print(format_gold_report(score_reading(gold, rows)), highlight=False)


def _devset(folder: Path) -> int:
    """The number of documents in a factRuEval folder (a one-line error when there are none)."""
    from kg.evaluate.factru import load_gold

    if not folder.is_dir():
        fail(f"{folder}: no such folder")
    n = len(load_gold(folder))
    if not n:
        fail(f"{folder}: no factRuEval documents here")
    return n


def _scored(folder: Path, evaluate_folder):
    """Run an evaluation over a factRuEval folder with a progress bar; its report."""
    from kg.nlp import load_pipeline

    n = _devset(folder)
    pipeline = load_pipeline()
    with _progress() as bar:
        task = bar.add_task("extracting", total=n, rate="")
        return evaluate_folder(folder, pipeline, on_document=lambda _: bar.advance(task))


@eval_app.command("factru")
def eval_factru(
    folder: Annotated[Path, typer.Argument(help="A factRuEval-format folder (devset).")],
    details: Annotated[bool, typer.Option(help="Print every hit and miss.")] = False,
) -> None:
    """Score Occupation and Meeting facts against a factRuEval-2016 folder."""
    from kg.evaluate.factru import evaluate_folder, format_report

    out.print(format_report(_scored(folder, evaluate_folder), details=details), highlight=False)


@eval_app.command("coref")
def eval_coref(
    folder: Annotated[Path, typer.Argument(help="A factRuEval-format folder (devset).")],
    details: Annotated[bool, typer.Option(help="List the worst merges and splits.")] = False,
) -> None:
    """B-cubed precision and recall of mention clustering, within and across documents."""
    from kg.evaluate.coref import evaluate_folder, format_coref_report

    report = _scored(folder, evaluate_folder)
    out.print(format_coref_report(report, details=details), highlight=False)


app.command("validate")(validate_command)
app.command("serve")(serve_command)
