"""The profile site: one static page per entity and per source, beside the explorer.

Each entity page shows the entity's labels in every language and its aliases, class, sector and
identifiers; every fact grouped by property with its source, paragraphs, issue date and whether the
source stated it or the curator inferred it; the statistics about it as intervals with the words
they were stated in; the dated events that name it, in order; its network measures and how they
changed across the snapshots; a small drawing of its neighbourhood; links to every related entity's
page and to the explorer. Each source page lists what the source states.

The pages run no script at all: a Content-Security-Policy allows only the site's own stylesheet
(``pages.css``, one file rather than a copy in each of 100K pages) and data images, and every text
from the data is HTML-escaped. They are written from plain strings (not a
template engine), the parts many pages share (links, labels, evidence cells) made once, so that
100K pages take seconds. A forked helper renders pages while the writing process creates the files
and renders too (creating files in one folder does not parallelise); above :data:`FORK_LIMIT`
pages one process does all. Above
:data:`~helixgraph.views.pages.scope.ALL_PAGES_LIMIT` entities only the actors' entity pages are
written (:mod:`~helixgraph.views.pages.scope`).
"""

from __future__ import annotations

import functools
import gc
import hashlib
import json
import math
import os
import re
from collections.abc import Hashable, Iterable, Mapping, Sequence
from functools import cache
from html import escape
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
from rdflib.namespace import DCTERMS, RDFS, SKOS

from helixgraph.errors import OutputError
from helixgraph.gc_pause import gc_paused
from helixgraph.iris import local_name
from helixgraph.ontology.namespace import ECO
from helixgraph.ontology.prefixes import ONTOLOGY_GRAPH
from helixgraph.views.pages.evidence import Statement, statements_by_entity
from helixgraph.views.pages.scope import ALL_PAGES_LIMIT, entities_to_write
from helixgraph.views.timeline import Snapshot
from helixgraph.views.values import measure_value, numeric_measures

__all__ = [
    "CONTENT_SECURITY_POLICY",
    "FORK_LIMIT",
    "LIST_LIMIT",
    "MANIFEST",
    "SOURCE_ROWS",
    "STYLESHEET",
    "SiteData",
    "entity_page",
    "page_name",
    "read_manifest",
    "read_site_data",
    "source_page",
    "source_pages",
    "write_site",
]


_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_LABEL, _ALT, _PREF = str(RDFS.label), str(SKOS.altLabel), str(SKOS.prefLabel)
_SECTOR = str(ECO.sector)
_ABOUT = str(ECO.aboutEntity)
_DATES = (str(ECO.date), str(ECO.startDate), str(ECO.notLaterThan))
_STAT_PARTS = (str(ECO.value), str(ECO.minValue), str(ECO.maxValue), str(ECO.unit), str(ECO.statedAs),
               str(ECO.measure), str(ECO.approximation))
_NEIGHBOURS = 12
#: The most items a page lists of one kind (entities naming it, events, statistics) or a source page of entities.
LIST_LIMIT = 300
SOURCE_ROWS = 2_000
_SAFE = re.compile(r"[^A-Za-z0-9_.-]")
#: What the pages may load: their stylesheet and data images, nothing else (no script at all).
CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src data:; base-uri 'none'; form-action 'none'"
#: The site's one stylesheet, in its folder.
STYLESHEET = "pages.css"
_CSS = """body{font:15px/1.45 "Noto Sans CJK SC","WenQuanYi Micro Hei",system-ui,sans-serif;color:#1f2933;
max-width:60rem;margin:0 auto;padding:0 1rem 3rem}nav{padding:.6rem 0;border-bottom:1px solid #d0d7de;
font-size:13px}h1{margin:.6rem 0 .1rem}h2{font-size:1.05rem;margin:1.4rem 0 .4rem;border-bottom:1px solid #e4e7eb}
.sub{color:#52606d;margin:0}table{border-collapse:collapse;width:100%;font-size:13px}
td,th{border-bottom:1px solid #eef0f2;padding:3px 6px;text-align:left;vertical-align:top}
th{color:#52606d;font-weight:600}.inferred{color:#9a3412}.stated{color:#1f6f43}.iri{font-family:monospace;
font-size:12px;overflow-wrap:anywhere}svg{max-width:100%;height:auto;border:1px solid #e4e7eb}
svg text{font-size:11px;fill:#1f2933}svg a text{fill:#1d4ed8}ol.time{padding-left:1.2rem}"""


