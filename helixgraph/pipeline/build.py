"""The main job: source files in; a validated dataset, its serialisations, the store and the steps' files out.

Everything is written into a fresh folder beside the outputs first and moved into place only when
every step has succeeded, so a build that fails or is interrupted leaves the previous outputs as
they were.
"""

from __future__ import annotations

import gc
import json
import warnings
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from functools import partial
from pathlib import Path

import pyoxigraph as ox

from helixgraph import generations
from helixgraph.data import bundled_sources
from helixgraph.errors import ValidationError
from helixgraph.files import output_errors
from helixgraph.gc_pause import collector_relaxed, gc_paused
from helixgraph.generations import generation_name, new_generation
from helixgraph.graph.store import STORE_DIR, compact, copy_graphs, load_graphs, nquads, triples_per_graph
from helixgraph.iris import local_name
from helixgraph.loaders import LoadedSource, iter_sources, load_sources, source_files_in
from helixgraph.memory_release import release_memory
from helixgraph.ontology.model import load_ontology
from helixgraph.ontology.namespace import ECO
from helixgraph.ontology.prefixes import ONTOLOGY_GRAPH
from helixgraph.pipeline.projection_share import forget_projection
from helixgraph.pipeline.report import BuildReport
from helixgraph.pipeline.serialisations import SERIALISATIONS, default_formats, write_serialisations
from helixgraph.progress import logger, recording, stage
from helixgraph.shacl import validate_store

__all__ = ["MEMORY_COPY_LIMIT", "OUTPUT_FILES", "RELAXED_FROM", "BuildStep", "build", "graphs_of", "load_store"]

#: Quads up to which the build keeps an in-memory copy of the store for its checks, steps and
#: serialisations (Oxigraph reads it several times faster than the on-disk store, at about 330 bytes
#: a quad). Above it they read the on-disk store, and memory stays bounded whatever the data's size.
MEMORY_COPY_LIMIT = 4_000_000

#: Quads from which the steps run with the cyclic collector relaxed and a full collection between
#: two steps (see :mod:`helixgraph.gc_pause`); on smaller data a collection costs more than it saves.
RELAXED_FROM = 200_000

#: Files a build writes into its output folder, besides the store folder and the steps' files.
OUTPUT_FILES = (*SERIALISATIONS, "build-report.json")

#: A step that runs on the finished store inside the build's scratch folder and returns the names
#: of the files it wrote there (the analysis and the explorer plug in this way).
BuildStep = Callable[[ox.Store, Path, BuildReport], list[str]]

_ENTITIES_PER_CLASS = f"""
SELECT ?class (COUNT(?entity) AS ?n) WHERE {{
  GRAPH ?g {{ ?entity a ?class }}
  FILTER (?g != <{ONTOLOGY_GRAPH}> && STRSTARTS(STR(?class), "{ECO._NS}") && ?class != <{ECO.Source}>)
}} GROUP BY ?class"""



_EVIDENCE_COUNTS = f"""
SELECT (COUNT(?claim) AS ?own) (SUM(IF(?inferred, 1, 0)) AS ?curator) WHERE {{
  GRAPH ?g {{ ?claim a <http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement> ; <{ECO.inferred}> ?inferred }}
}}"""


def _evidence_counts(store: ox.Store) -> dict[str, int]:
    """How many statements carry evidence of their own, and how many of them the curator added."""
    row = next(iter(store.query(_EVIDENCE_COUNTS)))
    return {"own evidence": int(row["own"].value), "added by the curator": int(row["curator"].value)}


def _entities_per_class(store: ox.Store) -> dict[str, int]:
    """How many typings of each ontology class the sources state (sources themselves left out)."""
    counts = {local_name(row["class"].value): int(row["n"].value) for row in store.query(_ENTITIES_PER_CLASS)}
    return dict(sorted(counts.items()))


def graphs_of(sources: Iterable[LoadedSource]):
    """``(graph name, triples)`` pairs: the ontology's graph and one per source.

    >>> from helixgraph.loaders import load_sources
    >>> [name for name, _ in graphs_of(load_sources([bundled_sources()]))]  # doctest: +NORMALIZE_WHITESPACE
    ['https://w3id.org/helixgraph/graph/ontology', 'https://w3id.org/helixgraph/source/caixin-2025-10-01',
     'https://w3id.org/helixgraph/source/people-daily-2026-01-24']
    """
    yield str(ONTOLOGY_GRAPH), load_ontology().graph
    for source in sources:
        yield str(source.iri), source.triples


def load_store(sources: Iterable[str | Path] | None = None) -> ox.Store:
    """An in-memory store of the sources (the bundled dataset by default) and the ontology, loaded
    and checked against the ontology but not validated with SHACL, and written nowhere: the quick
    way to query or analyse sources in a session or an example.

    >>> store = load_store()
    >>> sorted(g.value.rsplit("/", 1)[1] for g in store.named_graphs())
    ['caixin-2025-10-01', 'ontology', 'people-daily-2026-01-24']
    """
    return load_graphs(ox.Store(), graphs_of(load_sources(list(sources) if sources else [bundled_sources()])))


