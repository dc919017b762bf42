"""What a benchmark ran on (processors, CPU model, Python, BLAS thread settings, load), and how
it ends: its report printed, every number written as JSON, an exit status."""

from __future__ import annotations

import json
import os
import platform
from pathlib import Path

from kg.build.parallel import available_cores

THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def nproc() -> int:
    """The processors this process may run on, as `nproc` counts them."""
    return available_cores()


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


def machine() -> dict:
    """What the numbers were measured on: processors, CPU, Python, thread settings, load."""
    return {
        "nproc": nproc(),
        "cpu": cpu_model(),
        "python": platform.python_version(),
        "threads_env": {k: os.environ[k] for k in THREAD_VARS if k in os.environ},
        "load_average": [load_average()],
    }


def header(info: dict) -> str:
    """The machine as one line."""
    threads = " ".join(f"{k}={v}" for k, v in info["threads_env"].items()) or "thread env unset"
    return f"cpu: {info['cpu']}, nproc {info['nproc']}, python {info['python']}, {threads}"


def finish(result: dict, report: str, json_path: Path | None) -> int:
    """Print the report, write every number to `json_path` (when given), and return the exit
    status: 0 when the benchmark met its target (`result["ok"]`), else 1."""
    print(report, flush=True)
    if json_path is not None:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return 0 if result["ok"] else 1