@cache
def page_name(iri: Hashable) -> str:
    """The page of an entity, relative to the site's folder: ``entity/<id>.html``.

    Ids that are not plain file names get a short hash, so every IRI has its own page.

    >>> page_name("https://w3id.org/helixgraph/id/huahui-health")
    'entity/huahui-health.html'
    >>> page_name("http://example.org/a b/c?d")
    'entity/c_d-e85ecb15.html'
    """
    return f"entity/{_file_part(str(iri))}.html"


def _source_page(iri: str) -> str:
    return f"source/{_file_part(iri)}.html"


@cache
def _file_part(iri: str) -> str:
    name = local_name(iri)
    safe = _SAFE.sub("_", name)[:80]
    if safe != name or not safe or safe.startswith("."):
        safe = f"{safe}-{hashlib.sha1(iri.encode('utf-8')).hexdigest()[:8]}"
    return safe


class SiteData:
    """What the pages are written from: statements by entity, labels, sources, the network, snapshots."""

    def __init__(self, statements: Mapping[str, list[Statement]], labels: Mapping[str, str],
                 sources: Mapping[str, dict], network: nx.Graph | None, timeline: Sequence[Snapshot],
                 explorer: str | None) -> None:
        self.statements = statements
        self.labels = dict(labels)
        self.sources = sources
        self.network = network if network is not None else nx.MultiDiGraph()
        self.timeline = list(timeline)
        self.explorer = explorer
        self.entities = [iri for iri, facts in statements.items() if any(s.property == _TYPE for s in facts)]
        entity_set = set(self.entities)
        self.incoming: dict[str, list[tuple[str, Statement]]] = {}
        labels, incoming, english = self.labels, self.incoming, set()
        for subject, facts in statements.items():
            for fact in facts:
                prop, value = fact.property, fact.value
                if prop == _LABEL:
                    if subject not in english:  # an English label wins, else the ontology's, else the first
                        if getattr(value, "language", None) == "en":
                            labels[subject] = value.value
                            english.add(subject)
                        elif subject not in labels:
                            labels[subject] = value.value
                elif isinstance(value, ox.NamedNode) and prop != _TYPE and value.value in entity_set:
                    incoming.setdefault(value.value, []).append((subject, fact))
        self.measures = numeric_measures(self.network)
        self.degree = dict(self.network.degree())
        # HTML fragments made once and reused by every page that shows them
        self.value_html: dict[str, str] = {}
        self.evidence_html: dict[tuple, str] = {}
        self.link_html: dict[str, str] = {}
        self.source_html: dict[str, str] = {}
        self.property_head: dict[str, tuple[str, str]] = {}
        self.first_date: dict[str, tuple[str, str] | None] = {}
        self.mark_html: dict[str, str] = {}
        self.snapshot_names = sorted({name for snapshot in self.timeline for name in snapshot.measures})
        self.snapshot_head = ('<h3>Across snapshots</h3><table id="snapshots"><tr><th>as of</th>'
                              + "".join(f"<th>{escape(name)}</th>" for name in self.snapshot_names) + "</tr>")
        self.snapshot_days = [f"<tr><td>{escape(snapshot.day)}</td>" for snapshot in self.timeline]
        self.measure_names = [(name, escape(name)) for name in self.measures]

    @functools.cached_property
    def by_source(self) -> dict[str, dict[str, list[Statement]]]:
        """Each source's statements by entity (for the sources' pages)."""
        found: dict[str, dict[str, list[Statement]]] = {}
        for subject, facts in self.statements.items():
            for fact in facts:
                found.setdefault(fact.source, {}).setdefault(subject, []).append(fact)
        return found

    def label(self, iri: str) -> str:
        return self.labels.get(iri) or local_name(iri)


