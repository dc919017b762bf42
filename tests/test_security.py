"""What kg must never do whatever it is given: change the store through the endpoint, reach
out of the machine, mint an IRI from an id as it is, or write outside the paths it was told.
(tests/test_serve.py covers the endpoint's loopback default, timeout, row limit, SERVICE and
updates sent by SPARQLWrapper; tests/test_saved_queries.py covers bound parameters.)"""

from __future__ import annotations

import http.client
import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Literal, URIRef

from kg.query.serve import MAX_BODY, QueryRefused, SparqlServer, check_query, make_server
from kg.rdf.iris import article_iri
from kg.store import open_store

HOSTILE_IDS = [
    "../../evil",
    "/etc/passwd",
    "..",
    "a b c",
    "quote\"'",
    "a>b<c",
    "line\nbreak\r",
    "tab\tand\x01\x02\x1f\x7f controls",
    "{}|\\^`",
    "%2e%2e%2fx",
    "?query#fragment",
    "Илья Середюк",
    "😀\u202e\u0301",
    "x" * 2000,
]

UPDATES = [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "DROP ALL",
    "CLEAR DEFAULT",
    "LOAD <http://127.0.0.1:9/x.ttl>",
    "CREATE GRAPH <urn:g>",
    "ADD DEFAULT TO <urn:g>",
    "WITH <urn:g> DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
]

SERVICES = [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "select * where { service silent <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE <urn:x> { ?s ?q ?r } } }",
    "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <urn:x> { ?s ?p ?o } } } }",
    "ASK { { ?s ?p ?o } UNION { SERVICE <urn:x> { ?s ?p ?o } } }",
    "CONSTRUCT { ?s ?p ?o } WHERE { MINUS { SERVICE <urn:x> { ?s ?p ?o } } }",
]