def _step_name(step: BuildStep) -> str:
    return getattr(step, "stage_name", None) or getattr(step, "__name__", str(step))


def _reads_only(step: BuildStep) -> bool:
    """Whether ``step`` declares that it adds no graph to the store (``step.reads_only = True``)."""
    return bool(getattr(step, "reads_only", False))


def _run_steps(steps: Iterable[BuildStep], store: ox.Store, folder: Path, report: BuildReport,
               graphs_final: Callable[[], None] = lambda: None, *, large: bool = False) -> list[str]:
    """Run the build steps, each a timed stage; the warnings libraries raise meanwhile are logged.

    On ``large`` data (:data:`RELAXED_FROM` quads) the steps run with the collector relaxed
    (:func:`~helixgraph.gc_pause.collector_relaxed`), each but the last followed by a full collection.

    ``graphs_final`` is called once no step left adds a graph to the store: after the last step
    that may add one, before steps that only read (``reads_only``), so that what needs the
    finished store (the serialisations) can run beside them.

    A library warning (igraph's about an eigenvector on a graph in pieces, say) describes a
    computation the step has already dealt with; it goes to the ``helixgraph`` logger (shown with
    ``--verbose``) rather than onto the user's terminal.
    """
    steps = list(steps)
    last_adding = max((i for i, step in enumerate(steps) if not _reads_only(step)), default=-1)
    written: list[str] = []
    try:
        if last_adding < 0:
            graphs_final()
        for index, step in enumerate(steps):
            name = _step_name(step)
            generations.checkpoint(f"step {getattr(step, '__name__', step)}")
            with warnings.catch_warnings(record=True) as caught, stage(name), \
                    collector_relaxed() if large else nullcontext():
                warnings.simplefilter("always")
                written += step(store, folder, report)
            for warning in caught:
                logger.info("%s: %s (%s)", name, warning.message, warning.category.__name__)
            collected = large and index < len(steps) - 1
            if collected:
                gc.collect()  # what the step left in reference cycles, freed before the next one starts
            # The next step starts from what is still in use, not from this one's peak.
            release_memory(collect=not collected)
            if index == last_adding:
                graphs_final()
    finally:
        forget_projection()
    return written