def read_site_data(store: ox.Store, *, network: nx.Graph | None = None, timeline: Sequence[Snapshot] = (),
                   explorer: str | None = None, statements: Mapping[str, list[Statement]] | None = None) -> SiteData:
    """Read what the pages need from ``store`` (one pass over its source graphs) and the network.

    >>> from helixgraph.pipeline.build import load_store
    >>> site = read_site_data(load_store())
    >>> len(site.entities), site.label("https://w3id.org/helixgraph/id/nibs")
    (62, 'National Institute of Biological Sciences, Beijing')
    """
    labels: dict[str, str] = {}
    graph = ox.NamedNode(str(ONTOLOGY_GRAPH))
    for predicate in (_PREF, _LABEL):
        for subject, _, value, _ in store.quads_for_pattern(None, ox.NamedNode(predicate), None, graph):
            if getattr(value, "language", None) in ("en", None) and subject.value not in labels:
                labels[subject.value] = value.value
    sources: dict[str, dict] = {}
    fields = {str(DCTERMS.title): "title", str(DCTERMS.publisher): "publisher", str(DCTERMS.issued): "issued",
              str(ECO.isMachineTranslation): "machine", str(DCTERMS.language): "language"}
    for source in sorted(store.named_graphs(), key=lambda graph: graph.value):
        if source.value == str(ONTOLOGY_GRAPH) or "/source/" not in source.value:
            continue
        meta = sources.setdefault(source.value, {})
        for _, predicate, value, _ in store.quads_for_pattern(source, None, None, source):
            name = fields.get(predicate.value)
            if name and name not in meta:
                meta[name] = value.value
            if predicate.value == str(DCTERMS.source) or predicate.value.endswith("#url"):
                meta.setdefault("url", value.value)
    if statements is None:
        statements = statements_by_entity(store)
    return SiteData(statements, labels, sources, network, timeline, explorer)


# ---------------------------------------------------------------------------------------------- HTML


_HEAD_START = ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
               f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'
               '<meta name="viewport" content="width=device-width, initial-scale=1">'
               '<meta name="generator" content="helixgraph.views.pages"><title>')


def _head(title: str, depth: str) -> str:
    return f'{_HEAD_START}{escape(title)}</title><link rel="stylesheet" href="{depth}{STYLESHEET}"></head><body>'



@cache
def _nav_html(explorer: str | None, depth: str) -> str:
    parts = [f'<a href="{depth}index.html">All sources and actors</a>']
    if explorer:
        parts.append(f'<a id="to-explorer" href="{depth}{escape(explorer)}">The explorer</a>')
    return f"<nav>{' · '.join(parts)}</nav>"


def _nav(site: SiteData, depth: str) -> str:
    return _nav_html(site.explorer, depth)


def _link(site: SiteData, iri: str) -> str:
    """A link to an entity's page from a page one folder down (its label, escaped, as the text)."""
    known = site.link_html.get(iri)
    if known is None:
        known = site.link_html[iri] = f'<a href="../{page_name(iri)}">{escape(site.label(iri))}</a>'
    return known


def _value_html(site: SiteData, value: object, depth: str) -> str:
    """A fact's value: a link for an entity, a label for a concept, the text (with its language) for a literal."""
    if isinstance(value, ox.NamedNode):
        iri = value.value
        known = site.value_html.get(iri)
        if known is None:
            if iri in site.statements:
                known = f'<a href="{depth}{page_name(iri)}">{escape(site.label(iri))}</a>'
            else:
                known = escape(site.label(iri))
            site.value_html[iri] = known
        return known
    text = escape(getattr(value, "value", str(value)))
    language = getattr(value, "language", None)
    return f'{text} <span class="sub">({escape(language)})</span>' if language else text


def _source_cell(site: SiteData, fact: Statement, depth: str) -> str:
    known = site.source_html.get(fact.source)
    if known is None:
        meta = site.sources.get(fact.source, {})
        title = meta.get("title") or local_name(fact.source)
        known = site.source_html[fact.source] = f'<a href="{depth}{_source_page(fact.source)}">{escape(title)}</a>'
    return known


def _evidence_cells(site: SiteData, fact: Statement, depth: str) -> str:
    key = fact[2:]  # source, paragraphs, issued, quote, inferred, reason
    known = site.evidence_html.get(key)
    if known is None:
        known = site.evidence_html[key] = _evidence_text(site, fact, depth)
    return known


def _evidence_text(site: SiteData, fact: Statement, depth: str) -> str:
    paragraphs = ", ".join(map(str, fact.paragraphs)) or "-"
    why = f": {escape(fact.reason)}" if fact.inferred and fact.reason else ""
    kind = f'<span class="inferred">inferred by the curator{why}</span>' if fact.inferred else \
        '<span class="stated">stated by the source</span>'
    quote = f"<br><q>{escape(fact.quote)}</q>" if fact.quote else ""
    return (f"<td>{_source_cell(site, fact, depth)}{quote}</td><td>{escape(paragraphs)}</td>"
            f"<td>{escape(fact.issued)}</td><td>{kind}</td>")


