"""``helixgraph init``: write a new ecosystem project that builds as it is.

The project holds a ``helixgraph.toml``, a ``sources/`` folder with one commented example source
(placeholder records to replace with your own), a ``queries/`` folder with one parameterised
question, and a ``.gitignore`` for the build's output.

>>> import tempfile
>>> root = init_project(Path(tempfile.mkdtemp()) / "my-cluster", title="My cluster")
>>> sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
['.gitignore', 'helixgraph.toml', 'queries/spin-offs-of.rq', 'sources/example-source.yaml']
>>> from helixgraph.project import load_project
>>> load_project(root).title
'My cluster'
"""

from __future__ import annotations

import json
from pathlib import Path

from helixgraph.errors import OptionError
from helixgraph.project import CONFIG_FILE

__all__ = ["init_project"]

_CONFIG = """\
# An ecosystem project for helixgraph. Commands run in this folder (or with --project) use it.
[ecosystem]
title = {title}
description = {description}
# Folders (or files) of source records, and of your own .rq questions; relative to this file.
sources = ["sources"]
queries = ["queries"]
# The day analyses and views are as of, unless a command says otherwise (optional).
# as_of = "2026-01-01"

[explorer]
size_by = "betweenness"
color_by = "sector"
max_nodes = 300
"""

_EXAMPLE_SOURCE = """\
# One source file per article, report or table you curate. The header says where the facts come
# from; each record is one entity or event, with `para` naming the paragraph(s) that state it.
# `helixgraph ontology` lists the classes and the fields each accepts. These three records are
# placeholders: replace them with your own, then run `helixgraph build`.
source:
  id: example-source
  title: {en: "Example report on the cluster"}
  publisher: Example Publisher
  issued: 2026-01-15
  language: en

records:
  - id: example-park
    type: SciencePark
    para: 1
    label: {en: Example Science Park}

  - id: example-institute
    type: ResearchInstitute
    para: 1
    label: {en: Example Research Institute}
    sector: AcademiaResearch
    locatedIn: example-park

  - id: example-biotech
    type: Company
    para: 2
    label: {en: Example Biotech}
    sector: Industry
    locatedIn: example-park

  - id: example-researcher
    type: Person
    para: 2
    label: {en: Example Researcher}

  - id: example-researcher-at-institute
    type: Membership
    para: 2
    member: example-researcher
    organization: example-institute
    role: SeniorResearcher

  - id: example-researcher-cofounded-biotech
    type: Membership
    para: 2
    member: example-researcher
    organization: example-biotech
    role: CoFounder
"""

_EXAMPLE_QUERY = """\
# Question: Which companies did researchers of an organisation co-found, and who?
# Parameter: organisation (iri, default example-institute): the organisation whose researchers are followed
SELECT ?company ?companyLabel ?founder ?founderLabel WHERE {
  ?post eco:member ?founder ; eco:organization ?organisation .
  ?founding eco:member ?founder ; eco:organization ?company ; eco:role eco:CoFounder .
  ?company rdfs:label ?companyLabel . ?founder rdfs:label ?founderLabel .
  FILTER (?company != ?organisation && langMatches(lang(?companyLabel), "en")
          && langMatches(lang(?founderLabel), "en"))
}
ORDER BY ?companyLabel ?founderLabel
"""

_GITIGNORE = "out/\n"


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def init_project(folder: str | Path, *, title: str | None = None, description: str = "") -> Path:
    """Write a new project into ``folder`` (created if missing; it must hold no project yet).

    Raises :class:`OptionError` if ``folder`` already has a ``helixgraph.toml`` or is a file;
    nothing is written then.

    >>> import tempfile
    >>> root = init_project(Path(tempfile.mkdtemp()) / "kendall-square")
    >>> "Kendall Square" in (root / "helixgraph.toml").read_text(encoding="utf-8")  # named from the folder
    True
    """
    root = Path(folder)
    if root.exists() and not root.is_dir():
        raise OptionError(f"{root}: is a file; give a folder for the new project")
    if (root / CONFIG_FILE).exists():
        raise OptionError(f"{root / CONFIG_FILE}: a project is here already; nothing was written")
    taken = [name for name in ("sources/example-source.yaml", "queries/spin-offs-of.rq", ".gitignore")
             if (root / name).exists()]
    if taken:
        raise OptionError(f"{root / taken[0]}: exists already; nothing was written")
    words = root.resolve().name.replace("-", " ").replace("_", " ").split()
    name = title or " ".join(word[:1].upper() + word[1:] for word in words) or "My ecosystem"
    (root / "sources").mkdir(parents=True, exist_ok=True)
    (root / "queries").mkdir(exist_ok=True)
    (root / "sources" / "example-source.yaml").write_text(_EXAMPLE_SOURCE, encoding="utf-8")
    (root / "queries" / "spin-offs-of.rq").write_text(_EXAMPLE_QUERY, encoding="utf-8")
    (root / ".gitignore").write_text(_GITIGNORE, encoding="utf-8")
    config = _CONFIG.format(title=_toml_string(name), description=_toml_string(description))
    (root / CONFIG_FILE).write_text(config, encoding="utf-8")
    return root
