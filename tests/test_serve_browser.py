"""A page on another origin reads the endpoint with fetch() in headless Chromium: allowed for
pages served on this machine by default, refused for an origin that is not allowed."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator

import pytest
from browser import CHROMIUM_ARGS, chromium_path
from playwright.sync_api import Page, sync_playwright
from rdflib import Literal, URIRef

from kg.query.serve import SparqlServer, make_server
from kg.store import open_store

pytestmark = pytest.mark.browser

QUERY = "SELECT ?o WHERE { <urn:s> <urn:p> ?o }"
FETCH = """async ([url, query]) => {
    const get = await fetch(url + '?query=' + encodeURIComponent(query),
                            {headers: {Accept: 'application/sparql-results+json'}});
    const post = await fetch(url, {method: 'POST', body: query,
                                   headers: {'Content-Type': 'application/sparql-query'}});
    return [get.status, await get.json(), post.status, await post.json()];
}"""


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Iterator:
    """A store of one triple, opened read-only."""
    path = tmp_path_factory.mktemp("serve-browser") / "kg"
    ds = open_store(path, create=True)
    ds.replace_graph(
        URIRef("urn:g"), [(URIRef("urn:s"), URIRef("urn:p"), Literal("Илья", lang="ru"))]
    )
    ds.close()
    ds = open_store(path, create=False, read_only=True)
    try:
        yield ds
    finally:
        ds.close()


@pytest.fixture(scope="module")
def page_origin(tmp_path_factory) -> Iterator[str]:
    """A second local server, on its own port, serving an empty page: another origin."""
    folder = tmp_path_factory.mktemp("page")
    (folder / "index.html").write_text("<!doctype html><title>editor</title>", "utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def page(page_origin) -> Iterator[Page]:
    """Headless Chromium on the page of the other origin."""
    executable = chromium_path()
    if executable is None:
        raise RuntimeError("Chromium not found: browser tests need `apt-get install chromium`")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            tab = browser.new_context().new_page()
            tab.goto(page_origin + "/index.html")
            yield tab
        finally:
            browser.close()


def _serve(store, **options) -> SparqlServer:
    return make_server(store, port=0, workers=0, page=False, **options).start()


def test_a_page_on_another_local_port_reads_the_endpoint(store, page):
    server = _serve(store)
    try:
        get_status, got, post_status, posted = page.evaluate(FETCH, [server.url, QUERY])
    finally:
        server.close()
    assert get_status == post_status == 200
    for data in (got, posted):
        assert data["results"]["bindings"] == [
            {"o": {"type": "literal", "value": "Илья", "xml:lang": "ru"}}
        ]


def test_an_origin_not_allowed_reads_nothing(store, page):
    server = _serve(store, cors_origins=["https://editor.example"])
    try:
        error = page.evaluate(
            "async ([url, query]) => { try { await fetch(url + '?query=' + "
            "encodeURIComponent(query)); return null } catch (e) { return e.name } }",
            [server.url, QUERY],
        )
    finally:
        server.close()
    assert error == "TypeError"


def test_the_query_page_runs_a_query_offline(store, page):
    from kg.query.saved import list_queries

    server = make_server(store, port=0, workers=0).start()
    elsewhere: list[str] = []
    origin = server.url.removesuffix("/sparql")

    def guard(route) -> None:
        if route.request.url.startswith(origin + "/"):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    tab = page.context.new_page()
    try:
        tab.route("**/*", guard)
        tab.goto(origin + "/")
        names = [q.name for q in list_queries()]
        assert tab.eval_on_selector_all("#saved option", "os => os.map(o => o.value)")[1:] == names
        tab.select_option("#saved", names[0])
        assert tab.input_value("#query") == list_queries()[0].text
        tab.fill("#query", QUERY)
        tab.click("#run")
        tab.wait_for_selector("#results td")
        assert tab.inner_text("#results td") == "Илья @ru"
        assert tab.inner_text("#status").startswith("1 row(s)")
    finally:
        tab.close()
        server.close()
    assert not elsewhere