def _property_head(site: SiteData, prop: str) -> tuple[str, str]:
    """A property's sort key (its label in lower case) and its label, escaped."""
    known = site.property_head.get(prop)
    if known is None:
        label = site.label(prop)
        known = site.property_head[prop] = (label.lower(), escape(label))
    return known


def _first_date(site: SiteData, subject: str) -> tuple[str, str] | None:
    """The first dated statement of ``subject`` (an event, say): its day and the date property's label."""
    if subject in site.first_date:
        return site.first_date[subject]
    found = None
    for fact in site.statements.get(subject, ()):
        if fact.property in _DATES:
            found = (fact.value.value, site.label(fact.property))
            break
    site.first_date[subject] = found
    return found


def _interval(facts: Sequence[Statement], site: SiteData) -> str:
    """A statistic as an interval with its unit and the words it was stated in."""
    parts = {fact.property: fact.value for fact in facts if fact.property in _STAT_PARTS}

    def number(prop: str) -> str | None:
        value = parts.get(str(prop))
        return None if value is None else value.value

    value, low, high = number(ECO.value), number(ECO.minValue), number(ECO.maxValue)
    if value is not None and low is None and high is None:
        low = high = value
    interval = f"[{low if low is not None else '−∞'}, {high if high is not None else '∞'}]"
    unit = number(ECO.unit) or ""
    measure = parts.get(str(ECO.measure))
    qualifier = parts.get(str(ECO.approximation))
    words = number(ECO.statedAs)
    pieces = [escape(site.label(measure.value)) + ": " if measure is not None else "",
              escape(f"{interval} {unit}".strip())]
    if qualifier is not None:
        pieces.append(f" ({escape(site.label(qualifier.value))})")
    if words:
        pieces.append(f" · stated as <q>{escape(words)}</q>")
    return "".join(pieces)


#: The neighbourhood drawing's width, height and ring radius.
_DRAWING = (520, 320, 120)


@cache
def _ring(count: int) -> tuple[tuple[tuple[float, float], str], ...]:
    """The positions of ``count`` neighbours around the centre of the neighbourhood drawing, with their lines."""
    width, height, radius = _DRAWING
    cx, cy = width / 2, height / 2
    places = []
    for i in range(count):
        angle = 2 * math.pi * i / count - math.pi / 2
        x, y = round(cx + radius * 1.6 * math.cos(angle), 1), round(cy + radius * math.sin(angle), 1)
        places.append(((x, y), f'<line x1="{cx}" y1="{cy}" x2="{x}" y2="{y}" stroke="#9aa5b1"/>'))
    return tuple(places)



def _neighbourhood_svg(site: SiteData, iri: str, depth: str) -> str:
    """The entity and up to a dozen neighbours (highest degree first) drawn in a ring, each linked."""
    G = site.network
    if iri not in G:
        return ""
    neighbours = set(G.successors(iri)) | set(G.predecessors(iri)) if G.is_directed() else set(G[iri])
    degree = site.degree
    chosen = sorted(neighbours, key=lambda n: (-degree.get(n, 0), str(n)))[:_NEIGHBOURS]
    if not chosen:
        return ""
    width, height, _ = _DRAWING
    cx, cy = width / 2, height / 2
    ring = _ring(len(chosen))
    marks = []
    known = site.mark_html
    for node, ((x, y), _) in zip(chosen, ring, strict=True):
        label = known.get(node)
        if label is None:
            label = known[node] = escape(site.label(str(node))[:28])
        marks.append(f'<a href="{depth}{page_name(node)}"><circle cx="{x}" cy="{y}" r="6" fill="#4e79a7"/>'
                     f'<text x="{x}" y="{y + 18}" text-anchor="middle">{label}</text></a>')
    more = len(neighbours) - len(chosen)
    note = f'<text x="6" y="{height - 8}">and {more} more</text>' if more > 0 else ""
    centre = (f'<circle cx="{cx}" cy="{cy}" r="10" fill="#f28e2b"/>'
              f'<text x="{cx}" y="{cy - 16}" text-anchor="middle">{escape(site.label(iri)[:40])}</text>')
    return (f'<svg id="neighbourhood" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
            f'role="img" aria-label="Neighbourhood">{"".join(line for _, line in ring)}{centre}{"".join(marks)}'
            f'{note}</svg>')


