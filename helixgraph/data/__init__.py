"""The example dataset shipped with helixgraph: the Zhongguancun Life Science Park sources."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["bundled_sources"]


def bundled_sources() -> Path:
    """The folder of source files shipped with helixgraph (the Zhongguancun dataset).

    >>> sorted(p.suffix for p in bundled_sources().iterdir())[0]
    '.yaml'
    """
    return Path(str(resources.files("helixgraph.data") / "sources"))
