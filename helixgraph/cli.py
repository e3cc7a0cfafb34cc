"""The ``helixgraph`` command: a thin layer over the Python API.

Exit codes: 0 success; 1 the data loads but breaks SHACL shapes; 2 bad input or a failed tool.
"""

from __future__ import annotations

import logging
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from helixgraph.dates import as_of_day
from helixgraph.errors import HelixError, LoadErrors
from helixgraph.generations import current_generation, resolve_output
from helixgraph.graph.query import answer
from helixgraph.progress import display, logger

__all__ = ["cli", "main"]


class _LazyApi:
    """:mod:`helixgraph.api`, imported when a command first uses it (``query`` from the store never does)."""

    def __getattr__(self, name: str):
        from helixgraph import api as module

        return getattr(module, name)


api = _LazyApi()


class _Group(click.Group):
    """Turns the project's errors into a message on stderr and their exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except LoadErrors as exc:  # one line per problem, then how many, like a compiler
            for error in exc.errors:
                click.echo(f"error: {error}", err=True)
            click.echo(exc.summary(), err=True)
            ctx.exit(exc.exit_code)
        except HelixError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except OSError as exc:  # a file or folder the command needs cannot be read or written
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"error: {where}{exc.strerror or exc}", err=True)
            ctx.exit(2)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            ctx.exit(130)


@contextmanager
def _interruptible(out: Path):
    """Say truly, on Ctrl-C, which build ``out`` holds afterwards."""
    try:
        before = current_generation(out)
    except HelixError:
        before = None
    try:
        yield
    except KeyboardInterrupt:
        try:
            after = current_generation(out)
        except HelixError:
            after = None
        if after is None:
            state = f"{out} holds no complete build"
        elif after == before:
            state = f"{out} still holds the previous build ({after.name}), untouched"
        else:
            state = f"the new build was already complete: {out} holds it ({after.name})"
        click.echo(f"interrupted; {state}", err=True)
        sys.exit(130)


@click.group(cls=_Group)
@click.version_option(package_name="helixgraph")
@click.option("--project", "project", type=click.Path(path_type=Path), default=None, metavar="DIR",
              help="The ecosystem project to work on. Default: the one in the current folder (or above), "
                   "else the worked example shipped with helixgraph.")
@click.pass_context
def cli(ctx: click.Context, project: Path | None) -> None:
    """helixgraph: a knowledge graph of innovation ecosystems.

    Start a project with `helixgraph init DIR`, write source files, then build it, query it with
    SPARQL, analyse its network and explore it in the browser. With no project, the commands work
    on the worked example shipped with helixgraph.
    """
    ctx.obj = _Session(project)
    if ctx.invoked_subcommand not in (None, "init"):
        _ = ctx.obj.project  # read the project first: its ontology extension applies to the whole command


class _Session:
    """The project a command works on, read when first needed."""

    def __init__(self, given: Path | None):
        self.given = given
        self._project = None

    @property
    def project(self):
        if self._project is None:
            from helixgraph.ontology.extensions import extended_ontology
            from helixgraph.project import resolve_project

            self._project = resolve_project(self.given)
            if self._project.ontology:  # the command runs with the project's ontology extension
                click.get_current_context().with_resource(extended_ontology(self._project.ontology))
        return self._project

    def default_out(self) -> Path:
        """``out`` in the project's folder; in the current folder for the worked example."""
        from helixgraph.project import bundled_project

        project = self.project
        return Path("out") if project.root == bundled_project().root else project.root / "out"


def _project():
    return click.get_current_context().find_object(_Session).project


