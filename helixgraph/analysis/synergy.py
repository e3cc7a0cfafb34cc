"""Triple Helix synergy: Leydesdorff's mutual information among university, industry and government.

The data are units of co-participation: a tie, an event, a trial, a plan, each with the set of
helices (sectors) that take part in it. Each unit is one cell of the 2 x 2 x 2 table of presence
and absence of the three helices; the shares of the cells give the entropies (in bits)

    T(UIG) = H(U) + H(I) + H(G) - H(UI) - H(UG) - H(IG) + H(UIG)

and the bilateral mutual informations ``T(UI) = H(U) + H(I) - H(UI)`` and so on. A negative
``T(UIG)`` is synergy: knowing how the three combine reduces uncertainty beyond what the pairs
explain. Which unit is counted decides what the figure means, so the caller states it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx
import numpy as np
import pandas as pd

from helixgraph.analysis.engine import DEFAULT_SEED
from helixgraph.analysis.nulls import DEFAULT_DRAWS, SmallNetworkFlag, null_moments, small_network_caveat
from helixgraph.errors import AnalysisError
from helixgraph.ontology.model import local_name
from helixgraph.ontology.namespace import ECO

__all__ = ["DEFAULT_HELICES", "SynergyResult", "affiliation_units", "tie_units", "triple_helix_synergy"]

#: Sector values read as university, industry and government, in that order.
DEFAULT_HELICES = (local_name(ECO.AcademiaResearch), local_name(ECO.Industry), local_name(ECO.Government))


@dataclass(frozen=True)
class SynergyResult(SmallNetworkFlag):
    """Triple Helix mutual information of a set of co-participation units.

    Attributes
    ----------
    t_uig : float
        Three-way mutual information in bits; negative means synergy.
    t_ui, t_ug, t_ig : float
        Mutual information of university and industry, university and government, industry
        and government, in bits (never negative).
    entropies : dict
        ``H_u``, ``H_i``, ``H_g``, ``H_ui``, ``H_ug``, ``H_ig`` and ``H_uig`` in bits.
    table : pandas.Series
        Number of units per combination, indexed by ``(u, i, g)`` presence flags.
    helices : tuple of str
        The sector values read as university, industry and government.
    null_mean, null_sd : float
        Mean and standard deviation of ``t_uig`` when each helix's participation is shuffled
        across the units independently of the others (each helix keeps its number of units).
    p_value : float
        Share of shuffles with as much synergy: ``(1 + draws with t_uig <= observed) / (draws + 1)``.
    draws, seed : int
        Number of shuffles and the seed of the :func:`numpy.random.default_rng` behind them.
    distribution : numpy.ndarray
        ``t_uig`` of each shuffle.
    n_units : int
        Units counted.
    n_ties : int
        Ties the units rest on (the number of units when they are ties).
    caveat : str or None
        Set under :data:`~helixgraph.analysis.nulls.SMALL_NETWORK_TIES` ties.
    """

    t_uig: float
    t_ui: float
    t_ug: float
    t_ig: float
    entropies: dict
    table: pd.Series
    helices: tuple
    null_mean: float
    null_sd: float
    p_value: float
    draws: int
    seed: int | None
    distribution: np.ndarray = field(repr=False)
    n_units: int = 0
    n_ties: int = 0
    caveat: str | None = None


def triple_helix_synergy(
    units: Iterable[Iterable],
    *,
    helices: tuple = DEFAULT_HELICES,
    draws: int = DEFAULT_DRAWS,
    seed: int | None = DEFAULT_SEED,
    n_ties: int | None = None,
) -> SynergyResult:
    """Leydesdorff's Triple Helix synergy ``T(UIG)`` with its bilateral terms and a shuffle null.

    Parameters
    ----------
    units : iterable of iterables
        One collection of sector values per unit of co-participation (e.g. the sectors of the
        two ends of each tie, or of the organisations in each trial). Values other than the
        three `helices` are ignored; a unit with none of them counts as the combination in
        which no helix takes part.
    helices : tuple of three
        Sector values read as university, industry and government (default
        :data:`DEFAULT_HELICES`, from the ontology's sector concepts).
    draws : int
        Number of shuffles for the null.
    seed : int or None
    n_ties : int, optional
        Ties the units rest on, for the small-network caveat; defaults to the number of units.

    Returns
    -------
    SynergyResult

    Raises
    ------
    AnalysisError
        If `helices` is not three distinct values or `draws` is not a positive integer.

    Notes
    -----
    Entropies are Shannon entropies of the observed shares, in bits. The null shuffles each
    helix's presence column across units with its own permutation: every helix keeps how many
    units it takes part in (so ``H(U)``, ``H(I)``, ``H(G)`` are unchanged) while any association
    between the helices is broken. The shuffled table is drawn from the hypergeometric
    distributions such shuffles give, so a draw costs the same for ten units or a million.
    Without units everything is NaN.

    Examples
    --------
    Government takes part exactly when one but not both of university and industry do:
    no pair tells anything about each other, all three together leave no uncertainty.

    >>> units = [set(), {"I", "G"}, {"U", "G"}, {"U", "I"}]
    >>> result = triple_helix_synergy(units, helices=("U", "I", "G"), draws=50, seed=1)
    >>> result.t_uig, result.t_ui, result.t_ug, result.t_ig
    (-1.0, 0.0, 0.0, 0.0)

    References
    ----------
    .. [1] L. Leydesdorff, "The mutual information of university-industry-government relations:
       an indicator of the Triple Helix dynamics", Scientometrics 58(2), 445-467, 2003.
       https://doi.org/10.1023/A:1026253130577
    .. [2] L. Leydesdorff, H. W. Park and B. Lengyel, "A routine for measuring synergy in
       university-industry-government relations: mutual information as a Triple-Helix and
       Quadruple-Helix indicator", Scientometrics 99, 27-35, 2014.
       https://doi.org/10.1007/s11192-013-1079-4
    """
    if len(helices) != 3 or len(set(helices)) != 3:
        raise AnalysisError(
            "Triple Helix synergy needs three distinct helices", parameter="helices", value=helices,
            expected="(university, industry, government) sector values",
        )  # fmt: skip
    if isinstance(draws, bool) or not isinstance(draws, int) or draws < 1:
        raise AnalysisError("bad number of draws", parameter="draws", value=draws, expected="a positive int")
    presence = np.array([[helix in set(unit) for helix in helices] for unit in units], dtype=bool).reshape(
        -1, 3
    )
    n_units = len(presence)
    counts = np.bincount(presence.astype(np.int64) @ np.array([4, 2, 1]), minlength=8)
    entropies = _entropies(counts)
    t_uig, t_ui, t_ug, t_ig = _mutual_information(entropies)
    cells = [((c >> 2) & 1, (c >> 1) & 1, c & 1) for c in range(8)]
    table = pd.Series(counts, index=pd.MultiIndex.from_tuples(cells, names=["u", "i", "g"]), name="units")

    margins = tuple(int(np.count_nonzero(presence[:, j])) for j in range(3))
    rng = np.random.default_rng(seed)
    distribution = np.array(
        [_mutual_information(_entropies(_shuffled_table(n_units, margins, rng)))[0] for _ in range(draws)]
    )
    ties = n_units if n_ties is None else n_ties
    null_mean, null_sd = null_moments(distribution)
    return SynergyResult(
        t_uig=t_uig,
        t_ui=t_ui,
        t_ug=t_ug,
        t_ig=t_ig,
        entropies=entropies,
        table=table,
        helices=tuple(helices),
        null_mean=null_mean,
        null_sd=null_sd,
        p_value=(1 + int(np.count_nonzero(distribution <= t_uig + 1e-12))) / (draws + 1)
        if n_units
        else math.nan,
        draws=draws,
        seed=seed,
        distribution=distribution,
        n_units=n_units,
        n_ties=ties,
        caveat=small_network_caveat(ties),
    )


def tie_units(G: nx.Graph, *, attribute: str = "sector") -> list[set]:
    """The co-participation units of a graph's ties: for each tie, the sectors of its two ends.

    Self-loops are skipped; a multigraph gives one unit per parallel edge, so pass a simple view
    to count each pair of actors once. An end without a sector adds nothing.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("lab", "firm"), ("firm", "drug")])
    >>> nx.set_node_attributes(G, {"lab": "U", "firm": "I", "drug": None}, "sector")
    >>> [sorted(unit) for unit in tie_units(G)]
    [['I', 'U'], ['I']]
    """
    sectors = G.nodes(data=attribute)
    return [{s for s in (sectors[u], sectors[v]) if s is not None} for u, v in G.edges() if u != v]


def affiliation_units(G: nx.Graph, units: Iterable, *, attribute: str = "sector") -> list[set]:
    """Co-participation units read from an affiliation graph: for each unit node, its partners' sectors.

    A product with its developer, regulator and trial sites, an event with its organisers, a
    person with the organisations they belong to: each of these nodes is one unit, and the
    sectors taking part are those of its neighbours (in either direction). The unit node's own
    sector, if any, is not counted.

    Parameters
    ----------
    G : networkx graph
    units : iterable
        The nodes that are units, in the order wanted.
    attribute : str

    Raises
    ------
    AnalysisError
        If a unit is not a node of `G`.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("drug", "firm"), ("drug", "nmpa"), ("hosp", "drug")])
    >>> nx.set_node_attributes(G, {"firm": "I", "nmpa": "G", "hosp": "H", "drug": None}, "sector")
    >>> sorted(affiliation_units(G, ["drug"])[0])
    ['G', 'H', 'I']
    """
    sectors = G.nodes(data=attribute)
    found = []
    for unit in units:
        if unit not in G:
            raise AnalysisError("unit is not a node of the graph", parameter="units", value=unit,
                                expected="nodes of G")  # fmt: skip
        partners = set(nx.all_neighbors(G, unit)) if G.is_directed() else set(G[unit])
        found.append({sectors[v] for v in partners - {unit} if sectors[v] is not None})
    return found


def _shuffled_table(n: int, margins: tuple[int, int, int], rng: np.random.Generator) -> np.ndarray:
    """The 8-cell table after shuffling each helix's presence column across the units.

    Shuffling all three columns gives the same joint distribution as keeping the university
    column and shuffling the other two, and a shuffled column meets the cells of the others as a
    draw without replacement: the table is sampled directly from the hypergeometric distributions
    instead of permuting the units.
    """
    k_u, k_i, k_g = margins
    both = int(rng.hypergeometric(k_u, n - k_u, k_i)) if n else 0
    pairs = np.array([n - k_u - k_i + both, k_i - both, k_u - both, both])  # (u, i) = 00, 01, 10, 11
    with_g = rng.multivariate_hypergeometric(pairs, k_g) if n else np.zeros(4, dtype=np.int64)
    table = np.empty(8, dtype=np.int64)
    table[0::2] = pairs - with_g  # codes u*4 + i*2 + g with g = 0
    table[1::2] = with_g
    return table


def _entropy(counts: np.ndarray) -> float:
    """Shannon entropy in bits of a table of counts; NaN for an empty table."""
    total = counts.sum()
    if total == 0:
        return math.nan
    shares = counts[counts > 0] / total
    return float(-np.sum(shares * np.log2(shares))) + 0.0


def _entropies(table: np.ndarray) -> dict:
    """The seven entropies of T(UIG), from the 8-cell table indexed by ``u*4 + i*2 + g``."""
    cube = table.reshape(2, 2, 2)  # axes u, i, g
    return {
        "H_u": _entropy(cube.sum(axis=(1, 2))),
        "H_i": _entropy(cube.sum(axis=(0, 2))),
        "H_g": _entropy(cube.sum(axis=(0, 1))),
        "H_ui": _entropy(cube.sum(axis=2)),
        "H_ug": _entropy(cube.sum(axis=1)),
        "H_ig": _entropy(cube.sum(axis=0)),
        "H_uig": _entropy(cube),
    }


def _mutual_information(h: dict) -> tuple[float, float, float, float]:
    """``T(UIG)``, ``T(UI)``, ``T(UG)``, ``T(IG)`` from the entropies."""
    t_uig = h["H_u"] + h["H_i"] + h["H_g"] - h["H_ui"] - h["H_ug"] - h["H_ig"] + h["H_uig"]
    return (
        t_uig + 0.0,
        h["H_u"] + h["H_i"] - h["H_ui"] + 0.0,
        h["H_u"] + h["H_g"] - h["H_ug"] + 0.0,
        h["H_i"] + h["H_g"] - h["H_ig"] + 0.0,
    )
