"""Gould-Fernandez brokerage on a hand-built directed graph.

Groups: A = {a1, a2, a3}, B = {b1, b2}, C = {c1}; x has no group, so it is a group of its own.
Arcs::

    a1->a2  a2->a3  a1->b1  b2->b1  b1->b2  b1->a3  b1->c1  a1->c1  x->b1  b1->x  c1->a2

Open two-paths a -> v -> b (a != b, no arc a -> b), by broker:
  a1, a3: no in- or no out-arcs: nothing.
  a2 (A): in {a1, c1}, out {a3}.
      a1->a2->a3  A,A,A  coordinator
      c1->a2->a3  C,A,A  gatekeeper (broker in the receiving group)
  b1 (B): in {a1, b2, x}, out {b2, a3, c1, x}.
      a1->b1->b2  A,B,B  gatekeeper
      a1->b1->a3  A,B,A  itinerant
      a1->b1->c1  closed by a1->c1: not counted
      a1->b1->x   A,B,X  liaison
      b2->b1->b2  a == b: not counted
      b2->b1->a3  B,B,A  representative (broker in the sending group)
      b2->b1->c1  B,B,C  representative
      b2->b1->x   B,B,X  representative
      x->b1->b2   X,B,B  gatekeeper
      x->b1->a3   X,B,A  liaison
      x->b1->c1   X,B,C  liaison
      x->b1->x    a == b: not counted
  b2 (B): in {b1}, out {b1}: only b1->b2->b1, where a == b.
  c1 (C): in {b1, a1}, out {a2}.
      b1->c1->a2  B,C,A  liaison
      a1->c1->a2  closed by a1->a2
  x: in {b1}, out {b1}: only b1->x->b1, where a == b.
"""

import itertools
import random

import networkx as nx
import pandas as pd
import pytest

from helixgraph.analysis import BROKERAGE_ROLES, brokerage, brokerage_roles, gould_fernandez

COLUMNS = [*BROKERAGE_ROLES, "total"]


@pytest.fixture
def graph() -> nx.DiGraph:
    G = nx.DiGraph()
    groups = {"a1": "A", "a2": "A", "a3": "A", "b1": "B", "b2": "B", "c1": "C", "x": None}
    for node, group in groups.items():
        G.add_node(node, sector=group)
    G.add_edges_from(
        [
            ("a1", "a2"),
            ("a2", "a3"),
            ("a1", "b1"),
            ("b2", "b1"),
            ("b1", "b2"),
            ("b1", "a3"),
            ("b1", "c1"),
            ("a1", "c1"),
            ("x", "b1"),
            ("b1", "x"),
            ("c1", "a2"),
        ]
    )
    return G


def test_columns_and_index(graph):
    table = brokerage_roles(graph)
    assert list(table.columns) == [
        "coordinator",
        "itinerant",
        "representative",
        "gatekeeper",
        "liaison",
        "total",
    ]
    assert list(table.index) == list(graph)
    assert all(str(dtype) == "int64" for dtype in table.dtypes)


@pytest.mark.parametrize(
    ("node", "counts"),
    [
        #       coord itin repr gate liai total
        ("a1", [0, 0, 0, 0, 0, 0]),
        ("a2", [1, 0, 0, 1, 0, 2]),
        ("a3", [0, 0, 0, 0, 0, 0]),
        ("b1", [0, 1, 3, 2, 3, 9]),
        ("b2", [0, 0, 0, 0, 0, 0]),
        ("c1", [0, 0, 0, 0, 1, 1]),
        ("x", [0, 0, 0, 0, 0, 0]),
    ],
)
def test_counts_by_hand(graph, node, counts):
    assert brokerage_roles(graph).loc[node].tolist() == counts


@pytest.mark.parametrize(
    ("ends", "role"),
    [(("A", "A"), "itinerant"), (("A", "B"), "liaison"), (("A", None), "liaison"), ((None, None), "liaison")],
)
def test_broker_without_group(ends, role):
    # u - person - w, undirected: the person is in no sector, so it can only be an itinerant
    # (both ends in one sector) or a liaison; two ends without a group are two different groups.
    G = nx.Graph([("u", "person"), ("person", "w")])
    nx.set_node_attributes(G, {"u": ends[0], "person": None, "w": ends[1]}, "sector")
    row = brokerage_roles(G).loc["person"]
    assert (row[role], row["total"]) == (2, 2)


def test_other_attribute(graph):
    nx.set_node_attributes(graph, "same", "team")
    table = brokerage_roles(graph, attribute="team")
    # every open path is now a coordinator path: b1's nine, a2's two, c1's one.
    assert table.loc["b1", "coordinator"] == 9
    assert table.loc["a2", "coordinator"] == 2
    assert (table["coordinator"] == table["total"]).all()


@pytest.mark.parametrize(
    ("groups", "role"),
    [
        (("A", "A", "A"), "coordinator"),
        (("A", "B", "A"), "itinerant"),
        (("A", "B", "C"), "liaison"),
    ],
)
def test_undirected_path_counts_both_directions(groups, role):
    # u - v - w undirected: v brokers u->v->w and w->v->u.
    G = nx.Graph([("u", "v"), ("v", "w")])
    nx.set_node_attributes(G, dict(zip("uvw", groups, strict=True)), "sector")
    row = brokerage_roles(G).loc["v"]
    assert row[role] == 2
    assert row["total"] == 2


