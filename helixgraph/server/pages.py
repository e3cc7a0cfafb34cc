"""The build's profile pages over HTTP, beside the SPARQL endpoint, at ``/pages/``.

Files come from the build's ``pages/`` folder, read-only, with the pages' Content-Security-Policy
sent as a header as well. Only the site's own kinds of path are answered (``index.html``,
``pages.css``, ``entity/<name>.html``, ``source/<name>.html``): a path that climbs out (``..``,
also percent-encoded) is refused with ``400``, anything else unknown is ``404``.

When the build wrote the actors' pages only (above
:data:`~helixgraph.views.pages.scope.ALL_PAGES_LIMIT` entities, as its ``site.json`` records), an
entity page that is not on disk is rendered from the store when asked for, by the renderer the
build uses and from the inputs it reads (:func:`~helixgraph.pipeline.render_step.drawing_inputs`),
so the page is the one the build would have written. Reading those inputs takes a while on a large
graph, so it starts with the endpoint, in a background thread; a page asked for before they are
ready waits up to :data:`WAIT` seconds, then gets ``503`` with ``Retry-After``.
"""

from __future__ import annotations

import re
import threading
import urllib.parse
from pathlib import Path

from helixgraph.errors import HelixError
from helixgraph.generations import resolve_output
from helixgraph.pipeline.render_step import EXPLORER_FILE, PAGES_DIR
from helixgraph.views.pages.site import CONTENT_SECURITY_POLICY, STYLESHEET, read_manifest

__all__ = ["EXPLORER_PATH", "PREFIX", "WAIT", "PageAnswer", "ProfilePages"]

#: Where the pages are served.
PREFIX = "/pages/"
#: Where the build's explorer is served, the address the pages' "The explorer" links resolve to.
EXPLORER_PATH = "/" + EXPLORER_FILE
#: Seconds a request for a page not on disk waits for the store to be read before ``503``.
WAIT = 30.0
#: A page's file name, as :func:`~helixgraph.views.pages.site.page_name` makes them.
_NAME = re.compile(r"[A-Za-z0-9_.-]+\.html")
_HTML, _CSS = "text/html; charset=utf-8", "text/css; charset=utf-8"
_TEXT = "text/plain; charset=utf-8"
#: Headers sent with every page.
HEADERS = {"Content-Security-Policy": CONTENT_SECURITY_POLICY, "X-Frame-Options": "DENY"}

PageAnswer = tuple[int, str, bytes, dict[str, str]]


def _text(status: int, message: str, headers: dict[str, str] | None = None) -> PageAnswer:
    return status, _TEXT, (message + "\n").encode("utf-8"), headers or {}


class ProfilePages:
    """The profile site of the build in ``out``: its files, and the entity pages it left to be rendered.

    Parameters
    ----------
    out
        The build's output folder (or the store folder itself, which has no pages).

    Examples
    --------
    >>> import tempfile
    >>> pages = ProfilePages(tempfile.mkdtemp())
    >>> pages.folder is None, pages.answer("/pages/index.html")[0]
    (True, 404)
    """

    def __init__(self, out: str | Path) -> None:
        self.out = out
        folder = resolve_output(out) / PAGES_DIR
        self.folder = folder.resolve() if (folder / "index.html").is_file() else None
        manifest = read_manifest(self.folder) if self.folder is not None else {}
        #: True when the build wrote the actors' entity pages only and the others are rendered here.
        self.on_request = manifest.get("scope") == "actors"
        self.explorer = manifest.get("explorer")
        self.timeline = manifest.get("timeline")
        self._site = None
        self._names: dict[str, str] = {}
        self._failure: str | None = None
        self._ready = threading.Event()
        self._started = False

    def start(self) -> None:
        """Start reading what rendering a page needs, in the background (only when some pages are not on disk)."""
        if self.on_request and not self._started:
            self._started = True
            threading.Thread(target=self._prepare, name="profile-pages", daemon=True).start()

    def _prepare(self) -> None:
        from helixgraph.graph.store import open_store
        from helixgraph.pipeline.render_step import drawing_inputs
        from helixgraph.views.pages.site import page_name, read_site_data

        try:
            store = open_store(self.out)
            G, statements, taken = drawing_inputs(store, timeline=self.timeline)
            site = read_site_data(store, network=G, timeline=taken, explorer=self.explorer, statements=statements)
            self._names = {page_name(iri).removeprefix("entity/"): iri for iri in site.entities}
            self._site = site
        except (HelixError, OSError) as exc:
            self._failure = str(exc)
        finally:
            self._ready.set()

    def answer(self, path: str) -> PageAnswer:
        """The status, media type, body and extra headers answering ``GET path`` (still percent-encoded).

        ``path`` is ``/pages``, or starts with ``/pages/``.
        """
        if self.folder is None:
            return _text(404, "this build has no profile pages (build without --no-render, or run helixgraph pages)")
        if path == PREFIX.rstrip("/"):  # the index's relative links need the folder's address
            return _text(301, f"the profile pages are at {PREFIX}", {"Location": PREFIX})
        try:
            rest = urllib.parse.unquote(path[len(PREFIX):], errors="strict")
        except UnicodeDecodeError:
            return _text(400, "the page's address is not UTF-8 once decoded")
        parts = rest.split("/")
        if any(part in ("..", ".") for part in parts) or "\\" in rest or "\x00" in rest:
            return _text(400, f"refused: {path!r} leads outside the profile pages")
        if parts in ([""], ["index.html"]):
            return self._file(self.folder / "index.html", _HTML)
        if parts == [STYLESHEET]:
            return self._file(self.folder / STYLESHEET, _CSS)
        if len(parts) == 2 and parts[0] in ("entity", "source") and _NAME.fullmatch(parts[1]):
            found = self._file(self.folder / parts[0] / parts[1], _HTML)
            if found[0] == 404 and parts[0] == "entity" and self.on_request:
                return self._render(parts[1])
            return found
        return _text(404, f"no profile page at {path}")

    def explorer_page(self) -> PageAnswer:
        """The build's explorer page, which the profile pages link to; it carries its own policy."""
        path = resolve_output(self.out) / EXPLORER_FILE
        if self.folder is None or not path.is_file():
            return _text(404, f"this build has no explorer at {EXPLORER_PATH} (build without --no-render)")
        return 200, _HTML, path.read_bytes(), {"X-Frame-Options": "DENY"}

    def _file(self, path: Path, media_type: str) -> PageAnswer:
        try:
            if path.resolve().is_relative_to(self.folder):
                return 200, media_type, path.read_bytes(), HEADERS
        except (FileNotFoundError, IsADirectoryError):
            pass
        return _text(404, f"no profile page at {PREFIX}{path.relative_to(self.folder).as_posix()}")

    def _render(self, name: str) -> PageAnswer:
        from helixgraph.views.pages.site import entity_page

        self.start()
        if not self._ready.wait(WAIT):
            return _text(503, "the profile pages not written by the build are being prepared; try again shortly",
                         {"Retry-After": "10"})
        if self._failure is not None:
            return _text(503, f"cannot render the profile page: {self._failure}")
        iri = self._names.get(name)
        if iri is None:
            return _text(404, f"no entity has the profile page {PREFIX}entity/{name}")
        return 200, _HTML, entity_page(self._site, iri).encode("utf-8"), HEADERS
