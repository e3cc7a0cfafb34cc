"""A project's own ontology extension: Turtle files that add classes, properties, concepts and shapes.

The packaged ontology is the same for every project; a project may add to it (never remove) with
Turtle files listed in its ``helixgraph.toml`` (``ontology = ["ontology/extension.ttl"]``). While
:func:`extended_ontology` is active, everything read from the ontology takes them in: the loaders
(new classes and fields), the SHACL shapes (new ``sh:NodeShape`` rules), the network declarations,
the ontology graph written to the store, and ``helixgraph ontology``.

The active extension is a context variable, so each thread or task sees its own; work handed to a
thread pool inside a build reads no ontology. Caches of what is derived from the ontology are kept
per set of extension files (:func:`per_ontology`).

>>> active_extensions()
()
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache, wraps
from pathlib import Path
from typing import TypeVar

__all__ = ["active_extensions", "extended_ontology", "per_ontology"]

_EXTENSIONS: ContextVar[tuple[str, ...]] = ContextVar("helixgraph_ontology_extensions", default=())
T = TypeVar("T")


def active_extensions() -> tuple[str, ...]:
    """The extension files in effect, as absolute paths (empty for the packaged ontology alone).

    >>> with extended_ontology(["/projects/p/extension.ttl"]):
    ...     active_extensions()
    ('/projects/p/extension.ttl',)
    """
    return _EXTENSIONS.get()


@contextmanager
def extended_ontology(files: Iterable[str | Path]) -> Iterator[tuple[str, ...]]:
    """Read the ontology with ``files`` added, for the ``with`` block.

    >>> with extended_ontology([]) as files:
    ...     files == active_extensions() == ()
    True
    """
    token = _EXTENSIONS.set(tuple(str(Path(f).resolve()) for f in files))
    try:
        yield _EXTENSIONS.get()
    finally:
        _EXTENSIONS.reset(token)


def per_ontology(func: Callable[..., T]) -> Callable[..., T]:
    """Cache ``func`` (whose arguments are hashable) once per set of active extension files.

    >>> calls = []
    >>> @per_ontology
    ... def derived():
    ...     calls.append(active_extensions())
    ...     return len(calls)
    >>> derived(), derived()
    (1, 1)
    >>> with extended_ontology(["extra.ttl"]):
    ...     derived()
    2
    """
    @lru_cache(maxsize=64)
    def cached(_extensions: tuple[str, ...], *args, **kwargs):
        return func(*args, **kwargs)

    @wraps(func)
    def wrapper(*args, **kwargs):
        return cached(active_extensions(), *args, **kwargs)

    wrapper.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    wrapper.cache_info = cached.cache_info  # type: ignore[attr-defined]
    return wrapper
