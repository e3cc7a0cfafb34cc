"""The library of parameterised questions, answered on the bundled data with exact rows."""

from __future__ import annotations

from helixgraph.graph.query import bound_query, query_store

HX = "https://w3id.org/helixgraph/id/"
ECO = "https://w3id.org/helixgraph/ontology#"
CAIXIN = "https://w3id.org/helixgraph/source/caixin-2025-10-01"
PEOPLE_DAILY = "https://w3id.org/helixgraph/source/people-daily-2026-01-24"


def ask(store, name, *names, **params):
    result = query_store(store, bound_query(name, params))
    return [tuple(_short(row[result.variables.index(n)]) for n in names) for row in result.rows]


def _short(value):
    return value.removeprefix(HX) if isinstance(value, str) else value


def test_entity_timeline_lists_events_with_their_reporting_source(store):
    # events known only by an upper bound come first: they may have happened before any other
    assert ask(store, "entity-timeline", "event", "date", "notLaterThan", "source", entity="libevitug") == [
        ("libevitug-btd-china", None, "2025-10-01", CAIXIN),
        ("libevitug-btd-us", None, "2025-10-01", CAIXIN),
        ("libevitug-nda-accepted", "2024-12", None, CAIXIN),
        ("libevitug-priority-review", None, "2025-10-01", CAIXIN),  # not earlier than the application
        ("libevitug-conditional-approval", "2026-01-20", "2026-01-24", PEOPLE_DAILY),
    ]


def test_entity_timeline_as_of_keeps_what_was_reported_by_then(store):
    before = ask(store, "entity-timeline", "event", entity="hx:libevitug", as_of="2026-01-23")
    after = ask(store, "entity-timeline", "event", entity="hx:libevitug", as_of="2026-01-24")
    assert ("libevitug-conditional-approval",) not in before and len(before) == 4
    assert after[-1] == ("libevitug-conditional-approval",) and len(after) == 5
    assert ask(store, "entity-timeline", "event", entity="nibs") == []


def test_people_and_roles_from_either_side(store):
    assert ask(store, "people-and-roles", "other", "roleLabel", entity="huahui-health") == [
        ("cai-baochuan", "vice president of operations"), ("li-wenhui", "co-founder")]
    assert ask(store, "people-and-roles", "other", "roleLabel", "attestedOn", entity="li-wenhui") == [
        ("huahui-health", "co-founder", "2025-10-01"),
        ("li-wenhui-lab", "principal investigator", "2025-10-01"),
        ("nibs", "senior researcher", "2025-10-01")]


def test_cluster_actors_of_a_place(store):
    rows = ask(store, "cluster-actors", "actor", "relation", place="zgc-life-science-park")
    assert len(rows) == 11
    assert ("international-research-hospital", ECO + "locatedNear") in rows
    assert ("nibs", ECO + "locatedIn") in rows and ("c-campus", ECO + "locatedIn") in rows
    assert ask(store, "cluster-actors", "actor", place="nibs") == []


def test_forecasts_as_of_a_day(store):
    columns = ("forecast", "expectedFrom", "expectedUntil", "status", "fulfilledOn")
    assert ask(store, "forecasts-as-of", *columns, as_of="2025-09-30") == []
    assert ask(store, "forecasts-as-of", *columns, as_of="2026-01-23") == [
        ("libevitug-approval-forecast", "2025-10", "2026-03", "open", None)]
    assert ask(store, "forecasts-as-of", *columns, as_of="2026-01-24") == [
        ("libevitug-approval-forecast", "2025-10", "2026-03", "fulfilled", "2026-01-20")]


def test_product_milestones_of_any_product_class(store):
    rows = ask(store, "product-milestones", "product", "milestone", "jurisdiction", "date")
    assert rows == [
        ("beinao-1", "clinical trial", None, None),
        ("libevitug", "breakthrough therapy designation granted", "Chinese mainland", None),
        ("libevitug", "breakthrough therapy designation granted", "United States", None),
        ("libevitug", "priority review granted", "China", None),
        ("libevitug", "new drug application accepted", "China", "2024-12"),
        ("libevitug", "conditional marketing approval", "China", "2026-01-20"),
    ]
    assert ask(store, "product-milestones", "product", product_class="eco:Drug") == [("libevitug",)] * 5
    assert ask(store, "product-milestones", "product", product_class="eco:MedicalDevice") == [("beinao-1",)]


def test_firsts_in_a_jurisdiction(store):
    assert ask(store, "firsts", "product", "first", "indicationLabel", "jurisdictionLabel") == [
        ("international-research-hospital", "first of its kind", None, "China"),
        ("libevitug", "first approved for its indication", "hepatitis D", "China")]
    assert ask(store, "firsts", "product", jurisdiction="china") == [("international-research-hospital",),
                                                                     ("libevitug",)]
    assert ask(store, "firsts", "product", jurisdiction="united-states") == []


def test_approvals_follow_the_broader_hierarchy(store):
    assert ask(store, "approvals", "product", "kind", "regulator", "jurisdiction", "date") == [
        ("libevitug", "conditional marketing approval", "nmpa", "china", "2026-01-20")]
    assert ask(store, "approvals", "product", jurisdiction="united-states") == []


def test_actors_by_field_count_narrower_fields_in_the_broader(store):
    fields = dict(ask(store, "actors-by-field", "fieldLabel", "actors"))
    assert fields["innovative drugs"] == 3 and fields["antibody therapeutics"] == 1
    assert ask(store, "actors-by-field", "fieldLabel", "actors", field="InnovativeDrugs") == [
        ("innovative drugs", 3)]
