"""The ``helixgraph`` command: a thin layer over the Python API.

Exit codes: 0 success; 1 the data loads but breaks SHACL shapes; 2 bad input or a failed tool.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from helixgraph import api
from helixgraph.errors import HelixError

__all__ = ["main", "cli"]


class _Group(click.Group):
    """Turns the project's errors into a message on stderr and their exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except HelixError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(exc.exit_code)
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

        helixgraph build
        helixgraph build --sources my-sources/ --out my-out
    """
    report = api.build(sources or None, out, analyze=not no_analysis, render=not no_render,
                       store_url=store_url)
    click.echo(report.summary())


@cli.command()
@_SOURCES
def validate(sources) -> None:
    """Check source files against the ontology and the SHACL shapes without writing anything.

    Example:

        helixgraph validate --sources my-sources/new-report.yaml
    """
    count = api.validate(sources or None)
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
    click.echo(result.serialize(fmt))


@cli.command()
def ontology() -> None:
    """List the ontology's classes and the fields each accepts in source files.

    Example:

        helixgraph ontology
    """
    click.echo(api.describe_ontology())


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script."""
    cli.main(args=argv, prog_name="helixgraph")


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