def _format(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.4g}"


def _cell(value: object) -> str:
    if value.__class__ is float and value - value == 0.0:  # finite: the measures' usual type, checked fast
        return f"<td>{int(value)}</td>" if value.is_integer() else f"<td>{value:.4g}</td>"
    number = measure_value(value)
    return "<td>-</td>" if number is None else f"<td>{_format(number)}</td>"


def _network_html(site: SiteData, iri: str) -> str:
    G = site.network
    if iri not in G:
        return ""
    data = G.nodes[iri]
    out = ['<section id="network"><h2>Network position</h2>']
    rows = [f"<tr><td>{shown}</td>{cell}</tr>" for name, shown in site.measure_names
            if (cell := _cell(data.get(name))) != "<td>-</td>"]
    if rows:
        out.append("<table><tr><th>measure</th><th>value</th></tr>")
        out += rows
        out.append("</table>")
    if site.timeline:
        names = site.snapshot_names
        out.append(site.snapshot_head)
        for snapshot, day in zip(site.timeline, site.snapshot_days, strict=True):
            if iri not in snapshot.nodes:
                out.append(f'{day}<td colspan="{len(names)}">not yet known</td></tr>')
            else:
                measures = snapshot.measures
                out.append(day + "".join(_cell(measures[name].get(iri)) if name in measures else "<td>-</td>"
                                         for name in names) + "</tr>")
        out.append("</table>")
    out.append("</section>")
    return "".join(out)


def entity_page(site: SiteData, iri: str) -> str:
    """The HTML of one entity's profile page.

    >>> from helixgraph.pipeline.build import load_store
    >>> html = entity_page(read_site_data(load_store()), "https://w3id.org/helixgraph/id/nibs")
    >>> "<h1>National Institute of Biological Sciences, Beijing</h1>" in html, "<script" in html
    (True, False)
    """
    depth = "../"
    label = site.label
    facts = site.statements.get(iri, [])
    title = label(iri)
    classes = sorted({label(f.value.value) for f in facts if f.property == _TYPE})
    sectors = sorted({label(f.value.value) for f in facts if f.property == _SECTOR})
    out = [_head(f"{title} · helixgraph", depth), _nav(site, depth), f"<h1>{escape(title)}</h1>",
           f'<p class="sub" id="class">{escape(", ".join(classes))}'
           + (f" · sector: {escape(', '.join(sectors))}" if sectors else "") + "</p>"]
    names = [(f.value, "label" if f.property == _LABEL else "alias") for f in facts if f.property in (_LABEL, _ALT)]
    seen = set()
    out.append('<section id="names"><h2>Names</h2><table><tr><th>name</th><th>language</th><th>kind</th></tr>')
    for value, kind in names:
        key = (value.value, getattr(value, "language", None), kind)
        if key in seen:
            continue
        seen.add(key)
        out.append(f"<tr><td>{escape(value.value)}</td><td>{escape(getattr(value, 'language', None) or '-')}</td>"
                   f"<td>{kind}</td></tr>")
    out.append("</table></section>")
    out.append(f'<section id="identifiers"><h2>Identifiers</h2><p class="iri">{escape(iri)}</p></section>')

    out.append('<section id="facts"><h2>Facts and their evidence</h2><table>'
               "<tr><th>value</th><th>source</th><th>paragraph</th><th>issued</th><th>stated or inferred</th></tr>")
    by_property: dict[str, list[Statement]] = {}
    for fact in facts:
        by_property.setdefault(fact.property, []).append(fact)
    heads = {prop: _property_head(site, prop) for prop in by_property}
    for prop in sorted(by_property, key=lambda p: heads[p][0]):
        out.append(f'<tr><th colspan="5">{heads[prop][1]}</th></tr>')
        out += [f"<tr><td>{_value_html(site, fact.value, depth)}</td>{_evidence_cells(site, fact, depth)}</tr>"
                for fact in by_property[prop]]
    out.append("</table></section>")

    incoming = site.incoming.get(iri, [])
    stats = [subject for subject, fact in incoming if fact.property == _ABOUT]
    if stats:
        stats = list(dict.fromkeys(stats))
        out.append('<section id="statistics"><h2>Statistics</h2><ul>')
        for subject in stats[:LIST_LIMIT]:
            facts_of = site.statements.get(subject, [])
            source = facts_of[0] if facts_of else None
            cite = f" · {_source_cell(site, source, depth)} ({escape(source.issued)})" if source else ""
            out.append(f'<li><a href="{depth}{page_name(subject)}">{_interval(facts_of, site)}</a>{cite}</li>')
        out.append(_more(len(stats)) + "</ul></section>")
    events = []
    for subject in list(dict.fromkeys(subject for subject, _ in incoming))[: 4 * LIST_LIMIT]:
        dated = _first_date(site, subject)
        if dated is not None:
            events.append((dated[0], subject, dated[1]))
    if events:
        out.append('<section id="events"><h2>Timeline</h2><ol class="time">')
        for day, subject, how in sorted(events)[:LIST_LIMIT]:
            out.append(f'<li>{escape(day)} ({escape(how)}): {_link(site, subject)}</li>')
        out.append("</ol>" + _more(len(events)).replace("li", "p") + "</section>")
    out.append(_network_html(site, iri))
    svg = _neighbourhood_svg(site, iri, depth)
    if svg:
        out.append(f'<section id="neighbours"><h2>Neighbourhood</h2>{svg}</section>')
    if incoming:
        out.append('<section id="related"><h2>Named by</h2><ul>')
        for subject, fact in incoming[:LIST_LIMIT]:
            out.append(f'<li>{_link(site, subject)} '
                       f'({_property_head(site, fact.property)[1]}; {_source_cell(site, fact, depth)})</li>')
        out.append(_more(len(incoming)) + "</ul></section>")
    out.append("</body></html>\n")
    return "".join(out)


