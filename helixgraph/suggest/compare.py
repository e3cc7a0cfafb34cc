"""The curation report: a draft's candidates scored against a curated source of the same article.

Entities, statistics and events are matched one to one. An entity candidate matches a curated
entity with the same name (any label or alias, any language, ignoring case, possessives and
company suffixes such as Ltd.), or whose name holds all its words or all of whose words it holds;
an unnamed candidate ("a park representative") also matches a curated entity of a compatible class
in the same paragraph. A statistic matches on paragraph, qualifier and number (value, minValue or
maxValue); an event on paragraph and event type (expected event type for a forecast). Mentions of
known entities are scored as (entity, paragraph) pairs: the curated file's organisations, people,
products and places, and the entities it adds to with ``about`` that it does not define.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from helixgraph.errors import LoadError
from helixgraph.loaders.review import CANDIDATE_KEY
from helixgraph.loaders.yaml_reader import read_yaml
from helixgraph.ontology.model import load_ontology
from helixgraph.suggest.draft import Draft
from helixgraph.suggest.matching import name_level
from helixgraph.suggest.terms import load_terms

__all__ = ["CurationReport", "Score", "compare_draft"]

_NAME_FIELDS = ("label", "altLabel", "brandName", "inn", "developmentCode")
_BOUNDS = ("value", "minValue", "maxValue")


@dataclass
class Score:
    """Found, missed and extra items of one kind; ``found`` pairs a candidate with what it matched."""

    found: list[tuple[str, str]] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        total = len(self.found) + len(self.missed)
        return len(self.found) / total if total else 1.0

    @property
    def precision(self) -> float:
        total = len(self.found) + len(self.extra)
        return len(self.found) / total if total else 1.0


@dataclass
class CurationReport:
    """How a draft compares with a curated source of the same article."""

    mentions: Score
    entities: Score
    key_entities: Score
    statistics: Score
    events: Score

    @property
    def candidates(self) -> int:
        return sum(len(s.found) + len(s.extra) for s in (self.entities, self.statistics, self.events))

    @property
    def precision(self) -> float:
        """Share of all new-record candidates (entities, statistics, events) that match a curated record."""
        right = sum(len(s.found) for s in (self.entities, self.statistics, self.events))
        return right / self.candidates if self.candidates else 1.0

    def text(self) -> str:
        rows = [("mentions of known entities (entity, paragraph)", self.mentions),
                ("organisations, people and products proposed", self.key_entities),
                ("all entity candidates", self.entities),
                ("statistics (value, qualifier, paragraph)", self.statistics),
                ("events and forecasts (type, paragraph)", self.events)]
        lines = ["what                                              found  missed  extra  recall  precision"]
        for name, s in rows:
            lines.append(f"{name:<48} {len(s.found):>6} {len(s.missed):>7} {len(s.extra):>6} "
                         f"{s.recall:>7.0%} {s.precision:>10.0%}")
        lines.append(f"precision over all {self.candidates} candidates: {self.precision:.0%}")
        for name, s in rows:
            if s.missed:
                lines.append(f"missed {name.split(' (')[0]}: {', '.join(s.missed)}")
            if s.extra:
                lines.append(f"extra {name.split(' (')[0]}: {', '.join(s.extra)}")
        return "\n".join(lines)

    def to_json(self) -> dict:
        def one(s: Score) -> dict:
            return {"found": s.found, "missed": s.missed, "extra": s.extra, "recall": s.recall,
                    "precision": s.precision}

        return {"mentions": one(self.mentions), "key_entities": one(self.key_entities),
                "entities": one(self.entities), "statistics": one(self.statistics), "events": one(self.events),
                "candidates": self.candidates, "precision": self.precision}


def _records(source: str | Path | Draft) -> list[dict]:
    if isinstance(source, Draft):
        return [dict(r) for r in source.records]
    doc = read_yaml(source)
    records = doc.get("records") if isinstance(doc, dict) else None
    if not isinstance(records, list):
        raise LoadError("not a source file", file=str(source), expected="a 'records' list")
    return [r for r in records if isinstance(r, dict)]


def _paras(record: dict) -> set[int]:
    para = record.get("para", [])
    return set(para if isinstance(para, list) else [para])


def _names(record: dict) -> list[str]:
    """Every name a record gives, read through language maps and values with their own evidence
    (``{value: {en: ...}, para: 7}``).

    >>> _names({"label": {"value": {"en": "Libeiweita"}, "para": 7}, "altLabel": [{"en": "HH-003"}, "x"]})
    ['Libeiweita', 'HH-003', 'x']
    """
    def texts(value) -> list[str]:
        if isinstance(value, list):
            return [t for item in value for t in texts(item)]
        if isinstance(value, dict):
            return texts(value["value"]) if "value" in value else [t for v in value.values() for t in texts(v)]
        return [] if value is None else [str(value)]

    return [name for key in _NAME_FIELDS for name in texts(record.get(key))]


def _compatible(a: str, b: str) -> bool:
    classes = load_ontology().classes
    if a not in classes or b not in classes:
        return False
    return classes[a].iri in classes[b].ancestors or classes[b].iri in classes[a].ancestors


def _assign(candidates: list[dict], curated: list[dict], level) -> Score:
    pairs = []
    for i, c in enumerate(candidates):
        for j, k in enumerate(curated):
            found = level(c, k)
            if found is not None:
                pairs.append((found, i, j))
    score, used_c, used_k = Score(), set(), set()
    for _, i, j in sorted(pairs):
        if i not in used_c and j not in used_k:
            used_c.add(i)
            used_k.add(j)
            score.found.append((candidates[i]["id"], curated[j]["id"]))
    score.extra = [c["id"] for i, c in enumerate(candidates) if i not in used_c]
    score.missed = [k["id"] for j, k in enumerate(curated) if j not in used_k]
    return score


def _entity_level(c: dict, k: dict) -> int | None:
    found = name_level(_names(c), _names(k))
    if found is not None:
        return found
    mark = c.get(CANDIDATE_KEY) or {}
    if mark.get("unnamed") and _paras(c) & _paras(k) and _compatible(c["type"], k["type"]):
        return 2
    return None


def _numbers(record: dict) -> set[Decimal]:
    out = set()
    for key in _BOUNDS:
        if key in record:
            try:
                out.add(Decimal(str(_plain(record[key]))).normalize())
            except InvalidOperation:
                pass
    if "minValue" in record and "maxValue" in record:  # an interval matches on its midpoint too
        try:
            low, high = Decimal(str(_plain(record["minValue"]))), Decimal(str(_plain(record["maxValue"])))
            out.add(((low + high) / 2).normalize())
        except InvalidOperation:
            pass
    return out


def _statistic_level(c: dict, k: dict) -> int | None:
    if _plain(c.get("approximation")) == _plain(k.get("approximation")) and _paras(c) & _paras(k) and _numbers(c) & _numbers(k):
        return 0
    return None


def _event_level(c: dict, k: dict) -> int | None:
    if c["type"] != k["type"] or not _paras(c) & _paras(k):
        return None
    key = "eventType" if c["type"] == "RegulatoryEvent" else "expectedEventType"
    return 0 if _plain(c.get(key)) == _plain(k.get(key)) else None


def _plain(value):
    """A field's value without its own evidence (``{value: X, para: 8}`` is ``X``).

    >>> _plain({"value": "PriorityReviewGranted", "quote": "given priority review"}), _plain("Exact")
    ('PriorityReviewGranted', 'Exact')
    """
    return value["value"] if isinstance(value, dict) and "value" in value else value


def compare_draft(draft: str | Path | Draft, curated: str | Path) -> CurationReport:
    """Score the candidates of ``draft`` (a file or a :class:`Draft`) against the ``curated`` source file.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "curated.yaml").write_text('''
    ... records:
    ...   - {id: acme, type: Company, para: 2, label: {en: Acme Bio}, altLabel: {en: Acme Bio Ltd.}}
    ...   - {id: roe, type: Person, para: 3, label: {en: Jane Roe}}
    ...   - {id: s1, type: Statistic, para: 2, minValue: 100, approximation: MoreThan}
    ... ''', encoding="utf-8")
    >>> _ = (folder / "draft.yaml").write_text('''
    ... records:
    ...   - {id: cand-acme, type: Company, para: 2, label: {en: ACME BIO LTD}}
    ...   - {id: cand-x, type: Company, para: 2, label: {en: Xyz}}
    ...   - {id: cand-s, type: Statistic, para: 2, minValue: 100, approximation: MoreThan}
    ... ''', encoding="utf-8")
    >>> report = compare_draft(folder / "draft.yaml", folder / "curated.yaml")
    >>> report.key_entities.found, report.key_entities.missed, report.entities.extra
    ([('cand-acme', 'acme')], ['roe'], ['cand-x'])
    >>> report.statistics.found, report.precision
    ([('cand-s', 's1')], 0.6666666666666666)
    """
    terms = load_terms()
    named = terms.organisation_classes | terms.person_classes | terms.product_classes
    drafted, kept = _records(draft), _records(curated)
    curated_entities = [r for r in kept if "id" in r and "type" in r and _names(r)
                        and r["type"] not in ("Statistic", "RegulatoryEvent", "Forecast")]
    candidates = [r for r in drafted if "id" in r and r.get("type") not in ("Statistic", "RegulatoryEvent", "Forecast")]
    entities = _assign(candidates, curated_entities, _entity_level)
    key_ids = {r["id"] for r in curated_entities if r["type"] in named}
    key = Score([p for p in entities.found if p[1] in key_ids], [m for m in entities.missed if m in key_ids], [])
    statistics = _assign([r for r in drafted if r.get("type") == "Statistic"],
                         [r for r in kept if r.get("type") == "Statistic"], _statistic_level)
    events = _assign([r for r in drafted if r.get("type") in ("RegulatoryEvent", "Forecast")],
                     [r for r in kept if r.get("type") in ("RegulatoryEvent", "Forecast")], _event_level)
    mentionable = named | terms.place_classes
    classes = {r["id"]: r["type"] for r in kept if "id" in r and "type" in r}
    wanted = {(r.get("id") or r.get("about"), p) for r in kept for p in _paras(r)
              if classes.get(r.get("id") or r.get("about"), "about" in r) in mentionable | {True}}
    linked = {(r["about"], p) for r in drafted if "about" in r for p in _paras(r)}
    mentions = Score([(f"{e}@{p}", f"{e}@{p}") for e, p in sorted(linked & wanted)],
                     [f"{e}@{p}" for e, p in sorted(wanted - linked)], [f"{e}@{p}" for e, p in sorted(linked - wanted)])
    return CurationReport(mentions, entities, key, statistics, events)
