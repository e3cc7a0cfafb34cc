"""From RDF to NetworkX, on purpose: the network is what two shipped SPARQL queries say it is.

``projection-nodes.rq`` picks the nodes (actors, products, parks) with their attributes and
``projection-edges.rq`` the ties, collapsing memberships and regulatory events into edges that
carry the relation, role, date and source. ``rdf:type``, literals, ontology terms, statistics and
sources never become nodes. A user may pass their own edge query returning the same variables.
"""

from __future__ import annotations

from collections.abc import Callable

import networkx as nx

from helixgraph.graph.catalog import get_query
from helixgraph.graph.results import QueryResult
from helixgraph.iris import prefixed_name

__all__ = ["EDGE_VARIABLES", "project", "sources_metadata"]

#: The variables an edge query must select.
EDGE_VARIABLES = ("source", "target", "predicate", "relation")

_SOURCES = """SELECT ?source ?title ?publisher ?issued WHERE {
  ?source a eco:Source ; dcterms:title ?title ; dcterms:publisher ?publisher ; dcterms:issued ?issued }"""

Runner = Callable[[str], QueryResult]


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


def project(run: Runner, *, as_of: str | None = None, edge_query: str | None = None) -> nx.MultiDiGraph:
    """Build the actor-product network as a MultiDiGraph.

    Parameters
    ----------
    run
        A function answering SPARQL text with a :class:`QueryResult` (the store or an endpoint).
    as_of
        An ISO date: keep only facts from sources issued on or before it.
    edge_query
        SPARQL text to use instead of the shipped edge query; it must select ?source ?target
        ?predicate ?relation and may select ?role ?date ?graph.

    Returns
    -------
    networkx.MultiDiGraph
        One node per actor, product or park, keyed by IRI, with the attributes ``label``, ``labels``,
        ``cls``, ``cls_label``, ``sector``, ``sector_label``, ``fields`` and ``first_issued``; one
        edge per relation, with ``predicate``, ``predicate_label``, ``role``, ``date`` and
        ``source``. The graph's ``sources`` attribute holds :func:`sources_metadata`.

    Raises
    ------
    QueryError
        ``edge_query`` does not select the variables in :data:`EDGE_VARIABLES`.

    Examples
    --------
    The bundled dataset in an in-memory store:

    >>> import pyoxigraph as ox
    >>> from helixgraph.data import bundled_sources
    >>> from helixgraph.graph.query import query_store
    >>> from helixgraph.graph.store import load_graphs
    >>> from helixgraph.loaders import load_sources
    >>> from helixgraph.pipeline.build import graphs_of
    >>> store = load_graphs(ox.Store(), graphs_of(load_sources([bundled_sources()])))
    >>> G = project(lambda text: query_store(store, text))
    >>> G.number_of_nodes(), G.number_of_edges()
    (22, 24)
    >>> nibs = G.nodes["https://w3id.org/helixgraph/id/nibs"]
    >>> nibs["cls"], nibs["sector"]
    ('ResearchInstitute', 'AcademiaResearch')

    As of the end of 2025, the conditional approval reported on 2026-01-24 is not yet a tie:

    >>> nmpa, drug = "https://w3id.org/helixgraph/id/nmpa", "https://w3id.org/helixgraph/id/libevitug"
    >>> before = project(lambda text: query_store(store, text), as_of="2025-12-31")
    >>> [tie["predicate_label"] for tie in G[nmpa][drug].values() if tie not in before[nmpa][drug].values()]
    ['conditional marketing approval']
    """
    sources = sources_metadata(run)
    G = nx.MultiDiGraph(sources=sources, as_of=as_of)
    for row in run(get_query("projection-nodes").text).rows:
        node, label, cls, cls_label, sector, sector_label, labels, fields, first = row
        if as_of and first > as_of:
            continue
        G.add_node(node, label=label, labels=sorted(set(labels.split("\x1f"))), cls=cls.rsplit("#", 1)[-1],
                   cls_label=cls_label, sector=sector.rsplit("#", 1)[-1] if sector else None,
                   sector_label=sector_label, fields=sorted(prefixed_name(f) for f in fields.split()) if fields else [],
                   first_issued=first)
    edges = run(edge_query or get_query("projection-edges").text)
    missing = [v for v in EDGE_VARIABLES if v not in edges.variables]
    if missing:
        from helixgraph.errors import QueryError

        raise QueryError(f"the edge query must select ?{', ?'.join(EDGE_VARIABLES)}; it lacks ?{', ?'.join(missing)}")
    for b in edges.rows:
        row = dict(zip(edges.variables, b))
        graph = row.get("graph")
        if as_of and graph in sources and sources[graph]["issued"] > as_of:
            continue
        s, t = row["source"], row["target"]
        if s not in G or t not in G or s == t:
            continue
        G.add_edge(s, t, predicate=prefixed_name(row["predicate"]), predicate_label=row["relation"],
                   role=row.get("role"), date=row.get("date"), source=graph)
    return G
