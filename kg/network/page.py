"""The HTML page of the view: a fixed skeleton, the page's style and script (kg/assets/), the
view data as a JSON block, and vis-network inlined from pyvis's package."""

from __future__ import annotations

import html
import json
import re
from importlib.resources import files
from typing import Any

__all__ = ["VIS_NETWORK", "page", "script_json"]

VIS_NETWORK = "templates/lib/vis-9.1.2/vis-network.min.js"  # inside the pyvis package
_REMOTE_REF = re.compile(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)

_SKELETON = """<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
{style}</style>
<script>
{vis}
</script>
</head>
<body>
<header class="kg-head">
  <h1>{title}</h1>
  <ul class="kg-legend" id="kg-types" aria-label="entity types"></ul>
  <span class="kg-stats" id="kg-stats"></span>
  <form class="kg-find" id="kg-find" role="search" autocomplete="off">
    <input id="kg-search" type="search" list="kg-names" placeholder="find a name or alias"
           aria-label="find a name or alias">
    <datalist id="kg-names"></datalist>
    <button type="submit">find</button>
    <span id="kg-found" role="status"></span>
  </form>
  <ul class="kg-predicates" id="kg-predicates" aria-label="relations"></ul>
</header>
<main class="kg-main">
  <div id="mynetwork"></div>
  <aside class="kg-panel" id="kg-panel" aria-live="polite">
    <h2 id="kg-panel-title"></h2>
    <div id="kg-panel-body"></div>
  </aside>
</main>
<script type="application/json" id="kg-data">{data}</script>
<script>
{script}
</script>
</body>
</html>
"""


def script_json(data: Any) -> str:
    """JSON to sit inside a <script> block: `<`, `>` and `&` escaped, so no text can end it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _asset(name: str) -> str:
    return (files("kg.network") / "assets" / name).read_text(encoding="utf-8")


def _vis_network() -> str:
    code = (files("pyvis") / VIS_NETWORK).read_text(encoding="utf-8")
    if "</script" in code.lower():
        raise RuntimeError("vis-network's code cannot be inlined: it contains </script")
    return code


def page(data: dict[str, Any]) -> str:
    """The whole page for `view_data` output, with no reference to anything remote."""
    text = _SKELETON.format(
        title=html.escape(str(data.get("title", ""))),
        style=_asset("view.css"),
        vis=_vis_network(),
        data=script_json(data),
        script=_asset("view.js"),
    )
    if _REMOTE_REF.search(text):
        raise RuntimeError("the page refers to a remote resource")
    return text
