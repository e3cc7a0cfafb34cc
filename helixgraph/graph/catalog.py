"""The named SPARQL queries shipped with helixgraph: the competency questions and the library.

The competency questions (``queries/*.rq``) answer the bundled dataset's questions; the library
(``queries/library/*.rq``) asks the same kinds of question of any ecosystem, taking the entity,
place or day as parameters.

Each query is a ``.rq`` file whose opening comment lines say what it answers::

    # Question: Which organisations are located in the park, by type and sector?
    # Competency question: 1

A query may take parameters, each declared on a ``# Parameter:`` line (see
:mod:`helixgraph.graph.parameters`). Its name is the file name without ``.rq``; a unique prefix such as ``cq01`` also finds it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from helixgraph.errors import QueryError
from helixgraph.graph.parameters import Parameter, declared_parameters

__all__ = ["NamedQuery", "get_query", "named_queries"]

_HEADER = re.compile(r"^#\s*([A-Za-z ]+):\s*(.+?)\s*$")


@dataclass(frozen=True)
class NamedQuery:
    """A shipped SPARQL query and the question it answers."""

    name: str
    question: str
    text: str
    competency_question: int | None = None
    kind: str = "competency"
    parameters: tuple[Parameter, ...] = ()


def _parse(name: str, text: str, kind: str) -> NamedQuery:
    fields = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if match:
            fields[match.group(1).strip().lower()] = match.group(2)
    if "question" not in fields:
        raise QueryError(f"the shipped query {name}.rq has no '# Question:' line")
    cq = fields.get("competency question")
    return NamedQuery(name, fields["question"], text, int(cq) if cq else None, kind,
                      declared_parameters(text, query=name))


@lru_cache(maxsize=1)
def _shipped() -> dict[str, NamedQuery]:
    found = {}
    folder = resources.files("helixgraph.graph") / "queries"
    for kind, place in (("competency", folder), ("library", folder / "library")):
        for item in sorted(place.iterdir(), key=lambda f: f.name):
            if item.name.endswith(".rq"):
                name = item.name[: -len(".rq")]
                found[name] = _parse(name, item.read_text(encoding="utf-8"), kind)
    return found


def named_queries(folders: Iterable[str | Path] = ()) -> dict[str, NamedQuery]:
    """Every shipped query by name, competency questions first, in name order; then those in ``folders``.

    A project's own queries (the ``.rq`` files of its query folders) are ``kind="project"``, or
    ``"competency"`` when their header numbers a competency question; a name may not be taken twice.

    >>> named_queries()["cq01-park-organisations"].competency_question
    1
    >>> [p.name for p in named_queries()["entity-timeline"].parameters]
    ['entity', 'as_of']
    """
    found = dict(_shipped())
    for folder in folders:
        folder = Path(folder)
        files = [folder] if folder.is_file() else sorted(folder.glob("*.rq"))
        for item in files:
            name = item.stem
            if name in found:
                raise QueryError(f"{item}: the query name {name!r} is taken already "
                                 f"({found[name].kind} query); rename the file")
            try:
                text = item.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise QueryError(f"{item}: cannot be read: {exc}") from exc
            query = _parse(name, text, "project")
            kind = "competency" if query.competency_question else "project"
            found[name] = _parse(name, text, kind)
    return found


def get_query(name: str, folders: Iterable[str | Path] = ()) -> NamedQuery:
    """Find a shipped query, or one in ``folders``, by its name or a unique prefix of it (``cq18``).

    Raises
    ------
    QueryError
        No query has that name or prefix, or several start with the prefix.

    Examples
    --------
    >>> get_query("cq18").name
    'cq18-libevitug-timeline'
    >>> get_query("cq18").competency_question
    18
    >>> get_query("f")
    Traceback (most recent call last):
    helixgraph.errors.QueryError: 'f' matches several queries: firsts, forecasts-as-of
    >>> get_query("timeline")
    Traceback (most recent call last):
    helixgraph.errors.QueryError: no named query 'timeline' (did you mean ...?); ... lists them
    """
    queries = named_queries(folders)
    if name in queries:
        return queries[name]
    matches = [n for n in queries if n.startswith(name)]
    if len(matches) == 1:
        return queries[matches[0]]
    if len(matches) > 1:
        raise QueryError(f"{name!r} matches several queries: {', '.join(matches)}")
    close = difflib.get_close_matches(name, list(queries), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    raise QueryError(f"no named query {name!r}{hint}; `helixgraph query --list` lists them")
