"""The Python API that the command line and the notebooks share.

Each function is a thin call into :mod:`helixgraph.pipeline`, which ties the layers together.

>>> import helixgraph as hg
>>> next(iter(hg.named_queries()))
'cq01-park-organisations'
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
from rdflib import Dataset

from helixgraph.generations import resolve_output
from helixgraph.graph.catalog import named_queries as _named_queries
from helixgraph.graph.dataset import make_dataset
from helixgraph.graph.query import bound_query
from helixgraph.graph.results import QueryResult
from helixgraph.graph.store import open_store
from helixgraph.iris import local_name
from helixgraph.loaders import load_sources
from helixgraph.ontology.extensions import extended_ontology
from helixgraph.ontology.model import load_ontology
from helixgraph.pipeline import (
    BuildReport,
    analysis_step,
    explorer_network,
    reanalyze_build,
    render_step,
    render_store,
    runner,
)
from helixgraph.pipeline import analyze as analyze_graph
from helixgraph.pipeline import build as build_pipeline
from helixgraph.pipeline.render_step import EXPLORER_FILE, PAGES_DIR
from helixgraph.pipeline.validate import validate_sources
from helixgraph.project import Project, resolve_project
from helixgraph.views.pages.scope import ALL_PAGES_LIMIT

__all__ = [
    "analyze",
    "build",
    "compare_draft",
    "describe_concepts",
    "describe_ontology",
    "duplicates",
    "explore",
    "export",
    "load",
    "named_queries",
    "network",
    "network_decisions",
    "open_store",
    "pages",
    "query",
    "render",
    "sensitivity",
    "suggest",
    "use_project",
    "validate",
]


ProjectLike = str | Path | Project | None


@contextmanager
def use_project(project: ProjectLike = None):
    """A ``with`` block in which the ontology is the project's, with its extension files (see
    :mod:`helixgraph.ontology.extensions`), as the command line has it for a whole command; for
    notebooks that work on one project. It gives the project.

    >>> with use_project() as project:
    ...     project.title
    'Zhongguancun Life Science Park'
    """
    chosen = resolve_project(project)
    with extended_ontology(chosen.ontology):
        yield chosen


def _headed(step, title: str, description: str, timeline: bool | None = None):
    """``step`` drawing the explorer under the project's title and description (and ``timeline``)."""
    def headed(store, folder, report):
        return step(store, folder, report, title=title, description=description, timeline=timeline)

    headed.stage_name = getattr(step, "stage_name", step.__name__)
    headed.reads_only = getattr(step, "reads_only", False)
    headed.__name__ = step.__name__
    return headed


def _sources(sources: Iterable[str | Path] | None, project: ProjectLike) -> list[Path]:
    """The sources given, else the project's (see :func:`helixgraph.project.resolve_project`)."""
    return [Path(s) for s in sources] if sources else list(resolve_project(project).sources)


def build(sources: Iterable[str | Path] | None = None, out: str | Path = "out", *, analyze: bool = True,
          render: bool = True, store_url: str | None = None, project: ProjectLike = None,
          allow_unreviewed: bool = False, stated_only: bool = False,
          formats: Iterable[str] | None = None, timeline: bool | None = None) -> BuildReport:
    """Build the project's sources (or the ``sources`` given) into ``out``, with the analysis and the explorer.

    See :func:`helixgraph.pipeline.build`; ``store_url`` also loads the dataset into a SPARQL 1.1
    Graph Store Protocol endpoint. The project is ``project``, else the one in the current folder,
    else the worked example shipped with helixgraph. ``allow_unreviewed`` accepts the unreviewed
    candidates of a draft written by :func:`suggest`; ``stated_only`` leaves the curator's additions
    out; ``formats`` names the serialisations to write (the default leaves JSON-LD out above
    2,000,000 quads); ``timeline`` draws the explorer's date slider and the pages' snapshots (True),
    leaves them out (False) or, by default, draws them up to 10,000 nodes (see
    :func:`helixgraph.pipeline.snapshots.timeline_wanted`).

    >>> import tempfile
    >>> report = build(out=Path(tempfile.mkdtemp()) / "out", render=False)
    >>> "centrality.csv" in report.files, report.violations
    (True, [])
    """
    steps = []
    if analyze:
        steps.append(analysis_step)
    if render:
        chosen = resolve_project(project)
        steps.append(_headed(render_step, chosen.title, chosen.description, timeline))
    with use_project(project):
        report = build_pipeline(_sources(sources, project), out, steps=steps, allow_unreviewed=allow_unreviewed,
                                stated_only=stated_only, formats=formats)
    if store_url:
        from helixgraph.server.graph_store import upload_dataset

        report.notes.append(upload_dataset(Path(out), store_url))
    return report


