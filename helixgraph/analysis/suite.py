"""Run every analysis on the projected graph and gather the results in one table."""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx
import pandas as pd

from helixgraph.analysis.actor_network import (
    actor_view,
    directed_actor_view,
    flow_view,
    simple_view,
    without_places,
)
from helixgraph.analysis.adaptive_betweenness import MAX_PIVOTS, BetweennessEstimate, adaptive_betweenness
from helixgraph.analysis.brokerage import BROKERAGE_ROLES, BrokerageResult, gould_fernandez
from helixgraph.analysis.centrality import (
    betweenness,
    default_translation_sets,
    degree,
    eigenvector,
    harmonic,
    pagerank,
    research_to_clinic_betweenness,
    top_agreement,
)
from helixgraph.analysis.communities import community_ids, core_number, louvain_communities, modularity
from helixgraph.analysis.engine import (
    DEFAULT_SEED,
    EXACT_THRESHOLD,
    IGRAPH_THRESHOLD,
    pivot_count,
    resolve_engine,
)
from helixgraph.analysis.mixing import cross_sector_ties, ei_index, sector_mixing_matrix
from helixgraph.analysis.nulls import (
    DEFAULT_DRAWS,
    EIIndexTest,
    ModularityTest,
    ei_index_test,
    start_modularity_test,
)
from helixgraph.analysis.robustness import RobustnessReport, remove_top_broker
from helixgraph.analysis.structural_holes import constraint, effective_size, efficiency
from helixgraph.analysis.synergy import DEFAULT_HELICES, SynergyResult, tie_units, triple_helix_synergy
from helixgraph.analysis.workers import DEFAULT_WORKERS, check_workers
from helixgraph.errors import AnalysisError
from helixgraph.ontology.vocabulary import load_vocabulary

__all__ = [
    "DEFAULT_MODULARITY_DRAWS",
    "MIN_MODULARITY_DRAWS",
    "MODULARITY_FULL_DRAWS_TIES",
    "TABLE_COLUMNS",
    "AnalysisResult",
    "modularity_draw_count",
    "run_suite",
]

#: Rewired graphs behind the modularity null when :func:`run_suite` chooses, up to
#: :data:`MODULARITY_FULL_DRAWS_TIES` ties.
DEFAULT_MODULARITY_DRAWS = 100
#: Above this many ties every draw (a rewiring and a Louvain run) costs enough that fewer are drawn.
MODULARITY_FULL_DRAWS_TIES = 5_000
#: The fewest rewired graphs :func:`run_suite` draws at any size: enough for a p-value of 0.05.
MIN_MODULARITY_DRAWS = 19

#: Columns of :attr:`AnalysisResult.table`, in order.
#: The actor views brokerage, mixing and synergy can run on: organisations and cohorts with people
#: and products folded into their ties, or people kept as brokers of their own.
VIEWS = ("organisations", "people")

#: How many top nodes the two halves of a betweenness pivot sample are compared on.
AGREEMENT_TOP = 100

TABLE_COLUMNS = (
    "iri", "label", "cls", "kind", "sector",
    "degree", "betweenness", "research_clinic_betweenness", "harmonic", "eigenvector", "pagerank",
    "constraint", "effective_size", "efficiency",
    *BROKERAGE_ROLES,
    "community", "core_number",
)  # fmt: skip


