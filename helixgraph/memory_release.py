"""Hand memory a finished stage freed back to the operating system.

A build's stages each make and drop millions of small objects. Python frees them, but the C
allocator keeps the freed pages of its heap for later use, so the process still holds what its
largest stage needed when the next one starts. At 1M entities that was gigabytes between the
analysis and the explorer. ``malloc_trim`` (glibc) returns the free pages; elsewhere this does
nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import gc
import sys

__all__ = ["release_memory"]


@functools.cache
def _trim():
    """glibc's ``malloc_trim``, or None where there is none."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc.malloc_trim
    except (OSError, AttributeError):  # musl and other C libraries have no malloc_trim
        return None


def release_memory() -> bool:
    """Collect reference cycles, then return the allocator's free pages; True when the pages were trimmed.

    >>> isinstance(release_memory(), bool)
    True
    """
    gc.collect()
    trim = _trim()
    return bool(trim is not None and trim(0))
