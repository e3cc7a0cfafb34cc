"""Sphinx configuration: the API reference, generated from the numpydoc docstrings.

Build with ``sphinx-build -W --keep-going -b html docs docs/_build/html``.
"""

from __future__ import annotations

import inspect
import sys
from importlib import metadata

from sphinx.ext import autosummary

project = "helixgraph"
author = "The helixgraph developers"
copyright = "The helixgraph developers"
try:
    release = metadata.version("helixgraph")
except metadata.PackageNotFoundError:  # a source tree that is not installed
    release = "0+unknown"

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.viewcode",
    "numpydoc",
]

exclude_patterns = ["_build"]
templates_path = ["_templates"]

# One page per module, class, function and documented constant, generated on every build by walking
# the package (see api.rst and _templates/autosummary/), so a new module appears without editing the
# docs. A name is documented where it is defined; re-exports in a package's __init__ are not
# repeated.
autosummary_generate = True
autosummary_imported_members = False
autodoc_member_order = "bysource"
autodoc_typehints = "signature"


def _submodules_first(import_by_name):
    """Resolve ``package.name`` to the submodule ``name`` when the package re-exports a function of
    the same name (``helixgraph.pipeline.build`` is a module; ``from .build import build`` hides it
    behind the function). Autosummary looks the attribute up first, which would document such a
    module as that one function and leave the rest of the module out."""

    def resolve(name, *args, **kwargs):
        obj, parent, modname = import_by_name(name, *args, **kwargs)
        module = sys.modules.get(name)
        if module is not None and not inspect.ismodule(obj):
            return module, parent, modname
        return obj, parent, modname

    return resolve


autosummary._import_by_name = _submodules_first(autosummary._import_by_name)

# numpydoc renders the sections. The class template lists a class's members, so numpydoc does not
# list them again.
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False
# Fail the build on a Parameters section that documents names the signature does not have, or whose
# entries are malformed: numpydoc would render such text as bogus parameters.
numpydoc_validation_checks = {"PR02", "PR10"}
# Its Parameters section ends with a sentence pointing to serve()'s parameters.
numpydoc_validation_exclude = {r"^helixgraph\.server\.oxigraph_server\.running_server$"}

html_theme = "furo"
html_title = f"helixgraph {release}"
