"""From RDF to NetworkX, on purpose: the network is what the ontology declares it to be.

The nodes are the actors, products and places of the sources (classes read from the ontology,
see :mod:`helixgraph.ontology.vocabulary`), with their attributes. The ties are generated from the
ontology's network declarations (:mod:`helixgraph.ontology.ties`, ``network.ttl``): each property
declared as a tie gives an edge from subject to object, each n-ary tie pattern (a membership, a
regulatory event, a trial, a statement) an edge between its two roles. Every edge runs in its flow
direction and carries its layer, relation, role, date and source; properties declared as node
attributes (approved indications, ...) become attributes. ``rdf:type``, literals, ontology terms,
statistics and sources never become nodes. A user may pass their own edge query returning the same
variables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import networkx as nx

from helixgraph.dates import as_of_day, known_by
from helixgraph.errors import OptionError, QueryError
from helixgraph.graph.results import QueryResult
from helixgraph.iris import local_name, prefixed_name
from helixgraph.ontology.extensions import per_ontology
from helixgraph.ontology.model import load_ontology
from helixgraph.ontology.namespace import ECO
from helixgraph.ontology.ties import TiePattern, load_ties
from helixgraph.ontology.vocabulary import load_vocabulary

__all__ = [
    "EDGE_VARIABLES",
    "attributes_sparql",
    "layer_names",
    "nodes_sparql",
    "project",
    "sources_metadata",
    "ties_sparql",
]

#: The variables an edge query must select.
EDGE_VARIABLES = ("source", "target", "predicate", "relation")

_SOURCES = """SELECT ?source ?title ?publisher ?issued WHERE {
  ?source a eco:Source ; dcterms:title ?title ; dcterms:publisher ?publisher ; dcterms:issued ?issued }"""

Runner = Callable[[str], QueryResult]

#: Node attributes that :func:`nodes_sparql` reads with the nodes themselves.
_READ_WITH_NODES = frozenset({"sector", "technologyField"})


def _iri(term) -> str:
    """A term for SPARQL text: prefixed where a project prefix fits (they are bound in every query)."""
    short = prefixed_name(str(term))
    return short if short != str(term) else f"<{term}>"


@per_ontology
def nodes_sparql(as_of: str | None = None) -> str:
    """SPARQL selecting every actor, product and place with its label, class, sector, fields and
    first source; the classes come from the ontology.

    With ``as_of`` (an ISO day), labels, aliases, sectors and fields come only from sources issued
    by then, so a snapshot never shows a name that only a later source gives.

    >>> "eco:Drug" in nodes_sparql() and "eco:SciencePark" in nodes_sparql()
    True
    >>> nodes_sparql("2025-10-01").count('<= "2025-10-01"')  # label, aliases (both kinds), sector, fields
    5
    """
    vocabulary = load_vocabulary()
    classes = sorted(vocabulary.actor_classes | vocabulary.product_classes | vocabulary.place_classes)
    values = " ".join(f"eco:{name}" for name in classes)

    def known(pattern: str, graph: str) -> str:
        if not as_of:
            return f"{pattern} ."
        return (f"GRAPH {graph} {{ {pattern} }} {graph} dcterms:issued {graph}Issued . "
                f'FILTER (STR({graph}Issued) <= "{as_of}")')

    # The class test comes right after the type match and the OPTIONALs last, which Oxigraph plans well.
    return f"""SELECT ?node ?label ?class ?classLabel ?sector ?sectorLabel
       (GROUP_CONCAT(DISTINCT STR(?anyLabel); separator="\\u001f") AS ?labels)
       (GROUP_CONCAT(DISTINCT STR(?field); separator=" ") AS ?fields)
       (MIN(STR(?issued)) AS ?firstIssued)
       (GROUP_CONCAT(DISTINCT STR(?g); separator=" ") AS ?typedIn)
