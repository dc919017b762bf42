"""The golden snapshot of the whole pipeline on the seed article: its triples export, its
mentions export and the TriG of a store built from it, made through the `kg` command.

`python tests/golden.py` writes the snapshot into tests/data/golden/ (the only way it
changes); tests/test_golden.py makes it again and compares it byte for byte.
"""

from __future__ import annotations

import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "data" / "golden"
SEED = Path("seeds") / "000_601ee94027aa536c.txt"
FILES = ("seed.triples.jsonl", "seed.mentions.jsonl", "seed.trig")


@contextmanager
def _at_root():
    """Run from the checkout's root, so the seed's source path reads `seeds/...` wherever
    the tests were started."""
    before = Path.cwd()
    os.chdir(ROOT)
    try:
        yield
    finally:
        os.chdir(before)


def _kg(*args: str) -> None:
    from typer.testing import CliRunner

    from kg.cli import app

    result = CliRunner().invoke(app, list(args))
    if result.exit_code != 0:
        raise RuntimeError(f"kg {' '.join(args)} exited {result.exit_code}: {result.output}")


def snapshot(folder: Path) -> dict[str, str]:
    """The snapshot's files, made afresh in `folder`: name → text."""
    store = folder / "store"
    with _at_root():
        _kg("extract", str(SEED), "--format", "jsonl", "-o", str(folder / FILES[0]))
        _kg("extract", str(SEED), "--format", "mentions", "-o", str(folder / FILES[1]))
        _kg("build", str(SEED), "--store", str(store), "--workers", "1")
        _kg("export", "--format", "trig", "--store", str(store), "-o", str(folder / FILES[2]))
    return {name: (folder / name).read_text("utf-8") for name in FILES}


def main() -> int:
    """Write the snapshot into tests/data/golden/."""
    GOLDEN.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in snapshot(Path(tmp)).items():
            (GOLDEN / name).write_text(text, encoding="utf-8")
            print(f"wrote {GOLDEN / name}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
