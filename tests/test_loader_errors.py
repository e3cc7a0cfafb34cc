"""Bad input gets its own clear error: file, line, record, field, bad value, what was expected."""

from __future__ import annotations

import pytest

from helixgraph.errors import LoadError, LoadErrors
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
    a, b, c = tmp_path / "a.yaml", tmp_path / "b.yaml", tmp_path / "c.yaml"
    a.write_text(text, encoding="utf-8")
    b.write_text(text.replace("acme", "other"), encoding="utf-8")
    c.write_text(HEADER.replace("test-source", "third") + BASE.replace("acme", "third-co")
                 + "    locatedIn: other\n", encoding="utf-8")
    with pytest.raises(LoadError) as info:
        load_sources([a, b, c])
    assert "duplicate source id" in str(info.value) and str(a) in str(info.value)
    assert not isinstance(info.value, LoadErrors)  # the left-out file's ids are not reported as missing


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


# ---------------------------------------------------------------- input that used to crash the loader


@pytest.mark.parametrize(("text", "problem"), [
    ("2025-02-30", "day is out of range for month"),
    ("0000-01-01", "year 0 is out of range"),
])
def test_impossible_unquoted_date_is_refused_with_its_line(text, problem):
    err = error_of(BASE, header=HEADER.replace("issued: 2025-05-01", f"issued: {text}"))
    assert (err.file, err.line, err.record, err.field, err.value) == ("test.yaml", 5, "test-source", "issued", text)
    assert "not a day of the calendar" in str(err) and problem in str(err)
    assert err.expected == "a date YYYY-MM-DD"


def test_dates_keep_their_value_as_text_until_checked():
    (loaded,) = load_text(BASE + "    founded: 2001-05-07\n")
    assert [str(o) for s, p, o in loaded.triples if str(p).endswith("founded")] == ["2001-05-07"]
    err = error_of(BASE + "    founded: 2001-5-7\n")  # not ISO: no date, month or year form fits
    assert (err.field, err.value, err.line) == ("founded", "2001-5-7", 13)


@pytest.mark.parametrize(("tag", "suggestion"), [("zh_CN", "zh-CN"), ("en>x", None), ("en\n", None),
                                                 ("e", None), ("zh-Hans-CN-", None)])
def test_language_map_keys_must_be_bcp47_tags(tag, suggestion):
    err = error_of(BASE.replace("label: {en: Acme Bio}", f"label: {{{tag!r}: Acme Bio}}".replace("'", '"')))
    assert (err.record, err.field, err.line, err.suggestion) == ("acme", "label", 11, suggestion)
    assert f"{tag!r} is not a language tag" in str(err) and "BCP 47" in err.expected


def test_well_formed_language_tags_load():
    tags = ["en", "zh-Hans", "zh-Hans-CN", "sr-Latn-RS", "de-CH-1901", "en-US-x-twain", "es-419", "x-private"]
    label = "{" + ", ".join(f"{t}: Acme" for t in tags) + "}"
    (loaded,) = load_text(BASE.replace("{en: Acme Bio}", label))
    assert sorted(o.language for s, p, o in loaded.triples if str(p).endswith("label")) == sorted(tags)


@pytest.mark.parametrize("tag", ["zh_CN", '"en>x"', '"en\\n"', '"en x"'])
def test_source_language_must_be_a_bcp47_tag(tag):
    header = HEADER.replace("language: en", f"language: {tag}")
    err = error_of(BASE.replace("label: {en: Acme Bio}", "label: Acme Bio"), header=header)
    assert (err.line, err.record, err.field) == (6, "test-source", "language")
    assert "is not a language tag" in str(err)


