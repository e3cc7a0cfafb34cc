"""Fixtures of the explorer tests: a tiny park graph with Chinese labels and hostile strings."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest

EX = "http://example.org/park/"
SRC = "http://example.org/source/"

#: Labels and titles that would run script if they reached the page as markup.
IMG_LABEL = "<img src=x onerror=alert(1)>"
SCRIPT_LABEL = "</script><script>alert(1)</script>"
HREF_TITLE = '<a href="javascript:alert(1)">Annual report</a>'

SOURCES = {
    SRC + "caixin-2021": {
        "title": "Caixin feature on the park",
        "publisher": "Caixin",
        "issued": "2021-03-15",
    },
    SRC + "report-2023": {"title": HREF_TITLE, "publisher": "Park office", "issued": "2023-06-01"},
    SRC + "daily-2026": {"title": "人民日报 report", "publisher": "People's Daily", "issued": "2026-01-24"},
}

# fmt: off
# iri, label, aliases, class, class label, sector, sector label, betweenness, community
NODES = [
    ("park", "中关村生命科学园", ["Zhongguancun Life Science Park"], "SciencePark", "science park",
     None, None, 0.40, 0),
    ("nibs", "北京生命科学研究所", ["NIBS", "National Institute of Biological Sciences"],
     "ResearchInstitute", "research institute", "AcademiaResearch", "academia and research", 0.35, 0),
    ("cibr", "北京脑科学与类脑研究所", ["CIBR"], "ResearchInstitute", "research institute",
     "AcademiaResearch", "academia and research", 0.10, 0),
    ("huahui", "华辉安健", ["Huahui Health"], "Company", "company", "Industry", "industry", 0.20, 1),
    ("beinao", "北脑科技", ["NeuCyber"], "Company", "company", "Industry", "industry", 0.05, 1),
    ("hospital", "北京大学第三医院", ["Peking University Third Hospital"], "Hospital", "hospital",
     "Healthcare", "healthcare", 0.15, 2),
    ("tiantan", "北京天坛医院", ["Beijing Tiantan Hospital"], "Hospital", "hospital",
     "Healthcare", "healthcare", 0.02, 2),
    ("nmpa", "国家药品监督管理局", ["NMPA"], "Regulator", "regulator", "Government", "government", 0.08, 3),
    ("incubator", "生命园孵化器", ["Life Park Incubator"], "Incubator", "incubator", "Intermediary",
     "intermediary", 0.03, 1),
    ("libevitug", "立贝韦塔单抗", ["libevitug"], "Drug", "drug", None, None, 0.01, 1),
    ("li", "李文辉", ["Li Wenhui"], "Person", "person", None, None, 0.12, 1),
    ("imgnode", IMG_LABEL, [], "Company", "company", "Industry", "industry", 0.0, 3),
    ("scriptnode", SCRIPT_LABEL, ["<b>bold</b>"], "Company", "company", "Industry", "industry", 0.0, 3),
]
# fmt: on

# subject, predicate, label, object, source, role, date
EDGES = [
    ("nibs", "locatedIn", "located in", "park", "caixin-2021", None, None),
    ("cibr", "locatedIn", "located in", "park", "caixin-2021", None, None),
    ("huahui", "locatedIn", "located in", "park", "report-2023", None, None),
    ("huahui", "spinOffOf", "spin-off of", "nibs", "caixin-2021", None, "2015"),
    ("li", "memberOf", "member of", "nibs", "caixin-2021", "investigator", None),
    ("li", "founded", "founded", "huahui", "caixin-2021", "founder", "2015-01-01"),
    ("huahui", "develops", "develops", "libevitug", "caixin-2021", None, None),
    ("libevitug", "trialAt", "clinical trial at", "hospital", "report-2023", None, "2022-05-10"),
    ("nmpa", "approved", "approved", "libevitug", "daily-2026", None, "2025-12-30"),
    ("beinao", "spinOffOf", "spin-off of", "cibr", "daily-2026", None, None),
    ("beinao", "collaboratesWith", "collaborates with", "tiantan", "daily-2026", None, None),
    ("incubator", "supports", "supports", "huahui", "report-2023", None, None),
    ("incubator", "locatedIn", "located in", "park", "caixin-2021", None, None),
    ("imgnode", "partnerOf", "partner of", "scriptnode", "report-2023", None, None),
    ("scriptnode", "partnerOf", "partner of", "park", "report-2023", None, None),
]


def make_park_graph() -> nx.MultiDiGraph:
    """13 actors of a life-science park, 15 edges from 3 sources (one issued in 2026)."""
    G = nx.MultiDiGraph()
    for key, label, aliases, cls, cls_label, sector, sector_label, betweenness, community in NODES:
        G.add_node(
            EX + key,
            label=label,
            labels=[label, *aliases],
            cls=cls,
            cls_label=cls_label,
            sector=sector,
            sector_label=sector_label,
            betweenness=betweenness,
            community=community,
        )
    G.nodes[EX + "park"]["stats"] = ["area: 2.49 km2 (exact)", "companies: 500+ (approximate)"]
    G.nodes[EX + "beinao"]["sources"] = [SRC + "daily-2026"]
    for subject, predicate, label, obj, source, role, date in EDGES:
        attrs = {"predicate": predicate, "predicate_label": label, "source": SRC + source}
        if role:
            attrs["role"] = role
        if date:
            attrs["date"] = date
        G.add_edge(EX + subject, EX + obj, **attrs)
    degree = dict(G.degree())
    nx.set_node_attributes(G, {node: float(d) for node, d in degree.items()}, "degree")
    return G


@pytest.fixture()
def park() -> nx.MultiDiGraph:
    """A fresh copy of the park graph for each test."""
    return make_park_graph()


@pytest.fixture()
def park_sources() -> dict:
    return {iri: dict(meta) for iri, meta in SOURCES.items()}


@pytest.fixture()
def hostile() -> dict:
    """The injection strings of the park graph, by role."""
    return {"img": IMG_LABEL, "script": SCRIPT_LABEL, "href": HREF_TITLE, "img_iri": EX + "imgnode"}


class _PageParser(HTMLParser):
    """Collects every start tag with its attributes, the text outside scripts, and script bodies."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self.text: list[str] = []
        self._in_script: dict | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append((self._in_script, ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None

    def handle_data(self, data):
        if self._in_script is not None:
            attrs, body = self.scripts[-1]
            self.scripts[-1] = (attrs, body + data)
        else:
            self.text.append(data)


@dataclass
class PageParts:
    tags: list[tuple[str, dict]]
    scripts: list[tuple[dict, str]]
    text: str
    data: dict


@pytest.fixture()
def parse_page():
    """Parse an explorer page: its tags, scripts, visible text and the JSON graph data."""

    def parse(page: str) -> PageParts:
        parser = _PageParser()
        parser.feed(page)
        parser.close()
        (payload,) = [body for attrs, body in parser.scripts if attrs.get("id") == "hx-data"]
        return PageParts(parser.tags, parser.scripts, "".join(parser.text), json.loads(payload))

    return parse


def make_big_graph(nodes: int, edges: int, *, communities: int = 200, seed: int = 1) -> nx.MultiDiGraph:
    """A random ecosystem of ``nodes`` actors with betweenness, pagerank and community attributes."""
    rng = random.Random(seed)
    kinds = [
        ("Company", "company", "Industry", "industry"),
        ("ResearchInstitute", "research institute", "AcademiaResearch", "academia and research"),
        ("Person", "person", None, None),
        ("Hospital", "hospital", "Healthcare", "healthcare"),
    ]
    G = nx.MultiDiGraph()
    G.add_nodes_from(
        (
            f"{EX}actor/{i}",
            {
                "label": f"actor {i}",
                "labels": [f"actor {i}", f"机构{i}号"],
                "cls": kind[0],
                "cls_label": kind[1],
                "sector": kind[2],
                "sector_label": kind[3],
                "betweenness": rng.random() ** 3,
                "pagerank": rng.random(),
                "community": i % communities,
            },
        )
        for i in range(nodes)
        for kind in [kinds[i % len(kinds)]]
    )
    G.add_edges_from(
        (
            f"{EX}actor/{rng.randrange(nodes)}",
            f"{EX}actor/{rng.randrange(nodes)}",
            {
                "predicate": "partnerOf",
                "predicate_label": "partner of",
                "source": f"{SRC}s{rng.randrange(20)}",
            },
        )
        for _ in range(edges)
    )
    return G


@pytest.fixture(scope="session")
def big_graph() -> nx.MultiDiGraph:
    """100,000 actors and 200,000 edges in 200 communities; built once (about 3 s). Do not modify."""
    return make_big_graph(100_000, 200_000)


@pytest.fixture()
def mid_graph() -> nx.MultiDiGraph:
    """1,000 actors and 3,000 edges in 80 communities."""
    return make_big_graph(1_000, 3_000, communities=80, seed=2)


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    """Debian's headless Chromium driven by Playwright, one per test module."""
    if not CHROMIUM.exists():
        pytest.skip("browser tests need Debian's Chromium at /usr/bin/chromium (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@dataclass
class Visit:
    """An explorer page open in the browser, with everything it tried that it should not have."""

    page: object
    console: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture()
def visit(browser, tmp_path):
    """Open an explorer page from a file; every request but the file itself is aborted and counted."""
    contexts = []

    def open_page(page_html: str, name: str = "explorer.html") -> Visit:
        path = tmp_path / name
        path.write_text(page_html, encoding="utf-8")
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        contexts.append(context)
        page = context.new_page()
        seen = Visit(page)
        page.on(
            "console",
            lambda message: message.type in ("error", "warning") and seen.console.append(message.text),
        )
        page.on("pageerror", lambda error: seen.console.append(f"uncaught: {error}"))

        def on_dialog(dialog):
            seen.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)

        def on_request(route):
            if route.request.url == path.as_uri():
                route.continue_()
            else:
                seen.requests.append(route.request.url)
                route.abort()

        page.route("**/*", on_request)
        page.goto(path.as_uri())
        page.wait_for_function(
            "() => window.helixExplorer !== undefined && window.helixExplorer.ready", timeout=20_000
        )
        return seen

    yield open_page
    for context in contexts:
        context.close()
