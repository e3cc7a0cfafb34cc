"""The explorer page as HTML text: offline, escaped, coloured, sized and labelled as asked."""

from __future__ import annotations

import html
import re
import stat

import networkx as nx
import pytest

from helixgraph.errors import HelixError
from helixgraph.views import ExplorerDisplay, display_explorer, render_explorer, write_explorer
from helixgraph.views.assets import inline_script, script_hash, vis_network_js
from helixgraph.views.palette import CYCLE, NO_VALUE, palette

URL = re.compile(r"https?://", re.IGNORECASE)
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "p", "span", "details", "summary",
    "ul", "li", "main", "aside", "form", "input", "button", "datalist", "section", "fieldset", "legend",
    "label", "div", "script", "a", "h3", "output", "option",
}  # fmt: skip
LEGEND = re.compile(r'background-color: (#[0-9a-f]{6})"></span><span class="hx-name">([^<]*)</span>')


@pytest.fixture()
def page(park, park_sources) -> str:
    return render_explorer(park, sources=park_sources)


def test_page_is_utf8_and_contains_no_url(page, park, park_sources):
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page
    assert "中关村生命科学园" in page
    assert URL.search(page) is None
    assert URL.search(display_explorer(park, sources=park_sources)._repr_html_()) is None


def test_markup_references_nothing_outside_the_page(page, parse_page):
    parts = parse_page(page)
    assert {tag for tag, _ in parts.tags} <= ALLOWED_TAGS
    for tag, attrs in parts.tags:
        assert not {"src", "href", "action", "srcset", "srcdoc"} & attrs.keys(), (tag, attrs)
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
    assert [attrs for attrs, _ in parts.scripts] == [{"type": "application/json", "id": "hx-data"}, {}, {}]
    (csp,) = [
        attrs["content"] for _, attrs in parts.tags if attrs.get("http-equiv") == "Content-Security-Policy"
    ]
    assert csp.startswith("default-src 'none'; script-src 'sha256-")
    # only our two scripts may run, each allowed by the hash of its exact text
    allowed = re.search(r"script-src ([^;]*);", csp).group(1).split()
    assert allowed == [f"'sha256-{script_hash(body)}'" for attrs, body in parts.scripts[1:]]


def test_injected_labels_stay_data(page, parse_page, hostile):
    for text in (hostile["img"], hostile["script"], hostile["href"], "<b>bold</b>"):
        assert text not in page
    assert page.lower().count("</script") == 3  # the closing tags of our three scripts, nothing more
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in page
    parts = parse_page(page)
    labels = [info["labels"] for info in parts.data["nodeInfo"]]
    assert [hostile["img"]] in labels
    assert [hostile["script"], "<b>bold</b>"] in labels
    assert hostile["href"] in [source["title"] for source in parts.data["sources"]]
    # the source title shows in the filter list as text, escaped in the markup
    assert hostile["href"] in parts.text
    assert html.escape(hostile["href"]).replace("&quot;", "&#34;") in page


def test_header_counts_and_search_box(page, parse_page):
    parts = parse_page(page)
    assert "13 nodes and\n    15 edges on this page" in " ".join(parts.text.split(" "))
    assert ("input", {"id": "hx-search", "type": "search"}) in [
        (tag, {k: v for k, v in attrs.items() if k in ("id", "type")}) for tag, attrs in parts.tags
    ]
    assert parts.data["sizeBy"] == "betweenness" and parts.data["colorBy"] == "sector"


def test_nodes_coloured_by_sector_with_a_legend(page, parse_page, park):
    parts = parse_page(page)
    legend = {name: colour for colour, name in LEGEND.findall(page)}
    assert legend == {
        "academia and research": palette()["sector"]["AcademiaResearch"],
        "government": palette()["sector"]["Government"],
        "healthcare": palette()["sector"]["Healthcare"],
        "industry": palette()["sector"]["Industry"],
        "intermediary": palette()["sector"]["Intermediary"],
        "no sector": NO_VALUE,
    }
    for node, info in zip(parts.data["nodes"], parts.data["nodeInfo"], strict=True):
        sector = park.nodes[info["iri"]]["sector"]
        expected = NO_VALUE if sector is None else palette()["sector"][sector]
        assert node["color"]["background"] == expected, info["labels"][0]


