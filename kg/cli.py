"""The `kg` command: build, extract, query, export, view, stats and eval."""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from kg.articles import InputError, read_all
from kg.cli_options import StoreOpt
from kg.cli_serve import serve as serve_command
from kg.cli_validate import validate as validate_command
from kg.store import DEFAULT_STORE, StoreError

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
        return open_store(store, create=create)
    except StoreError as e:
        fail(str(e))


StrictOpt = Annotated[
    bool, typer.Option("--strict", help="Stop at the first unreadable article (exit 2).")
]


def _articles(paths: list[Path], strict: bool = False) -> tuple[list, list[str]]:
    """The readable articles and one line per skipped one; with `strict`, the first problem
    ends the run. Nothing readable at all is an error (exit 2)."""
    articles, skipped = [], []
    try:
        for item in read_all(paths):
            if isinstance(item, InputError):
                if strict:
                    fail(str(item))
                skipped.append(str(item))
            else:
                articles.append(item)
    except InputError as e:  # a path that does not exist, a folder with no articles
        fail(str(e))
    if not articles:
        fail(
            skipped[0]
            if len(skipped) == 1
            else f"no readable article ({len(skipped)} skipped: {skipped[0]} ...)"
        )
    for line in skipped:
        skip = Text.assemble(("skipped:", "yellow"), f" {line}")
        err.print(skip, highlight=False, soft_wrap=True)
    return articles, skipped


def _end(skipped: list[str]) -> None:
    """Exit 1 after a run that skipped articles."""
    if skipped:
        err.print(f"{len(skipped)} article(s) skipped", highlight=False)
        raise typer.Exit(1)


@app.command()
def build(
    paths: Annotated[list[Path], typer.Argument(help="Files (.txt, .jsonl) and folders.")],
    store: StoreOpt = DEFAULT_STORE,
    strict: StrictOpt = False,
) -> None:
    """Read articles, extract their claims and write one named graph per article.

    Unreadable articles are skipped with a one-line reason (exit 1 at the end); `--strict`
    stops at the first (exit 2)."""
    import time

    from kg.extract import extract
    from kg.link import write_links
    from kg.nlp import load_pipeline
    from kg.store import count_triples, write_article

    articles, skipped = _articles(paths, strict)
    ds = _open(store, create=True)
    pipeline = load_pipeline()
    started = time.perf_counter()
    relations: Counter = Counter()
    entity_types: dict[str, str] = {}
    with _progress() as bar:
        task = bar.add_task("extracting", total=len(articles), rate="")
        for n, article in enumerate(articles, 1):
            x = extract(article, pipeline)
            write_article(ds, x)
            relations.update(r.predicate for r in x.relations)
            for r in x.relations:
                for e in (r.subject, r.object):
                    if e is not None:
                        entity_types[e.key] = e.type
            rate = n / max(time.perf_counter() - started, 1e-9)
            bar.update(task, advance=1, rate=f"{rate:.1f} articles/s")
            if not err.is_terminal:
                err.print(f"{n}/{len(articles)} {article.id}", highlight=False)
    links = write_links(ds)
    total = count_triples(ds)
    ds.close()
    out.print(f"built {len(articles)} article(s) into {store}: {total} triples")
    core = {p: c for p, c in relations.items() if not p.startswith("verb:")}
    opened = sum(c for p, c in relations.items() if p.startswith("verb:"))
    out.print(
        "relations: "
        + ", ".join(f"{p} {c}" for p, c in sorted(core.items()))
        + (f"; open relations (verb:…) {opened}" if opened else "")
    )
    types = Counter(entity_types.values())
    out.print("related entities: " + ", ".join(f"{t} {c}" for t, c in sorted(types.items())))
    if links:
        out.print(f"people linked across articles: {links}")
    _end(skipped)


class ExtractFormat(StrEnum):
    jsonl = "jsonl"
    mentions = "mentions"


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Files (.txt, .jsonl) and folders.")],
    format: Annotated[ExtractFormat, typer.Option("--format", "-f")] = ExtractFormat.jsonl,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here.")] = None,
    strict: StrictOpt = False,
) -> None:
    """Print the triples export or the mentions export, without a store.

    `jsonl`: one JSON line per relation; `mentions`: one JSON line per mention with the
    entity it resolved to."""
    from kg.extract import extract as run
    from kg.nlp import load_pipeline
    from kg.triples import mention_records, records

    articles, skipped = _articles(paths, strict)
    pipeline = load_pipeline()
    export = mention_records if format is ExtractFormat.mentions else records
    lines = []
    for a in articles:
        lines += [json.dumps(r, ensure_ascii=False) for r in export(run(a, pipeline))]
    text = "".join(line + "\n" for line in lines)
    if output:
        output.write_text(text, "utf-8")
        what = "mention" if format is ExtractFormat.mentions else "relation"
        err.print(f"wrote {len(lines)} {what}(s) to {output}")
    else:
        sys.stdout.write(text)
    _end(skipped)