def test_undirected_representative_and_gatekeeper_pair_up():
    # u(A) - v(A) - w(B): u->v->w is representative, w->v->u is gatekeeper.
    G = nx.Graph([("u", "v"), ("v", "w")])
    nx.set_node_attributes(G, {"u": "A", "v": "A", "w": "B"}, "sector")
    assert brokerage_roles(G).loc["v"].tolist() == [0, 0, 1, 1, 0, 2]


def test_parallel_edges_and_self_loops_do_not_count():
    M = nx.MultiDiGraph([("a", "b"), ("a", "b"), ("b", "c"), ("b", "b")])
    nx.set_node_attributes(M, {"a": "A", "b": "B", "c": "C"}, "sector")
    assert brokerage_roles(M).loc["b", "liaison"] == 1


def test_empty_graph():
    table = brokerage_roles(nx.DiGraph())
    assert table.empty
    assert list(table.columns) == COLUMNS


def _brute_force(G: nx.DiGraph) -> pd.DataFrame:
    """Enumerate every ordered triple, following the sna::brokerage definitions literally."""
    group = {v: g if g is not None else ("own", v) for v, g in G.nodes(data="sector")}
    rows = {}
    for v in G:
        counts = dict.fromkeys(BROKERAGE_ROLES, 0)
        for a, b in itertools.permutations(G, 2):
            if v in (a, b) or not (G.has_edge(a, v) and G.has_edge(v, b)) or G.has_edge(a, b):
                continue
            ga, gv, gb = group[a], group[v], group[b]
            if ga == gv == gb:
                counts["coordinator"] += 1
            elif ga == gb:
                counts["itinerant"] += 1
            elif gv == ga:
                counts["representative"] += 1
            elif gv == gb:
                counts["gatekeeper"] += 1
            else:
                counts["liaison"] += 1
        rows[v] = [*counts.values(), sum(counts.values())]
    return pd.DataFrame.from_dict(rows, orient="index", columns=COLUMNS)


@pytest.mark.parametrize("directed", [True, False], ids=["directed", "undirected"])
def test_matches_brute_force_on_random_graph(directed):
    G = nx.gnm_random_graph(40, 160 if directed else 90, seed=4, directed=directed)
    rng = random.Random(4)
    nx.set_node_attributes(G, {v: rng.choice(["U", "I", "G", "H", None]) for v in G}, "sector")
    got = brokerage_roles(G)
    expected = _brute_force(G if directed else G.to_directed())  # an edge is two arcs
    pd.testing.assert_frame_equal(got, expected, check_names=False, check_index_type=False)
    assert (got[list(BROKERAGE_ROLES)].sum() > 10).all()  # every role is exercised


def test_gould_fernandez_counts_are_the_hand_counts(graph):
    # The directed counts above, now with the groups sna would be given: x is a class of its own.
    result = gould_fernandez(graph)
    assert result.directed
    assert result.raw.loc["b1"].tolist() == [0, 1, 3, 2, 3, 9]
    assert result.raw.loc["a2"].tolist() == [1, 0, 0, 1, 0, 2]
    assert result.group_sizes.to_dict() == {"A": 3, "B": 2, "C": 1, (None, "x"): 1}
    assert result.n_ties == 11
    assert result.density == pytest.approx(11 / 42)
    # Graph level: b1's nine paths, a2's two and c1's one.
    assert result.overall.loc["raw"].tolist() == [1, 1, 3, 3, 4, 12]


def test_gould_fernandez_long_table(graph):
    result = gould_fernandez(graph)
    table = result.table()
    assert list(table.columns) == ["node", "role", "raw", "expected", "sd", "z"]
    assert len(table) == 7 * 6
    row = table[(table["node"] == "b1") & (table["role"] == "liaison")].iloc[0]
    assert (row["raw"], row["expected"], row["z"]) == (
        3,
        result.expected.loc["b1", "liaison"],
        result.z.loc["b1", "liaison"],
    )


def test_gould_fernandez_undirected_hand_graph():
    # lab(U) - person - firm(I), person - hosp(H), lab - hosp: person has no sector.
    # Open pairs through person: {lab, firm}, {firm, hosp} (lab-hosp is tied): two liaisons.
    # Through lab: {person, hosp}? tied (person-hosp), so none. Through hosp: {person, lab}? tied.
    G = nx.Graph([("lab", "person"), ("person", "firm"), ("person", "hosp"), ("lab", "hosp")])
    nx.set_node_attributes(G, {"lab": "U", "person": None, "firm": "I", "hosp": "H"}, "sector")
    result = gould_fernandez(G)
    assert result.raw.loc["person"].tolist() == [0, 0, 0, 2, 2]
    assert result.raw.drop(index="person")["total"].sum() == 0
    assert result.n_ties == 4 and result.density == pytest.approx(4 / 6)


@pytest.mark.parametrize("directed", [True, False], ids=["directed", "undirected"])
def test_closed_triads_removed_in_chunks_give_the_same_counts(directed, monkeypatch):
    G = nx.gnm_random_graph(40, 200 if directed else 120, seed=9, directed=directed)
    rng = random.Random(9)
    nx.set_node_attributes(G, {v: rng.choice(["U", "I", "G", None]) for v in G}, "sector")
    whole = brokerage_roles(G)
    monkeypatch.setattr(brokerage, "_CLOSED_CHUNK", 7)  # many chunks, most of them partial
    chunked = brokerage_roles(G)
    pd.testing.assert_frame_equal(chunked, whole)
    expected = _brute_force(G if directed else G.to_directed())
    pd.testing.assert_frame_equal(chunked, expected, check_names=False, check_index_type=False)
