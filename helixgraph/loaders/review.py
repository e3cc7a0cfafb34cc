"""Unreviewed candidates: records a draft proposes, which a build accepts only once a curator has looked.

A draft written by ``helixgraph suggest`` marks each proposed record with a ``candidate`` key
holding the reason it was proposed and ``reviewed: false``. A curator fixes or deletes the record
and sets ``reviewed: true`` (or deletes the key). The loader refuses a record still unreviewed,
unless told to accept them; the ``candidate`` key itself never becomes a triple.
"""

from __future__ import annotations

from helixgraph.loaders.error_log import ErrorLog
from helixgraph.loaders.source_file import SourceDocument

__all__ = ["CANDIDATE_KEY", "settle_candidates"]

#: The record key that marks a proposed record.
CANDIDATE_KEY = "candidate"


def settle_candidates(docs: list[SourceDocument], log: ErrorLog, *, allow_unreviewed: bool = False) -> None:
    """Drop the ``candidate`` key of reviewed records; log each unreviewed one unless ``allow_unreviewed``.

    >>> from helixgraph.loaders.loader import DEMO_SOURCE
    >>> from helixgraph.loaders.source_file import read_source_file
    >>> text = DEMO_SOURCE.replace("label: NIBS", "label: NIBS, candidate: {reviewed: false, reason: a name}")
    >>> doc, log = read_source_file("draft.yaml", text), ErrorLog()
    >>> settle_candidates([doc], log)
    >>> [(e.line, e.record, e.field, e.message) for e in log.errors], doc.records
    ([(4, 'nibs', 'candidate', 'unreviewed candidate')], [])
    >>> doc = read_source_file("draft.yaml", text)
    >>> settle_candidates([doc], log, allow_unreviewed=True)
    >>> sorted(doc.records[0].data)
    ['id', 'label', 'para', 'sector', 'type']
    """
    for doc in docs:
        kept = []
        for record in doc.records:
            if CANDIDATE_KEY not in record.data:
                kept.append(record)
                continue
            mark = record.data[CANDIDATE_KEY]
            reviewed = isinstance(mark, dict) and mark.get("reviewed") is True
            if not reviewed and not allow_unreviewed:
                shown = f"reviewed: {mark.get('reviewed')}" if isinstance(mark, dict) else mark
                log.add(record.error("unreviewed candidate", field=CANDIDATE_KEY, value=shown,
                                     expected="'reviewed: true' once a curator has checked the record (or the "
                                              "key deleted), or a build told to accept unreviewed candidates"))
                doc.broken_ids.add(record.id)
                continue
            del record.data[CANDIDATE_KEY]
            kept.append(record)
        doc.records = kept
