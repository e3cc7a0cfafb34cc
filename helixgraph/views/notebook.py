"""Showing the explorer inline in JupyterLab, Jupyter Notebook and VS Code, without writing files."""

from __future__ import annotations

import html
import os
from pathlib import Path

import networkx as nx

from helixgraph.errors import OutputError
from helixgraph.files import write_text_atomically
from helixgraph.views.explorer import render_explorer

__all__ = ["ExplorerDisplay", "display_explorer"]


class ExplorerDisplay:
    """An explorer page that notebooks display inline, in a sandboxed ``<iframe srcdoc>``.

    The page is HTML-attribute-escaped into ``srcdoc``; ``sandbox="allow-scripts"`` lets its
    script run while keeping it away from the notebook's own origin (cookies, kernel API).

    Examples
    --------
    >>> shown = ExplorerDisplay('<p title="a&b">x</p>', height=300)
    >>> print(shown._repr_html_().replace('" ', '"\\n'))
    <iframe srcdoc="&lt;p title=&quot;a&amp;b&quot;&gt;x&lt;/p&gt;"
    sandbox="allow-scripts"
    style="width: 100%; height: 300px; border: 1px solid #d0d7de;"
    title="helixgraph explorer"></iframe>
    """

    def __init__(self, page: str, *, height: int = 640) -> None:
        self.html = page
        self.height = int(height)

    def _repr_html_(self) -> str:
        style = f"width: 100%; height: {self.height}px; border: 1px solid #d0d7de;"
        return (
            f'<iframe srcdoc="{html.escape(self.html, quote=True)}" sandbox="allow-scripts" '
            f'style="{style}" title="helixgraph explorer"></iframe>'
        )

    def __repr__(self) -> str:
        return f"<ExplorerDisplay: {len(self.html):,} characters of HTML>"

    def save(self, path: str | os.PathLike) -> Path:
        """Write the page to ``path`` (atomically, as UTF-8), to open in a browser or share; return the path.

        >>> import tempfile
        >>> folder = Path(tempfile.mkdtemp())
        >>> ExplorerDisplay("<p>park</p>").save(folder / "park.html").read_text(encoding="utf-8")
        '<p>park</p>'
        >>> ExplorerDisplay("<p>park</p>").save(folder / "missing" / "park.html")
        Traceback (most recent call last):
        helixgraph.errors.OutputError: cannot save the explorer to '...': folder '...' does not exist
        """
        target = Path(path)
        if not target.parent.is_dir():
            raise OutputError(f"cannot save the explorer to {str(target)!r}: "
                              f"folder {str(target.parent)!r} does not exist")
        return write_text_atomically(target, self.html)


def display_explorer(G: nx.Graph, *, height: int = 640, **kw) -> ExplorerDisplay:
    """Render the explorer for a notebook cell: the returned object shows itself inline.

    Parameters
    ----------
    G : networkx graph
    height : int
        Height of the frame in pixels.
    **kw
        Passed to :func:`~helixgraph.views.explorer.render_explorer`.

    Returns
    -------
    ExplorerDisplay
        Has ``_repr_html_`` (an ``<iframe srcdoc>``) and the page itself as ``.html``.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("ex:a", "ex:b", predicate_label="partner of")
    0
    >>> shown = display_explorer(G, sources={}, size_by="degree")
    >>> shown._repr_html_().startswith("<iframe srcdoc=\\"&lt;!DOCTYPE html&gt;")
    True
    """
    return ExplorerDisplay(render_explorer(G, **kw), height=height)
