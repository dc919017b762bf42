"""A bounded abuse run against `kg serve`: normal clients before and while hostile ones arrive.

The seed is built into a fresh store and served with query workers (the endpoint's defaults,
a short timeout). `--clients` threads ask normal queries (who met whom, the posts, a label
lookup) for `--seconds`; then the same again while `--attackers` threads send, in turn:
a slow cross join, a query of nested CONCAT doublings (past the memory cap), a 500 KB regular
expression, a malformed query, SPARQL Update, a hidden SERVICE to a local listener, an
oversized body and a negative Content-Length. Reported: the normal queries' p50 and p99 latency
and their failures in each phase, what the hostile requests were answered, whether the
listener heard anything, and whether the server still answers at the end.

Exit status 0 when the server never crashed, no normal query failed, no hostile request got
200 where it should not and the listener heard nothing; else 1.

    .venv/bin/python benchmarks/serve_abuse.py [--clients 50] [--attackers 4] [--seconds 10]
        [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

NORMAL = [
    "SELECT ?a ?b WHERE { ?x kg:met ?y . ?x rdfs:label ?a . ?y rdfs:label ?b }",
    "SELECT ?p ?role WHERE { ?p org:holds ?post . ?post kg:role ?role } LIMIT 20",
    'SELECT ?e WHERE { ?e rdfs:label "Илья Середюк"@ru }',
]
_SLOW = (
    "SELECT (COUNT(*) AS ?n) WHERE { "
    + " ".join(f"{{ SELECT ?s{i} WHERE {{ ?s{i} ?p{i} ?o{i} }} LIMIT 300 }}" for i in range(3))
    + " }"
)
_DOUBLINGS = " ".join(f"BIND(CONCAT(?a{i}, ?a{i}) AS ?a{i + 1})" for i in range(28))
_HUGE = f'SELECT (STRLEN(?a28) AS ?n) WHERE {{ BIND("aaaaaaaaaaaaaaaa" AS ?a0) {_DOUBLINGS} }}'
_REGEX = 'SELECT ?s WHERE { ?s ?p ?o FILTER(REGEX(STR(?o), "' + "(a|aa)*" * 60000 + 'b")) }'


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _get(url: str, query: str, timeout: float = 60) -> tuple[int, float]:
    """Status and seconds of one GET."""
    start = time.perf_counter()
    full = url + "?" + urllib.parse.urlencode({"query": query})
    try:
        with urllib.request.urlopen(full, timeout=timeout) as res:
            res.read()
            status = res.status
    except urllib.error.HTTPError as e:
        status = e.code
    except OSError:
        status = 0
    return status, time.perf_counter() - start


def _raw(host: str, port: int, request: bytes) -> int:
    """The status of a hand-written request (0 when the connection gives none)."""
    try:
        with socket.create_connection((host, port), timeout=30) as sock:
            sock.sendall(request)
            answer = sock.recv(64).decode("latin-1")
    except OSError:
        return 0
    return int(answer.split()[1]) if answer.startswith("HTTP/") else 0


def _hostile(url: str, host: str, port: int, listener_port: int) -> list[tuple[str, callable]]:
    service = (
        f"SELECT * WHERE {{ # x\rSERVICE <http://127.0.0.1:{listener_port}/x> {{ ?s ?p ?o }}\n}}"
    )
    big = b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
    return [
        ("slow join", lambda: _get(url, _SLOW)[0]),
        ("nested CONCAT", lambda: _get(url, _HUGE)[0]),
        ("500 KB regex", lambda: _raw(host, port, _post(_REGEX))),
        ("malformed", lambda: _get(url, "SELECT WHERE {{{")[0]),
        ("update", lambda: _get(url, "DELETE WHERE { ?s ?p ?o }")[0]),
        ("hidden SERVICE", lambda: _get(url, service)[0]),
        ("oversized body", lambda: _raw(host, port, big + b"Content-Length: 9999999\r\n\r\n")),
        ("negative length", lambda: _raw(host, port, big + b"Content-Length: -5\r\n\r\nASK {}")),
    ]


def _post(query: str) -> bytes:
    body = query.encode()
    head = (
        "POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    return head.encode() + body


def _normal_phase(url: str, clients: int, seconds: float) -> tuple[list[float], Counter]:
    """Latencies of the normal queries of `clients` threads for `seconds`, and their statuses."""
    latencies: list[float] = []
    statuses: Counter = Counter()
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(k: int) -> None:
        i = k
        while time.monotonic() < stop:
            status, took = _get(url, NORMAL[i % len(NORMAL)])
            i += 1
            with lock:
                statuses[status] += 1
                if status == 200:
                    latencies.append(took)

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, statuses


def _summary(latencies: list[float], statuses: Counter) -> dict:
    return {
        "queries": sum(statuses.values()),
        "p50_ms": round(1000 * statistics.median(latencies), 1) if latencies else None,
        "p99_ms": round(1000 * _percentile(latencies, 0.99), 1) if latencies else None,
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
    }


def run(clients: int, attackers: int, seconds: float, workers: int | None = None) -> dict:
    """The abuse run; its report as a dict."""
    from typer.testing import CliRunner

    from kg.cli import app
    from kg.query.serve import make_server
    from kg.store import open_store

    folder = Path(tempfile.mkdtemp()) / "kg"
    built = CliRunner().invoke(app, ["build", str(ROOT / "seeds"), "--store", str(folder)])
    if built.exit_code != 0:
        raise SystemExit(built.output)
    heard: list[bytes] = []
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.2)
    store = open_store(str(folder), create=False, read_only=True)
    server = make_server(store, port=0, timeout=2, limit=1000, workers=workers, memory=512).start()
    host, port = server.server_address[:2]
    done = threading.Event()

    def listen() -> None:
        while not done.is_set():
            try:
                conn, _ = listener.accept()
                heard.append(conn.recv(100))
                conn.close()
            except OSError:
                continue

    threading.Thread(target=listen, daemon=True).start()
    report: dict = {"clients": clients, "attackers": attackers, "seconds": seconds}
    report["workers"] = len(server.runner.pids()) if hasattr(server.runner, "pids") else 0
    try:
        _get(server.url, NORMAL[0])  # the first query warms the workers up
        report["before"] = _summary(*_normal_phase(server.url, clients, seconds))
        hostile = _hostile(server.url, host, port, listener.getsockname()[1])
        answered: dict[str, Counter] = {name: Counter() for name, _ in hostile}
        stop = time.monotonic() + seconds

        def attacker(k: int) -> None:
            i = k
            while time.monotonic() < stop:
                name, send = hostile[i % len(hostile)]
                status = send()
                answered[name][status] += 1
                i += 1

        threads = [threading.Thread(target=attacker, args=(k,)) for k in range(attackers)]
        for t in threads:
            t.start()
        report["during"] = _summary(*_normal_phase(server.url, clients, seconds))
        for t in threads:
            t.join()
        report["hostile"] = {n: {str(k): v for k, v in c.items()} for n, c in answered.items()}
        report["listener_heard"] = len(heard)
        report["alive_after"] = _get(server.url, NORMAL[2])[0] == 200
    finally:
        done.set()
        server.close()
        store.close()
        listener.close()
    failed = {
        phase: sum(v for k, v in report[phase]["statuses"].items() if k != "200")
        for phase in ("before", "during")
    }
    leaked = sum(report["hostile"][n].get("200", 0) for n in ("update", "hidden SERVICE"))
    report["ok"] = (
        report["alive_after"]
        and not any(failed.values())
        and not leaked
        and report["listener_heard"] == 0
    )
    return report


def main(argv: list[str] | None = None) -> int:
    """Run the abuse run and print its report; exit status 0 when the endpoint held."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--attackers", type=int, default=4)
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--workers", type=int, help="query worker processes (the server's default)")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    report = run(args.clients, args.attackers, args.seconds, args.workers)
    for phase in ("before", "during"):
        r = report[phase]
        print(
            f"{phase:7} {r['queries']:6} normal queries  p50 {r['p50_ms']} ms  "
            f"p99 {r['p99_ms']} ms  statuses {r['statuses']}"
        )
    for name, statuses in report["hostile"].items():
        print(f"  {name:16} answered {statuses}")
    print(f"listener heard: {report['listener_heard']}; alive after: {report['alive_after']}")
    print("held" if report["ok"] else "DID NOT HOLD")
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2), "utf-8")
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