@dataclass
class AnalysisResult:
    """Everything :func:`run_suite` computes.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per node of the input, columns :data:`TABLE_COLUMNS`.
    mixing : pandas.DataFrame
        Sector mixing matrix of the undirected simple view.
    ei_index : float
        Krackhardt E-I index of the undirected simple view (NaN without ties between sectors).
    modularity : float
        Modularity of the Louvain partition (NaN without edges).
    robustness : RobustnessReport
        Effect of removing the node with the highest betweenness.
    cross_sector_ties : pandas.DataFrame
        One row per relation of the input whose ends are in different sectors.
    parameters : dict
        Seeds, pivot counts, engines and views used, so a run can be repeated and reported.
    brokerage : BrokerageResult or None
        Gould-Fernandez brokerage on the actor view, each open pair counted once, with expected
        counts and z-scores under random ties (the table's role columns read each pair both ways).
    ei_test : EIIndexTest or None
        The E-I index of the actor view against random mixing of the sector labels.
    modularity_test : ModularityTest or None
        Unweighted Louvain modularity of the undirected view against degree-preserving rewirings;
        None when skipped (see :func:`run_suite`).
    synergy : SynergyResult or None
        Triple Helix synergy over the ties of the actor view that touch university, industry or
        government.
    """

    table: pd.DataFrame
    mixing: pd.DataFrame
    ei_index: float
    modularity: float
    robustness: RobustnessReport
    cross_sector_ties: pd.DataFrame
    parameters: dict = field(default_factory=dict)
    brokerage: BrokerageResult | None = None
    #: Gould-Fernandez on the directed actor view (:func:`directed_actor_view`), all five roles apart.
    directed_brokerage: BrokerageResult | None = None
    ei_test: EIIndexTest | None = None
    modularity_test: ModularityTest | None = None
    synergy: SynergyResult | None = None


