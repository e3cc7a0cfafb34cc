"""The benchmark stages, each done two ways, and the worker process that times them.

Each stage has a side ``ours`` (helixgraph) and a side ``plain`` (what a user writes by hand with
rdflib, pySHACL, NetworkX and pyvis). The runner starts one worker process per stage and side
(``python -m benchmarks.stages SPEC``). The worker does the side's setup, which is not timed (parse
the RDF into rdflib, unpickle the network), then forks one child per run: the child times only the
stage's work, writes its result and exits, and the worker reads the child's peak resident memory from
``wait4``. A child still running after ``bound`` seconds is killed with its process group and the run
is reported as past the bound. Forking keeps runs independent (each starts from the same state) and
lets the plain way parse a large graph once for all of its queries.

The peak memory of a run is the largest resident set of the child or of any process it waited for;
it includes what the setup holds (for rdflib, the parsed graph), since the child shares it.
"""

from __future__ import annotations

import cProfile
import gc
import hashlib
import io
import json
import os
import pickle
import pstats
import re
import shutil
import signal
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self

__all__ = ["STAGES", "STAGE_ORDER", "Skip", "normalise_rows", "query_names"]

#: Stages in the order the runner runs and reports them.
STAGE_ORDER = ("build", "open", "queries", "projection", "analysis", "render", "page", "formats")
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
_XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMERIC = {_XSD + t for t in ("integer", "decimal", "double", "float", "int", "long", "short", "byte",
                               "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger",
                               "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}
_GROUP_CONCAT = re.compile(r"GROUP_CONCAT\s*\((?P<body>(?:[^()]|\([^()]*\))*)\)\s*AS\s*\?(?P<var>\w+)", re.IGNORECASE | re.DOTALL)
_SEPARATOR = re.compile(r'separator\s*=\s*"((?:[^"\\]|\\.)*)"', re.IGNORECASE)


class Skip(Exception):
    """A side cannot run here (no browser, say); its rows say why."""


def query_names() -> list[str]:
    """The shipped competency queries, by name."""
    from helixgraph.graph.catalog import named_queries

    return [name for name, q in named_queries().items() if q.kind == "competency"]


# -- comparing query answers --------------------------------------------------------------------------


def _literal(value: str, datatype: str | None, lang: str | None) -> tuple[str, str]:
    """A literal as (text, language tag); numbers as numbers, so 5, 5.0 and "5"^^xsd:decimal agree."""
    if datatype in _NUMERIC:
        try:
            return format(float(value), ".9g"), ""
        except ValueError:
            return value, ""
    if datatype == _XSD + "boolean":
        return ("true" if value in ("true", "1") else "false"), ""
    return value, f"@{lang.lower()}" if lang else ""


def _cell_oxigraph(cell: dict | None) -> tuple[str, str]:
    if cell is None:
        return "", ""
    if cell["type"] == "uri":
        return cell["value"], ""
    if cell["type"] == "bnode":
        return "_:b", ""
    return _literal(cell["value"], cell.get("datatype"), cell.get("xml:lang"))


def _cell_rdflib(term) -> tuple[str, str]:
    from rdflib import BNode, Literal

    if term is None:
        return "", ""
    if isinstance(term, Literal):
        return _literal(str(term), str(term.datatype) if term.datatype else None, term.language)
    if isinstance(term, BNode):
        return "_:b", ""
    return str(term), ""


def _concatenations(text: str) -> dict[str, str]:
    """The GROUP_CONCAT variables of a query and their separators (their order is the engine's choice)."""
    found = {}
    for match in _GROUP_CONCAT.finditer(text):
        sep = _SEPARATOR.search(match.group("body"))
        found[match.group("var")] = sep.group(1).encode().decode("unicode_escape") if sep else " "
    return found


def normalise_rows(variables: list[str], rows: list[list[tuple[str, str]]], text: str) -> dict:
    """Row count and a digest of the answer, order-free: rows sorted, GROUP_CONCAT parts sorted.

    Cells are (text, language tag) pairs. A concatenation is compared part by part, without the
    language tag that one engine keeps (when all parts share it) and the other drops.
    """
    concatenations = _concatenations(text)
    concat = {i: concatenations[v] for i, v in enumerate(variables) if v in concatenations}
    fixed = []
    for cells in rows:
        row = [value + tag for value, tag in cells]
        for i, sep in concat.items():
            row[i] = sep.join(sorted(cells[i][0].split(sep)))
        fixed.append(row)
    fixed.sort()
    distinct = [row for i, row in enumerate(fixed) if not i or row != fixed[i - 1]]
    return {"rows": len(fixed), "digest": _digest(fixed), "distinct_rows": len(distinct),
            "distinct_digest": _digest(distinct), "sample": fixed[:2]}


def _digest(rows: list) -> str:
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()[:16]


# -- timing ---------------------------------------------------------------------------------------


class Timer:
    """Times (and, when asked, profiles) the block it wraps; a run uses it once."""

    def __init__(self, profile: bool = False) -> None:
        self.seconds = 0.0
        self.profiler = cProfile.Profile() if profile else None

    def __enter__(self) -> Self:
        if self.profiler:
            self.profiler.enable()
        self._start = time.perf_counter()
        return self

    def __exit__(self, *exc) -> None:
        self.seconds = time.perf_counter() - self._start
        if self.profiler:
            self.profiler.disable()


@dataclass
class Context:
    prep: Path
    tmp: Path
    bound: float
    meta: dict = field(default_factory=dict)


def _graph_from(prep: Path):
    """The plain way's starting point: the N-Triples parsed by rdflib into an in-memory Graph."""
    from rdflib import Graph

    graph = Graph()
    graph.parse(str(prep / "data.nt"), format="nt")
    return graph


def _plain_network(prep: Path):
    from rdflib.extras.external_graph_libs import rdflib_to_networkx_multidigraph

    return rdflib_to_networkx_multidigraph(_graph_from(prep))


def _load(path: Path):
    with path.open("rb") as handle:
        return pickle.load(handle)


def _fresh(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


# -- the stages ---------------------------------------------------------------------------------------


class Stage:
    name = ""

    def items(self) -> list[str]:
        return [self.name]

    def setup(self, side: str, ctx: Context):
        return None

    def run(self, side: str, state, item: str, ctx: Context, timer: Timer) -> dict:
        raise NotImplementedError


class Build(Stage):
    """Ours: ``build(sources, out, steps=[])``: load the source files, validate, create the store and write
    TriG, Turtle and JSON-LD. Plain: parse the same data (N-Quads) into an rdflib Dataset, validate the
    union with pySHACL, serialise TriG, Turtle and JSON-LD."""

    name = "build"

    def setup(self, side, ctx):
        if side == "ours":
            import helixgraph.pipeline  # noqa: F401 - imported before forking, not timed
        else:
            import pyshacl  # noqa: F401
            import rdflib  # noqa: F401

    def run(self, side, state, item, ctx, timer):
        out = _fresh(ctx.tmp / f"build-{side}")
        if side == "ours":
            from helixgraph.pipeline import build

            with timer:
                report = build([ctx.prep / "sources"], out, steps=[])
            return {"triples": report.total_triples, "violations": len(report.violations)}
        from pyshacl import validate
        from rdflib import Dataset, Graph

        with timer:
            dataset = Dataset()
            dataset.parse(str(ctx.prep / "data.nq"), format="nquads")
            union = Graph()
            union.addN((s, p, o, union) for s, p, o, _ in dataset.quads((None, None, None, None)))
            shapes = Graph().parse(str(ctx.prep / "shapes.ttl"), format="turtle")
            conforms, _, _ = validate(union, shacl_graph=shapes, inference="none", advanced=True,
                                      allow_warnings=True)
            dataset.serialize(str(out / "ecosystem.trig"), format="trig")
            union.serialize(str(out / "ecosystem.ttl"), format="turtle")
            dataset.serialize(str(out / "ecosystem.jsonld"), format="json-ld")
        return {"triples": len(union), "conforms": bool(conforms)}


#: A query answered faster than this is timed again in the same process, and the second time counts.
WARM_BELOW = 1.0


def _timed_twice(timer: Timer, answer):
    """Time ``answer()``; when it took under :data:`WARM_BELOW` seconds, time it once more.

    Each run is a fresh fork of the process that holds the data, and its first query pays for
    copying every memory page it writes to (reference counts, locks), which a session that keeps
    the data open pays once. Both sides are treated alike; slower queries keep their first time.
    """
    with timer:
        result = answer()
    if timer.seconds < WARM_BELOW:
        with timer:
            result = answer()
    return result


def _rdflib_answer(dataset, text: str, namespaces: dict):
    answer = dataset.query(text, initNs=namespaces)
    return answer, list(answer)


class Open(Stage):
    """Opening the built data for a session of queries. Ours: ``open_store(out, in_memory=True)``, the
    on-disk store copied into memory. Plain: rdflib parsing the same quads (N-Quads) into a Dataset."""

    name = "open"

    def setup(self, side, ctx):
        if side == "ours":
            import helixgraph.graph.store  # noqa: F401
        else:
            import rdflib  # noqa: F401

    def run(self, side, state, item, ctx, timer):
        if side == "ours":
            from helixgraph.graph.store import open_store

            with timer:
                store = open_store(ctx.prep, in_memory=True)
            return {"quads": len(store)}
        from rdflib import Dataset

        with timer:
            dataset = Dataset(default_union=True)
            dataset.parse(str(ctx.prep / "full.nq"), format="nquads")
        return {"quads": sum(1 for _ in dataset.quads((None, None, None, None)))}


class Queries(Stage):
    """Each shipped competency query. Ours: pyoxigraph on the in-memory copy of the built store
    (``open_store(out, in_memory=True)``, rows turned into Python values). Plain: rdflib's SPARQL
    engine on an in-memory Dataset of the same quads with the default graph as the union, rows
    materialised. Neither side's opening is timed here (see the ``open`` stage)."""

    name = "queries"

    def items(self):
        return query_names()

    def setup(self, side, ctx):
        if side == "ours":
            import helixgraph.graph.query  # noqa: F401
            from helixgraph.graph.store import open_store

            return open_store(ctx.prep, in_memory=True)
        from rdflib import Dataset, Namespace

        from helixgraph.ontology.prefixes import PREFIXES

        dataset = Dataset(default_union=True)
        dataset.parse(str(ctx.prep / "full.nq"), format="nquads")
        list(dataset.query("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"))  # load the SPARQL machinery
        return dataset, {p: Namespace(iri) for p, iri in PREFIXES.items()}

    def run(self, side, state, item, ctx, timer):
        from helixgraph.graph.catalog import get_query

        text = get_query(item).sparql()
        if side == "ours":
            from helixgraph.graph.query import query_store

            answer = _timed_twice(timer, lambda: query_store(state, text))
            rows = [[_cell_oxigraph(b.get(v)) for v in answer.variables] for b in answer.bindings]
            return normalise_rows(list(answer.variables), rows, text)
        dataset, namespaces = state
        answer, found = _timed_twice(timer, lambda: _rdflib_answer(dataset, text, namespaces))
        variables = [str(v) for v in answer.vars]
        rows = [[_cell_rdflib(row[i]) for i in range(len(variables))] for row in found]
        return normalise_rows(variables, rows, text)


class Projection(Stage):
    """Ours: ``helixgraph.analysis.projection.project`` on the store (two SPARQL SELECTs to a
    MultiDiGraph of actors, products and parks). Plain: ``rdflib_to_networkx_multidigraph`` of the
    in-memory graph (every triple an edge, literals and classes as nodes)."""

    name = "projection"

    def setup(self, side, ctx):
        if side == "ours":
            import helixgraph.analysis.projection  # noqa: F401
            return None
        return _graph_from(ctx.prep)

    def run(self, side, state, item, ctx, timer):
        if side == "ours":
            import pyoxigraph as ox

            from helixgraph.analysis.projection import project
            from helixgraph.graph.query import query_store

            store = ox.Store.read_only(str(ctx.prep / "store"))
            with timer:
                G = project(lambda text: query_store(store, text))
        else:
            from rdflib.extras.external_graph_libs import rdflib_to_networkx_multidigraph

            with timer:
                G = rdflib_to_networkx_multidigraph(state)
        return {"nodes": G.number_of_nodes(), "edges": G.number_of_edges()}


class Analysis(Stage):
    """Ours: ``run_suite(G, seed=42, engine="auto")`` on the projected network, nulls included (the
    result records the modularity null's draws and, where betweenness is sampled, how many of the top
    100 two independent halves of the sample share). Plain: NetworkX defaults on the plain conversion:
    betweenness, closeness, eigenvector centrality, PageRank, Burt's constraint and Louvain communities
    (on ``nx.Graph(G)``, PageRank on the MultiDiGraph itself)."""

    name = "analysis"

    def setup(self, side, ctx):
        if side == "ours":
            import helixgraph.analysis.suite  # noqa: F401
            return _load(ctx.prep / "projection.pickle")
        return _plain_network(ctx.prep)

    def run(self, side, state, item, ctx, timer):
        import networkx as nx

        if side == "ours":
            from helixgraph.analysis.suite import run_suite

            with timer:
                result = run_suite(state, seed=42, engine="auto")
            out = {"nodes": len(state), "ties": result.parameters["ties"],
                   "betweenness": result.parameters["betweenness"], "communities": result.parameters["communities"],
                   "modularity_draws": result.modularity_test.draws if result.modularity_test is not None else 0}
            sampling = result.parameters.get("betweenness_sampling")
            if sampling:  # how far two independent halves of the sample rank the top alike
                out.update({f"betweenness_{key}": sampling[key]
                            for key in ("sources", "searches", "agreement", "top", "target", "reached")})
            if len(state) <= 5000:
                out["agreement"] = _agreement(state, result.table)
            return out
        problems = []
        with timer:
            H = nx.Graph(state)
            nx.betweenness_centrality(H)
            nx.closeness_centrality(H)
            try:
                nx.eigenvector_centrality(H)
            except nx.PowerIterationFailedConvergence:
                problems.append("eigenvector centrality did not converge")
            _pagerank(state)
            nx.constraint(H)
            nx.community.louvain_communities(H, seed=42)
        return {"nodes": H.number_of_nodes(), "problems": problems}


def _pagerank(G) -> dict:
    """``networkx.pagerank``; without SciPy, NetworkX's own pure-Python implementation of it."""
    import importlib.util

    import networkx as nx

    if importlib.util.find_spec("scipy") is not None:
        return nx.pagerank(G)
    from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

    return _pagerank_python(G)


def _agreement(G, table) -> dict:
    """Largest difference between our measures and NetworkX's on the same views: places left out,
    binary ties, PageRank along the flow."""
    import math

    import networkx as nx
    from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

    from helixgraph.analysis.actor_network import flow_view, simple_view, without_places

    actors_and_products = without_places(G)
    U, D = simple_view(actors_and_products), flow_view(actors_and_products)
    ours = table.set_index("iri")
    reference = {
        "betweenness": nx.betweenness_centrality(U),
        "pagerank": _pagerank_python(D, weight=None, tol=1e-12, max_iter=1000),
        "constraint": nx.constraint(U),
        "core_number": nx.core_number(U),
    }
    out = {}
    for column, values in reference.items():
        diffs = [abs(float(ours.at[node, column]) - float(value)) for node, value in values.items()
                 if not (math.isnan(float(value)) and math.isnan(float(ours.at[node, column])))]
        out[column] = max(diffs, default=0.0)
    return out


class Render(Stage):
    """Ours: ``write_explorer`` of the projected network with its measures (folded to the top 300 nodes,
    positions computed, offline page). Plain: pyvis defaults, ``Network().from_nx(G)`` and
    ``write_html`` of the plain conversion."""

    name = "render"

    def setup(self, side, ctx):
        if side == "ours":
            import helixgraph.views.explorer  # noqa: F401
            return _load(ctx.prep / "explorer.pickle")
        import pyvis.network  # noqa: F401
        return _plain_network(ctx.prep)

    def run(self, side, state, item, ctx, timer):
        folder = _fresh(ctx.tmp / f"render-{side}")
        if side == "ours":
            from helixgraph.views.explorer import write_explorer

            path = folder / "explorer.html"
            with timer:
                write_explorer(path, state, sources=state.graph["sources"], size_by="betweenness", color_by="sector",
                               title="helixgraph benchmark ecosystem")
            return {"bytes": path.stat().st_size}
        from pyvis.network import Network

        os.chdir(folder)  # pyvis writes its lib/ folder into the working directory
        with timer:
            net = Network()
            net.from_nx(state)
            net.write_html("pyvis.html")
        return {"bytes": (folder / "pyvis.html").stat().st_size, "nodes": len(net.nodes)}


class Page(Stage):
    """Headless Chromium opens the page offline; timed from navigation until the page is interactive:
    ours until ``window.helixExplorer.ready`` (first drawing done), pyvis until its ``network`` exists and
    the page answers (pyvis' page is made with ``cdn_resources="in_line"``, since its default
    loads vis-network from a CDN and shows nothing offline; making it counts toward the bound)."""

    name = "page"

    def setup(self, side, ctx):
        if not CHROMIUM.exists():
            raise Skip("no Chromium at /usr/bin/chromium")
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError as exc:
            raise Skip("playwright is not installed") from exc
        if side == "ours":
            return None
        import pyvis.network  # noqa: F401
        return _plain_network(ctx.prep)

    def run(self, side, state, item, ctx, timer):
        from playwright.sync_api import sync_playwright

        if side == "ours":
            path = ctx.prep / "explorer.html"
            ready = "() => window.helixExplorer !== undefined && window.helixExplorer.ready"
        else:
            from pyvis.network import Network

            folder = _fresh(ctx.tmp / "page-plain")
            net = Network(cdn_resources="in_line")
            net.from_nx(state)
            path = folder / "pyvis.html"
            path.write_text(net.generate_html(), encoding="utf-8")
            ready = "() => typeof network !== 'undefined' && network !== null"
        uri = path.resolve().as_uri()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            page = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
            page.route("**/*", lambda route: route.continue_() if route.request.url == uri else route.abort())
            with timer:
                page.goto(uri, timeout=0)
                page.wait_for_function(ready, timeout=0)
            browser.close()
        return {"bytes": path.stat().st_size}


class Formats(Stage):
    """``load_sources`` of the generated records as JSON Lines (ours column) and as YAML (plain column)."""

    name = "formats"

    def setup(self, side, ctx):
        import helixgraph.loaders  # noqa: F401

        if side == "plain" and not (ctx.prep / "sources-yaml").is_dir():
            from benchmarks.generate import generate

            key = ctx.meta["key"]
            generate(key["scale"], ctx.prep / "sources-yaml", seed=key["seed"], sources=key["sources"], yaml=True)

    def run(self, side, state, item, ctx, timer):
        from helixgraph.loaders import load_sources

        folder = ctx.prep / ("sources" if side == "ours" else "sources-yaml")
        with timer:
            loaded = load_sources([folder])
        triples = sorted(f"{s.source_id} {t}" for s in loaded for t in s.triples)
        return {"triples": len(triples), "digest": hashlib.sha256("\n".join(triples).encode()).hexdigest()[:16]}


STAGES: dict[str, Stage] = {s.name: s for s in (Build(), Open(), Queries(), Projection(), Analysis(), Render(), Page(),
                                                 Formats())}


# -- the worker -----------------------------------------------------------------------------------------


def _child(stage: Stage, side: str, state, item: str, ctx: Context, profile: Path | None, out: Path) -> None:
    """Body of a forked run: time the stage, write the outcome, exit without cleanup."""
    os.setpgid(0, 0)
    try:
        timer = Timer(profile=profile is not None)
        result = stage.run(side, state, item, ctx, timer)
        payload = {"status": "ok", "seconds": timer.seconds, "result": result}
        if profile is not None:
            text = io.StringIO()
            stats = pstats.Stats(timer.profiler, stream=text)
            stats.sort_stats("cumulative").print_stats(30)
            stats.sort_stats("tottime").print_stats(20)
            profile.write_text(f"{stage.name} {item} ({side}): {timer.seconds:.3f} s\n{text.getvalue()}",
                               encoding="utf-8")
    except BaseException as exc:  # noqa: BLE001 - every failure is reported, none kills the worker
        payload = {"status": "error", "error": f"{type(exc).__name__}: {exc}"[:400]}
    try:
        out.write_text(json.dumps(payload, default=str), encoding="utf-8")
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)


def _forked_run(stage: Stage, side: str, state, item: str, ctx: Context, bound: float,
                profile: Path | None = None) -> dict:
    out = ctx.tmp / f"run-{os.getpid()}.json"
    out.unlink(missing_ok=True)
    pid = os.fork()
    if pid == 0:
        _child(stage, side, state, item, ctx, profile, out)
    try:
        os.setpgid(pid, pid)
    except OSError:
        pass  # the child did it first
    deadline = time.monotonic() + bound
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            try:
                os.killpg(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            _, status, usage = os.wait4(pid, 0)
            return {"status": "bound", "peak_kib": usage.ru_maxrss}
        time.sleep(0.01)
    if not out.exists():
        return {"status": "error", "error": f"the run died (wait status {status})", "peak_kib": usage.ru_maxrss}
    payload = json.loads(out.read_text(encoding="utf-8"))
    payload["peak_kib"] = usage.ru_maxrss
    return payload


def work(spec: dict) -> None:
    """Run one stage on one side for every item, appending one JSON line per item to ``spec["results"]``."""
    stage = STAGES[spec["stage"]]
    side = spec["side"]
    ctx = Context(Path(spec["prep"]), Path(spec["tmp"]), spec["bound"],
                  json.loads((Path(spec["prep"]) / "meta.json").read_text(encoding="utf-8")))
    ctx.tmp.mkdir(parents=True, exist_ok=True)
    results = Path(spec["results"])
    items = spec.get("items") or stage.items()

    def emit(record: dict) -> None:
        with results.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(record, default=str) + "\n")

    started = time.perf_counter()
    try:
        state = stage.setup(side, ctx)
    except Skip as exc:
        for item in items:
            emit({"item": item, "status": "skipped", "error": str(exc)})
        return
    except Exception as exc:  # noqa: BLE001
        for item in items:
            emit({"item": item, "status": "error", "error": f"setup failed: {type(exc).__name__}: {exc}"[:400]})
        return
    setup_seconds = time.perf_counter() - started
    print(f"[{stage.name} {side}] set up in {setup_seconds:.1f} s", file=sys.stderr, flush=True)
    gc.collect()
    gc.freeze()  # forked runs then copy fewer pages
    for item in items:
        runs, peaks, status, result, error = [], [], "ok", None, None
        for _ in range(spec["repeat"]):
            outcome = _forked_run(stage, side, state, item, ctx, spec["bound"])
            peaks.append(outcome.get("peak_kib", 0))
            if outcome["status"] != "ok":
                if not runs:
                    status, error = outcome["status"], outcome.get("error")
                break
            runs.append(outcome["seconds"])
            result = result if result is not None else outcome["result"]
            if outcome["seconds"] > spec["single_above"]:
                break
        record = {"item": item, "status": status, "runs": runs, "peak_kib": max(peaks, default=0),
                  "result": result, "error": error, "setup_seconds": round(setup_seconds, 2)}
        if runs:
            record["median"] = statistics.median(runs)
        shown = f"{record['median']:.4f} s x{len(runs)}" if runs else status
        print(f"[{stage.name} {side}] {item}: {shown}", file=sys.stderr, flush=True)
        emit(record)
        if spec.get("profile") and status == "ok":
            folder = Path(spec["profile"])
            folder.mkdir(parents=True, exist_ok=True)
            _forked_run(stage, side, state, item, ctx, spec["bound"] * 3, folder / f"{stage.name}-{item}-{side}.txt")


if __name__ == "__main__":
    work(json.loads(sys.argv[1]))
