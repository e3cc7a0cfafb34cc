"""The exports read back by NetworkX, igraph and pandas: the same nodes, edges and typed attributes."""

from __future__ import annotations

import math

import igraph as ig
import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner

from helixgraph.cli import cli
from helixgraph.dates import period_start
from helixgraph.errors import OutputError
from helixgraph.exports import exportable, write_network
from helixgraph.pipeline import runner
from helixgraph.pipeline.render_step import explorer_network

NIBS = "https://w3id.org/helixgraph/id/nibs"
HUAHUI = "https://w3id.org/helixgraph/id/huahui-health"


@pytest.fixture(scope="module")
def network(store):
    return explorer_network(runner(store=store))


def edge_multiset(G) -> list:
    return sorted((str(u), str(v), d.get("predicate"), d.get("source")) for u, v, d in G.edges(data=True))


def test_graphml_reads_back_in_networkx_with_every_node_edge_and_attribute(network, tmp_path):
    back = nx.read_graphml(write_network(network, tmp_path / "park.graphml", format="graphml"))
    assert sorted(back.nodes) == sorted(network.nodes)
    assert edge_multiset(back) == edge_multiset(network)
    for node, data in network.nodes(data=True):
        read = back.nodes[node]
        assert read["cls"] == data["cls"] and read["label"] == data["label"]
        assert read["labels"] == "; ".join(data["labels"])
        for measure in ("betweenness", "pagerank", "community"):
            if measure in data:
                assert read[measure] == data[measure] and type(read[measure]) is type(data[measure])
        assert ("sector" in read) == (data["sector"] is not None)


def test_graphml_reads_back_in_igraph(network, tmp_path):
    graph = ig.Graph.Read_GraphML(str(write_network(network, tmp_path / "park.graphml", format="graphml")))
    assert (graph.vcount(), graph.ecount()) == (network.number_of_nodes(), network.number_of_edges())
    assert graph.is_directed()
    by_id = {vertex["id"]: vertex for vertex in graph.vs}
    nibs = by_id[NIBS]
    assert nibs["betweenness"] == pytest.approx(network.nodes[NIBS]["betweenness"])
    assert nibs["sector"] == network.nodes[NIBS]["sector"] and nibs["community"] == network.nodes[NIBS]["community"]
    ends = sorted((graph.vs[e.source]["id"], graph.vs[e.target]["id"], e["predicate"], e["layer"]) for e in graph.es)
    assert ends == sorted((u, v, d["predicate"], d["layer"]) for u, v, d in network.edges(data=True))


def test_gexf_carries_time_intervals_for_gephi(network, tmp_path):
    back = nx.read_gexf(write_network(network, tmp_path / "park.gexf", format="gexf"))
    assert back.graph["mode"] == "dynamic"
    assert sorted(back.nodes) == sorted(network.nodes) and edge_multiset(back) == edge_multiset(network)
    sources = network.graph["sources"]
    for u, v, data in back.edges(data=True):
        assert data["start"] == period_start(sources[data["source"]]["issued"]).isoformat()
        assert data["label"] == data["predicate_label"]
    starts = {node: data["start"] for node, data in back.nodes(data=True)}
    assert starts[NIBS] == "2025-10-01"
    approval = [d for u, v, d in back.edges(data=True) if d["source"].endswith("people-daily-2026-01-24")]
    assert approval and {d["start"] for d in approval} == {"2026-01-24"}
    assert back.nodes[HUAHUI]["betweenness"] == pytest.approx(network.nodes[HUAHUI]["betweenness"])


def test_csv_tables_read_back_in_pandas(network, tmp_path):
    folder = write_network(network, tmp_path / "tables", format="csv")
    nodes = pd.read_csv(folder / "nodes.csv").set_index("id")
    edges = pd.read_csv(folder / "edges.csv")
    assert sorted(nodes.index) == sorted(network.nodes) and len(edges) == network.number_of_edges()
    assert nodes.loc[NIBS, "cls"] == "ResearchInstitute"
    assert nodes.loc[NIBS, "betweenness"] == pytest.approx(network.nodes[NIBS]["betweenness"])
    assert nodes["community"].dropna().map(float.is_integer).all()
    read = sorted(zip(edges["source_node"], edges["target_node"], edges["predicate"], strict=True))
    assert read == sorted((u, v, d["predicate"]) for u, v, d in network.edges(data=True))


def test_exportable_types_every_attribute():
    G = nx.MultiDiGraph(sources={})
    G.add_node("a", labels=["A", "甲"], sector=None, fields=[], community=3, betweenness=float("nan"))
    H = exportable(G)
    assert H.nodes["a"] == {"labels": "A; 甲", "community": 3}
    assert not any(isinstance(v, float) and math.isnan(v) for v in H.nodes["a"].values())


def test_export_into_a_missing_folder_is_refused(network, tmp_path):
    with pytest.raises(OutputError, match="does not exist"):
        write_network(network, tmp_path / "missing" / "park.gexf")
    assert list(tmp_path.iterdir()) == []


def test_export_command_writes_each_format_and_refuses_bad_ones(built, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def run(*args):
        return CliRunner().invoke(cli, ["export", "--out", str(built), *args])

    done = run("--format", "graphml", "--file", "p.graphml", "--layer", "translation")
    assert done.exit_code == 0, done.output
    back = nx.read_graphml(tmp_path / "p.graphml")
    assert {layer for *_, layer in back.edges(data="layer")} == {"TranslationLayer"}
    done = run("--format", "gexf", "--as-of", "2025-12-31")
    assert done.exit_code == 0 and (tmp_path / "ecosystem.gexf").is_file()
    assert not [d for *_, d in nx.read_gexf(tmp_path / "ecosystem.gexf").edges(data=True)
                if d["source"].endswith("2026-01-24")]
    bad = run("--format", "gexf", "--file", "nowhere/p.gexf")
    assert bad.exit_code == 2 and "error: cannot write the gexf export to 'nowhere/p.gexf'" in bad.output
    assert "Traceback" not in bad.output
