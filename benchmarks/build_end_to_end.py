"""`kg build` end to end on real-length articles: articles per second and peak memory.

The articles are made by joining three factRuEval texts each (about 4,500 characters, a news
article's length) and written as one JSONL file; `kg build FILE --store DIR --workers N` then
runs as its own process, as a user runs it, while this script samples the memory of that
process and of its workers ten times a second. Peak memory is the largest sum of their
resident set sizes (an upper bound: pages shared between processes count once per process).
The target: under 1.5 GB.

    .venv/bin/python benchmarks/build_end_to_end.py [--articles 1000] [--workers N]
        [--also-workers 1] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from kg.build.parallel import available_cores

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import long_articles  # noqa: E402
from machine import finish, header, machine  # noqa: E402

TARGET_MB = 1536.0


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _children(pid: int) -> list[int]:
    try:
        tasks = Path(f"/proc/{pid}/task").iterdir()
        found = []
        for task in tasks:
            found += [int(c) for c in (task / "children").read_text().split()]
        return found
    except OSError:
        return []


def tree_rss_mb(pid: int) -> tuple[float, float]:
    """The resident memory of a process and all its descendants: (sum, largest) in MB."""
    sizes, todo = [], [pid]
    while todo:
        p = todo.pop()
        sizes.append(_rss_kb(p))
        todo += _children(p)
    return sum(sizes) / 1024, max(sizes, default=0) / 1024


def write_corpus(n: int, path: Path) -> int:
    """`n` real-length articles as JSONL; returns their characters."""
    chars = 0
    with path.open("w", encoding="utf-8") as out:
        for a in long_articles(n):
            chars += len(a.text)
            out.write(json.dumps({"id": a.id, "date": a.date, "text": a.text}, ensure_ascii=False))
            out.write("\n")
    return chars


def build(corpus: Path, store: Path, workers: int) -> dict:
    """Run `kg build` on the corpus; its wall time, exit status and peak memory."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "build", str(corpus), "--store", str(store)]
        + ["--workers", str(workers)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    peak_sum = peak_one = 0.0
    while proc.poll() is None:
        total, largest = tree_rss_mb(proc.pid)
        peak_sum, peak_one = max(peak_sum, total), max(peak_one, largest)
        time.sleep(0.1)
    wall = time.perf_counter() - start
    summary = proc.stdout.read().splitlines() if proc.stdout else []
    return {
        "workers": workers,
        "exit_status": proc.returncode,
        "wall_s": wall,
        "peak_mb": peak_sum,
        "peak_process_mb": peak_one,
        "summary": summary[:1],
    }


def run(n: int, workers: list[int]) -> dict:
    """Build the corpus once per worker count into a fresh store."""
    with tempfile.TemporaryDirectory(prefix="kg-e2e-") as tmp:
        corpus = Path(tmp) / "articles.jsonl"
        chars = write_corpus(n, corpus)
        runs = [build(corpus, Path(tmp) / f"kg-{w}", w) for w in workers]
    for r in runs:
        r["articles_per_s"] = n / r["wall_s"]
    ok = all(r["exit_status"] == 0 and r["peak_mb"] < TARGET_MB for r in runs)
    return {"machine": machine(), "articles": n, "characters": chars, "runs": runs, "ok": ok}


def report(r: dict) -> str:
    """The result as a few lines."""
    lines = [f"{r['articles']} articles, {r['characters']:,} characters"]
    for x in r["runs"]:
        lines.append(
            f"  --workers {x['workers']}: {x['wall_s']:.1f} s, {x['articles_per_s']:.1f} "
            f"articles/s, peak memory {x['peak_mb']:.0f} MB (largest process "
            f"{x['peak_process_mb']:.0f} MB), exit {x['exit_status']}"
        )
    lines.append(f"peak memory under {TARGET_MB:.0f} MB: " + ("yes" if r["ok"] else "NO"))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; exit status 0 when every build succeeds under the memory target."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=available_cores())
    ap.add_argument("--also-workers", type=int, action="append", default=[])
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    print(header(machine()), flush=True)
    result = run(args.articles, [args.workers, *args.also_workers])
    return finish(result, report(result), args.json)


if __name__ == "__main__":
    sys.exit(main())
