"""Property-based tests: random and mutated records either load or raise LoadError, nothing else."""

from __future__ import annotations

import datetime as dt

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helixgraph.errors import LoadError
from helixgraph.loaders import load_documents, read_source_file
from helixgraph.ontology.model import load_ontology

ONTO = load_ontology()
FIELDS = [*ONTO.properties, "id", "type", "about", "para", "sectr", "", "label "]
CLASSES = [*ONTO.classes, "Compnay", ""]
IDS = ["acme", "nibs", "x", "Bad Id", "", "acme-2"]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 3000), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12), st.sampled_from([*IDS, *ONTO.individuals, "2025-10", "2025-13-40"]),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(["en", "zh", "x y", "1"]), inner, max_size=2)),
    max_leaves=4)
records = st.dictionaries(st.sampled_from(FIELDS), values, max_size=7)
base_record = st.fixed_dictionaries({
    "id": st.sampled_from(IDS), "type": st.sampled_from(CLASSES), "para": st.sampled_from([1, 0, [1, 2], "1"]),
})


def header() -> dict:
    return {"id": "fuzz", "title": {"en": "Fuzz"}, "publisher": "P", "issued": dt.date(2025, 1, 1), "language": "en"}


def check(doc: object) -> None:
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    try:
        load_documents([read_source_file("fuzz.yaml", text)])
    except LoadError as exc:
        assert str(exc), "a LoadError must carry a message"
        assert exc.file == "fuzz.yaml"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.builds(lambda b, r: {**b, **r}, base_record, records), max_size=4))
def test_random_records_load_or_raise_load_error(recs):
    check({"source": header(), "records": recs})


GOOD = [
    {"id": "acme", "type": "Company", "para": 1, "label": {"en": "Acme"}, "sector": "Industry"},
    {"id": "acme-drug", "type": "Drug", "para": [1, 2], "label": {"en": "A-1"}, "developedBy": "acme",
     "investigatedFor": ["flu"]},
    {"id": "flu", "type": "Disease", "para": 2, "label": {"en": "influenza", "zh": "流感"}},
]


@settings(max_examples=300, deadline=None)
@given(st.integers(0, len(GOOD) - 1), st.sampled_from(FIELDS), values)
def test_mutated_valid_records_load_or_raise_load_error(index, field, value):
    recs = [dict(r) for r in GOOD]
    recs[index][field] = value
    check({"source": header(), "records": recs})


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_loads_or_raises_load_error(text):
    try:
        load_documents([read_source_file("fuzz.yaml", text)])
    except LoadError as exc:
        assert exc.file == "fuzz.yaml"
