"""How fast the actor network view opens and answers at scale, in headless Chromium.

A synthetic network (default 2,000 typed actors with Cyrillic names, about 4,000 relations with
evidence sentences, articles and dates; a preferential-attachment core plus small components)
is written with `kg.network.view.write_view` and opened in headless Chromium, offline. Measured:

* write - building the view data (metrics, layout) and the page, in Python;
* ready - from navigation start until the network is drawn with its layout settled
  (`window.kgReadyAt`, the page's own clock), the median of `--runs` page loads;
* hover - moving onto the best-linked node until its tooltip shows (includes the page's
  150 ms tooltip delay);
* click - clicking an edge at its midpoint (zoomed to it) until the side panel shows its
  evidence;
* filter - unticking the commonest relation until the counts change; search - finding a
  name from the search box until the node is selected.

The target: interactive (ready) within 5 s; exit status 0 when it holds and every action
answered, else 1.

    .venv/bin/python benchmarks/view_scale.py [--nodes 2000] [--runs 3] [--json FILE]
        [--keep PAGE.html]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "benchmarks")]

from browser import open_page  # noqa: E402  (tests/browser.py: Chromium with the network blocked)
from machine import cpu_model, finish, load_average, nproc  # noqa: E402

from kg.network.analytics import metrics  # noqa: E402
from kg.network.layout import layout  # noqa: E402
from kg.network.page import page  # noqa: E402
from kg.network.view import view_data  # noqa: E402

TARGET_S = 5.0

FIRST = "Александр Алексей Андрей Анна Борис Вадим Валентина Виктор Владимир Галина Денис Дмитрий "
FIRST += "Евгений Екатерина Елена Иван Игорь Илья Ирина Кирилл Максим Марина Михаил Наталья Олег "
FIRST += "Ольга Павел Пётр Роман Светлана Сергей Татьяна Юлия Юрий Ярослав"
SURNAMES = "Абрамов Белов Волков Гаврилов Голубев Громов Данилов Егоров Жуков Зайцев Иванов Исаев "
SURNAMES += "Калинин Ковалёв Козлов Кузнецов Лебедев Макаров Медведев Морозов Никитин Новиков "
SURNAMES += "Орлов Павлов Петров Попов Романов Семёнов Смирнов Соколов Сорокин Степанов Тарасов "
SURNAMES += "Титов Фёдоров Фролов Чернов Шестаков Щербаков Яковлев"
WORDS = "Сибирь Восток Север Урал Байкал Кузбасс Енисей Алтай Волга Амур Обь Ангара Таймыр Саяны "
WORDS += "Звезда Рассвет Прогресс Вектор Импульс Горизонт Меридиан Спектр Гранит Кристалл Сокол"
ORG_KINDS = ["ООО «{}»", "АО «{}»", "завод «{}»", "банк «{}»", "центр «{}»", "фонд «{}»"]
PLACE_ROOTS = "Бел Кам Крас Нов Стар Сев Юж Зап Вост Сосн Берез Лес Озер Реч Гор Степ Снеж Ясн"
PLACE_ENDS = ["ово", "ск", "оград", "инск", "ореченск", "огорск", "ополь", "ино"]
ROLES = ["директор", "глава", "председатель", "министр", "губернатор", "заместитель главы"]
PRODUCTS = ["комбайн", "трамвай", "лифт", "самосвал", "экскаватор", "станок", "генератор"]
TYPES = [("Person", 0.5), ("Organization", 0.25), ("Place", 0.15), ("Product", 0.1)]
VERBS = {
    "met": "встретился с",
    "signedAgreement": "подписал соглашение с",
    "holdsPosition": "работает в",
    "memberOf": "входит в",
    "componentShare": "производится в",
    "locatedIn": "находится в",
    "partOf": "входит в состав",
    "cooperatesWith": "сотрудничает с",
}


def _predicate(rng: random.Random, a: str, b: str) -> str:
    """A relation that fits the types of its ends."""
    pair = {a, b}
    if "Product" in pair:
        return "componentShare"
    if pair == {"Person"}:
        return rng.choice(["met", "met", "signedAgreement"])
    if "Person" in pair:
        return rng.choice(["holdsPosition", "memberOf", "met"])
    if pair == {"Organization", "Place"}:
        return "locatedIn"
    return rng.choice(["cooperatesWith", "partOf", "signedAgreement"])


def _names(rng: random.Random, kind: str, n: int) -> list[str]:
    """`n` distinct names of one kind."""
    if kind == "Person":
        pool = [f"{f} {s}" for f in FIRST.split() for s in SURNAMES.split()]
    elif kind == "Organization":
        pool = [k.format(w) for k in ORG_KINDS for w in WORDS.split()]
        pool += [
            f"{k.format(w)} № {i}" for k in ORG_KINDS for w in WORDS.split() for i in range(2, 9)
        ]
    elif kind == "Place":
        pool = [r + e for r in PLACE_ROOTS.split() for e in PLACE_ENDS]
        pool += [f"{p}-{i}" for p in list(pool) for i in (2, 3, 4)]
    else:
        pool = [f"{p.capitalize()} {c}-{i}" for p in PRODUCTS for c in "АБВК" for i in range(100)]
    if len(pool) < n:
        raise ValueError(f"not enough {kind} names for {n} nodes")
    return rng.sample(pool, n)


def synthetic_network(n: int = 2000, seed: int = 1) -> nx.MultiDiGraph:
    """About `n` typed actors and 2n relations: a preferential-attachment core of 90% of the
    actors with random links added, and pairs and triangles for the rest; every relation has
    1-3 dated sentences."""
    rng = random.Random(seed)
    core = max(3, int(n * 0.9))
    shape = nx.barabasi_albert_graph(core, 2, seed=seed)
    while shape.number_of_edges() < 2 * n - n // 10:
        shape.add_edge(rng.randrange(core), rng.randrange(core))
    shape.remove_edges_from(nx.selfloop_edges(shape))
    rest = n - core
    while rest > 0:
        part = nx.complete_graph(min(rng.choice([2, 2, 3]), rest))
        shape = nx.disjoint_union(shape, part)
        rest -= part.number_of_nodes()
    order = list(shape)
    rng.shuffle(order)
    kinds: dict[int, str] = {}
    start = 0
    for kind, share in TYPES:
        count = round(share * n) if kind != "Product" else n - start
        for node in order[start : start + count]:
            kinds[node] = kind
        start += count
    names = {kind: iter(_names(rng, kind, list(kinds.values()).count(kind))) for kind, _ in TYPES}
    g = nx.MultiDiGraph()
    for node in sorted(shape):
        kind = kinds[node]
        label = next(names[kind])
        attrs = {"label": label, "type": kind, "aliases": [], "posts": []}
        if kind == "Person":
            attrs["aliases"] = [label.split()[1]]
        elif "«" in label:
            attrs["aliases"] = [label.split("«")[1].split("»")[0]]
        g.add_node(f"https://w3id.org/kg-ru/id/{kind.lower()}/{node}", **attrs)
    ids = {node: f"https://w3id.org/kg-ru/id/{kinds[node].lower()}/{node}" for node in shape}
    for u, v in shape.edges():
        if rng.random() < 0.5:
            u, v = v, u
        a, b = ids[u], ids[v]
        predicate = _predicate(rng, kinds[u], kinds[v])
        evidence = []
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            article = f"a{rng.randrange(100_000):05d}"
            date = f"202{rng.randrange(4, 6)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
            text = f"{g.nodes[a]['label']} {VERBS[predicate]} {g.nodes[b]['label']} ({article})."
            evidence.append({"text": text, "article": article, "date": date})
        g.add_edge(
            a, b, key=predicate, predicate=predicate, weight=len(evidence), evidence=evidence
        )
        if predicate == "holdsPosition" and g.nodes[a]["type"] == "Person":
            g.nodes[a]["posts"].append({"role": rng.choice(ROLES), "where": g.nodes[b]["label"]})
    return g


def write_timings(g: nx.MultiDiGraph, path: Path) -> tuple[dict[str, float], dict]:
    """Seconds to compute the metrics, the layout and the whole page (which does both again),
    and the view data written."""
    started = time.perf_counter()
    metrics(g)
    measured = time.perf_counter() - started
    started = time.perf_counter()
    layout(sorted(g), [(u, v) for u, v in g.edges()])
    placed = time.perf_counter() - started
    started = time.perf_counter()
    data = view_data(g, title=f"kg: {g.number_of_nodes()} synthetic actors")
    path.write_text(page(data), encoding="utf-8")
    timings = {
        "metrics_s": measured,
        "layout_s": placed,
        "write_s": time.perf_counter() - started,
        "page_mb": path.stat().st_size / 1e6,
    }
    return timings, data


_MIDPOINT = """(ids) => {
    const p = network.getPositions(ids);
    const mid = {x: (p[ids[0]].x + p[ids[1]].x) / 2, y: (p[ids[0]].y + p[ids[1]].y) / 2};
    network.moveTo({position: mid, scale: 1});
    const d = network.canvasToDOM(mid);
    const r = document.getElementById('mynetwork').getBoundingClientRect();
    return [d.x + r.left, d.y + r.top];
}"""
_NODE_AT = """(id) => {
    const d = network.canvasToDOM(network.getPositions([id])[id]);
    const r = document.getElementById('mynetwork').getBoundingClientRect();
    return [d.x + r.left, d.y + r.top];
}"""


def browser_timings(path: Path, data: dict) -> dict[str, float | str]:
    """One page load: ready time by the page's clock, then hover, click, filter and search."""
    hub = max(data["nodes"], key=lambda n: n["degree"])
    edge = next(e for e in data["edges"] if "curve" not in e and hub["id"] in (e["from"], e["to"]))
    commonest = max(data["predicates"], key=lambda p: p["count"])["name"]
    errors: list[str] = []
    requests: list[str] = []
    with open_page(path, requests, errors) as pg:
        pg.wait_for_function("window.kgReady === true", timeout=60_000)
        out: dict[str, float | str] = {"ready_s": pg.evaluate("window.kgReadyAt") / 1000}
        out["chromium"] = pg.context.browser.version if pg.context.browser else ""

        started = time.perf_counter()
        pg.mouse.move(*pg.evaluate(_NODE_AT, hub["id"]))
        pg.locator("div.vis-tooltip").wait_for(state="visible", timeout=10_000)
        out["hover_s"] = time.perf_counter() - started
        if hub["label"] not in pg.inner_text("div.vis-tooltip"):
            raise RuntimeError("the tooltip does not show the hovered node")

        x, y = pg.evaluate(_MIDPOINT, [edge["from"], edge["to"]])
        started = time.perf_counter()
        pg.mouse.click(x, y)
        pg.wait_for_function(
            "t => document.getElementById('kg-panel').innerText.includes(t)",
            arg=edge["evidence"][0]["text"],
            timeout=10_000,
        )
        out["click_s"] = time.perf_counter() - started

        before = pg.evaluate("window.kgCounts.edges")
        started = time.perf_counter()
        pg.uncheck(f"#kg-predicates input[value='{commonest}']")
        pg.wait_for_function(f"window.kgCounts.edges !== {before}", timeout=10_000)
        out["filter_s"] = time.perf_counter() - started

        started = time.perf_counter()
        pg.fill("#kg-search", hub["label"])
        pg.press("#kg-search", "Enter")
        pg.wait_for_function(
            "id => network.getSelectedNodes()[0] === id", arg=hub["id"], timeout=10_000
        )
        out["search_s"] = time.perf_counter() - started
    if errors or requests:
        raise RuntimeError(f"page errors {errors} or requests {requests}")
    return out


