"""Benchmark every stage of helixgraph at a chosen scale against the plain way, and print a Markdown table.

    python -m benchmarks.run --scale 10000 [--repeat 3] [--bound 120] [--stages build,queries,...]
                             [--queries cq05,cq36] [--out table.md] [--workdir DIR] [--profile]

Stages: build (load + validate + store + serialisations), each shipped competency query,
projection, the analysis suite, rendering the HTML, the page becoming interactive in headless
Chromium, and (up to 20K entities by default) loading the same records from JSON Lines and from YAML.
For each, helixgraph's way ("ours") and the way a user would write it by hand ("plain": rdflib's
in-memory store and SPARQL engine, pySHACL on the whole graph, ``rdflib_to_networkx`` with NetworkX
defaults, pyvis defaults) run in the same invocation, each run in a fresh forked process; the table
gives the median wall time of ``--repeat`` runs, the peak resident memory, the ratio and whether the
issue's targets are met. A run still going after ``--bound`` seconds is killed and shown as "> bound";
a run longer than ``--single-above`` seconds is not repeated. Query answers are compared row by row
(sorted, as text, numbers as numbers) wherever both ways finish.

The inputs are generated and prepared once per scale in ``--workdir`` (``benchmarks/.work`` by
default) and reused while the generator is unchanged.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GIB = 1024 * 1024  # KiB

#: The performance targets: seconds for ours, least ratio against the plain way, memory in KiB.
TARGETS = {
    "build": {"seconds": 15.0, "ratio": 10.0},
    "queries": {"seconds": 0.050, "ratio": 20.0},
    "analysis": {"seconds": 60.0},
    "render": {"seconds": 10.0},
    "page": {"seconds": 2.0},
}
MEMORY_TARGET_KIB = 2 * GIB

_LABELS = {
    "build": "build: load + validate + store + write",
    "open": "open the store in memory (once per session)",
    "projection": "projection to NetworkX",
    "analysis": "analysis suite",
    "render": "render: HTML written",
    "page": "render: page interactive",
}


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _default_stages(scale: int) -> list[str]:
    from benchmarks.stages import STAGE_ORDER

    return [s for s in STAGE_ORDER if s != "formats" or scale <= 20_000]


def snapshot(workdir: Path) -> Path:
    """Copy helixgraph and the benchmark code into ``workdir/code``; every process of the run imports
    that copy, so edits made to the working tree while a long run goes on do not mix into it."""
    import shutil

    code = workdir / "code"
    shutil.rmtree(code, ignore_errors=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".work")
    shutil.copytree(ROOT / "helixgraph", code / "helixgraph", ignore=ignore)
    shutil.copytree(ROOT / "benchmarks", code / "benchmarks", ignore=ignore)
    return code


def _revision() -> str:
    """The commit of the working tree, and whether the package has uncommitted changes."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "helixgraph"], cwd=ROOT, capture_output=True,
                               text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown revision"
    return f"commit {head}" + (" with uncommitted changes to helixgraph/" if dirty else "")


_CODE = ROOT  # where the worker processes import helixgraph and the benchmarks from


def _run_worker(spec: dict, timeout: float) -> list[dict]:
    results = Path(spec["results"])
    results.unlink(missing_ok=True)
    command = [sys.executable, "-m", "benchmarks.stages", json.dumps(spec)]
    process = subprocess.Popen(command, cwd=_CODE, start_new_session=True)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    records = []
    if results.exists():
        records = [json.loads(line) for line in results.read_text(encoding="utf-8").splitlines() if line.strip()]
    return records


def run_stage(stage: str, side: str, items: list[str] | None, *, prep: Path, tmp: Path, repeat: int,
              bound: float, single_above: float, profile: Path | None) -> dict[str, dict]:
    """Run one stage on one side in its own worker process; the records by item."""
    from benchmarks.stages import STAGES

    names = items or STAGES[stage].items()
    spec = {"stage": stage, "side": side, "items": names, "prep": str(prep), "tmp": str(tmp / f"{stage}-{side}"),
            "results": str(tmp / f"{stage}-{side}.jsonl"), "repeat": repeat, "bound": bound,
            "single_above": single_above, "profile": str(profile) if profile else None}
    setup_bound = max(900.0, bound)
    timeout = setup_bound + len(names) * (repeat + (2 if profile else 0)) * (bound + 15)
    records = {r["item"]: r for r in _run_worker(spec, timeout)}
    for name in names:
        records.setdefault(name, {"item": name, "status": "error", "error": "the worker stopped before this item"})
    return records


