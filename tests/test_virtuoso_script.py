"""scripts/virtuoso.sh gives each checkout its own server: folder and ports from the
checkout's path, so the tests of two checkouts on one machine never share or stop each
other's. (Starting servers is left to tests/test_virtuoso.py: this only asks where.)"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "virtuoso.sh"


def _checkout(base: Path, name: str) -> Path:
    """A checkout holding nothing but the script."""
    (base / name / "scripts").mkdir(parents=True)
    return Path(shutil.copy(SCRIPT, base / name / "scripts" / "virtuoso.sh"))


def _ask(script: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_VIRTUOSO")}
    res = subprocess.run(
        ["bash", str(script), *args], capture_output=True, text=True, env=env, check=False
    )
    return res.stdout.strip()


def test_two_checkouts_get_their_own_folder_and_ports(tmp_path):
    places = [_ask(_checkout(tmp_path, name), "where").split() for name in ("one", "two")]
    (dir1, http1, sql1), (dir2, http2, sql2) = places
    assert dir1 != dir2 and str(tmp_path) not in dir1
    assert len({http1, sql1, http2, sql2}) == 4
    assert all(20000 <= int(p) < 40000 for p in (http1, sql1, http2, sql2))
    assert _ask(tmp_path / "one" / "scripts" / "virtuoso.sh", "url") == (
        f"http://127.0.0.1:{http1}/sparql"
    )


def test_the_same_checkout_always_gets_the_same_server(tmp_path):
    script = _checkout(tmp_path, "one")
    assert _ask(script, "where") == _ask(script, "where")
    assert _ask(script, "status").startswith("not running")


def test_a_folder_given_is_used(tmp_path):
    where = _ask(_checkout(tmp_path, "one"), "where", str(tmp_path / "v"))
    assert where.split()[0] == str(tmp_path / "v")


def test_the_url_is_the_one_start_wrote(tmp_path):
    folder = tmp_path / "v"
    folder.mkdir()
    (folder / "url").write_text("http://127.0.0.1:12345/sparql\n")
    assert _ask(SCRIPT, "url", str(folder)) == "http://127.0.0.1:12345/sparql"
