"""The benchmarks run end to end on small inputs, so that they keep working."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def load_script(name: str = "extract_speed") -> ModuleType:
    """A benchmark script as a module (benchmarks/ is not a package)."""
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
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


@pytest.mark.browser
def test_view_benchmark_opens_a_synthetic_network(tmp_path, capsys):
    bench = load_script("view_scale")
    g = bench.synthetic_network(400, seed=2)
    assert g.number_of_nodes() == 400 and 700 < g.number_of_edges() < 820
    labels = [d["label"] for _, d in g.nodes(data=True)]
    assert len(set(labels)) == 400 and all(any("а" <= c <= "я" for c in s) for s in labels)
    assert all(e["evidence"] for _, _, e in g.edges(data=True))

    out = tmp_path / "scale.json"
    status = bench.main(["--nodes", "400", "--runs", "1", "--json", str(out)])
    result = json.loads(out.read_text("utf-8"))
    assert status == (0 if result["ok"] else 1)
    assert result["nodes"] == 400 and result["runs"] == 1
    for key in ("write_s", "layout_s", "ready_s", "hover_s", "click_s", "filter_s", "search_s"):
        assert result[key] > 0, key
    assert result["ready_s"] < 60
    printed = capsys.readouterr().out
    assert "ready (navigation to drawn): " in printed and "(target <= 5 s)" in printed


@pytest.mark.slow
def test_workers_benchmark_compares_two_workers_with_one(tmp_path, capsys):
    bench = load_script("extract_workers")
    out = tmp_path / "workers.json"
    status = bench.main(["--workers", "2", "--articles", "4", "--repeat", "1", "--json", str(out)])
    result = json.loads(out.read_text("utf-8"))
    assert status == (0 if result["ok"] else 1)
    assert result["articles"] == 4 and result["characters"] > 4 * 2000
    assert result["speedup"] == pytest.approx(
        result["articles_per_s"]["2"] / result["articles_per_s"]["1"]
    )
    assert result["target"] == pytest.approx(1.8)
    assert "speedup: " in capsys.readouterr().out


@pytest.mark.slow
def test_store_benchmark_times_every_saved_query(tmp_path, capsys):
    from kg.query.saved import list_queries

    bench = load_script("store_scale")
    out = tmp_path / "store.json"
    argv = ["--triples", "20000", "--runs", "2", "--memory-runs", "1", "--memory-timeout", "60"]
    status = bench.main([*argv, "--json", str(out)])
    result = json.loads(out.read_text("utf-8"))
    assert status == (0 if result["ok"] else 1)
    assert result["quads"] >= 20000
    names = {q.name for q in list_queries()}
    for store in ("oxigraph", "memory"):
        timings = result["stores"][store]["queries"]
        assert set(timings) == names
        assert result["stores"][store]["load_s"] > 0
    ox, mem = result["stores"]["oxigraph"]["queries"], result["stores"]["memory"]["queries"]
    for name in names:  # both stores give the same number of rows
        assert mem[name]["rows"] in (None, ox[name]["rows"]), name
    assert all(ox[name]["rows"] > 0 for name in names), ox  # the seed gives component shares
    commands = result["stores"]["oxigraph"]["commands_s"]
    assert set(commands) == {
        "stats",
        "entities",
        "actor network",
        "export nquads",
        "export trig",
        "export turtle",
    }
    assert all(seconds > 0 for seconds in commands.values())
    printed = capsys.readouterr().out
    assert "every saved query under 100 ms" in printed
    assert "whole-store commands on Oxigraph: stats " in printed


@pytest.mark.slow
def test_end_to_end_benchmark_builds_and_measures_memory(tmp_path, capsys):
    bench = load_script("build_end_to_end")
    out = tmp_path / "e2e.json"
    status = bench.main(["--articles", "3", "--workers", "1", "--json", str(out)])
    result = json.loads(out.read_text("utf-8"))
    assert status == 0 and result["ok"]
    (run,) = result["runs"]
    assert run["exit_status"] == 0 and "built 3 article(s)" in run["summary"][0]
    assert 100 < run["peak_mb"] < 1536 and run["peak_process_mb"] <= run["peak_mb"]
    assert "peak memory under 1536 MB: yes" in capsys.readouterr().out


@pytest.mark.slow
def test_the_abuse_run_reports_both_phases_and_holds(tmp_path):
    bench = load_script("serve_abuse")
    out = tmp_path / "abuse.json"
    status = bench.main(
        ["--clients", "4", "--attackers", "2", "--seconds", "2", "--json", str(out)]
    )
    report = json.loads(out.read_text("utf-8"))
    for phase in ("before", "during"):
        assert report[phase]["queries"] > 0 and report[phase]["p50_ms"] > 0
    assert report["listener_heard"] == 0 and report["alive_after"]
    assert set(report["hostile"]["update"]) <= {"403"}  # refused whenever it came
    assert sum(sum(c.values()) for c in report["hostile"].values()) > 0
    assert status == (0 if report["ok"] else 1)
