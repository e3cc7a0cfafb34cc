"""The same work on the embedded store and on external SPARQL stores: upload, two questions, the projection.

    python -m benchmarks.remote [--scale 100000] [--workdir benchmarks/.work] [--repeat 3]
                                [--projection-repeat 1] [--engines virtuoso,oxigraph] [--out FILE.json]

Generates ``--scale`` entities (``benchmarks.generate``) once, builds them (no analysis or
rendering), then for each engine starts a server on a loopback port with an empty database:
Virtuoso (Debian's ``virtuoso-opensource``, its row cap left at Debian's 10,000, the rows it sorts
for one page, ``MaxSortedTopRows``, raised from 10,000 to 1,000,000 so that sorted queries page
through) and Oxigraph's
own server without a union default graph. It times, once, the upload through the Graph Store
Protocol (``upload_dataset``, digest credentials for Virtuoso), then the median of ``--repeat``
runs of a listing question (cq01, every organisation in the park) and of an entity question (cq18,
one drug's regulatory timeline), and the median of ``--projection-repeat`` runs of the projection to
the network the analysis runs on (``network(endpoint=...)``), the part of ``analyze --endpoint`` that reads the store; the analysis
itself then runs in this process whatever the graph came from. The embedded store's times are the
same questions and projection on the built store as ``query``/``analyze --out`` open it (on disk).
Every remote answer's row count is checked against the embedded store's.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate
from helixgraph.api import network
from helixgraph.api import query as run_query
from helixgraph.graph.store import open_store, store_path
from helixgraph.pipeline import build
from helixgraph.remote.graph_store import upload_dataset
from helixgraph.remote.graphs import connect
from helixgraph.remote.virtuoso import running_virtuoso
from helixgraph.server.oxigraph_server import running_server

QUESTIONS = {"listing (cq01)": "cq01", "entity (cq18)": "cq18"}
VIRTUOSO_CREDENTIALS = {"HELIXGRAPH_USER": "dba", "HELIXGRAPH_PASSWORD": "dba"}


def _median_seconds(work, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _measure(label: str, run_question, project, repeat: int, expected: dict, project_repeat: int) -> dict:
    row = {"engine": label}
    for title, name in QUESTIONS.items():
        seconds, result = _median_seconds(lambda name=name: run_question(name), repeat)
        if expected and len(result.rows) != expected[name]:
            raise SystemExit(f"{label} answered {name} with {len(result.rows)} rows, not {expected[name]}")
        row[title] = seconds
        row[f"{name} rows"] = len(result.rows)
    seconds, G = _median_seconds(project, project_repeat)
    if expected and (G.number_of_nodes(), G.number_of_edges()) != expected["network"]:
        raise SystemExit(f"{label} projected {G.number_of_nodes()} nodes, {G.number_of_edges()} ties, "
                         f"not {expected['network']}")
    row["projection"] = seconds
    row["network"] = (G.number_of_nodes(), G.number_of_edges())
    print(row, flush=True)
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100_000)
    parser.add_argument("--workdir", type=Path, default=ROOT / "benchmarks" / ".work")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--projection-repeat", type=int, default=1)
    parser.add_argument("--engines", default="virtuoso,oxigraph")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    folder = args.workdir / f"remote-{args.scale}"
    sources, out = folder / "sources", folder / "out"
    if not sources.is_dir():
        generate(args.scale, sources)
    try:
        store_path(out)
    except Exception:  # noqa: BLE001 - no build yet
        build([sources], out)
    store = open_store(out)
    triples = len(store)
    embedded = _measure("embedded (on disk)", lambda name: run_query(name, store=store),
                        lambda: network(store=store), args.repeat, {}, args.projection_repeat)
    expected = {name: embedded[f"{name} rows"] for name in QUESTIONS.values()}
    expected["network"] = embedded["network"]
    rows = [embedded]
    for engine in args.engines.split(","):
        with tempfile.TemporaryDirectory(dir=folder) as scratch:
            if engine == "virtuoso":
                server = running_virtuoso(Path(scratch) / "virtuoso", max_sorted_rows=1_000_000)
                environ, suffix = VIRTUOSO_CREDENTIALS, ("/sparql-graph-crud-auth", "/sparql")
            else:
                server = running_server(location=Path(scratch) / "oxigraph", read_only=False,
                                        union_default_graph=False, timeout=None)
                environ, suffix = {}, None
            with server as url:
                if suffix:
                    store_url, query_url = url + suffix[0], url + suffix[1]
                else:
                    store_url, query_url = url.removesuffix("/query") + "/store", url
                start = time.perf_counter()
                upload_dataset(out, store_url, environ=environ, progress=None, timeout=600)
                upload = time.perf_counter() - start
                client = connect(query_url, timeout=600)
                row = _measure(engine, lambda name, client=client: client.query(_text(name)),
                               lambda query_url=query_url: network(endpoint=query_url), args.repeat, expected,
                               args.projection_repeat)
                row["upload"] = upload
                rows.append(row)
    print(f"\n{args.scale:,} entities, {triples:,} triples\n")
    print("| store | upload | listing (cq01) | entity (cq18) | projection for the analysis |")
    print("| --- | --- | --- | --- | --- |")
    for row in rows:
        upload = f"{row['upload']:.1f} s" if "upload" in row else "-"
        print(f"| {row['engine']} | {upload} | {row['listing (cq01)'] * 1000:.0f} ms | "
              f"{row['entity (cq18)'] * 1000:.0f} ms | {row['projection']:.1f} s |")
    if args.out:
        args.out.write_text(json.dumps({"scale": args.scale, "triples": triples, "rows": rows}, indent=1))
    return 0


def _text(name: str) -> str:
    from helixgraph.graph.catalog import get_query

    return get_query(name).text


if __name__ == "__main__":
    sys.exit(main())