def build(sources: Iterable[str | Path] | None = None, out: str | Path = "out", *,
          steps: Iterable[BuildStep] = (), allow_unreviewed: bool = False, stated_only: bool = False,
          formats: Iterable[str] | None = None, memory_copy_limit: int | None = MEMORY_COPY_LIMIT) -> BuildReport:
    """Load, validate and write the dataset, run the extra ``steps``; make it all ``out``'s current build.

    Each stage is timed (:mod:`helixgraph.progress`): ``build-report.json`` keeps the seconds under
    ``stages`` and the processor seconds of all threads under ``stages_cpu``.

    Parameters
    ----------
    sources
        Source files or folders of them; the worked example's when None.
    out
        The output folder. The build is written as a new generation of it (see
        :mod:`helixgraph.generations`) that replaces the current one only once complete.
    steps
        Further work on the validated data (analysis, rendering), each returning the files it wrote.
        Steps get an in-memory copy of the store; the named graphs they add to it are copied into
        the on-disk store. They may add graphs but not change the sources' graphs. A step that
        adds none says so (``step.reads_only = True``, as the explorer's does): the serialisations
        are written while it runs.
    allow_unreviewed
        Accept the records a draft marks as unreviewed candidates (refused by default).
    stated_only
        Leave the curator's additions out: only what the sources state is built (see
        :func:`helixgraph.loaders.load_documents`).
    formats
        The serialisations to write (names of :data:`~helixgraph.pipeline.serialisations.FORMATS`);
        by default TriG and Turtle, and JSON-LD up to
        :data:`~helixgraph.pipeline.serialisations.JSONLD_LIMIT` quads (the report notes a format
        left out).
    memory_copy_limit
        The most quads the sources may hold for the build to work on an in-memory copy of the store
        (:data:`MEMORY_COPY_LIMIT`); above it the checks, steps and serialisations read the on-disk
        store, and the report says so. None keeps a copy at every size. The outputs are the same
        either way.

    Raises
    ------
    LoadError
        A source file is malformed or does not fit the ontology (nothing is written).
    ValidationError
        The data loads but breaks SHACL shapes (nothing is written).
    OutputError
        ``out`` cannot be written (not a folder, no permission, disk full) or another build is
        writing into it.

    Examples
    --------
    >>> import tempfile
    >>> report = build(out=Path(tempfile.mkdtemp()) / "out")
    >>> report.violations, "ecosystem.trig" in report.files
    ([], True)
    >>> list(report.stages)[:3]
    ['reading sources', 'indexing in memory', 'validating']
    """
    paths = list(sources) if sources else [bundled_sources()]
    report = BuildReport(out=Path(out))
    with recording() as times, output_errors(out), new_generation(out) as folder:
        report.generation = generation_name(folder)
        # Oxigraph parses and indexes in Rust without the GIL: each source, once converted, is
        # loaded into an in-memory store and into the on-disk store on other threads while the next
        # one is converted. The checks, steps and serialisations then run on the in-memory store,
        # which Oxigraph reads several times faster, while RocksDB finishes the on-disk one. Once
        # no step is left that adds a graph, the graphs the steps added are copied into it and the
        # serialisations are written, on other threads, while the steps that only read run. Data
        # above the copy's limit is worked on in the on-disk store alone.
        with ThreadPoolExecutor(1, "helixgraph-memory") as to_memory, \
                ThreadPoolExecutor(1, "helixgraph-disk") as to_disk, \
                ThreadPoolExecutor(1, "helixgraph-files") as to_files:
            generations.checkpoint("store")
            store, disk = ox.Store(), ox.Store(str(folder / STORE_DIR))
            in_memory, on_disk = [], []
            quads = 0

            def feed(name: str, triples) -> None:
                nonlocal store, quads
                data = nquads([(name, triples)])
                quads += data.count(b"\n")  # N-Quads escape line breaks: one line per quad
                if store is not None and memory_copy_limit is not None and quads > memory_copy_limit:
                    for done in in_memory:  # what has not started never will; one running ends
                        done.cancel()
                    in_memory.clear()
                    store = None
                if store is not None:
                    in_memory.append(to_memory.submit(store.bulk_load, data, ox.RdfFormat.N_QUADS))
                on_disk.append(to_disk.submit(disk.bulk_load, data, ox.RdfFormat.N_QUADS))

            try:
                with gc_paused(), stage("reading sources", total=len(source_files_in(paths))) as advance:
                    feed(str(ONTOLOGY_GRAPH), load_ontology().graph)
                    for source in iter_sources(paths, allow_unreviewed=allow_unreviewed, stated_only=stated_only):
                        report.sources[source.source_id] = source.path
                        feed(str(source.iri), source.triples)
                        del source
                        advance()
                release_memory()
                if store is None:
                    limit = f"more than the in-memory copy's limit ({memory_copy_limit:,})"
                    report.notes += ["", (f"The sources hold {quads:,} quads, {limit}: the checks and steps read "
                                          "the on-disk store.")]
                    on_disk.append(to_disk.submit(compact, disk))  # compacted, RocksDB reads faster
                    with stage("indexing on disk"):
                        for done in on_disk:
                            done.result()
                    on_disk.clear()
                    store = disk
                else:
                    with stage("indexing in memory"):
                        for done in in_memory:
                            done.result()
                with stage("validating"):
                    report.entities_per_class = _entities_per_class(store)
                    report.evidence = _evidence_counts(store)
                    violations = validate_store(store)
                if violations:
                    raise ValidationError(violations)
                before = set(store.named_graphs())
                serialising: list = []

                def graphs_final() -> None:
                    """The store is final: copy the steps' graphs to disk, start the serialisations."""
                    added = [g for g in store.named_graphs() if g not in before]
                    # One compaction of the on-disk store, once the steps' graphs are in it.
                    if store is not disk:
                        on_disk.append(to_disk.submit(partial(copy_graphs, store, disk, added) if added
                                                      else partial(compact, disk)))
                    elif added:
                        on_disk.append(to_disk.submit(compact, disk))
                    report.triples_per_graph = triples_per_graph(store)
                    chosen = formats
                    if chosen is None:
                        chosen, left_out = default_formats(report.total_triples)
                        if left_out:
                            report.notes += ["", left_out]
                    generations.checkpoint("serialisations")
                    final = set(store.named_graphs())
                    serialising.append((final, to_files.submit(write_serialisations, store, folder, chosen)))

                written = [STORE_DIR, *_run_steps(steps, store, folder, report, graphs_final,
                                                  large=quads >= RELAXED_FROM)]
                final, serialised_files = serialising[0]
                if set(store.named_graphs()) != final:
                    raise RuntimeError("a build step declared reads_only added a graph to the store")
                with stage("writing serialisations"):
                    serialised = serialised_files.result()
            except BaseException:
                for done in on_disk:  # what has not started never will; the pool waits for the rest
                    done.cancel()
                # Drop the stores: once the pool's last task ends, RocksDB closes the on-disk one (and
                # stops its own threads) before the unfinished generation is removed.
                store = disk = None
                raise
            store = None  # the in-memory copy is no longer needed
            generations.checkpoint("copy graphs")
            with stage("finishing the on-disk store"):
                for done in on_disk:
                    done.result()
        disk = None  # close the store before the folder is switched in
        report.files = [*serialised, *written, "build-report.json"]
        report.stages = {name: round(seconds, 3) for name, seconds in times.items()}
        report.stages_cpu = {name: round(seconds, 3) for name, seconds in times.cpu.items()}
        generations.checkpoint("report")
        (folder / "build-report.json").write_text(json.dumps(report.to_json(), indent=2, ensure_ascii=False),
                                                  encoding="utf-8")
    return report
