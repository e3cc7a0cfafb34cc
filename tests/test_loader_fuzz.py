"""Fuzzing the loaders: randomly damaged copies of the bundled sources either load or are refused.

Each example takes the bundled source files (as YAML, or converted to JSON Lines), damages one of
them (flipped bytes, deleted or repeated lines, inserted characters and YAML syntax) and runs it
through decoding, parsing, the ontology checks and a bulk load into Oxigraph. The only exceptions
allowed out are the project's own (:class:`~helixgraph.errors.HelixError`), with a bounded message.
The default run is short; the ``slow`` tier runs many more examples.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from importlib import resources
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from helixgraph.errors import HelixError, LoadErrors
from helixgraph.graph.store import nquads
from helixgraph.loaders import iter_documents, read_source_file
from helixgraph.loaders.error_log import ErrorLog
from helixgraph.loaders.limits import MAX_ERRORS
from helixgraph.loaders.text_file import decode
from helixgraph.ontology.model import load_ontology

ONTOLOGY = load_ontology()
#: The source files shipped with helixgraph.
BUNDLED = Path(str(resources.files("helixgraph") / "data" / "sources"))
YAML_FILES = {p.name: p.read_bytes() for p in sorted(BUNDLED.glob("*.yaml"))}


def _as_jsonl(data: bytes) -> bytes:
    doc = yaml.safe_load(data)
    def plain(value):  # dates as text, also inside values with evidence of their own
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value.isoformat() if isinstance(value, dt.date) else value

    lines = [json.dumps({"source": {k: plain(v) for k, v in doc["source"].items()}}, ensure_ascii=False)]
    lines += [json.dumps({k: plain(v) for k, v in r.items()}, ensure_ascii=False) for r in doc["records"]]
    return ("\n".join(lines) + "\n").encode("utf-8")


JSONL_FILES = {name.replace(".yaml", ".jsonl"): _as_jsonl(data) for name, data in YAML_FILES.items()}

#: Text inserted at random places: YAML and JSON syntax, characters IRIs and N-Quads cannot hold,
#: values that once crashed a reader, and encodings' special bytes.
SPECIAL = [
    "\x00", "\x01", "\n", "\r", "\t", "\x85", "\u2028", "\ufeff", "\ud800", "é", "中", "<", ">", "&", "#", '"', "'",
    "\\", "{", "}", "[", "]", ":", ": ", "- ", ",", "*a", "&a ", "<<: *a", "? ", "|", ">-", "~", "!!binary ",
    "!!python/object:os.system ", "!!timestamp ", "!!float ", "---\n", "...\n", "%YAML 1.1\n", "null", ".inf",
    ".nan", "0x1F", "0o17", "1_000", "12:30:45", "yes", "1e999999999", "9" * 60, "2025-02-30", "0000-01-01",
    "zh_CN", "en>x", '"\\ud800"', '"\\x00"', "[" * 80, "{a: " * 70, "\\u0000",
]

#: Where a value starts and ends: after ``key: `` to the end of a YAML line; after ``"key": `` to the
#: next comma or brace of a JSON line.
_VALUE = re.compile(rb': ([^\n]*)|": ("(?:[^"\\]|\\.)*"|[^,}\]]*)')
_BYTES = st.one_of(st.integers(0, 255), st.sampled_from(list(b" :-_[]{}#&*!|>'\"\n\t0123456789aezAZ.,")))

damage = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 1 << 20), _BYTES),
    st.tuples(st.just("delete-line"), st.integers(0, 1 << 20), st.just(0)),
    st.tuples(st.just("repeat-line"), st.integers(0, 1 << 20), st.just(0)),
    st.tuples(st.just("insert"), st.integers(0, 1 << 20), st.integers(0, len(SPECIAL) - 1)),
    st.tuples(st.just("value"), st.integers(0, 1 << 20), st.integers(0, 2 * len(SPECIAL) - 1)),
)


def damaged(data: bytes, changes: list[tuple[str, int, int]]) -> bytes:
    """``data`` with each change applied in turn (positions taken modulo the current length).

    ``value`` replaces the value of a field by a special text, raw or as a quoted JSON string.
    """
    for kind, where, what in changes:
        if kind == "flip":
            i = where % len(data)
            data = data[:i] + bytes([what]) + data[i + 1:]
        elif kind == "insert":
            i = where % (len(data) + 1)
            data = data[:i] + SPECIAL[what].encode("utf-8", "surrogatepass") + data[i:]
        elif kind == "value":
            spans = [m.span(1) if m.group(1) is not None else m.span(2) for m in _VALUE.finditer(data)]
            if spans:
                start, end = spans[where % len(spans)]
                text = SPECIAL[what % len(SPECIAL)]
                text = json.dumps(text) if what >= len(SPECIAL) else text
                data = data[:start] + text.encode("utf-8", "surrogatepass") + data[end:]
        else:
            lines = data.splitlines(keepends=True)
            i = where % len(lines)
            lines[i:i + 1] = [] if kind == "delete-line" else [lines[i], lines[i]]
            data = b"".join(lines) or b"\n"
    return data


def load_into_oxigraph(files: dict[str, bytes]) -> int:
    """Decode, parse, check and bulk-load ``files``; the number of quads loaded."""
    log = ErrorLog()
    docs = [read_source_file(name, decode(data, name), errors=log) for name, data in files.items()]
    loaded = list(iter_documents(docs, ontology=ONTOLOGY, errors=log))
    store = ox.Store()
    store.bulk_load(nquads((str(s.iri), s.triples) for s in loaded), ox.RdfFormat.N_QUADS)
    return len(store)


def check_damaged(files: dict[str, bytes], target: int, changes: list) -> None:
    name = sorted(files)[target % len(files)]
    files = {**files, name: damaged(files[name], changes)}
    try:
        assert load_into_oxigraph(files) > 0
        event("loaded")
    except HelixError as exc:
        errors = exc.errors if isinstance(exc, LoadErrors) else [exc]
        event(f"refused: {type(exc).__name__}, {errors[0].message.split(':')[0][:40]}")
        assert 1 <= len(errors) <= MAX_ERRORS
        assert all(len(str(e)) < 2_000 for e in errors), "a message must not grow with the input"


def test_the_undamaged_sources_load():
    assert load_into_oxigraph(YAML_FILES) == load_into_oxigraph(JSONL_FILES) > 500


def test_damage_is_applied():
    data = YAML_FILES[min(YAML_FILES)]
    assert damaged(data, [("delete-line", 0, 0)]) == data.split(b"\n", 1)[1]
    assert damaged(data, [("flip", 1, ord("x"))])[:2] == data[:1] + b"x"
    assert damaged(b"a\nb\n", [("repeat-line", 1, 0)]) == b"a\nb\nb\n"
    assert damaged(b"ab", [("insert", 1, SPECIAL.index(">"))]) == b"a>b"
    assert damaged(b"a: 1\nb: 2\n", [("value", 1, SPECIAL.index("zh_CN"))]) == b"a: 1\nb: zh_CN\n"
    assert damaged(b'{"a": "x", "b": 2}', [("value", 0, len(SPECIAL) + SPECIAL.index(">"))]) == b'{"a": ">", "b": 2}'
    assert damaged(b'{"a": "x", "b": 2}', [("value", 1, SPECIAL.index("null"))]) == b'{"a": "x", "b": null}'


_FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_SLOW = settings(max_examples=2_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_CASE = (st.integers(0, 1), st.lists(damage, min_size=1, max_size=5))


@_FAST
@given(*_CASE)
def test_damaged_yaml_loads_or_is_refused(target, changes):
    check_damaged(YAML_FILES, target, changes)


@_FAST
@given(*_CASE)
def test_damaged_jsonl_loads_or_is_refused(target, changes):
    check_damaged(JSONL_FILES, target, changes)


@pytest.mark.slow
@_SLOW
@given(*_CASE)
def test_damaged_yaml_loads_or_is_refused_long(target, changes):
    check_damaged(YAML_FILES, target, changes)


@pytest.mark.slow
@_SLOW
@given(*_CASE)
def test_damaged_jsonl_loads_or_is_refused_long(target, changes):
    check_damaged(JSONL_FILES, target, changes)
