"""The main job: source files in; a validated dataset, its serialisations and the store out.

Everything is written into a fresh folder beside the outputs first and moved into place only when
every step has succeeded, so a build that fails or is interrupted leaves the previous outputs as
they were.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from helixgraph.errors import ValidationError
from helixgraph.gc_pause import gc_paused
from helixgraph.graph.store import STORE_DIR, compact, copy_graphs, nquads
from helixgraph.loaders import LoadedSource, iter_sources
from helixgraph.ontology.model import load_ontology, local_name
from helixgraph.ontology.prefixes import ECO_NS, ONTOLOGY_GRAPH, PREFIXES
from helixgraph.shacl import validate_store

__all__ = ["OUTPUT_FILES", "SERIALISATIONS", "BuildReport", "build", "bundled_sources", "write_serialisations"]

#: The dataset's serialisations a build writes.
SERIALISATIONS = ("ecosystem.trig", "ecosystem.ttl", "ecosystem.jsonld")
#: Files a build writes into its output folder, besides the store folder and the steps' files.
OUTPUT_FILES = (*SERIALISATIONS, "build-report.json")

#: A step that runs on the finished store inside the build's scratch folder and returns the names
#: of the files it wrote there (the analysis and the explorer plug in this way).
BuildStep = Callable[[ox.Store, Path, "BuildReport"], list[str]]


def bundled_sources() -> Path:
    """The folder of source files shipped with helixgraph (the Zhongguancun dataset)."""
    return Path(str(resources.files("helixgraph") / "data" / "sources"))


@dataclass
class BuildReport:
    """What a build produced: counts per source and class, validation result, files written."""

    out: Path
    sources: dict[str, str] = field(default_factory=dict)
    triples_per_graph: dict[str, int] = field(default_factory=dict)
    entities_per_class: dict[str, int] = field(default_factory=dict)
    violations: list = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def total_triples(self) -> int:
        return sum(self.triples_per_graph.values())

    def summary(self) -> str:
        """A plain-text summary for the terminal."""
        lines = [f"Built {self.total_triples} triples from {len(self.sources)} source(s) into {self.out}/", ""]
        lines.append("Triples per graph:")
        width = max((len(g) for g in self.triples_per_graph), default=0)
        lines += [f"  {g.ljust(width)}  {n:>8}" for g, n in self.triples_per_graph.items()]
        lines += ["", "Entities per class:"]
        width = max((len(c) for c in self.entities_per_class), default=0)
        lines += [f"  {c.ljust(width)}  {n:>8}" for c, n in self.entities_per_class.items()]
        lines += ["", f"SHACL validation: {'conforms, 0 violations' if not self.violations else 'FAILED'}"]
        lines += self.notes
        lines += ["", "Wrote: " + ", ".join(self.files)]
        return "\n".join(lines)

    def to_json(self) -> dict:
        return {
            "sources": self.sources,
            "triples_per_graph": self.triples_per_graph,
            "entities_per_class": self.entities_per_class,
            "violations": [str(v) for v in self.violations],
            "files": self.files,
        }


_ENTITIES_PER_CLASS = f"""
SELECT ?class (COUNT(?entity) AS ?n) WHERE {{
  GRAPH ?g {{ ?entity a ?class }}
  FILTER (?g != <{ONTOLOGY_GRAPH}> && STRSTARTS(STR(?class), "{ECO_NS}") && ?class != <{ECO_NS}Source>)
}} GROUP BY ?class"""


def _entities_per_class(store: ox.Store) -> dict[str, int]:
    """How many typings of each ontology class the sources state (sources themselves left out)."""
    counts = {local_name(row["class"].value): int(row["n"].value) for row in store.query(_ENTITIES_PER_CLASS)}
    return dict(sorted(counts.items()))


def graphs_of(sources: list[LoadedSource]):
    """``(graph name, triples)`` pairs: the ontology's graph and one per source."""
    yield str(ONTOLOGY_GRAPH), load_ontology().graph
    for source in sources:
        yield str(source.iri), source.triples


