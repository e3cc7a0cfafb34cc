"""Which paths the endpoint's profile pages answer, and how: read from the site's folder, nothing outside it.

These ask :class:`~helixgraph.server.pages.ProfilePages` directly, on a site of every page; the
served pages, and those rendered on request, are tested on a real server in ``test_pages_served.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helixgraph.server.pages import ProfilePages
from helixgraph.views.pages import write_site
from helixgraph.views.pages.site import CONTENT_SECURITY_POLICY


@pytest.fixture(scope="module")
def out(store, tmp_path_factory) -> Path:
    """An output folder (older layout: no generations) holding a profile site of every entity."""
    folder = tmp_path_factory.mktemp("out")
    write_site(store, folder / "pages", explorer="../ecosystem.html")
    (folder / "secret.txt").write_text("not a page", encoding="utf-8")
    return folder


@pytest.mark.parametrize("name", ["index.html", "pages.css", "entity/libevitug.html", "source/caixin-2025-10-01.html"])
def test_site_files_are_served_as_they_are_with_the_pages_policy(out, name):
    status, kind, body, headers = ProfilePages(out).answer("/pages/" + name)
    assert status == 200 and body == (out / "pages" / name).read_bytes()
    assert kind == ("text/css; charset=utf-8" if name.endswith(".css") else "text/html; charset=utf-8")
    assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


@pytest.mark.parametrize("path, status", [
    ("/pages", 301),
    ("/pages/", 200),
    ("/pages/../secret.txt", 400),
    ("/pages/%2e%2e/secret.txt", 400),
    ("/pages/entity/..%2f..%2fsecret.txt", 400),
    ("/pages/entity/..%5C..%5Csecret.txt", 400),
    ("/pages/entity/x%00.html", 400),
    ("/pages/entity/%ff.html", 400),
    ("/pages/site.json", 404),
    ("/pages/entity/no-such-entity.html", 404),
    ("/pages/entity/libevitug.htm", 404),
    ("/pages/entity/", 404),
    ("/pages/other/libevitug.html", 404),
    ("/pages/entity/libevitug.html/x", 404),
])
def test_paths_outside_the_site_are_refused_and_unknown_ones_not_found(out, path, status):
    answer, kind, body, headers = ProfilePages(out).answer(path)
    assert answer == status, (path, body)
    if status != 200:
        assert kind.startswith("text/plain") and b"not a page" not in body
    if status == 301:
        assert headers == {"Location": "/pages/"}


def test_a_build_without_pages_has_none_to_serve(tmp_path):
    pages = ProfilePages(tmp_path)
    assert pages.folder is None
    status, _, body, _ = pages.answer("/pages/index.html")
    assert status == 404 and b"no profile pages" in body


def test_the_explorer_the_pages_link_to_is_served_from_the_build(out):
    pages = ProfilePages(out)
    assert pages.explorer_page()[0] == 404  # this build wrote no explorer
    (out / "ecosystem.html").write_text("<!doctype html><title>explorer</title>", encoding="utf-8")
    status, kind, body, headers = pages.explorer_page()
    assert (status, kind, body) == (200, "text/html; charset=utf-8", b"<!doctype html><title>explorer</title>")
    assert headers == {"X-Frame-Options": "DENY"}
    link = (out / "pages" / "entity" / "libevitug.html").read_text(encoding="utf-8")
    assert 'href="../../ecosystem.html"' in link  # /pages/entity/... -> /ecosystem.html
