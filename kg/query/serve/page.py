"""The query page served at /: offline (no CDN, its script inlined), a query editor, kg's saved
queries (`ontologies/queries/`) to pick from, and the results as a table."""

from __future__ import annotations

import html
import json
from functools import cache

from kg.query.saved import list_queries

__all__ = ["query_page"]

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>kg SPARQL</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; }
textarea { width: 100%; height: 14em; font: 13px monospace; box-sizing: border-box; }
table { border-collapse: collapse; margin-top: 1em; }
td, th { border: 1px solid #ccc; padding: 2px 6px; text-align: left; vertical-align: top; }
#status { margin-left: 1em; color: #555; }
pre { background: #f6f6f6; padding: .5em; overflow: auto; }
</style></head><body>
<h1>kg SPARQL</h1>
<p>Queries go to <code>/sparql</code>; kg's prefixes (kg:, rdfs:, schema: ...) are declared.</p>
<label>Saved query <select id="saved"><option value="">—</option>@@OPTIONS@@</select></label>
<p><textarea id="query" spellcheck="false">
SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 20</textarea></p>
<button id="run">Run</button><span id="status"></span>
<div id="results"></div>
<script type="application/json" id="queries">@@QUERIES@@</script>
<script>
"use strict";
const saved = JSON.parse(document.getElementById("queries").textContent);
const box = document.getElementById("query");
const status = document.getElementById("status");
const out = document.getElementById("results");
document.getElementById("saved").addEventListener("change", (e) => {
  if (e.target.value in saved) box.value = saved[e.target.value];
});
function cell(term) {
  if (!term) return "";
  if (term["xml:lang"]) return term.value + " @" + term["xml:lang"];
  return term.value;
}
function table(head, rows) {
  const t = document.createElement("table");
  const tr = t.insertRow();
  for (const v of head) {
    const th = document.createElement("th");
    th.textContent = v;
    tr.appendChild(th);
  }
  for (const row of rows) {
    const r = t.insertRow();
    for (const v of head) r.insertCell().textContent = cell(row[v]);
  }
  return t;
}
async function run() {
  out.replaceChildren();
  status.textContent = "running…";
  const started = performance.now();
  const res = await fetch("sparql", {
    method: "POST",
    body: box.value,
    headers: {"Content-Type": "application/sparql-query",
              "Accept": "application/sparql-results+json, text/turtle;q=0.9"},
  });
  const ms = Math.round(performance.now() - started);
  const type = res.headers.get("Content-Type") || "";
  if (!res.ok || !type.includes("json")) {
    const pre = document.createElement("pre");
    pre.textContent = await res.text();
    out.appendChild(pre);
    status.textContent = res.status + " in " + ms + " ms";
    return;
  }
  const data = await res.json();
  if ("boolean" in data) {
    status.textContent = "ASK: " + data["boolean"] + " in " + ms + " ms";
    return;
  }
  const rows = data.results.bindings;
  const cut = (data.head.link || []).includes("urn:kg:truncated") ? " (cut at the limit)" : "";
  status.textContent = rows.length + " row(s)" + cut + " in " + ms + " ms";
  out.appendChild(table(data.head.vars, rows));
}
document.getElementById("run").addEventListener("click", () => {
  run().catch((e) => { status.textContent = String(e); });
});
</script></body></html>
"""


@cache
def query_page() -> str:
    """The HTML of the query page, with the saved queries in it."""
    queries = list_queries()
    options = "".join(
        f'<option value="{html.escape(q.name)}">{html.escape(q.title or q.name)}</option>'
        for q in queries
    )
    data = json.dumps({q.name: q.text for q in queries}, ensure_ascii=False)
    data = data.replace("<", "\\u003c")  # no `</script>` can close the block early
    return _PAGE.replace("@@QUERIES@@", data).replace("@@OPTIONS@@", options)