class QueryFormat(StrEnum):
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
) -> None:
    """Run a SPARQL query, or a saved one by name, against the store."""
    from kg.query import QueryError, run_query
    from kg.saved_queries import UnknownQueryError, list_queries, run_saved

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
        table = Table(*head, show_lines=False)
        for r in rows:
            table.add_row(*[v or "" for v in r])
        out.print(table)
        err.print(f"{len(rows)} row(s)")


class ExportFormat(StrEnum):
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
    from kg.export import serialize

    ds = _open(store)
    try:
        data = serialize(ds, format.value, article)
    except KeyError as e:
        fail(str(e).strip("'\""))
    finally:
        ds.close()
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(data, "utf-8")
        err.print(f"wrote {output}")
    else:
        sys.stdout.write(data)


@app.command()
def view(
    output: Annotated[Path, typer.Option("--output", "-o")] = Path("out/actors.html"),
    store: StoreOpt = DEFAULT_STORE,
) -> None:
    """Write the actor network as one self-contained, offline HTML page."""
    from kg.network import actor_graph
    from kg.view import write_view

    ds = _open(store)
    g = actor_graph(ds)
    ds.close()
    output.parent.mkdir(parents=True, exist_ok=True)
    write_view(g, output)
    out.print(f"wrote {output}: {g.number_of_nodes()} actors, {g.number_of_edges()} relations")


class NetworkFormat(StrEnum):
    table = "table"
    graphml = "graphml"
    gexf = "gexf"
    json = "json"


@app.command()
def network(
    format: Annotated[NetworkFormat, typer.Option("--format", "-f")] = NetworkFormat.table,
    top: Annotated[int, typer.Option(help="How many entities the ranking shows.")] = 20,
    predicate: Annotated[list[str] | None, typer.Option(help="Only these relations.")] = None,
    type: Annotated[
        list[str] | None, typer.Option("--type", "-t", help="Only these entity types.")
    ] = None,
    since: Annotated[str | None, typer.Option(help="Articles from this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Articles up to this date.")] = None,
    min_weight: Annotated[
        int, typer.Option(help="Relations stated in at least this many articles.")
    ] = 1,
    around: Annotated[
        str | None, typer.Option(help="Only the network around this entity (its label).")
    ] = None,
    depth: Annotated[int, typer.Option(help="Steps from --around.")] = 1,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here.")] = None,
    store: StoreOpt = DEFAULT_STORE,
) -> None:
    """Rank the actor network by centrality, or write it for Gephi (GraphML, GEXF, JSON).

    Filters by relation, entity type, dates and weight; `--around` keeps an ego network;
    communities are Louvain's."""
    from kg.analytics import ego, filter_graph, ranking, to_file
    from kg.network import actor_graph

    ds = _open(store)
    g = actor_graph(ds)
    ds.close()
    g = filter_graph(g, predicate, type, since, until, min_weight)
    if around:
        try:
            g = ego(g, around, depth)
        except KeyError as e:
            fail(str(e).strip("'\""))
    if format is not NetworkFormat.table:
        data = to_file(g, format.value)
        if output:
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_text(data, "utf-8")
            err.print(
                f"wrote {output}: {g.number_of_nodes()} actors, {g.number_of_edges()} relations"
            )
        else:
            sys.stdout.write(data)
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
    from kg.query import store_stats

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
    from kg.query import list_entities

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
    from kg.extract import extract as run
    from kg.triples import records

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


@eval_app.command("factru")
def eval_factru(
    folder: Annotated[Path, typer.Argument(help="A factRuEval-format folder (devset).")],
    details: Annotated[bool, typer.Option(help="Print every hit and miss.")] = False,
) -> None:
    """Score Occupation and Meeting facts against a factRuEval-2016 folder."""
    from kg.evaluate.factru import evaluate_folder, format_report
    from kg.nlp import load_pipeline

    n = _devset(folder)
    pipeline = load_pipeline()
    with _progress() as bar:
        task = bar.add_task("extracting", total=n, rate="")
        report = evaluate_folder(folder, pipeline, on_document=lambda _: bar.advance(task))
    out.print(format_report(report, details=details), highlight=False)


@eval_app.command("coref")
def eval_coref(
    folder: Annotated[Path, typer.Argument(help="A factRuEval-format folder (devset).")],
    details: Annotated[bool, typer.Option(help="List the worst merges and splits.")] = False,
) -> None:
    """B-cubed precision and recall of mention clustering, within and across documents."""
    from kg.evaluate.coref import evaluate_folder, format_coref_report
    from kg.nlp import load_pipeline

    n = _devset(folder)
    pipeline = load_pipeline()
    with _progress() as bar:
        task = bar.add_task("extracting", total=n, rate="")
        report = evaluate_folder(folder, pipeline, on_document=lambda _: bar.advance(task))
    out.print(format_coref_report(report, details=details), highlight=False)


app.command("validate")(validate_command)
app.command("serve")(serve_command)
