"""What each source states about each entity, with its evidence: the one place profile pages read facts from.

Every triple a source's named graph holds about an entity is one statement, cited by that source
and its issue date. Its evidence is the statement's own where the source file gave one (a reified
``rdf:Statement`` beside the triple, see :mod:`helixgraph.graph.evidence`: its paragraphs, the
quoted words, whether the curator added it and why), else its record's: the paragraphs the record
names (``eco:evidence`` passages) and whether the record is marked as the curator's inference.
The store is read in one pass over the sources' graphs, so this stays fast at scale.
"""

from __future__ import annotations

from typing import NamedTuple

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, PROV

from helixgraph.gc_pause import gc_paused
from helixgraph.ontology.namespace import ECO
from helixgraph.ontology.prefixes import SOURCE_NS

__all__ = ["Statement", "statements_by_entity", "tie_paragraphs"]

_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
#: Record bookkeeping, shown as the evidence of the other statements rather than as facts.
_BOOKKEEPING = frozenset({str(PROV.wasDerivedFrom), str(ECO.evidence), str(ECO.inferred), str(ECO.confidence)})
_PARAGRAPH = str(ECO.paragraphNumber)
_ISSUED = str(DCTERMS.issued)
_EVIDENCE = str(ECO.evidence)
_INFERRED = str(ECO.inferred)
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_REIFIED = {_RDF + "subject": 0, _RDF + "predicate": 1, _RDF + "object": 2}
_QUOTE, _REASON = str(ECO.quote), str(ECO.curatorReason)


class Statement(NamedTuple):
    """One fact about an entity as one source states it."""

    #: The property's IRI.
    property: str
    #: The value: a pyoxigraph ``NamedNode`` or ``Literal``.
    value: object
    #: The source's IRI (its named graph).
    source: str
    #: The paragraphs of the source that state it.
    paragraphs: tuple[int, ...]
    #: The source's issue date, as the source gives it.
    issued: str
    #: The source's words, when known.
    quote: str | None
    #: True when the curator inferred it rather than the source stating it.
    inferred: bool
    #: The curator's reason for an inference, when given.
    reason: str | None = None


def statements_by_entity(store: ox.Store) -> dict[str, list[Statement]]:
    """Every statement of every source about every entity, by entity IRI: source by source (in the order
    of their IRIs), each source's subjects in order and each subject's statements by property and value.

    One pass over the sources' named graphs; the ontology's and the analysis graphs are not read. The
    order does not depend on the store (in memory or on disk) nor on how it was loaded, so the pages
    written from it do not either.

    Examples
    --------
    >>> from helixgraph.pipeline.build import load_store
    >>> found = statements_by_entity(load_store())
    >>> huahui = found["https://w3id.org/helixgraph/id/huahui-health"]
    >>> tie = [s for s in huahui if s.property.endswith("#locatedIn")][0]
    >>> tie.value.value.rsplit("/", 1)[1], tie.source.rsplit("/", 1)[1], tie.paragraphs, tie.issued, tie.inferred
    ('zgc-life-science-park', 'caixin-2025-10-01', (2,), '2025-10-01', False)
    """
    with gc_paused():  # millions of small acyclic objects: the collector's walks would dominate
        return _statements_by_entity(store)


