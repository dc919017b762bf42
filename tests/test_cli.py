"""The `kg` command end to end on the seed: build, query, export, view, stats and bad input."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from typer.testing import CliRunner

from kg.cli import app

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
runner = CliRunner()


def kg(*args: str):
    """Run `kg` in-process (the models stay loaded between calls)."""
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def store(tmp_path_factory, pipeline):
    path = tmp_path_factory.mktemp("store") / "kg"
    res = kg("build", str(SEEDS), "--store", str(path))
    assert res.exit_code == 0, res.output
    return path


def test_build_summary(store):
    res = kg("build", str(SEEDS), "--store", str(store), "--force")
    assert "built 1 article(s)" in res.stdout
    assert "met 2" in res.stdout


def test_building_twice_keeps_the_quad_count(tmp_path, pipeline):
    path = str(tmp_path / "kg")
    counts = []
    for _ in range(2):
        res = kg("build", str(SEEDS), "--store", path)
        counts.append(int(re.search(r"(\d+) quads", res.stdout).group(1)))
    assert counts[0] == counts[1] > 100


def test_who_met_whom(store):
    q = (
        "SELECT ?a ?b WHERE { ?x kg:met ?y . ?x rdfs:label ?a . ?y rdfs:label ?b "
        "FILTER(STR(?a) < STR(?b)) }"
    )
    res = kg("query", q, "--store", str(store), "--format", "json")
    rows = {(r["a"], r["b"]) for r in json.loads(res.stdout)}
    assert rows == {("Андрей Конюшко", "Илья Середюк"), ("Александр Лукашенко", "Илья Середюк")}


def test_query_from_file_as_csv(store, tmp_path):
    f = tmp_path / "posts.rq"
    f.write_text("SELECT ?role WHERE { ?p a org:Post ; kg:role ?role } ORDER BY ?role", "utf-8")
    res = kg("query", str(f), "--store", str(store), "--format", "csv")
    assert res.stdout.splitlines()[0] == "role"
    assert "губернатор" in res.stdout


def test_a_long_table_is_cut_with_a_note_and_csv_gives_every_row(store):
    q = "SELECT DISTINCT ?label WHERE { ?s rdfs:label ?label } ORDER BY ?label"
    every = kg("query", q, "--store", str(store), "--format", "csv").stdout.splitlines()[1:]
    assert len(every) > 12
    res = kg("query", q, "--store", str(store), "--max-rows", "5")
    assert f"5 of {len(every):,} rows shown" in res.stderr
    shown = [line for line in res.stdout.splitlines() if line.startswith("│")]
    assert len(shown) == 5
    assert [line.strip("│ ") for line in shown] == every[:5]  # the first rows, in order
    res = kg("query", q, "--store", str(store), "--max-rows", "0")
    assert len([ln for ln in res.stdout.splitlines() if ln.startswith("│")]) >= len(every)
    assert f"{len(every)} row(s)" in res.stderr


def test_turtle_and_trig_export_parse(store, tmp_path):
    ttl, trig = tmp_path / "kg.ttl", tmp_path / "kg.trig"
    assert kg("export", "--format", "turtle", "-o", str(ttl), "--store", str(store)).exit_code == 0
    assert kg("export", "--format", "trig", "-o", str(trig), "--store", str(store)).exit_code == 0
    g = Graph().parse(ttl, format="turtle")
    assert len(g) > 100
    ds = Dataset().parse(trig, format="trig")
    assert len([c for c in ds.graphs() if "article" in str(c.identifier)]) == 1


@pytest.mark.parametrize("fmt", ["nquads", "jsonld"])
def test_other_exports(store, fmt):
    res = kg("export", "--format", fmt, "--store", str(store))
    assert res.exit_code == 0 and len(res.stdout) > 1000


def test_stats(store):
    res = kg("stats", "--store", str(store))
    assert re.search(r"articles\s+│\s+1", res.stdout)
    quads = re.search(r"quads \(all graphs\)\s+│\s+(\d+)", res.stdout)
    triples = re.search(r"triples \(default graph\)\s+│\s+(\d+)", res.stdout)
    assert quads and triples and int(triples.group(1)) <= int(quads.group(1))


def test_extract_jsonl_to_file(tmp_path, pipeline):
    out = tmp_path / "t.jsonl"
    assert kg("extract", str(SEEDS), "--format", "jsonl", "-o", str(out)).exit_code == 0
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert {r["predicate"] for r in rows} >= {"met", "holdsPosition", "signedAgreement"}


def test_view_is_offline_and_draws(store, tmp_path):
    from browser import open_page

    html = tmp_path / "actors.html"
    res = kg("view", "-o", str(html), "--store", str(store))
    assert res.exit_code == 0
    text = html.read_text("utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?https?://""", text)
    nodes, edges = map(int, re.search(r"(\d+) actors, (\d+) relations", res.stdout).groups())
    requests: list[str] = []
    with open_page(html, requests=requests) as page:
        page.wait_for_function("window.kgReady === true", timeout=20000)
        counts = page.evaluate("window.kgCounts")
    assert counts == {"nodes": nodes, "edges": edges}
    assert nodes >= 8 and requests == []


