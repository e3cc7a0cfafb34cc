"""The evidence of each statement about an entity: source, paragraphs, quote, stated or inferred.

The answer comes from the library's question ``statement-sources``
(``graph/queries/statement-sources.rq``, the worked example's ``cq36``), asked about one entity or
about all of them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from helixgraph.errors import QueryError
from helixgraph.graph.catalog import get_query
from helixgraph.graph.query import query_store
from helixgraph.loaders.ids import entity_iri

__all__ = ["StatementEvidence", "statement_evidence"]

@dataclass(frozen=True)
class StatementEvidence:
    """One statement about an entity in one source, and what supports it.

    ``value`` is an IRI (a reference to an entity or concept, with its English ``value_label``)
    or the literal's Python value (text, number, date text, bool). ``stated`` is True when the
    source states the value and False when the curator added it, with ``reason`` and, where it
    can be checked, a ``reference`` URL. ``paragraphs`` are the source's paragraph numbers;
    ``quote`` the few words of the source that state the value, when the curator kept them.
    """

    entity: str
    property: str
    property_label: str | None
    value: object
    value_label: str | None
    source: str
    publisher: str
    issued: str
    paragraphs: tuple[int, ...]
    quote: str | None
    stated: bool
    reason: str | None
    reference: str | None


def _iri(entity: str) -> ox.NamedNode:
    iri = entity if ":" in entity else str(entity_iri(entity))
    try:
        return ox.NamedNode(iri)
    except ValueError as exc:
        raise QueryError(f"not an entity id or IRI: {entity!r}") from exc


def statement_evidence(store: ox.Store, entity: str | None = None) -> list[StatementEvidence]:
    """Every statement the sources make about ``entity`` (an id such as ``"libevitug"`` or its IRI;
    all entities when None), each with its source, paragraphs, quote and whether it is stated.

    Parameters
    ----------
    store
        A store of the dataset: the built one (:func:`helixgraph.graph.store.open_store`) or an
        in-memory one (:func:`helixgraph.pipeline.load_store`).
    entity
        The entity's id or IRI; None for every entity.

    Raises
    ------
    QueryError
        ``entity`` is neither an id nor an IRI.

    Returns
    -------
    list of StatementEvidence
        Ordered by entity, source date, property and value; one per statement and source, so a
        value two sources give appears twice. Empty for an entity no source describes.

    Examples
    --------
    >>> from helixgraph.pipeline import load_store
    >>> rows = statement_evidence(load_store(), "libevitug")
    >>> modality = next(r for r in rows if r.property.endswith("#modality"))
    >>> modality.value, modality.paragraphs, modality.quote, modality.stated
    ('monoclonal antibody', (7,), 'a monoclonal antibody', True)
    >>> code = next(r for r in rows if r.property.endswith("#developmentCode"))
    >>> code.value, code.stated, code.publisher
    ('HH-003', False, "People's Daily Online")
    """
    text = get_query("statement-sources", ()).sparql(entity=None if entity is None else _iri(entity))
    result = query_store(store, text)
    at = {name: i for i, name in enumerate(result.variables)}
    out = []
    for row in result.rows:
        paragraphs = tuple(sorted(int(n) for n in (row[at["paragraphs"]] or "").split(",") if n))
        out.append(StatementEvidence(
            entity=row[at["entity"]], property=row[at["property"]], property_label=row[at["propertyLabel"]],
            value=row[at["value"]], value_label=row[at["valueLabel"]], source=row[at["source"]],
            publisher=row[at["publisher"]], issued=str(row[at["issued"]]), paragraphs=paragraphs,
            quote=row[at["quote"]], stated=bool(row[at["stated"]]), reason=row[at["reason"]],
            reference=row[at["reference"]]))
    return out
