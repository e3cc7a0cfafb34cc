"""Property-based tests of the loader.

Invalid input of each kind (an unknown class or field, a value of the wrong datatype, a malformed
date, a reference to nothing, a duplicate id) is refused with a :class:`LoadError` that names the
record, the field and the bad value; valid records give exactly the triples their fields say. The
fuzz tests at the end feed random and mutated records and arbitrary text: they must load or raise
a LoadError, never anything else. Their long runs are in the slow tier (``pytest -m slow``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rdflib import RDF, RDFS, XSD, Literal
from rdflib.namespace import PROV

from helixgraph.errors import LoadError
from helixgraph.loaders import entity_iri, load_documents, read_source_file, source_iri
from helixgraph.loaders.source_file import RESERVED_KEYS
from helixgraph.loaders.values import describe_datatypes
from helixgraph.ontology.model import load_ontology
from helixgraph.ontology.namespace import ECO

ONTO = load_ontology()
SOURCE_ID = "fuzz"
SECTORS = ONTO.names_of_type(ECO.Sector)
FIELDS = [*ONTO.properties, "id", "type", "about", "para", "sectr", "", "label "]
CLASSES = [*ONTO.classes, "Compnay", ""]
IDS = ["acme", "nibs", "x", "Bad Id", "", "acme-2"]
#: Literal properties whose values are not free text: dates, numbers, booleans, URLs.
TYPED = sorted(name for name, p in ONTO.properties.items()
               if p.is_literal and not set(p.datatypes) & {XSD.string, RDF.langString} and name not in RESERVED_KEYS)
DATED = sorted(name for name, p in ONTO.properties.items() if XSD.date in p.datatypes)
#: Properties whose values are references to entities (not to sources).
REFERENCES = sorted(name for name, p in ONTO.properties.items() if not p.is_literal and p.range != ECO.Source)

ids = st.from_regex(r"[a-z0-9][a-z0-9-]{0,15}", fullmatch=True)
words = st.text(st.characters(codec="utf-8", categories=("L", "N")), min_size=1, max_size=12)
labels = st.dictionaries(st.sampled_from(["en", "zh", "de"]), words, min_size=1, max_size=3)
paras = st.lists(st.integers(1, 60), min_size=1, max_size=3, unique=True)


def header() -> dict:
    return {"id": SOURCE_ID, "title": {"en": "Fuzz"}, "publisher": "P", "issued": dt.date(2025, 1, 1),
            "language": "en"}


def company(entity_id: str, **fields) -> dict:
    """A valid Company record, plus ``fields``."""
    return {"id": entity_id, "type": "Company", "para": 1, "label": {"en": "Acme"}, "sector": "Industry",
            **fields}


def dump(records: list[dict]) -> str:
    return yaml.safe_dump({"source": header(), "records": records}, allow_unicode=True, sort_keys=False)


def load(records: list[dict]):
    return load_documents([read_source_file("fuzz.yaml", dump(records))])


def refused(records: list[dict]) -> LoadError:
    with pytest.raises(LoadError) as info:
        load(records)
    err = info.value
    assert err.file == "fuzz.yaml" and err.line is not None
    return err


def assert_names(err: LoadError, *, record: str, field: str, value: object) -> None:
    """The error points at the record and field, and quotes the bad value, in its attributes and text."""
    assert (err.record, err.field, err.value) == (record, field, value)
    text = str(err)
    assert f"record {record!r}" in text and f"field {field!r}" in text and f"got {value!r}" in text


# -- invalid input is refused, naming what is wrong ------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(ids, st.from_regex(r"[A-Z][A-Za-z]{0,15}", fullmatch=True))
def test_an_unknown_class_is_refused(entity_id, name):
    assume(name not in ONTO.classes)
    err = refused([company(entity_id, type=name)])
    assert_names(err, record=entity_id, field="type", value=name)
    assert "unknown class" in str(err)


@settings(max_examples=60, deadline=None)
@given(ids, st.from_regex(r"[A-Za-z][A-Za-z0-9_]{0,15}", fullmatch=True), words)
def test_an_unknown_field_is_refused(entity_id, key, value):
    assume(key not in ONTO.properties and key not in RESERVED_KEYS)
    err = refused([company(entity_id, **{key: value})])
    assert (err.record, err.field) == (entity_id, key)
    assert "unknown property" in str(err) and f"field {key!r}" in str(err)


@settings(max_examples=80, deadline=None)
@given(ids, st.sampled_from(TYPED), st.text(st.characters(categories=("L",)), min_size=1, max_size=10))
def test_text_where_a_date_number_flag_or_url_belongs_is_refused(entity_id, key, value):
    err = refused([company(entity_id, **{key: value})])
    assert_names(err, record=entity_id, field=key, value=value)
    assert err.expected == describe_datatypes(ONTO.properties[key].datatypes)


@settings(max_examples=80, deadline=None)
@given(ids, st.sampled_from(DATED), st.integers(1000, 9999), st.one_of(
    st.tuples(st.sampled_from([0, *range(13, 100)]), st.none()),  # no such month
    st.tuples(st.integers(1, 12), st.integers(32, 99)),  # no such day in any month
    st.tuples(st.just(2), st.just(30)),  # 30 February
))
def test_a_malformed_date_is_refused(entity_id, key, year, month_day):
    month, day = month_day
    value = f"{year}-{month:02d}" if day is None else f"{year}-{month:02d}-{day:02d}"
    err = refused([company(entity_id, **{key: value})])
    assert_names(err, record=entity_id, field=key, value=value)
    assert "a date YYYY-MM-DD" in err.expected


@settings(max_examples=80, deadline=None)
@given(ids, ids, st.sampled_from(REFERENCES))
def test_a_reference_to_nothing_is_refused(entity_id, target, key):
    assume(target != entity_id)
    err = refused([company(entity_id, **{key: target})])
    assert_names(err, record=entity_id, field=key, value=target)
    assert "does not exist" in str(err)


@settings(max_examples=60, deadline=None)
@given(ids, st.lists(ids, max_size=3), st.integers(0, 3))
def test_a_duplicate_id_is_refused_at_its_second_definition(entity_id, others, where):
    records = [company(i) for i in dict.fromkeys(others) if i != entity_id]
    records.insert(min(where, len(records)), company(entity_id))
    records.append(company(entity_id, label={"en": "Again"}))
    err = refused(records)
    assert_names(err, record=entity_id, field="id", value=entity_id)
    assert "duplicate id" in str(err)
    # the line of the second definition, the last record of the file
    lines = dump(records).splitlines()
    assert err.line == max(n for n, line in enumerate(lines, 1) if line.startswith("- id: "))


# -- valid input gives exactly the triples its fields say -------------------------------------------


dates = st.one_of(
    st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)).map(
        lambda d: (d, Literal(d.isoformat(), datatype=XSD.date))),
    st.tuples(st.integers(1000, 9999), st.integers(1, 12)).map(
        lambda ym: (f"{ym[0]}-{ym[1]:02d}", Literal(f"{ym[0]}-{ym[1]:02d}", datatype=XSD.gYearMonth))),
    st.integers(1000, 9999).map(lambda y: (y, Literal(str(y), datatype=XSD.gYear))),
)


@settings(max_examples=80, deadline=None)
@given(ids, labels, st.sampled_from(SECTORS), dates, st.booleans(), paras)
def test_a_valid_record_gives_exactly_its_triples(entity_id, label, sector, founded, flag, para):
    value, founded_literal = founded
    record = {"id": entity_id, "type": "ResearchInstitute", "para": para, "label": label, "sector": sector,
              "founded": value, "nationalLevel": flag}
    (loaded,) = load([record])
    iri, src = entity_iri(entity_id), source_iri(SOURCE_ID)
    expected = {
        (iri, RDF.type, ECO.ResearchInstitute),
        *((iri, RDFS.label, Literal(text, lang=lang)) for lang, text in label.items()),
        (iri, ECO.sector, ECO[sector]),
        (iri, ECO.founded, founded_literal),
        (iri, ECO.nationalLevel, Literal("true" if flag else "false", datatype=XSD.boolean)),
        (iri, PROV.wasDerivedFrom, src),
        *((iri, ECO.evidence, source_iri(f"{SOURCE_ID}#p{n}")) for n in para),
    }
    assert {t for t in loaded.triples if t[0] == iri} == expected
    for n in para:
        passage = source_iri(f"{SOURCE_ID}#p{n}")
        assert (passage, ECO.paragraphNumber, Literal(str(n), datatype=XSD.positiveInteger)) in loaded.triples


@settings(max_examples=60, deadline=None)
@given(ids, ids, st.one_of(st.integers(-10**9, 10**9),
                           st.floats(-1e9, 1e9, allow_nan=False).map(lambda x: round(x, 4))))
def test_a_statistic_keeps_its_number_and_an_about_record_adds_to_its_entity(park_id, stat_id, number):
    assume(park_id != stat_id)
    records = [
        {"id": park_id, "type": "SciencePark", "para": 1, "label": {"en": "Park"}},
        {"id": stat_id, "type": "Statistic", "para": 2, "measure": "Area", "aboutEntity": park_id,
         "refTime": 2024, "value": number, "unit": "km2", "approximation": "Exact",
         "statedAs": {"en": "some"}},
        {"about": park_id, "para": 3, "technologyField": "Neuroscience"},
    ]
    (loaded,) = load(records)
    stat, park = entity_iri(stat_id), entity_iri(park_id)
    (value,) = [o for s, p, o in loaded.triples if (s, p) == (stat, ECO.value)]
    assert value.datatype == XSD.decimal and Decimal(str(value)) == Decimal(str(number))
    assert (stat, ECO.aboutEntity, park) in loaded.triples
    assert (park, ECO.technologyField, ECO.Neuroscience) in loaded.triples
    assert (park, ECO.evidence, source_iri(f"{SOURCE_ID}#p3")) in loaded.triples


# -- fuzzing: anything either loads or raises a LoadError ---------------------------------------------


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 3000), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12), st.sampled_from([*IDS, *ONTO.individuals, "2025-10", "2025-13-40"]),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3),
    st.dictionaries(st.sampled_from(["en", "zh", "x y", "1"]), inner, max_size=2)), max_leaves=4)
fuzz_records = st.dictionaries(st.sampled_from(FIELDS), values, max_size=7)
base_record = st.fixed_dictionaries({
    "id": st.sampled_from(IDS), "type": st.sampled_from(CLASSES),
    "para": st.sampled_from([1, 0, [1, 2], "1"]),
})
random_documents = st.lists(st.builds(lambda b, r: {**b, **r}, base_record, fuzz_records), max_size=4)

GOOD = [
    {"id": "acme", "type": "Company", "para": 1, "label": {"en": "Acme"}, "sector": "Industry"},
    {"id": "acme-drug", "type": "Drug", "para": [1, 2], "label": {"en": "A-1"}, "developedBy": "acme",
     "investigatedFor": ["flu"]},
    {"id": "flu", "type": "Disease", "para": 2, "label": {"en": "influenza", "zh": "流感"}},
]
mutations = st.tuples(st.integers(0, len(GOOD) - 1), st.sampled_from(FIELDS), values)


def loads_or_refuses(text: str) -> None:
    """Load a source file's text; the only failure allowed is a LoadError about that file."""
    try:
        load_documents([read_source_file("fuzz.yaml", text)])
    except LoadError as exc:
        assert str(exc), "a LoadError must carry a message"
        assert exc.file == "fuzz.yaml"


def check_random(recs: list[dict]) -> None:
    loads_or_refuses(dump(recs))


def check_mutated(mutation: tuple) -> None:
    index, field, value = mutation
    recs = [dict(r) for r in GOOD]
    recs[index][field] = value
    check_random(recs)


def test_the_good_records_load():
    (loaded,) = load(GOOD)
    assert (entity_iri("acme-drug"), ECO.investigatedFor, entity_iri("flu")) in loaded.triples


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_documents)
def test_random_records_load_or_raise_load_error(recs):
    check_random(recs)


@settings(max_examples=300, deadline=None)
@given(mutations)
def test_mutated_valid_records_load_or_raise_load_error(mutation):
    check_mutated(mutation)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_loads_or_raises_load_error(text):
    loads_or_refuses(text)


@pytest.mark.slow
@settings(max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_documents, mutations, st.text(max_size=400))
def test_long_fuzzing_run(recs, mutation, text):
    check_random(recs)
    check_mutated(mutation)
    loads_or_refuses(text)
