"""Time the profile pages at scale: how long writing every entity's and source's page takes, and the largest page.

``python -m benchmarks.pages --scale 100000`` generates the synthetic ecosystem (see
:mod:`benchmarks.generate`; reused when already there), loads it into an in-memory store, projects
the network with the snapshot measures the build computes, reads every source's statements (timed
on their own: the build reads them once for the explorer and the pages) and then times
:func:`helixgraph.views.pages.write_site` given them, as the build calls it, into a fresh folder.
The targets: 100K entities' pages in under 10 s on 2 cores, no page over 300 KB.
``--all-pages-limit N`` times the site of a graph above the limit (the actors' pages only).

The numbers go to ``<workdir>/pages-<scale>/results.json`` and the terminal, with the CPU time the
writing took (this process and its rendering processes) and the load average: on a shared machine
the wall-clock time depends on what else runs, the CPU time much less. The system part of the CPU
time is mostly the file system creating 100K files, which on this project's machine (ext4 on a
shared virtual disk) costs anything from 3 s to 40 s, slowest just after many files were deleted:
each run writes a new ``site-<time>`` folder and deletes the previous runs' folders only after
its own timing.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import time
from pathlib import Path

__all__ = ["main", "measure"]

#: The targets the pages are held to.
SECONDS_AT_100K = 10.0
MAX_PAGE_BYTES = 300_000


def _log(message: str) -> None:
    print(f"[pages] {message}", flush=True)


def measure(scale: int, workdir: Path, *, seed: int = 7, processes: int | None = None,
            all_pages_limit: int | None = None, timeline: bool | None = None) -> dict:
    """Generate (or reuse) ``scale`` entities, then time writing their profile site; return the numbers.

    The pages get the snapshots a build would give them (``timeline`` as for ``helixgraph build``:
    by default none above 10,000 nodes)."""
    from benchmarks.generate import generate
    from helixgraph.analysis.projection import project
    from helixgraph.graph.query import query_store
    from helixgraph.pipeline.build import load_store
    from helixgraph.pipeline.render_step import timeline_of
    from helixgraph.pipeline.snapshots import snapshot_measures, timeline_wanted
    from helixgraph.views.pages import ALL_PAGES_LIMIT, statements_by_entity, write_site

    folder = workdir / f"pages-{scale}"
    sources = folder / "sources"
    if not (folder / "generated.json").exists():
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        summary = generate(scale, sources, seed=seed)
        (folder / "generated.json").write_text(json.dumps(summary), encoding="utf-8")
        _log(f"generated {summary['entities']} entities in {summary['sources']} sources")
    site = folder / f"site-{time.time_ns()}"
    started = time.perf_counter()
    store = load_store([sources])
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    G = project(lambda text: query_store(store, text))
    for name, values in snapshot_measures(G).items():
        for node, value in values.items():
            G.nodes[node][name] = value
    taken = timeline_of(G) if timeline_wanted(G, timeline) else []
    network = time.perf_counter() - started
    _log(f"store loaded in {loaded:.1f} s; network of {G.number_of_nodes():,} nodes and {len(taken)} snapshots "
         f"in {network:.1f} s")

    started = time.perf_counter()
    statements = statements_by_entity(store)
    reading = time.perf_counter() - started
    limit = ALL_PAGES_LIMIT if all_pages_limit is None else all_pages_limit or None
    before, times = _cpu_seconds(), os.times()
    started = time.perf_counter()
    write_site(store, site, network=G, timeline=taken, explorer="../ecosystem.html", processes=processes,
               statements=statements, limit=limit)
    seconds = time.perf_counter() - started
    cpu = _cpu_seconds() - before
    after = os.times()
    load = os.getloadavg()[0]
    sizes = [(path.stat().st_size, path) for path in site.rglob("*.html")]
    largest, largest_path = max(sizes)
    results = {
        "scale": scale,
        "pages": len(sizes),
        "entity_pages": sum(1 for _, path in sizes if path.parent.name == "entity"),
        "write_seconds": round(seconds, 2),
        "write_cpu_seconds": round(cpu, 2),
        "write_cpu_user_system": {"this process": [round(after.user - times.user, 2),
                                                   round(after.system - times.system, 2)],
                                  "rendering processes": [round(after.children_user - times.children_user, 2),
                                                          round(after.children_system - times.children_system, 2)]},
        "load_average_1min": round(load, 1),
        "statements_read_seconds": round(reading, 2),
        "all_pages_limit": limit,
        "largest_page_bytes": largest,
        "largest_page": str(largest_path.relative_to(site)),
        "total_bytes": sum(size for size, _ in sizes),
        "network_nodes": G.number_of_nodes(),
        "snapshots": len(taken),
        "store_load_seconds": round(loaded, 1),
        "network_and_snapshots_seconds": round(network, 1),
        "processes": processes or "default",
    }
    (folder / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    for old in folder.glob("site*"):
        if old != site and old.is_dir():
            shutil.rmtree(old)
    return results


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (the writer processes), user and system."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100_000, help="entities to generate (default 100000)")
    parser.add_argument("--workdir", type=Path, default=Path(__file__).resolve().parent / ".work")
    parser.add_argument("--processes", type=int, default=None,
                        help="rendering processes (default: write_site's, one)")
    parser.add_argument("--all-pages-limit", type=int, default=None,
                        help="write the actors' pages only above this many entities (0: no limit; default: "
                             "helixgraph.views.pages.ALL_PAGES_LIMIT)")
    parser.add_argument("--timeline", action=argparse.BooleanOptionalAction, default=None,
                        help="give the pages their snapshots (default: as a build does, up to 10,000 nodes)")
    args = parser.parse_args(argv)
    results = measure(args.scale, args.workdir, processes=args.processes, all_pages_limit=args.all_pages_limit,
                      timeline=args.timeline)
    target = SECONDS_AT_100K * args.scale / 100_000
    print(json.dumps(results, indent=2))
    print(f"statements read in {results['statements_read_seconds']} s; "
          f"write: {results['write_seconds']} s ({results['write_cpu_seconds']} s of CPU, load average "
          f"{results['load_average_1min']}) for {results['pages']:,} pages "
          f"(target {target:.1f} s: {'met' if results['write_seconds'] < target else 'MISSED'}); "
          f"largest page {results['largest_page_bytes']:,} bytes "
          f"(target {MAX_PAGE_BYTES:,}: {'met' if results['largest_page_bytes'] <= MAX_PAGE_BYTES else 'MISSED'})")


if __name__ == "__main__":
    main()
