"""Read a YAML source file while remembering the line of every mapping and key.

PyYAML forgets where a value came from once it is constructed; error messages need the line.
:class:`LinedDict` keeps the line of the mapping and of each key. Duplicate keys, which PyYAML
silently resolves to the last one, are an error here.

The loader also refuses input that would crash or exhaust the reader: nesting deeper than
:data:`~helixgraph.loaders.limits.MAX_DEPTH`, aliases whose uses expand to more than
:data:`~helixgraph.loaders.limits.MAX_ALIAS_VALUES` values, and numbers longer than
:data:`~helixgraph.loaders.limits.MAX_NUMBER_CHARS` characters (kept as :class:`LongNumber` text
for the value check to refuse with the record and field). Dates stay text, so that the value check,
not PyYAML's timestamp constructor, judges an impossible date such as ``2025-02-30``.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from helixgraph.errors import LoadError
from helixgraph.loaders.limits import MAX_ALIAS_VALUES, MAX_DEPTH, MAX_NUMBER_CHARS
from helixgraph.loaders.text_file import read_text
from helixgraph.loaders.values import LongNumber

__all__ = ["LinedDict", "LinedList", "read_yaml"]


_NO_KEY_LINES: dict = {}  # shared, never changed: every key on the mapping's own line


class LinedDict(dict):
    """A dict that knows the 1-based line it starts at and the line of each key.

    Slots rather than an attribute dict: a large source holds a million of these at once.
    """

    __slots__ = ("key_lines", "line")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.line, self.key_lines = 0, _NO_KEY_LINES

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LinedList(list):
    """A list that knows the 1-based line of each item."""

    item_lines: list[int]


#: Characters YAML 1.1 does not allow in a stream (its "printable" set, inverted).
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


_MERGE_TAG = "tag:yaml.org,2002:merge"


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


#: What PyYAML's constructors raise, besides its own errors, for a value that does not fit its tag.
_CONSTRUCTOR_ERRORS = (ValueError, LookupError, TypeError, ArithmeticError)


def _unreadable(node: yaml.Node) -> LoadError:
    value = node.value if isinstance(node, yaml.ScalarNode) else None
    return LoadError(f"the value cannot be read as {node.tag.rsplit(':', 1)[-1]}", line=_line(node), value=value,
                     expected="a value of the type its tag names")


class _Limits:
    """Depth and alias-expansion limits, mixed into a safe loader (libyaml's or the pure-Python one)."""

    def __init__(self, stream) -> None:
        super().__init__(stream)
        self._depth = 0
        self._compose_depth = 0
        self._alias_values = 0
        self._alias_limit = max(MAX_ALIAS_VALUES, len(stream) if isinstance(stream, str | bytes) else 0)
        self._sizes: dict[yaml.Node, int] = {}
        self._open: list[yaml.Node] = []

    def construct_object(self, node: yaml.Node, deep: bool = False):
        if node in self.constructed_objects:  # a second use of a node: an alias or a merge key
            self._count_alias(node)
            return self.constructed_objects[node]
        if node.__class__ is yaml.ScalarNode:
            try:
                return super().construct_object(node, deep=True)
            except _CONSTRUCTOR_ERRORS as exc:  # such as ``!!float text``
                raise _unreadable(node) from exc
        if self._depth >= MAX_DEPTH:
            raise LoadError(f"nested more than {MAX_DEPTH} levels deep", line=_line(node),
                            expected=f"lists and mappings nested at most {MAX_DEPTH} levels deep")
        self._depth += 1
        self._open.append(node)
        try:
            return super().construct_object(node, deep=True)
        except _CONSTRUCTOR_ERRORS as exc:
            raise _unreadable(node) from exc
        finally:
            self._depth -= 1
            self._open.pop()

    def _count_alias(self, node: yaml.Node) -> None:
        self._alias_values += self._size(node)
        if self._alias_values > self._alias_limit:
            where = self._open[-1] if self._open else node
            raise LoadError(f"aliases ('*name') expand to more than {self._alias_limit} values",
                            line=_line(where), expected=f"aliases standing for at most {self._alias_limit} values in all")

    def _size(self, node: yaml.Node) -> int:
        """How many nodes ``node`` stands for when every alias inside it is expanded."""
        size = self._sizes.get(node)
        if size is None:
            if isinstance(node, yaml.SequenceNode):
                size = 1 + sum(self._size(child) for child in node.value)
            elif isinstance(node, yaml.MappingNode):
                size = 1 + sum(self._size(k) + self._size(v) for k, v in node.value)
            else:
                size = 1
            self._sizes[node] = size
        return size

    def compose_node(self, parent, index):
        """Count nesting while composing (only the pure-Python parser composes in Python)."""
        if self._compose_depth >= MAX_DEPTH:
            event = self.peek_event()
            raise LoadError(f"nested more than {MAX_DEPTH} levels deep", line=event.start_mark.line + 1,
                            expected=f"lists and mappings nested at most {MAX_DEPTH} levels deep")
        self._compose_depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._compose_depth -= 1


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> LinedDict:
    explicit = sum(1 for key_node, _ in node.value if key_node.tag != _MERGE_TAG)
    loader.flatten_mapping(node)  # merged pairs (``<<: *name``) come first; the mapping's own keys win
    merged = len(node.value) - explicit
    mapping = LinedDict()
    mapping.line = _line(node)
    mapping.key_lines = {}
    from_merge: set[str] = set()
    for i, (key_node, value_node) in enumerate(node.value):
        key = loader.construct_object(key_node, deep=True)
        line = _line(key_node)
        if not isinstance(key, str):
            raise LoadError("mapping keys must be text", line=line, value=key, expected="a field name")
        if i < merged:
            from_merge.add(key)
        elif key in mapping and key not in from_merge:
            raise LoadError(
                "duplicate key in one mapping", line=line, field=key, expected="each key once per record"
            )
        else:
            from_merge.discard(key)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = line
    return mapping


def _construct_sequence(loader: yaml.SafeLoader, node: yaml.SequenceNode) -> LinedList:
    items = LinedList(loader.construct_object(child, deep=True) for child in node.value)
    items.item_lines = [_line(child) for child in node.value]
    return items


def _construct_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    """A timestamp's text, left for the value check to judge."""
    return loader.construct_scalar(node)


def _number_constructor(convert):
    def construct(loader: yaml.SafeLoader, node: yaml.ScalarNode):
        text = loader.construct_scalar(node)
        if len(text) > MAX_NUMBER_CHARS:
            return LongNumber(text)
        return convert(loader, node)

    return construct


def _line_loader(base: type) -> type:
    """A safe loader on ``base`` whose mappings are :class:`LinedDict` and whose input is bounded."""
    loader = type(f"Line{base.__name__}", (_Limits, base), {})
    tag = "tag:yaml.org,2002:"
    loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
    loader.add_constructor(tag + "timestamp", _construct_text)
    loader.add_constructor(tag + "int", _number_constructor(yaml.SafeLoader.construct_yaml_int))
    loader.add_constructor(tag + "float", _number_constructor(yaml.SafeLoader.construct_yaml_float))
    return loader


# libyaml's parser where PyYAML was built with it (about twice as fast), the pure-Python one otherwise
_LineLoader = _line_loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def read_yaml(path: str | Path, text: str | None = None, *, loader: type | None = None) -> object:
    """Parse a YAML file (or ``text`` standing for it) into plain values with line-aware dicts.

    Raises :class:`~helixgraph.errors.LoadError` naming the file and line for malformed YAML and
    for input beyond the limits of :mod:`helixgraph.loaders.limits`. ``loader`` picks another
    PyYAML loader class to build on (such as the pure-Python ``yaml.SafeLoader``).

    >>> doc = read_yaml("example.yaml", "source:\\n  id: a\\n  issued: 2025-02-30\\nrecords: []\\n")
    >>> doc.line_of("records"), doc["source"]["issued"]
    (4, '2025-02-30')
    """
    path = Path(path)
    if text is None:
        text = read_text(path)
    try:
        return yaml.load(text, Loader=_line_loader(loader) if loader else _LineLoader)
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
    except yaml.reader.ReaderError as exc:
        bad = _NOT_PRINTABLE.search(text)
        position = bad.start() if bad else 0
        character = f"U+{ord(bad.group()):04X}" if bad else "a character"
        raise LoadError(f"malformed YAML: {character} is not allowed in YAML text", file=str(path),
                        line=text.count("\n", 0, position) + 1,
                        expected="printable characters (write control characters as escapes in double quotes)",
                        ) from exc
    except yaml.YAMLError as exc:
        raise LoadError(f"malformed YAML: {exc}", file=str(path)) from exc
