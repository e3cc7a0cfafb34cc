"""helixgraph: a knowledge graph of innovation ecosystems.

Build the bundled dataset, query it and analyse it::

    import helixgraph as hg
    report = hg.build(out="out")
    hg.query("cq18", out="out").to_dataframe()
"""

from importlib.metadata import PackageNotFoundError, version

from helixgraph.api import (
    analyze,
    build,
    compare_draft,
    describe_concepts,
    describe_ontology,
    duplicates,
    explore,
    export,
    load,
    named_queries,
    network,
    network_decisions,
    open_store,
    pages,
    query,
    render,
    sensitivity,
    suggest,
    use_project,
    validate,
)
from helixgraph.errors import AnalysisError, HelixError, LoadError, OutputError, QueryError, ValidationError

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
