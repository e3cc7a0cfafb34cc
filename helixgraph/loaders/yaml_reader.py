"""Read a YAML source file while remembering the line of every mapping and key.

PyYAML forgets where a value came from once it is constructed; error messages need the line.
:class:`LinedDict` keeps the line of the mapping and of each key. Duplicate keys, which PyYAML
silently resolves to the last one, are an error here.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from helixgraph.errors import LoadError

__all__ = ["LinedDict", "read_yaml"]


class LinedDict(dict):
    """A dict that knows the 1-based line it starts at and the line of each key."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


# libyaml's parser where PyYAML was built with it (about twice as fast), the pure-Python one otherwise
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeLoader):
    """A safe loader whose mappings are :class:`LinedDict`."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LinedDict:
    loader.flatten_mapping(node)
    mapping = LinedDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, str):
            raise LoadError("mapping keys must be text", line=line, value=key, expected="a field name")
        if key in mapping:
            raise LoadError(
                "duplicate key in one mapping", line=line, field=key, expected="each key once per record"
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = line
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml(path: str | Path, text: str | None = None) -> object:
    """Parse a YAML file (or ``text`` standing for it) into plain values with line-aware dicts.

    Raises :class:`~helixgraph.errors.LoadError` naming the file and line for malformed YAML.

    >>> doc = read_yaml("example.yaml", "source:\\n  id: a\\nrecords: []\\n")
    >>> doc.line_of("records")
    3
    """
    path = Path(path)
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise LoadError("file is not valid UTF-8", file=str(path), expected="UTF-8 text") from exc
        except OSError as exc:
            raise LoadError(f"cannot read file: {exc.strerror}", file=str(path)) from exc
    try:
        return yaml.load(text, Loader=_LineLoader)
    except LoadError as exc:
        exc.file = str(path)
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context
        if exc.context and exc.context_mark and exc.problem_mark:
            problem += f" ({exc.context} started at line {exc.context_mark.line + 1})"
        raise LoadError(
            f"malformed YAML: {problem}",
            file=str(path),
            line=line,
            expected="well-formed YAML (check indentation, colons and quotes)",
        ) from exc
    except yaml.YAMLError as exc:
        raise LoadError(f"malformed YAML: {exc}", file=str(path)) from exc
