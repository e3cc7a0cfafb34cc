"""A record's fields as triples: each value read by its property's range, each problem logged."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import URIRef
from rdflib.namespace import DCTERMS

from helixgraph.errors import LoadError
from helixgraph.iris import local_name
from helixgraph.loaders.error_log import ErrorLog
from helixgraph.loaders.evidence import Evidence, is_wrapped, unwrap
from helixgraph.loaders.references import ReferenceIndex, suggest
from helixgraph.loaders.source_file import RESERVED_KEYS, Record
from helixgraph.loaders.values import ValueProblem, check_language_tag, describe_datatypes, to_literal
from helixgraph.ontology.model import ClassSpec, Ontology, PropertySpec

__all__ = ["check_required", "expected_value", "field_triples", "source_language"]

Triple = tuple[URIRef, URIRef, object]
#: A triple and the evidence of its own that supports it.
_Claim = tuple[Triple, Evidence]


def field_triples(record: Record, subject: URIRef, index: ReferenceIndex, default_lang: str,
                  skip: Iterable[str] = (), *, claims: list[_Claim] | None = None,
                  default: Evidence | None = None, stated_only: bool = False) -> list[Triple]:
    """The triples of a record's fields; the problem of a field goes to the index's log.

    A value with evidence of its own (see :mod:`helixgraph.loaders.evidence`), and every value when
    ``default`` is a curator's addition, is also added to ``claims`` with its evidence (``default``
    filling what it leaves out). With ``stated_only``, the curator's values are left out.

    >>> from helixgraph.loaders.error_log import ErrorLog
    >>> from helixgraph.loaders.ids import entity_iri
    >>> from helixgraph.loaders.loader import DEMO_SOURCE
    >>> from helixgraph.loaders.source_file import read_source_file
    >>> from helixgraph.ontology.model import load_ontology
    >>> doc = read_source_file("demo.yaml", DEMO_SOURCE.replace("sector: AcademiaResearch", "sector: Industri"))
    >>> index = ReferenceIndex(load_ontology(), [doc], ErrorLog())
    >>> [str(o) for _, _, o in field_triples(doc.records[0], entity_iri("nibs"), index, "en")]
    ['NIBS']
    >>> [(e.field, e.value, e.suggestion) for e in index.log.errors]
    [('sector', 'Industri', 'Industry')]

    A value with its own paragraph is a claim; left out when only stated values are wanted if inferred:

    >>> doc = read_source_file("demo.yaml", DEMO_SOURCE.replace(
    ...     "label: NIBS", "label: {value: NIBS, para: 2}, nationalLevel: {value: true, inferred: likely}"))
    >>> index, claims = ReferenceIndex(load_ontology(), [doc], ErrorLog()), []
    >>> [o.n3() for _, _, o in field_triples(doc.records[0], entity_iri("nibs"), index, "en", claims=claims)][:2]
    ['"NIBS"@en', '"true"^^<http://www.w3.org/2001/XMLSchema#boolean>']
    >>> [(str(t[2]), e.paragraphs, e.inferred) for t, e in claims]
    [('NIBS', (2,), False), ('true', (), True)]
    >>> [o.n3() for _, _, o in field_triples(doc.records[0], entity_iri("nibs"), index, "en", stated_only=True)][:1]
    ['"NIBS"@en']
    >>> len(field_triples(doc.records[0], entity_iri("nibs"), index, "en", stated_only=True))
    2
    """
    ontology = index.ontology
    out: list[Triple] = []
    for key, value in record.data.items():
        if key in RESERVED_KEYS or key in skip:
            continue
        try:
            prop = ontology.properties.get(key)
            if prop is None:
                raise record.error("unknown property", field=key,
                                   expected="a property of the ontology (see `helixgraph ontology`)",
                                   suggestion=suggest(key, [*ontology.properties, *RESERVED_KEYS]))
            values = value if isinstance(value, list) else [value]
            if isinstance(value, list) and prop.functional:
                raise record.error("this property takes one value", field=key, value=value,
                                   expected="a single value")
            if not values:
                raise record.error("empty list", field=key, expected="one or more values")
            for item in values:
                evidence = default if default is not None and default.inferred else None
                if is_wrapped(item):
                    item, own = unwrap(record, key, item)
                    evidence = own if default is None else own.over(default)
                    if isinstance(item, list):
                        raise record.error("a value with evidence holds one value", field=key, value=item,
                                           expected="a list of values with evidence, one each")
                if stated_only and evidence is not None and evidence.inferred:
                    continue
                start = len(out)
                _item_triples(record, key, item, prop, subject, index, default_lang, out)
                if claims is not None and evidence is not None:
                    claims.extend((t, evidence) for t in out[start:])
        except LoadError as exc:
            index.log.add(exc)
    return out


def _item_triples(record: Record, key: str, item: object, prop: PropertySpec, subject: URIRef,
                  index: ReferenceIndex, default_lang: str, out: list[Triple]) -> None:
    if item is None:
        raise record.error("missing value", field=key, expected=expected_value(prop))
    if prop.is_literal:
        try:
            literals = to_literal(item, prop.datatypes, default_lang=default_lang)
        except ValueProblem as exc:
            raise record.error(f"wrong value: {exc}", field=key, value=item,
                               expected=exc.expected or expected_value(prop),
                               suggestion=exc.suggestion) from exc
        if prop.pattern is not None and not prop.pattern.fullmatch(str(item)):
            example = f", such as {prop.format_example!r}" if prop.format_example else ""
            raise record.error("wrong format", field=key, value=item,
                               expected=f"a value matching {prop.pattern.pattern}{example}")
        out.extend((subject, prop.iri, lit) for lit in literals)
    else:
        iri = index.resolve(record, key, item, prop)
        if iri is not None:
            out.append((subject, prop.iri, iri))


def expected_value(prop: PropertySpec) -> str:
    """What a value of ``prop`` must be, as an error message says it.

    >>> from helixgraph.ontology.model import load_ontology
    >>> properties = load_ontology().properties
    >>> expected_value(properties["sector"]), expected_value(properties["issued"])
    ('the id of a Sector', 'a date YYYY-MM-DD')
    """
    if prop.is_literal:
        return describe_datatypes(prop.datatypes)
    return f"the id of a {local_name(str(prop.range))}"


def check_required(record: Record, spec: ClassSpec, ontology: Ontology, log: ErrorLog) -> set[str]:
    """Add a problem to ``log`` for each required field the record lacks; return the keys named as
    misspellings of one (such as ``lable`` for ``label``), whose own problem that report stands for.

    >>> from helixgraph.loaders.error_log import ErrorLog
    >>> from helixgraph.loaders.loader import DEMO_SOURCE
    >>> from helixgraph.loaders.source_file import read_source_file
    >>> from helixgraph.ontology.model import load_ontology
    >>> ontology, log = load_ontology(), ErrorLog()
    >>> record = read_source_file("demo.yaml", DEMO_SOURCE.replace("label:", "lable:")).records[0]
    >>> check_required(record, ontology.classes["ResearchInstitute"], ontology, log)
    {'lable'}
    >>> [(e.field, e.suggestion) for e in log.errors]
    [('lable', 'label')]
    """
    misspelt: set[str] = set()
    missing = [name for name in spec.required if name not in record.data]
    if not missing:
        return misspelt
    unknown = [k for k in record.data if k not in ontology.properties and k not in RESERVED_KEYS]
    for name in missing:
        typo = suggest(name, [k for k in unknown if k not in misspelt])
        if typo is not None:
            misspelt.add(typo)
            log.add(record.error(f"unknown property, and the required field {name!r} of a {spec.name} is missing",
                                 field=typo, expected=expected_value(ontology.properties[name]), suggestion=name))
        else:
            log.add(record.error(f"missing required field for a {spec.name}", field=name,
                                 expected=expected_value(ontology.properties[name])))
    return misspelt


def source_language(header: Record, triples: list[Triple], log: ErrorLog) -> str:
    """The source's language tag, the default of its plain text; a problem goes to ``log``.

    >>> from rdflib import Literal, URIRef
    >>> from helixgraph.loaders.error_log import ErrorLog
    >>> from helixgraph.loaders.loader import DEMO_SOURCE
    >>> from helixgraph.loaders.source_file import read_source_file
    >>> header = read_source_file("demo.yaml", DEMO_SOURCE).header
    >>> source_language(header, [(URIRef("urn:s"), DCTERMS.language, Literal("zh"))], ErrorLog())
    'zh'
    >>> source_language(header, [], ErrorLog())
    'en'
    """
    lang = next((o for s, p, o in triples if p == DCTERMS.language), None)
    if lang is None:
        return "en"
    try:
        return check_language_tag(str(lang))
    except ValueProblem as exc:
        key = next((k for k in header.data if str(lang) == header.data[k]), None)
        log.add(header.error(f"wrong value: {exc}", field=key, value=str(lang), expected=exc.expected,
                             suggestion=exc.suggestion))
        return "en"
