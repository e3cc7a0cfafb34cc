"""Hand memory a finished stage freed back to the operating system.

A build's stages each make and drop millions of small objects. Python frees them, but the C
allocator keeps the freed pages of its heap for later use, so the process still holds what its
largest stage needed when the next one starts. At 1M entities that was 3 GiB between the analysis
and the explorer. ``malloc_trim`` (glibc) returns the free pages; elsewhere this does nothing.
Small processes are left alone: a full collection of a test run's heap costs more than it gives.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import gc
import os
import sys

__all__ = ["RELEASE_FROM", "release_memory"]

#: Resident bytes from which :func:`release_memory` collects and trims.
RELEASE_FROM = 2 * 2**30


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


def _resident_bytes() -> int | None:
    """This process's resident memory (Linux's ``/proc/self/statm``), or None where it cannot be read."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def release_memory(*, above: int = RELEASE_FROM, collect: bool = True) -> bool:
    """When this process holds more than ``above`` bytes, collect reference cycles (unless the caller
    just did: ``collect=False``) and return the allocator's free pages to the system; True when
    pages were returned.

    >>> release_memory(above=2**62)
    False
    >>> isinstance(release_memory(above=0), bool)
    True
    """
    trim = _trim()
    resident = _resident_bytes() if trim is not None else None
    if resident is None or resident <= above:
        return False
    if collect:
        gc.collect()
    return bool(trim(0))
