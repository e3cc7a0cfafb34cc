"""Time what a user waits for, end to end: ``helixgraph build``, a session, rows, entity questions.

    python -m benchmarks.build --scale 100000 [--workdir DIR] [--repeat 1] [--memory-limit-gb 10]
                               [--out table.md]

Every figure is measured in the same run as its yardstick, on the same data (the generator's,
``python -m benchmarks.generate``), each in a fresh process:

- the yardstick: one in-memory Oxigraph parse (``Store.bulk_load``) of the TriG that
  ``helixgraph build --no-analysis --no-render`` writes (the source data, no steps);
- the headline: ``helixgraph build --sources DIR --out OUT --quiet``, with everything it writes by
  default, as wall time from the command's start to its exit and peak memory, with the
  seconds of each of its stages (from ``build-report.json``); the build without steps is timed too;
- a session: ``open_store(out, in_memory=True)``, against the same parse;
- rows into Python: ``SELECT ?s ?p ?o`` over every named graph, iterated raw (pyoxigraph's
  solutions, untouched) and read as Python tuples (``query_store(...).rows``) and as a typed
  DataFrame, in cells per second and as a ratio to the raw iteration; the three are run in turn
  three times, and each figure is the median of its three runs (the first run in a fresh process
  pays for memory the later ones reuse);
- entity questions: an entity's profile, neighbours and regulatory timeline (``cq18``), median of
  20 runs in memory and from the on-disk store;
- ``helixgraph query cq18`` from the on-disk store in a fresh process, less the interpreter's own
  start-up (``python -c pass``).

A watchdog samples the resident memory of every process it starts and stops one that passes
``--memory-limit-gb``; the row then says so. The raw figures go to ``<workdir>/build-N.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
HELIXGRAPH = [PYTHON, "-m", "helixgraph"]

#: The targets: the build's multiple of one parse, its peak memory, the session's seconds,
#: the rows' cells per second and multiple of raw iteration, the entity questions' medians and the
#: fresh-process query's seconds beyond start-up.
TARGETS = {"build_ratio": 8.0, "build_peak_gib": 2.0, "build_peak_gib_1m": 8.0, "open_seconds": 3.0,
           "cells_per_second": 2e6, "rows_ratio": 3.0, "entity_memory_ms": 10.0, "entity_disk_ms": 30.0,
           "cli_query_seconds": 0.5}

ENTITY_QUESTIONS = {
    "profile": """SELECT ?p ?o WHERE { hx:libevitug ?p ?o }""",
    "neighbours": """SELECT DISTINCT ?other ?label WHERE {
      { hx:huahui-health ?p ?other } UNION { ?other ?p hx:huahui-health }
      ?other rdfs:label ?label . FILTER (langMatches(lang(?label), "en")) }""",
    "timeline (cq18)": None,
}

_CHILD = """
import json, statistics, sys, time
import pyoxigraph as ox
task, arg = sys.argv[1], json.loads(sys.argv[2])
out = {}
if task == "parse":
    t, c = time.perf_counter(), time.process_time()
    store = ox.Store(); store.bulk_load(path=arg["trig"], format=ox.RdfFormat.TRIG)
    out = {"seconds": time.perf_counter() - t, "cpu": time.process_time() - c, "quads": len(store)}
elif task == "session":
    from helixgraph.graph.query import query_store
    from helixgraph.graph.catalog import get_query
    from helixgraph.graph.store import open_store
    import pandas  # imported before the clock starts, as a session would have it
    t, c = time.perf_counter(), time.process_time()
    store = open_store(arg["out"], in_memory=True)
    out["open"], out["open_cpu"] = time.perf_counter() - t, time.process_time() - c
    text = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
    runs = {}
    for key in ("raw", "rows", "dataframe") * 3:  # interleaved, each the median of three
        t, c = time.perf_counter(), time.process_time()
        if key == "raw":
            n = sum(1 for _ in store.query(text))
        elif key == "rows":
            n = len(query_store(store, text).rows)
        else:
            n = len(query_store(store, text).to_dataframe())
        runs.setdefault(key, []).append((time.perf_counter() - t, time.process_time() - c))
        out["rows_n"] = n
    for key, timed in runs.items():
        out[key], out[f"{key}_cpu"] = sorted(timed)[1]
        out[f"{key}_runs"] = [round(seconds, 3) for seconds, _ in timed]
    disk = open_store(arg["out"])
    questions = {name: text or get_query("cq18").text for name, text in arg["questions"].items()}
    for where, source in (("memory", store), ("disk", disk)):
        for name, text in questions.items():
            times = []
            for _ in range(21):
                t = time.perf_counter(); rows = query_store(source, text).rows; times.append(time.perf_counter() - t)
            out[f"{where}:{name}"] = {"median_ms": 1000 * statistics.median(times[1:]), "rows": len(rows)}