def test_colour_by_class_and_by_community(park, park_sources, parse_page):
    by_class = render_explorer(park, sources=park_sources, color_by="class")
    legend = {name: colour for colour, name in LEGEND.findall(by_class)}
    assert legend["hospital"] == palette()["class"]["Hospital"]
    assert legend["science park"] == palette()["class"]["SciencePark"]
    by_community = render_explorer(park, sources=park_sources, color_by="community")
    legend = [(name, colour) for colour, name in LEGEND.findall(by_community)]
    assert legend == [(f"community {i}", CYCLE[i]) for i in range(4)]


def test_nodes_sized_by_the_chosen_measure(park, park_sources, parse_page):
    data = parse_page(render_explorer(park, sources=park_sources, size_by="betweenness")).data
    size = {
        info["labels"][0]: node["size"] for node, info in zip(data["nodes"], data["nodeInfo"], strict=True)
    }
    assert size["中关村生命科学园"] == 40  # betweenness 0.40, the largest
    assert size["北京生命科学研究所"] > size["华辉安健"] > size["北京天坛医院"]
    assert min(size.values()) == 10
    data = parse_page(render_explorer(park, sources=park_sources, size_by="degree")).data
    size = {
        info["labels"][0]: node["size"] for node, info in zip(data["nodes"], data["nodeInfo"], strict=True)
    }
    assert size["中关村生命科学园"] == size["华辉安健"] == 40  # five edges each, the most
    assert size["北京生命科学研究所"] < 40


def test_degree_is_computed_when_the_graph_has_none(parse_page):
    G = nx.MultiDiGraph()
    ex = "https://example.org/ecosystem#"
    G.add_edges_from(
        [(ex + "hub", ex + "a"), (ex + "hub", ex + "b"), (ex + "hub", ex + "c"), (ex + "b", ex + "a")]
    )
    data = parse_page(render_explorer(G, sources={}, size_by="degree")).data
    assert [info["iri"] for info in data["nodeInfo"]] == [ex + "hub", ex + "a", ex + "b", ex + "c"]
    assert [node["size"] for node in data["nodes"]] == [40, 31.2, 31.2, 10]  # degrees 3, 2, 2, 1
    assert data["nodeInfo"][0]["labels"] == ["hub"]  # no label: the IRI's local name


def test_numpy_measures_and_communities_are_read(parse_page):
    np = pytest.importorskip("numpy")
    G = nx.MultiDiGraph()
    G.add_node("ex:a", label="甲", betweenness=np.float64(0.5), rank=np.int64(2), community=np.int64(1))
    G.add_node("ex:b", label="乙", betweenness=np.float32(0.25), rank=np.int64(1), community=np.int64(0))
    G.add_edge("ex:a", "ex:b", predicate_label="partner of")
    page = render_explorer(G, sources={}, size_by="rank", color_by="community")
    info = parse_page(page).data["nodeInfo"]
    assert info[0]["measures"] == [["betweenness", 0.5], ["rank", 2.0]] and info[0]["community"] == 1
    assert [name for _, name in LEGEND.findall(page)] == ["community 0", "community 1"]