def validate(sources: Iterable[str | Path] | None = None, *, engine: str = "sparql",
             project: ProjectLike = None) -> list[str]:
    """Load and validate sources without writing anything; return the ids of the sources checked.

    Raises :class:`~helixgraph.errors.LoadError` or :class:`~helixgraph.errors.ValidationError`;
    ``engine`` is ``"sparql"`` (fast) or ``"pyshacl"`` (the reference).

    >>> validate()
    ['caixin-2025-10-01', 'people-daily-2026-01-24']
    """
    with use_project(project):
        return validate_sources(_sources(sources, project), engine=engine)


def load(sources: Iterable[str | Path] | None = None, *, project: ProjectLike = None) -> Dataset:
    """Load sources into an rdflib Dataset: a named graph per source plus the ontology's, and their
    union as the default graph.

    >>> ds = load()
    >>> len(ds.query("SELECT ?h WHERE { ?h a eco:Hospital }")) > 0
    True
    """
    with use_project(project):
        return make_dataset(load_sources(_sources(sources, project)))


def query(query: str, *, out: str | Path = "out", store: ox.Store | None = None,
          endpoint: str | None = None, timeout: float | None = None, project: ProjectLike = None,
          **params: object) -> QueryResult:
    """Answer SPARQL text, a ``.rq`` file or a shipped query by name; ``.to_dataframe()`` gives pandas.

    The built store in ``out`` answers, unless a ``store`` is given (such as the in-memory copy from
    ``open_store(out, in_memory=True)``, faster for many queries) or an ``endpoint``. Keyword
    arguments beyond these are the query's declared parameters (``hg.query(name, entity="nibs")``),
    checked against their types and bound as RDF terms (see :mod:`helixgraph.graph.parameters`).

    >>> query("SELECT (COUNT(*) AS ?n) WHERE { ?s a eco:Hospital }", store=ox.Store()).rows
    [(0,)]
    """
    text = bound_query(query, params, resolve_project(project).queries)
    return runner(out, store=store, endpoint=endpoint, timeout=timeout)(text)


def network(out: str | Path = "out", *, as_of: str | None = None, endpoint: str | None = None,
            store: ox.Store | None = None, edge_query: str | None = None,
            layers: Iterable[str] | None = None) -> nx.MultiDiGraph:
    """The projected network of actors, products and places as a NetworkX MultiDiGraph (see
    :func:`helixgraph.analysis.projection.project`); ``layers`` keeps the ties of those layers only.

    >>> network(store=ox.Store()).number_of_nodes()
    0
    >>> from helixgraph.pipeline import load_store
    >>> G = network(store=load_store(), layers=["translation"])
    >>> sorted({layer for *_, layer in G.edges(data="layer")})
    ['TranslationLayer']
    """
    from helixgraph.analysis.projection import project

    return project(runner(out, store=store, endpoint=endpoint), as_of=as_of, edge_query=edge_query,
                   layers=layers)


def analyze(out: str | Path = "out", *, as_of: str | None = None, edge_query: str | None = None,
            endpoint: str | None = None, store: ox.Store | None = None, write: bool = True,
            timeline: bool = False, **suite_options):
    """Rerun the network analysis on the built store (or an endpoint); ``.table`` is a pandas DataFrame.

    With ``write`` (and neither an endpoint nor a store given) the results go into a new generation
    of ``out``: a run over all sources replaces ``centrality.csv`` and the analysis graph
    ``hxg:analysis``; a run ``as_of`` a date is kept beside them (``centrality-as-of-DATE.csv``,
    ``hxg:analysis-as-of-DATE``); ``timeline`` adds a snapshot at every source's issue date. See
    :func:`helixgraph.pipeline.reanalyze_build`.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "out"
    >>> _ = build(out=out, render=False)
    >>> result = analyze(out, as_of="2025-12-31")
    >>> result.parameters["as_of"], len(result.table)
    ('2025-12-31', 21)
    >>> (resolve_output(out) / "centrality-as-of-2025-12-31.csv").read_text(encoding="utf-8").count("\\n")
    22

    Without writing, from any store:

    >>> analyze(store=ox.Store(), write=False).parameters["nodes"]
    0
    """
    if write and not endpoint and store is None:
        return reanalyze_build(Path(out), as_of=as_of, edge_query=edge_query, timeline=timeline, **suite_options)
    result = analyze_graph(runner(out, store=store, endpoint=endpoint), as_of=as_of, edge_query=edge_query,
                           **suite_options)
    if endpoint:
        result.parameters["endpoint"] = endpoint
    return result


