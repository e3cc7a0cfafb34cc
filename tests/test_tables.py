"""Tables through a YARRRML mapping: three related tables (CSV, Excel, Parquet) give exact triples,
and each kind of problem is reported with the table, row, column, value and what was expected."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, RDFS, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SDO

from helixgraph.cli import cli
from helixgraph.errors import LoadError, LoadErrors, MissingDependencyError
from helixgraph.loaders import load_sources
from helixgraph.loaders.ids import entity_iri, source_iri
from helixgraph.ontology.namespace import ECO

pa = pytest.importorskip("pyarrow")
openpyxl = pytest.importorskip("openpyxl")
pytest.importorskip("pyarrow.parquet")

COMPANIES = """code,credit_code,name,name_zh,founded,field,national
acme,91110114MA01ACME1X,Acme Bio,艾克美生物,2019-05,cell and gene therapy,false
beta,91110114MA01BETA2Y,Beta Devices,,2021,BrainComputerInterfaces,
"""

MAPPING = """
prefixes:
  ex: https://example.org/
mappings:
  companies:
    sources: [[companies.csv~csv]]
    graph:
      id: park-members-2025
      title: {en: Member companies of the park}
      publisher: Park administration
      issued: 2025-06-30
      url: https://example.org/members.csv
      language: en
    s: hx:company-$(code)
    po:
      - [a, eco:Company]
      - [rdfs:label, $(name), en~lang]
      - [rdfs:label, $(name_zh), zh~lang]
      - [eco:sector, Industry]
      - [eco:founded, $(founded)]
      - [eco:technologyField, $(field)]
      - [eco:nationalLevel, $(national)]
  products:
    sources: [[products.parquet~parquet]]
    graph: {id: park-products-2025, title: Products of the members, publisher: Park administration,
            issued: 2025-06-30, language: en}
    s: hx:product-$(dev_code)
    po:
      - [a, eco:Drug]
      - [rdfs:label, $(name)]
      - [eco:developmentCode, $(dev_code)]
      - [eco:firstInClass, $(first)]
      - p: eco:developedBy
        o:
          mapping: companies
          condition:
            function: equal
            parameters: [[str1, $(developer), s], [str2, $(credit_code), o]]
  trials:
    sources:
      - access: trials.xlsx
        referenceFormulation: xlsx
        iterator: Trials
    graph: {id: park-trials-2025, title: Trials of the members, publisher: Park administration,
            issued: 2025-07-01, language: en}
    s: hx:trial-$(nct)
    po:
      - [a, eco:ClinicalTrial]
      - [eco:registryId, $(nct)]
      - [eco:studiedProduct, hx:product-$(product)~iri]
      - [eco:startDate, $(start)]
      - p: eco:sponsor
        o: {mapping: companies, condition: {function: equal, parameters: [[str1, $(sponsor)], [str2, $(credit_code)]]}}
