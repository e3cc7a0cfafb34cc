"""The SPARQL pieces the compiler assembles: focus-node patterns and datatype tests.

Where the store cannot see what pySHACL sees
--------------------------------------------
Oxigraph keeps literals in its own value encoding, which loses two things rdflib keeps:

* **Derived integer datatypes.** A valid ``"5"^^xsd:positiveInteger`` (or ``xsd:int``,
  ``xsd:nonNegativeInteger``, ...) is stored as ``"5"^^xsd:integer``. ``sh:datatype
  xsd:positiveInteger`` is therefore checked as "an integer greater than 0", which is what pySHACL
  checks for a literal typed ``xsd:positiveInteger``, but a positive literal typed plain
  ``xsd:integer`` passes here and not in pySHACL (the test suite pins this). A message that prints
  such a value (the default ``sh:or`` message) says ``xsd:integer``.
* **Lexical forms of numbers.** Oxigraph returns the canonical XSD form (``7.0`` -> ``7``, ``1.50``
  -> ``1.5``, a double ``1000.0`` -> ``1000``), rdflib the form it was given. Only the printed value
  of a violation about such a literal differs; which violations are found does not.

Ill-typed literals (``"abc"^^xsd:date``) are kept as written with their datatype, and
``sh:datatype`` flags them like pySHACL: for the datatypes pySHACL checks the value of
(``xsd:boolean``, ``xsd:integer`` and the derived integer types, ``xsd:decimal``, ``xsd:double``,
``xsd:float``, ``xsd:date``, ``xsd:dateTime``) the literal must also cast to its datatype in SPARQL.
Lexical forms accepted differ only at the edges: Python's ``int``/``Decimal``/``float`` also take
``" 5"``, ``"1_000"``, ``"1e3"`` as an ``xsd:decimal``, rdflib a time after an ``xsd:date``; and
rdflib rewrites ``"TRUE"^^xsd:boolean`` to ``"true"`` but still calls it ill-typed, so the store
receives a valid literal that pySHACL flags. Like pySHACL, nothing checks the lexical form of
``xsd:gYear``, ``xsd:gYearMonth``, ``xsd:anyURI`` and ``xsd:string``. Other datatypes are refused at
compile time. The loader writes only well-typed literals in canonical form, so none of this
changes what a build reports.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef
from rdflib.namespace import RDF, RDFS, XSD

__all__ = ["TYPE_PATH", "Targets", "datatype_test"]

#: SHACL instances of a class: ``rdf:type/rdfs:subClassOf*``.
TYPE_PATH = f"<{RDF.type}>/<{RDFS.subClassOf}>*"

_CASTS = frozenset({XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.date, XSD.dateTime})
_INTEGER_RANGES = {
    XSD.positiveInteger: "> 0",
    XSD.nonNegativeInteger: ">= 0",
    XSD.negativeInteger: "< 0",
    XSD.nonPositiveInteger: "<= 0",
}
_UNCHECKED_LEXICAL = frozenset({XSD.gYear, XSD.gYearMonth, XSD.anyURI})


@dataclass(frozen=True)
class Targets:
    """A node shape's targets: the classes of ``sh:targetClass`` and properties of ``sh:targetSubjectsOf``."""

    classes: tuple
    subjects_of: tuple

    def implied_by(self, path: URIRef) -> bool:
        """Whether every node with a value for ``path`` is a focus node (so values need no target join).

        >>> Targets((), (URIRef("urn:p"),)).implied_by(URIRef("urn:p"))
        True
        """
        return not self.classes and self.subjects_of == (path,)

    def pattern(self) -> str:
        """A sub-query binding ``?this`` to each focus node once.

        >>> Targets((), (URIRef("urn:p"),)).pattern()
        '{ SELECT DISTINCT ?this WHERE { ?this <urn:p> ?targetObject . } }'
        """
        parts = []
        if len(self.classes) == 1:
            parts.append(f"?this {TYPE_PATH} <{self.classes[0]}> .")
        elif self.classes:
            listed = " ".join(f"<{c}>" for c in self.classes)
            parts.append(f"VALUES ?targetClass {{ {listed} }} ?this {TYPE_PATH} ?targetClass .")
        parts += [f"?this <{p}> ?targetObject ." for p in self.subjects_of]
        union = parts[0] if len(parts) == 1 else " UNION ".join(f"{{ {p} }}" for p in parts)
        return f"{{ SELECT DISTINCT ?this WHERE {{ {union} }} }}"


def datatype_test(datatype: URIRef) -> str | None:
    """A SPARQL expression on ``?value``, true when it is a well-formed literal of ``datatype``.

    None for a datatype with no test written for it (the compiler refuses it).

    >>> print(datatype_test(RDF.langString))
    isLiteral(?value) && lang(?value) != ""
    >>> datatype_test(XSD.time) is None
    True
    """
    if datatype == RDF.langString:
        return 'isLiteral(?value) && lang(?value) != ""'
    if datatype == XSD.string:
        return f'isLiteral(?value) && datatype(?value) = <{XSD.string}>'
    if datatype == XSD.boolean:
        return f'datatype(?value) = <{XSD.boolean}> && STR(?value) IN ("true", "false", "1", "0")'
    if datatype in _CASTS:
        return f"datatype(?value) = <{datatype}> && isLiteral(<{datatype}>(STR(?value)))"
    if datatype in _INTEGER_RANGES:
        # Oxigraph stores a valid value of a derived integer type as xsd:integer, an invalid one as is.
        return (f"datatype(?value) IN (<{XSD.integer}>, <{datatype}>) "
                f"&& <{XSD.integer}>(STR(?value)) {_INTEGER_RANGES[datatype]}")
    if datatype in _UNCHECKED_LEXICAL:
        return f"datatype(?value) = <{datatype}>"
    return None