def _out_default(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path:
    if value is not None:
        return value
    session = ctx.find_object(_Session)
    return session.default_out() if session else Path("out")


_SOURCES = click.option("--sources", "sources", multiple=True, type=click.Path(path_type=Path),
                        help="A source file or folder; repeat the flag for more (--sources a/ --sources b.yaml). "
                             "Default: the project's sources; given ones replace them.")
_WITH_BUNDLED = click.option("--with-bundled", is_flag=True,
                             help="Load the worked example's sources as well as the project's (or those given).")


def _chosen_sources(sources: tuple[Path, ...], with_bundled: bool) -> list[Path]:
    """The sources given, else the project's; with the worked example's as well when asked."""
    chosen = list(sources) or list(_project().sources)
    if with_bundled:
        from helixgraph.project import bundled_project

        chosen = [*(p for p in bundled_project().sources if p not in chosen), *chosen]
    return chosen
_OUT = click.option("--out", "out", default=None, type=click.Path(path_type=Path), callback=_out_default,
                    help="Output folder of the build. Default: out/ in the project's folder (in the current "
                         "folder for the worked example).")


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--title", default=None, help="The ecosystem's name. Default: from the folder's name.")
@click.option("--description", default="", help="One or two sentences on the ecosystem.")
def init(folder, title, description) -> None:
    """Start a new ecosystem project in FOLDER: a helixgraph.toml, an example source and a query.

    Example:

    \b
        helixgraph init kendall-square --title "Kendall Square life sciences"
        cd kendall-square && helixgraph build && helixgraph query spin-offs-of
    """
    from helixgraph.scaffold import init_project

    root = init_project(folder, title=title, description=description)
    click.echo(f"Wrote a new project in {root}: helixgraph.toml, sources/example-source.yaml (placeholder "
               f"records to replace), queries/spin-offs-of.rq.\nNext: cd {root} && helixgraph build")


@cli.command()
@_SOURCES
@_WITH_BUNDLED
@_OUT
@click.option("--store", "store_url", default=None, metavar="URL",
              help="Also load the dataset into this SPARQL 1.1 Graph Store Protocol endpoint.")
@click.option("--no-analysis", is_flag=True, help="Skip the network analysis step.")
@click.option("--no-render", is_flag=True, help="Skip writing the HTML explorer.")
@click.option("--timeline/--no-timeline", default=None,
              help="Draw the explorer's date slider and the pages' snapshots (default: up to 10,000 nodes).")
@click.option("--allow-unreviewed", is_flag=True,
              help="Accept records a draft from `helixgraph suggest` still marks as unreviewed candidates.")
@click.option("--stated-only", is_flag=True, help="Leave out what the curator added: build what the sources state.")
@click.option("--formats", "formats", default=None, metavar="LIST",
              help="Serialisations to write, comma-separated: trig, ttl, jsonld, or none. Default: all three, "
                   "JSON-LD only up to 2,000,000 quads.")
@click.option("--quiet", "-q", is_flag=True, help="Show no progress on stderr.")
@click.option("--verbose", "-v", is_flag=True, help="Log each stage and its time on stderr.")
def build(sources, with_bundled, out, store_url, no_analysis, no_render, timeline, allow_unreviewed, stated_only,
          formats, quiet, verbose) -> None:
    """Validate the sources and write the dataset, the store, the analysis and the explorer.

    Progress is shown on stderr when it is a terminal, unless --quiet.

    Example:

    \b
        helixgraph build
        helixgraph build --sources my-sources/ --out my-out
        helixgraph build --sources a.yaml --sources b.jsonl --with-bundled
        helixgraph build --sources big/ --formats trig --verbose
    """
    from helixgraph.pipeline.serialisations import formats_from_text

    chosen = formats_from_text(formats) if formats is not None else None
    with _interruptible(out), _progress(quiet=quiet, verbose=verbose):
        report = api.build(_chosen_sources(sources, with_bundled), out, analyze=not no_analysis,
                           render=not no_render, store_url=store_url, project=_project(),
                           allow_unreviewed=allow_unreviewed, stated_only=stated_only, formats=chosen,
                           timeline=timeline)
    click.echo(report.summary())


@contextmanager
def _progress(*, quiet: bool, verbose: bool):
    """The progress display on a terminal's stderr (not with ``quiet``), and stage logging with ``verbose``."""
    handler = None
    if verbose:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s", "%H:%M:%S"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    try:
        with display(enabled=not quiet and not verbose and sys.stderr.isatty()):
            yield
    finally:
        if handler is not None:
            logger.removeHandler(handler)
            logger.setLevel(logging.NOTSET)


@cli.command()
@_SOURCES
@_WITH_BUNDLED
@click.option("--engine", type=click.Choice(["sparql", "pyshacl"]), default="sparql", show_default=True,
              help="SHACL engine: the shapes as SPARQL on Oxigraph (fast), or pySHACL (the reference).")
def validate(sources, with_bundled, engine) -> None:
    """Check source files against the ontology and the SHACL shapes without writing anything.

    Example:

    \b
        helixgraph validate --sources my-sources/new-report.yaml
    """
    checked = api.validate(_chosen_sources(sources, with_bundled), engine=engine, project=_project())
    click.echo(f"{len(checked)} source(s) load and conform: 0 SHACL violations")


#: The keyword options of ``hg.query``, which no query parameter may be named.
_QUERY_OPTIONS = frozenset({"query", "out", "store", "endpoint", "timeout", "project"})


@cli.command()
@click.argument("query", required=False)
@_OUT
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table",
              show_default=True, help="Result format.")
