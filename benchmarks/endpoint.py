"""Throughput of ``helixgraph serve`` against Oxigraph's own server on the shipped queries.

    python -m benchmarks.endpoint [--out OUT] [--rounds 20] [--clients 4] [--repeat 3] [--workers N]
                                  [--distinct] [--table FILE]

Both servers run in their own processes and serve the same built store (``--out``; the bundled dataset is built into a temporary
folder if it holds no store) read-only with the default graph as the union of the named graphs.
Each mode sends ``--rounds`` rounds of every shipped competency query (``helixgraph/data/queries``)
after one warm-up round: once one query at a time from a single client, once split over
``--clients`` concurrent clients. Every client keeps one HTTP/1.1 connection open and asks for
SPARQL JSON; every answer is read whole and its row count checked against the embedded store's.
The servers alternate round by round, so that other load on the machine falls on both alike, and
each mode is measured ``--repeat`` times. The table gives the median queries per second, and
helixgraph's throughput as a share of Oxigraph's: the median of the turns' shares, with the lowest
and the highest; its last line says whether the share reaches the 80% aimed at.
``--distinct`` appends a numbered comment to every request's query, so that no server is helped by
remembering what it read from a query text it has already seen.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from helixgraph.errors import StoreError
from helixgraph.graph.catalog import named_queries
from helixgraph.graph.store import open_store, store_path
from helixgraph.ontology.prefixes import sparql_prologue
from helixgraph.server.addresses import free_port
from helixgraph.server.oxigraph_server import running_server


@contextlib.contextmanager
def _helixgraph_serve(out: Path, workers: int | None):
    """``helixgraph serve`` in its own process, as users run it (not sharing this process's GIL)."""
    port = free_port()
    command = [sys.executable, "-m", "helixgraph", "serve", "--out", str(out), "--port", str(port)]
    if workers:
        command += ["--workers", str(workers)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        if not process.stdout.readline().startswith("SPARQL endpoint"):
            raise RuntimeError("helixgraph serve did not start")
        yield f"http://127.0.0.1:{port}/query"
    finally:
        process.terminate()
        process.wait(30)


def _has_store(out: Path) -> bool:
    try:
        store_path(out)
    except StoreError:
        return False
    return True


def _queries() -> dict[str, str]:
    return {name: sparql_prologue() + q.sparql() for name, q in named_queries().items() if q.kind == "competency"}


def _expected_rows(out: Path, queries: dict[str, str]) -> dict[str, int]:
    store = open_store(out)
    return {name: len(list(store.query(text, use_default_graph_as_union=True))) for name, text in queries.items()}


class _Client:
    """One keep-alive connection asking for SPARQL JSON."""

    def __init__(self, url: str) -> None:
        parts = urllib.parse.urlsplit(url)
        self.host, self.port, self.path = parts.hostname, parts.port, parts.path
        self.connection = http.client.HTTPConnection(self.host, self.port, timeout=120)

    def rows(self, query: str) -> int:
        body = urllib.parse.urlencode({"query": query}).encode("utf-8")
        headers = {"Content-Type": "application/x-www-form-urlencoded",
                   "Accept": "application/sparql-results+json"}
        for attempt in (1, 2):
            try:
                self.connection.request("POST", self.path, body=body, headers=headers)
                response = self.connection.getresponse()
                data = response.read()
                break
            except (http.client.HTTPException, ConnectionError):
                self.connection.close()
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=120)
                if attempt == 2:
                    raise
        if response.status != 200:
            raise RuntimeError(f"{response.status}: {data[:200]!r}")
        return len(json.loads(data)["results"]["bindings"])

    def close(self) -> None:
        self.connection.close()


def _run(connections: list[_Client], queries: dict[str, str], expected: dict[str, int], *,
         distinct: bool = False) -> float:
    """Seconds to answer one round of ``queries``, split over ``connections`` (one thread each).

    With ``distinct``, every request's text differs (a numbered comment line is appended), so that
    nothing a server remembers of a query text it has seen can serve a later request.
    """
    names = list(queries)
    shares = [names[i::len(connections)] for i in range(len(connections))]
    errors: list[str] = []

    def client(connection: _Client, share: list[str]) -> None:
        try:
            for number, name in enumerate(share):
                text = f"{queries[name]}\n# request {time.monotonic_ns()} {number}" if distinct else queries[name]
                got = connection.rows(text)
                if got != expected[name]:
                    errors.append(f"{name}: {got} rows, expected {expected[name]}")
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(repr(exc))

    threads = [threading.Thread(target=client, args=pair) for pair in zip(connections, shares)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if errors:
        raise RuntimeError(f"{connections[0].host}:{connections[0].port}: {len(errors)} wrong answers, "
                           f"first: {errors[0]}")
    return elapsed


def _turn(servers: dict[str, str], queries: dict[str, str], expected: dict[str, int], rounds: int,
          clients: int, *, distinct: bool = False) -> dict[str, float]:
    """Queries per second of each server over ``rounds`` rounds from ``clients`` kept-alive connections.

    The servers alternate round by round (in the order A B B A ...), so that load from elsewhere on
    the machine, which comes and goes within seconds, falls on both alike.
    """
    connections = {name: [_Client(url) for _ in range(clients)] for name, url in servers.items()}
    try:
        for name in servers:
            _run(connections[name], queries, expected, distinct=distinct)  # warm-up
        seconds = dict.fromkeys(servers, 0.0)
        order = list(servers)
        for number in range(rounds):
            for name in order if number % 2 == 0 else order[::-1]:
                seconds[name] += _run(connections[name], queries, expected, distinct=distinct)
    finally:
        for group in connections.values():
            for connection in group:
                connection.close()
    return {name: len(queries) * rounds / spent for name, spent in seconds.items()}


OXIGRAPH, HELIXGRAPH = "Oxigraph server", "helixgraph serve"
#: The share of Oxigraph's throughput helixgraph's endpoint is to reach.
TARGET = 0.8


def main(argv: list[str] | None = None) -> str:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None, help="a build's output folder (default: build one)")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=None, help="helixgraph's query processes")
    parser.add_argument("--repeat", type=int, default=3, help="measure each mode this often; "
                        "the table gives medians")
    parser.add_argument("--table", type=Path, default=None, help="also write the Markdown table here")
    parser.add_argument("--distinct", action="store_true", help="make every request's query text different "
                        "(a numbered comment appended), as from clients that never repeat a query")
    args = parser.parse_args(argv)
    modes = (1, args.clients)
    with ExitStack() as stack:
        out = args.out if args.out is not None and _has_store(args.out) else None
        if out is None:
            from helixgraph.pipeline.build import build

            out = Path(stack.enter_context(tempfile.TemporaryDirectory())) / "out"
            build(out=out)
        queries = _queries()
        expected = _expected_rows(out, queries)
        servers = {
            OXIGRAPH: stack.enter_context(running_server(out, timeout=None)),
            HELIXGRAPH: stack.enter_context(_helixgraph_serve(out, args.workers)),
        }
        rates: dict[tuple[str, int], list[float]] = {}
        ratios: dict[int, list[float]] = {mode: [] for mode in modes}
        for _ in range(args.repeat):
            for mode in modes:
                turn = _turn(servers, queries, expected, args.rounds, mode, distinct=args.distinct)
                for name, rate in turn.items():
                    rates.setdefault((name, mode), []).append(rate)
                ratios[mode].append(turn[HELIXGRAPH] / turn[OXIGRAPH])
                print(f"{mode} client(s): Oxigraph {turn[OXIGRAPH]:.1f} queries/s, helixgraph "
                      f"{turn[HELIXGRAPH]:.1f} queries/s: {ratios[mode][-1]:.0%}", file=sys.stderr)
    texts = ", every request's text different" if args.distinct else ""
    lines = [(f"{len(queries)} shipped queries x {args.rounds} rounds{texts}, SPARQL JSON over keep-alive "
              f"HTTP/1.1, the servers alternating round by round; medians of {args.repeat} turns"),
             "", ("| clients | Oxigraph server (queries/s) | helixgraph serve (queries/s) "
                 "| helixgraph / Oxigraph (median) | lowest to highest turn |"),
             "| --- | --- | --- | --- | --- |"]
    for mode in modes:
        ours, theirs = (statistics.median(rates[(name, mode)]) for name in (HELIXGRAPH, OXIGRAPH))
        share = statistics.median(ratios[mode])
        lines.append(f"| {mode} | {theirs:.1f} | {ours:.1f} | {share:.0%} "
                     f"| {min(ratios[mode]):.0%} to {max(ratios[mode]):.0%} |")
    verdicts = [f"{statistics.median(ratios[mode]):.0%} with {mode} client{'s' if mode > 1 else ''}"
                for mode in modes]
    reached = all(statistics.median(ratios[mode]) >= TARGET for mode in modes)
    lines += ["", (f"helixgraph serve reaches {' and '.join(verdicts)} of Oxigraph's throughput "
                  f"(target: at least {TARGET:.0%}: {'met' if reached else 'not met'}).")]
    table = "\n".join(lines)
    if args.table:
        args.table.write_text(table + "\n", encoding="utf-8")
    print(table)
    return table


if __name__ == "__main__":
    main()