"""

PRODUCTS = {"dev_code": ["AB-101", "BX-7"], "name": ["AB-101 antibody", "BX-7 tablet"],
            "developer": ["91110114MA01ACME1X", "91110114MA01BETA2Y"], "first": [True, None]}
TRIALS = [("nct", "product", "sponsor", "start"),
          ("NCT01234567", "AB-101", "91110114MA01ACME1X", dt.datetime(2024, 3, 1)),
          ("NCT07654321", "BX-7", "91110114MA01BETA2Y", "2025-01")]


def write_project(folder: Path, *, companies: str = COMPANIES, mapping: str = MAPPING,
                  products: dict | None = None, trials: list | None = None) -> Path:
    (folder / "companies.csv").write_text(companies, encoding="utf-8")
    pa.parquet.write_table(pa.table(products or PRODUCTS), folder / "products.parquet")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Trials"
    for row in trials or TRIALS:
        sheet.append(row)
    book.save(folder / "trials.xlsx")
    path = folder / "park.yarrrml.yaml"
    path.write_text(mapping, encoding="utf-8")
    return path


def passage(source: str, row: int) -> URIRef:
    return URIRef(f"{source_iri(source)}#p{row}")


def entity_triples(source: str, rows: dict[str, int], facts: list[tuple]) -> set[tuple]:
    """The facts plus provenance: each entity derived from the source and evidenced by its row."""
    out = set(facts)
    for entity, row in rows.items():
        out |= {(entity_iri(entity), PROV.wasDerivedFrom, source_iri(source)),
                (entity_iri(entity), ECO.evidence, passage(source, row))}
        out |= {(passage(source, row), RDF.type, ECO.Passage),
                (passage(source, row), DCTERMS.isPartOf, source_iri(source)),
                (passage(source, row), ECO.paragraphNumber, Literal(row, datatype=XSD.positiveInteger))}
    return out


def without_header(loaded) -> set[tuple]:
    return {t for t in loaded.triples if t[0] != loaded.iri}


def test_three_related_tables_give_exact_triples(tmp_path):
    path = write_project(tmp_path)
    loaded = {s.source_id: s for s in load_sources([path])}
    assert sorted(loaded) == ["park-members-2025", "park-products-2025", "park-trials-2025"]
    acme, beta = entity_iri("company-acme"), entity_iri("company-beta")
    assert without_header(loaded["park-members-2025"]) == entity_triples(
        "park-members-2025", {"company-acme": 2, "company-beta": 3}, [
            (acme, RDF.type, ECO.Company), (beta, RDF.type, ECO.Company),
            (acme, RDFS.label, Literal("Acme Bio", lang="en")), (acme, RDFS.label, Literal("艾克美生物", lang="zh")),
            (beta, RDFS.label, Literal("Beta Devices", lang="en")),
            (acme, ECO.sector, ECO.Industry), (beta, ECO.sector, ECO.Industry),
            (acme, ECO.founded, Literal("2019-05", datatype=XSD.gYearMonth)),
            (beta, ECO.founded, Literal("2021", datatype=XSD.gYear)),
            (acme, ECO.technologyField, ECO.CellGeneTherapy),
            (beta, ECO.technologyField, ECO.BrainComputerInterfaces),
            (acme, ECO.nationalLevel, Literal(False)),
        ])
    ab, bx = entity_iri("product-ab-101"), entity_iri("product-bx-7")
    assert without_header(loaded["park-products-2025"]) == entity_triples(
        "park-products-2025", {"product-ab-101": 2, "product-bx-7": 3}, [
            (ab, RDF.type, ECO.Drug), (bx, RDF.type, ECO.Drug),
            (ab, RDFS.label, Literal("AB-101 antibody", lang="en")), (bx, RDFS.label, Literal("BX-7 tablet", lang="en")),
            (ab, ECO.developmentCode, Literal("AB-101")),
            (bx, ECO.developmentCode, Literal("BX-7")),
            (ab, ECO.firstInClass, Literal(True)),
            (ab, ECO.developedBy, acme), (bx, ECO.developedBy, beta),
        ])
    t1, t2 = entity_iri("trial-nct01234567"), entity_iri("trial-nct07654321")
    assert without_header(loaded["park-trials-2025"]) == entity_triples(
        "park-trials-2025", {"trial-nct01234567": 2, "trial-nct07654321": 3}, [
            (t1, RDF.type, ECO.ClinicalTrial), (t2, RDF.type, ECO.ClinicalTrial),
            (t1, ECO.registryId, Literal("NCT01234567")),
            (t2, ECO.registryId, Literal("NCT07654321")),
            (t1, ECO.studiedProduct, ab), (t2, ECO.studiedProduct, bx),
            (t1, ECO.startDate, Literal(dt.date(2024, 3, 1), datatype=XSD.date)),
            (t2, ECO.startDate, Literal("2025-01", datatype=XSD.gYearMonth)),
            (t1, ECO.sponsor, acme), (t2, ECO.sponsor, beta),
        ])
    header = {(p, o) for s, p, o in loaded["park-members-2025"].triples if s == source_iri("park-members-2025")}
    assert header == {
        (RDF.type, ECO.Source), (DCTERMS.title, Literal("Member companies of the park", lang="en")),
        (DCTERMS.publisher, Literal("Park administration")),
        (DCTERMS.issued, Literal(dt.date(2025, 6, 30), datatype=XSD.date)),
        (SDO.url, Literal("https://example.org/members.csv", datatype=XSD.anyURI)),
        (DCTERMS.language, Literal("en")),
    }


def test_a_table_may_refer_to_entities_of_source_files(tmp_path, bundled_sources_dir=None):
    from helixgraph.data import bundled_sources

    mapping = MAPPING.replace("      - [eco:nationalLevel, $(national)]",
                              "      - [eco:nationalLevel, $(national)]\n      - [eco:locatedIn, hx:zgc-life-science-park~iri]")
    path = write_project(tmp_path, mapping=mapping)
    loaded = {s.source_id: s for s in load_sources([bundled_sources(), path])}
    assert (entity_iri("company-acme"), ECO.locatedIn, entity_iri("zgc-life-science-park")) in \
        loaded["park-members-2025"].triples


def errors_of(path: Path) -> list[LoadError]:
    with pytest.raises(LoadError) as caught:
        load_sources([path])
    return caught.value.errors if isinstance(caught.value, LoadErrors) else [caught.value]


def where(error: LoadError) -> tuple:
    return (Path(error.file).name, error.line, error.record, error.field, error.value)


def test_a_value_that_does_not_fit_the_range_names_table_row_column_value(tmp_path):
    [error] = errors_of(write_project(tmp_path, companies=COMPANIES.replace("2019-05", "2019-13")))
    assert where(error) == ("companies.csv", 2, "company-acme", "founded", "2019-13")
    assert error.expected == "a date YYYY-MM-DD or a month YYYY-MM or a year YYYY"


def test_an_unknown_concept_label_is_refused_with_the_nearest(tmp_path):
    [error] = errors_of(write_project(tmp_path, companies=COMPANIES.replace("BrainComputerInterfaces",
                                                                            "BrainComputerInterface")))
    assert where(error) == ("companies.csv", 3, "company-beta", "field", "BrainComputerInterface")
    assert error.suggestion == "BrainComputerInterfaces"


def test_a_flag_that_is_not_true_or_false(tmp_path):
    [error] = errors_of(write_project(tmp_path, companies=COMPANIES.replace(",false", ",no")))
    assert where(error) == ("companies.csv", 2, "company-acme", "national", "no")
    assert error.expected == "true or false"


def test_a_join_key_without_a_parent_row(tmp_path):
    products = dict(PRODUCTS, developer=["91110114MA01ACME1X", "91110114MA01GAMMA"])
    [error] = errors_of(write_project(tmp_path, products=products))
    assert where(error) == ("products.parquet", 3, "product-bx-7", "developer", "91110114MA01GAMMA")
    assert error.expected == "a value of column 'credit_code' of companies.csv"


def test_a_join_key_held_by_two_parent_rows(tmp_path):
    companies = COMPANIES.replace("91110114MA01BETA2Y", "91110114MA01ACME1X")
    errors = errors_of(write_project(tmp_path, companies=companies))
    assert [where(e) for e in errors] == [
        ("products.parquet", 2, "product-ab-101", "developer", "91110114MA01ACME1X"),
        ("products.parquet", 3, "product-bx-7", "developer", "91110114MA01BETA2Y"),
        ("trials.xlsx", 2, "trial-nct01234567", "sponsor", "91110114MA01ACME1X"),
        ("trials.xlsx", 3, "trial-nct07654321", "sponsor", "91110114MA01BETA2Y"),
    ]
    assert "(rows 2, 3)" in errors[0].message and errors[1].message.startswith("no row of 'companies'")


def test_an_id_template_that_gives_no_valid_id(tmp_path):
    [error] = errors_of(write_project(tmp_path, companies=COMPANIES.replace("beta,", "beta co,", 1)))
    assert where(error) == ("companies.csv", 3, "company-beta co", "code", "company-beta co")


def test_two_rows_with_the_same_id(tmp_path):
    [error] = errors_of(write_project(tmp_path, companies=COMPANIES.replace("\nbeta,", "\nacme,")))
    assert where(error) == ("companies.csv", 3, "company-acme", "code", "company-acme")
    assert error.message.startswith("duplicate id, first defined at")


def test_an_empty_required_cell(tmp_path):
    [error] = errors_of(write_project(tmp_path, companies=COMPANIES.replace("Beta Devices", "")))
    assert where(error) == ("companies.csv", 3, "company-beta", "name, name_zh", None)
    assert error.message == "missing required field for a Company"


def test_a_reference_to_an_id_that_does_not_exist(tmp_path):
    trials = [*TRIALS[:2], ("NCT07654321", "ZZ-1", "91110114MA01BETA2Y", "2025-01")]
    [error] = errors_of(write_project(tmp_path, trials=trials))
    assert where(error) == ("trials.xlsx", 3, "trial-nct07654321", "product", "product-zz-1")


def test_all_problems_of_a_table_are_reported_together(tmp_path):
    rows = "".join(f"c{i},X{i},Name {i},,20x{i},LifeSciences,maybe\n" for i in range(30))
    errors = errors_of(write_project(tmp_path, companies=COMPANIES.splitlines()[0] + "\n" + rows,
                                     mapping=MAPPING.split("  products:")[0]))
    assert len(errors) == 50  # the limit: founded and national of the first 25 rows
    assert [(e.line, e.field) for e in errors[:3]] == [(2, "founded"), (2, "national"), (3, "founded")]


@pytest.mark.parametrize(("old", "new", "field", "value"), [
    ("[eco:founded, $(founded)]", "[eco:fonded, $(founded)]", "po", "eco:fonded"),
    ("[a, eco:Company]", "[a, eco:Compny]", "a", "eco:Compny"),
    ("[[companies.csv~csv]]", "[[companies.csv~json]]", "sources", "json"),
    ("[rdfs:label, $(name), en~lang]", "[rdfs:label, $(name), en_GB~lang]", None, "en_GB"),
    ("    s: hx:company-$(code)", "    s: ex:company-$(code)", "s", "ex:company-$(code)"),
    ("function: equal", "function: notEqual", "condition", None),  # reported at its entry, "- p: ..."
    ("    graph:\n      id: park-members-2025", "    graf:\n      id: park-members-2025", "graf", None),
])
def test_a_mapping_problem_names_the_mapping_line(tmp_path, old, new, field, value):
    assert old in MAPPING
    mapping = MAPPING.replace(old, new, 1)
    at = mapping.index("- p: eco:developedBy") if "notEqual" in new else mapping.index(new)
    line = mapping[:at].count("\n") + 1
    [error] = errors_of(write_project(tmp_path, mapping=mapping))
    assert (Path(error.file).name, error.line, error.field) == ("park.yarrrml.yaml", line, field)
    if value is not None:
        assert error.value == value


def test_a_column_the_table_lacks(tmp_path):
    [error] = errors_of(write_project(tmp_path, mapping=MAPPING.replace("$(name_zh)", "$(name_zhh)")))
    assert where(error) == ("companies.csv", 1, None, "name_zhh", None)
    assert error.suggestion == "name_zh"


def test_a_missing_table_file(tmp_path):
    path = write_project(tmp_path)
    (tmp_path / "trials.xlsx").unlink()
    [error] = errors_of(path)
    assert (Path(error.file).name, error.message) == ("trials.xlsx", "no such table file")


def test_an_unreadable_table(tmp_path):
    path = write_project(tmp_path)
    (tmp_path / "products.parquet").write_text("not parquet", encoding="utf-8")
    [error] = errors_of(path)
    assert Path(error.file).name == "products.parquet"
    assert error.message.startswith("cannot read the table as Parquet")


def test_the_command_line_reports_a_bad_table_without_a_traceback(tmp_path):
    path = write_project(tmp_path, companies=COMPANIES.replace("2019-05", "2019-13"))
    result = CliRunner().invoke(cli, ["validate", "--sources", str(path)])
    assert result.exit_code == 2
    assert "companies.csv:2, record 'company-acme', field 'founded': wrong value" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("module", ["pyarrow", "openpyxl"])
def test_a_missing_reader_names_the_extra(tmp_path, monkeypatch, module):
    path = write_project(tmp_path)
    monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(MissingDependencyError) as caught:
        load_sources([path])
    assert caught.value.package == module
    assert "pip install 'helixgraph[tables]'" in str(caught.value)


@pytest.mark.slow  # two fresh interpreters importing the package: several seconds
def test_importing_loads_no_table_reader_or_segmenter():
    """(pandas 3, a dependency, imports pyarrow itself when it is installed; its CSV and Parquet readers
    are ours to import, and only when a table is read.)"""
    import subprocess

    optional = ("openpyxl", "jieba", "pypinyin", "pyarrow.csv", "pyarrow.parquet")
    probe = ("import sys, helixgraph, helixgraph.cli, helixgraph.api, helixgraph.loaders, helixgraph.suggest; "
             f"print(sorted(name for name in sys.modules if name in {optional!r} or name.split('.')[0] in {optional!r}))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
    check = "import sys, pyarrow.csv, openpyxl; print('pyarrow.csv' in sys.modules and 'openpyxl' in sys.modules)"
    loaded = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "True"  # the probe sees them once imported


def test_a_tsv_table_reads_like_the_csv(tmp_path):
    (tmp_path / "companies.tsv").write_text(COMPANIES.replace(",", "\t"), encoding="utf-8")
    mapping = MAPPING.split("  products:")[0].replace("companies.csv~csv", "companies.tsv~tsv")
    (tmp_path / "park.yarrrml.yaml").write_text(mapping, encoding="utf-8")
    [tsv] = load_sources([tmp_path / "park.yarrrml.yaml"])
    (tmp_path / "csv").mkdir()
    [csv] = [s for s in load_sources([write_project(tmp_path / "csv")]) if s.source_id == "park-members-2025"]
    assert without_header(tsv) == without_header(csv) and len(tsv.triples) == len(csv.triples)


@pytest.mark.slow  # a whole build of the bundled dataset with a draft: several seconds
def test_build_refuses_a_draft_until_told_to_accept_unreviewed_candidates(tmp_path):
    draft = tmp_path / "note.draft.yaml"
    draft.write_text("""
source: {id: note, title: Note, publisher: P, issued: 2026-01-01, language: en}
records:
  - {id: cand-jane-roe, type: Person, para: 1, label: {en: Jane Roe}, candidate: {reviewed: false, reason: a name}}
""", encoding="utf-8")
    from helixgraph.data import bundled_sources

    args = ["build", "--sources", str(bundled_sources()), "--sources", str(draft), "--no-analysis", "--no-render"]
    refused = CliRunner().invoke(cli, [*args, "--out", str(tmp_path / "a")])
    assert refused.exit_code == 2 and "record 'cand-jane-roe', field 'candidate': unreviewed candidate" in refused.output
    accepted = CliRunner().invoke(cli, [*args, "--out", str(tmp_path / "b"), "--allow-unreviewed"])
    assert accepted.exit_code == 0, accepted.output


@pytest.mark.slow  # SHACL validation of the three tables: about a second
def test_the_tables_conform_to_the_shapes(tmp_path):
    from helixgraph.api import validate

    assert validate([write_project(tmp_path)]) == ["park-members-2025", "park-products-2025", "park-trials-2025"]
