"""The profile pages: every fact with its evidence, links that resolve, no script, data shown as text."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pyoxigraph as ox
import pytest

from helixgraph.errors import OutputError
from helixgraph.pipeline import runner
from helixgraph.pipeline.render_step import explorer_network, timeline_of
from helixgraph.views.pages import page_name, statements_by_entity, write_site

ID = "https://w3id.org/helixgraph/id/"
SOURCE = "https://w3id.org/helixgraph/source/"
ECO = "https://w3id.org/helixgraph/ontology#"
HOSTILE = '</td><script>alert(1)</script><img src=x onerror=alert(2)>'


class Parts(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(path: Path) -> Parts:
    parts = Parts()
    parts.feed(path.read_text(encoding="utf-8"))
    return parts


@pytest.fixture(scope="module")
def site(store, tmp_path_factory):
    G = explorer_network(runner(store=store))
    folder = tmp_path_factory.mktemp("site") / "pages"
    (folder.parent / "ecosystem.html").write_text("<!DOCTYPE html><title>explorer</title>", encoding="utf-8")
    write_site(store, folder, network=G, timeline=timeline_of(G), explorer="../ecosystem.html")
    return folder


def test_every_entity_and_source_has_a_page(store, site):
    statements = statements_by_entity(store)
    typed = {iri for iri, facts in statements.items() if any(f.property.endswith("#type") for f in facts)}
    assert {p.name for p in (site / "entity").iterdir()} == {page_name(iri).split("/")[1] for iri in typed}
    assert sorted(p.name for p in (site / "source").iterdir()) == [
        "caixin-2025-10-01.html", "people-daily-2026-01-24.html"]


def test_every_fact_is_shown_with_its_source_paragraph_date_and_kind(store, site):
    statements = statements_by_entity(store)
    for iri, facts in statements.items():
        path = site / page_name(iri)
        if not path.exists():
            continue
        html = path.read_text(encoding="utf-8")
        facts_table = html[html.index('id="facts"'):html.index("</section>", html.index('id="facts"'))]
        rows = re.findall(r"<tr><td>.*?</tr>", facts_table)
        assert len(rows) == len(facts), iri
        for fact in facts:
            paragraphs = ", ".join(map(str, fact.paragraphs)) or "-"
            assert f"<td>{paragraphs}</td><td>{fact.issued}</td>" in facts_table, (iri, fact)
    huahui = (site / "entity" / "huahui-health.html").read_text(encoding="utf-8")
    row = re.search(r'<th colspan="5">located in</th></tr><tr>(.*?)</tr>', huahui).group(1)
    assert 'href="../entity/zgc-life-science-park.html"' in row
    assert 'href="../source/caixin-2025-10-01.html">Beijing Life Science Hub' in row
    # the tie's own evidence: the paragraph and the words of the source that state it
    assert "<td>2</td><td>2025-10-01</td>" in row and "stated by the source" in row
    assert re.search(r"<q>[^<]+</q>", row)


def test_labels_statistics_timeline_and_snapshots(site):
    park = (site / "entity" / "zgc-life-science-park.html").read_text(encoding="utf-8")
    assert "<td>中关村生命科学园</td><td>zh</td><td>label</td>" in park
    assert "[7.2, 7.2] km2" in park and "stated as <q>7.2-square-kilometer</q>" in park
    drug = (site / "entity" / "libevitug.html").read_text(encoding="utf-8")
    events = re.findall(r"<li>(\d{4}-\d{2}(?:-\d{2})?) \(", drug[drug.index('id="events"'):])
    assert events == sorted(events) and events[0] == "2024-12" and events[-1] == "2026-01-20"
    snapshots = drug[drug.index('id="snapshots"'):]
    assert re.findall(r"<tr><td>(\d{4}-\d{2}-\d{2})</td>", snapshots) == ["2025-10-01", "2026-01-24"]
    assert '<svg id="neighbourhood"' in drug and 'href="../entity/huahui-health.html"' in drug


def test_every_link_resolves_and_nothing_is_fetched_or_run(site):
    pages = [*site.rglob("*.html")]
    assert len(pages) > 50
    for path in pages:
        parts = parse(path)
        tags = {tag for tag, _ in parts.tags}
        assert not tags & {"script", "iframe", "object", "embed", "img", "form"}, path
        (policy,) = [a["content"] for t, a in parts.tags if a.get("http-equiv") == "Content-Security-Policy"]
        assert policy.startswith("default-src 'none'; style-src 'self';") and "script-src" not in policy
        (sheet,) = [a for t, a in parts.tags if t == "link"]
        assert sheet["rel"] == "stylesheet" and (path.parent / sheet["href"]).resolve() == site / "pages.css"
        for tag, attrs in parts.tags:
            assert not [name for name in attrs if name.startswith("on")], (path, tag)
            if "href" in attrs:
                target = (path.parent / attrs["href"]).resolve()
                assert target.is_file(), (path, attrs["href"])
            assert "src" not in attrs
        assert len(path.read_bytes()) < 300_000


def _store_with(label: str, *, inferred: bool) -> ox.Store:
    store = ox.Store()
    source = ox.NamedNode(SOURCE + "s")
    entity = ox.NamedNode(ID + "x")
    store.extend([
        ox.Quad(source, ox.NamedNode("http://purl.org/dc/terms/issued"), ox.Literal("2024-05-01"), source),
        ox.Quad(source, ox.NamedNode("http://purl.org/dc/terms/title"), ox.Literal(HOSTILE), source),
        ox.Quad(entity, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ox.NamedNode(ECO + "Company"),
                source),
        ox.Quad(entity, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal(label, language="en"),
                source),
        ox.Quad(entity, ox.NamedNode(ECO + "inferred"), ox.Literal("true" if inferred else "false",
                datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")), source),
    ])
    return store


def test_data_is_escaped_and_the_curators_inferences_are_marked(tmp_path):
    folder = write_site(_store_with(HOSTILE, inferred=True), tmp_path / "pages")
    page = folder / "entity" / "x.html"
    parts = parse(page)
    assert not {tag for tag, _ in parts.tags} & {"script", "img"}
    assert HOSTILE in "".join(parts.text)
    assert page.read_text(encoding="utf-8").count("inferred by the curator") == 2
    assert HOSTILE in "".join(parse(folder / "source" / "s.html").text)


def test_the_site_folder_must_be_new_or_empty(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError, match="not empty"):
        write_site(_store_with("A", inferred=False), tmp_path / "pages")
    assert [p.name for p in (tmp_path / "pages").iterdir()] == ["keep.txt"]


def test_two_processes_write_the_same_pages_as_one(tmp_path, store):
    one = write_site(store, tmp_path / "one", processes=1)
    two = write_site(store, tmp_path / "two", processes=2)
    names = sorted(p.relative_to(one) for p in one.rglob("*.html"))
    assert names == sorted(p.relative_to(two) for p in two.rglob("*.html"))
    for name in names:
        assert (one / name).read_bytes() == (two / name).read_bytes()


def test_the_explorer_cites_paragraphs_and_links_every_node_to_its_profile(store, tmp_path):
    import json

    from helixgraph.pipeline.render_step import render_outputs

    assert render_outputs(store, tmp_path) == ["ecosystem.html", "pages"]
    html = (tmp_path / "ecosystem.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="hx-data">(.*?)</script>', html, re.DOTALL).group(1))
    assert all(info["paragraphs"] for info in data["edgeInfo"])
    located = [info for edge, info in zip(data["edges"], data["edgeInfo"], strict=True)
               if data["nodeInfo"][edge["from"]]["iri"].endswith("/huahui-health") and info["relation"] == "located in"]
    assert [info["paragraphs"] for info in located] == [["2"]]
    for info in data["nodeInfo"]:
        assert (tmp_path / info["page"]).is_file(), info["page"]
        assert info["since"] in ("2025-10-01", "2026-01-24")


def _actors(store) -> set[str]:
    """The entities typed with eco:Actor or a subclass, asked of the store itself (ontology included)."""
    rows = store.query(
        "PREFIX eco: <https://w3id.org/helixgraph/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "SELECT DISTINCT ?e WHERE { GRAPH ?g { ?e a ?c } ?c rdfs:subClassOf* eco:Actor }",
        use_default_graph_as_union=True)
    return {row["e"].value for row in rows}


def test_above_the_limit_only_the_actors_pages_are_written_and_the_index_says_so(store, tmp_path):
    from helixgraph.views.pages import ALL_PAGES_LIMIT

    statements = statements_by_entity(store)
    actors = _actors(store)
    assert "https://w3id.org/helixgraph/id/nibs" in actors and ID + "libevitug" not in actors
    assert 10 < len(actors) < len(statements) and ALL_PAGES_LIMIT > len(statements)
    folder = write_site(store, tmp_path / "actors", limit=10)
    assert {p.name for p in (folder / "entity").iterdir()} == {page_name(iri).split("/")[1] for iri in actors}
    assert len(list((folder / "source").iterdir())) == 2
    index = (folder / "index.html").read_text(encoding="utf-8")
    typed = sum(1 for facts in statements.values() if any(f.property.endswith("#type") for f in facts))
    assert f"{len(actors):,} entity pages here, those of the actors: the graph has {typed:,} entities, " \
           "more than 10," in index
    for tag, attrs in parse(folder / "index.html").tags:  # the index links only to pages that are there
        if "href" in attrs:
            assert (folder / attrs["href"]).is_file(), attrs["href"]
    every = write_site(store, tmp_path / "all", limit=typed)  # at the limit, not above it: every page
    assert len(list((every / "entity").iterdir())) == typed
    assert 'id="scope"' not in (every / "index.html").read_text(encoding="utf-8")
    for path in (folder / "entity").iterdir():  # an actor's page is the same whatever else is written
        assert path.read_bytes() == (every / "entity" / path.name).read_bytes()


def test_the_site_records_what_it_holds(store, tmp_path):
    import json

    folder = write_site(store, tmp_path / "pages", explorer="../ecosystem.html", limit=10)
    manifest = json.loads((folder / "site.json").read_text(encoding="utf-8"))
    assert manifest["explorer"] == "../ecosystem.html" and manifest["scope"] == "actors"
    assert manifest["entity_pages"] == len(list((folder / "entity").iterdir())) == len(_actors(store))
    assert manifest["all_pages_limit"] == 10 and manifest["entities"] > manifest["entity_pages"]


def test_the_pages_command_takes_the_limit(built, tmp_path):
    from click.testing import CliRunner

    from helixgraph.cli import cli
    from helixgraph.views.pages import ALL_PAGES_LIMIT

    runner = CliRunner()
    assert f"{ALL_PAGES_LIMIT:,}" in runner.invoke(cli, ["pages", "--help"]).output
    done = runner.invoke(cli, ["pages", "--out", str(built), "--folder", str(tmp_path / "site"),
                               "--all-pages-limit", "5"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "site" / "entity" / "nibs.html").is_file()
    assert not (tmp_path / "site" / "entity" / "libevitug.html").exists()
    done = runner.invoke(cli, ["pages", "--out", str(built), "--folder", str(tmp_path / "all"),
                               "--all-pages-limit", "0"])
    assert done.exit_code == 0 and (tmp_path / "all" / "entity" / "libevitug.html").is_file()