def _more(total: int) -> str:
    return f'<li class="sub">and {total - LIST_LIMIT:,} more</li>' if total > LIST_LIMIT else ""


def source_pages(site: SiteData, iri: str) -> list[tuple[str, str]]:
    """A source's pages, ``(name, html)``: its description and every entity it states something about,
    :data:`SOURCE_ROWS` entities a page, each page linking to the others.

    >>> from helixgraph.pipeline.build import load_store
    >>> [name for name, _ in source_pages(read_site_data(load_store()),
    ...                                   "https://w3id.org/helixgraph/source/caixin-2025-10-01")]
    ['source/caixin-2025-10-01.html']
    """
    subjects = list(site.by_source.get(iri, {}).items())
    parts = [subjects[i:i + SOURCE_ROWS] for i in range(0, len(subjects), SOURCE_ROWS)] or [[]]
    names = [_source_page(iri) if n == 0 else _source_page(iri).replace(".html", f"-{n + 1}.html")
             for n in range(len(parts))]
    return [(name, source_page(site, iri, rows, names, n)) for n, (name, rows) in enumerate(zip(names, parts,
                                                                                                 strict=True))]


def source_page(site: SiteData, iri: str, rows: Sequence | None = None, names: Sequence[str] = (),
                part: int = 0) -> str:
    """The HTML of one page of a source: its description and the entities it states something about.

    >>> from helixgraph.pipeline.build import load_store
    >>> html = source_page(read_site_data(load_store()), "https://w3id.org/helixgraph/source/people-daily-2026-01-24")
    >>> 'href="../entity/libevitug.html"' in html
    True
    """
    depth = "../"
    meta = site.sources.get(iri, {})
    title = meta.get("title") or local_name(iri)
    if rows is None:
        rows = list(site.by_source.get(iri, {}).items())
    parts = "".join(f' <a href="{depth}{name}">{n + 1}</a>' if n != part else f" {n + 1}"
                    for n, name in enumerate(names)) if len(names) > 1 else ""
    out = [_head(f"{title} · helixgraph", depth), _nav(site, depth), f"<h1>{escape(title)}</h1>",
           f'<p class="sub">{escape(meta.get("publisher", ""))} · issued {escape(meta.get("issued", "?"))}'
           + (" · machine translation" if meta.get("machine") == "true" else "") + "</p>",
           f'<p class="iri">{escape(iri)}</p>',
           (f'<section id="states"><h2>What it states</h2>{f"<p>Part{parts}</p>" if parts else ""}'
            "<table><tr><th>entity</th><th>facts</th><th>paragraph</th></tr>")]
    for subject, facts in rows:
        paragraphs = sorted({n for fact in facts for n in fact.paragraphs})
        link = f'<a href="{depth}{page_name(subject)}">{escape(site.label(subject))}</a>' \
            if subject in site.statements else escape(site.label(subject))
        out.append(f"<tr><td>{link}</td><td>{len(facts)}</td><td>{escape(', '.join(map(str, paragraphs)))}</td></tr>")
    out.append("</table></section></body></html>\n")
    return "".join(out)