@click.option("--endpoint", default=None, metavar="URL", help="Query this SPARQL endpoint instead of the store.")
@click.option("--timeout", type=float, default=None, help="Seconds to wait for an endpoint.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="A value for one of the query's declared parameters. Repeatable.")
@click.option("--list", "list_queries", is_flag=True,
              help="List the shipped named queries, their questions and parameters.")
def query(query, out, fmt, endpoint, timeout, params, list_queries) -> None:
    """Run SPARQL (text, a .rq file, or a shipped query's name) with the project's prefixes bound.

    Example:

    \b
        helixgraph query cq18
        helixgraph query entity-timeline --param entity=libevitug --param as_of=2026-01-01
        helixgraph query "SELECT ?label WHERE { ?x a eco:Hospital ; rdfs:label ?label }" --format csv
    """
    if list_queries:
        for q in api.named_queries(_project()).values():
            click.echo(f"{q.name}\n    {q.question}")
            for spec in q.parameters:
                click.echo(f"    {spec.describe()}")
        return
    if not query:
        raise click.UsageError("give a query, a .rq file or a query name (or --list)")
    values = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--param")
        if name.strip() in _QUERY_OPTIONS:
            raise click.BadParameter(f"{name.strip()!r} is an option of the command, not a parameter of the query",
                                     param_hint="--param")
        if name.strip() in values:
            raise click.BadParameter(f"{name.strip()!r} is given twice", param_hint="--param")
        values[name.strip()] = value
    result = answer(query, out=out, endpoint=endpoint, timeout=timeout, params=values,
                    folders=_project().queries)
    text = result.serialize(fmt)
    click.echo(text, nl=not text.endswith("\n"))


@cli.command()
@_OUT
@click.option("--as-of", "as_of", default=None, metavar="DATE",
              help="Use only sources issued by DATE (a day, or the end of a month or year: 2025, 2025-10). "
                   "[default: the project's as_of, if any]")
@click.option("--query", "edge_query", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="A .rq file selecting ?source ?target ?predicate ?relation to use as the network's edges.")
@click.option("--endpoint", default=None, metavar="URL", help="Read the graph from this SPARQL endpoint.")
@click.option("--seed", type=int, default=42, show_default=True, help="Seed of Louvain and sampled betweenness.")
@click.option("--top", type=int, default=10, show_default=True, help="Rows of the ranked summary.")
@click.option("--layer", "layers", multiple=True, metavar="LAYER",
              help="Analyse only the ties of this layer (repeatable): translation, collaboration, affiliation, "
                   "regulation, colocation.")
@click.option("--view", type=click.Choice(["organisations", "people"]), default="organisations", show_default=True,
              help="Broker between sectors as organisations (people folded into ties) or keep people as brokers.")
@click.option("--timeline", is_flag=True, help="Also keep a snapshot of the analysis at every source's issue date.")
@click.option("--weighted", is_flag=True, help="Weigh ties by their number of relations (eigenvector, PageRank, Louvain).")
@click.option("--leave-one-out", "leave_one_out", is_flag=True,
              help="Rank the actors without each source in turn and flag ranks that rest on one source; "
                   "writes nothing.")
@click.option("--decisions", is_flag=True,
              help="List what the ontology makes a tie (layer, flow), a node attribute, or excludes and why; then stop.")
def analyze(out, as_of, edge_query, endpoint, seed, top, layers, view, timeline, weighted, leave_one_out,
            decisions) -> None:
    """Rerun the network analysis on the built store: ranked table, centrality.csv, analysis graph.

    Example:

    \b
        helixgraph analyze
        helixgraph analyze --as-of 2025-10-01
        helixgraph analyze --decisions
    """
    from helixgraph.pipeline import chance_summary, ranked_summary

    as_of = as_of or _project().as_of
    if decisions:
        click.echo(api.network_decisions())
        return
    if leave_one_out:
        table = api.sensitivity(out, top=top, as_of=_iso_date(as_of), endpoint=endpoint, seed=seed)
        click.echo(f"Ranks by betweenness on all sources and without each one (top {top}); "
                   "depends_on names the sources an actor's place in the top rests on:")
        click.echo(table.reset_index(drop=True).astype(object).fillna("-").to_string(index=False))
        return
    text = edge_query.read_text(encoding="utf-8") if edge_query else None
    with _interruptible(out):
        result = api.analyze(out, as_of=_iso_date(as_of), edge_query=text, endpoint=endpoint, seed=seed,
                             weighted=weighted, timeline=timeline, layers=layers or None, view=view)
    if result.table.empty:
        click.echo(f"No actors or products in the sources issued by {as_of}: nothing to analyse.")
        return
    click.echo(ranked_summary(result, top=top))
    click.echo("")
    click.echo(chance_summary(result))
    robustness = result.robustness
    if robustness.broker is None:
        click.echo("No actor lies on a path between two others: there is no broker to remove.")
    else:
        label = result.table.set_index("iri")["label"].get(robustness.broker, robustness.broker)
        click.echo(f"Removing the top broker, {label}, splits {robustness.components_before} component(s) "
                   f"into {robustness.components_after}.")
    if not endpoint:
        from helixgraph.pipeline.analysis_graph import analysis_graph_name
        from helixgraph.pipeline.analysis_step import csv_name

        folder = resolve_output(out)
        click.echo(f"Wrote {folder / csv_name(_iso_date(as_of))} and the analysis graph "
                   f"<{analysis_graph_name(_iso_date(as_of))}> in {folder / 'store'}"
                   + ("; snapshots at every source date beside them" if timeline else ""))


@cli.command()
@_OUT
@click.option("--file", "path", type=click.Path(path_type=Path), default=None,
              help="The HTML file to write. Default: the current build's ecosystem.html (OUT/latest/ecosystem.html).")
@click.option("--size-by", default=None, help="Measure that sizes the nodes. [default: the project's, else betweenness]")
@click.option("--color-by", type=click.Choice(["sector", "class", "community"]), default=None,
              help="What colours the nodes. [default: the project's, else sector]")
@click.option("--as-of", "as_of", default=None, metavar="DATE",
              help="Hide what sources issued after DATE added. [default: the project's as_of, if any]")
@click.option("--max-nodes", type=int, default=None,
              help="Above this, keep the top nodes and fold the rest into community nodes. "
                   "[default: the project's, else 300]")
@click.option("--title", default=None, help="The page's title. [default: the project's title]")
@click.option("--timeline/--no-timeline", default=None,
              help="Draw the date slider over the sources' issue dates. [default: up to 10,000 nodes]")
def render(out, path, size_by, color_by, as_of, max_nodes, title, timeline) -> None:
    """Write the interactive, offline HTML explorer of the built graph.

    Example:

    \b
        helixgraph render --color-by class --file park.html
    """
    project = _project()
    defaults = {"size_by": "betweenness", "color_by": "sector", "max_nodes": 300, **project.explorer}
    written = api.render(out, path, size_by=size_by or defaults["size_by"],
                         color_by=color_by or defaults["color_by"], as_of=_iso_date(as_of or project.as_of),
                         max_nodes=max_nodes if max_nodes is not None else defaults["max_nodes"],
                         title=title or project.title, description=project.description, timeline=timeline)
    click.echo(f"Wrote {written}")


@cli.command()
@_OUT
@click.option("--format", "fmt", type=click.Choice(["gexf", "graphml", "csv"]), default="gexf", show_default=True,
              help="gexf: Gephi, with time intervals for its timeline; graphml: Cytoscape, igraph, yEd; "
                   "csv: a folder with nodes.csv and edges.csv.")
@click.option("--file", "path", type=click.Path(path_type=Path), default=None,
              help="Where to write. Default: ecosystem.gexf, ecosystem.graphml or ecosystem-csv/ here.")
@click.option("--as-of", "as_of", default=None, metavar="DATE", help="Export the network as known on DATE.")
@click.option("--layer", "layers", multiple=True, metavar="LAYER", help="Export only this layer's ties (repeatable).")
def export(out, fmt, path, as_of, layers) -> None:
    """Write the projected network with its measures for other network tools.

    Nodes carry class, sector, community, measures and the day their first source was issued;
    edges carry relation, layer, role, dates and source.

    Example:

    \b
        helixgraph export --format gexf --file park.gexf
        helixgraph export --format csv --as-of 2025-10-01
    """
    written = api.export(out, path, format=fmt, as_of=_iso_date(as_of), layers=layers or None)
    click.echo(f"Wrote {written}")


@cli.command()
@_OUT
@click.option("--folder", type=click.Path(path_type=Path), default=Path("helixgraph-pages"), show_default=True,
              help="An empty or new folder for the pages.")
@click.option("--all-pages-limit", "all_pages_limit", type=click.IntRange(min=0), default=None, metavar="N",
              help="Above N entities write the pages of the actors and sources only; 0 for no limit "
                   "[default: 200,000, helixgraph.views.pages.ALL_PAGES_LIMIT].")
def pages(out, folder, all_pages_limit) -> None:
    """Write a profile page for every entity and source of the build: facts with their evidence,
    statistics, events, network measures across snapshots and the neighbourhood (the build already
    writes them into OUT/latest/pages). Above the limit only the actors' and sources' pages are
    written; `helixgraph serve` shows the others on request.

    Example:

    \b
        helixgraph pages --folder park-pages
        helixgraph pages --folder park-pages --all-pages-limit 0
    """
    from helixgraph.views.pages.scope import ALL_PAGES_LIMIT

    limit = ALL_PAGES_LIMIT if all_pages_limit is None else all_pages_limit or None
    written = api.pages(out, folder, all_pages_limit=limit)
    click.echo(f"Wrote {written / 'index.html'}")


def _iso_date(value: str | None) -> str | None:
    """The ``--as-of`` value as the ISO day it stands for (the end of a month or year given)."""
    try:
        day = as_of_day(value, what="--as-of")
    except HelixError as exc:
        raise click.BadParameter(str(exc), param_hint="--as-of") from exc
    return day.isoformat() if day else None


class _Size(click.ParamType):
    """A memory size such as ``2GiB`` or ``512MiB``, in bytes."""

    name = "SIZE"

    def convert(self, value, param, ctx):
        if isinstance(value, int):
            return value
        from helixgraph.server.sizes import parse_size

        try:
            return parse_size(value)
        except HelixError as exc:
            self.fail(str(exc), param, ctx)


@cli.command()
@_OUT
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback exposes the data (no authentication).")
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True, help="Port to listen on.")
@click.option("--timeout", type=click.FloatRange(min=0), default=30, show_default=True, metavar="SECONDS",
              help="Stop a query after this many seconds (503 to the client); 0 for no limit.")
