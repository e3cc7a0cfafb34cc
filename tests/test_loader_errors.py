"""Bad input gets its own clear error: file, line, record, field, bad value, what was expected."""

from __future__ import annotations

import pytest

from helixgraph.errors import LoadError
from helixgraph.loaders import load_documents, read_source_file
from helixgraph.loaders.loader import load_sources

HEADER = """\
source:
  id: test-source
  title: {en: A test report}
  publisher: Test Press
  issued: 2025-05-01
  language: en
records:
"""

BASE = """\
  - id: acme
    type: Company
    para: 1
    label: {en: Acme Bio}
    sector: Industry
"""


def load_text(records: str, *, header: str = HEADER, name: str = "test.yaml"):
    text = header + records
    return load_documents([read_source_file(name, text)])


def error_of(records: str, **kw) -> LoadError:
    with pytest.raises(LoadError) as info:
        load_text(records, **kw)
    return info.value


def test_valid_records_load():
    (loaded,) = load_text(BASE)
    assert loaded.source_id == "test-source"
    assert len(loaded.triples) > 5


def test_malformed_yaml_names_file_and_line():
    err = error_of(BASE + "  - id: bad\n    type: Company\n    label: {en: oops\n")
    assert err.file == "test.yaml"
    assert err.line == 16  # where the parser gave up: the end of the file
    assert "malformed YAML" in str(err) and "started at line 15" in str(err)


def test_unknown_class_suggests_the_close_one():
    err = error_of(BASE.replace("type: Company", "type: Compnay"))
    assert (err.record, err.field, err.value, err.suggestion) == ("acme", "type", "Compnay", "Company")
    assert err.line == 9
    assert "unknown class" in str(err) and "did you mean 'Company'" in str(err)


def test_unknown_property_suggests_the_close_one():
    err = error_of(BASE + "    sectr: Industry\n")
    assert (err.field, err.suggestion, err.line) == ("sectr", "sector", 13)
    assert "unknown property" in str(err)


def test_reference_to_missing_id():
    err = error_of(BASE + "    locatedIn: nowhere-park\n")
    assert (err.field, err.value) == ("locatedIn", "nowhere-park")
    assert "does not exist" in str(err) and "Place" in str(err)


def test_reference_of_the_wrong_class():
    records = BASE + """\
  - id: acme-drug
    type: Drug
    para: 1
    label: {en: Acme-1}
    developedBy: acme
  - id: ev
    type: RegulatoryEvent
    para: 1
    eventType: NDAAccepted
    subject: acme
    regulator: acme
    jurisdiction: acme
"""
    err = error_of(records)
    assert (err.record, err.field, err.value) == ("ev", "subject", "acme")
    assert "which is a Company" in str(err) and "expected the id of a Product" in str(err)


def test_concept_of_the_wrong_scheme():
    err = error_of(BASE.replace("sector: Industry", "sector: Exact"))
    assert err.field == "sector" and "'Exact' is not a Sector" in str(err)
    assert "Industry" in err.expected


def test_duplicate_id_names_the_first_place():
    err = error_of(BASE + BASE)
    assert err.value == "acme" and "duplicate id" in str(err) and "test.yaml:8" in str(err) and err.line == 13


def test_duplicate_key_in_a_record():
    err = error_of(BASE + "    label: {en: Again}\n")
    assert err.field == "label" and err.line == 13 and "duplicate key" in str(err)


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("founded", "last spring", "a date YYYY-MM-DD or a month YYYY-MM or a year YYYY"),
        ("founded", "2025-13", "a date YYYY-MM-DD or a month YYYY-MM or a year YYYY"),
        ("nationalLevel", "yes please", "true or false"),
    ],
)
def test_wrong_datatype(field, value, expected):
    err = error_of(BASE + f"    {field}: {value}\n")
    assert (err.field, err.value, err.expected) == (field, value, expected)


def test_wrong_number():
    records = BASE + """\
  - id: s
    type: Statistic
    para: 1
    measure: Area
    aboutEntity: acme
    refTime: 2025-05-01
    value: seven
    unit: km2
    approximation: Exact
    statedAs: {en: seven}
"""
    err = error_of(records)
    assert (err.record, err.field, err.value, err.expected) == ("s", "value", "seven", "a number")


def test_missing_required_field():
    err = error_of(BASE.replace("    sector: Industry\n", ""))
    assert (err.record, err.field) == ("acme", "sector")
    assert "missing required field for a Company" in str(err)


def test_missing_paragraph_pointer():
    err = error_of(BASE.replace("    para: 1\n", ""))
    assert err.field == "para" and "paragraph" in err.expected


def test_functional_property_takes_one_value():
    err = error_of(BASE.replace("sector: Industry", "sector: [Industry, Government]"))
    assert err.field == "sector" and "takes one value" in str(err)


def test_unknown_source_reference():
    header = HEADER.replace("  language: en\n", "  language: en\n  references: caixin-2025-1001\n")
    err = error_of(BASE, header=header)
    assert (err.field, err.value) == ("references", "caixin-2025-1001")
    assert "unknown source" in str(err)


def test_about_an_unknown_entity():
    err = error_of(BASE + "  - about: acmee\n    para: 1\n    founded: 2001\n")
    assert err.suggestion == "acme" and "no source defines" in str(err)


def test_missing_source_file(tmp_path):
    with pytest.raises(LoadError) as info:
        load_sources([tmp_path / "nope.yaml"])
    assert "no such source file" in str(info.value) and "nope.yaml" in str(info.value)


def test_duplicate_source_ids(tmp_path):
    text = HEADER + BASE
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text(text, encoding="utf-8")
    b.write_text(text.replace("acme", "other"), encoding="utf-8")
    with pytest.raises(LoadError) as info:
        load_sources([a, b])
    assert "duplicate source id" in str(info.value) and str(a) in str(info.value)


JSONL_HEADER = ('{"source": {"id": "j", "title": {"en": "T"}, "publisher": "P", "issued": "2025-05-01", '
                '"language": "en"}}\n')
JSONL_RECORD = '{"id": "acme", "type": "Company", "para": 1, "label": {"en": "Acme Bio"}, "sector": "Industry"}\n'


def test_jsonl_source_loads_like_yaml():
    (loaded,) = load_documents([read_source_file("s.jsonl", JSONL_HEADER + "\n" + JSONL_RECORD)])
    (yaml_loaded,) = load_text(BASE)
    def facts(triples):  # what the record says, without the per-source provenance links
        return sorted(str(t) for t in triples if "acme" in str(t[0]) and "/source/" not in str(t[2]))

    assert facts(loaded.triples) == facts(yaml_loaded.triples)
    assert len(facts(loaded.triples)) == 3


def test_jsonl_errors_name_the_line():
    err = error_of_jsonl(JSONL_HEADER + JSONL_RECORD + '{"id": "b", "type": "Compani", "para": 1}\n')
    assert (err.file, err.line, err.record, err.suggestion) == ("s.jsonl", 3, "b", "Company")
    err = error_of_jsonl(JSONL_HEADER + '{"id": "b", \n')
    assert err.line == 2 and "malformed JSON" in str(err)
    err = error_of_jsonl(JSONL_RECORD)
    assert err.line == 1 and "source header" in str(err)


def error_of_jsonl(text: str) -> LoadError:
    with pytest.raises(LoadError) as info:
        load_documents([read_source_file("s.jsonl", text)])
    return info.value