def sensitivity(out: str | Path = "out", *, measure: str = "betweenness", top: int = 10,
                as_of: str | None = None, store: ox.Store | None = None, endpoint: str | None = None,
                **suite_options):
    """Leave-one-source-out: the actors' ranks by ``measure`` on all sources and without each one,
    and the sources an actor's place in the top ``top`` rests on (a pandas DataFrame; see
    :func:`helixgraph.pipeline.leave_one_source_out`).

    >>> from helixgraph.pipeline import load_store
    >>> sensitivity(store=load_store(), top=2)["depends_on"].tolist()
    ['caixin-2025-10-01', 'caixin-2025-10-01']
    """
    from helixgraph.pipeline import leave_one_source_out

    return leave_one_source_out(runner(out, store=store, endpoint=endpoint), measure=measure, top=top,
                                as_of=as_of, **suite_options)


def render(out: str | Path = "out", path: str | Path | None = None, **options) -> Path:
    """Write the interactive explorer for the built store.

    The page goes to ``path``, or into the build (``ecosystem.html``) when ``path`` is None;
    ``options`` are those of :func:`helixgraph.pipeline.render_store`.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "out"
    >>> _ = build(out=out, render=False)
    >>> page = render(out, title="ZGC life science")
    >>> page == resolve_output(out) / "ecosystem.html"
    True
    >>> "<title>ZGC life science</title>" in page.read_text(encoding="utf-8")
    True
    """
    if path is None:  # into the build: link the nodes to the profile pages the build wrote beside it
        folder = resolve_output(out)
        if (folder / PAGES_DIR).is_dir():
            options.setdefault("pages", PAGES_DIR)
        return render_store(open_store(out), folder / EXPLORER_FILE, **options)
    return render_store(open_store(out), path, **options)


_EXPLORE_CACHE: dict = {}
_EXPLORE_CACHE_SIZE = 8


def explore(out: str | Path = "out", *, as_of: str | None = None, store: ox.Store | None = None,
            height: int = 640, **options):
    """Show the explorer inline in a notebook (JupyterLab, VS Code), writing no files.

    With the build's own options (no ``as_of``, no ``store``, no other ``options``) the page the
    build wrote (``ecosystem.html``) is shown as it is; other pages are drawn once and kept for the
    session, per build (or store) and options, so showing them again costs nothing. The returned
    object shows itself as the page in an ``<iframe>`` when it ends a notebook cell; ``.save(path)``
    writes the page to a file.

    >>> from helixgraph.pipeline import load_store
    >>> store = load_store()
    >>> shown = explore(store=store, size_by="degree", height=400)
    >>> shown._repr_html_().startswith("<iframe srcdoc="), "Huahui Health" in shown.html
    (True, True)
    >>> explore(store=store, size_by="degree", height=300).html is shown.html  # drawn once
    True
    """
    from helixgraph.views.notebook import ExplorerDisplay

    if store is None:
        folder = resolve_output(out)
        built = folder / EXPLORER_FILE
        if as_of is None and not options and built.is_file():
            key = (str(built), built.stat().st_mtime_ns)
        else:
            key = (str(folder), as_of, tuple(sorted(options.items())))
    else:
        key = (id(store), as_of, tuple(sorted(options.items())))
    page = _EXPLORE_CACHE.get(key)
    if page is None:
        if store is None and as_of is None and not options and (resolve_output(out) / EXPLORER_FILE).is_file():
            page = (resolve_output(out) / EXPLORER_FILE).read_text(encoding="utf-8")
        else:
            from helixgraph.views.explorer import render_explorer

            G = explorer_network(runner(out, store=store), as_of=as_of)
            page = render_explorer(G, sources=G.graph["sources"], as_of=as_of, **options)
        while len(_EXPLORE_CACHE) >= _EXPLORE_CACHE_SIZE:
            _EXPLORE_CACHE.pop(next(iter(_EXPLORE_CACHE)))
        _EXPLORE_CACHE[key] = page
    return ExplorerDisplay(page, height=height)