@click.option("--max-memory", "max_memory", type=_Size(), default="2GiB", show_default=True,
              help="Memory each running query may use (e.g. 512MiB); 0 for no limit.")
@click.option("--cors", "cors", multiple=True, metavar="ORIGIN",
              help="Let web pages on ORIGIN (e.g. https://example.org, or '*' for any) query. Repeatable.")
@click.option("--allow-service", "allow_service", is_flag=True,
              help="Allow SERVICE clauses, which make the endpoint send requests to other servers.")
@click.option("--workers", type=click.IntRange(min=1), default=None, metavar="N",
              help="Queries that run at once [default: one per CPU core, at least 2].")
def serve(out, host, port, timeout, max_memory, cors, allow_service, workers) -> None:
    """Serve the built store as a read-only SPARQL 1.1 endpoint with a query page, until Ctrl-C.

    The default graph is the union of all graphs, as the shipped queries expect. Queries run in a
    few query processes; one that passes the time or memory limit is stopped, and SERVICE clauses and
    requests from web pages on other origins are refused unless allowed. The build's profile pages
    are served at /pages/, those the build left out (above the pages limit) rendered on request.

    Example:

    \b
        helixgraph serve
        helixgraph serve --port 8000 --timeout 60 --max-memory 4GiB --cors https://example.org
    """
    from helixgraph.server.endpoint import serve as serve_store

    # --host is the explicit opt-in: serve_store() prints a warning for a non-loopback address.
    serve_store(out, host=host, port=port, timeout=timeout or None, cors=cors, max_memory=max_memory or None,
                allow_service=allow_service, workers=workers, allow_remote=True)


