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
def cli() -> None:
    """helixgraph: a knowledge graph of innovation ecosystems.

    Build the bundled Zhongguancun Life Science Park dataset, query it with SPARQL, analyse its
    network and explore it in the browser.
    """


_SOURCES = click.option("--sources", "sources", multiple=True, type=click.Path(path_type=Path),
                        help="Source file or folder (repeatable). Default: the bundled dataset.")
_OUT = click.option("--out", "out", default="out", show_default=True, type=click.Path(path_type=Path),
                    help="Output folder of the build.")


@cli.command()
@_SOURCES
@_OUT
@click.option("--store", "store_url", default=None, metavar="URL",
              help="Also load the dataset into this SPARQL 1.1 Graph Store Protocol endpoint.")
@click.option("--no-analysis", is_flag=True, help="Skip the network analysis step.")
@click.option("--no-render", is_flag=True, help="Skip writing the HTML explorer.")
@click.option("--formats", "formats", default=None, metavar="LIST",
              help="Serialisations to write, comma-separated: trig, ttl, jsonld, or none. Default: all three, "
                   "JSON-LD only up to 2,000,000 quads.")
@click.option("--quiet", "-q", is_flag=True, help="Show no progress on stderr.")
@click.option("--verbose", "-v", is_flag=True, help="Log each stage and its time on stderr.")
def build(sources, out, store_url, no_analysis, no_render, formats, quiet, verbose) -> None:
    """Validate the sources and write the dataset, the store, the analysis and the explorer.

    Progress is shown on stderr when it is a terminal, unless --quiet.

    Example:

    \b
        helixgraph build
        helixgraph build --sources my-sources/ --out my-out
        helixgraph build --sources big/ --formats trig --verbose
    """
    from helixgraph.pipeline.serialisations import formats_from_text

    chosen = formats_from_text(formats) if formats is not None else None
    with _interruptible(out), _progress(quiet=quiet, verbose=verbose):
        report = api.build(sources or None, out, analyze=not no_analysis, render=not no_render,
                           store_url=store_url, formats=chosen)
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
@click.option("--engine", type=click.Choice(["sparql", "pyshacl"]), default="sparql", show_default=True,
              help="SHACL engine: the shapes as SPARQL on Oxigraph (fast), or pySHACL (the reference).")
def validate(sources, engine) -> None:
    """Check source files against the ontology and the SHACL shapes without writing anything.

    Example:

    \b
        helixgraph validate --sources my-sources/new-report.yaml
    """
    checked = api.validate(sources or None, engine=engine)
    click.echo(f"{len(checked)} source(s) load and conform: 0 SHACL violations")


@cli.command()
@click.argument("query", required=False)
@_OUT
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table",
              show_default=True, help="Result format.")
@click.option("--endpoint", default=None, metavar="URL", help="Query this SPARQL endpoint instead of the store.")
@click.option("--timeout", type=float, default=None, help="Seconds to wait for an endpoint.")
@click.option("--list", "list_queries", is_flag=True, help="List the shipped named queries and their questions.")
def query(query, out, fmt, endpoint, timeout, list_queries) -> None:
    """Run SPARQL (text, a .rq file, or a shipped query's name) with the project's prefixes bound.

    Example:

    \b
        helixgraph query cq18
        helixgraph query "SELECT ?label WHERE { ?x a eco:Hospital ; rdfs:label ?label }" --format csv
    """
    if list_queries:
        for q in api.named_queries().values():
            click.echo(f"{q.name}\n    {q.question}")
        return
    if not query:
        raise click.UsageError("give a query, a .rq file or a query name (or --list)")
    result = answer(query, out=out, endpoint=endpoint, timeout=timeout)
    text = result.serialize(fmt)
    click.echo(text, nl=not text.endswith("\n"))


@cli.command()
@_OUT
@click.option("--as-of", "as_of", default=None, metavar="DATE", help="Use only sources issued by DATE (a day, or the end of a month or year: 2025, 2025-10).")
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
@click.option("--size-by", default="betweenness", show_default=True, help="Measure that sizes the nodes.")
@click.option("--color-by", type=click.Choice(["sector", "class", "community"]), default="sector",
              show_default=True, help="What colours the nodes.")
@click.option("--as-of", "as_of", default=None, metavar="DATE", help="Hide what sources issued after DATE added.")
@click.option("--max-nodes", type=int, default=300, show_default=True,
              help="Above this, keep the top nodes and fold the rest into community nodes.")
def render(out, path, size_by, color_by, as_of, max_nodes) -> None:
    """Write the interactive, offline HTML explorer of the built graph.

    Example:

    \b
        helixgraph render --color-by class --file park.html
    """
    written = api.render(out, path, size_by=size_by, color_by=color_by, as_of=_iso_date(as_of),
                         max_nodes=max_nodes)
    click.echo(f"Wrote {written}")


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
    requests from web pages on other origins are refused unless allowed.

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
def ontology() -> None:
    """List the ontology's classes and the fields each accepts in source files.

    Example:

    \b
        helixgraph ontology
    """
    click.echo(api.describe_ontology())


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script."""
    cli.main(args=argv, prog_name="helixgraph")


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
