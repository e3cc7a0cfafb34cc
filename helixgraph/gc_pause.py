"""Keep Python's cyclic garbage collector from dominating work on millions of objects.

Loading a national-scale graph creates millions of tuples, strings and rdflib terms, none of them
in reference cycles. Each allocation burst triggers the collector, which walks every object still
alive: at 850K triples that walking took longer than the loading itself (measured: 6.5 s with the
collector, 2.8 s without). Reference counting still frees everything as usual. Such blocks run
with the collector paused (:func:`gc_paused`).

The analysis and the explorer make fewer objects but keep many: with Python's default thresholds
a 100K-entity build ran 13 full collections, each walking the whole heap (3.5 to 4 s in all).
Their cyclic garbage is real, though (a NetworkX graph refers to itself through its cached views),
so those steps run with the young generation collected less often (:func:`collector_relaxed`) and a
full collection between two steps frees what the first left behind.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["RELAXED_THRESHOLD", "collector_relaxed", "gc_paused"]

#: Allocations between two collections of the youngest generation inside :func:`collector_relaxed`
#: (Python's default is 700). The older generations keep their thresholds, so a full collection
#: comes after some five million allocations rather than after seventy thousand.
RELAXED_THRESHOLD = 50_000


@contextmanager
def gc_paused() -> Iterator[None]:
    """Disable the cyclic collector inside the block; restore its previous state after.

    >>> with gc_paused():
    ...     gc.isenabled()
    False
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def collector_relaxed(young: int | None = None) -> Iterator[None]:
    """Collect the youngest generation after `young` allocations (:data:`RELAXED_THRESHOLD` when
    None) inside the block, never more often than Python's own setting; restore the thresholds after.

    >>> before = gc.get_threshold()
    >>> with collector_relaxed(10_000):
    ...     gc.get_threshold()[0]
    10000
    >>> gc.get_threshold() == before
    True
    """
    previous = gc.get_threshold()
    gc.set_threshold(max(RELAXED_THRESHOLD if young is None else young, previous[0]), *previous[1:])
    try:
        yield
    finally:
        gc.set_threshold(*previous)