# -- the table ---------------------------------------------------------------------------------------


def _seconds(value: float) -> str:
    if value < 1:
        return f"{value * 1000:.1f} ms"
    return f"{value:.2f} s" if value < 100 else f"{value:.0f} s"


def _time_cell(record: dict, bound: float, repeat: int) -> str:
    status = record.get("status")
    if status == "ok":
        text = _seconds(record["median"])
        return text + (" †" if len(record["runs"]) < repeat else "")
    if status == "bound":
        return f"> {_seconds(bound)}"
    if status == "skipped":
        return f"skipped ({record.get('error')})"
    return "error"


def _peak_cell(record: dict) -> str:
    kib = record.get("peak_kib")
    return f"{kib / 1024:.0f}" if kib else "–"


def _ratio(ours: dict, plain: dict, bound: float) -> tuple[str, float | None]:
    if ours.get("status") != "ok":
        return "–", None
    if plain.get("status") == "ok":
        value = plain["median"] / ours["median"]
        return f"{value:.1f}×" if value < 100 else f"{value:.0f}×", value
    if plain.get("status") == "bound":
        value = bound / ours["median"]
        return (f"> {value:.1f}×" if value < 100 else f"> {value:.0f}×"), value
    return "–", None


def _same(stage: str, ours: dict, plain: dict) -> str:
    a, b = ours.get("result") or {}, plain.get("result") or {}
    if stage == "build":
        if ours.get("status") != "ok":
            return "–"
        verdict = f"{a.get('violations', '?')} violations"
        if plain.get("status") == "ok":
            verdict += f"; pySHACL: {'conforms' if b.get('conforms') else 'does not conform'}"
        return verdict
    if stage == "queries":
        if ours.get("status") != "ok" or plain.get("status") != "ok":
            return f"– ({a['rows']} rows)" if ours.get("status") == "ok" else "–"
        if a["digest"] == b["digest"]:
            return f"yes ({a['rows']} rows)"
        if a["distinct_digest"] == b["distinct_digest"]:
            return f"same distinct rows; ours {a['rows']} rows, plain {b['rows']} (duplicates differ)"
        return f"**no** (ours {a['rows']} rows, plain {b['rows']})"
    if stage == "open" and a and b:
        return f"{'yes' if a['quads'] == b['quads'] else '**no**'} ({a['quads']:,} quads; {b['quads']:,} in rdflib)"
    if stage == "projection" and a:
        text = f"n/a: {a['nodes']:,} nodes, {a['edges']:,} edges"
        return text + (f" vs {b['nodes']:,} / {b['edges']:,}" if b else "")
    if stage == "analysis" and a.get("agreement"):
        worst = max(a["agreement"].values())
        return f"{'yes' if worst < 1e-6 else '**no**'} (vs NetworkX on our view, max diff {worst:.1e})"
    if stage == "analysis" and a.get("betweenness_agreement") is not None:
        text = (f"n/a; betweenness from {a['betweenness_sources']:,} sampled sources: its halves share "
                f"{a['betweenness_agreement']} of the top {a['betweenness_top']}; modularity null "
                f"{a.get('modularity_draws', 0)} draws")
        return text + ("; plain: " + "; ".join(b["problems"]) if b.get("problems") else "")
    if stage == "analysis" and b.get("problems"):
        return "n/a; plain: " + "; ".join(b["problems"])
    if stage == "formats" and a and b:
        return f"{'yes' if a['digest'] == b['digest'] else '**no**'} ({a['triples']:,} triples)"
    return "n/a"


def _target(stage: str, ours: dict, ratio: float | None) -> str:
    if ours.get("status") != "ok":
        return "–" if ours.get("status") == "skipped" else "**no** (did not finish)"
    misses = []
    goal = TARGETS.get(stage, {})
    if "seconds" in goal and ours["median"] > goal["seconds"]:
        misses.append(f"{_seconds(ours['median'])} > {_seconds(goal['seconds'])}")
    if "ratio" in goal and (ratio is None or ratio < goal["ratio"]):
        misses.append(f"{ratio:.1f}× < {goal['ratio']:.0f}×" if ratio is not None else "no ratio")
    result = ours.get("result") or {}
    if stage == "analysis" and result.get("betweenness_reached") is False:
        misses.append(f"betweenness top-{result['betweenness_top']} agreement {result['betweenness_agreement']} "
                      f"< {result['betweenness_target']}")
    if ours.get("peak_kib", 0) > MEMORY_TARGET_KIB:
        misses.append(f"{ours['peak_kib'] / 1024:.0f} MiB > 2 GiB")
    if not goal and not misses:
        return "yes (memory)"
    return "yes" if not misses else "**no**: " + ", ".join(misses)


