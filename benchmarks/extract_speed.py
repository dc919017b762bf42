"""What kg's extraction costs on top of natasha's own stages, measured in one process.

Three passes over the same factRuEval texts, alternated round by round:

* baseline - natasha directly: Doc, segment, tag_morph, parse_syntax, tag_ner, a lemma for
  every token and a normal form for every span;
* parse - `kg.nlp.parse` (the same stages plus conversion into kg's records);
* extract - `kg.extract.extract`, everything kg reads from an article.

The overhead is extract over baseline; the target is at most 25%. Exit status 0 when it holds,
1 when it does not.

    .venv/bin/python benchmarks/extract_speed.py [--articles N] [--repeat R] [--json FILE]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from kg.extract import extract
from kg.model import Article
from kg.nlp import Pipeline, load_pipeline, parse

DATA = Path(__file__).resolve().parent / "data" / "factru" / "devset"
TARGET = 25.0  # per cent: extract may cost at most this much more than the baseline
WARMUP = 5
SPREAD_WARNING = 1.3  # slowest over fastest pass of a stage above which the numbers are suspect
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def load_articles(limit: int | None = None, data: Path = DATA) -> list[Article]:
    """The factRuEval devset texts as articles, in numeric order, the first `limit` of them."""
    paths = sorted(data.glob("book_*.txt"), key=lambda p: int(re.sub(r"\D", "", p.stem) or 0))
    if limit is not None:
        paths = paths[:limit]
    return [Article(id=p.stem, text=p.read_text("utf-8")) for p in paths]


def natasha_stages(text: str, pipeline: Pipeline) -> object:
    """natasha's own stages on a text, lemmas for every token and normal forms for every span."""
    from natasha import Doc

    doc = Doc(text)
    doc.segment(pipeline.segmenter)
    doc.tag_morph(pipeline.morph_tagger)
    doc.parse_syntax(pipeline.syntax_parser)
    doc.tag_ner(pipeline.ner_tagger)
    for token in doc.tokens:
        token.lemmatize(pipeline.morph_vocab)
    for span in doc.spans:
        span.normalize(pipeline.morph_vocab)
    return doc


def timed_pass(
    work: Callable[[Article], object], articles: Sequence[Article]
) -> tuple[float, float]:
    """Wall-clock and CPU seconds one pass of `work` over all articles takes."""
    cpu = time.process_time()
    start = time.perf_counter()
    for article in articles:
        work(article)
    return time.perf_counter() - start, time.process_time() - cpu


