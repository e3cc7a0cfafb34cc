"""Evidence per value: the paragraphs, the source's own words, and whether the curator added it.

A record's ``para`` is the default evidence of all its fields. Any single value can carry its own,
written as a mapping with the key ``value``::

    modality: {value: monoclonal antibody, para: 7, quote: a monoclonal antibody}
    regulator: {value: nmpa, inferred: The report names China's top drug regulator, that is the NMPA.}
    label: [{en: Acmeximab}, {value: {zh: 阿克单抗}, inferred: the Chinese name is the curator's}]

``para`` (a number or a list) says which paragraphs state the value, ``quote`` gives a few of the
source's words (fewer than eight), ``inferred`` marks the value as the curator's addition with the
reason, and ``reference`` an http(s) URL where the curator's knowledge can be checked. A record can
carry ``inferred`` and ``reference`` itself: then every value of it is the curator's.

In RDF each value with evidence of its own, and each value the curator added, gets a reified
statement (``rdf:Statement`` with ``rdf:subject``, ``rdf:predicate``, ``rdf:object``) in the
source's named graph, next to the asserted triple it describes. A value without one is stated by
the source, in the record's paragraphs (``eco:evidence`` on the entity).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

import pyoxigraph as ox
from rdflib import RDF, RDFS, Literal, URIRef

from helixgraph.errors import short_repr
from helixgraph.loaders.limits import INTEGER_RANGE
from helixgraph.ontology.namespace import ECO

__all__ = ["MAX_QUOTE_WORDS", "WRAPPER_KEYS", "Evidence", "check_record_evidence", "is_wrapped", "record_evidence",
           "statement_iri", "statement_triples", "unwrap"]

#: The longest quote the project keeps, in words: no run of eight or more words of a source.
MAX_QUOTE_WORDS = 7
#: The keys of a value that carries its own evidence.
WRAPPER_KEYS = ("value", "para", "quote", "inferred", "reference")
_WORD = re.compile(r"\w+(?:['’.,-]\w+)*")
_URL = re.compile(r"https?://[^\s<>\"{}|\\^`]+")

Triple = tuple[URIRef, URIRef, object]


@dataclass(frozen=True)
class Evidence:
    """What supports one value: paragraphs, the source's words, and the curator's reason if any."""

    paragraphs: tuple[int, ...] = ()
    quote: str | None = None
    #: The curator's reason; set when the curator added the value rather than the source stating it.
    reason: str | None = None
    reference: str | None = None

    @property
    def inferred(self) -> bool:
        return self.reason is not None

    def over(self, default: Evidence) -> Evidence:
        """This evidence with the record's ``default`` filling what it leaves out.

        >>> Evidence(quote="over 1,000").over(Evidence((5,), reason="a guess"))
        Evidence(paragraphs=(5,), quote='over 1,000', reason='a guess', reference=None)
        """
        return replace(self, paragraphs=self.paragraphs or default.paragraphs,
                       reason=self.reason if self.reason is not None else default.reason,
                       reference=self.reference or default.reference)


def is_wrapped(item: object) -> bool:
    """Whether a field's value is a mapping that carries its own evidence (it has the key ``value``).

    >>> is_wrapped({"value": 7.2, "para": 5}), is_wrapped({"en": "NIBS"})
    (True, False)
    """
    return isinstance(item, dict) and "value" in item


def _paragraphs(record, key: str, para: object) -> tuple[int, ...]:
    paras = para if isinstance(para, list) else [para]
    if not paras or not all(type(p) is int and 1 <= p < INTEGER_RANGE.stop for p in paras):
        raise record.error("bad paragraph number", field=key, value=para,
                           expected="a whole number of at least 1, or a list of them")
    return tuple(paras)


def _text(record, key: str, what: str, text: object) -> str:
    if type(text) is not str or not text.strip():
        raise record.error(f"the {what} must be text", field=key, value=text, expected=f"the {what} as text")
    return text


def _quote(record, key: str, text: object) -> str:
    quote = _text(record, key, "quote", text)
    words = len(_WORD.findall(quote))
    if words > MAX_QUOTE_WORDS:
        raise record.error(f"a quote of {words} words", field=key, value=quote,
                           expected=f"at most {MAX_QUOTE_WORDS} words of the source; say the rest in your own words")
    return quote


def _reference(record, key: str, url: object) -> str:
    problem = None
    if type(url) is str and _URL.fullmatch(url):
        try:
            ox.NamedNode(url)  # the reference becomes an IRI: the store's own check decides
        except ValueError as exc:
            problem = exc
        else:
            return url
    raise record.error("the reference must be a URL", field=key, value=url,
                       expected="an http(s) URL where the curator's knowledge can be checked") from problem


def unwrap(record, key: str, item: dict) -> tuple[object, Evidence]:
    """The value of a wrapped field value and its evidence; a malformed wrapper raises :class:`LoadError`.

    >>> from helixgraph.errors import LoadError
    >>> from helixgraph.loaders.loader import DEMO_SOURCE
    >>> from helixgraph.loaders.source_file import read_source_file
    >>> record = read_source_file("demo.yaml", DEMO_SOURCE).records[0]
    >>> unwrap(record, "modality", {"value": "antibody", "para": 7, "quote": "a monoclonal antibody"})
    ('antibody', Evidence(paragraphs=(7,), quote='a monoclonal antibody', reason=None, reference=None))
    >>> try:
    ...     unwrap(record, "modality", {"value": "antibody", "qoute": "an antibody"})
    ... except LoadError as err:
    ...     print(err.field, err.value, err.suggestion)
    modality qoute quote
    """
    from helixgraph.loaders.references import suggest

    for name in item:
        if name not in WRAPPER_KEYS:
            raise record.error(f"unknown key {short_repr(name)} in a value with evidence", field=key, value=name,
                               expected=f"the keys {', '.join(WRAPPER_KEYS)}", suggestion=suggest(str(name), WRAPPER_KEYS))
    if len(item) == 1:
        raise record.error("a value with evidence gives no evidence", field=key, value=item,
                           expected="'para', 'quote', 'inferred' or 'reference' beside 'value'")
    evidence = Evidence(
        paragraphs=_paragraphs(record, key, item["para"]) if "para" in item else (),
        quote=_quote(record, key, item["quote"]) if "quote" in item else None,
        reason=_text(record, key, "curator's reason ('inferred')", item["inferred"]) if "inferred" in item else None,
        reference=_reference(record, key, item["reference"]) if "reference" in item else None,
    )
    if evidence.reference and not evidence.inferred:
        raise record.error("a reference backs a curator's addition", field=key, value=evidence.reference,
                           expected="'inferred' with the reason beside 'reference'")
    return item["value"], evidence


def record_evidence(record) -> Evidence:
    """The default evidence of a record's values: its paragraphs, and its curator's reason if it has one.

    >>> from helixgraph.loaders.loader import DEMO_SOURCE
    >>> from helixgraph.loaders.source_file import read_source_file
    >>> record_evidence(read_source_file("demo.yaml", DEMO_SOURCE).records[0])
    Evidence(paragraphs=(1,), quote=None, reason=None, reference=None)
    """
    data = record.data
    para = data["para"]
    return Evidence(paragraphs=tuple(para if isinstance(para, list) else [para]), reason=data.get("inferred"),
                    reference=data.get("reference"))


def check_record_evidence(record) -> None:
    """Check a record's own ``inferred`` and ``reference``; a bad one raises :class:`LoadError`.

    >>> from helixgraph.errors import LoadError
    >>> from helixgraph.loaders.loader import DEMO_SOURCE
    >>> from helixgraph.loaders.source_file import Record
    >>> from helixgraph.loaders.yaml_reader import read_yaml
    >>> text = DEMO_SOURCE.replace("para: 1,", "para: 1, inferred: a guess, reference: nowhere,")
    >>> record = Record(read_yaml("demo.yaml", text)["records"][0], "demo.yaml", 0)
    >>> try:
    ...     check_record_evidence(record)
    ... except LoadError as err:
    ...     print(err.field, err.value)
    reference nowhere
    """
    data = record.data
    if "inferred" in data:
        _text(record, "inferred", "curator's reason ('inferred')", data["inferred"])
    if "reference" in data:
        _reference(record, "reference", data["reference"])
        if "inferred" not in data:
            raise record.error("a reference backs a curator's addition", field="reference", value=data["reference"],
                               expected="'inferred' with the reason beside 'reference'")


def statement_iri(source: URIRef, triple: Triple) -> URIRef:
    """The IRI of the reified statement of ``triple`` in a source: the same triple, the same IRI.

    >>> statement_iri(URIRef("https://example.org/src"), (URIRef("urn:s"), RDF.type, URIRef("urn:C")))
    rdflib.term.URIRef('https://example.org/src#statement-3b6b096476363aac')
    """
    s, p, o = triple
    key = f"{s.n3()}\x00{p.n3()}\x00{o.n3()}".encode()
    return URIRef(f"{source}#statement-{hashlib.sha1(key).hexdigest()[:16]}")


def statement_triples(source: URIRef, triple: Triple, evidence: Evidence, passage: Callable[[int], URIRef],
                      lang: str) -> list[Triple]:
    """The reified statement of ``triple``: what it states, where, in which words, and who states it.

    >>> src = URIRef("https://example.org/src")
    >>> t = (URIRef("urn:drug"), URIRef("urn:modality"), Literal("antibody"))
    >>> out = statement_triples(src, t, Evidence((7,), quote="an antibody"), lambda n: URIRef(f"{src}#p{n}"), "en")
    >>> sorted(p.n3() for _, p, _ in out)[:4]  # doctest: +NORMALIZE_WHITESPACE
    ['<http://www.w3.org/1999/02/22-rdf-syntax-ns#object>', '<http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate>',
     '<http://www.w3.org/1999/02/22-rdf-syntax-ns#subject>', '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>']
    """
    node = statement_iri(source, triple)
    s, p, o = triple
    out: list[Triple] = [(node, RDF.type, RDF.Statement), (node, RDF.subject, s), (node, RDF.predicate, p),
                         (node, RDF.object, o), (node, ECO.inferred, Literal(evidence.inferred))]
    out += [(node, ECO.evidence, passage(n)) for n in evidence.paragraphs]
    if evidence.quote:
        out.append((node, ECO.quote, Literal(evidence.quote, lang=lang)))
    if evidence.reason:
        out.append((node, ECO.curatorReason, Literal(evidence.reason, lang="en")))
    if evidence.reference:
        out.append((node, RDFS.seeAlso, URIRef(evidence.reference)))
    return out