def _statements_by_entity(store: ox.Store) -> dict[str, list[Statement]]:
    prefix = str(SOURCE_NS)
    graphs = sorted((g for g in store.named_graphs() if g.value.startswith(prefix)), key=lambda g: g.value)
    issued: dict[str, str] = {}
    found: dict[str, list[Statement]] = {}
    properties: dict[str, str] = {}  # one string per property, not one per statement (millions at scale)
    for graph in graphs:
        source = graph.value
        rows: dict[str, list] = {}
        passages: dict[str, int] = {}
        evidence: dict[str, list[str]] = {}
        inferred: set[str] = set()
        reified: dict[str, list] = {}  # statement node -> [subject, predicate, object, quote, reason]
        passage_prefix = source + "#"
        for subject, predicate, value, _ in store.quads_for_pattern(None, None, None, graph):
            s, p = subject.value, predicate.value
            if p in _REIFIED or p in (_QUOTE, _REASON):
                slot = _REIFIED.get(p, 3 if p == _QUOTE else 4)
                reified.setdefault(s, [None] * 5)[slot] = value if slot == 2 else value.value
            elif p in _BOOKKEEPING or p == _PARAGRAPH:
                if p == _EVIDENCE:
                    evidence.setdefault(s, []).append(value.value)
                elif p == _PARAGRAPH:
                    passages[s] = int(value.value)
                elif p == _INFERRED and value.value in ("true", "1"):
                    inferred.add(s)
            elif s == source:
                if p == _ISSUED:
                    issued[source] = value.value
            elif not s.startswith(passage_prefix):
                rows.setdefault(s, []).append((properties.setdefault(p, p), value))
        day = issued.get(source, "")
        own = {}
        for node, (s, p, o, quote, reason) in reified.items():
            if s is not None and p is not None and o is not None:
                cited = tuple(sorted({passages[x] for x in evidence.get(node, ()) if x in passages}))
                own[(s, p, o)] = (cited, quote, node in inferred, reason)
        for subject in sorted(rows):
            facts = sorted(rows[subject], key=_fact_order)
            paragraphs = tuple(sorted({passages[p] for p in evidence.get(subject, ()) if p in passages}))
            flag = subject in inferred
            target = found.setdefault(subject, [])
            for p, value in facts:
                cited, quote, curator, reason = own.get((subject, p, value), (paragraphs, None, flag, None))
                target.append(Statement(p, value, source, cited or paragraphs, day, quote, curator, reason))
    return found


def _fact_order(fact: tuple) -> tuple[str, str]:
    """A subject's facts in one source are sorted by property, then value (in N-Triples form)."""
    return fact[0], str(fact[1])


def tie_paragraphs(statements: dict[str, list[Statement]]):
    """A function giving the paragraphs a source states a tie in, from the statements of :func:`statements_by_entity`.

    The returned ``cite(a, b, source)`` finds the record that makes the tie between entities ``a``
    and ``b`` in ``source``: a statement of one about the other (a tie property), or else a record
    naming both (a membership, an event, a trial: the n-ary patterns); it returns that record's
    paragraphs, or ``()`` when no record is found.

    >>> from helixgraph.pipeline.build import load_store
    >>> cite = tie_paragraphs(statements_by_entity(load_store()))
    >>> ID, SRC = "https://w3id.org/helixgraph/id/", "https://w3id.org/helixgraph/source/"
    >>> cite(ID + "huahui-health", ID + "zgc-life-science-park", SRC + "caixin-2025-10-01")
    (2,)
    >>> cite(ID + "libevitug", ID + "nmpa", SRC + "people-daily-2026-01-24")
    (1,)
    """
    direct: dict[tuple[str, str, str], tuple[int, ...]] = {}
    naming: dict[tuple[str, str], dict[str, tuple[int, ...]]] = {}
    with gc_paused():  # a million keys and dicts, none in a cycle
        for subject, facts in statements.items():
            for fact in facts:
                value = fact.value
                if isinstance(value, ox.NamedNode):
                    direct.setdefault((subject, value.value, fact.source), fact.paragraphs)
                    naming.setdefault((value.value, fact.source), {}).setdefault(subject, fact.paragraphs)

    def cite(a: str, b: str, source: str) -> tuple[int, ...]:
        found = direct.get((a, b, source)) or direct.get((b, a, source))
        if found is not None:
            return found
        left, right = naming.get((a, source), {}), naming.get((b, source), {})
        shared = left.keys() & right.keys()
        return left[min(shared)] if shared else ()

    return cite
