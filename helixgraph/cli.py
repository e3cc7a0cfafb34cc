"""The ``helixgraph`` command: a thin layer over the Python API.

Exit codes: 0 success; 1 the data loads but breaks SHACL shapes; 2 bad input or a failed tool.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from helixgraph import api
from helixgraph.errors import HelixError, LoadErrors

__all__ = ["cli", "main"]


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
            click.echo("interrupted; previous outputs are untouched", err=True)
            ctx.exit(130)


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
def build(sources, out, store_url, no_analysis, no_render) -> None:
    """Validate the sources and write the dataset, the store, the analysis and the explorer.

    Example:

    \b
        helixgraph build
        helixgraph build --sources my-sources/ --out my-out
    """
    report = api.build(sources or None, out, analyze=not no_analysis, render=not no_render,
                       store_url=store_url)
    click.echo(report.summary())


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
    count = api.validate(sources or None, engine=engine)
    click.echo(f"{count} source(s) load and conform: 0 SHACL violations")


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
    result = api.query(query, out=out, endpoint=endpoint, timeout=timeout)
    text = result.serialize(fmt)
    click.echo(text, nl=not text.endswith("\n"))


@cli.command()
@_OUT
@click.option("--as-of", "as_of", default=None, metavar="DATE", help="Use only sources issued on or before DATE.")
@click.option("--query", "edge_query", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="A .rq file selecting ?source ?target ?predicate ?relation to use as the network's edges.")
@click.option("--endpoint", default=None, metavar="URL", help="Read the graph from this SPARQL endpoint.")
@click.option("--seed", type=int, default=42, show_default=True, help="Seed of Louvain and sampled betweenness.")
@click.option("--top", type=int, default=10, show_default=True, help="Rows of the ranked summary.")
def analyze(out, as_of, edge_query, endpoint, seed, top) -> None:
    """Rerun the network analysis on the built store: ranked table, centrality.csv, analysis graph.

    Example:

    \b
        helixgraph analyze
        helixgraph analyze --as-of 2025-10-01
    """
    from helixgraph.analysis.step import ranked_summary

    text = edge_query.read_text(encoding="utf-8") if edge_query else None
    result = api.analyze(out, as_of=_iso_date(as_of), edge_query=text, endpoint=endpoint, seed=seed)
    click.echo(ranked_summary(result, top=top))
    click.echo(f"\nE-I index {result.ei_index:.3f}; modularity {result.modularity:.3f}; "
               f"removing {result.robustness.broker} splits {result.robustness.components_before} "
               f"component(s) into {result.robustness.components_after}")
    if not endpoint:
        click.echo(f"Wrote {Path(out) / 'centrality.csv'} and the analysis graph in {Path(out) / 'store'}")


@cli.command()
@_OUT
@click.option("--file", "path", type=click.Path(path_type=Path), default=None,
              help="The HTML file to write. Default: OUT/ecosystem.html.")
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
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; expected YYYY-MM-DD", param_hint="--as-of") from None


@cli.command()
@_OUT
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback exposes the data (no authentication).")
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True, help="Port to listen on.")
@click.option("--timeout", type=click.IntRange(min=0), default=30, show_default=True, metavar="SECONDS",
              help="Cancel a query after this many seconds; 0 for no limit.")
@click.option("--cors", is_flag=True, help="Allow cross-origin requests (web pages on other origins may query).")
def serve(out, host, port, timeout, cors) -> None:
    """Serve the built store as a read-only SPARQL 1.1 endpoint with a query page, until Ctrl-C.

    The default graph is the union of all graphs, as the shipped queries expect.

    Example:

    \b
        helixgraph serve
        helixgraph serve --port 8000 --timeout 60 --cors
    """
    from helixgraph.server.oxigraph_server import serve as serve_store

    # --host is the explicit opt-in: serve_store() prints a warning for a non-loopback address.
    serve_store(out, host=host, port=port, timeout=timeout or None, cors=cors, allow_remote=True)


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