def nproc() -> int:
    """The processors this process may run on, as `nproc` counts them."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def load_average() -> float | None:
    """The one-minute load average, None where the platform has none."""
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return None


def cpu_model() -> str:
    """The CPU model name from /proc/cpuinfo (or what the platform module knows)."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def run(
    articles: int | None = None,
    repeat: int = 3,
    pipeline: Pipeline | None = None,
    log: Callable[[str], None] | None = None,
) -> dict:
    """Time baseline, parse and extract passes, alternated `repeat` times; the numbers as a dict."""
    log = log or (lambda _msg: None)
    repeat = max(1, repeat)
    texts = load_articles(articles)
    if not texts:
        raise SystemExit(f"no texts under {DATA}")
    start = time.perf_counter()
    pipeline = pipeline or load_pipeline()
    load_s = time.perf_counter() - start

    passes: dict[str, Callable[[Article], object]] = {
        "baseline": lambda a: natasha_stages(a.text, pipeline),
        "parse": lambda a: parse(a.text, pipeline),
        "extract": lambda a: extract(a, pipeline),
    }
    for article in load_articles(WARMUP):
        for work in passes.values():
            work(article)

    load_before = load_average()
    times: dict[str, list[float]] = {name: [] for name in passes}
    cpu_times: dict[str, list[float]] = {name: [] for name in passes}
    for round_ in range(repeat):
        for name, work in passes.items():
            wall, cpu = timed_pass(work, texts)
            times[name].append(wall)
            cpu_times[name].append(cpu)
            log(f"round {round_ + 1}/{repeat}: {name:<8} {wall:6.2f} s wall, {cpu:6.2f} s cpu")

    n = len(texts)
    stages: dict[str, dict] = {}
    for name, samples in times.items():
        median = statistics.median(samples)
        stages[name] = {
            "seconds": samples,
            "cpu_seconds": cpu_times[name],
            "median_s": median,
            "min_s": min(samples),
            "ms_per_article": 1000 * median / n,
            "articles_per_s": n / median if median > 0 else float("inf"),
        }
    base = stages["baseline"]["median_s"]
    parse_s = stages["parse"]["median_s"]
    extract_s = stages["extract"]["median_s"]
    rest_s = extract_s - parse_s
    rest = [e - p for e, p in zip(times["extract"], times["parse"], strict=True)]
    stages["rules"] = {
        "seconds": rest,
        "cpu_seconds": [
            e - p for e, p in zip(cpu_times["extract"], cpu_times["parse"], strict=True)
        ],
        "median_s": rest_s,
        "min_s": min(rest),
        "ms_per_article": 1000 * rest_s / n,
        "articles_per_s": n / rest_s if rest_s > 0 else float("inf"),
    }
    overhead = 100 * (extract_s - base) / base
    return {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": {
            "nproc": nproc(),
            "cpu": cpu_model(),
            "python": platform.python_version(),
            "threads_env": {k: os.environ[k] for k in THREAD_VARS if k in os.environ},
            "load_average": [load_before, load_average()],
        },
        "articles": n,
        "characters": sum(len(a.text) for a in texts),
        "repeat": repeat,
        "pipeline_load_s": load_s,
        "stages": stages,
        "overhead_pct": overhead,
        "parse_overhead_pct": 100 * (parse_s - base) / base,
        "rules_share_pct": 100 * rest_s / extract_s,
        "target_pct": TARGET,
        "spread": max(max(v) / min(v) for v in times.values() if min(v) > 0),
        "ok": overhead <= TARGET,
    }


def report(result: dict) -> str:
    """The result as a small text table ending in the overhead line."""
    m, st = result["machine"], result["stages"]
    threads = " ".join(f"{k}={v}" for k, v in m["threads_env"].items()) or "thread env unset"
    loads = "/".join("?" if x is None else f"{x:.2f}" for x in m["load_average"])
    lines = [
        f"cpu: {m['cpu']}, nproc {m['nproc']}, python {m['python']}, {threads}",
        f"load average (1 min) before/after: {loads}",
        f"{result['articles']} articles, {result['characters']} characters, "
        f"median of {result['repeat']} alternated passes, pipeline loaded in "
        f"{result['pipeline_load_s']:.1f} s",
        "",
        f"{'stage':<34} {'s/pass':>8} {'ms/article':>11} {'articles/s':>11}",
    ]
    rows = [
        ("baseline (natasha stages)", "baseline"),
        ("kg.extract.extract (whole)", "extract"),
        ("  kg.nlp.parse (natasha+records)", "parse"),
        ("  rest (mentions/entities/rules)", "rules"),
    ]
    for label, key in rows:
        s = st[key]
        lines.append(
            f"{label:<34} {s['median_s']:>8.2f} {s['ms_per_article']:>11.1f} "
            f"{s['articles_per_s']:>11.1f}"
        )
    lines.append("")
    if result["spread"] > SPREAD_WARNING:
        lines.append(
            f"warning: passes of one stage differ up to {result['spread']:.1f}x; "
            "the machine was busy, rerun when it is idle"
        )
    lines += [
        f"parse over baseline: {result['parse_overhead_pct']:+.1f}%",
        f"rest share of extract: {result['rules_share_pct']:.1f}%",
        f"overhead: {result['overhead_pct']:+.1f}% (target <= {result['target_pct']:.0f}%)",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark from the command line; 0 when the overhead target holds, else 1."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=None, help="first N texts (default: all)")
    ap.add_argument("--repeat", type=int, default=3, help="alternated rounds (default: 3)")
    ap.add_argument("--json", type=Path, default=None, help="also write the numbers here")
    ap.add_argument("--quiet", action="store_true", help="no per-round progress")
    args = ap.parse_args(argv)

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    result = run(args.articles, args.repeat, log=None if args.quiet else log)
    print(report(result))
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