def _index_page(site: SiteData, written: Sequence[str], limit: int | None, top: int = 300) -> str:
    out = [_head("helixgraph profiles", ""), _nav(site, ""), "<h1>Profiles</h1><h2>Sources</h2><ul>"]
    for iri, meta in sorted(site.sources.items(), key=lambda item: item[1].get("issued", "")):
        out.append(f'<li><a href="{_source_page(iri)}">{escape(meta.get("title") or local_name(iri))}</a> '
                   f'({escape(meta.get("issued", "?"))})</li>')
    out.append("</ul>")
    G = site.network
    everything = len(written) == len(site.entities)
    listed = site.statements if everything else set(written)
    ranked = sorted((node for node in G if str(node) in listed),
                    key=lambda node: -(measure_value(G.nodes[node].get("betweenness")) or 0.0))[:top]
    kinds = "Actors, products and places" if everything else "Actors"
    out.append(f"<h2>{kinds} ({len(ranked)} of {G.number_of_nodes():,} by betweenness)</h2><ul>")
    out += [f'<li><a href="{page_name(node)}">{escape(site.label(str(node)))}</a></li>' for node in ranked]
    if everything:
        out.append(f"</ul><p>{len(site.entities):,} entity pages in all.</p></body></html>\n")
    else:
        out.append(f'</ul><p id="scope">{len(written):,} entity pages here, those of the actors: the graph has '
                   f"{len(site.entities):,} entities, more than {limit:,}, so the pages of the others (events, "
                   "products, places, statistics and the rest) are not written. <code>helixgraph serve</code> "
                   "shows every entity's page, these and the others, at <code>/pages/</code>.</p></body></html>\n")
    return "".join(out)


#: The file in the site's folder that records how it was written (read by ``helixgraph serve``).
MANIFEST = "site.json"
#: Entities rendered in one piece by a helper process (fewer on a small site, so each helper gets several).
_CHUNK = 500

#: Sites of more entity pages than this are rendered by one process: forked helpers copy the pages
#: of memory they touch, which a build of that size cannot spare.
FORK_LIMIT = 200_000

#: Sites of fewer entity pages than this are rendered by one process: a fork would cost more than it saves.
_FORK_MIN = 2_000

_SITE: SiteData | None = None


def _render(entities: Sequence[str]) -> list[tuple[str, bytes]]:
    """The pages of ``entities`` of the site being written: (file name, HTML as UTF-8)."""
    site = _SITE
    with gc_paused():
        return [(page_name(iri), entity_page(site, iri).encode("utf-8")) for iri in entities]


def _write_files(folder: str, pages: Iterable[tuple[str, bytes]]) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    for name, data in pages:
        descriptor = os.open(os.path.join(folder, name), flags, 0o644)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(descriptor, view):]
        finally:
            os.close(descriptor)


def _write_entity_pages(folder: str, site: SiteData, entities: Sequence[str], processes: int) -> None:
    """Render and write the pages of ``entities``: in this process alone when ``processes`` is 1, else
    with ``processes - 1`` forked helpers that render while this process writes.

    This process creates every file: measured on ext4, two processes creating files in one folder
    at once spent most of their time waiting on each other in the kernel. The helpers render pieces
    of the list and hand back their pages; between two pieces to write, this process renders one
    itself, so neither side waits for long.
    """
    global _SITE
    _SITE = site
    try:
        if processes > 1:
            _write_with_helpers(folder, entities, processes - 1)
        else:
            _write_files(folder, ((page_name(iri), entity_page(site, iri).encode("utf-8")) for iri in entities))
    finally:
        _SITE = None


