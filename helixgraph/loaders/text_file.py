"""Read a source file as UTF-8 text, saying where the first byte that is not UTF-8 is."""

from __future__ import annotations

import codecs
from pathlib import Path

from helixgraph.errors import LoadError

__all__ = ["read_text"]

_BOMS = ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
         (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"))


def decode(data: bytes, path: str) -> str:
    """Decode ``data`` read from ``path`` as UTF-8, or raise a :class:`LoadError` naming the bad byte.

    >>> decode(b"a: 1\\nb: caf\\xe9\\n", "x.yaml")
    Traceback (most recent call last):
    ...
    helixgraph.errors.LoadError: x.yaml:2: file is not valid UTF-8: byte 0xe9 at byte offset 11 (column 7); expected UTF-8 text
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start
        line = data.count(b"\n", 0, start) + 1
        column = start - (data.rfind(b"\n", 0, start) + 1) + 1
        hint = next((f" (the file starts with a {name} byte-order mark)" for bom, name in _BOMS
                     if data.startswith(bom)), "")
        raise LoadError(f"file is not valid UTF-8: byte 0x{data[start]:02x} at byte offset {start} "
                        f"(column {column}){hint}", file=path, line=line,
                        expected="UTF-8 text") from exc


def read_text(path: str | Path) -> str:
    """The text of the file at ``path``, decoded as UTF-8.

    Examples
    --------
    >>> from helixgraph.data import bundled_sources
    >>> read_text(bundled_sources() / "people-daily-2026-01-24.yaml").splitlines()[0][:42]
    "# Curated from People's Daily Online's Eng"
    >>> read_text("missing.yaml")
    Traceback (most recent call last):
    ...
    helixgraph.errors.LoadError: missing.yaml: cannot read file: No such file or directory; expected a readable file
    """
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise LoadError(f"cannot read file: {exc.strerror}", file=str(path), expected="a readable file") from exc
    return decode(data, str(path))