def run_suite(
    G: nx.Graph,
    *,
    seed: int = DEFAULT_SEED,
    betweenness_k: int | None = None,
    exact_threshold: float = EXACT_THRESHOLD,
    engine: str = "auto",
    weighted: bool = False,
    null_draws: int = DEFAULT_DRAWS,
    modularity_draws: int | None = None,
    view: str = "organisations",
    betweenness_max_pivots: int = MAX_PIVOTS,
    workers: int = DEFAULT_WORKERS,
) -> AnalysisResult:
    """Compute all node measures, sector mixing, communities and robustness of `G`.

    `G` is the projected ``MultiDiGraph`` (nodes with ``label``, ``cls``, ``sector``). Places are
    dropped first (:func:`~helixgraph.analysis.actor_network.without_places`): they are context, not
    actors, and are never ranked. The rest is collapsed with
    :func:`~helixgraph.analysis.actor_network.simple_view`. PageRank runs on the flow view
    (:func:`~helixgraph.analysis.actor_network.flow_view`), where an arc ``u -> v`` follows the
    direction of flow the ontology declares for the tie and passes rank to ``v``; mutual ties pass
    it both ways. Everything else runs on the undirected view. Brokerage roles, sector mixing and the E-I index
    run on the actor view (:func:`~helixgraph.analysis.actor_network.actor_view`): organisations and
    cohorts, with people and products folded into the ties they make; other nodes get zero roles.
    Ties are binary by default: five regulatory records between a drug and a regulator are one
    tie. With `weighted`, eigenvector centrality, PageRank and Louvain weigh each tie by the number
    of relations behind it; the other measures always use binary ties.

    The result is deterministic for a given input, `seed` and `engine`.

    Parameters
    ----------
    G : networkx graph
    seed : int
        Seed of the betweenness/harmonic pivot sample and of Louvain.
    betweenness_k : int, optional
        Pivots for betweenness, research-to-clinic betweenness and harmonic centrality; None lets
        the size decide (exact up to `exact_threshold` nodes).
    exact_threshold : int or float
        Largest graph computed exactly when `betweenness_k` is None.
    engine : {"auto", "networkx", "igraph"}
        ``"auto"`` uses igraph from :data:`~helixgraph.analysis.engine.IGRAPH_THRESHOLD` nodes,
        and at every size for PageRank and constraint. ``"networkx"`` needs SciPy for PageRank.
    weighted : bool
        Weigh ties by their number of relations in eigenvector centrality, PageRank and Louvain.
    view : {"organisations", "people"}
        The actor view brokerage, mixing, E-I and synergy run on: organisations and cohorts with
        people and products folded into the ties they make (the bipartite projection the
        Triple-Helix literature studies), or people kept as nodes (with no sector of their own,
        so a scientist-founder between a lab and a firm shows as a liaison). The directed
        brokerage (``directed_brokerage``) runs on the same actors along the flow.
    null_draws : int
        Permutations behind the E-I test and the Triple Helix synergy null.
    modularity_draws : int, optional
        Rewired graphs behind the modularity null; None lets :func:`modularity_draw_count` decide
        by the number of ties (100 on small graphs, never fewer than :data:`MIN_MODULARITY_DRAWS`).
        0 skips it (``modularity_test`` is then None and the parameters say so).
    betweenness_max_pivots : int
        Above `exact_threshold` nodes with `betweenness_k` None, betweenness is estimated by
        :func:`~helixgraph.analysis.adaptive_betweenness.adaptive_betweenness`, which samples more
        sources until two independent halves share 90 of their top 100 nodes or this many sources are
        sampled; the parameters report the agreement reached (``betweenness_sampling``).
    workers : int
        Processes that sampled betweenness is spread over on large graphs; the modularity null's
        draws then run in ``workers - 1`` background processes (at least one) while the rest is
        computed. The results do not depend on it.

    Returns
    -------
    AnalysisResult

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("lab", label="Lab", cls="ResearchInstitute", sector="AcademiaResearch")
    >>> G.add_node("firm", label="Firm", cls="Company", sector="Industry")
    >>> G.add_node("hosp", label="Hospital", cls="Hospital", sector="Healthcare")
    >>> _ = G.add_edge("firm", "lab", predicate="basedOnResearchOf")
    >>> _ = G.add_edge("hosp", "firm", predicate="trialSite")
    >>> result = run_suite(G)
    >>> result.table.set_index("iri")["betweenness"].to_dict()
    {'lab': 0.0, 'firm': 1.0, 'hosp': 0.0}
    >>> result.robustness.broker, result.ei_index
    ('firm', 1.0)
    """
    if view not in VIEWS:
        raise AnalysisError("unknown view", parameter="view", value=view, expected=" or ".join(map(repr, VIEWS)))
    # without_places copies the network; the views of that copy share its nodes' attribute dicts,
    # which nothing here changes.
    G = without_places(G)
    U = simple_view(G, share_attributes=True)
    D = flow_view(G, share_attributes=True)
    classes = load_vocabulary().actor_classes if view == "people" else None
    actors = actor_view(G, actor_classes=classes, share_attributes=True)
    A = simple_view(actors, share_attributes=True)
    chosen = resolve_engine(U, engine)
    check_workers(workers)
    sampling = {"k": betweenness_k, "seed": seed, "exact_threshold": exact_threshold, "engine": chosen}
    if modularity_draws is None:
        modularity_draws = modularity_draw_count(U.number_of_edges())
    # On a large graph the null's draws run in the background while the rest is computed.
    modularity_null = (
        start_modularity_test(U, draws=modularity_draws, seed=seed, engine=chosen, workers=max(1, workers - 1))
        if modularity_draws else lambda: None
    )
    sources, targets = default_translation_sets(G)

    pivots = pivot_count(len(U), betweenness_k, exact_threshold=exact_threshold)
    agreement, estimate = None, None
    if betweenness_k is None and len(U) > exact_threshold:
        estimate = adaptive_betweenness(U, seed=seed, max_pivots=betweenness_max_pivots,
                                        exact_threshold=exact_threshold, workers=workers)
        between, agreement = estimate.values, estimate.agreement
    elif pivots is None or pivots < 2:
        between = betweenness(U, **sampling)
    else:  # two independent halves: their mean is the estimate, their overlap its reliability
        half = pivots // 2
        other_seed = None if seed is None else seed + 1
        first = betweenness(U, k=half, seed=seed, exact_threshold=exact_threshold, engine=chosen)
        second = betweenness(U, k=pivots - half, seed=other_seed, exact_threshold=exact_threshold, engine=chosen)
        between = {v: (first[v] * half + second[v] * (pivots - half)) / pivots for v in U}
        agreement = top_agreement(first, second, top=min(AGREEMENT_TOP, len(U)))
    holes = effective_size(U, engine=chosen)
    cores = core_number(U, engine=chosen)
    weight = "weight" if weighted else None
    communities = louvain_communities(U, seed=seed, weight=weight, engine=chosen)
    brokerage = gould_fernandez(A)
    directed_brokerage = gould_fernandez(directed_actor_view(G, actor_classes=classes, share_attributes=True))
    roles = _both_ways(brokerage).reindex(list(U), fill_value=0)
    community_of = community_ids(communities)
    columns = {
        "degree": degree(U),
        "betweenness": between,
        "research_clinic_betweenness": research_to_clinic_betweenness(U, sources, targets, **sampling),
        "harmonic": harmonic(U, **sampling),
        "eigenvector": eigenvector(U, weight=weight, engine=chosen),
        # PageRank and constraint resolve "auto" themselves: igraph at every size.
        "pagerank": pagerank(D, weight=weight, engine=engine),
        "constraint": constraint(U, engine=engine),
        "effective_size": holes,
        "efficiency": efficiency(U, effective_sizes=holes),
    }
    nodes = list(U)
    actors_only = [v for v in nodes if U.nodes[v].get("kind", "actor") == "actor"]
    table = pd.DataFrame({
        "iri": pd.Series(nodes, dtype=object),
        **{name: pd.Series([U.nodes[v].get(name) for v in nodes], dtype=object)
           for name in ("label", "cls", "kind", "sector")},
        **{name: pd.Series([values[v] for v in nodes], dtype=float) for name, values in columns.items()},
        **{role: roles[role].reset_index(drop=True) for role in BROKERAGE_ROLES},
        "community": pd.Series([community_of[v] for v in nodes], dtype="int64"),
        "core_number": pd.Series([cores[v] for v in nodes], dtype="int64"),
    })  # fmt: skip
    parameters = {
        "seed": seed,
        "engine_requested": engine,
        "engine": chosen,
        "pagerank_constraint_engine": resolve_engine(U, engine, threshold=0),
        "igraph_threshold": IGRAPH_THRESHOLD,
        "exact_threshold": exact_threshold,
        "betweenness_k": pivots if estimate is None else estimate.pivots,
        "betweenness": _betweenness_method(pivots, estimate),
        "betweenness_agreement": _agreement_text(agreement, min(AGREEMENT_TOP, len(U)), estimate),
        "nodes": len(U),
        "places_excluded": sorted({p for _, places in G.nodes(data="places") for p in places or ()}),
        "relations": G.number_of_edges(),
        "ties": U.number_of_edges(),
        "research_sources": len(sources),
        "clinic_targets": len(targets),
        "views": {
            "undirected simple (binary ties unless weighted)": [
                "degree", "betweenness", "research_clinic_betweenness", "harmonic", "eigenvector",
                "constraint", "effective_size", "efficiency", "community", "core_number", "robustness",
            ],
            (f"actor view ({'products folded into ties, people kept' if view == 'people' else 'people and products folded into ties'}), undirected simple"): [
                *BROKERAGE_ROLES, "mixing", "ei_index", "cross_sector_ties",
            ],
            "flow view (arcs in the declared direction of flow, mutual ties both ways)": ["pagerank"],
        },
        "weighted": ["eigenvector", "pagerank", "community"] if weighted else [],
        "view": view,
        "pagerank_alpha": 0.85,
        "louvain_resolution": 1.0,
        "communities": len(communities),
    }  # fmt: skip
    if estimate is not None:
        parameters["betweenness_sampling"] = {
            "sources": estimate.pivots, "searches": estimate.searches, "agreement": estimate.agreement,
            "top": estimate.top, "target": estimate.target, "reached": estimate.reached,
            "max_sources": estimate.max_pivots,
        }  # fmt: skip
    units = [unit for unit in tie_units(A) if unit & set(DEFAULT_HELICES)]
    parameters["nulls"] = {
        "seed": seed,
        "brokerage": "analytic: ties present independently at the actor view's density, group sizes kept",
        "ei_index": f"{null_draws} permutations of the sector labels over the actors",
        "modularity": (
            f"{modularity_draws} degree-preserving rewirings of the undirected view, Louvain on each"
            if modularity_draws
            else "skipped: modularity_draws=0"
        ),
        "modularity_draws": modularity_draws,
        "synergy": f"{null_draws} shuffles of each helix's participation across the units",
        "synergy_unit": "a tie of the actor view with at least one of university, industry, government",
        "synergy_helices": list(DEFAULT_HELICES),
    }
    return AnalysisResult(
        table=table,
        mixing=sector_mixing_matrix(A),
        ei_index=ei_index(A),
        modularity=modularity(U, communities, weight=weight),
        robustness=remove_top_broker(U, betweenness=between, candidates=actors_only),
        cross_sector_ties=cross_sector_ties(actors),
        parameters=parameters,
        brokerage=brokerage,
        directed_brokerage=directed_brokerage,
        ei_test=ei_index_test(A, draws=null_draws, seed=seed),
        modularity_test=modularity_null(),
        synergy=triple_helix_synergy(units, draws=null_draws, seed=seed),
    )


