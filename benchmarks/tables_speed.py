"""Time a large table loaded through a mapping file against the same records as JSON Lines.

``python -m benchmarks.tables_speed --rows 1000000`` writes a CSV of N member companies and a
YARRRML mapping for it, and the same N records as a JSON Lines source file, into
``benchmarks/.work/tables-N/`` (generated, never committed), then loads each in a fresh process
with :func:`helixgraph.loaders.iter_sources` (read, check against the ontology, convert to triples),
the garbage collector paused as in ``helixgraph build``, and prints wall-clock and CPU seconds (the
CPU time is the fairer figure on a shared machine), CPU microseconds per record and peak memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

WORK = Path(__file__).parent / ".work"
FIELDS = ["LifeSciences", "InnovativeDrugs", "Antibodies", "CellGeneTherapy", "MedicalDevices"]
MAPPING = """mappings:
  members:
    sources: [[members.csv~csv]]
    graph: {id: members, title: {en: Member companies}, publisher: Benchmark, issued: 2026-01-01, language: en}
    s: hx:company-$(code)
    po:
      - [a, eco:Company]
      - [rdfs:label, $(name), en~lang]
      - [eco:sector, Industry]
      - [eco:founded, $(founded)]
      - [eco:technologyField, $(field)]
"""


def write_inputs(rows: int, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "members.csv").open("w", encoding="utf-8") as csv, \
            (folder / "members.jsonl").open("w", encoding="utf-8") as jsonl:
        csv.write("code,name,founded,field\n")
        jsonl.write(json.dumps({"source": {"id": "members", "title": {"en": "Member companies"},
                                           "publisher": "Benchmark", "issued": "2026-01-01",
                                           "language": "en"}}) + "\n")
        for i in range(rows):
            founded = f"{1990 + i % 35}-{1 + i % 12:02d}"
            field = FIELDS[i % len(FIELDS)]
            csv.write(f"c{i},Member Company {i},{founded},{field}\n")
            jsonl.write(json.dumps({"id": f"company-c{i}", "type": "Company", "para": i + 2,
                                    "label": {"en": f"Member Company {i}"}, "sector": "Industry",
                                    "founded": founded, "technologyField": field}) + "\n")
    (folder / "members.yarrrml.yaml").write_text(MAPPING, encoding="utf-8")


def time_one(path: Path) -> dict:
    """Load one source file in this process; its seconds, triples and peak memory."""
    from helixgraph.gc_pause import gc_paused
    from helixgraph.loaders import iter_sources
    from helixgraph.ontology.model import load_ontology

    load_ontology()
    start, cpu = time.perf_counter(), time.process_time()
    with gc_paused():  # as the build does
        triples = sum(len(s.triples) for s in iter_sources([path]))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "cpu": cpu, "triples": triples, "peak_mib": peak}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(time_one(args.one)))
        return
    folder = WORK / f"tables-{args.rows}"
    if not (folder / "members.csv").exists():
        write_inputs(args.rows, folder)
    print("| path | rows | wall s | CPU s | CPU µs per record | triples | peak memory |\n"
          "| --- | --- | --- | --- | --- | --- | --- |")
    for name, file in (("CSV through the mapping", "members.yarrrml.yaml"), ("JSON Lines", "members.jsonl")):
        done = subprocess.run([sys.executable, "-m", "benchmarks.tables_speed", "--one", str(folder / file)],
                              capture_output=True, text=True, check=True)
        result = json.loads(done.stdout)
        print(f"| {name} | {args.rows:,} | {result['seconds']:.1f} | {result['cpu']:.1f} | "
              f"{result['cpu'] / args.rows * 1e6:.1f} | {result['triples']:,} | {result['peak_mib']:,.0f} MiB |")


if __name__ == "__main__":
    main()
