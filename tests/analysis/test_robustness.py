import networkx as nx
import pytest

from helixgraph.analysis import RobustnessReport, remove_top_broker, simple_view


def test_removing_firm_splits_the_ecosystem(ecosystem):
    # firm has the highest betweenness (16/21). Without it the graph falls into
    # {uni, lab}, {biotech, incub} and {drug, hosp, nmpa}; the last is the largest piece kept.
    report = remove_top_broker(simple_view(ecosystem))
    assert report == RobustnessReport(
        broker="firm",
        broker_betweenness=pytest.approx(16 / 21),
        components_before=1,
        components_after=3,
        largest_before=8,
        largest_after=3,
        cut_off=["biotech", "incub", "lab", "uni"],
    )


def test_ties_go_to_the_smallest_node():
    # a - b - c - d: b and c both have betweenness 2/3.
    report = remove_top_broker(nx.path_graph(["a", "b", "c", "d"]))
    assert report.broker == "b"
    assert report.cut_off == ["a"]


def test_other_components_are_counted_but_not_cut_off():
    G = nx.star_graph(3)
    G.add_edge("x", "y")
    report = remove_top_broker(G)
    assert (report.broker, report.components_before, report.components_after) == (0, 2, 4)
    assert (report.largest_before, report.largest_after) == (4, 2)
    # the star's leaves fall apart into equal pieces; the one with the smallest member stays
    assert report.cut_off == [2, 3]


def test_given_betweenness_is_used():
    G = nx.path_graph(["a", "b", "c"])
    report = remove_top_broker(G, betweenness={"a": 0.9, "b": 0.1, "c": 0.0})
    assert (report.broker, report.broker_betweenness, report.cut_off) == ("a", 0.9, [])
    assert report.components_after == 1


def test_directed_graph_uses_weak_components():
    report = remove_top_broker(nx.DiGraph([("lab", "firm"), ("hosp", "firm"), ("firm", "nmpa")]))
    assert report.broker == "firm"
    assert (report.components_before, report.components_after) == (1, 3)


def test_empty_graph():
    assert remove_top_broker(nx.Graph()) == RobustnessReport(None, 0.0, 0, 0, 0, 0, [])