def modularity_draw_count(ties: int) -> int:
    """How many rewired graphs the modularity null of a graph with `ties` ties draws by default.

    :data:`DEFAULT_MODULARITY_DRAWS` up to :data:`MODULARITY_FULL_DRAWS_TIES` ties; above, as many as
    keep draws times ties at the same total, but never fewer than :data:`MIN_MODULARITY_DRAWS`.

    >>> modularity_draw_count(60), modularity_draw_count(25_000), modularity_draw_count(111_307)
    (100, 20, 19)
    """
    budget = DEFAULT_MODULARITY_DRAWS * MODULARITY_FULL_DRAWS_TIES
    return max(MIN_MODULARITY_DRAWS, min(DEFAULT_MODULARITY_DRAWS, budget // max(ties, 1)))


def _betweenness_method(pivots: int | None, estimate: BetweennessEstimate | None) -> str:
    if estimate is not None:
        if estimate.exact:
            return "exact (trees hanging off the core counted, every other node searched)"
        return (f"estimated from {estimate.pivots} sampled sources (trees hanging off the core exact, "
                f"linear scaling in the core)")
    return "exact" if pivots is None else f"sampled from {pivots} pivots"


def _agreement_text(agreement: int | None, top: int, estimate: BetweennessEstimate | None) -> str | None:
    if agreement is None:
        return None
    if estimate is None:
        return f"{agreement} of the top {top} shared by two independent halves of the pivots"
    verdict = ("every node drawn: exact" if estimate.complete else "reached" if estimate.reached
               else f"not reached within {estimate.max_pivots} sources")
    return (f"{agreement} of the top {top} shared by two independent halves of the sources "
            f"(target {estimate.target}: {verdict})")


def _both_ways(result: BrokerageResult) -> pd.DataFrame:
    """Undirected brokerage counts as :data:`BROKERAGE_ROLES` columns, each open pair read both ways.

    Reading an edge as two arcs counts every open pair twice, once as a representative and once
    as a gatekeeper path when the broker shares a group with one end only.
    """
    raw = result.raw
    return pd.DataFrame(
        {
            "coordinator": 2 * raw["coordinator"],
            "itinerant": 2 * raw["itinerant"],
            "representative": raw["representative_gatekeeper"],
            "gatekeeper": raw["representative_gatekeeper"],
            "liaison": 2 * raw["liaison"],
        },
        index=raw.index,
    )