@pytest.mark.parametrize(("where", "old", "new", "line"), [
    ("record id", "  - id: acme\n", '  - id: "acme\\n"\n', 8),
    ("source id", "  id: test-source\n", '  id: "test-source\\n"\n', 2),
    ("id with a tab", "  - id: acme\n", '  - id: "ac\\tme"\n', 8),
    ("id with an IRI character", "  - id: acme\n", '  - id: "acme>"\n', 8),
    ("about", "", '  - about: "acme\\n"\n    para: 1\n', 13),
])
def test_ids_with_characters_an_iri_cannot_hold_are_refused(where, old, new, line):
    header, records = HEADER, BASE + (new if not old else "")
    if old and old in header:
        header = header.replace(old, new)
    elif old:
        records = BASE.replace(old, new)
    err = error_of(records, header=header)
    assert err.line == line and err.message == "bad id"
    assert "[a-z0-9][a-z0-9._-]*" in err.expected


def test_an_overlong_id_is_refused():
    err = error_of(BASE.replace("id: acme", "id: " + "a" * 201))
    assert err.field == "id" and "at most 200 characters" in err.expected and len(str(err)) < 400


def deep_flow(levels: int) -> str:
    return "[" * levels + "]" * levels


@pytest.mark.parametrize("loader", ["libyaml", "pure-python"])
@pytest.mark.parametrize("value", [deep_flow(600), "\n" + "".join("  " * i + "- \n" for i in range(3, 640))])
def test_deep_yaml_nesting_is_refused_with_a_line(loader, value):
    import yaml

    from helixgraph.loaders.yaml_reader import read_yaml

    text = HEADER + BASE + f"    description: {value}"
    with pytest.raises(LoadError) as info:
        read_yaml("deep.yaml", text, loader=yaml.SafeLoader if loader == "pure-python" else None)
    err = info.value
    assert err.file == "deep.yaml" and 13 <= err.line <= 13 + 70
    assert "nested more than 64 levels deep" in str(err)


def test_nesting_up_to_the_limit_is_fine():
    from helixgraph.loaders.yaml_reader import read_yaml

    doc = read_yaml("ok.yaml", "a: " + deep_flow(62) + "\n")  # the top mapping is level 1
    depth, value = 0, doc["a"]
    while value:
        depth, value = depth + 1, value[0]
    assert depth == 61


def test_alias_bomb_is_refused_without_expanding_it():
    chain = "[&a0 [" + ", ".join(["lol"] * 10) + "]"
    chain += "".join(f", &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)) + "]"
    err = error_of("  - " + chain + "\n" + BASE)
    assert err.line == 8 and "aliases ('*name') expand to more than 10000 values" in str(err)
    assert len(str(err)) < 300


def test_a_few_aliases_and_merge_keys_still_work():
    """A merged key may be overridden by the mapping's own; its own keys still may not repeat."""
    records = "  - &base\n    id: acme\n    type: Company\n    para: 1\n    label: {en: Acme Bio}\n" \
              "    sector: Industry\n  - <<: *base\n    id: acme-2\n    label: {en: Acme Two}\n"
    (loaded,) = load_text(records)
    labels = sorted(str(o) for s, p, o in loaded.triples if str(p).endswith("label"))
    assert labels == ["Acme Bio", "Acme Two"]
    err = error_of(records + "    id: acme-3\n")
    assert (err.line, err.field) == (17, "id") and "duplicate key" in str(err)


def test_a_huge_expanded_value_below_the_limit_is_quoted_short():
    chain = "[&a0 [" + ", ".join(["lol"] * 10) + "]"
    chain += "".join(f", &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 3)) + "]"
    err = error_of(BASE + f"    description: {chain}\n")
    assert err.field == "description" and len(str(err)) < 400 and "..." in str(err)


STATISTIC = """\
  - id: s
    type: Statistic
    para: 1
    measure: Area
    aboutEntity: acme
    refTime: 2025-05-01
    value: {value}
    unit: km2
    approximation: Exact
    statedAs: {{en: seven}}
"""


