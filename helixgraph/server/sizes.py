"""Memory sizes as people write them (``2GiB``, ``512MiB``) and as messages show them."""

from __future__ import annotations

import re

from helixgraph.errors import EndpointError

__all__ = ["parse_size", "size_text"]

_UNITS = {"": 1, "b": 1, "k": 1000, "kb": 1000, "kib": 1024, "m": 1000 ** 2, "mb": 1000 ** 2, "mib": 1024 ** 2,
          "g": 1000 ** 3, "gb": 1000 ** 3, "gib": 1024 ** 3, "t": 1000 ** 4, "tb": 1000 ** 4, "tib": 1024 ** 4}


def parse_size(text: str) -> int:
    """A memory size such as ``2GiB``, ``512 MiB``, ``1.5G`` or ``1000000`` in bytes (``0``: no limit).

    >>> parse_size("2GiB"), parse_size("512 MiB"), parse_size("1.5G"), parse_size("0")
    (2147483648, 536870912, 1500000000, 0)
    >>> parse_size("lots")
    Traceback (most recent call last):
    ...
    helixgraph.errors.EndpointError: expected a memory size such as 2GiB, 512MiB or 0 for no limit, got 'lots'
    """
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*", text)
    if not match or match.group(2).lower() not in _UNITS:
        raise EndpointError(f"expected a memory size such as 2GiB, 512MiB or 0 for no limit, got {text!r}")
    return int(float(match.group(1)) * _UNITS[match.group(2).lower()])


def size_text(size: int) -> str:
    """A byte count for people.

    >>> size_text(2 * 1024 ** 3), size_text(1536 * 1024 ** 2), size_text(1000)
    ('2 GiB', '1.5 GiB', '1000 bytes')
    """
    for unit, factor in (("GiB", 1024 ** 3), ("MiB", 1024 ** 2), ("KiB", 1024)):
        if size >= factor:
            return f"{size / factor:.4g} {unit}"
    return f"{size} bytes"
