"""The README's example queries give the same rows on a store of many articles as on the seed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_601ee94027aa536c.txt"
OTHER = (
    "date 2025-11-12 Кемеровская область и Белоруссия расширят сотрудничество. "
    "Губернатор Середюк провел переговоры с послом Белоруссии."
)
runner = CliRunner()


def _readme_queries() -> list[str]:
    text = (ROOT / "README.md").read_text("utf-8")
    shell = re.findall(r"^\$ \.venv/bin/kg query '([^']+)'", text, flags=re.MULTILINE)
    sparql = re.findall(r"```sparql\n(.*?)```", text, flags=re.DOTALL)
    return shell + sparql


def _rows(store: Path, query: str) -> list[dict]:
    res = runner.invoke(app, ["query", query, "--format", "json", "--store", str(store)])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


@pytest.fixture(scope="module")
def stores(tmp_path_factory, pipeline) -> tuple[Path, Path, Path]:
    tmp = tmp_path_factory.mktemp("readme")
    copy, other = tmp / "copy-of-the-seed.txt", tmp / "other.txt"
    copy.write_text(SEED.read_text("utf-8"), "utf-8")
    other.write_text(OTHER, "utf-8")
    built = []
    for name, files in (("seed", [SEED]), ("twice", [SEED, copy]), ("more", [SEED, copy, other])):
        store = tmp / name
        res = runner.invoke(app, ["build", *map(str, files), "--store", str(store)])
        assert res.exit_code == 0, res.output
        built.append(store)
    return built[0], built[1], built[2]


def test_the_readme_has_its_example_queries():
    assert len(_readme_queries()) >= 2


@pytest.mark.parametrize("query", _readme_queries())
def test_an_example_query_gives_the_seeds_rows_on_a_bigger_store(stores, query):
    seed_only, twice, more = stores
    rows = _rows(seed_only, query)
    assert rows
    # the seed's claims, held in two articles' graphs, are each one row
    assert _rows(twice, query) == rows
    # another article adds its own rows, and repeats none
    bigger = _rows(more, query)
    assert all(row in bigger for row in rows)
    assert len({json.dumps(r, sort_keys=True) for r in bigger}) == len(bigger)