def _versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    names = ("pyoxigraph", "rdflib", "pyshacl", "networkx", "igraph", "pyvis")
    found = []
    for name in names:
        try:
            found.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            pass
    return ", ".join(found)


def table(results: dict, meta: dict, args, command: str) -> str:
    """The Markdown report: a header on the data and the machine, the main table, the formats table."""
    bound = args.bound
    lines = [
        f"### helixgraph benchmark: {meta['entities']:,} entities",
        "",
        (f"- data: {meta['entities']:,} entities in {meta['sources']} source files, {meta['triples']:,} triples "
         f"({meta['data_triples'] / meta['entities']:.1f} per entity); network: {meta['network_nodes']:,} nodes "
         f"({meta['network_actors']:,} actors and parks), {meta['network_edges']:,} relations, "
         f"{meta['network_ties']:,} ties"),
        (f"- machine: {os.cpu_count()} cores, {_memory_gib():.0f} GiB, Python {platform.python_version()}; "
         f"{_versions()}"),
        (f"- {_runs(args.repeat)} per cell (median; † = fewer, as a run took over {args.single_above:.0f} s), "
         f"each in a fresh forked process; plain runs stopped at {bound:.0f} s, ours at {args.ours_bound:.0f} s; "
         f"peak = largest resident set of the run"),
        f"- command: `{command}` ({dt.date.today().isoformat()}, helixgraph at {args.revision})",
        "",
        ("| stage | ours (median) | ours peak MiB | plain (median) | plain peak MiB | ratio | same results | "
         "target met? |"),
        "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    query_verdicts = []
    for stage in args.stages:
        if stage == "formats" or stage not in results:
            continue
        for item, ours in results[stage]["ours"].items():
            plain = results[stage]["plain"].get(item, {})
            ratio_text, ratio = _ratio(ours, plain, bound)
            verdict = _target(stage, ours, ratio)
            label = f"query {item}" if stage == "queries" else _LABELS.get(stage, stage)
            plain_time = _time_cell(plain, bound, args.repeat) if plain else "–"
            lines.append(f"| {label} | {_time_cell(ours, args.ours_bound, args.repeat)} | {_peak_cell(ours)} | {plain_time} | "
                         f"{_peak_cell(plain)} | {ratio_text} | {_same(stage, ours, plain)} | {verdict} |")
            if stage == "queries":
                query_verdicts.append((ours, plain, ratio, verdict))
        if stage == "queries" and query_verdicts:
            lines.append(_query_summary(query_verdicts))
    if "formats" in args.stages and "formats" in results:
        lines += ["", "Loading the same records (`load_sources`: read, check against the ontology, make triples):",
                  "", "| source format | median | peak MiB | ratio | same triples |", "| --- | ---: | ---: | ---: | --- |"]
        for item, ours in results["formats"]["ours"].items():
            plain = results["formats"]["plain"].get(item, {})
            ratio_text, _ = _ratio(ours, plain, bound)
            same = _same("formats", ours, plain)
            lines.append(f"| JSON Lines | {_time_cell(ours, args.ours_bound, args.repeat)} | {_peak_cell(ours)} | 1× | {same} |")
            lines.append(f"| YAML | {_time_cell(plain, bound, args.repeat)} | {_peak_cell(plain)} | {ratio_text} slower | |")
    return "\n".join(lines) + "\n"


def _runs(n: int) -> str:
    return "1 run" if n == 1 else f"{n} runs"


def _query_summary(verdicts: list) -> str:
    finished = [o for o, _, _, _ in verdicts if o.get("status") == "ok"]
    worst = max((o["median"] for o in finished), default=0.0)
    ratios = [r for _, _, r, _ in verdicts if r is not None]
    same = sum(1 for o, p, _, _ in verdicts if o.get("status") == p.get("status") == "ok"
               and o["result"]["digest"] == p["result"]["digest"])
    both = sum(1 for o, p, _, _ in verdicts if o.get("status") == p.get("status") == "ok")
    met = sum(1 for *_, v in verdicts if v == "yes")
    bounded = sum(1 for _, p, _, _ in verdicts if p.get("status") == "bound")
    return (f"| **all {len(verdicts)} queries** | max {_seconds(worst)} | | {bounded} past the bound | | "
            f"min {min(ratios, default=0):.1f}× | {same} of {both} the same | {met} of {len(verdicts)} |")


def _memory_gib() -> float:
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            return int(handle.readline().split()[1]) / GIB
    except OSError:
        return 0.0


# -- main ---------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=10_000, help="entities to generate (default 10000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per cell, the median is shown (default 3)")
    parser.add_argument("--bound", type=float, default=120.0,
                        help="seconds after which a run of the plain way is stopped (default 120)")
    parser.add_argument("--ours-bound", type=float, default=None,
                        help="the same for helixgraph's runs (default: the larger of --bound and 600)")
    parser.add_argument("--single-above", type=float, default=60.0,
                        help="a run longer than this many seconds is not repeated (default 60)")
    parser.add_argument("--stages", default=None,
                        help="comma-separated: build,open,queries,projection,analysis,render,page,formats")
    parser.add_argument("--queries", default=None, help="comma-separated query names or prefixes (cq05,cq36)")
    parser.add_argument("--sides", default="ours,plain", help="ours, plain or both (default)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--sources", type=int, default=None, help="source files (default: scale/5000, >= 2)")
    parser.add_argument("--workdir", default=str(ROOT / "benchmarks" / ".work"))
    parser.add_argument("--out", default=None, help="also write the Markdown table to this file")
    parser.add_argument("--profile", action="store_true",
                        help="after timing, profile one more run of each of ours (cProfile, into the workdir)")
    parser.add_argument("--no-snapshot", action="store_true",
                        help="import helixgraph from the working tree instead of a copy taken at the start")
    args = parser.parse_args(argv)
    from benchmarks.stages import STAGE_ORDER, query_names

    args.stages = args.stages.split(",") if args.stages else _default_stages(args.scale)
    unknown = [s for s in args.stages if s not in STAGE_ORDER]
    if unknown:
        parser.error(f"unknown stage(s) {', '.join(unknown)}; choose from {', '.join(STAGE_ORDER)}")
    args.stages = [s for s in STAGE_ORDER if s in args.stages]
    args.ours_bound = args.ours_bound or max(args.bound, 600.0)
    sides = [s for s in ("ours", "plain") if s in args.sides.split(",")]
    queries = None
    if args.queries:
        wanted = args.queries.split(",")
        queries = [q for q in query_names() if any(q == w or q.startswith(w) for w in wanted)]
    command = "python -m benchmarks.run " + " ".join(argv if argv is not None else sys.argv[1:])

    from benchmarks.prepare import prep_dir, read_meta

    global _CODE
    started = time.perf_counter()
    args.workdir = str(Path(args.workdir).resolve())
    Path(args.workdir).mkdir(parents=True, exist_ok=True)
    args.revision = _revision()
    if not args.no_snapshot:
        _CODE = snapshot(Path(args.workdir))
    _log(f"preparing {args.scale} entities in {args.workdir} ...")
    subprocess.run([sys.executable, "-m", "benchmarks.prepare", "--scale", str(args.scale), "--workdir",
                    args.workdir, "--seed", str(args.seed)] + (["--sources", str(args.sources)] if args.sources else []),
                   cwd=_CODE, check=True)
    prep = prep_dir(args.workdir, args.scale)
    meta = read_meta(prep)
    tmp = prep / "runs"
    profile = prep / "profiles" if args.profile else None
    results: dict = {}
    for stage in args.stages:
        results[stage] = {"ours": {}, "plain": {}}
        for side in sides:
            bound = args.ours_bound if side == "ours" else args.bound
            _log(f"== {stage} ({side}) ==")
            results[stage][side] = run_stage(stage, side, queries if stage == "queries" else None, prep=prep,
                                             tmp=tmp, repeat=args.repeat, bound=bound,
                                             single_above=args.single_above,
                                             profile=profile if side == "ours" else None)
    report = table(results, meta, args, command)
    (prep / f"results-{args.scale}.json").write_text(json.dumps({"meta": meta, "results": results}, indent=1,
                                                                default=str), encoding="utf-8")
    print(report)
    if args.out:
        Path(args.out).write_text(report, encoding="utf-8")
    _log(f"done in {time.perf_counter() - started:.0f} s; raw results in {prep / f'results-{args.scale}.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