WHERE {{
  VALUES ?class {{ {values} }}
  GRAPH ?g {{ ?node a ?class }}
  ?g dcterms:issued ?issued .
  {known("?node rdfs:label ?label", "?lg")} FILTER (langMatches(lang(?label), "en"))
  ?class rdfs:label ?classLabel . FILTER (langMatches(lang(?classLabel), "en"))
  {{ {known("?node rdfs:label ?anyLabel", "?ag")} }} UNION {{ {known("?node skos:altLabel ?anyLabel", "?ag")} }}
  OPTIONAL {{ {known("?node eco:sector ?sector", "?sg")} ?sector rdfs:label ?sectorLabel .
             FILTER (langMatches(lang(?sectorLabel), "en")) }}
  OPTIONAL {{ {known("?node eco:technologyField ?field", "?fg")} }}
}}
GROUP BY ?node ?label ?class ?classLabel ?sector ?sectorLabel
ORDER BY ?node"""


def _ends(flow: str, a: str, b: str) -> str:
    source, target = (b, a) if flow == "FromObject" else (a, b)
    return f"BIND ({source} AS ?source) BIND ({target} AS ?target)"


def _pattern_branch(pattern: TiePattern, classes: list[str]) -> str:
    values = " ".join(_iri(ECO[c]) for c in classes)
    lines = [
        f"VALUES ?class {{ {values} }}",
        f"GRAPH ?graph {{ ?n a ?class ; {_iri(pattern.from_role)} ?a ; {_iri(pattern.to_role)} ?b }}",
        f"BIND ({_iri(pattern.iri)} AS ?predicate) BIND ({_literal(pattern.label)} AS ?relation)",
        f'BIND ("{pattern.layer}" AS ?layer) BIND ("{pattern.flow}" AS ?flow)',
        _ends(pattern.flow, "?a", "?b"),
    ]
    if pattern.tie_label is not None:
        lines.append(f"OPTIONAL {{ ?n {_iri(pattern.tie_label)} ?r . ?r rdfs:label ?role . "
                     'FILTER (langMatches(lang(?role), "en")) }')
    for i, prop in enumerate(pattern.dates):
        lines.append(f"OPTIONAL {{ ?n {_iri(prop)} ?d{i} }}")
    if pattern.dates:
        lines.append(f"BIND (COALESCE({', '.join(f'?d{i}' for i in range(len(pattern.dates)))}) AS ?d)")
        which = '""'
        for i, prop in reversed(list(enumerate(pattern.dates))):
            which = f'IF(BOUND(?d{i}), "{local_name(prop)}", {which})'
        lines.append(f"BIND ({which} AS ?dateFrom)")
    return "\n    ".join(lines)


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"@en'


@per_ontology
def ties_sparql() -> str:
    """SPARQL selecting every tie the ontology declares, one UNION branch per kind of declaration.

    Rows: ``?source ?target`` in the direction of flow, ``?predicate`` (the property, or the tie
    pattern), ``?relation`` (its English label), ``?role`` (a membership's role, an event's type),
    ``?date`` and ``?dateFrom`` (the property that dated it: ``date``, ``startDate``, or
    ``notLaterThan`` for an upper bound), ``?graph`` (the source), ``?layer`` and ``?flow`` (local
    names of the concepts).
    Rows whose ends are not nodes (diseases, concepts) are dropped by :func:`project`, which knows
    the nodes; checking classes here would cost a join per row.

    >>> text = ties_sparql()
    >>> "eco:developedBy" in text and "MembershipTie" in text
    True
    """
    ties, ontology = load_ties(), load_ontology()
    branches = []
    by_flow: dict[str, list] = {}
    for tie in ties.direct.values():
        by_flow.setdefault(tie.flow, []).append(tie)
    for flow, group in sorted(by_flow.items()):
        values = " ".join(f'({_iri(t.property)} "{t.layer}")' for t in sorted(group, key=lambda t: t.name))
        branches.append("\n    ".join([
            f"VALUES (?predicate ?layer) {{ {values} }}",
            "GRAPH ?graph { ?s ?predicate ?o }",
            '?predicate rdfs:label ?relation . FILTER (langMatches(lang(?relation), "en"))',
            f'BIND ("{flow}" AS ?flow)',
            _ends(flow, "?s", "?o"),
        ]))
    for pattern in ties.patterns:
        classes = sorted({name for c in pattern.classes for name in ontology.subclass_names(c)})
        branches.append(_pattern_branch(pattern, classes))
    body = "\n  } UNION {\n    ".join(branches)
    return f"""SELECT ?source ?target ?predicate ?relation ?role ?date ?dateFrom ?graph ?layer ?flow WHERE {{
  {{
    {body}
  }}
  BIND (STR(?d) AS ?date)
}}"""


@per_ontology
def attributes_sparql() -> str:
    """SPARQL selecting the values of the properties the ontology keeps as node attributes (other
    than sector and technology field, which :func:`node_query` reads).

    >>> "eco:approvedFor" in attributes_sparql()
    True
    """
    ties = load_ties()
    pairs = " ".join(f'({_iri(a.property)} "{a.attribute}")' for name, a in sorted(ties.attributes.items())
                     if name not in _READ_WITH_NODES)
    return f"""SELECT ?node ?attribute ?value ?graph WHERE {{
  VALUES (?property ?attribute) {{ {pairs} }}
  GRAPH ?graph {{ ?node ?property ?value }}
}} ORDER BY ?node ?attribute ?value"""


def sources_metadata(run: Runner) -> dict[str, dict]:
    """Title, publisher and issue date of every source, by source IRI.

    >>> import pyoxigraph as ox
    >>> from helixgraph.graph.query import query_store
    >>> store = ox.Store()
    >>> store.load(b'''@prefix dcterms: <http://purl.org/dc/terms/> .
    ... <https://w3id.org/helixgraph/source/s> a <https://w3id.org/helixgraph/ontology#Source> ;
    ...   dcterms:title "A report" ; dcterms:publisher "A newspaper" ; dcterms:issued "2025-10-01" .
    ... ''', ox.RdfFormat.TURTLE)
    >>> sources_metadata(lambda text: query_store(store, text))  # doctest: +NORMALIZE_WHITESPACE
    {'https://w3id.org/helixgraph/source/s':
     {'title': 'A report', 'publisher': 'A newspaper', 'issued': '2025-10-01'}}
    """
    return {row[0]: {"title": row[1], "publisher": row[2], "issued": row[3]} for row in run(_SOURCES).rows}


def layer_names(layers: Iterable[str] | None) -> set[str] | None:
    """The layers' local names, from local names (``RegulationLayer``), short names (``regulation``)
    or English labels (``regulation and governance``); None for None.

    >>> sorted(layer_names(["translation", "AffiliationLayer", "regulation and governance"]))
    ['AffiliationLayer', 'RegulationLayer', 'TranslationLayer']
    >>> layer_names(["gossip"])
    Traceback (most recent call last):
    helixgraph.errors.OptionError: unknown network layer 'gossip'; the layers are: affiliation, collaboration, colocation, regulation, translation
    """
    if layers is None:
        return None
    known = load_ties().layers
    short = {name.removesuffix("Layer").lower(): name for name in known}
    names = {**short, **{label: name for name, label in known.items()}, **{name: name for name in known}}
    chosen = set()
    for layer in layers:
        if layer not in names:
            raise OptionError(f"unknown network layer {layer!r}; the layers are: {', '.join(sorted(short))}")
        chosen.add(names[layer])
    return chosen


def same_as_sparql() -> str:
    """SPARQL selecting the pairs of local ids a source declares to be the same entity (``eco:sameAs``).

    >>> "sameAs" in same_as_sparql()
    True
    """
    return f"SELECT ?a ?b ?graph WHERE {{ GRAPH ?graph {{ ?a <{ECO.sameAs}> ?b }} }}"


def _merge_same_entities(G: nx.MultiDiGraph, pairs, later: Callable[[object], bool]) -> dict[str, str]:
    """Fold the nodes that ``eco:sameAs`` links into one; return where each folded IRI went.

    The node kept is the one whose IRI sorts first among those in the network; it takes the others'
    labels, attributes and first issue date, and lists their IRIs under ``same_as``.
    """
    groups = nx.Graph()
    groups.add_edges_from((a, b) for a, b, graph in pairs if not later(graph))
    moved: dict[str, str] = {}
    for members in nx.connected_components(groups):
        present = sorted(m for m in members if m in G)
        if len(present) < 2:
            continue
        keep, *others = present
        node = G.nodes[keep]
        for other in others:
            data = G.nodes[other]
            node["labels"] = sorted(set(node.get("labels", [])) | set(data.get("labels", [])))
            for key, value in data.items():
                if key not in node or node[key] in (None, []):
                    node[key] = value
            node["first_issued"] = min(filter(None, (node.get("first_issued"), data.get("first_issued"))),
                                       default=None)
            G.remove_node(other)
        node["same_as"] = others
        moved.update(dict.fromkeys(members, keep))
        del moved[keep]
    return moved


def project(run: Runner, *, as_of: str | None = None, edge_query: str | None = None,
            layers: Iterable[str] | None = None, leave_out: Iterable[str] = ()) -> nx.MultiDiGraph:
    """Build the network of actors, products and places as a MultiDiGraph.

    Parameters
    ----------
    run
        A function answering SPARQL text with a :class:`QueryResult` (the store or an endpoint).
    as_of
        An ISO day, month or year (:func:`helixgraph.dates.as_of_day`): keep only what sources
        issued by its end say, labels and attributes included.
    edge_query
        SPARQL text to use instead of the generated edge query; it must select ?source ?target
        ?predicate ?relation and may select ?role ?date ?graph ?layer ?flow.
    layers
        Keep only the ties of these layers (names or English labels, see :func:`layer_names`);
        all layers by default. Nodes stay, so an actor tied only in other layers is isolated.
    leave_out
        Source graph IRIs to leave out: their ties and attributes, and the nodes only they name
        (for a leave-one-source-out check of how much a result rests on one source).

    Returns
    -------
    networkx.MultiDiGraph
        One node per actor, product or place, keyed by IRI, with the attributes ``label``,
        ``labels``, ``cls``, ``cls_label``, ``kind`` (``"actor"``, ``"product"`` or ``"place"``),
        ``sector``, ``sector_label``, ``fields``, ``first_issued`` and the declared node attributes
        (``approved_for``, ...); one edge per tie, in its direction of flow, with ``predicate``,
        ``predicate_label``, ``role``, ``date`` (when the tie holds from), ``date_from`` (what
        dated it: ``date``, ``startDate``, ``attestedOn``, ``notLaterThan`` for an upper bound
        only, or ``issued``, the source's issue date), ``source``, ``layer`` and ``flow``. The
        graph's ``sources`` attribute holds :func:`sources_metadata`.

    Raises
    ------
    QueryError
        ``edge_query`` does not select the variables in :data:`EDGE_VARIABLES`.

    Examples
    --------
    The bundled dataset in an in-memory store:

    >>> from helixgraph.graph.query import query_store
    >>> from helixgraph.pipeline.build import load_store
    >>> store = load_store()
    >>> G = project(lambda text: query_store(store, text))
    >>> G.number_of_nodes(), G.number_of_edges()
    (27, 36)
    >>> nibs = G.nodes["https://w3id.org/helixgraph/id/nibs"]
    >>> nibs["cls"], nibs["kind"], nibs["sector"]
    ('ResearchInstitute', 'actor', 'AcademiaResearch')

    As of the end of 2025, the conditional approval reported on 2026-01-24 is not yet a tie:

    >>> nmpa, drug = "https://w3id.org/helixgraph/id/nmpa", "https://w3id.org/helixgraph/id/libevitug"
    >>> before = project(lambda text: query_store(store, text), as_of="2025-12-31")
    >>> [tie["role"] for tie in G[drug][nmpa].values() if tie not in before[drug][nmpa].values()]
    ['conditional marketing approval']
    """
    vocabulary = load_vocabulary()
    kinds = {**dict.fromkeys(vocabulary.place_classes, "place"), **dict.fromkeys(vocabulary.product_classes, "product"),
             **dict.fromkeys(vocabulary.actor_classes, "actor")}
    chosen = layer_names(layers)
    leave_out = set(leave_out)
    day = as_of_day(as_of)
    as_of = day.isoformat() if day else None
    sources = sources_metadata(run)
    G = nx.MultiDiGraph(sources=sources, as_of=as_of)
    for row in run(nodes_sparql(as_of)).rows:
        node, label, cls, cls_label, sector, sector_label, labels, fields, first, typed_in = row
        if not known_by(first, day) or node in G or (leave_out and set(typed_in.split()) <= leave_out):
            continue
        cls_name = local_name(cls)
        G.add_node(node, label=label, labels=sorted(set(labels.split("\x1f"))), cls=cls_name,
                   cls_label=cls_label, kind=kinds.get(cls_name, "actor"),
                   sector=local_name(sector) if sector else None, sector_label=sector_label,
                   fields=sorted(prefixed_name(f) for f in fields.split()) if fields else [],
                   first_issued=first)
    def later(graph) -> bool:
        return graph in leave_out or (graph in sources and not known_by(sources[graph]["issued"], day))

    for node, attribute, value, graph in run(attributes_sparql()).rows:
        if node not in G or later(graph):
            continue
        values = G.nodes[node].setdefault(attribute, [])
        if value not in values:
            values.append(value)
    same = _merge_same_entities(G, run(same_as_sparql()).rows, later)
    edges = run(edge_query or ties_sparql())
    missing = [v for v in EDGE_VARIABLES if v not in edges.variables]
    if missing:
        raise QueryError(f"the edge query must select ?{', ?'.join(EDGE_VARIABLES)}; it lacks ?{', ?'.join(missing)}")
    for b in edges.rows:
        row = dict(zip(edges.variables, b))
        graph = row.get("graph")
        if later(graph):
            continue
        s, t = same.get(row["source"], row["source"]), same.get(row["target"], row["target"])
        if s not in G or t not in G or s == t or (chosen is not None and row.get("layer") not in chosen):
            continue
        date, date_from = row.get("date"), row.get("dateFrom") or None
        if not date and graph in sources:  # a tie holds from its source's issue date, when it has no date
            date, date_from = str(sources[graph]["issued"]), "issued"
        G.add_edge(s, t, predicate=prefixed_name(row["predicate"]), predicate_label=row["relation"],
                   role=row.get("role"), date=date, date_from=date_from, source=graph, layer=row.get("layer"),
                   flow=row.get("flow"))
    return G