def kg(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """The real `kg` command in a child process."""
    return subprocess.run(
        [sys.executable, "-m", "kg", *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=cwd,
        env=env,
    )


def snapshot(root: Path, but: str = "store") -> dict[str, bytes]:
    """Every file under `root` with its content, by relative path, but those in the folder
    `but` (Oxigraph rewrites its files even when it is only read)."""
    files = (p for p in sorted(root.rglob("*")) if p.is_file())
    return {
        str(p.relative_to(root)): p.read_bytes() for p in files if p.parts[len(root.parts)] != but
    }


# --- the endpoint ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[SparqlServer]:
    """The endpoint over a small Oxigraph store, on a free port."""
    ds = open_store(tmp_path_factory.mktemp("serve") / "kg", create=True)
    for graph in ("urn:g1", "urn:g2"):
        ds.replace_graph(URIRef(graph), [(URIRef("urn:s"), URIRef("urn:p"), Literal(graph))])
    server = make_server(ds, "127.0.0.1", 0, timeout=5, limit=100).start()
    try:
        yield server
    finally:
        server.close()
        ds.close()


def _status(request: urllib.request.Request | str) -> int:
    try:
        with urllib.request.urlopen(request, timeout=30) as res:
            return res.status
    except urllib.error.HTTPError as e:
        return e.code


@pytest.mark.parametrize("update", UPDATES)
def test_an_update_is_refused_however_it_is_sent(server, update):
    before = server.store.count()
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    as_update = urllib.parse.urlencode({"update": update})
    as_query = urllib.parse.urlencode({"query": update})
    requests = [
        f"{server.url}?{as_update}",
        f"{server.url}?{as_query}",
        urllib.request.Request(
            server.url, update.encode(), {"Content-Type": "application/sparql-update"}
        ),
        urllib.request.Request(
            server.url, update.encode(), {"Content-Type": "application/sparql-query"}
        ),
        urllib.request.Request(
            server.url, urllib.parse.urlencode({"update": update}).encode(), form
        ),
        urllib.request.Request(
            server.url, urllib.parse.urlencode({"query": update}).encode(), form
        ),
    ]
    assert [_status(r) for r in requests] == [403] * len(requests)
    assert server.store.count() == before == 2


def test_a_query_with_an_update_after_it_is_refused(server):
    for text in ("ASK { ?s ?p ?o } ; DROP ALL", "SELECT * { ?s ?p ?o } DROP ALL"):
        assert _status(server.url + "?" + urllib.parse.urlencode({"query": text})) == 400
    assert server.store.count() == 2


@pytest.mark.parametrize("query", SERVICES)
def test_service_is_refused_wherever_it_hides(query):
    with pytest.raises(QueryRefused, match="SERVICE") as e:
        check_query(query)
    assert e.value.status == 400


HIDDEN_SERVICES = [
    "SELECT * WHERE {{ # x\rSERVICE <{url}> {{ ?s ?p ?o }}\n}}",
    "SELECT * WHERE {{ ?a ?b ?c # x\rOPTIONAL {{ SERVICE <{url}> {{ ?s ?p ?o }} }}\n}}",
    "SELECT * WHERE {{ # x\r\rSERVICE SILENT <{url}> {{ ?s ?p ?o }}\n}}",
    "SELECT * WHERE {{ # x\fSERVICE <{url}> {{ ?s ?p ?o }}\n}}",
    "SELECT * WHERE {{ # x\u0085SERVICE <{url}> {{ ?s ?p ?o }}\n}}",
    "SELECT * WHERE {{ # x\u2028SERVICE <{url}> {{ ?s ?p ?o }}\n}}",
    "SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE <{url_escaped}> {{ ?s ?p ?o }} }}",
]


def test_no_spelling_of_service_reaches_a_local_listener(server):
    """A comment ended by a lone carriage return hid SERVICE from the check (rdflib reads the
    rest of the line as comment, Oxigraph ends the comment there); whatever the spelling, the
    listener must hear nothing and the answer must not be the service's."""
    import socket
    import threading

    heard: list[bytes] = []
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    port = listener.getsockname()[1]

    def accept() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            heard.append(conn.recv(100))
            conn.close()

    threading.Thread(target=accept, daemon=True).start()
    url = f"http://127.0.0.1:{port}/admin"
    escaped = f"http://127.0.0.1:{port}/\\u0061dmin"
    try:
        for template in HIDDEN_SERVICES:
            query = template.format(url=url, url_escaped=escaped)
            status = _status(server.url + "?" + urllib.parse.urlencode({"query": query}))
            assert status in (200, 400), (status, query)
        assert heard == []
    finally:
        listener.close()


def test_from_a_web_graph_is_never_fetched_on_the_memory_store():
    """rdflib's own engine would load a FROM graph off the web; the memory store reads FROM
    graphs from itself, so the endpoint answers from the store and a listener hears nothing."""
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    query = f"SELECT * FROM <http://127.0.0.1:{port}/data.ttl> WHERE {{ ?s ?p ?o }}"
    with pytest.raises(QueryRefused, match="FROM"):
        check_query(query, local_engine=True)  # where an engine would fetch, it is refused
    store = open_store("memory")
    store.replace_graph(URIRef("urn:g"), [(URIRef("urn:s"), URIRef("urn:p"), Literal("x"))])
    memory = make_server(store, "127.0.0.1", 0)
    try:
        assert not memory.local_engine
        body, _, _ = memory.run(query, "application/sparql-results+json")
        assert json.loads(body)["results"]["bindings"] == []
        with pytest.raises(TimeoutError):
            listener.accept()
    finally:
        memory.close()
        listener.close()


def test_a_body_over_the_limit_is_refused_unread(server):
    host, port = server.server_address[:2]
    conn = http.client.HTTPConnection(host, port, timeout=30)
    try:
        conn.putrequest("POST", "/sparql")
        conn.putheader("Content-Type", "application/sparql-query")
        conn.putheader("Content-Length", str(MAX_BODY + 1))
        conn.endheaders()
        assert conn.getresponse().status == 413
    finally:
        conn.close()


def test_kg_serve_listens_on_loopback_by_default(tmp_path):
    store = tmp_path / "kg"
    open_store(store, create=True).close()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stderr.readline()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert re.fullmatch(r"serving http://127\.0\.0\.1:\d+/sparql\n", line), line


# --- identifiers and paths ---------------------------------------------------------------


@pytest.mark.parametrize("article_id", HOSTILE_IDS)
def test_an_article_id_gives_a_valid_iri(article_id):
    iri = str(article_iri(article_id))
    pyoxigraph.NamedNode(iri)  # raises on an invalid IRI
    assert re.fullmatch(r"https://w3id\.org/kg-ru/id/article/[a-z0-9-]+-[0-9a-f]{6}", iri)
    assert ".." not in iri and "//" not in iri.removeprefix("https://")


@pytest.mark.slow
def test_hostile_ids_and_names_stay_inside_the_store_and_the_output(tmp_path):
    """`kg build` writes only under --store, `kg export -o` and `kg view -o` only the file
    named, whatever the article ids and file names; the working folder and HOME stay empty."""
    corpus, work, home = tmp_path / "in", tmp_path / "work", tmp_path / "home"
    for folder in (corpus, work, home):
        folder.mkdir()
    text = "Губернатор Кузбасса Илья Середюк встретился с министром Андреем Ивановым."
    records = [{"id": i, "text": text} for i in HOSTILE_IDS]
    (corpus / "feed.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in records), "utf-8"
    )
    (corpus / "..evil name; rm -rf $HOME.txt").write_text(text, "utf-8")
    (corpus / "-x'\"`.txt").write_text(text, "utf-8")
    env = {**os.environ, "HOME": str(home)}
    store = tmp_path / "store"
    before = snapshot(tmp_path)
    res = kg("build", str(corpus), "--store", str(store), cwd=work, env=env)
    assert res.returncode == 0, res.stderr
    assert f"built {len(HOSTILE_IDS) + 2} article(s)" in res.stdout
    assert snapshot(tmp_path) == before and any(store.iterdir())

    for article_id in ("../../evil", "/etc/passwd", "..", "line\nbreak\r"):
        res = kg(
            "export", "--article", article_id, "-o", "out/f.ttl", "--store", str(store),
            cwd=work, env=env,
        )  # fmt: skip
        assert res.returncode == 0, res.stderr
        assert sorted(snapshot(tmp_path)) == sorted([*before, "work/out/f.ttl"])
        assert str(article_iri(article_id)) in (work / "out" / "f.ttl").read_text("utf-8")
        (work / "out" / "f.ttl").unlink()
    res = kg("export", "--article", "../x", "-o", "out/f.ttl", "--store", str(store), cwd=work)
    assert res.returncode == 2 and "no article '../x'" in res.stderr
    assert snapshot(tmp_path) == before

    res = kg("view", "-o", "v/actors.html", "--store", str(store), cwd=work, env=env)
    assert res.returncode == 0, res.stderr
    assert sorted(snapshot(tmp_path)) == sorted([*before, "work/v/actors.html"])


BURST_QUERY = "SELECT ?s ?o WHERE { ?s <urn:p> ?o . OPTIONAL { ?o ?x ?y } FILTER(?o != 1) }"
FRESH_SERVER = (
    "from kg.store import open_store\n"
    "from kg.query.serve import make_server\n"
    "import time\n"
    "if __name__ == '__main__':\n"
    "    server = make_server(open_store('memory'), port=0, workers=0).start()\n"
    "    print(server.url, flush=True)\n"
    "    time.sleep(120)\n"
)


def _record_status(into: list[int], url: str) -> None:
    into.append(_status(url))


def test_a_fresh_server_survives_a_burst_of_first_queries(tmp_path):
    """pyparsing builds rdflib's grammar on first use, unsafely from two threads: a fresh
    server whose first queries came at once answered 400 to every later one. Three fresh
    servers, eight first queries each at once: every answer is 200, and so are later ones."""
    import functools
    import threading

    script = tmp_path / "fresh_server.py"
    script.write_text(FRESH_SERVER, "utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    for _ in range(3):
        proc = subprocess.Popen(
            [sys.executable, str(script)], stdout=subprocess.PIPE, text=True, env=env
        )
        try:
            url = (
                proc.stdout.readline().strip()
                + "?"
                + urllib.parse.urlencode({"query": BURST_QUERY})
            )
            first: list[int] = []
            ask = functools.partial(_record_status, first, url)
            burst = [threading.Thread(target=ask) for _ in range(8)]
            for t in burst:
                t.start()
            for t in burst:
                t.join()
            assert first == [200] * 8
            assert [_status(url) for _ in range(3)] == [200] * 3
        finally:
            proc.kill()
            proc.wait()


@pytest.mark.parametrize(
    ("length", "statuses"),
    [("-5", (400,)), ("-1048577", (400,)), ("12abc", (400,)), (None, (411,))],
    ids=["negative", "negative-large", "not-a-number", "missing"],
)
def test_a_bad_content_length_is_refused_before_the_body_is_read(server, length, statuses):
    """A negative Content-Length once bypassed the 1 MiB limit (200 MB read into memory); a
    missing, negative or malformed one is refused, and the server answers the next query."""
    import socket

    host, port = server.server_address[:2]
    with socket.create_connection((host, port), timeout=10) as sock:
        head = "POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
        if length is not None:
            head += f"Content-Length: {length}\r\n"
        sock.sendall((head + "\r\n").encode() + b"ASK { ?s ?p ?o }" + b" " * 65536)
        answer = sock.recv(200).decode("latin-1")
    status = int(answer.split()[1]) if answer.startswith("HTTP/") else 0
    assert status in statuses, answer
    assert _status(server.url + "?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})) == 200
