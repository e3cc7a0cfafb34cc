"""Named SPARQL queries: the library shipped with helixgraph and a project's own questions.

The library (``helixgraph/graph/queries/*.rq``) asks the kinds of question any ecosystem raises,
taking the entity, place, class or day as parameters. A project's own questions are the ``.rq``
files of its query folders (see :mod:`helixgraph.project`); the worked example's are its
competency questions (``helixgraph/data/queries``).

Each query is a ``.rq`` file whose opening comment lines say what it answers::

    # Question: Which organisations are located in the park, by type and sector?
    # Competency question: 1

A query may take parameters, each declared on a ``# Parameter:`` line (see
:mod:`helixgraph.graph.parameters`). Its name is the file name without ``.rq``; a unique prefix
such as ``cq01`` also finds it.
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
from helixgraph.graph.parameters import Parameter, bind_parameters, declared_parameters, to_term

__all__ = ["NamedQuery", "get_query", "named_queries"]

_PARAMETER_LINE = re.compile(r"^#\s*Parameter\s*:\s*([A-Za-z_][A-Za-z0-9_]*)", re.IGNORECASE)
_HEADER = re.compile(r"^#\s*([A-Za-z ]+):\s*(.+?)\s*$")


@dataclass(frozen=True)
class NamedQuery:
    """A named SPARQL query, the question it answers and the parameters it takes."""

    name: str
    question: str
    text: str
    competency_question: int | None = None
    kind: str = "competency"
    parameters: tuple[Parameter, ...] = ()

    def sparql(self, **params: object) -> str:
        """The query's SPARQL with its parameters bound: ``params``, else their defaults.

        >>> "VALUES (?entity ?as_of)" in get_query("entity-timeline", ()).sparql(entity="nibs")
        True
        """
        return bind_parameters(self.text, self.parameters, params, query=self.name)


_PRESET = re.compile(r"^#\s*Preset\s*:\s*(\S+)((?:\s+[A-Za-z_][A-Za-z0-9_]*=\S+)*)\s*$", re.IGNORECASE)


def _preset_text(name: str, text: str) -> str:
    """The SPARQL of a preset: a library question with some parameters' defaults set.

    A preset file is a header only: its ``# Question:`` (and ``# Competency question:``) lines and
    ``# Preset: LIBRARY-QUERY name=value ...``. Its text is the library query's, under the preset's
    header, with those defaults; the parameters can still be given (``--param``).
    """
    header = [line for line in text.strip().splitlines() if line.startswith("#")]
    preset = next((_PRESET.match(line) for line in header if _PRESET.match(line)), None)
    if preset is None:
        raise QueryError(f"{name}.rq: cannot read its '# Preset:' line; expected "
                         "'# Preset: LIBRARY-QUERY name=value ...'")
    base = _library().get(preset.group(1))
    if base is None:
        raise QueryError(f"{name}.rq: presets {preset.group(1)!r}, which is not a library query "
                         f"({', '.join(_library())})")
    values = dict(item.split("=", 1) for item in preset.group(2).split())
    declared = {spec.name: spec for spec in base.parameters}
    unknown = sorted(set(values) - set(declared))
    if unknown:
        raise QueryError(f"{name}.rq: {base.name} has no parameter {unknown[0]!r} "
                         f"(it takes {', '.join(declared) or 'none'})")
    lines = list(header)
    for line in base.text.splitlines():
        if line.lower().startswith("# question:"):
            continue
        match = _PARAMETER_LINE.match(line)
        if match and match.group(1) in values:
            spec = declared[match.group(1)]
            to_term(spec, values[spec.name], query=name)
            line = f"# Parameter: {spec.name} ({spec.type}, default {values[spec.name]}): {spec.description}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def _parse(name: str, text: str, kind: str) -> NamedQuery:
    if any(_PRESET.match(line) for line in text.splitlines() if line.startswith("#")):
        text = _preset_text(name, text)
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
def _library() -> dict[str, NamedQuery]:
    folder = resources.files("helixgraph.graph") / "queries"
    found = {}
    for item in sorted(folder.iterdir(), key=lambda f: f.name):
        if item.name.endswith(".rq"):
            name = item.name[: -len(".rq")]
            found[name] = _parse(name, item.read_text(encoding="utf-8"), "library")
    return found


def _project_folders(folders: Iterable[str | Path] | None) -> Iterable[str | Path]:
    if folders is not None:
        return folders
    from helixgraph.project import resolve_project

    return resolve_project().queries


def named_queries(folders: Iterable[str | Path] | None = None) -> dict[str, NamedQuery]:
    """A project's queries by name, then the library's, each in name order.

    ``folders`` are the project's query folders (or files); when None, those of the project in
    effect (:func:`helixgraph.project.resolve_project`: the one in the current folder, else the
    worked example). A project's query is ``kind="competency"`` when its header numbers a competency
    question, else ``"project"``; the library's are ``"library"``. A name may not be taken twice.

    >>> named_queries()["cq01-park-organisations"].competency_question
    1
    >>> [p.name for p in named_queries()["entity-timeline"].parameters]
    ['entity', 'as_of']
    >>> sorted({q.kind for q in named_queries(folders=()).values()})
    ['library']
    """
    library = _library()
    found: dict[str, NamedQuery] = {}
    for folder in _project_folders(folders):
        folder = Path(folder)
        files = [folder] if folder.is_file() else sorted(folder.glob("*.rq"))
        for item in files:
            name = item.stem
            if name in library or name in found:
                taken = "library" if name in library else "project"
                raise QueryError(f"{item}: the query name {name!r} is taken already ({taken} query); rename the file")
            try:
                text = item.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise QueryError(f"{item}: cannot be read: {exc}") from exc
            query = _parse(name, text, "project")
            found[name] = _parse(name, text, "competency") if query.competency_question else query
    return {**found, **library}


def get_query(name: str, folders: Iterable[str | Path] | None = None) -> NamedQuery:
    """Find a named query (see :func:`named_queries`) by its name or a unique prefix of it (``cq18``).

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
