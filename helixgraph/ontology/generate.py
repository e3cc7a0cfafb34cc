"""Generate ``namespace.py``, the closed rdflib namespace of the ontology's terms.

Run ``python -m helixgraph.ontology.generate`` after changing the ontology; a test fails while the
file is stale. The term list comes from rdflib's own DefinedNamespace creator; the file is written
without a timestamp so that it only changes when the ontology does.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rdflib.tools.defined_namespace_creator import get_target_namespace_elements

from helixgraph.ontology.model import load_ontology
from helixgraph.ontology.prefixes import ECO_NS

__all__ = ["NAMESPACE_FILE", "render_namespace_module"]

NAMESPACE_FILE = Path(__file__).with_name("namespace.py")

_HEADER = '''"""The helixgraph ontology as a closed rdflib namespace: ``ECO.Company``, ``ECO.sector``.

Generated from the ontology by ``python -m helixgraph.ontology.generate``; do not edit by hand.
A name that is not in the ontology raises AttributeError instead of minting a new IRI.
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class ECO(DefinedNamespace):
    """Terms of the helixgraph ontology (classes, properties, concepts)."""

    _NS = Namespace("{ns}")
    _fail = True

'''


def render_namespace_module() -> str:
    """The text ``namespace.py`` should have for the current ontology.

    Each term is a line with its ``rdfs:comment``; the shipped file is this text exactly.

    >>> text = render_namespace_module()
    >>> [line.split("  #")[0] for line in text.splitlines() if line.startswith("    Company:")]
    ['    Company: URIRef']
    >>> text == NAMESPACE_FILE.read_text(encoding="utf-8")
    True
    """
    _elements, lines, _odd = get_target_namespace_elements(load_ontology().graph, str(ECO_NS))
    body = "".join(line.rstrip().removesuffix("  #") + "\n" for line in lines)
    return _HEADER.replace("{ns}", str(ECO_NS)) + body


def main() -> int:
    """Write ``namespace.py`` for the current ontology (``python -m helixgraph.ontology.generate``)."""
    NAMESPACE_FILE.write_text(render_namespace_module(), encoding="utf-8")
    print(f"wrote {NAMESPACE_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
