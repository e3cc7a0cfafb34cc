"""The ontology: well-formed, documented, aligned, consistent under OWL 2 RL, and in step with namespace.py."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from helixgraph.ontology.consistency import owl_rl_errors
from helixgraph.ontology.generate import NAMESPACE_FILE, render_namespace_module
from helixgraph.ontology.model import load_ontology
from helixgraph.ontology.namespace import ECO
from helixgraph.ontology.prefixes import ECO_NS

ONTO = load_ontology()
ECO_TERMS = sorted(
    {s for s in ONTO.graph.subjects(RDF.type, None) if isinstance(s, URIRef) and s in ECO_NS}
)


def test_class_count_is_small():
    assert 25 <= len(ONTO.classes) <= 50


@pytest.mark.parametrize("term", ECO_TERMS, ids=lambda t: t.split("#")[1])
def test_every_term_has_english_label_and_definition(term):
    labels = [lbl for lbl in ONTO.graph.objects(term, RDFS.label) if lbl.language == "en"]
    assert labels, f"{term} has no English rdfs:label"
    if (term, RDF.type, OWL.Class) in ONTO.graph or (term, RDF.type, SKOS.Concept) in ONTO.graph:
        assert ONTO.graph.value(term, SKOS.definition) is not None, f"{term} has no skos:definition"


def test_version_is_declared():
    onto_iri = URIRef("https://w3id.org/helixgraph/ontology")
    assert str(ONTO.graph.value(onto_iri, OWL.versionInfo)) == "0.1.0"


@pytest.mark.parametrize(
    ("ours", "external"),
    [
        ("Organisation", "http://www.w3.org/ns/org#Organization"),
        ("Organisation", "http://xmlns.com/foaf/0.1/Organization"),
        ("Person", "http://www.w3.org/ns/prov#Person"),
        ("Statistic", "http://purl.org/linked-data/cube#Observation"),
        ("Membership", "http://www.w3.org/ns/org#Membership"),
        ("RegulatoryEvent", "http://www.w3.org/ns/prov#Activity"),
        ("Hospital", "https://schema.org/Hospital"),
        ("Drug", "https://schema.org/Drug"),
        ("TechnologyField", "http://www.w3.org/2004/02/skos/core#Concept"),
    ],
)
def test_classes_align_to_standard_vocabularies(ours, external):
    assert URIRef(external) in ONTO.classes[ours].ancestors


@pytest.mark.parametrize(
    ("scheme", "members"),
    [
        ("SectorScheme", {"AcademiaResearch", "Industry", "Government", "Healthcare", "Intermediary"}),
        ("ApproximationScheme", {"MoreThan", "AtLeast", "Nearly", "Approximately", "Exact"}),
        ("RegulatoryPathwayScheme", {"BreakthroughTherapyPathway", "ConditionalApprovalPathway",
                                     "PriorityReviewPathway", "SpecialApprovalPathway", "FastTrackPathway",
                                     "AcceleratedApprovalPathway", "PriorityMedicinePathway",
                                     "EmergencyUsePathway"}),
        ("FDATerms", {"FDABreakthroughTherapy", "FDAFastTrack", "FDAPriorityReview", "FDAAcceleratedApproval",
                      "FDANewDrugApplication", "FDABiologicsLicenseApplication", "FDA510k",
                      "FDAEmergencyUseAuthorization", "FDAApproval"}),
    ],
)
def test_concept_schemes_hold_their_concepts(scheme, members):
    found = {str(c).split("#")[1] for c in ONTO.graph.subjects(SKOS.inScheme, ECO_NS[scheme])}
    assert found == members


def test_every_regulator_term_matches_a_generic_concept():
    terms = [t for scheme in ("FDATerms", "EMATerms", "NMPATerms")
             for t in ONTO.graph.subjects(SKOS.inScheme, ECO_NS[scheme])]
    assert len(terms) == 21
    for term in terms:
        [generic] = ONTO.graph.objects(term, SKOS.closeMatch)
        assert (generic, SKOS.inScheme, ECO_NS.RegulatoryEventTypeScheme) in ONTO.graph, term


def test_event_types_roll_up_to_the_generic_groups():
    def roots(concept):
        parents = list(ONTO.graph.objects(concept, SKOS.broader))
        return {concept} if not parents else set().union(*(roots(p) for p in parents))

    event_types = set(ONTO.graph.subjects(SKOS.inScheme, ECO_NS.RegulatoryEventTypeScheme))
    assert roots(ECO_NS.DeviceClearance) == {ECO_NS.Approval}
    assert roots(ECO_NS.BLAAccepted) == roots(ECO_NS.NDAAccepted) == {ECO_NS.ApplicationAccepted}
    approvals = {t for t in event_types if ECO_NS.Approval in roots(t) and t != ECO_NS.Approval}
    members = set(ONTO.graph.objects(ECO_NS.ApprovalTypes, SKOS.member))
    assert approvals == members  # the collection the analysis reads holds every approval


def test_required_and_functional_fields_come_from_the_ontology():
    assert ONTO.classes["Statistic"].required == (
        "aboutEntity", "approximation", "measure", "refTime", "statedAs", "unit")
    assert ONTO.properties["fulfilledBy"].functional
    assert not ONTO.properties["technologyField"].functional
    assert ONTO.properties["date"].datatypes[1] == URIRef("http://www.w3.org/2001/XMLSchema#gYearMonth")


def test_ontology_is_consistent_under_owl2_rl():
    assert owl_rl_errors() == []


def test_owl_rl_check_would_catch_a_clash():
    g = Graph()
    x = URIRef("https://w3id.org/helixgraph/id/x")
    g.add((ECO_NS.Person, OWL.disjointWith, ECO_NS.Organisation))
    g.add((x, RDF.type, ECO_NS.Person))
    g.add((x, RDF.type, ECO_NS.Company))
    errors = owl_rl_errors(g)
    assert len(errors) == 1 and "disjoint" in errors[0].lower()


def test_namespace_module_is_current():
    assert NAMESPACE_FILE.read_text(encoding="utf-8") == render_namespace_module(), (
        "namespace.py is stale: run python -m helixgraph.ontology.generate")


def test_namespace_is_closed():
    assert ECO.Company == ECO_NS.Company
    with pytest.raises(AttributeError):
        ECO.Compnay  # noqa: B018