def _run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    ("make", "args", "message"),
    [
        (None, ["build", "{tmp}/missing.txt"], "no such file"),
        ("empty.txt", ["build", "{file}"], "empty article"),
        ("photo.txt", ["extract", "{file}"], "not a text file"),
        (
            None,
            ["query", "SELECT ?x WHERE { ?x kg:met }", "--store", "{tmp}/store"],
            "no store here",
        ),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, make, args, message):
    file = tmp_path / (make or "none")
    if make == "empty.txt":
        file.write_text("  \n", "utf-8")
    elif make == "photo.txt":
        file.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    res = _run_cli(*[a.replace("{tmp}", str(tmp_path)).replace("{file}", str(file)) for a in args])
    assert res.returncode == 2
    assert "Traceback" not in res.stderr
    assert message in res.stderr and len(res.stderr.strip().splitlines()) == 1


def test_sparql_syntax_error(store):
    res = _run_cli("query", "SELECT ?x WHERE { ?x kg:met }", "--store", str(store))
    assert res.returncode == 2
    assert "SPARQL syntax error" in res.stderr and "Traceback" not in res.stderr


def test_mentions_export_resolves_entities(pipeline):
    res = kg("extract", str(SEEDS), "--format", "mentions")
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert set(rows[0]) == {"article", "start", "end", "text", "type", "entity"}
    by_text = {r["text"]: r["entity"] for r in rows}
    assert by_text["Ильей Середюком"] == by_text["Илья Середюк"]
    assert by_text["Середюк"]["label"] == "Илья Середюк"
    assert by_text["Кемеровской области"]["label"] == "Кузбасс"
    assert by_text["Белоруссии"]["id"] == by_text["Республики Беларусь"]["id"]


def test_entities_with_aliases_and_counts(store):
    res = kg(
        "entities",
        "--type",
        "Place",
        "--search",
        "белорусс",
        "--format",
        "json",
        "--store",
        str(store),
    )
    (belarus,) = json.loads(res.stdout)
    assert belarus["label"] == "Беларусь"
    assert {"Белоруссия", "Республика Беларусь"} <= set(belarus["aliases"])
    assert belarus["mentions"] >= 5 and belarus["articles"] == ["000_601ee94027aa536c"]


def test_places_link_to_geonames_with_coordinates(store):
    q = "SELECT ?s ?lat WHERE { ?p rdfs:label 'Кемерово'@ru ; owl:sameAs ?s ; geo:lat ?lat }"
    rows = json.loads(kg("query", q, "--store", str(store), "--format", "json").stdout)
    assert rows and rows[0]["s"] == "https://sws.geonames.org/1503901/"
    assert abs(float(rows[0]["lat"]) - 55.35) < 0.1


def test_saved_query_by_name_with_a_bound_parameter(store):
    res = kg(
        "query",
        "positions-of",
        "--param",
        "person=Илья Середюк",
        "--format",
        "json",
        "--store",
        str(store),
    )
    rows = json.loads(res.stdout)
    assert {(r["role"], r["where"]) for r in rows} == {
        ("губернатор", "Кузбасс"),
        ("глава", "Кузбасс"),
    }
    assert kg("query", "--list").stdout.count("who-met-whom") == 1


