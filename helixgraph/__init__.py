"""helixgraph: a knowledge graph of innovation ecosystems.

Build the bundled dataset, query it and analyse it::

    import helixgraph as hg
    report = hg.build(out="out")
    hg.query("cq18", out="out").to_dataframe()
"""

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version

from helixgraph.errors import AnalysisError, HelixError, LoadError, OutputError, QueryError, ValidationError

#: The API's functions, imported from :mod:`helixgraph.api` on first use: a command that only
#: queries the store (``helixgraph query``) then never loads the analysis libraries.
_API = ("analyze", "build", "compare_draft", "describe_concepts", "describe_ontology", "duplicates", "explore",
        "export", "load", "named_queries", "network", "network_decisions", "open_store", "pages", "query", "render",
        "sensitivity", "suggest", "use_project", "validate")


def __getattr__(name: str):
    if name in _API:
        value = getattr(import_module("helixgraph.api"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'helixgraph' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_API})


try:
    __version__ = version("helixgraph")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0+unknown"

__all__ = [
    "AnalysisError",
    "HelixError",
    "LoadError",
    "OutputError",
    "QueryError",
    "ValidationError",
    "__version__",
    "analyze",
    "build",
    "compare_draft",
    "describe_concepts",
    "describe_ontology",
    "duplicates",
    "explore",
    "export",
    "load",
    "named_queries",
    "network",
    "network_decisions",
    "open_store",
    "pages",
    "query",
    "render",
    "sensitivity",
    "suggest",
    "use_project",
    "validate",
]
