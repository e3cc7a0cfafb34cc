"""Read an article and write a draft source of candidate records: ``helixgraph suggest``."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path

from helixgraph.errors import OptionError
from helixgraph.loaders import load_sources
from helixgraph.loaders.source_file import ID_PATTERN
from helixgraph.ontology.model import load_ontology
from helixgraph.suggest.article import Paragraph, read_article
from helixgraph.suggest.draft import Draft, draft_header
from helixgraph.suggest.events import find_events
from helixgraph.suggest.gazetteer import Gazetteer, Mention
from helixgraph.suggest.matching import name_level
from helixgraph.suggest.names_en import NameCandidate, find_names_en
from helixgraph.suggest.numbers import find_figures
from helixgraph.suggest.terms import load_terms

__all__ = ["LANGUAGES", "suggest_article", "suggest_paragraphs"]

#: The languages ``suggest`` reads.
LANGUAGES = ("en", "zh")


def _overlaps(label: str, known: set[str]) -> bool:
    folded = label.casefold()
    for name in known:
        other = name.casefold()
        if other == folded:
            return True
        if len(other) >= 2 and (re.search(rf"(?<![a-z0-9]){re.escape(other)}(?![a-z0-9])", folded)
                                or re.search(rf"(?<![a-z0-9]){re.escape(folded)}(?![a-z0-9])", other)):
            return True
    return False


def _short_mentions(paragraphs: list[Paragraph], mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """Later mentions of a person by one word of a Latin two- or three-word name ("Li" after "Li Wenhui"),
    when that word names no other person mentioned."""
    people = load_terms().person_classes
    first_seen: dict[str, int] = {}
    words: dict[str, set[str]] = {}
    for m in mentions:
        if gazetteer.classes.get(m.entity) in people and re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}", m.label):
            first_seen[m.entity] = min(first_seen.get(m.entity, m.paragraph), m.paragraph)
            for word in m.label.split():
                words.setdefault(word, set()).add(m.entity)
    out = []
    for word, entities in words.items():
        if len(entities) != 1:
            continue
        [entity] = entities
        for para in paragraphs:
            if para.number <= first_seen[entity]:
                continue
            for match in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-]| [A-Z])", para.text):
                out.append(Mention(entity, para.number, match.start(), match.end(), word))
    return out


def _described_entity(name: NameCandidate, gazetteer: Gazetteer) -> tuple[str, str] | None:
    """The known entity of a related class whose name holds all words of a described one, if one only."""
    classes = load_ontology().classes
    spec = classes.get(name.class_name)
    found = set()
    for label, ids in gazetteer.names.items():
        if name_level([name.label], [label]) is None:
            continue
        for entity in ids:
            other = classes.get(gazetteer.classes.get(entity, ""))
            if spec is not None and other is not None and (spec.iri in other.ancestors or other.iri in spec.ancestors):
                found.add((entity, label))
    return found.pop() if len({e for e, _ in found}) == 1 else None


def _place_names(gazetteer: Gazetteer, linked: dict, names: list[NameCandidate], draft: Draft
                 ) -> list[tuple[str, str]]:
    """(name, id) of the places the article names, known or proposed, longest names first."""
    places = load_terms().place_classes
    out = [(label, entity) for label, ids in gazetteer.names.items() for entity in ids
           if entity in linked and gazetteer.classes.get(entity) in places]
    proposed = {r["label"][draft.language]: r["id"] for r in draft.records if "label" in r and r.get("type") in places}
    out += [(n.label, proposed[n.label]) for n in names if n.label in proposed]
    return sorted(out, key=lambda p: -len(p[0]))


def _products(draft_entities: list[tuple[int, str, str]]) -> list[tuple[int, str]]:
    products = load_terms().product_classes
    return sorted((para, entity) for para, entity, class_name in draft_entities if class_name in products)


def _subject(products: list[tuple[int, str]], paragraph: int) -> str | None:
    earlier = [entity for para, entity in products if para <= paragraph]
    return earlier[-1] if earlier else (products[0][1] if products else None)


def suggest_paragraphs(paragraphs: list[Paragraph], gazetteer: Gazetteer, header: dict) -> Draft:
    """The draft for numbered paragraphs, linking what ``gazetteer`` knows.

    >>> g = Gazetteer({"Huahui Health": {"huahui-health"}}, {"huahui-health": "Company"})
    >>> header = draft_header("d", "Draft", "Press", dt.date(2025, 10, 1), "en", None)
    >>> draft = suggest_paragraphs([Paragraph(1, "Huahui Health Ltd. has nearly 60 staff, said Jane Roe.")], g, header)
    >>> [(r.get("about") or r["type"], r["para"]) for r in draft.records]
    [('huahui-health', 1), ('Person', 1), ('Statistic', 1)]
    """
    language = header["language"]
    issued = dt.date.fromisoformat(header["issued"])
    draft = Draft(header)
    mentions = gazetteer.find(paragraphs)
    mentions += _short_mentions(paragraphs, mentions, gazetteer)
    by_entity: dict[str, tuple[list[int], list[str]]] = {}
    for m in mentions:
        paras, labels = by_entity.setdefault(m.entity, ([], []))
        paras.append(m.paragraph)
        labels.append(m.label)
    entities: list[tuple[int, str, str]] = []
    for entity, (paras, labels) in by_entity.items():
        draft.add_mention(entity, paras, labels)
        entities += [(p, entity, gazetteer.classes.get(entity, "")) for p in paras]
    known = {m.label for m in mentions} | {name for name, ids in gazetteer.names.items() if ids & set(by_entity)}
    if language.startswith("zh"):
        from helixgraph.suggest.names_zh import find_names_zh

        names: list[NameCandidate] = find_names_zh(paragraphs, known)
    else:
        names = find_names_en(paragraphs, known)
    for name in names:
        if _overlaps(name.label, known):
            continue
        if name.unnamed:
            same = _described_entity(name, gazetteer)
            if same is not None:
                draft.add_mention(same[0], name.paragraphs, [same[1]])
                entities += [(p, same[0], gazetteer.classes.get(same[0], "")) for p in name.paragraphs]
                continue
        new_id = draft.add_name(name)
        entities += [(p, new_id, name.class_name) for p in name.paragraphs]
    figures = find_figures(paragraphs, language)
    places = _place_names(gazetteer, by_entity, names, draft)
    ids: list[str] = []
    by_paragraph: dict[int, list[int]] = {}
    for figure in figures:
        local = by_paragraph.setdefault(figure.paragraph, [])
        share_of = ids[local[figure.share_of]] if figure.share_of is not None else None
        area = next((entity for label, entity in places if figure.denominator and label in figure.denominator), None)
        local.append(len(ids))
        ids.append(draft.add_figure(figure, share_of, area))
    products = _products(entities)
    forecasts: dict[str, list] = {}
    for event in find_events(paragraphs, issued, language, figures):
        if event.forecast:
            forecasts.setdefault(event.event_type, []).append(event)
        else:
            draft.add_event(event, _subject(products, event.paragraph))
    for group in forecasts.values():
        draft.add_forecast(group, _subject(products, max(e.paragraph for e in group)))
    return draft


def suggest_article(article: str | Path, *, sources: Iterable[str | Path] | None = None,
                    source_id: str | None = None, title: str | None = None, publisher: str | None = None,
                    issued: str | dt.date | None = None, language: str = "en", url: str | None = None) -> Draft:
    """Read ``article`` and return the draft of candidate records for it (see :mod:`helixgraph.suggest`).

    ``sources`` are the source files whose entities are linked (the bundled dataset when None; none
    for ``[]``). ``issued`` (default: today) resolves relative dates; the other header fields get
    placeholders for the curator to fill in.

    >>> import tempfile
    >>> article = Path(tempfile.mkdtemp()) / "note.md"
    >>> _ = article.write_text("# Note\\n\\nChangping Laboratory opened in Beijing.\\n", encoding="utf-8")
    >>> draft = suggest_article(article, issued="2026-02-01")
    >>> draft.header["id"], [(r.get("about"), r["para"]) for r in draft.records]
    ('note-2026-02-01', [('changping-laboratory', 2), ('beijing', 2)])
    """
    if language not in LANGUAGES:
        raise OptionError(f"unknown language {language!r}; expected one of {', '.join(LANGUAGES)}")
    try:
        day = issued if isinstance(issued, dt.date) else dt.date.fromisoformat(issued) if issued else dt.date.today()
    except ValueError as exc:
        raise OptionError(f"bad issue date {issued!r}; expected a date YYYY-MM-DD") from exc
    path = Path(article)
    source_id = source_id or re.sub(r"[^a-z0-9]+", "-", f"{path.stem}-{day.isoformat()}".lower()).strip("-")
    if not ID_PATTERN.fullmatch(source_id):
        raise OptionError(f"bad source id {source_id!r}; expected lower-case letters, digits, '.', '_' or '-'")
    paragraphs = read_article(path)
    if sources is None:
        from helixgraph.data import bundled_sources

        sources = [bundled_sources()]
    sources = list(sources)
    triples = (t for s in load_sources(sources) for t in s.triples) if sources else ()
    header = draft_header(source_id, title or f"Draft from {path.name}", publisher or "to be filled in", day,
                          language, url)
    return suggest_paragraphs(paragraphs, Gazetteer.from_triples(triples), header)
