"""Screenshots of the seed's actor network view for the README, taken in headless Chromium.

Builds seeds/ into a temporary store, writes the view and saves three PNGs: the network as it
opens, the evidence panel after a click on the meeting of Илья Середюк and Александр Лукашенко,
and a search for "Середюк" with the node's details.

    .venv/bin/python scripts/screenshot_view.py [--out docs/img]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import open_page, screen_point  # noqa: E402  (tests/browser.py: Chromium with the network blocked)

from kg.build.link import write_links  # noqa: E402
from kg.build.write import write_articles  # noqa: E402
from kg.extract import extract  # noqa: E402
from kg.io.articles import read_all  # noqa: E402
from kg.model import Article  # noqa: E402
from kg.network.graph import actor_graph  # noqa: E402
from kg.network.view import view_data, write_view  # noqa: E402
from kg.nlp import load_pipeline  # noqa: E402
from kg.store import open_store  # noqa: E402

MEETING = ("Илья Середюк", "met", "Александр Лукашенко")


def seed_view(folder: Path) -> tuple[Path, dict]:
    """Build seeds/ into a store under `folder`, write its view; the page and its data."""
    ds = open_store(folder / "store")
    pipeline = load_pipeline()
    for article in read_all([ROOT / "seeds"]):
        if isinstance(article, Article):
            write_articles(ds, [extract(article, pipeline)])
    write_links(ds)
    g = actor_graph(ds)
    ds.close()
    return write_view(g, folder / "actors.html"), view_data(g)


def shoot(page_path: Path, data: dict, out: Path) -> list[Path]:
    """The three screenshots of the page; their paths."""
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    edge = next(
        e for e in data["edges"] if (labels[e["from"]], e["predicate"], labels[e["to"]]) == MEETING
    )
    out.mkdir(parents=True, exist_ok=True)
    shots = [out / "view.png", out / "view-evidence.png", out / "view-search.png"]
    with open_page(page_path, viewport=(1280, 760)) as page:
        page.wait_for_function("window.kgReady === true", timeout=30_000)
        page.screenshot(path=shots[0])
        page.mouse.click(*screen_point(page, [edge["from"], edge["to"]]))
        page.wait_for_function("network.getSelectedEdges().length === 1")
        page.mouse.move(5, 700)  # off the canvas, so no tooltip covers the picture
        page.wait_for_timeout(300)
        page.screenshot(path=shots[1])
        page.fill("#kg-search", "Середюк")
        page.press("#kg-search", "Enter")
        page.wait_for_function("network.getSelectedNodes().length === 1")
        page.wait_for_timeout(600)  # the focus animation
        page.screenshot(path=shots[2])
    return shots


def main(argv: Sequence[str] | None = None) -> int:
    """Write the screenshots; print their paths."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "img", help="folder for the PNGs")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        page_path, data = seed_view(Path(tmp))
        for path in shoot(page_path, data, args.out):
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
