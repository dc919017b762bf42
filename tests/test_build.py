"""`kg build` at scale: incremental builds, worker processes, a Dask cluster, and builds that
are killed or interrupted and then resumed."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.build.write import write_articles
from kg.cli import app
from kg.rdf.iris import article_iri
from kg.rdf.nquads import to_nquads
from kg.store import open_store

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "benchmarks" / "data" / "factru" / "devset"
runner = CliRunner()
N = 60  # articles in the corpus that is stopped and resumed


def kg(*args: str):
    """Run `kg` in-process."""
    return runner.invoke(app, list(args), catch_exceptions=False)


def kg_process(*args: str, **kw) -> subprocess.Popen:
    """Start `kg` as its own process (and process group), stderr piped, not a terminal."""
    return subprocess.Popen(
        [sys.executable, "-m", "kg", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        **kw,
    )


def corpus(folder: Path, n: int) -> Path:
    """The first `n` factRuEval texts, copied into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for f in sorted(DEVSET.glob("*.txt"))[:n]:
        shutil.copy(f, folder / f.name)
    return folder


def graphs(store: Path) -> dict[str, str]:
    """Each graph of a store as sorted N-Quads lines (the default graph under '')."""
    with open_store(store, create=False) as opened:
        by_graph: dict[str, list] = defaultdict(list)
        for s, p, o, g in opened.quads():
            name = str(g) if "/id/" in str(g) else ""
            by_graph[name].append((s, p, o))
    return {g: "".join(sorted(to_nquads(ts, None).splitlines(True))) for g, ts in by_graph.items()}


@pytest.fixture(scope="module")
def reference(tmp_path_factory, pipeline) -> tuple[Path, dict[str, str]]:
    """60 factRuEval texts built in one uninterrupted run, in this process."""
    tmp = tmp_path_factory.mktemp("reference")
    folder = corpus(tmp / "in", N)
    res = kg("build", str(folder), "--store", str(tmp / "kg"), "--workers", "1")
    assert res.exit_code == 0, res.output
    return folder, graphs(tmp / "kg")


def test_unchanged_articles_are_not_extracted_again(tmp_path, pipeline):
    folder = corpus(tmp_path / "in", 3)
    store = str(tmp_path / "kg")
    assert "built 3 article(s)" in kg("build", str(folder), "--store", store, "-w", "1").stdout
    again = kg("build", str(folder), "--store", store, "-w", "1")
    assert "built 0 article(s)" in again.stdout and "3 unchanged" in again.stdout
    first = sorted(folder.glob("*.txt"))[0]
    old = graphs(Path(store))[str(article_iri(first.stem))]
    first.write_text(
        "Губернатор Кузбасса Илья Середюк встретился в Кемерове с министром Андреем Ивановым.",
        "utf-8",
    )
    changed = kg("build", str(folder), "--store", store, "-w", "1")
    assert "built 1 article(s)" in changed.stdout and "2 unchanged" in changed.stdout
    new = graphs(Path(store))[str(article_iri(first.stem))]
    assert new != old and "Середюк" in new and "Середюк" not in old
    forced = kg("build", str(folder), "--store", store, "-w", "1", "--force")
    assert "built 3 article(s)" in forced.stdout


def test_a_new_date_is_a_change(tmp_path, pipeline):
    f = tmp_path / "a.txt"
    f.write_text("date 2024-03-01\nМэр Москвы Сергей Собянин открыл парк.", "utf-8")
    store = str(tmp_path / "kg")
    kg("build", str(f), "--store", store, "-w", "1")
    f.write_text("date 2024-03-02\nМэр Москвы Сергей Собянин открыл парк.", "utf-8")
    assert "built 1 article(s)" in kg("build", str(f), "--store", store, "-w", "1").stdout


def test_two_workers_give_the_graph_of_one(tmp_path, reference):
    folder, expected = reference
    res = kg_process("build", str(folder), "--store", str(tmp_path / "kg"), "--workers", "2")
    out, err = res.communicate(timeout=300)
    assert res.returncode == 0, err
    assert f"built {N} article(s)" in out
    assert graphs(tmp_path / "kg") == expected