def export(out: str | Path = "out", path: str | Path | None = None, *, format: str = "gexf",
           as_of: str | None = None, layers: Iterable[str] | None = None, store: ox.Store | None = None,
           endpoint: str | None = None) -> Path:
    """Write the projected network, with its measures, for Gephi (``"gexf"``, with time intervals),
    Cytoscape and igraph (``"graphml"``) or as two tables (``"csv"``: a folder with ``nodes.csv`` and
    ``edges.csv``); see :func:`helixgraph.exports.write_network`. ``path`` defaults to
    ``ecosystem.gexf``, ``ecosystem.graphml`` or ``ecosystem-csv`` in the working folder.

    >>> import tempfile
    >>> from helixgraph.pipeline import load_store
    >>> path = export(store=load_store(), path=Path(tempfile.mkdtemp()) / "park.graphml", format="graphml")
    >>> G = nx.read_graphml(path)
    >>> G.number_of_nodes(), G.nodes["https://w3id.org/helixgraph/id/nibs"]["cls"]
    (27, 'ResearchInstitute')
    """
    from helixgraph.exports import FORMATS, write_network

    G = explorer_network(runner(out, store=store, endpoint=endpoint), as_of=as_of)
    if layers is not None:
        from helixgraph.analysis.projection import layer_names

        chosen = layer_names(layers)
        G.remove_edges_from([(u, v, k) for u, v, k, layer in G.edges(keys=True, data="layer") if layer not in chosen])
    target = Path(path) if path is not None else Path(FORMATS.get(format, f"ecosystem.{format}"))
    return write_network(G, target, format=format)


def pages(out: str | Path = "out", folder: str | Path = "helixgraph-pages", *,
          all_pages_limit: int | None = ALL_PAGES_LIMIT) -> Path:
    """Write the profile pages of every entity and source of the build in ``out`` into ``folder``
    (which must not hold anything yet), linked to the build's explorer; the build itself writes
    the same pages into its ``pages/`` folder. Above ``all_pages_limit`` entities (None: no limit)
    only the actors' entity pages are written. Returns the folder; open its ``index.html``.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "out"
    >>> _ = build(out=out, render=False)
    >>> folder = pages(out, Path(tempfile.mkdtemp()) / "site")
    >>> (folder / "entity" / "nibs.html").is_file(), (folder / "index.html").is_file()
    (True, True)
    >>> actors = pages(out, Path(tempfile.mkdtemp()) / "site", all_pages_limit=10)
    >>> (actors / "entity" / "nibs.html").is_file(), (actors / "entity" / "libevitug.html").is_file()
    (True, False)
    """
    import os

    from helixgraph.pipeline.render_step import drawing_inputs
    from helixgraph.views.pages.site import write_site

    store = open_store(out)
    G, statements, taken = drawing_inputs(store)
    target = Path(folder)
    explorer = resolve_output(out) / EXPLORER_FILE
    link = os.path.relpath(explorer, target.resolve()) if explorer.is_file() else None
    return write_site(store, target, network=G, timeline=taken, statements=statements,
                      explorer=link.replace(os.sep, "/") if link else None, limit=all_pages_limit)


def named_queries(project: ProjectLike = None) -> dict:
    """The queries a project can run by name: the library shipped with helixgraph and its own.

    See :func:`helixgraph.graph.catalog.named_queries`.

    >>> "entity-timeline" in named_queries()
    True
    """
    return _named_queries(resolve_project(project).queries)


def network_decisions() -> str:
    """What the ontology makes of every object property for the network, as a text table: a tie
    (with its layer and flow), a role of an n-ary tie pattern, a node attribute, or excluded (with
    the reason).

    >>> network_decisions().splitlines()[0].split()[:4]
    ['property', 'or', 'pattern', 'decision']
    >>> [line.split()[:2] for line in network_decisions().splitlines() if "eco:supports" in line]
    [['eco:supports', 'tie']]
    """
    from helixgraph.ontology.ties import decision_table

    rows = [("property or pattern", "decision", "layer", "flow, attribute or reason"), *decision_table()]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    return "\n".join("  ".join([*(cell.ljust(w) for cell, w in zip(row[:3], widths)), row[3]]).rstrip()
                     for row in rows)


