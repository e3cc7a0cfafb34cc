"""The API reference builds from the docstrings without a single warning, and shows runnable examples."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

import helixgraph

DOCS = Path(__file__).parents[1] / "docs"

#: Public functions without a ``>>>`` example, and why an example cannot run in a doctest.
NO_EXAMPLE = {
    "helixgraph.cli.main": "runs the command line and exits the process; each command's help carries an example",
    "helixgraph.server.endpoint.serve": "serves the store in the foreground until the process is stopped",
    "helixgraph.server.oxigraph_server.running_server": "starts a SPARQL server process",
    "helixgraph.remote.virtuoso.running_virtuoso": "starts a Virtuoso server process",
    "helixgraph.server.worker.main": "runs inside a query process, serving its pipe until the pipe closes",
}

#: Functions whose reference pages are checked: one from the API, the pipeline and the analysis.
KEY_FUNCTIONS = ("helixgraph.api.build", "helixgraph.pipeline.build.build", "helixgraph.analysis.centrality.betweenness")


_PLAIN_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


class _Text(HTMLParser):
    """The visible text of an HTML page, whitespace collapsed and typographic quotes made plain."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        self._hidden += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._hidden -= tag in ("script", "style")

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)

    @classmethod
    def of(cls, path: Path) -> str:
        parser = cls()
        parser.feed(path.read_text(encoding="utf-8"))
        return " ".join("".join(parser.parts).split()).translate(_PLAIN_QUOTES)


def _public_functions() -> dict[str, object]:
    """Every function a module lists in ``__all__`` and defines itself, by full name."""
    found = {}
    for info in pkgutil.walk_packages(helixgraph.__path__, "helixgraph."):
        if info.name.rsplit(".", 1)[-1].startswith("_"):
            continue
        module = importlib.import_module(info.name)
        for name in getattr(module, "__all__", ()):
            function = inspect.unwrap(getattr(module, name))
            if inspect.isfunction(function) and function.__module__ == module.__name__:
                found[f"{module.__name__}.{name}"] = function
    return found


def _function(full_name: str):
    module, name = full_name.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)


@pytest.mark.slow
def test_the_api_reference_builds_with_warnings_as_errors_and_documents_the_key_functions(tmp_path):
    source = tmp_path / "docs"
    shutil.copytree(DOCS, source, ignore=shutil.ignore_patterns("_build", "generated"))
    out = tmp_path / "html"
    done = subprocess.run([sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html", str(source),
                           str(out)], check=False, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr

    for full_name in KEY_FUNCTIONS:
        page = out / "generated" / f"{full_name}.html"
        assert page.is_file(), f"no reference page for {full_name}"
        text = _Text.of(page)
        start = text.index(f"{full_name}(")
        signature = text[start:text.index("[source]", start)]
        positions = [signature.index(f" {name}" if i else f"({name}")
                     for i, name in enumerate(inspect.signature(_function(full_name)).parameters)]
        assert positions == sorted(positions), signature
        doc = inspect.getdoc(_function(full_name))
        assert doc.splitlines()[0].replace("`", "") in text
        short_name = full_name.rsplit(".", 1)[1]
        example = next(line for line in doc.splitlines() if line.startswith(">>> ") and f"{short_name}(" in line)
        assert example in text

    # A module whose package re-exports a function of the same name is documented as the module.
    module_page = _Text.of(out / "generated" / "helixgraph.pipeline.build.html")
    assert inspect.getdoc(importlib.import_module("helixgraph.pipeline.build")).splitlines()[0] in module_page
    assert (out / "generated" / "helixgraph.pipeline.build.graphs_of.html").is_file()


def test_every_public_function_has_a_runnable_example():
    functions = _public_functions()
    assert "helixgraph.api.build" in functions and "helixgraph.graph.catalog.named_queries" in functions
    assert set(NO_EXAMPLE) <= set(functions), "an exemption names a function that is not public"
    missing = [name for name, function in functions.items()
               if name not in NO_EXAMPLE and ">>>" not in (inspect.getdoc(function) or "")]
    assert missing == [], f"public functions without a >>> example: {', '.join(missing)}"
