"""How extraction scales with worker processes: N workers against one, on the same articles.

One worker is extraction in this process, as `kg build --workers 1` runs it; N workers are
kg's process pool (`kg.build.parallel.submitter`, as `kg build --workers N` runs it), the results
taken back in order. Both are warmed up first (models loaded, a few articles run), so the
numbers are steady-state throughput; the runs alternate over `--repeat` rounds and the median
of each is compared. The target: N workers at least 0.9 x N times as fast (1.8x on 2 cores).

    .venv/bin/python benchmarks/extract_workers.py [--workers N] [--articles A] [--repeat R]
        [--json FILE]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from kg.build.parallel import available_cores, ordered, submitter
from kg.model import Article

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import long_articles  # noqa: E402
from machine import finish, header, load_average, machine  # noqa: E402

EFFICIENCY = 0.9  # N workers must be at least this times N as fast as one


def throughput(submit, articles: Sequence[Article], window: int) -> float:
    """Seconds to extract every article through `submit`, results taken back in order."""
    start = time.perf_counter()
    for _, future in ordered(submit, articles, window):
        future.result()
    return time.perf_counter() - start


def run(workers: int, n: int, repeat: int) -> dict:
    """Time one worker and `workers` workers on `n` real-length articles, `repeat` rounds."""
    articles = long_articles(n)
    warm = long_articles(2 * workers)
    seconds: dict[str, list[float]] = {"1": [], str(workers): []}
    with submitter(1) as one, submitter(workers) as many:
        throughput(one, warm[:2], 2)
        throughput(many, warm, 4 * workers)
        for _ in range(repeat):
            seconds["1"].append(throughput(one, articles, 2))
            seconds[str(workers)].append(throughput(many, articles, 4 * workers))
    single = statistics.median(seconds["1"])
    parallel = statistics.median(seconds[str(workers)])
    speedup = single / parallel
    target = EFFICIENCY * workers
    return {
        "machine": machine() | {"load_average_after": load_average()},
        "articles": n,
        "characters": sum(len(a.text) for a in articles),
        "workers": workers,
        "seconds": seconds,
        "articles_per_s": {"1": n / single, str(workers): n / parallel},
        "speedup": speedup,
        "target": target,
        "ok": speedup >= target,
    }


def report(r: dict) -> str:
    """The result as a few lines of text."""
    w = str(r["workers"])
    return "\n".join(
        [
            f"{r['articles']} articles ({r['characters']:,} characters), "
            f"{len(r['seconds']['1'])} round(s), medians:",
            f"  1 worker:   {r['articles_per_s']['1']:.1f} articles/s",
            f"  {w} workers:  {r['articles_per_s'][w]:.1f} articles/s",
            f"speedup: {r['speedup']:.2f}x (target >= {r['target']:.1f}x)"
            + ("" if r["ok"] else "  MISSED"),
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; exit status 0 when the speedup meets the target."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workers", type=int, default=available_cores())
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    if args.workers < 2:
        ap.error("needs at least 2 workers to compare with one")
    print(header(machine()), flush=True)
    result = run(args.workers, args.articles, args.repeat)
    return finish(result, report(result), args.json)


if __name__ == "__main__":
    sys.exit(main())
