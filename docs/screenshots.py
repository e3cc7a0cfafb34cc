"""Take the README's screenshots of the explorer and a profile page in headless Chromium.

``python docs/screenshots.py`` builds the bundled dataset into a temporary folder, opens its
explorer and profile pages with every request but the files themselves refused, and writes PNGs
into ``docs/images/``: the explorer, the explorer moved back to the first source date, a large
synthetic ecosystem folded into communities with one opened in place, and a profile page. Needs
Playwright and Debian's Chromium (``/usr/bin/chromium``) with a CJK font.
"""

from __future__ import annotations

import random
import sys
import tempfile
from pathlib import Path

IMAGES = Path(__file__).resolve().parent / "images"
CHROMIUM = "/usr/bin/chromium"


def _large_graph(nodes: int = 3000, edges: int = 6000, communities: int = 60):
    """A random ecosystem with communities and a few hubs, to show folding."""
    import networkx as nx

    rng = random.Random(3)
    classes = [("Company", "company", "Industry", "industry"),
               ("ResearchInstitute", "research institute", "AcademiaResearch", "academia and research"),
               ("Hospital", "hospital", "Healthcare", "healthcare"), ("GovernmentBody", "government body",
                                                                      "Government", "government")]
    G = nx.MultiDiGraph()
    for i in range(nodes):
        cls, cls_label, sector, sector_label = classes[i % 4]
        G.add_node(f"ex:{i}", label=f"{cls_label} {i}", cls=cls, cls_label=cls_label, sector=sector,
                   sector_label=sector_label, community=i % communities)
    for _ in range(edges):
        a = rng.randrange(nodes)
        b = a + communities * rng.randrange(-3, 4) if rng.random() < 0.8 else rng.randrange(nodes)
        if 0 <= b < nodes and a != b:
            G.add_edge(f"ex:{a}", f"ex:{b}", predicate_label="partner of")
    degree = dict(nx.Graph(G).degree())
    for node in G:
        G.nodes[node]["betweenness"] = float(degree.get(node, 0))
    return G


def main() -> None:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import helixgraph as hg
    from helixgraph.views import render_explorer

    IMAGES.mkdir(exist_ok=True)
    work = Path(tempfile.mkdtemp())
    hg.build(out=work / "out")
    latest = work / "out" / "latest"
    folded = work / "folded.html"
    folded.write_text(render_explorer(_large_graph(), sources={}, max_nodes=300, color_by="community",
                                      title="A synthetic ecosystem of 3,000 actors"), encoding="utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1400, "height": 860})
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())

        page.goto((latest / "ecosystem.html").resolve().as_uri())
        page.wait_for_function("() => window.helixExplorer && helixExplorer.ready")
        page.fill("#hx-search", "Huahui")
        page.press("#hx-search", "Enter")
        page.wait_for_timeout(500)
        node = page.evaluate("helixExplorer.network.getSelectedNodes()[0]")
        box = page.locator("#hx-network").bounding_box()
        point = page.evaluate("id => helixExplorer.network.canvasToDOM(helixExplorer.network.getPosition(id))", node)
        page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
        page.mouse.move(box["x"] + 5, box["y"] + 5)
        page.wait_for_timeout(300)
        page.screenshot(path=str(IMAGES / "explorer.png"))

        page.evaluate("helixExplorer.clearHighlight()")
        page.locator("#hx-time").fill("0")
        page.evaluate("helixExplorer.network.fit({animation: false})")
        page.screenshot(path=str(IMAGES / "explorer-timeline.png"))

        page.goto((latest / "pages" / "entity" / "huahui-health.html").resolve().as_uri())
        page.screenshot(path=str(IMAGES / "profile.png"), full_page=False)

        page.goto(folded.as_uri())
        page.wait_for_function("() => window.helixExplorer && helixExplorer.ready")
        group = page.evaluate("helixExplorer.data.groups[0].id")
        page.evaluate("id => helixExplorer.toggleGroup(id)", group)
        page.evaluate("helixExplorer.network.fit({animation: false})")
        page.screenshot(path=str(IMAGES / "explorer-folded.png"))
        browser.close()
    print(f"wrote {', '.join(sorted(p.name for p in IMAGES.glob('*.png')))} into {IMAGES}")


if __name__ == "__main__":
    main()