def run(nodes: int, runs: int, keep: Path | None = None, seed: int = 1) -> dict:
    """Build, write and open the view `runs` times; every number, and whether the target held."""
    g = synthetic_network(nodes, seed)
    with tempfile.TemporaryDirectory() as tmp:
        path = keep or Path(tmp) / "view.html"
        written, data = write_timings(g, path)
        loads = [browser_timings(path, data) for _ in range(runs)]
    ready = [float(r["ready_s"]) for r in loads]
    actions = {
        k: statistics.median(float(r[k]) for r in loads)
        for k in ("hover_s", "click_s", "filter_s", "search_s")
    }
    return {
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "runs": runs,
        **written,
        "ready_s": statistics.median(ready),
        "ready_runs_s": ready,
        **actions,
        "target_s": TARGET_S,
        "ok": statistics.median(ready) <= TARGET_S and max(actions.values()) < TARGET_S,
        "chromium": loads[0]["chromium"],
        "machine": {"nproc": nproc(), "cpu": cpu_model(), "load_average": load_average()},
    }


def report(r: dict) -> str:
    """The numbers as a few lines."""
    m = r["machine"]
    return "\n".join(
        [
            f"cpu: {m['cpu']}, nproc {m['nproc']}, load {m['load_average']}, "
            f"chromium {r['chromium']}",
            f"network: {r['nodes']} nodes, {r['edges']} edges; page {r['page_mb']:.1f} MB",
            f"write: {r['write_s']:.2f} s (metrics {r['metrics_s']:.2f} s, "
            f"layout {r['layout_s']:.2f} s)",
            "ready (navigation to drawn): "
            + f"{r['ready_s']:.2f} s median of "
            + ", ".join(f"{s:.2f}" for s in r["ready_runs_s"])
            + f" (target <= {r['target_s']:.0f} s)",
            f"hover {r['hover_s']:.2f} s, click to evidence {r['click_s']:.2f} s, "
            f"filter {r['filter_s']:.2f} s, search {r['search_s']:.2f} s",
            "ok" if r["ok"] else "TARGET MISSED",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark from the command line; 0 when the target holds, else 1."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=2000, help="actors (default: 2000)")
    ap.add_argument("--runs", type=int, default=3, help="page loads (default: 3)")
    ap.add_argument("--seed", type=int, default=1, help="of the synthetic network (default: 1)")
    ap.add_argument("--keep", type=Path, default=None, help="write the page here and keep it")
    ap.add_argument("--json", type=Path, default=None, help="also write the numbers here")
    args = ap.parse_args(argv)
    result = run(args.nodes, args.runs, args.keep, args.seed)
    return finish(result, report(result), args.json)


if __name__ == "__main__":
    sys.exit(main())