@pytest.mark.parametrize(("value", "problem"), [
    ("1e999999999", "a number with 1000000000 digits before the point and 0 after"),
    ("1e-999999999", "a number with 0 digits before the point and 999999999 after"),
    ("1e-19", "a number with 0 digits before the point and 19 after; the store holds at most 20 before and 18"),
    ("123456789012345678901", "21 digits before the point"),
    ("9" * 10_000, "a number of 10000 characters; at most 40"),
    ("1." + "5" * 5000, "a number of 5002 characters; at most 40"),
])
def test_numbers_too_long_to_convert_are_refused(value, problem):
    err = error_of(BASE + STATISTIC.format(value=value))
    assert (err.record, err.field, err.line) == ("s", "value", 19)
    assert problem in str(err) and len(str(err)) < 400


@pytest.mark.parametrize(("value", "lexical"), [
    ("1.5e3", "1500"), ("1e5", "100000"), ("0.000000000000000001", "0.000000000000000001"),
    ("-99999999999999999999", "-99999999999999999999"), ("'7.20'", "7.20")])
def test_numbers_the_store_holds_exactly_load(value, lexical):
    (loaded,) = load_text(BASE + STATISTIC.format(value=value))
    assert [str(o) for s, p, o in loaded.triples if str(p).endswith("#value")] == [lexical]


def test_whole_numbers_beyond_64_bits_are_refused():
    err = error_of(BASE + f"    coreNumber: {2**63}\n")
    assert (err.field, err.value, err.line) == ("coreNumber", 2**63, 13) and "64-bit range" in str(err)
    (loaded,) = load_text(BASE + f"    coreNumber: {2**63 - 1}\n")
    assert [str(o) for s, p, o in loaded.triples if str(p).endswith("coreNumber")] == [str(2**63 - 1)]


def test_paragraph_numbers_beyond_64_bits_are_refused():
    err = error_of(BASE.replace("para: 1", f"para: {2**63}"))
    assert (err.field, err.value) == ("para", 2**63) and "bad paragraph number" in str(err)
    (loaded,) = load_text(BASE.replace("para: 1", f"para: {2**63 - 1}"))
    assert any(str(t[0]).endswith(f"#p{2**63 - 1}") for t in loaded.triples)


def test_long_number_where_text_is_expected_is_not_taken_as_text():
    err = error_of(BASE + "    description: " + "1" * 100 + "\n")
    assert err.field == "description" and "a number of 100 characters" in str(err)


def test_misspelt_required_field_gets_did_you_mean():
    err = error_of(BASE.replace("    label:", "    lable:"))
    assert (err.record, err.field, err.line, err.suggestion) == ("acme", "lable", 11, "label")
    assert "did you mean 'label'" in str(err) and "required field 'label'" in str(err)