def test_tooltip_data_for_nodes_and_edges(page, parse_page):
    data = parse_page(page).data
    info = {entry["labels"][0]: entry for entry in data["nodeInfo"]}
    park = info["中关村生命科学园"]
    assert park["labels"] == ["中关村生命科学园", "Zhongguancun Life Science Park"]
    assert park["clsLabel"] == "science park" and park["sectorLabel"] == ""
    assert park["stats"] == ["area: 2.49 km2 (exact)", "companies: 500+ (approximate)"]
    assert ["betweenness", 0.4] in park["measures"] and ["degree", 5.0] in park["measures"]
    edges = {
        (data["nodeInfo"][edge["from"]]["labels"][0], edge["label"]): data["edgeInfo"][edge["id"]]
        for edge in data["edges"]
    }
    founded = edges[("李文辉", "founded")]
    assert founded["role"] == "founder" and founded["date"] == "2015-01-01"
    (source,) = founded["sources"]
    assert data["sources"][source] == {
        "title": "Caixin feature on the park",
        "publisher": "Caixin",
        "issued": "2021-03-15",
    }
    assert all(edge["arrows"] == "to" for edge in data["edges"])
    assert data["options"]["physics"] == {"enabled": False}
    assert all(isinstance(node["x"], float) and isinstance(node["y"], float) for node in data["nodes"])


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"color_by": "colour"}, r"unknown color_by 'colour'; choose one of: sector, class, community"),
        ({"size_by": "closeness"}, r"unknown size measure 'closeness'; choose one of: betweenness, degree"),
        ({"max_nodes": 0}, r"max_nodes must be a positive whole number; got 0"),
        ({"max_nodes": True}, r"max_nodes must be a positive whole number; got True"),
        ({"as_of": "2024-13-01"}, r"as_of must be a date of the calendar; got '2024-13-01'"),
    ],
)
def test_bad_arguments_raise_helix_errors(park, park_sources, options, message):
    with pytest.raises(HelixError, match=f"^{message}$"):
        render_explorer(park, sources=park_sources, **options)


def test_only_networkx_graphs_are_drawn():
    with pytest.raises(HelixError, match="draws a networkx graph; got dict"):
        render_explorer({"a": "b"}, sources={})


def test_write_explorer_replaces_the_file_atomically(tmp_path, park, park_sources):
    target = tmp_path / "explorer.html"
    target.write_text("old page", encoding="utf-8")
    target.chmod(0o640)
    assert write_explorer(target, park, sources=park_sources, title="中关村 explorer") == target
    text = target.read_bytes().decode("utf-8")
    assert "<title>中关村 explorer</title>" in text
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [path.name for path in tmp_path.iterdir()] == ["explorer.html"]


def test_write_explorer_leaves_the_old_file_when_rendering_fails(tmp_path, park, park_sources):
    target = tmp_path / "explorer.html"
    target.write_text("old page", encoding="utf-8")
    with pytest.raises(HelixError):
        write_explorer(target, park, sources=park_sources, color_by="nope")
    assert target.read_text(encoding="utf-8") == "old page"
    assert len(list(tmp_path.iterdir())) == 1
    with pytest.raises(HelixError, match="does not exist"):
        write_explorer(tmp_path / "missing" / "x.html", park, sources=park_sources)


def test_display_explorer_embeds_the_page_in_a_sandboxed_srcdoc(park, park_sources, hostile):
    shown = display_explorer(park, sources=park_sources, height=500)
    assert isinstance(shown, ExplorerDisplay)
    frame = shown._repr_html_()
    match = re.fullmatch(
        r'<iframe srcdoc="([^"]*)" sandbox="allow-scripts" style="[^"]*500px[^"]*" [^>]*></iframe>', frame
    )
    assert match, frame[:200]
    assert html.unescape(match.group(1)) == shown.html
    assert "<script" not in match.group(1) and hostile["img"] not in frame


def test_inlined_vis_network_names_no_url_and_cannot_close_its_script():
    script = vis_network_js()
    assert len(script) > 400_000
    assert URL.search(script) is None
    assert "</script" not in script.lower() and "<!--" not in script
    assert 'createElementNS("http:\\/\\/www.w3.org/2000/svg"' in script


def test_inline_script_refuses_what_would_break_out():
    assert inline_script("u = 'https://x.org/a'", name="t") == "u = 'https:\\/\\/x.org/a'"
    for text in ("a = '</SCRIPT>'", "b = '<!-- x'"):
        with pytest.raises(HelixError, match="t cannot be inlined"):
            inline_script(text, name="t")
