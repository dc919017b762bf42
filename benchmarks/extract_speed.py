"""What kg's extraction costs on top of natasha's own stages, measured in one process.

Three kinds of work on the same factRuEval texts, alternated round by round:

* baseline - natasha directly: Doc, segment, tag_morph, parse_syntax, tag_ner, a lemma for
  every token and a normal form for every span;
* parse - `kg.nlp.parse` (the same stages plus conversion into kg's records);
* extract - `kg.extract.extract`, everything kg reads from an article.

The overhead is extract over baseline (medians of the rounds); the target is at most 25%.
Exit status 0 when it holds, 1 when it does not. Each article is also timed on its own, and the
sum of its best times over the rounds gives a second overhead that bursts of load from other
processes barely move ("best ms/a" in the table).

    .venv/bin/python benchmarks/extract_speed.py [--articles N] [--repeat R] [--json FILE]
        [--interleave pass|article]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from kg.extract import extract
from kg.model import Article
from kg.nlp import Pipeline, load_pipeline, parse

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import DATA, load_articles  # noqa: E402
from machine import finish, header, load_average, machine  # noqa: E402

TARGET = 25.0  # per cent: extract may cost at most this much more than the baseline
WARMUP = 5  # texts run through every stage before timing
SPREAD_WARNING = 1.3  # slowest over fastest round of a stage above which numbers are suspect
STAGES = ("baseline", "parse", "extract")

Work = Callable[[Article], object]


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


def timed(work: Work, article: Article) -> tuple[float, float]:
    """Wall-clock and CPU seconds `work` takes on one article."""
    cpu = time.process_time()
    start = time.perf_counter()
    work(article)
    return time.perf_counter() - start, time.process_time() - cpu


def one_round(
    works: dict[str, Work], articles: Sequence[Article], interleave: str
) -> dict[str, tuple[list[float], float]]:
    """Each stage's wall seconds per article and CPU seconds in all, over one round.

    `pass` runs each stage over all articles in turn; `article` runs every stage on an article
    before moving to the next, rotating which stage goes first, so bursts of load from other
    processes fall on all stages alike.
    """
    names = list(works)
    wall: dict[str, list[float]] = {name: [0.0] * len(articles) for name in names}
    cpu = dict.fromkeys(names, 0.0)

    def one(name: str, i: int) -> None:
        w, c = timed(works[name], articles[i])
        wall[name][i] = w
        cpu[name] += c

    if interleave == "pass":
        for name in names:
            for i in range(len(articles)):
                one(name, i)
    else:
        for i in range(len(articles)):
            for name in names[i % len(names) :] + names[: i % len(names)]:
                one(name, i)
    return {name: (wall[name], cpu[name]) for name in names}


def _stage(wall: list[float], cpu: list[float], best: float, n: int) -> dict:
    median = statistics.median(wall)
    return {
        "seconds": wall,
        "cpu_seconds": cpu,
        "median_s": median,
        "ms_per_article": 1000 * median / n,
        "articles_per_s": n / median if median > 0 else float("inf"),
        "best_s": best,
        "best_ms_per_article": 1000 * best / n,
    }


def run(
    articles: int | None = None,
    repeat: int = 3,
    interleave: str = "pass",
    pipeline: Pipeline | None = None,
    log: Callable[[str], None] | None = None,
) -> dict:
    """Time baseline, parse and extract, alternated over `repeat` rounds; the numbers as a dict."""
    log = log or (lambda _msg: None)
    repeat = max(1, repeat)
    if interleave not in ("pass", "article"):
        raise ValueError(f"interleave must be 'pass' or 'article', not {interleave!r}")
    texts = load_articles(articles)
    if not texts:
        raise SystemExit(f"no texts under {DATA}")
    info = machine()
    start = time.perf_counter()
    pipeline = pipeline or load_pipeline()
    load_s = time.perf_counter() - start

    works: dict[str, Work] = {
        "baseline": lambda a: natasha_stages(a.text, pipeline),
        "parse": lambda a: parse(a.text, pipeline),
        "extract": lambda a: extract(a, pipeline),
    }
    for article in load_articles(WARMUP):
        for work in works.values():
            work(article)

    wall: dict[str, list[float]] = {name: [] for name in STAGES}
    cpu: dict[str, list[float]] = {name: [] for name in STAGES}
    best: dict[str, list[float]] = {name: [float("inf")] * len(texts) for name in STAGES}
    for r in range(repeat):
        for name, (per_article, c) in one_round(works, texts, interleave).items():
            w = sum(per_article)
            wall[name].append(w)
            cpu[name].append(c)
            best[name] = [min(a, b) for a, b in zip(best[name], per_article, strict=True)]
            log(f"round {r + 1}/{repeat}: {name:<8} {w:6.2f} s wall, {c:6.2f} s cpu")
    info["load_average"].append(load_average())

    n = len(texts)
    stages = {name: _stage(wall[name], cpu[name], sum(best[name]), n) for name in STAGES}
    # the rest, round by round: extract less parse measured in the same round
    stages["rules"] = _stage(
        [e - p for e, p in zip(wall["extract"], wall["parse"], strict=True)],
        [e - p for e, p in zip(cpu["extract"], cpu["parse"], strict=True)],
        sum(best["extract"]) - sum(best["parse"]),
        n,
    )
    base = stages["baseline"]["median_s"]
    overhead = 100 * (stages["extract"]["median_s"] - base) / base
    base_best = stages["baseline"]["best_s"]
    overhead_best = 100 * (stages["extract"]["best_s"] - base_best) / base_best
    return {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": info,
        "articles": n,
        "characters": sum(len(a.text) for a in texts),
        "repeat": repeat,
        "interleave": interleave,
        "pipeline_load_s": load_s,
        "stages": stages,
        "overhead_pct": overhead,
        "overhead_best_pct": overhead_best,
        "parse_overhead_pct": 100 * (stages["parse"]["median_s"] - base) / base,
        "rules_share_pct": 100 * stages["rules"]["median_s"] / stages["extract"]["median_s"],
        "target_pct": TARGET,
        "spread": max(max(v) / min(v) for v in wall.values() if min(v) > 0),
        "ok": overhead <= TARGET,
    }


def report(result: dict) -> str:
    """The result as a small text table ending in the overhead line."""
    st = result["stages"]
    loads = "/".join("?" if x is None else f"{x:.2f}" for x in result["machine"]["load_average"])
    lines = [
        f"{result['articles']} articles, {result['characters']} characters; "
        f"median of {result['repeat']} rounds, interleaved by {result['interleave']}; "
        f"pipeline loaded in {result['pipeline_load_s']:.1f} s; "
        f"load average before/after {loads}",
        "",
        f"{'stage':<34} {'s/round':>8} {'ms/article':>11} {'articles/s':>11} {'best ms/a':>10}",
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
            f"{s['articles_per_s']:>11.1f} {s['best_ms_per_article']:>10.1f}"
        )
    lines.append("")
    if result["spread"] > SPREAD_WARNING:
        hint = " or with --interleave article" if result["interleave"] == "pass" else ""
        lines.append(
            f"warning: rounds of one stage differ up to {result['spread']:.1f}x; "
            f"the machine was busy, rerun when it is idle{hint}"
        )
    lines += [
        f"parse over baseline: {result['parse_overhead_pct']:+.1f}%",
        f"rest share of extract: {result['rules_share_pct']:.1f}%",
        f"overhead, each article's best of {result['repeat']}: {result['overhead_best_pct']:+.1f}%",
        f"overhead: {result['overhead_pct']:+.1f}% (target <= {result['target_pct']:.0f}%)",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark from the command line; 0 when the overhead target holds, else 1."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=None, help="first N texts (default: all)")
    ap.add_argument("--repeat", type=int, default=3, help="alternated rounds (default: 3)")
    ap.add_argument(
        "--interleave",
        choices=("pass", "article"),
        default="pass",
        help="alternate whole passes (default) or stages article by article",
    )
    ap.add_argument("--json", type=Path, default=None, help="also write the numbers here")
    ap.add_argument("--quiet", action="store_true", help="no per-round progress on stderr")
    args = ap.parse_args(argv)

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    print(header(machine()), flush=True)
    result = run(args.articles, args.repeat, args.interleave, log=None if args.quiet else log)
    return finish(result, report(result), args.json)


if __name__ == "__main__":
    sys.exit(main())