def test_non_utf8_file_names_line_and_byte(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes((HEADER + BASE).replace("Acme Bio", "Acme Bi\u00f6").encode("latin-1"))
    with pytest.raises(LoadError) as info:
        load_sources([path])
    err = info.value
    assert err.line == 11 and "byte 0xf6 at byte offset 190" in str(err) and "column 24" in str(err)


def test_utf16_file_is_named_as_such(tmp_path):
    path = tmp_path / "utf16.yaml"
    path.write_text(HEADER + BASE, encoding="utf-16")
    with pytest.raises(LoadError) as info:
        load_sources([path])
    assert info.value.line == 1 and "UTF-16 byte-order mark" in str(info.value)


@pytest.mark.parametrize("value", ["!!float seven", "!!float ''", "!!int x", "!!bool maybe", "!!int ''"])
def test_explicit_tags_a_value_cannot_be_read_as(value):
    err = error_of(BASE + f"    description: {value}\n")
    assert err.line == 13 and "the value cannot be read as" in str(err)


def test_control_character_in_yaml_names_its_line():
    err = error_of(BASE.replace("Test", "Test").replace("Acme Bio", "Acme\x01Bio"))
    assert err.line == 11 and "U+0001 is not allowed" in str(err)


# ---------------------------------------------------------------- every problem of a run at once


def test_all_problems_of_a_file_are_reported_together(tmp_path):
    records = BASE.replace("Company", "Compnay") + """\
  - id: beta
    type: Company
    para: 1
    label: {en: Beta}
    sector: Industri
    founded: 2025-02-30
  - about: beta
    para: 2
    nationalLevel: maybe
  - id: gamma
    type: Company
    label: {en: Gamma}
    sector: Industry
"""
    path = tmp_path / "five.yaml"
    path.write_text(HEADER + records, encoding="utf-8")
    with pytest.raises(LoadErrors) as info:
        load_sources([path])
    errors = info.value.errors
    assert [(e.line, e.record, e.field) for e in errors] == [
        (9, "acme", "type"), (17, "beta", "sector"), (18, "beta", "founded"), (21, "beta", "nationalLevel"),
        (22, "gamma", "para")]
    assert info.value.summary() == "5 errors in 1 file"
    assert isinstance(info.value, LoadError) and (info.value.line, info.value.field) == (9, "type")
    lines = str(info.value).splitlines()
    assert len(lines) == 6 and lines[0].startswith(f"{path}:9, record 'acme', field 'type': unknown class")


def test_a_record_that_is_not_a_mapping_is_named_by_its_line():
    err = error_of(BASE + "  - just some text\n" + BASE.replace("acme", "beta"))
    assert (err.line, err.value) == (13, "just some text") and "record #2 is not a mapping" in str(err)


def test_a_broken_record_does_not_cascade_into_its_references():
    records = BASE.replace("Company", "Compnay") + "  - about: acme\n    para: 2\n    founded: 2001\n" \
        "  - id: acme-drug\n    type: Drug\n    para: 1\n    label: {en: A-1}\n    developedBy: acme\n"
    err = error_of(records)
    assert not isinstance(err, LoadErrors)
    assert (err.field, err.value) == ("type", "Compnay")


def test_errors_stop_at_the_limit():
    records = "".join(BASE.replace("acme", f"acme-{i}").replace("Industry", "Industri") for i in range(60))
    with pytest.raises(LoadErrors) as info:
        load_text(records)
    assert len(info.value.errors) == 50 and info.value.truncated
    assert "50 errors in 1 file; stopped there" in info.value.summary()


def test_problems_in_several_files_are_reported_together(tmp_path):
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text(HEADER + BASE.replace("Industry", "Industri"), encoding="utf-8")
    b.write_text(HEADER.replace("test-source", "other") + BASE.replace("acme", "beta") + "    founded: soon\n",
                 encoding="utf-8")
    with pytest.raises(LoadErrors) as info:
        load_sources([a, b])
    assert [(e.file, e.record, e.field) for e in info.value.errors] == [
        (str(a), "acme", "sector"), (str(b), "beta", "founded")]


def test_jsonl_reports_every_bad_line():
    text = JSONL_HEADER + '{"id": "a", \n' + JSONL_RECORD + '[1, 2]\n' + '{"id": "b", "id": "c"}\n'
    with pytest.raises(LoadErrors) as info:
        load_documents([read_source_file("s.jsonl", text)])
    assert [(e.line, e.message.split(":")[0]) for e in info.value.errors] == [
        (2, "malformed JSON"), (4, "each line must be a JSON object"), (5, "duplicate key in one object")]


@pytest.mark.parametrize(("value", "problem"), [
    ("[" * 5000 + "]" * 5000, "nested more than 64 levels deep"),
    ("[" * 600 + "]" * 600, "nested more than 64 levels deep"),
    ('"\\ud800"', "half of a surrogate pair"),
    ("9" * 5000, "a number of 5000 characters"),
    ("1e999999999", "not text; got inf"),
])
def test_jsonl_input_that_used_to_crash(value, problem):
    record = JSONL_RECORD[:-2] + f', "description": {value}}}\n'
    err = error_of_jsonl(JSONL_HEADER + record)
    assert err.line == 2 and problem in str(err) and len(str(err)) < 400
