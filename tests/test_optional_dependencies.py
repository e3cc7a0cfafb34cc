"""pySHACL and owlrl are optional: the package and the build never import them, and without them the
features that need them say how to install them."""

from __future__ import annotations

import subprocess
import sys

import pytest
from rdflib import Graph

from helixgraph.errors import MissingDependencyError
from helixgraph.ontology.consistency import owl_rl_errors
from helixgraph.shacl import validate_graph

OPTIONAL = ("pyshacl", "owlrl")


@pytest.mark.parametrize("module", ["helixgraph", "helixgraph.cli", "helixgraph.shacl"])
def test_importing_loads_no_reference_validator(module):
    probe = (f"import sys, {module}; "
             f"print(sorted(name for name in sys.modules if name.split('.')[0] in {OPTIONAL!r}))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_probe_sees_an_imported_reference_validator():
    probe = (f"import sys, pyshacl, owlrl; "
             f"print(sorted({{name.split('.')[0] for name in sys.modules}} & set({OPTIONAL!r})))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['owlrl', 'pyshacl']"


@pytest.mark.parametrize(
    ("missing", "call", "feature"),
    [
        ("pyshacl", lambda: validate_graph(Graph()), "the pySHACL validator"),
        ("owlrl", owl_rl_errors, "the OWL 2 RL consistency check"),
    ],
)
def test_a_missing_reference_validator_names_the_extra(monkeypatch, missing, call, feature):
    monkeypatch.setitem(sys.modules, missing, None)  # what Python sees when the package is not installed
    with pytest.raises(MissingDependencyError) as caught:
        call()
    assert (caught.value.package, caught.value.feature) == (missing, feature)
    assert "pip install 'helixgraph[reference]'" in str(caught.value)
    assert caught.value.exit_code == 2
