"""Which entities a build of stated values only leaves out.

A record the curator added as a whole is left out, and so is every record that is then left
without a value for one of its required fields: its only values were the curator's, or references
to records left out. This repeats until nothing more falls out, so the stated graph still meets
the ontology's required fields.
"""

from __future__ import annotations

from helixgraph.loaders.evidence import is_wrapped
from helixgraph.loaders.references import ReferenceIndex

__all__ = ["curator_only_entities"]


def _keeps_a_value(value: object, literal: bool, excluded: set[str]) -> bool:
    for item in value if isinstance(value, list) else [value]:
        if is_wrapped(item):
            if "inferred" in item:
                continue
            item = item["value"]
        if literal or not (type(item) is str and item in excluded):
            return True
    return False


def curator_only_entities(index: ReferenceIndex) -> set[str]:
    """The ids of the entities that rest on the curator's additions: left out of a stated-only build.

    >>> from helixgraph.loaders.error_log import ErrorLog
    >>> from helixgraph.loaders.source_file import read_source_file
    >>> from helixgraph.ontology.model import load_ontology
    >>> doc = read_source_file("demo.yaml", '''
    ... source: {id: demo, title: Demo, publisher: Demo Press, issued: 2025-01-01, language: en}
    ... records:
    ...   - {id: fda, type: Regulator, para: 1, label: FDA, sector: Government, inferred: not named}
    ...   - {id: lab, type: ResearchInstitute, para: 1, label: {value: Lab, inferred: a guess}, sector: Industry}
    ...   - {id: team, type: ResearchGroup, para: 1, label: Team, sector: Industry, subOrganizationOf: lab}
    ...   - {id: nibs, type: ResearchInstitute, para: 1, label: NIBS, sector: AcademiaResearch}
    ... ''')
    >>> sorted(curator_only_entities(ReferenceIndex(load_ontology(), [doc], ErrorLog())))
    ['fda', 'lab', 'team']
    """
    properties = index.ontology.properties
    excluded = {rid for rid, (record, _spec) in index.entities.items() if "inferred" in record.data}
    changed = True
    while changed:
        changed = False
        for rid, (record, spec) in index.entities.items():
            if rid in excluded:
                continue
            for name in spec.required:
                prop = properties.get(name)
                if name in record.data and prop is not None and \
                        not _keeps_a_value(record.data[name], prop.is_literal, excluded):
                    excluded.add(rid)
                    changed = True
                    break
    return excluded