def test_saved_query_errors_are_one_line(store):
    res = _run_cli("query", "positions-of", "--store", str(store))
    assert res.returncode == 2 and "missing parameter" in res.stderr
    res = _run_cli("query", "no-such-query", "--store", str(store))
    assert res.returncode == 2 and "available:" in res.stderr


def test_a_wrapped_sentence_with_quotes_is_stored_whole(tmp_path, pipeline):
    f = tmp_path / "breaks.txt"
    f.write_text(
        'Губернатор Кузбасса Илья Середюк\nвстретился с "министром" Андреем Ивановым '
        "\\ в Кемерове.",
        "utf-8",
    )
    res = kg("build", str(f), "--store", str(tmp_path / "kg"))
    assert res.exit_code == 0, res.output
    q = "SELECT ?t WHERE { ?a a kg:Assertion ; rdf:predicate kg:met ; kg:evidenceText ?t }"
    rows = json.loads(kg("query", q, "--store", str(tmp_path / "kg"), "-f", "json").stdout)
    assert rows and "Середюк встретился" in rows[0]["t"] and '"министром"' in rows[0]["t"]
    assert "\\ в Кемерове" in rows[0]["t"]


def test_validate_passes_on_the_seed(store):
    res = kg("validate", "--store", str(store))
    assert res.exit_code == 0, res.output


def test_jsonld_uses_the_context_and_round_trips(store, tmp_path):
    out_file = tmp_path / "kg.jsonld"
    assert kg("export", "-f", "jsonld", "-o", str(out_file), "--store", str(store)).exit_code == 0
    doc = json.loads(out_file.read_text("utf-8"))
    assert doc["@context"]["met"] == {"@id": "kg:met", "@type": "@id"}
    nq = kg("export", "-f", "nquads", "--store", str(store)).stdout
    assert len(Dataset().parse(out_file, format="json-ld")) == len(
        Dataset().parse(data=nq, format="nquads")
    )


def test_export_of_one_article(store):
    res = kg("export", "-f", "nquads", "--article", "000_601ee94027aa536c", "--store", str(store))
    ds = Dataset().parse(data=res.stdout, format="nquads")
    graphs = {str(c.identifier) for c in ds.graphs() if len(c)}
    assert len(ds) > 100
    assert all("/id/article/000-601ee94027aa536c" in g or "default" in g for g in graphs), graphs
    res = _run_cli("export", "--article", "nope", "--store", str(store))
    assert res.returncode == 2 and "no article" in res.stderr


def test_bad_articles_are_skipped_and_the_rest_built(tmp_path, pipeline):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(
        "Губернатор Кузбасса Илья Середюк встретился в Кемерове с министром Андреем Ивановым.",
        "utf-8",
    )
    (folder / "empty.txt").write_text(" \n", "utf-8")
    (folder / "doc.txt").write_bytes(b"%PDF-1.4\x00\x01")
    (folder / "feed.jsonl").write_text(
        '{"id": "a", "text": "Мэр Москвы Сергей Собянин открыл парк."}\n{broken\n'
        '{"id": "a", "text": "дубль"}\n{"id": "b"}\n',
        "utf-8",
    )
    res = _run_cli("build", str(folder), "--store", str(tmp_path / "kg"))
    assert res.returncode == 1
    assert "built 2 article(s)" in res.stdout
    skipped = [line for line in res.stderr.splitlines() if line.startswith("skipped:")]
    assert len(skipped) == 5
    assert any("feed.jsonl:2" in s and "not valid JSON" in s for s in skipped)
    assert any("duplicate id 'a'" in s for s in skipped)
    strict = _run_cli("build", str(folder), "--store", str(tmp_path / "kg2"), "--strict")
    assert strict.returncode == 2 and len(strict.stderr.strip().splitlines()) == 1