def _write_with_helpers(folder: str, entities: Sequence[str], helpers: int) -> None:
    import multiprocessing
    from collections import deque

    size = max(1, min(_CHUNK, len(entities) // (8 * (helpers + 1))))
    pieces = deque(entities[i:i + size] for i in range(0, len(entities), size))
    context = multiprocessing.get_context("fork")
    gc.freeze()  # the collector, if it ran in a helper, would touch (and so copy) every object
    try:
        with context.Pool(helpers) as pool:
            asked: deque = deque()
            while pieces or asked:
                while pieces and len(asked) < 2 * helpers:
                    asked.append(pool.apply_async(_render, (pieces.popleft(),)))
                if asked and (asked[0].ready() or not pieces):
                    _write_files(folder, asked.popleft().get())
                else:
                    _write_files(folder, _render(pieces.pop()))
    finally:
        gc.unfreeze()


def _processes(asked: int | None, pages: int) -> int:
    """How many processes render ``pages`` entity pages: as asked, else two (this one and a helper)
    between :data:`_FORK_MIN` and :data:`FORK_LIMIT` pages where processes can be forked, else one.
    """
    if "fork" not in _start_methods():
        return 1
    if asked is not None:
        return max(1, asked)
    return 2 if _FORK_MIN <= pages <= FORK_LIMIT and (os.cpu_count() or 1) > 1 else 1


def write_site(store: ox.Store, folder: str | os.PathLike, *, network: nx.Graph | None = None,
               timeline: Sequence[Snapshot] = (), explorer: str | None = None,
               processes: int | None = None, statements: Mapping[str, list[Statement]] | None = None,
               limit: int | None = ALL_PAGES_LIMIT, timeline_drawn: bool | None = None) -> Path:
    """Write the profile pages of every entity and source in ``store`` into ``folder``.

    ``folder`` gets ``index.html``, ``entity/<id>.html`` and ``source/<id>.html``; it must not exist
    yet or be empty (a build writes it inside a fresh generation). ``network`` (the projection,
    with measures) and ``timeline`` (its snapshots) add the network section; ``explorer`` is the
    explorer's address relative to the folder; ``statements`` (from
    :func:`~helixgraph.views.pages.evidence.statements_by_entity`) saves reading them again;
    ``processes`` is how many processes render the entity pages, this one and forked helpers
    (default: two from 2,000 to :data:`FORK_LIMIT` pages, else one; this process creates every file).
    Above ``limit`` entities (:data:`~helixgraph.views.pages.scope.ALL_PAGES_LIMIT`; None for no
    limit) only the actors' entity pages are written, and the index says so. ``site.json`` records
    what was written, the explorer's address and ``timeline_drawn`` (whether snapshots were asked
    for; by default, whether ``timeline`` holds any), for ``helixgraph serve``.

    Raises
    ------
    OutputError
        ``folder`` exists and is not empty.

    Examples
    --------
    >>> import tempfile
    >>> from helixgraph.pipeline.build import load_store
    >>> folder = write_site(load_store(), Path(tempfile.mkdtemp()) / "pages", explorer="../ecosystem.html")
    >>> page = (folder / "entity" / "huahui-health.html").read_text(encoding="utf-8")
    >>> "<h1>Huahui Health</h1>" in page, "stated by the source" in page
    (True, True)
    >>> sorted(p.name for p in (folder / "source").iterdir())
    ['caixin-2025-10-01.html', 'people-daily-2026-01-24.html']
    """
    target = Path(folder)
    if target.exists() and any(target.iterdir()):
        raise OutputError(f"cannot write the profile pages into {str(target)!r}: the folder is not empty")
    (target / "entity").mkdir(parents=True, exist_ok=True)
    (target / "source").mkdir(exist_ok=True)
    with gc_paused():  # hundreds of thousands of small acyclic objects
        site = read_site_data(store, network=network, timeline=timeline, explorer=explorer, statements=statements)
        written = entities_to_write(site.entities, site.statements, limit)

        for iri in site.sources:
            for name, html in source_pages(site, iri):
                (target / name).write_text(html, encoding="utf-8")
        (target / "index.html").write_text(_index_page(site, written, limit), encoding="utf-8")
        (target / STYLESHEET).write_text(_CSS + "\n", encoding="utf-8")
        _write_entity_pages(str(target), site, written, _processes(processes, len(written)))
    manifest = {"explorer": explorer, "entities": len(site.entities), "entity_pages": len(written),
                "all_pages_limit": limit, "scope": "all" if len(written) == len(site.entities) else "actors",
                "timeline": bool(timeline) if timeline_drawn is None else timeline_drawn}
    (target / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return target


def read_manifest(folder: str | os.PathLike) -> dict:
    """The ``site.json`` of the profile pages in ``folder``; empty when there is none.

    >>> read_manifest("no-such-folder")
    {}
    """
    path = Path(folder) / MANIFEST
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def _start_methods() -> list[str]:
    import multiprocessing

    return multiprocessing.get_all_start_methods()
