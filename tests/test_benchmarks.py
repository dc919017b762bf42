"""The extraction speed benchmark runs end to end on a few articles."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "extract_speed.py"


def load_script() -> ModuleType:
    """The benchmark script as a module (benchmarks/ is not a package)."""
    spec = importlib.util.spec_from_file_location("extract_speed", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_benchmark_reports_timings_and_overhead(tmp_path, capsys):
    bench = load_script()
    out = tmp_path / "speed.json"
    status = bench.main(["--articles", "3", "--repeat", "1", "--json", str(out), "--quiet"])
    assert status in (0, 1)

    result = json.loads(out.read_text("utf-8"))
    assert result["articles"] == 3
    assert result["repeat"] == 1
    for stage in ("baseline", "parse", "extract"):
        timing = result["stages"][stage]
        assert timing["median_s"] > 0
        assert timing["ms_per_article"] > 0
        assert timing["articles_per_s"] > 0
        assert len(timing["seconds"]) == 1
    assert result["stages"]["rules"]["median_s"] == pytest.approx(
        result["stages"]["extract"]["median_s"] - result["stages"]["parse"]["median_s"]
    )
    assert isinstance(result["overhead_pct"], float)
    assert result["ok"] == (result["overhead_pct"] <= result["target_pct"])
    assert result["machine"]["nproc"] >= 1

    printed = capsys.readouterr().out
    assert "overhead: " in printed
    assert "(target <= 25%)" in printed
