"""An ecosystem project: a folder with a ``helixgraph.toml``, its source files and its own queries.

Every command works on a project: the one named with ``--project DIR``, else the one in the current
folder (or a folder above it), else the worked example shipped with helixgraph, the Zhongguancun
Life Science Park. ``helixgraph init DIR`` writes a new one. The file says::

    [ecosystem]
    title = "Kendall Square life sciences"         # the explorer's title and the summaries' name
    description = "Universities, institutes, ..."  # one or two sentences, shown in the explorer
    sources = ["sources"]                          # folders or files of source records
    queries = ["queries"]                          # folders of the project's own .rq questions
    ontology = ["ontology/extension.ttl"]          # optional: classes, properties, concepts, shapes
    as_of = "2026-02-01"                           # optional: the day analyses and views default to

    [explorer]                                     # optional: the explorer's defaults
    size_by = "betweenness"
    color_by = "sector"
    max_nodes = 300

Paths are relative to the file's folder; ``sources`` and ``queries`` default to the folders of those
names when they exist. A project's queries join the library shipped with
helixgraph (``helixgraph query --list`` shows both).

>>> example = bundled_project()
>>> example.title
'Zhongguancun Life Science Park'
>>> [p.name for p in example.sources]
['sources']
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from helixgraph.errors import OptionError

__all__ = ["CONFIG_FILE", "Project", "bundled_project", "find_project", "load_project", "resolve_project"]

#: The name of a project's configuration file.
CONFIG_FILE = "helixgraph.toml"

_ECOSYSTEM_KEYS = {"title": str, "description": str, "sources": list, "queries": list, "ontology": list,
                   "as_of": str}
_EXPLORER_KEYS = {"size_by": str, "color_by": str, "max_nodes": int}


@dataclass(frozen=True)
class Project:
    """An ecosystem project read from its ``helixgraph.toml``."""

    root: Path
    title: str
    description: str = ""
    sources: tuple[Path, ...] = ()
    queries: tuple[Path, ...] = ()
    as_of: str | None = None
    #: Turtle files that extend the ontology for this project (see :mod:`helixgraph.ontology.extensions`).
    ontology: tuple[Path, ...] = ()
    explorer: dict[str, object] = field(default_factory=dict)

    @property
    def config(self) -> Path:
        """The project's configuration file."""
        return self.root / CONFIG_FILE


def _problem(path: Path, where: str, value: object, expected: str) -> OptionError:
    return OptionError(f"{path}: {where}: got {value!r}; expected {expected}")


def _checked(path: Path, table: dict, name: str, keys: dict[str, type]) -> dict:
    unknown = sorted(set(table) - set(keys))
    if unknown:
        raise _problem(path, f"[{name}] {unknown[0]}", table[unknown[0]],
                       f"one of the keys {', '.join(keys)} (this key is not known)")
    for key, kind in keys.items():
        if key not in table:
            continue
        value = table[key]
        if not isinstance(value, kind) or isinstance(value, bool):
            raise _problem(path, f"[{name}] {key}", value, f"a {kind.__name__}")
        if kind is list and not all(isinstance(item, str) and item for item in value):
            raise _problem(path, f"[{name}] {key}", value, "a list of relative paths as strings")
    return table


def load_project(folder: str | Path) -> Project:
    """Read the project in ``folder`` (or the ``helixgraph.toml`` file given).

    Raises
    ------
    OptionError
        The file is missing, is not TOML, or a key has the wrong type or names a missing folder;
        the message names the file, the key, the value and what was expected.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / "helixgraph.toml").write_text('[ecosystem]\\ntitle = 3\\n', encoding="utf-8")
    >>> load_project(root)
    Traceback (most recent call last):
    helixgraph.errors.OptionError: .../helixgraph.toml: [ecosystem] title: got 3; expected a str
    """
    path = Path(folder)
    if path.is_dir():
        path = path / CONFIG_FILE
    if not path.is_file():
        raise OptionError(f"{path}: no project here; `helixgraph init {path.parent}` writes one")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise OptionError(f"{path}: not valid TOML: {exc}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise OptionError(f"{path}: cannot be read: {exc}") from exc
    unknown = sorted(set(data) - {"ecosystem", "explorer"})
    if unknown:
        raise _problem(path, f"[{unknown[0]}]", data[unknown[0]], "the tables [ecosystem] and [explorer] only")
    ecosystem = _checked(path, data.get("ecosystem", {}), "ecosystem", _ECOSYSTEM_KEYS)
    explorer = _checked(path, data.get("explorer", {}), "explorer", _EXPLORER_KEYS)
    if not ecosystem.get("title", "").strip():
        raise _problem(path, "[ecosystem] title", ecosystem.get("title"), "the ecosystem's name")
    root = path.parent.resolve()
    folders = {}
    for key in ("sources", "queries"):
        resolved = []
        default = [key] if (root / key).is_dir() else []
        for item in ecosystem.get(key, default):
            where = (root / item).resolve()
            if not where.exists():
                raise _problem(path, f"[ecosystem] {key}", item, f"a file or folder under {root}")
            resolved.append(where)
        folders[key] = tuple(resolved)
    extension = []
    for item in ecosystem.get("ontology", []):
        where = (root / item).resolve()
        if not where.is_file() or where.suffix != ".ttl":
            raise _problem(path, "[ecosystem] ontology", item, f"a Turtle file (.ttl) under {root}")
        extension.append(where)
    as_of = ecosystem.get("as_of")
    if as_of is not None:
        from helixgraph.dates import as_of_day

        try:
            as_of_day(as_of, what="[ecosystem] as_of")
        except OptionError as exc:
            raise OptionError(f"{path}: {exc}") from exc
    return Project(root, ecosystem["title"].strip(), ecosystem.get("description", "").strip(),
                   sources=folders["sources"], queries=folders["queries"], as_of=as_of,
                   ontology=tuple(extension), explorer=dict(explorer))


def find_project(start: str | Path = ".") -> Project | None:
    """The project whose ``helixgraph.toml`` is in ``start`` or the nearest folder above; None if none.

    >>> find_project("/") is None
    True
    """
    here = Path(start).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file():
            return load_project(folder)
    return None


def bundled_project() -> Project:
    """The worked example shipped with helixgraph: the Zhongguancun Life Science Park.

    >>> bundled_project().config.name
    'helixgraph.toml'
    """
    return load_project(Path(str(resources.files("helixgraph.data"))))


def resolve_project(project: str | Path | Project | None = None, *, start: str | Path = ".") -> Project:
    """The project a command works on: the one given, else the one found from ``start``, else the example.

    >>> resolve_project().title == bundled_project().title  # run from a folder with no project
    True
    """
    if isinstance(project, Project):
        return project
    if project is not None:
        return load_project(project)
    return find_project(start) or bundled_project()