@cli.command()
@click.argument("article", required=False, type=click.Path(path_type=Path))
@click.option("--draft", "draft_path", type=click.Path(path_type=Path), default=None,
              help="Where to write the draft (default: ARTICLE's name with .draft.yaml, here); with --compare "
                   "and no ARTICLE, the draft to score.")
@_SOURCES
@click.option("--no-graph", is_flag=True, help="Link against no graph: every entity is proposed as new.")
@click.option("--source-id", default=None, help="The draft source's id (default: from the file name and date).")
@click.option("--title", default=None, help="The article's title.")
@click.option("--publisher", default=None, help="The article's publisher.")
@click.option("--issued", default=None, metavar="DATE", help="The issue date (resolves 'last year'; default: today).")
@click.option("--url", default=None, help="The article's address.")
@click.option("--language", type=click.Choice(["en", "zh"]), default="en", show_default=True,
              help="The article's language.")
@click.option("--compare", "curated", type=click.Path(path_type=Path), default=None,
              help="Score the draft against this curated source file of the same article.")
def suggest(article, draft_path, sources, no_graph, source_id, title, publisher, issued, url, language,
            curated) -> None:
    """Propose candidate records from an article (text, Markdown or HTML) as a draft source file.

    Known entities are linked by every label; new organisations, people, products and places,
    statistics, events and forecasts are proposed, each with its paragraph and a reason and marked
    unreviewed. The draft never goes into the graph: review it, then build.

    Example:

    \b
        helixgraph suggest article.txt --issued 2025-10-01 --publisher "Caixin Global"
        helixgraph suggest article.txt --issued 2025-10-01 --compare curated.yaml
        helixgraph suggest --draft reviewed.yaml --compare curated.yaml
    """
    from helixgraph.errors import OptionError

    if article is None:
        if curated is None or draft_path is None:
            raise OptionError("give an ARTICLE, or --draft FILE with --compare CURATED_FILE")
        click.echo(api.compare_draft(draft_path, curated).text())
        return
    draft = api.suggest(article, sources=[] if no_graph else (sources or None), source_id=source_id, title=title,
                        publisher=publisher, issued=issued, language=language, url=url, project=_project())
    written = draft.write(draft_path or Path(f"{article.stem}.draft.yaml"))
    click.echo(f"{len(draft.records)} candidate record(s) written to {written}")
    if curated is not None:
        click.echo(api.compare_draft(draft, curated).text())


@cli.command()
@_SOURCES
def duplicates(sources) -> None:
    """List entities that are probably one thing under two ids, for merging with sameAs or fixing.

    Example:

    \b
        helixgraph duplicates --sources my-sources/
    """
    pairs = api.duplicates(sources or None, project=_project())
    for pair in pairs:
        click.echo(f"{pair.first}\t{pair.second}\t{pair.score:.2f}\t{pair.reason}")
    click.echo(f"{len(pairs)} likely duplicate pair(s)", err=True)


@cli.command()
@click.option("--concepts", is_flag=True, help="List the concept schemes and their concepts instead, with the "
                                               "broader concept each rolls up under.")
def ontology(concepts) -> None:
    """List the ontology's classes and the fields each accepts in source files.

    Example:

    \b
        helixgraph ontology
        helixgraph ontology --concepts
    """
    click.echo(api.describe_concepts() if concepts else api.describe_ontology())


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script."""
    cli.main(args=argv, prog_name="helixgraph")


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
