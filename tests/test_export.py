"""Export: Oxigraph's own writers give, in flat memory, the graphs rdflib's serialisers give,
and a failed export leaves no file behind."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kg.build.write import write_articles
from kg.cli import app
from kg.export.serialize import serialize, write
from kg.extract import extract
from kg.model import Article
from kg.store import open_store
from kg.store.oxigraph import EmbeddedStore

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SECOND = Article(
    id="second",
    text="Губернатор Кузбасса Илья Середюк провёл встречу с главой Сбербанка Германом Грефом.",
    date="2025-11-12",
    title="Встреча в Кемерове",
)


@pytest.fixture(scope="module")
def store(tmp_path_factory, seed_extraction, pipeline):
    path = tmp_path_factory.mktemp("export") / "kg"
    ds = open_store(path)
    write_articles(ds, [seed_extraction, extract(SECOND, pipeline)])
    ds.close()
    return path


def _graphs(data: str, fmt: str) -> dict[str, Graph]:
    ds = Dataset()
    ds.parse(data=data, format=fmt)
    return {str(g.identifier): g for g in ds.graphs() if len(g)}


@pytest.mark.parametrize("fmt", ["nquads", "trig"])
def test_oxigraph_writes_the_graphs_rdflib_writes(store, fmt):
    ds = open_store(store, create=False)
    buffer = io.BytesIO()
    write(ds, fmt, buffer)
    ours, reference = _graphs(buffer.getvalue().decode(), fmt), _graphs(serialize(ds, fmt), fmt)
    ds.close()
    assert sorted(ours) == sorted(reference)
    assert len(ours) >= 3  # the metadata (default graph) and each article's graph
    for name, graph in reference.items():
        assert isomorphic(ours[name], graph), name


def test_turtle_merges_every_graph_once(store):
    ds = open_store(store, create=False)
    buffer = io.BytesIO()
    write(ds, "turtle", buffer)
    ours = Graph().parse(data=buffer.getvalue().decode(), format="turtle")
    reference = Graph().parse(data=serialize(ds, "turtle"), format="turtle")
    assert ds.count() > len(ours)  # an entity's triples repeat across article graphs
    ds.close()
    assert len(ours) > 300
    assert isomorphic(ours, reference)
    assert b"@prefix kg: <https://w3id.org/kg-ru/ontology#>" in buffer.getvalue()


def test_the_count_of_quads_is_every_quad_of_the_named_graphs(store):
    ds = open_store(store, create=False)
    assert ds.count() == sum(1 for _ in ds.quads()) > 400  # not the default graph, their merge
    assert ds.triple_count() == len(ds.merged_graph()) < ds.count()
    ds.close()


def test_a_failed_export_leaves_no_file(store, tmp_path, monkeypatch):
    import kg.export.serialize

    def broken(ds, fmt, out, article=None):
        out.write(b"<a> <b> <c> .\n")
        raise OSError("disk full")

    monkeypatch.setattr(kg.export.serialize, "write", broken)
    target = tmp_path / "out" / "kg.nq"
    res = CliRunner().invoke(
        app, ["export", "-f", "nquads", "-o", str(target), "--store", str(store)]
    )
    assert res.exit_code == 2
    assert f"cannot write {target}: disk full" in res.output
    assert not target.exists()
    assert list(target.parent.iterdir()) == []


def test_readers_share_a_store_and_a_writer_waits_for_them(store):
    """Queries, stats and exports open the store together; a build cannot open it while they
    read, nor they while a build writes (Oxigraph leaves reading beside a writer undefined)."""
    from kg.errors import StoreError

    reader = open_store(store, create=False, read_only=True)  # as `kg serve` holds it
    try:
        runner = CliRunner()
        res = runner.invoke(app, ["stats", "--store", str(store)])
        assert res.exit_code == 0, res.output
        res = runner.invoke(app, ["query", "articles", "-f", "csv", "--store", str(store)])
        assert res.exit_code == 0, res.output
        assert {line.split(",")[0] for line in res.stdout.splitlines()[1:]} == {
            "000_601ee94027aa536c",
            "second",
        }
        res = runner.invoke(app, ["export", "-f", "nquads", "--store", str(store)])
        assert res.exit_code == 0 and res.stdout.count("\n") == reader.count()
        with pytest.raises(StoreError, match="in use by another kg process"):
            open_store(store, create=False)
        res = runner.invoke(app, ["build", str(SEEDS), "--store", str(store)])
        assert res.exit_code == 2 and "in use by another kg process" in res.output
    finally:
        reader.close()
    writer = open_store(store, create=False)  # the readers are gone: a build may open it
    try:
        res = CliRunner().invoke(app, ["stats", "--store", str(store)])
        assert res.exit_code == 2
        assert "a build is writing this store; try again when it is done" in res.output
    finally:
        writer.close()
    assert CliRunner().invoke(app, ["stats", "--store", str(store)]).exit_code == 0


def test_a_reader_runs_queries_and_exports_in_oxigraph_itself(store, monkeypatch):
    """The read-only store is Oxigraph's: queries and exports skip rdflib's term conversion
    and its engine, as they do on a store opened for writing."""
    from oxrdflib import OxigraphStore

    from kg.query.sparql import run_query

    def refuse(*args, **kwargs):
        raise AssertionError("went through rdflib")

    monkeypatch.setattr(OxigraphStore, "query", refuse)
    monkeypatch.setattr("kg.export.serialize.serialize", refuse)
    ds = open_store(store, create=False, read_only=True)
    try:
        assert isinstance(ds, EmbeddedStore)
        head, rows = run_query(ds, "SELECT ?id WHERE { ?a schema:identifier ?id } ORDER BY ?id")
        assert rows == [["000_601ee94027aa536c"], ["second"]]
        buffer = io.BytesIO()
        write(ds, "nquads", buffer)
        assert buffer.getvalue().count(b"\n") == ds.count()
    finally:
        ds.close()


def test_a_reader_that_stops_early_ends_the_export_quietly(store):
    """`kg export ... | head`: the closed pipe ends the export with status 1 and no message."""
    import subprocess
    import sys

    command = [sys.executable, "-m", "kg", "export", "-f", "nquads", "--store", str(store)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = proc.stdout.read(100)  # the export is longer than a pipe holds (64 KB)
    proc.stdout.close()
    errors = proc.stderr.read()
    assert proc.wait(timeout=120) == 1
    assert first.startswith(b"<https://w3id.org/kg-ru/")
    assert errors == b""
