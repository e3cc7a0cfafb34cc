"""Views of the ecosystem graph: the interactive, offline HTML explorer.

>>> from helixgraph.views import render_explorer, write_explorer, display_explorer
"""

from helixgraph.views.explorer import COLOR_BY, render_explorer, write_explorer
from helixgraph.views.notebook import ExplorerDisplay, display_explorer

__all__ = ["COLOR_BY", "ExplorerDisplay", "display_explorer", "render_explorer", "write_explorer"]
