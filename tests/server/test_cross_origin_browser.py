"""In a real browser (headless Chromium): a page on another site cannot make the endpoint run a query
by form POST, fetch or image; the endpoint's own query page and a ``--cors`` origin can."""

from __future__ import annotations

import html
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from helixgraph.server.endpoint import running_endpoint

pytestmark = [pytest.mark.server, pytest.mark.browser]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    """Debian's headless Chromium driven by Playwright."""
    if not CHROMIUM.exists():
        pytest.skip("browser tests need Debian's Chromium at /usr/bin/chromium (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def site():
    """A web site on http://localhost:PORT (another site than 127.0.0.1) serving the pages it is given."""
    pages: dict[str, str] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = pages.get(self.path, "").encode()
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield pages, f"http://localhost:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _service(listener) -> str:
    return f"SELECT * WHERE {{ SERVICE SILENT <{listener.url}> {{ ?s ?p ?o }} }}"


def _attacks(endpoint: str, query: str) -> dict[str, str]:
    """Pages that try to run ``query`` on ``endpoint`` the ways a hostile page can without CORS."""
    get_url = html.escape(f"{endpoint}?{urllib.parse.urlencode({'query': query})}")
    return {
        "/form.html": f"""<form method="post" action="{endpoint}">
<input type="hidden" name="query" value="{html.escape(query)}"></form>
<script>document.forms[0].submit()</script>""",
        "/fetch.html": f"""<script>
fetch({endpoint!r}, {{method: "POST", mode: "no-cors", body: new URLSearchParams({{query: {query!r}}})}})
  .then(() => document.title = "sent", () => document.title = "failed");
</script>""",
        "/image.html": f'<img src="{get_url}" onerror="document.title=\'sent\'" onload="document.title=\'sent\'">',
    }


@pytest.mark.parametrize("attack", ["/form.html", "/fetch.html", "/image.html"])
def test_a_page_on_another_site_runs_no_query(browser, server_build, site, listener, attack):
    pages, origin = site
    with running_endpoint(server_build, allow_service=True, workers=1) as endpoint:
        pages.update(_attacks(endpoint, _service(listener)))
        page = browser.new_page()
        try:
            page.goto(origin + attack)
            if attack == "/form.html":
                page.wait_for_url(endpoint)
                assert "requests from pages on" in page.content()
            else:
                page.wait_for_function("document.title === 'sent' || document.title === 'failed'")
            time.sleep(0.3)
        finally:
            page.close()
    assert listener.received == []


def test_the_same_form_post_from_the_endpoint_itself_runs(browser, server_build, listener):
    """The control: the browser sends the form, and a same-origin query runs."""
    with running_endpoint(server_build, allow_service=True, workers=1) as endpoint:
        page = browser.new_page()
        try:
            page.goto(endpoint.removesuffix("query"))
            page.fill("#query", _service(listener))
            page.click("#run")
            page.wait_for_function("() => document.getElementById('status').textContent.includes(' in ')")
        finally:
            page.close()
    assert len(listener.received) == 1


def test_the_query_page_shows_a_table(browser, endpoint, server_store):
    page = browser.new_page()
    try:
        page.goto(endpoint.removesuffix("query"))
        page.fill("#query", "SELECT ?label WHERE { ?h a <https://w3id.org/helixgraph/ontology#Hospital> ; "
                            "<http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?label")
        page.click("#run")
        page.wait_for_selector("#answer table")
        cells = page.locator("#answer td").all_text_contents()
    finally:
        page.close()
    assert "China's first international research hospital" in " ".join(cells)


def test_an_allowed_origin_reads_the_answer(browser, server_build, site):
    pages, origin = site
    with running_endpoint(server_build, cors=[origin], workers=1) as endpoint:
        pages["/read.html"] = f"""<script>
fetch({endpoint!r}, {{method: "POST", headers: {{"Content-Type": "application/sparql-query"}},
  body: "ASK {{ ?s ?p ?o }}"}}).then(r => r.json()).then(j => document.title = "boolean " + j.boolean,
  e => document.title = "failed " + e);
</script>"""
        page = browser.new_page()
        try:
            page.goto(origin + "/read.html")
            page.wait_for_function("document.title.length > 0")
            assert page.title() == "boolean true"
        finally:
            page.close()


def test_the_query_page_runs_a_named_question_with_its_parameters(browser, endpoint):
    page = browser.new_page()
    try:
        page.goto(endpoint.removesuffix("query"))
        page.select_option("#named", "entity-timeline")
        assert page.locator("#question").text_content().startswith("What are an entity's dated events")
        assert page.locator("#query").is_disabled()
        page.fill("#params input[data-param='entity']", "libevitug")
        page.fill("#params input[data-param='as_of']", "2025-12-31")
        page.click("#run")
        page.wait_for_selector("#answer table")
        events = [cell.rsplit("/", 1)[1] for cell in page.locator("#answer tbody tr td:first-child").all_text_contents()]
        assert events == ["libevitug-btd-china", "libevitug-btd-us", "libevitug-nda-accepted",
                          "libevitug-priority-review"]  # the approval was reported in 2026
        page.fill("#params input[data-param='entity']", "libevitug> } ; DROP ALL")
        page.click("#run")
        page.wait_for_function("() => document.getElementById('status').textContent.startsWith('400')")
        assert page.locator("#answer").text_content().startswith("entity-timeline: parameter 'entity' got")
    finally:
        page.close()