def test_network_ranking_and_gephi_files(store, tmp_path):
    res = kg("network", "--top", "3", "--store", str(store))
    assert res.exit_code == 0 and "Илья Середюк" in res.stdout
    out_file = tmp_path / "ego.gexf"
    res = kg(
        "network",
        "--around",
        "Илья Середюк",
        "--format",
        "gexf",
        "-o",
        str(out_file),
        "--store",
        str(store),
    )
    assert res.exit_code == 0
    import networkx as nx

    back = nx.read_gexf(out_file, version="1.3")
    assert "Андрей Конюшко" in {d["label"] for _, d in back.nodes(data=True)}


def test_eval_gold_on_the_seed(pipeline):
    gold = Path(__file__).parent / "data" / "gold" / "000_601ee94027aa536c.json"
    res = kg("eval", "gold", str(gold), "--article", str(SEEDS / "000_601ee94027aa536c.txt"))
    assert res.exit_code == 0 and "required relations found: 11/11" in res.stdout


def test_eval_needs_a_factru_folder(tmp_path):
    res = _run_cli("eval", "factru", str(tmp_path / "nope"))
    assert res.returncode == 2 and "no such folder" in res.stderr
    res = _run_cli("eval", "coref", str(tmp_path))
    assert res.returncode == 2 and "no factRuEval documents" in res.stderr
    res = _run_cli("eval", "nerel", str(tmp_path))
    assert res.returncode == 2 and "no NEREL documents (NAME.txt with NAME.ann)" in res.stderr


def test_a_failed_extract_leaves_no_output_file(tmp_path, pipeline):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Мэр Москвы Сергей Собянин открыл парк.", "utf-8")
    (folder / "b.txt").write_bytes(b"%PDF-1.4\x00\x01")
    out = tmp_path / "triples.jsonl"
    res = _run_cli("extract", str(folder), "-o", str(out), "--strict")
    assert res.returncode == 2
    assert list(tmp_path.iterdir()) == [folder]
    res = _run_cli("extract", str(folder), "-o", str(out))
    assert res.returncode == 1 and "holdsPosition" in out.read_text("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "triples.jsonl"]


def test_types_are_read_in_any_case_and_unknown_filters_list_the_known(store):
    res = kg("network", "--type", "person", "--store", str(store))
    assert res.exit_code == 0 and "Илья Середюк" in res.stdout
    res = kg("entities", "--type", "PLACE", "--store", str(store))
    assert res.exit_code == 0 and "Кузбасс" in res.stdout
    res = kg("network", "--type", "Human", "--store", str(store))
    assert res.exit_code == 2 and "one of Person, Organization, Place, Product" in res.stderr
    res = kg("view", "--predicate", "meet", "--store", str(store), "-o", "/dev/null")
    assert res.exit_code == 2 and "unknown relation 'meet' (one of met," in res.stderr


def test_a_date_filter_says_what_it_cannot_place(tmp_path, pipeline):
    undated = tmp_path / "undated.txt"
    undated.write_text("Иван Петров встретился в Казани с Андреем Сидоровым.", "utf-8")
    store = tmp_path / "kg"
    assert kg("build", str(SEEDS), str(undated), "--store", str(store)).exit_code == 0
    res = kg("network", "--since", "2025-01-01", "--store", str(store))
    assert res.exit_code == 0
    assert "1 relation(s) from 1 undated article(s) cannot be placed in time" in res.stderr
    assert "Иван Петров" not in res.stdout


def test_a_control_character_in_a_file_name_forges_no_line(tmp_path):
    """A newline in a file name once printed an extra "error:" line of the name's choosing;
    names and messages are printed with their control characters escaped."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "bad\nerror: forged.txt").write_text("", "utf-8")
    (src / "spoof\u202egpj.txt").write_text("", "utf-8")
    (src / "good.txt").write_text("Мэр Москвы Сергей Собянин открыл парк.", "utf-8")
    res = kg("build", str(src), "--store", str(tmp_path / "kg"))
    lines = res.stderr.splitlines()
    assert not any(line.startswith("error: forged") for line in lines), res.stderr
    assert any("bad\\nerror: forged.txt" in line for line in lines), res.stderr
    assert "\u202e" not in res.stderr and "spoof\\u202egpj.txt" in res.stderr