def write_serialisations(store: ox.Store, folder: Path) -> None:
    """Write the store as TriG and JSON-LD (named graphs kept) and as Turtle (their union) into ``folder``.

    The Turtle file is each graph's Turtle one after another: Turtle allows prefixes to be declared
    again, and a triple stated in two graphs is one triple of the union. Copying the quads into a
    union store first took longer than writing all three files.
    """
    store.dump(str(folder / "ecosystem.trig"), ox.RdfFormat.TRIG, prefixes=PREFIXES)
    store.dump(str(folder / "ecosystem.jsonld"), ox.RdfFormat.JSON_LD, prefixes=PREFIXES)
    with open(folder / "ecosystem.ttl", "wb") as turtle:
        for graph in sorted(store.named_graphs(), key=lambda g: g.value):
            store.dump(turtle, ox.RdfFormat.TURTLE, from_graph=graph, prefixes=PREFIXES)


def _move_into_place(scratch: Path, out: Path, names: list[str]) -> None:
    for name in names:
        target = out / name
        if (scratch / name).is_dir():
            old = None
            if target.exists():
                old = out / f".old-{name}-{os.getpid()}"
                os.replace(target, old)
            os.replace(scratch / name, target)
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(scratch / name, target)


def build(sources: Iterable[str | Path] | None = None, out: str | Path = "out", *,
          steps: Iterable[BuildStep] = ()) -> BuildReport:
    """Load, validate and write the dataset; run the extra ``steps``; move everything into ``out``.

    Parameters
    ----------
    sources
        Source files or folders of them; the bundled Zhongguancun dataset when None.
    out
        The output folder. Its previous contents stay untouched unless the whole build succeeds.
    steps
        Further work on the validated data (analysis, rendering), each returning the files it wrote.
        Steps get an in-memory copy of the store; the named graphs they add to it are copied into
        the on-disk store. They may add graphs but not change the sources' graphs.

    Raises
    ------
    LoadError
        A source file is malformed or does not fit the ontology (nothing is written).
    ValidationError
        The data loads but breaks SHACL shapes (nothing is written).
    """
    paths = list(sources) if sources else [bundled_sources()]
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    report = BuildReport(out=out)
    scratch = Path(tempfile.mkdtemp(prefix=".building-", dir=out))
    try:
        # Oxigraph parses and indexes in Rust without the GIL: each source, once converted, is
        # loaded into an in-memory store and into the on-disk store on other threads while the next
        # one is converted. The checks, steps and serialisations then run on the in-memory store,
        # which Oxigraph reads several times faster, while RocksDB finishes the on-disk one.
        with ThreadPoolExecutor(1, "helixgraph-memory") as to_memory, \
                ThreadPoolExecutor(1, "helixgraph-disk") as to_disk:
            store, disk = ox.Store(), ox.Store(str(scratch / STORE_DIR))
            in_memory, on_disk = [], []

            def feed(name: str, triples) -> None:
                data = nquads([(name, triples)])
                in_memory.append(to_memory.submit(store.bulk_load, data, ox.RdfFormat.N_QUADS))
                on_disk.append(to_disk.submit(disk.bulk_load, data, ox.RdfFormat.N_QUADS))

            with gc_paused():
                feed(str(ONTOLOGY_GRAPH), load_ontology().graph)
                for source in iter_sources(paths):
                    report.sources[source.source_id] = source.path
                    feed(str(source.iri), source.triples)
                    del source
            on_disk.append(to_disk.submit(compact, disk))
            for done in in_memory:
                done.result()
            report.entities_per_class = _entities_per_class(store)
            violations = validate_store(store)
            if violations:
                raise ValidationError(violations)
            written = [STORE_DIR]
            before = set(store.named_graphs())
            for step in steps:
                written += step(store, scratch, report)
            write_serialisations(store, scratch)
            counts = store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g")
            report.triples_per_graph = {row["g"].value: int(row["n"].value) for row in counts}
            for done in on_disk:
                done.result()
        copy_graphs(store, disk, [g for g in store.named_graphs() if g not in before])
        store = disk = None  # close the stores before their folder moves
        report.files = [*SERIALISATIONS, *written]
        (scratch / "build-report.json").write_text(json.dumps(report.to_json(), indent=2, ensure_ascii=False),
                                                   encoding="utf-8")
        report.files.append("build-report.json")
        _move_into_place(scratch, out, report.files)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return report