def test_a_dask_cluster_gives_the_same_graph(tmp_path, reference):
    distributed = pytest.importorskip("distributed")
    folder, expected = reference
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        res = kg_process(
            "build",
            str(folder),
            "--store",
            str(tmp_path / "kg"),
            "--scheduler",
            cluster.scheduler_address,
        )
        out, err = res.communicate(timeout=300)
    assert res.returncode == 0, err
    assert f"built {N} article(s)" in out
    assert graphs(tmp_path / "kg") == expected


def test_an_unreachable_scheduler_is_one_line(tmp_path, pipeline):
    res = kg_process(
        "build",
        str(ROOT / "seeds"),
        "--store",
        str(tmp_path / "kg"),
        "--scheduler",
        "tcp://127.0.0.1:9",
    )
    _, err = res.communicate(timeout=120)
    assert res.returncode == 2
    assert len(err.strip().splitlines()) == 1 and "Dask scheduler" in err


def _stop_midway(proc: subprocess.Popen, how: signal.Signals, total: int) -> None:
    """Send `how` to the build's process group once it has written some articles, not all."""
    assert proc.stderr is not None
    for line in proc.stderr:
        written = line.split(" written")[0].rpartition(" ")[2] if " written" in line else ""
        if written.isdigit() and 0 < int(written) < total:
            os.killpg(proc.pid, how)
            break
    else:
        pytest.fail("the build ended before it could be stopped")
    proc.communicate(timeout=120)


def _only_whole_articles(store: Path, expected: dict[str, str]) -> int:
    """Every article graph in the store is exactly the uninterrupted build's; returns how
    many there are."""
    got = graphs(store)
    articles = {g: body for g, body in got.items() if "/id/article/" in g}
    for g, body in articles.items():
        assert body == expected[g], g
        assert f"<{g}> <https://w3id.org/kg-ru/ontology#contentHash>" in got[""]
    return len(articles)


@pytest.mark.parametrize(
    "how, workers", [(signal.SIGKILL, "1"), (signal.SIGKILL, "2"), (signal.SIGINT, "2")]
)
def test_a_stopped_build_resumes_to_the_same_graph(tmp_path, reference, how, workers):
    folder, expected = reference
    store = tmp_path / "kg"
    proc = kg_process("build", str(folder), "--store", str(store), "--workers", workers)
    _stop_midway(proc, how, N)
    if how == signal.SIGINT:
        assert proc.returncode == 130
    else:
        assert proc.returncode == -signal.SIGKILL
    assert 0 < _only_whole_articles(store, expected) < N
    resumed = kg("build", str(folder), "--store", str(store), "--workers", "1")
    assert resumed.exit_code == 0, resumed.output
    assert "unchanged" in resumed.stdout
    assert graphs(store) == expected


def test_a_batch_writes_the_graph_article_by_article_writes(tmp_path, seed_extraction):
    from dataclasses import replace

    x1 = seed_extraction
    key = next(k for k, e in x1.entities.items() if e.label == "Кузбасс")
    x2 = replace(
        x1,
        article=replace(x1.article, id="second"),
        entities={**x1.entities, key: replace(x1.entities[key], label="Кемеровская обл.")},
    )
    stores = {}
    for name, batches in (("batch", [[x1, x2]]), ("one-by-one", [[x1], [x2]])):
        with open_store(tmp_path / name) as store:
            for batch in batches:
                write_articles(store, batch)
        stores[name] = graphs(tmp_path / name)
    assert stores["batch"] == stores["one-by-one"]
    second = stores["batch"][str(article_iri("second"))]
    assert '"Кузбасс"@ru' in second and '"Кемеровская обл."@ru' in second
    assert '<http://www.w3.org/2000/01/rdf-schema#label> "Кемеровская обл."' not in second
