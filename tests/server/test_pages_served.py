"""``helixgraph serve`` serves the build's profile pages and renders, on request, those the build left out.

The build here writes the actors' entity pages only (its limit forced down to 10 entities), as a
build above :data:`~helixgraph.views.pages.ALL_PAGES_LIMIT` does; a second site written with no
limit from the same store is what the build would have written, to compare the served pages with.
"""

from __future__ import annotations

import http.client
import json
import re
import urllib.parse
from pathlib import Path

import pytest

from helixgraph.generations import resolve_output
from helixgraph.graph.store import open_store
from helixgraph.pipeline import analysis_step, build
from helixgraph.pipeline.render_step import render_outputs
from helixgraph.server.endpoint import running_endpoint
from helixgraph.views.pages.site import CONTENT_SECURITY_POLICY

LIMIT = 10

pytestmark = pytest.mark.slow  # a build with its analysis and explorer, and a second site: several seconds


def _render_actors_only(store, folder: Path, report) -> list[str]:
    return render_outputs(store, folder, pages_limit=LIMIT)


_render_actors_only.stage_name = "explorer"


@pytest.fixture(scope="module")
def partial_build(tmp_path_factory) -> Path:
    """The bundled dataset built with its analysis, its explorer and the actors' pages only."""
    out = tmp_path_factory.mktemp("pages-served") / "out"
    build(out=out, steps=[analysis_step, _render_actors_only])
    return out


@pytest.fixture(scope="module")
def full_site(partial_build, tmp_path_factory) -> Path:
    """Every entity's page, written from the same store with no limit."""
    folder = tmp_path_factory.mktemp("full")
    render_outputs(open_store(partial_build), folder, pages_limit=None)
    return folder / "pages"


@pytest.fixture(scope="module")
def site_url(partial_build):
    """The address of the pages on ``helixgraph serve``'s endpoint for the build."""
    with running_endpoint(partial_build, workers=1, timeout=20) as url:
        yield url.removesuffix("query") + "pages/"


def get(url: str, target: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """Send ``target`` as it is (no client-side clean-up of ``..`` or escapes) and read the answer."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request(method, target)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def test_the_build_wrote_the_actors_pages_and_says_so(partial_build, full_site):
    written = resolve_output(partial_build) / "pages"
    names = {p.name for p in (written / "entity").iterdir()}
    every = {p.name for p in (full_site / "entity").iterdir()}
    assert "nibs.html" in names and "huahui-health.html" in names  # a research institute, a company
    assert "libevitug.html" not in names and "libevitug.html" in every  # a drug is not an actor
    assert names < every
    manifest = json.loads((written / "site.json").read_text(encoding="utf-8"))
    assert manifest == {"explorer": "../ecosystem.html", "entities": len(every), "entity_pages": len(names),
                        "all_pages_limit": LIMIT, "scope": "actors", "timeline": True}
    index = (written / "index.html").read_text(encoding="utf-8")
    assert f"{len(names):,} entity pages here, those of the actors" in index
    assert f"more than {LIMIT:,}" in index and "helixgraph serve" in index
    for name in names:  # an actor's page does not depend on which other pages were written
        assert (written / "entity" / name).read_bytes() == (full_site / "entity" / name).read_bytes(), name


def test_a_served_page_is_the_written_file_with_the_pages_policy(partial_build, site_url):
    written = resolve_output(partial_build) / "pages"
    path = urllib.parse.urlsplit(site_url).path
    for name, kind in [("entity/nibs.html", "text/html"), ("source/caixin-2025-10-01.html", "text/html"),
                       ("index.html", "text/html"), ("pages.css", "text/css")]:
        status, headers, body = get(site_url, path + name)
        assert status == 200, name
        assert body == (written / name).read_bytes(), name
        assert headers["content-type"].startswith(kind)
        assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert headers["x-content-type-options"] == "nosniff"
    assert get(site_url, path)[2] == (written / "index.html").read_bytes()
    status, headers, body = get(site_url, path + "entity/nibs.html", method="HEAD")
    assert status == 200 and body == b"" and int(headers["content-length"]) == (written / "entity/nibs.html").stat().st_size


def test_a_page_not_on_disk_is_rendered_as_the_build_would_have_written_it(partial_build, full_site, site_url):
    written = resolve_output(partial_build) / "pages"
    path = urllib.parse.urlsplit(site_url).path
    missing = sorted({p.name for p in (full_site / "entity").iterdir()} - {p.name for p in (written / "entity").iterdir()})
    assert len(missing) > 20
    for name in missing:
        status, headers, body = get(site_url, f"{path}entity/{name}")
        assert status == 200, name
        assert body == (full_site / "entity" / name).read_bytes(), name
        assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert not (written / "entity" / name).exists()  # served, never written to the build


@pytest.mark.parametrize("target, status", [
    ("entity/..%2F..%2Fstore", 400),
    ("entity/%2e%2e/site.json", 400),
    ("../build-report.json", 400),
    ("..%5c..%5cbuild-report.json", 400),
    ("entity/%00.html", 400),
    ("entity/no-such-entity.html", 404),
    ("site.json", 404),
    ("entity/nibs.txt", 404),
    ("entity", 404),
    ("store/", 404),
])
def test_traversal_is_refused_and_unknown_pages_are_not_found(site_url, target, status):
    path = urllib.parse.urlsplit(site_url).path
    answer, headers, body = get(site_url, path + target)
    assert answer == status, (target, body)
    assert headers["content-type"].startswith("text/plain") and b"<" not in body


def test_the_pages_link_to_the_explorer_the_endpoint_serves(partial_build, site_url):
    written = resolve_output(partial_build)
    page = get(site_url, urllib.parse.urlsplit(site_url).path + "entity/nibs.html")[2].decode("utf-8")
    link = urllib.parse.urljoin(site_url + "entity/nibs.html", re.search(r'id="to-explorer" href="([^"]+)"', page)[1])
    status, headers, body = get(site_url, urllib.parse.urlsplit(link).path)
    assert status == 200 and body == (written / "ecosystem.html").read_bytes()
    assert headers["content-type"].startswith("text/html") and b"Content-Security-Policy" in body