print(json.dumps(out))
"""


class _Watchdog(threading.Thread):
    """Samples a process tree's memory; stops the tree above ``limit`` bytes.

    The memory of a tree is the sum of its processes' proportional set sizes (PSS): a page that
    forked processes share is counted once, divided among them, where the sum of their resident
    sets would count it once per process (the profile pages are written by forked processes that
    share the build's memory). The resident sum is kept beside it.
    """

    def __init__(self, process: subprocess.Popen, limit: float) -> None:
        super().__init__(daemon=True)
        self.process, self.limit, self.peak, self.peak_rss, self.killed = process, limit, 0, 0, False

    def run(self) -> None:
        try:
            root = psutil.Process(self.process.pid)
            while self.process.poll() is None:
                pss = rss = 0
                for p in [root, *root.children(recursive=True)]:
                    try:
                        memory = p.memory_full_info()
                    except psutil.NoSuchProcess:
                        continue
                    pss, rss = pss + memory.pss, rss + memory.rss
                self.peak, self.peak_rss = max(self.peak, pss), max(self.peak_rss, rss)
                if pss > self.limit:
                    self.killed = True
                    for p in [*root.children(recursive=True), root]:
                        p.kill()
                    return
                time.sleep(0.25)
        except psutil.Error:
            return


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(cmd: list[str], limit_gb: float, *, env: dict | None = None) -> dict:
    """Run ``cmd``, returning its wall and processor seconds, peak memory (GiB), exit code and output."""
    start, cpu = time.perf_counter(), _children_cpu()
    process = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    watchdog = _Watchdog(process, limit_gb * 2**30)
    watchdog.start()
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - start
    watchdog.join()
    return {"seconds": seconds, "cpu": _children_cpu() - cpu, "peak_gib": watchdog.peak / 2**30,
            "peak_rss_gib": watchdog.peak_rss / 2**30,
            "code": process.returncode,
            "killed": watchdog.killed, "stdout": stdout, "stderr": stderr[-4000:]}


def _child(task: str, arg: dict, limit_gb: float) -> dict:
    run = _run([PYTHON, "-c", _CHILD, task, json.dumps(arg)], limit_gb, env=_env())
    if run["code"] != 0:
        raise SystemExit(f"{task} failed:\n{run['stderr']}")
    return {**json.loads(run["stdout"].strip().splitlines()[-1]), "peak_gib": run["peak_gib"]}


def _env() -> dict:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def measure(scale: int, workdir: Path, *, limit_gb: float, repeat: int = 1) -> dict:
    """Every figure at ``scale`` entities; see the module's description."""
    folder = workdir / f"build-{scale}"
    sources = folder / "sources"
    if not sources.is_dir():
        _log(f"generating {scale} entities")
        subprocess.run([PYTHON, "-m", "benchmarks.generate", str(scale), str(sources)], check=True, env=_env())
    figures: dict = {"scale": scale, "cores": os.cpu_count(), "load_average": os.getloadavg()}
    bare = _run([*HELIXGRAPH, "build", "--sources", str(sources), "--out", str(folder / "bare"), "--quiet",
                 "--no-analysis", "--no-render", "--formats", "trig"], limit_gb, env=_env())
    if bare["code"] != 0:
        raise SystemExit(f"the build without steps failed:\n{bare['stderr']}")
    report = json.loads((folder / "bare" / "latest" / "build-report.json").read_text(encoding="utf-8"))
    figures["bare_build"] = {"seconds": bare["seconds"], "cpu": bare["cpu"], "peak_gib": bare["peak_gib"],
                             "stages": report["stages"]}
    trig = str(folder / "bare" / "latest" / "ecosystem.trig")
    _log(f"build without steps: {bare['seconds']:.1f} s; parsing its TriG")
    figures["parse"] = _child("parse", {"trig": trig}, limit_gb)
    builds = []
    for _ in range(repeat):
        _log("helixgraph build (everything it writes by default)")
        run = _run([*HELIXGRAPH, "build", "--sources", str(sources), "--out", str(folder / "out"), "--quiet"],
                   limit_gb, env=_env())
        entry = {"seconds": run["seconds"], "cpu": run["cpu"], "peak_gib": run["peak_gib"],
                 "peak_rss_gib": run["peak_rss_gib"], "code": run["code"],
                 "killed": run["killed"]}
        if run["code"] == 0:
            report = json.loads((folder / "out" / "latest" / "build-report.json").read_text(encoding="utf-8"))
            entry.update(stages=report["stages"], stages_cpu=report["stages_cpu"], files=report["files"], quads=sum(report["triples_per_graph"].values()),
                         notes=[n for n in report.get("notes", []) if "not written" in n])
        else:
            entry["stderr"] = run["stderr"]
        builds.append(entry)
        _log(f"  {run['seconds']:.1f} s, peak {run['peak_gib']:.2f} GiB, exit {run['code']}")
    figures["build"] = min(builds, key=lambda b: b["seconds"])
    figures["build"]["runs"] = [b["seconds"] for b in builds]
    if figures["build"]["code"] != 0:
        return figures
    _log("session: open, rows, entity questions")
    figures["session"] = _child("session", {"out": str(folder / "out"), "questions": ENTITY_QUESTIONS}, limit_gb)
    startup = _run([PYTHON, "-c", "pass"], limit_gb)["seconds"]
    query = _run([*HELIXGRAPH, "query", "cq18", "--out", str(folder / "out")], limit_gb, env=_env())
    startup_cpu = _run([PYTHON, "-c", "pass"], limit_gb)["cpu"]
    figures["cli_query"] = {"seconds": query["seconds"], "startup": startup, "beyond_startup": query["seconds"] - startup,
                            "cpu": query["cpu"], "beyond_startup_cpu": query["cpu"] - startup_cpu}
    return figures


def _cell(value: float, target: float, *, lower_is_better: bool = True, fmt: str = "{:.2f}") -> str:
    met = value <= target if lower_is_better else value >= target
    return f"{fmt.format(value)} ({'met' if met else 'missed'})"


def _row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def table(figures: dict) -> str:
    """The figures as Markdown rows, each against its target: wall time, and processor time (all
    threads), which a machine shared with other work disturbs less."""
    scale, parse, parse_cpu = figures["scale"], figures["parse"]["seconds"], figures["parse"]["cpu"]
    build, bare = figures["build"], figures["bare_build"]
    heading = (f"### {scale:,} entities ({figures['cores']} cores, load average at start "
               f"{figures['load_average'][0]:.1f})")
    lines = [heading, "", _row("what", "wall", "processor", "ratio to one parse (wall; processor)", "target"),
             _row(*["---"] * 5),
             _row(f"one in-memory Oxigraph parse of the source TriG ({figures['parse']['quads']:,} quads)",
                  f"{parse:.1f} s", f"{parse_cpu:.1f} s", "1", ""),
             _row("`helixgraph build --no-analysis --no-render --formats trig`",
                  f"{bare['seconds']:.1f} s, peak {bare['peak_gib']:.2f} GiB", f"{bare['cpu']:.1f} s",
                  f"{bare['seconds'] / parse:.1f}x; {bare['cpu'] / parse_cpu:.1f}x", "")]
    memory_target = TARGETS["build_peak_gib"] if scale <= 200_000 else TARGETS["build_peak_gib_1m"]
    if build["code"] != 0:
        why = "stopped by the memory watchdog" if build.get("killed") else f"exit {build['code']}"
        lines.append(_row("`helixgraph build` (default)", f"did not finish: {why}", "", "", ""))
        return "\n".join(lines)
    lines.append(_row("**`helixgraph build` (default), end to end**",
                      f"**{build['seconds']:.1f} s**, peak {_cell(build['peak_gib'], memory_target)} GiB "
                      f"(proportional; resident sum {build.get('peak_rss_gib', float('nan')):.2f} GiB)",
                      f"{build['cpu']:.1f} s",
                      f"**{_cell(build['seconds'] / parse, TARGETS['build_ratio'], fmt='{:.1f}x')}; "
                      f"{_cell(build['cpu'] / parse_cpu, TARGETS['build_ratio'], fmt='{:.1f}x')}**",
                      f"<= 8x, < {memory_target:g} GiB"))
    for name, seconds in build["stages"].items():
        cpu = build["stages_cpu"].get(name, float("nan"))
        lines.append(_row(f"&nbsp;&nbsp;stage: {name}", f"{seconds:.1f} s", f"{cpu:.1f} s",
                          f"{seconds / parse:.1f}x; {cpu / parse_cpu:.1f}x", ""))
    lines += session_rows(figures["session"], parse, parse_cpu)
    cli = figures["cli_query"]
    lines.append(_row("`helixgraph query cq18` from disk, fresh process, beyond the interpreter's start-up",
                      f"{_cell(cli['beyond_startup'], TARGETS['cli_query_seconds'])} s "
                      f"(start-up {cli['startup']:.2f} s)", f"{cli['beyond_startup_cpu']:.2f} s", "", "<= 0.5 s"))
    return "\n".join(lines)


def session_rows(session: dict, parse: float | None = None, parse_cpu: float | None = None) -> list[str]:
    """The session's figures (open, rows, entity questions) as Markdown rows of :func:`table`; without
    the parse measured in the same run, the ratio column of the open is left empty."""
    lines = []
    cells = 3 * session["rows_n"]
    ratio_open = (f"{session['open'] / parse:.1f}x; {session['open_cpu'] / parse_cpu:.1f}x" if parse else "")
    lines.append(_row("session: `open_store(out, in_memory=True)`", f"{_cell(session['open'], 3.0)} s",
                      f"{session['open_cpu']:.1f} s", ratio_open, "<= 3 s"))
    lines.append(_row(f"rows: raw iteration of {session['rows_n']:,} rows", f"{session['raw']:.2f} s",
                      f"{session['raw_cpu']:.2f} s", "", ""))
    for key, what in (("rows", "rows as Python tuples"), ("dataframe", "rows as a typed DataFrame")):
        rate = _cell(cells / session[key] / 1e6, TARGETS["cells_per_second"] / 1e6, lower_is_better=False)
        ratio = _cell(session[key] / session["raw"], TARGETS["rows_ratio"], fmt="{:.1f}x")
        ratio_cpu = _cell(session[f"{key}_cpu"] / session["raw_cpu"], TARGETS["rows_ratio"], fmt="{:.1f}x")
        lines.append(_row(what, f"{session[key]:.2f} s, {rate} M cells/s", f"{session[f'{key}_cpu']:.2f} s",
                          f"{ratio}; {ratio_cpu} the raw iteration", ">= 2M cells/s, <= 3x raw"))
    for key, value in session.items():
        if ":" in key:
            where, name = key.split(":", 1)
            target = TARGETS["entity_memory_ms"] if where == "memory" else TARGETS["entity_disk_ms"]
            lines.append(_row(f"entity question, {name}, {where} ({value['rows']} rows)",
                              f"{_cell(value['median_ms'], target, fmt='{:.1f}')} ms median", "", "",
                              f"<= {target:g} ms"))
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=100_000)
    parser.add_argument("--workdir", type=Path, default=ROOT / "benchmarks" / ".work")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--memory-limit-gb", type=float, default=10.0)
    parser.add_argument("--out", type=Path, default=None, help="Also write the Markdown table here.")
    parser.add_argument("--session", type=Path, default=None, metavar="OUT",
                        help="Time only the session (open, rows, entity questions) on the build in OUT.")
    args = parser.parse_args(argv)
    if args.session is not None:
        session = _child("session", {"out": str(args.session), "questions": ENTITY_QUESTIONS},
                         args.memory_limit_gb)
        load = os.getloadavg()
        print(json.dumps(session, indent=2))
        print(f"load average after: {load[0]:.1f}, {load[1]:.1f}, {load[2]:.1f}")
        print("\n".join([_row("what", "wall", "processor", "ratio", "target"), _row(*["---"] * 5),
                         *session_rows(session)]))
        return
    args.workdir.mkdir(parents=True, exist_ok=True)
    figures = measure(args.scale, args.workdir, limit_gb=args.memory_limit_gb, repeat=args.repeat)
    (args.workdir / f"build-{args.scale}.json").write_text(json.dumps(figures, indent=2), encoding="utf-8")
    text = table(figures)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
