"""`helixgraph suggest` on short articles written for these tests: links known entities, proposes
names, statistics, events and forecasts, keeps the article's wording out of the draft, and the draft
loads once reviewed. Also the curation report and the likely-duplicates report."""

from __future__ import annotations

import datetime as dt
import re
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from rdflib import RDF

from helixgraph.cli import cli
from helixgraph.data import bundled_sources
from helixgraph.errors import LoadError, LoadErrors, MissingDependencyError, OptionError
from helixgraph.loaders import load_sources
from helixgraph.loaders.ids import entity_iri
from helixgraph.ontology.namespace import ECO
from helixgraph.suggest import compare_draft, likely_duplicates, suggest_article
from helixgraph.suggest.article import paragraphs_of
from helixgraph.suggest.dates import find_dates
from helixgraph.suggest.numbers import find_figures

# Written for these tests about the bundled entities; not taken from any article.
ENGLISH = """
Researchers at NIBS and the team of Li Wenhui keep close ties with Huahui Health.
Jane Roe, the co-founder of Roe Biotherapeutics Ltd., said the firm now employs more than 250 people.
The park counts some 40 incubators and almost 300 companies, about 12% of the district's total.
Its lead drug was granted priority review in March last year and is expected to win conditional marketing approval by early 2027.
"""


