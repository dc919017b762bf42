"""The wheel carries everything kg needs: installed into a fresh virtual environment and run in
a folder far from the checkout, it builds articles, validates the store, runs a saved query by
name and exports JSON-LD, which read the ontology, shapes, queries and context as package data.

kg comes from the wheel alone; its dependencies come from this test environment (one `.pth`
line in the fresh environment), so the test downloads nothing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TOP_LEFT_OUT = {".git", ".venv", ".kg", "out", "build", "dist"}


def _left_out(folder: str, names: list[str]) -> set[str]:
    """What a copy of the checkout leaves out: the environment, stores, outputs, caches."""
    top = {n for n in names if n in TOP_LEFT_OUT} if Path(folder) == ROOT else set()
    return top | {n for n in names if n == "__pycache__" or n.endswith((".egg-info", "_cache"))}


pytestmark = pytest.mark.slow


def _run(*args: str | Path, cwd: Path) -> str:
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, f"{args}: exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path]:
    """The `kg` command of a fresh environment holding the wheel, and a folder to run it in."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"
    shutil.copytree(ROOT, source, ignore=_left_out)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    _run(*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", tmp / "dist", source, cwd=tmp)
    (wheel,) = (tmp / "dist").glob("kg-*.whl")
    env = tmp / "env"
    _run(sys.executable, "-m", "venv", "--without-pip", env, cwd=tmp)
    site = next((env / "lib").glob("python3*/site-packages"))
    (site / "kg-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", "utf-8")
    _run(*pip, "install", "--no-deps", "--no-index", "--target", site, wheel, cwd=tmp)
    work = tmp / "elsewhere"
    shutil.copytree(ROOT / "seeds", work / "articles")
    return env, work


def test_the_wheel_holds_the_package_data(installed):
    env, work = installed
    python = env / "bin" / "python"
    where = _run(
        python, "-c", "import kg, kg.ontology as o; print(kg.__file__, o.SHAPES)", cwd=work
    )
    assert str(env) in where and str(ROOT) not in where
    files = _run(
        python,
        "-c",
        "import kg.ontology as o; print(sorted(p.name for p in o.QUERIES.iterdir()))",
        cwd=work,
    )
    assert "who-met-whom.rq" in files


def test_an_installed_kg_builds_validates_queries_and_exports(installed):
    env, work = installed
    python = env / "bin" / "python"
    kg = [python, "-m", "kg"]
    summary = _run(*kg, "build", "articles", "--store", "store", "--workers", "1", cwd=work)
    assert "built 1 article(s)" in summary
    _run(*kg, "validate", "--store", "store", cwd=work)
    rows = _run(*kg, "query", "who-met-whom", "--store", "store", "-f", "csv", cwd=work)
    assert "Александр Лукашенко,Илья Середюк" in rows
    _run(*kg, "export", "--format", "jsonld", "--store", "store", "-o", "kg.jsonld", cwd=work)
    data = json.loads((work / "kg.jsonld").read_text("utf-8"))
    assert data["@context"] and "@graph" in data
