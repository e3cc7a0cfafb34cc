"""How long a query the endpoint's timeout cancels keeps a client waiting.

    python -m benchmarks.endpoint_timeout OUT [--timeout 1] [--repeat 3]

Serves the build in ``OUT`` (``helixgraph build`` first) with ``helixgraph serve``'s Oxigraph server
and a server-side timeout of ``--timeout`` seconds, sends a cross join far too large to finish
through :class:`~helixgraph.server.client.SparqlClient`, and prints the seconds from sending it to
the client's error, each run and their median. The server answers 200 and streams rows before it
cancels, so the time is the timeout plus what the client needs to see the answer was cut off.
"""

from __future__ import annotations

import argparse
import statistics
import time

from helixgraph.errors import EndpointError
from helixgraph.server.client import SparqlClient
from helixgraph.server.oxigraph_server import running_server

#: The whole dataset joined with itself three times: billions of rows.
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def cut_off_seconds(out: str, *, timeout: float = 1.0, repeat: int = 3,
                    client_timeout: float = 120.0) -> list[float]:
    """Seconds from sending :data:`CROSS_JOIN` to the client's error, for each of ``repeat`` runs.

    Raises
    ------
    RuntimeError
        If the query was answered, or failed otherwise than by being cut off.
    """
    times = []
    with running_server(out, timeout=timeout) as url:
        client = SparqlClient(url, timeout=client_timeout)
        for _ in range(repeat):
            started = time.perf_counter()
            try:
                client.query(CROSS_JOIN)
            except EndpointError as exc:
                if "was cut off" not in str(exc):
                    raise RuntimeError(f"the query failed, not by the server's timeout: {exc}") from exc
            else:
                raise RuntimeError("the cross join was answered; the timeout did not apply")
            times.append(time.perf_counter() - started)
    return times


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", help="a build's output folder")
    parser.add_argument("--timeout", type=float, default=1.0, help="the server's query timeout, seconds")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    times = cut_off_seconds(args.out, timeout=args.timeout, repeat=args.repeat)
    print(f"server timeout {args.timeout:g} s: client error after " + ", ".join(f"{t:.2f}" for t in times)
          + f" s (median {statistics.median(times):.2f} s)")


if __name__ == "__main__":
    main()
