"""Headless Chromium for page tests: opens a local file with every network request blocked."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Page, Route, sync_playwright

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "chromium_path", "open_page"]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_path() -> str | None:
    """The Chromium binary to drive: the Debian package's, else the one on PATH."""
    if Path(CHROMIUM).is_file():
        return CHROMIUM
    return shutil.which("chromium")


@contextmanager
def open_page(
    path: Path,
    requests: list[str] | None = None,
    errors: list[str] | None = None,
    viewport: tuple[int, int] = (1280, 800),
    dialogs: list[str] | None = None,
) -> Iterator[Page]:
    """Open `path` in headless Chromium; record blocked requests, page errors and dialogs (which
    are dismissed) in the lists."""
    executable = chromium_path()
    if executable is None:
        raise RuntimeError("Chromium not found: browser tests need `apt-get install chromium`")
    blocked = requests if requests is not None else []
    failures = errors if errors is not None else []
    opened = dialogs if dialogs is not None else []

    def guard(route: Route) -> None:
        url = route.request.url
        if url.startswith("file:"):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(
                viewport={"width": viewport[0], "height": viewport[1]},
                service_workers="block",
            )
            page = context.new_page()
            page.route("**/*", guard)
            page.on("websocket", lambda ws: blocked.append(ws.url))
            page.on("pageerror", lambda exc: failures.append(str(exc)))
            page.on("dialog", lambda d: (opened.append(d.message), d.dismiss()))
            page.goto(Path(path).resolve().as_uri())
            yield page
        finally:
            browser.close()


def wait_still(page: Page, timeout: float = 5.0) -> None:
    """Wait until the view stops moving (a search's focus animates it for a while)."""
    view = "[network.getViewPosition(), network.getScale()]"
    deadline = time.monotonic() + timeout
    last = page.evaluate(view)
    while time.monotonic() < deadline:
        page.wait_for_timeout(100)
        now = page.evaluate(view)
        if now == last:
            return
        last = now
    raise AssertionError("the view kept moving")


def screen_point(page: Page, ends: list[str]) -> tuple[float, float]:
    """Where on the page a node (one id) or the midpoint of an edge (two ids) is drawn, once
    the view is still."""
    wait_still(page)
    return page.evaluate(
        """(ids) => {
            const p = network.getPositions(ids);
            const x = ids.reduce((s, id) => s + p[id].x, 0) / ids.length;
            const y = ids.reduce((s, id) => s + p[id].y, 0) / ids.length;
            const d = network.canvasToDOM({x: x, y: y});
            const r = document.getElementById('mynetwork').getBoundingClientRect();
            return [d.x + r.left, d.y + r.top];
        }""",
        ends,
    )
