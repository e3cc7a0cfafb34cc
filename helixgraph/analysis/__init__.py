"""Network analysis of the projected ecosystem graph.

Plain functions over NetworkX graphs, one module per concept, flattened here. Start with
:func:`run_suite`, or collapse the projection with :func:`simple_view` and call the measures one
by one.
"""

from helixgraph.analysis.actor_network import (
    actor_view,
    simple_view,
)
from helixgraph.analysis.adaptive_betweenness import (
    BetweennessEstimate,
    adaptive_betweenness,
)
from helixgraph.analysis.brokerage import (
    BROKERAGE_ROLES,
    UNDIRECTED_BROKERAGE_ROLES,
    BrokerageResult,
    brokerage_roles,
    gould_fernandez,
)
from helixgraph.analysis.centrality import (
    betweenness,
    closeness,
    default_translation_sets,
    degree,
    eigenvector,
    harmonic,
    pagerank,
    research_to_clinic_betweenness,
    top_agreement,
)
from helixgraph.analysis.communities import (
    community_ids,
    core_number,
    louvain_communities,
    main_core,
    modularity,
)
from helixgraph.analysis.engine import (
    DEFAULT_PIVOTS,
    DEFAULT_SEED,
    ENGINES,
    EXACT_THRESHOLD,
    IGRAPH_THRESHOLD,
    igraph_random_state,
    pivot_count,
    resolve_engine,
    sample_pivots,
    to_igraph,
)
from helixgraph.analysis.mixing import (
    cross_sector_ties,
    ei_index,
    sector_mixing_matrix,
)
from helixgraph.analysis.nulls import (
    SMALL_NETWORK_TIES,
    EIIndexTest,
    ModularityTest,
    ei_index_test,
    modularity_test,
    small_network_caveat,
    start_modularity_test,
)
from helixgraph.analysis.robustness import (
    RobustnessReport,
    remove_top_broker,
)
from helixgraph.analysis.structural_holes import (
    constraint,
    effective_size,
    efficiency,
)
from helixgraph.analysis.suite import (
    TABLE_COLUMNS,
    AnalysisResult,
    modularity_draw_count,
    run_suite,
)
from helixgraph.analysis.synergy import (
    DEFAULT_HELICES,
    SynergyResult,
    affiliation_units,
    tie_units,
    triple_helix_synergy,
)
from helixgraph.errors import (
    AnalysisError,
)

__all__ = [
    "BROKERAGE_ROLES",
    "DEFAULT_HELICES",
    "DEFAULT_PIVOTS",
    "DEFAULT_SEED",
    "ENGINES",
    "EXACT_THRESHOLD",
    "IGRAPH_THRESHOLD",
    "SMALL_NETWORK_TIES",
    "TABLE_COLUMNS",
    "UNDIRECTED_BROKERAGE_ROLES",
    "AnalysisError",
    "AnalysisResult",
    "BetweennessEstimate",
    "BrokerageResult",
    "EIIndexTest",
    "ModularityTest",
    "RobustnessReport",
    "SynergyResult",
    "actor_view",
    "adaptive_betweenness",
    "affiliation_units",
    "betweenness",
    "brokerage_roles",
    "closeness",
    "community_ids",
    "constraint",
    "core_number",
    "cross_sector_ties",
    "default_translation_sets",
    "degree",
    "effective_size",
    "efficiency",
    "ei_index",
    "ei_index_test",
    "eigenvector",
    "gould_fernandez",
    "harmonic",
    "igraph_random_state",
    "louvain_communities",
    "main_core",
    "modularity",
    "modularity_draw_count",
    "modularity_test",
    "pagerank",
    "pivot_count",
    "remove_top_broker",
    "research_to_clinic_betweenness",
    "resolve_engine",
    "run_suite",
    "sample_pivots",
    "sector_mixing_matrix",
    "simple_view",
    "small_network_caveat",
    "start_modularity_test",
    "tie_units",
    "to_igraph",
    "top_agreement",
    "triple_helix_synergy",
]
