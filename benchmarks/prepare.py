"""Prepare the inputs every benchmark stage starts from, once per scale (not timed).

Into ``<workdir>/scale-<n>/``:

- ``sources/``: the generated JSON Lines source files (the ``formats`` stage adds ``sources-yaml/``);
- ``store/``: an Oxigraph store of the sources and the ontology plus the analysis graph, for the
  query, projection and explorer stages of helixgraph;
- ``data.nq`` (sources and ontology) and ``data.nt`` (their union), the RDF the plain way parses,
  ``full.nq`` (with the analysis graph too) for rdflib's SPARQL engine, ``shapes.ttl`` for pySHACL;
- ``projection.pickle`` (the projected network), ``explorer.pickle`` (the network with its measures)
  and ``explorer.html`` (the page the browser stage opens);
- ``meta.json``: what was generated, and the key that decides whether the folder is up to date.

The store is created without validation so that preparing does not depend on how the build
validates; the build stage validates (and the smoke test checks that the data conforms).
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import pickle
import shutil
import sys
import time
from pathlib import Path

__all__ = ["prep_dir", "prepare", "read_meta"]

_FILES = ("meta.json", "data.nq", "data.nt", "full.nq", "shapes.ttl", "projection.pickle", "explorer.pickle",
          "explorer.html")


def prep_dir(workdir: str | Path, scale: int) -> Path:
    return Path(workdir) / f"scale-{scale}"


def _key(scale: int, seed: int, sources: int | None) -> dict:
    """What the prepared files depend on: the scale, the seed, this code and helixgraph's own files."""
    digest = hashlib.sha256()
    for path in (Path(__file__).with_name("generate.py"), Path(__file__)):
        digest.update(path.read_bytes())
    package = Path(__file__).resolve().parents[1] / "helixgraph"
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".rq", ".ttl", ".j2", ".js", ".css"):
            digest.update(path.read_bytes())
    return {"scale": scale, "seed": seed, "sources": sources, "code": digest.hexdigest()[:16]}


def read_meta(folder: Path) -> dict:
    return json.loads((folder / "meta.json").read_text(encoding="utf-8"))


def _log(message: str) -> None:
    print(f"[prepare] {message}", file=sys.stderr, flush=True)


class _Report:
    """The part of a BuildReport that the analysis step writes to."""

    def __init__(self) -> None:
        self.notes: list[str] = []


def prepare(scale: int, workdir: str | Path, *, seed: int = 7, sources: int | None = None,
            force: bool = False) -> Path:
    """Make ``<workdir>/scale-<scale>`` ready for the stages; reuse it when its key matches."""
    folder = prep_dir(workdir, scale)
    key = _key(scale, seed, sources)
    if not force and all((folder / f).exists() for f in _FILES) and (folder / "store").is_dir():
        meta = read_meta(folder)
        if meta.get("key") == key:
            _log(f"{folder} is up to date")
            return folder
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)

    import networkx as nx
    import pyoxigraph as ox
    from rdflib import Graph

    from benchmarks.generate import generate
    from helixgraph.analysis.projection import project
    from helixgraph.graph.dataset import make_dataset
    from helixgraph.graph.query import query_store
    from helixgraph.graph.store import create_store
    from helixgraph.loaders import load_sources
    from helixgraph.ontology.model import load_ontology
    from helixgraph.ontology.prefixes import ONTOLOGY_GRAPH
    from helixgraph.ontology.shapes import load_shapes
    from helixgraph.pipeline import analysis_step, explorer_network, runner
    from helixgraph.pipeline.analysis_graph import ANALYSIS_GRAPH
    from helixgraph.views.explorer import write_explorer

    started = time.perf_counter()
    summary = generate(scale, folder / "sources", seed=seed, sources=sources)
    _log(f"generated {summary['entities']} entities in {summary['sources']} sources")
    loaded = load_sources([folder / "sources"])
    graphs = [(str(ONTOLOGY_GRAPH), load_ontology().graph)] + [(str(s.iri), s.triples) for s in loaded]
    data_triples = sum(len(s.triples) for s in loaded)
    store = create_store(folder / "store", graphs)
    # The plain way's RDF is written by rdflib from the loaded triples: Oxigraph would store
    # "3"^^xsd:positiveInteger as xsd:integer, which pySHACL then rejects (see helixgraph.shacl).
    dataset = make_dataset(loaded)
    dataset.serialize(str(folder / "data.nq"), format="nquads")
    union = Graph()
    union.addN((s, p, o, union) for s, p, o, _ in dataset.quads((None, None, None, None)))
    union.serialize(str(folder / "data.nt"), format="nt", encoding="utf-8")
    total_triples = len(union)
    del union, dataset
    load_shapes().serialize(str(folder / "shapes.ttl"), format="turtle")
    _log("store and RDF files written")

    G = project(functools.partial(query_store, store))
    with (folder / "projection.pickle").open("wb") as handle:
        pickle.dump(G, handle, protocol=pickle.HIGHEST_PROTOCOL)
    analysis_step(store, folder, _Report())
    store.flush()
    shutil.copyfile(folder / "data.nq", folder / "full.nq")
    with (folder / "full.nq").open("a", encoding="utf-8") as handle:
        handle.writelines(f"{quad} .\n" for quad in store.quads_for_pattern(None, None, None, ox.NamedNode(ANALYSIS_GRAPH)))
    _log("analysis graph added")
    explorer = explorer_network(runner(store=store))
    with (folder / "explorer.pickle").open("wb") as handle:
        pickle.dump(explorer, handle, protocol=pickle.HIGHEST_PROTOCOL)
    write_explorer(folder / "explorer.html", explorer, sources=explorer.graph["sources"], size_by="betweenness",
                   color_by="sector", title="helixgraph benchmark ecosystem")
    actors = sum(1 for _, data in G.nodes(data=True) if data.get("cls") not in ("Drug", "MedicalDevice"))
    meta = {
        "key": key,
        "entities": summary["entities"],
        "sources": summary["sources"],
        "about_records": summary["about_records"],
        "entities_per_class": summary["entities_per_class"],
        "data_triples": data_triples,
        "triples": total_triples,
        "network_nodes": G.number_of_nodes(),
        "network_actors": actors,
        "network_edges": G.number_of_edges(),
        "network_ties": nx.Graph(G).number_of_edges(),
        "prepared_in_seconds": round(time.perf_counter() - started, 1),
    }
    (folder / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    _log(f"ready in {meta['prepared_in_seconds']} s: {total_triples} triples, {G.number_of_nodes()} network nodes")
    return folder


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.prepare")
    parser.add_argument("--scale", type=int, required=True)
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--sources", type=int, default=None)
    parser.add_argument("--force", action="store_true")
    args = parser.parse_args(argv)
    prepare(args.scale, args.workdir, seed=args.seed, sources=args.sources, force=args.force)


if __name__ == "__main__":
    main()
