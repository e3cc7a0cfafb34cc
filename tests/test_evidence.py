"""Evidence per statement: values with their own paragraphs, quotes and curator's reasons, reified
as rdf:Statements; the stated-only load; the evidence function; the model through TriG and JSON-LD."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS, XSD, Dataset, Literal, URIRef
from rdflib.compare import isomorphic

from helixgraph.data import bundled_sources
from helixgraph.errors import LoadError, QueryError
from helixgraph.graph.catalog import get_query
from helixgraph.graph.dataset import ONTOLOGY_GRAPH
from helixgraph.graph.evidence import statement_evidence
from helixgraph.graph.query import query_store
from helixgraph.graph.store import load_graphs
from helixgraph.loaders import load_documents, load_sources, read_source_file
from helixgraph.ontology.model import load_ontology
from helixgraph.ontology.namespace import ECO

HX = "https://w3id.org/helixgraph/id/"
SRC = "https://w3id.org/helixgraph/source/"
CAIXIN, PEOPLE = SRC + "caixin-2025-10-01", SRC + "people-daily-2026-01-24"
PATSNAP = ("https://synapse.patsnap.com/article/fda-designates-huahui-healths-libevitug-hh-003-as-breakthrough-therapy-"
           "for-chronic-hepatitis-d")

HEADER = """source: {id: demo, title: Demo, publisher: Demo Press, issued: 2025-10-01, language: en}
records:
"""


def load(records: str, *, stated_only: bool = False):
    [demo] = load_documents([read_source_file("demo.yaml", HEADER + records)], stated_only=stated_only)
    return demo.triples


def refused(records: str) -> LoadError:
    with pytest.raises(LoadError) as info:
        load(records)
    return info.value


def store_of(*triple_lists, with_ontology: bool = True) -> ox.Store:
    graphs = [(SRC + f"g{i}", triples) for i, triples in enumerate(triple_lists)]
    if with_ontology:
        graphs.append((str(ONTOLOGY_GRAPH), load_ontology().graph))
    return load_graphs(ox.Store(), graphs)


def claims_of(triples) -> dict:
    """Reified statements by the triple they describe."""
    nodes = {s for s, p, o in triples if p == RDF.type and o == RDF.Statement}
    found = {}
    for node in nodes:
        about = {p: o for s, p, o in triples if s == node and p in (RDF.subject, RDF.predicate, RDF.object)}
        found[(about[RDF.subject], about[RDF.predicate], about[RDF.object])] = {
            p: sorted(o for s, q, o in triples if s == node and q == p)
            for p in (ECO.evidence, ECO.quote, ECO.inferred, ECO.curatorReason, RDFS.seeAlso)}
    return found


DRUG = """  - id: acme
    type: Company
    para: 2
    label: Acme
    sector: Industry
  - id: drug
    type: Drug
    para: [2, 7]
    label: {value: {en: Acmeximab}, para: 7, quote: known as Acmeximab}
    modality: {value: monoclonal antibody, para: 7, quote: a monoclonal antibody}
    developedBy: acme
    developmentCode: {value: AC-1, inferred: the company's site gives it, reference: https://example.org/ac-1}
"""


# ---- the source-file syntax -----------------------------------------------------------------


def test_a_value_with_its_own_paragraph_and_quote_is_a_reified_statement():
    triples = load(DRUG)
    drug, src = URIRef(HX + "drug"), URIRef(SRC + "demo")
    modality = (drug, ECO.modality, Literal("monoclonal antibody"))
    assert modality in triples  # the triple itself stays asserted
    claims = claims_of(triples)
    assert claims[modality] == {ECO.evidence: [URIRef(f"{src}#p7")], ECO.quote: [Literal("a monoclonal antibody", lang="en")],
                                ECO.inferred: [Literal(False)], ECO.curatorReason: [], RDFS.seeAlso: []}
    assert (URIRef(f"{src}#p7"), ECO.paragraphNumber, Literal(7, datatype=XSD.positiveInteger)) in triples
    # a value without evidence of its own has no reified statement: it rests on the record's paragraphs
    assert (drug, ECO.developedBy, URIRef(HX + "acme")) not in claims
    assert {o for s, p, o in triples if s == drug and p == ECO.evidence} == {URIRef(f"{src}#p2"), URIRef(f"{src}#p7")}


def test_a_curator_addition_carries_its_reason_and_reference_and_the_records_paragraphs():
    claims = claims_of(load(DRUG))
    code = claims[(URIRef(HX + "drug"), ECO.developmentCode, Literal("AC-1"))]
    assert code[ECO.inferred] == [Literal(True)]
    assert code[ECO.curatorReason] == [Literal("the company's site gives it", lang="en")]
    assert code[RDFS.seeAlso] == [URIRef("https://example.org/ac-1")]
    assert code[ECO.evidence] == [URIRef(SRC + "demo#p2"), URIRef(SRC + "demo#p7")]


def test_a_record_the_curator_added_makes_every_value_and_its_type_inferred():
    triples = load("""  - id: fda
    type: Regulator
    para: 8
    inferred: not named in the report
    label: FDA
    sector: Government
""")
    claims = claims_of(triples)
    fda = URIRef(HX + "fda")
    assert set(claims) == {(fda, RDF.type, ECO.Regulator), (fda, RDFS.label, Literal("FDA", lang="en")),
                           (fda, ECO.sector, ECO.Government)}
    assert all(c[ECO.inferred] == [Literal(True)] and c[ECO.curatorReason] for c in claims.values())


def test_the_same_triple_has_the_same_statement_iri_in_every_load():
    first = {s for s, p, o in load(DRUG) if p == RDF.type and o == RDF.Statement}
    assert first == {s for s, p, o in load(DRUG) if p == RDF.type and o == RDF.Statement} and len(first) == 3


@pytest.mark.parametrize(("value", "field", "expected"), [
    ("{value: antibody, quote: one two three four five six seven eight}", "modality", "at most 7 words"),
    ("{value: antibody, qoute: an antibody}", "modality", "the keys value, para, quote, inferred, reference"),
    ("{value: antibody}", "modality", "'para', 'quote', 'inferred' or 'reference' beside 'value'"),
    ("{value: antibody, para: 0}", "modality", "a whole number of at least 1"),
    ("{value: antibody, inferred: ''}", "modality", "the curator's reason ('inferred') as text"),
    ("{value: antibody, para: 3, reference: https://example.org}", "modality", "'inferred' with the reason"),
    ("{value: antibody, inferred: why, reference: not a url}", "modality", "an http(s) URL"),
    ("{value: antibody, inferred: why, reference: 'https://exa[mple.org/x'}", "modality", "an http(s) URL"),
    ("{value: [antibody, implant], para: 3}", "modality", "a list of values with evidence, one each"),
])
def test_a_malformed_value_with_evidence_is_refused_with_its_place(value, field, expected):
    err = refused(f"""  - id: drug
    type: Drug
    para: 2
    label: Acmeximab
    {field}: {value}
""")
    assert (err.file, err.line, err.record, err.field) == ("demo.yaml", 7, "drug", field)
    assert expected in err.expected


def test_a_record_level_reason_must_be_text_and_its_reference_a_url():
    err = refused("""  - {id: x, type: Disease, para: 1, label: X, inferred: 3}
""")
    assert (err.line, err.field, err.value) == (3, "inferred", 3)
    err = refused("""  - {id: x, type: Disease, para: 1, label: X, inferred: why, reference: nowhere}
""")
    assert (err.field, err.value) == ("reference", "nowhere")


# ---- leaving the curator's additions out ------------------------------------------------------------


CURATED = """  - id: fda
    type: Regulator
    para: 8
    inferred: not named
    label: FDA
    sector: Government
  - id: lab
    type: ResearchInstitute
    para: 1
    label: {value: Lab, inferred: the report does not name it}
    sector: AcademiaResearch
  - id: team
    type: ResearchGroup
    para: 1
    label: Team
    sector: AcademiaResearch
    subOrganizationOf: lab
  - id: us
    type: AdministrativeArea
    para: 8
    label: United States
  - id: drug
    type: Drug
    para: 8
    label: Acmeximab
    technologyField: [Antibodies, {value: Hepatology, inferred: a guess}]
  - id: btd-us
    type: RegulatoryEvent
    para: 8
    eventType: BreakthroughTherapyDesignation
    subject: drug
    regulator: fda
    jurisdiction: us
    notLaterThan: 2025-10-01
"""


def test_stated_only_leaves_out_curator_records_values_and_what_rests_on_them():
    full, stated = load(CURATED), load(CURATED, stated_only=True)
    subjects = {str(s) for s, p, o in stated if p == RDF.type and str(s).startswith(HX)}
    # fda was added whole; lab loses its only label (required), and team its parent (required)
    assert subjects == {HX + "us", HX + "drug", HX + "btd-us"}
    assert (URIRef(HX + "btd-us"), ECO.regulator, URIRef(HX + "fda")) in full
    assert not any(p == ECO.regulator for s, p, o in stated)  # the stated event names no regulator
    assert (URIRef(HX + "drug"), ECO.technologyField, ECO.Antibodies) in stated
    assert (URIRef(HX + "drug"), ECO.technologyField, ECO.Hepatology) not in stated
    assert not any(o == Literal(True) and p == ECO.inferred for s, p, o in stated)


def test_stated_only_bundled_data_keeps_only_what_the_sources_state():
    stated = load_sources([bundled_sources()], stated_only=True)
    triples = [t for source in stated for t in source.triples]
    subjects = {str(s) for s, p, o in triples if p == RDF.type}
    assert HX + "nibs" in subjects and HX + "libevitug-btd-us" in subjects
    # added whole, or named only by the curator: the FDA, the NMPA's name, the lab's parent
    assert not {HX + "fda", HX + "nmpa", HX + "li-wenhui-lab", HX + "li-wenhui-leads-lab"} & subjects
    assert (URIRef(HX + "changping-laboratory"), ECO.nationalLevel, Literal(True)) not in triples
    assert not any(p == ECO.inferred and o == Literal(True) for s, p, o in triples)


@pytest.mark.slow
def test_build_stated_only_conforms_and_leaves_out_every_curator_addition(tmp_path):
    from click.testing import CliRunner

    from helixgraph.cli import cli
    from helixgraph.graph.store import open_store

    for flag, out in (([], tmp_path / "all"), (["--stated-only"], tmp_path / "stated")):
        printed = CliRunner().invoke(cli, ["build", "--out", str(out), "--no-analysis", "--no-render", *flag])
        assert printed.exit_code == 0, printed.output
    ask = "SELECT (COUNT(?c) AS ?n) WHERE { ?c eco:inferred true }"
    assert query_store(open_store(tmp_path / "all"), ask).rows[0][0] > 40
    assert query_store(open_store(tmp_path / "stated"), ask).rows == [(0,)]
    stated = open_store(tmp_path / "stated")
    assert query_store(stated, "ASK { hx:libevitug-btd-us eco:jurisdiction hx:united-states }").boolean
    assert not query_store(stated, "ASK { ?s ?p hx:fda }").boolean


# ---- the evidence function and cq36 ------------------------------------------------------------------


def test_statement_evidence_gives_each_value_its_source_paragraphs_quote_and_flag(store):
    rows = statement_evidence(store, "libevitug")
    by = {(r.property.rsplit("#", 1)[-1], r.value, r.source): r for r in rows}
    based = by["basedOnResearchOf", HX + "li-wenhui-lab", CAIXIN]
    assert (based.paragraphs, based.quote, based.stated, based.value_label, based.property_label) == (
        (8,), "based on research from Li's team", True, "Li Wenhui's research team", "based on research of")
    code = by["developmentCode", "HH-003", PEOPLE]
    assert (code.paragraphs, code.stated, code.issued, code.reference) == (
        (1,), False, "2026-01-24",
        PATSNAP)
    assert code.reason.startswith("The sponsor's code")
    kind = by["type", str(ECO.Drug), CAIXIN]
    assert kind.paragraphs == (2, 7, 8) and kind.stated  # the record's paragraphs, where it has no own
    assert {r.entity for r in rows} == {HX + "libevitug"}
    # the same answer by IRI; all entities at once hold it too
    assert statement_evidence(store, HX + "libevitug") == rows
    everything = statement_evidence(store)
    assert [r for r in everything if r.entity == HX + "libevitug"] == rows
    assert len({r.entity for r in everything}) > 50


def test_statement_evidence_of_an_unknown_entity_is_empty_and_a_bad_id_is_refused(store):
    assert statement_evidence(store, "no-such-entity") == []
    with pytest.raises(QueryError, match="not an entity id or IRI"):
        statement_evidence(store, "x> } ?s ?p ?o { <y")


def test_every_curator_addition_in_the_bundled_data_gives_its_reason(store):
    rows = statement_evidence(store)
    added = [r for r in rows if not r.stated]
    assert added and all(r.reason for r in added)
    assert all(r.paragraphs for r in rows)  # every value points to a paragraph
    assert all(r.reason is None and r.reference is None for r in rows if r.stated)


def test_open_world_an_unknown_level_is_empty_never_false():
    records = """  - id: zgc-life-science-park
    type: SciencePark
    para: 1
    label: Park
  - id: lab
    type: Laboratory
    para: 1
    label: Lab
    sector: AcademiaResearch
    locatedIn: zgc-life-science-park
"""
    r = query_store(store_of(load(records)), get_query("cq02").text)
    assert [(row[0], row[3], row[4]) for row in r.rows] == [(HX + "lab", None, None)]


# ---- the model in every serialisation ---------------------------------------------------------------


def _source_graphs(dataset: Dataset) -> dict[str, list]:
    return {str(g.identifier): sorted(g) for g in dataset.graphs() if str(g.identifier).startswith(SRC)}


@pytest.mark.slow
def test_reified_statements_survive_trig_and_json_ld(built, store):
    folder = built / "latest"
    trig, jsonld = Dataset(), Dataset()
    trig.parse(folder / "ecosystem.trig", format="trig")
    jsonld.parse(folder / "ecosystem.jsonld", format="json-ld")
    from_trig, from_jsonld = _source_graphs(trig), _source_graphs(jsonld)
    assert set(from_trig) == set(from_jsonld) == {CAIXIN, PEOPLE}
    for name in from_trig:
        assert isomorphic(trig.graph(URIRef(name)), jsonld.graph(URIRef(name))), name
    caixin = trig.graph(URIRef(CAIXIN))
    modality = [s for s in caixin.subjects(RDF.predicate, ECO.modality)
                if caixin.value(s, RDF.subject) == URIRef(HX + "libevitug")]
    assert [caixin.value(s, ECO.quote) for s in modality] == [Literal("a monoclonal antibody", lang="en")]
    # and what rdflib read back loads into Oxigraph and answers cq36 as the built store does
    reloaded = ox.Store()
    reloaded.load(trig.serialize(format="nquads").encode("utf-8"), ox.RdfFormat.N_QUADS)
    def answer(s):  # GROUP_CONCAT lists a statement's paragraphs in no fixed order
        r = query_store(s, get_query("cq36").text)
        at = r.variables.index("paragraphs")
        return [(*row[:at], sorted(row[at].split(",")), *row[at + 1:]) for row in r.rows]

    assert answer(reloaded) == answer(store)


def test_the_prefixes_reach_the_reified_statements(store):
    r = query_store(store, """SELECT (COUNT(?c) AS ?n) WHERE {
        ?c a rdf:Statement ; rdf:subject hx:fda ; eco:inferred true ; eco:curatorReason ?why ; eco:evidence ?p .
        ?p dcterms:isPartOf src:caixin-2025-10-01 ; eco:paragraphNumber 8 }""")
    assert r.rows == [(5,)]  # its type, label, alias, sector and place, all the curator's



# ---- the bundled data, statement by statement -------------------------------------------------------

#: (entity, property, value) -> (paragraphs, stated): what the fact-check of the bundled data found.
BUNDLED_FINDINGS = {
    # the report names no regulator: "China's top drug regulator", "in the U.S."
    ("nmpa", "label", "National Medical Products Administration"): ((8,), False),
    ("nmpa", "description", "China's top drug regulator."): ((8,), True),
    ("fda", "type", ECO.Regulator): ((8,), False),
    ("libevitug-btd-us", "regulator", HX + "fda"): ((8,), False),
    # the team is Li's; that it is a unit of NIBS led by him is the curator's reading
    ("li-wenhui-lab", "subOrganizationOf", HX + "nibs"): ((8,), False),
    ("li-wenhui-leads-lab", "role", ECO.PrincipalInvestigator): ((8,), False),
    ("changping-laboratory", "locatedIn", HX + "zgc-life-science-park"): ((11,), False),
    ("changping-laboratory", "nationalLevel", True): ((11,), False),
    ("beinao-1", "modality", "brain implant"): ((10,), False),
    ("beinao-1-implant-surgeries", "refArea", HX + "zgc-life-science-park"): ((10,), False),
    ("beijing-government", "label", "Beijing Municipal Government"): ((11,), False),
    ("nibs", "technologyField", ECO.LifeSciences): ((5,), False),
    ("huahui-health", "technologyField", ECO.Antibodies): ((2, 7), False),
    # the policy "is set to release": not announced
    ("policy-beijing-changping-health-industry-measures", "status", "to be released"): ((11,), True),
    # "state-backed" is in paragraph 4
    ("zgc-life-science-park", "description",
     ("A state-backed biomedical cluster that spans laboratory science, clinical trials, drug production and "
      "medical care.")): ((2, 4), True),
    ("libevitug-btd-china", "jurisdiction", HX + "chinese-mainland"): ((8,), True),
    ("international-research-hospital", "inCohort", HX + "nearby-hospitals"): ((5,), True),
    ("international-research-hospital", "firstOfKindIn", HX + "china"): ((5,), True),
    ("c-campus", "inCohort", HX + "park-service-platforms"): ((6,), True),
    ("park-area", "attributedTo", HX + "park-representative"): ((5,), True),
    ("libevitug", "label", "Libeiweita"): ((7,), True),
    # the second source's lead gives none of these
    ("libevitug-conditional-approval", "date", "2026-01-20"): ((1,), False),
    ("libevitug-approval-forecast", "fulfilledBy", HX + "libevitug-conditional-approval"): ((1,), False),
    # context the report gives: why clusters matter, the hubs' aims, the flagship drug, the summit,
    # the enhanced policy support
    ("plan-upgrade-pharma-industry", "type", ECO.Plan): ((3,), True),
    ("plan-state-backed-hubs", "type", ECO.Plan): ((4,), True),
    ("libevitug", "description", "Huahui Health's flagship drug."): ((7,), True),
    ("li-wenhui-on-basic-research", "madeAt", HX + "recent-industry-summit"): ((9,), True),
    ("plan-enhance-policy-support", "type", ECO.Plan): ((11,), True),
}


def test_bundled_statements_cite_their_paragraph_or_the_curators_reason(store):
    found = {}
    for r in statement_evidence(store):
        key = (r.entity.rsplit("/", 1)[-1], r.property.rsplit("#", 1)[-1].rsplit("/", 1)[-1], r.value)
        found.setdefault(key, []).append((r.paragraphs, r.stated))
    for (entity, prop, value), expected in BUNDLED_FINDINGS.items():
        assert found.get((entity, prop, str(value) if isinstance(value, URIRef) else value)) == [expected], (
            entity, prop, value)
    # claims no source makes are gone: Li spoke at a summit, not for NIBS; no brand name
    assert not [k for k in found if k[:2] in {("li-wenhui-on-basic-research", "speakingFor"),
                                                ("libevitug", "brandName")}]


def test_statistics_keep_only_their_bounds_and_short_wordings(store):
    r = query_store(store, """SELECT ?q (COUNT(?v) AS ?values) (MAX(STRLEN(?w)) AS ?longest) WHERE {
        ?s eco:approximation ?q ; eco:statedAs ?w . OPTIONAL { ?s eco:value ?v } } GROUP BY ?q""")
    values = {q.rsplit("#", 1)[1]: (n, longest) for q, n, longest in r.rows}
    assert {q: n for q, (n, _) in values.items()} == {"Exact": 5, "MoreThan": 0, "Nearly": 0, "Approximately": 0}
    assert max(longest for _, longest in values.values()) <= 24


def test_the_build_summary_separates_curator_additions(built):
    import json

    from rdflib import RDF, Literal

    from helixgraph import api
    from helixgraph.generations import resolve_output
    from helixgraph.ontology.namespace import ECO

    report = json.loads((resolve_output(built) / "build-report.json").read_text(encoding="utf-8"))
    dataset = api.load()
    claims = set(dataset.subjects(RDF.type, RDF.Statement))
    curator = {c for c in claims if (c, ECO.inferred, Literal(True)) in dataset}
    assert report["evidence"] == {"own evidence": len(claims), "added by the curator": len(curator)}
    assert 0 < len(curator) < len(claims)