def write(tmp_path: Path, text: str, name: str = "note.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def english_draft(tmp_path_factory):
    article = write(tmp_path_factory.mktemp("article"), ENGLISH)
    return suggest_article(article, issued="2026-05-10", publisher="Example Press", source_id="note-2026-05-10")


def records_of(draft, kind: str) -> list[dict]:
    return [r for r in draft.records if r.get("type") == kind]


def test_paragraphs_are_numbered_as_the_curated_sources_count_them():
    assert [p.number for p in paragraphs_of("\nfirst\n\nsecond\nthird\n")] == [1, 2, 3]
    assert [p.text for p in paragraphs_of("<p>one</p><div><p>two <i>x</i></p></div>", "html")] == ["one", "two x"]


def test_known_entities_are_linked_with_their_paragraphs(english_draft):
    mentions = {r["about"]: r["para"] for r in english_draft.records if "about" in r}
    assert mentions == {"nibs": 1, "li-wenhui": 1, "huahui-health": 1}
    assert all(r["candidate"]["reviewed"] is False for r in english_draft.records)


def test_new_names_are_typed_candidates_with_reasons(english_draft):
    new = {r["label"]["en"]: (r["type"], r["para"]) for r in english_draft.records if "label" in r}
    assert new == {"Jane Roe": ("Person", 2), "Roe Biotherapeutics Ltd.": ("Company", 2)}
    reasons = {r["label"]["en"]: r["candidate"]["reason"] for r in english_draft.records if "label" in r}
    assert reasons["Roe Biotherapeutics Ltd."] == "a name ending in 'Ltd.'"
    assert "co-founder" in reasons["Jane Roe"]


def test_statistics_carry_value_qualifier_unit_and_share(english_draft):
    stats = records_of(english_draft, "Statistic")
    got = [(s["para"], s["approximation"], s.get("value"), s.get("minValue"), s.get("maxValue"), s["unit"],
            s["statedAs"]["en"]) for s in stats]
    assert got == [
        (2, "MoreThan", None, 250, None, "people", "more than 250"),
        (3, "Approximately", None, 35, 45, "incubators", "some 40"),
        (3, "Nearly", None, None, 300, "companies", "almost 300"),
        (3, "Approximately", None, 11.5, 12.5, "percent", "about 12%"),
    ]
    assert stats[3]["shareOf"] == stats[2]["id"]
    assert {s["refTime"] for s in stats} == {"2026-05-10"}


def test_events_and_forecasts_with_dates_at_their_precision(english_draft):
    [event] = records_of(english_draft, "RegulatoryEvent")
    assert (event["eventType"], event["para"], event["date"]) == ("PriorityReviewGranted", 4, "2025-03")
    assert "resolved against the issue date 2026-05-10" in event["candidate"]["dateResolved"]
    [forecast] = records_of(english_draft, "Forecast")
    assert (forecast["expectedEventType"], forecast["expectedFrom"], forecast["expectedUntil"],
            forecast["statedAs"]) == ("ConditionalApproval", "2027-01", "2027-03", {"en": "early 2027"})


@pytest.mark.parametrize(("text", "qualifier"), [
    ("over 30 firms", "MoreThan"), ("more than 30 firms", "MoreThan"), ("nearly 30 firms", "Nearly"),
    ("almost 30 firms", "Nearly"), ("about 30 firms", "Approximately"), ("some 30 firms", "Approximately"),
    ("at least 30 firms", "AtLeast"), ("30 firms", "Exact"),
])
def test_english_qualifiers(text, qualifier):
    [figure] = find_figures(paragraphs_of(f"The park has {text} now."))
    assert (figure.number, figure.qualifier, figure.unit) == (Decimal(30), qualifier, "firms")


def test_years_codes_and_bare_numbers_are_not_statistics():
    assert find_figures(paragraphs_of("In 2024 the Beinao-1 and HH-003 moved on; 12 of them, then 2025.")) == []


def test_relative_dates_resolve_against_the_issue_date():
    issued = dt.date(2025, 10, 1)
    found = [(d.first, d.last, d.resolved) for d in find_dates("approved last year, in June this year", issued)]
    assert found == [("2024", "2024", True), ("2025-06", "2025-06", True)]


def test_no_run_of_eight_words_of_the_article_reaches_the_draft(english_draft):
    words = re.findall(r"\w+", ENGLISH.lower())
    grams = {" ".join(words[i:i + 8]) for i in range(len(words) - 7)}
    draft_words = re.findall(r"\w+", english_draft.to_yaml().lower())
    drafted = {" ".join(draft_words[i:i + 8]) for i in range(len(draft_words) - 7)}
    assert grams and not grams & drafted


def test_the_build_refuses_unreviewed_candidates_and_loads_them_once_reviewed(english_draft, tmp_path):
    path = english_draft.write(tmp_path / "note.draft.yaml")
    with pytest.raises(LoadError) as caught:
        load_sources([bundled_sources(), path])
    errors = caught.value.errors if isinstance(caught.value, LoadErrors) else [caught.value]
    assert {e.message for e in errors} == {"unreviewed candidate"}
    assert len(errors) == len(english_draft.records)
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    kept = [r for r in doc["records"] if "about" in r or r.get("type") == "Person"]  # the curator's choice
    for record in kept:
        record["candidate"]["reviewed"] = True
    doc["records"] = kept
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    loaded = {s.source_id: s for s in load_sources([bundled_sources(), path])}
    triples = loaded["note-2026-05-10"].triples
    person = entity_iri("cand-jane-roe")
    assert (person, RDF.type, ECO.Person) in triples
    assert not any("candidate" in str(p) for _, p, _ in triples)


def test_allow_unreviewed_accepts_them(english_draft, tmp_path):
    doc = {"source": english_draft.header,
           "records": [r for r in english_draft.records if "about" in r or r.get("type") == "Person"]}
    path = tmp_path / "d.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    with pytest.raises(LoadError):
        load_sources([bundled_sources(), path])
    loaded = load_sources([bundled_sources(), path], allow_unreviewed=True)
    assert [s.source_id for s in loaded][-1] == "note-2026-05-10"


CURATED = """
source: {id: note, title: Note, publisher: P, issued: 2026-05-10, language: en}
records:
  - {about: nibs, para: 1}
  - {about: huahui-health, para: [1, 2]}
  - {id: roe-bio, type: Company, para: 2, label: {en: Roe Biotherapeutics}, sector: Industry}
  - {id: jane-roe, type: Person, para: 2, label: {en: Jane Roe}}
  - {id: mark-poe, type: Person, para: 3, label: {en: Mark Poe}}
  - {id: staff, type: Statistic, para: 2, minValue: 250, approximation: MoreThan}
  - {id: incubators, type: Statistic, para: 3, value: 40, approximation: Nearly}
  - {id: review, type: RegulatoryEvent, para: 4, eventType: PriorityReviewGranted}
"""


def test_the_curation_report_counts_found_missed_and_extra(english_draft, tmp_path):
    report = compare_draft(english_draft, write(tmp_path, CURATED, "curated.yaml"))
    assert report.mentions.found == [("huahui-health@1", "huahui-health@1"), ("nibs@1", "nibs@1")]
    assert report.mentions.missed == ["huahui-health@2", "jane-roe@2", "mark-poe@3", "roe-bio@2"]
    assert report.mentions.extra == ["li-wenhui@1"]
    assert sorted(report.key_entities.found) == [("cand-jane-roe", "jane-roe"),
                                                 ("cand-roe-biotherapeutics-ltd", "roe-bio")]
    assert report.key_entities.missed == ["mark-poe"]
    assert [p[1] for p in report.statistics.found] == ["staff"]  # 40 was curated as Nearly, drafted as about
    assert report.statistics.missed == ["incubators"] and len(report.statistics.extra) == 3
    assert [p[1] for p in report.events.found] == ["review"] and len(report.events.extra) == 1
    assert report.candidates == 2 + 4 + 2
    assert report.precision == pytest.approx(4 / 8)


def test_the_command_line_writes_a_draft_and_scores_it(tmp_path):
    article = write(tmp_path, ENGLISH)
    curated = write(tmp_path, CURATED, "curated.yaml")
    draft = tmp_path / "out.draft.yaml"
    result = CliRunner().invoke(cli, ["suggest", str(article), "--issued", "2026-05-10", "--draft", str(draft),
                                      "--compare", str(curated)])
    assert result.exit_code == 0, result.output
    assert f"11 candidate record(s) written to {draft}" in result.output
    assert "precision over all 8 candidates: 50%" in result.output
    again = CliRunner().invoke(cli, ["suggest", "--draft", str(draft), "--compare", str(curated)])
    assert again.exit_code == 0 and "precision over all 8 candidates: 50%" in again.output


@pytest.mark.parametrize(("args", "message"), [
    (["--issued", "2026-13-01"], "bad issue date '2026-13-01'"),
    (["--source-id", "Bad Id"], "bad source id 'Bad Id'"),
])
def test_bad_options_exit_2_without_a_traceback(tmp_path, args, message):
    result = CliRunner().invoke(cli, ["suggest", str(write(tmp_path, ENGLISH)), *args])
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output


def test_a_missing_article_is_a_load_error(tmp_path):
    with pytest.raises(LoadError):
        suggest_article(tmp_path / "absent.txt", issued="2026-01-01")
    with pytest.raises(OptionError):
        suggest_article(tmp_path / "absent.txt", language="fr")


DUPLICATES = """
source: {id: dup, title: Dup, publisher: P, issued: 2026-01-01, language: en}
records:
  - {id: acme, type: Company, para: 1, label: {en: Acme Bio Ltd.}, sector: Industry}
  - {id: acme-bio, type: Company, para: 2, label: {en: ACME Bio}, sector: Industry}
  - {id: zhang-wei, type: Person, para: 3, label: {en: Zhang Wei}}
  - {id: zhang-wei-2, type: Person, para: 4, label: {zh: 张伟}}
  - {id: drug-a, type: Drug, para: 5, label: {en: Drug A}, developmentCode: XY-101}
  - {id: drug-b, type: Drug, para: 6, label: {en: Another drug}, developmentCode: XY-101}
  - {id: hep-b, type: Disease, para: 7, label: {en: hepatitis B}}
  - {id: hep-d, type: Disease, para: 7, label: {en: hepatitis D}}
"""


@pytest.mark.slow  # pypinyin loads its dictionary: over a second
def test_likely_duplicates(tmp_path):
    pairs = likely_duplicates([write(tmp_path, DUPLICATES, "dup.yaml")])
    assert [(p.first, p.second, p.reason) for p in pairs] == [
        ("drug-a", "drug-b", "the same developmentCode 'xy-101'"),
        ("acme", "acme-bio", "the same name 'acme bio'"),
        ("zhang-wei", "zhang-wei-2", "'张伟' transliterates to 'Zhang Wei'"),
    ]
    result = CliRunner().invoke(cli, ["duplicates", "--sources", str(tmp_path / "dup.yaml")])
    assert result.exit_code == 0 and result.output.startswith("drug-a\tdrug-b\t1.00\t")


@pytest.mark.slow  # runs the duplicates report up to the transliteration
def test_missing_optional_packages_name_the_extra(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pypinyin", None)
    with pytest.raises(MissingDependencyError) as caught:
        likely_duplicates([write(tmp_path, DUPLICATES, "dup.yaml")])
    assert caught.value.package == "pypinyin" and "helixgraph[suggest]" in str(caught.value)
    monkeypatch.setitem(sys.modules, "jieba", None)
    with pytest.raises(MissingDependencyError) as caught:
        suggest_article(write(tmp_path, "园区有超过100家企业。"), language="zh", issued="2026-01-01", sources=[])
    assert caught.value.package == "jieba"


def stated_number(statistic):
    """The number the text gave: the value, the midpoint of an interval, or the one bound."""
    if "minValue" in statistic and "maxValue" in statistic:
        middle = (statistic["minValue"] + statistic["maxValue"]) / 2
        return int(middle) if middle == int(middle) else middle
    return next(statistic[k] for k in ("value", "minValue", "maxValue") if k in statistic)


# Written for this test, about the bundled entities, in Chinese.
CHINESE = """
中关村生命科学园位于北京市昌平区，园区内已有超过1000家创新药企业，逾3000张床位可供临床研究使用。
北京生命科学研究所的李文辉与华辉安健保持合作，园区近60个服务平台中约5%面向初创企业。
园区孵化的数字医疗企业有100余家，王芳在此创办了海德生物科技公司。
该药去年12月获得上市申请受理，公司预计明年初获得附条件批准上市。
"""


@pytest.mark.slow  # jieba builds its dictionary on first use: about two seconds
def test_a_chinese_article(tmp_path):
    pytest.importorskip("jieba")
    draft = suggest_article(write(tmp_path, CHINESE), issued="2025-10-01", language="zh", source_id="zh-note")
    mentions = {r["about"]: r["para"] for r in draft.records if "about" in r}
    assert mentions == {"zgc-life-science-park": 1, "changping-district": 1, "nibs": 2, "li-wenhui": 2,
                        "huahui-health": 2, "beijing": 1}
    stats = [(s["para"], s["approximation"], stated_number(s), s["unit"], s["statedAs"]["zh"])
             for s in records_of(draft, "Statistic")]
    assert stats == [(1, "MoreThan", 1000, "家", "超过1000家"), (1, "MoreThan", 3000, "张", "逾3000张"),
                     (2, "Nearly", 60, "个", "近60个"), (2, "Approximately", 5, "percent", "约5%"),
                     (3, "MoreThan", 100, "家", "100余家")]
    new = {r["label"]["zh"]: r["type"] for r in draft.records if "label" in r}
    assert new == {"王芳": "Person", "海德生物科技公司": "Company"}
    [event] = records_of(draft, "RegulatoryEvent")
    assert (event["eventType"], event["date"], event["para"]) == ("NDAAccepted", "2024-12", 4)
    [forecast] = records_of(draft, "Forecast")
    assert (forecast["expectedEventType"], forecast["expectedFrom"], forecast["expectedUntil"]) == \
        ("ConditionalApproval", "2026-01", "2026-03")
    assert "dateResolved" in forecast["candidate"]


def test_a_share_of_a_named_places_total_gets_its_denominator_area(tmp_path):
    article = write(tmp_path, "\nThe park has 50 laboratories, almost 10% of Beijing's total.\n")
    draft = suggest_article(article, issued="2026-01-01")
    [count, share] = records_of(draft, "Statistic")
    assert (share["shareOf"], share["denominatorArea"], share["maxValue"]) == (count["id"], "beijing", 10)
    assert "denominatorArea" not in count


def test_chinese_labels_qualifiers_and_dates_without_the_segmenter():
    """The parts of the Chinese path that need no segmenter: labels, figures, events and dates."""
    from helixgraph.suggest.events import find_events
    from helixgraph.suggest.gazetteer import Gazetteer

    paragraphs = paragraphs_of(CHINESE)
    gazetteer = Gazetteer.from_triples(t for s in load_sources([bundled_sources()]) for t in s.triples)
    found = sorted({(m.entity, m.paragraph, m.label) for m in gazetteer.find(paragraphs)})
    assert found == [("beijing", 1, "北京"), ("changping-district", 1, "昌平区"), ("huahui-health", 2, "华辉安健"),
                     ("li-wenhui", 2, "李文辉"), ("nibs", 2, "北京生命科学研究所"),
                     ("zgc-life-science-park", 1, "中关村生命科学园")]
    figures = [(f.paragraph, f.qualifier, int(f.number), f.stated_as) for f in find_figures(paragraphs, "zh")]
    assert figures == [(1, "MoreThan", 1000, "超过1000家"), (1, "MoreThan", 3000, "逾3000张"), (2, "Nearly", 60, "近60个"),
                       (2, "Approximately", 5, "约5%"), (3, "MoreThan", 100, "100余家")]
    events = [(e.event_type, e.forecast, [(d.first, d.last, d.resolved) for d in e.dates])
              for e in find_events(paragraphs, dt.date(2025, 10, 1), "zh")]
    assert events == [("NDAAccepted", False, [("2024-12", "2024-12", True)]),
                      ("ConditionalApproval", True, [("2026-01", "2026-03", True)])]