def suggest(article: str | Path, *, sources: Iterable[str | Path] | None = None, source_id: str | None = None,
            title: str | None = None, publisher: str | None = None, issued: str | None = None,
            language: str = "en", url: str | None = None, project: ProjectLike = None):
    """Candidate records from an article (text, Markdown or HTML), as a draft source for a curator.

    Entities of ``sources`` (the project's when None, none for ``[]``) are linked where the
    article names them; new organisations, people, products and places, statistics, events and
    forecasts are proposed, each marked unreviewed with its paragraph and a reason. See
    :func:`helixgraph.suggest.suggest_article`; ``.write(path)`` saves the draft.

    >>> import tempfile
    >>> article = Path(tempfile.mkdtemp()) / "note.txt"
    >>> _ = article.write_text("NIBS now hosts over 40 laboratories.\\n", encoding="utf-8")
    >>> draft = suggest(article, issued="2026-02-01", publisher="Example Press")
    >>> [(r.get("about") or r["type"], r["para"]) for r in draft.records]
    [('nibs', 1), ('Statistic', 1)]
    """
    from helixgraph.suggest import suggest_article

    if sources is None:
        sources = _sources(None, project)
    return suggest_article(article, sources=sources, source_id=source_id, title=title, publisher=publisher,
                           issued=issued, language=language, url=url)


def compare_draft(draft, curated: str | Path):
    """Score a draft (a file, or what :func:`suggest` returned) against a curated source of the same
    article: entity mentions, candidates, statistics and events found, missed and extra.

    >>> from helixgraph.data import bundled_sources
    >>> caixin = Path(bundled_sources()) / "caixin-2025-10-01.yaml"
    >>> compare_draft(caixin, caixin).statistics.recall
    1.0
    """
    from helixgraph.suggest import compare_draft as compare

    return compare(draft, curated)


def duplicates(sources: Iterable[str | Path] | None = None, *, project: ProjectLike = None):
    """Entities of the sources (the project's when None) that are probably one thing under
    two ids: a shared identifier, the same name, or close names across languages and transliteration.

    >>> duplicates()
    []
    """
    from helixgraph.suggest import likely_duplicates

    return likely_duplicates(_sources(sources, project))


def describe_ontology() -> str:
    """The ontology's classes with their required and optional fields, as text.

    >>> describe_ontology().splitlines()[0].startswith("helixgraph ontology:")
    True
    """
    onto = load_ontology()
    lines = [f"helixgraph ontology: {len(onto.classes)} classes, {len(onto.properties)} properties", ""]
    for cls in onto.classes.values():
        lines.append(f"{cls.name}: required {', '.join(cls.required) or '-'}")
    lines += ["", "Fields (property: range, [functional]):"]
    for prop in onto.properties.values():
        lines.append(f"  {prop.name}: {local_name(prop.range)}{' [functional]' if prop.functional else ''}")
    return "\n".join(lines)


def describe_concepts() -> str:
    """The ontology's concept schemes, each with its concepts: id, English label and broader concept.

    A source file names a concept by its id (``technologyField: Hepatology``); a concept record of
    a project adds one, with ``broader`` to roll it up under a shipped one.

    >>> text = describe_concepts()
    >>> "  DeviceClearance: device clearance (broader: Approval)" in text.splitlines()
    True
    """
    from rdflib import RDF, RDFS, SKOS

    onto = load_ontology()
    graph = onto.graph

    def english(term) -> str:
        labels = [str(x) for x in (*graph.objects(term, SKOS.prefLabel), *graph.objects(term, RDFS.label))
                  if getattr(x, "language", None) == "en"]
        return labels[0] if labels else local_name(term)

    lines = []
    for scheme in sorted(graph.subjects(RDF.type, SKOS.ConceptScheme), key=local_name):
        members = sorted(graph.subjects(SKOS.inScheme, scheme), key=local_name)
        lines.append(f"{local_name(scheme)}: {english(scheme)} ({len(members)} concepts)")
        for concept in members:
            notes = [f"{what}: {', '.join(sorted(local_name(o) for o in graph.objects(concept, prop)))}"
                     for what, prop in (("broader", SKOS.broader), ("matches", SKOS.closeMatch))
                     if (concept, prop, None) in graph]
            lines.append(f"  {local_name(concept)}: {english(concept)}" + (f" ({'; '.join(notes)})" if notes else ""))
        lines.append("")
    return "\n".join(lines).rstrip()
