"""What a query process is doing, in memory the endpoint shares with it: idle, running a query since
when, or writing an answer.

The endpoint reads it to stop a query that overruns its time; the process reads it before writing an
answer. Both change it under one lock, so an answer is either written whole by the process or not
begun, and then the endpoint answers in its place.

Examples
--------
>>> import multiprocessing
>>> slot = Slot.new(multiprocessing.get_context("spawn"))
>>> slot.start(since=100.0)
>>> slot.running_since()
100.0
>>> slot.begin_writing(), slot.running_since(), slot.cancel(), slot.between_requests()
(True, None, False, False)
>>> slot.finish(); slot.start(since=200.0)
>>> slot.cancel(), slot.begin_writing()
(True, False)
>>> slot.others_waiting(), slot.waiting.value
(False, 0)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Slot"]

_IDLE, _RUNNING, _WRITING, _CANCELLED = 0.0, 1.0, 2.0, 3.0
#: Seconds the endpoint waits for the lock; a process that died holding it is not waited for longer.
_LOCK_SECONDS = 1.0


@dataclass
class Slot:
    """The state of one query process (``values`` holds the state and since when it runs); ``waiting``,
    shared by every process of an endpoint, counts the clients waiting for a process."""

    values: Any
    lock: Any
    waiting: Any

    @classmethod
    def new(cls, context: Any, waiting: Any = None) -> Slot:
        """A slot in shared memory of ``context`` (a multiprocessing context), to hand to a new process;
        ``waiting`` is the endpoint's shared count (a ``RawValue("i")``), a new one if not given."""
        return cls(context.RawArray("d", 2), context.Lock(), waiting if waiting is not None else context.RawValue("i"))

    # -- the query process --------------------------------------------------------------------------

    def start(self, since: float) -> None:
        """A query runs, counted from ``since`` (``time.monotonic``)."""
        self.values[1] = since
        self.values[0] = _RUNNING

    def begin_writing(self) -> bool:
        """Whether the answer may be written: False once the endpoint has stopped the query."""
        with self.lock:
            if self.values[0] == _CANCELLED:
                return False
            self.values[0] = _WRITING
            return True

    def finish(self) -> None:
        """The answer is written (or given up)."""
        self.values[0] = _IDLE

    def others_waiting(self) -> bool:
        """Whether clients wait for a free process (so a process between requests gives its connection back)."""
        return self.waiting.value > 0

    # -- the endpoint -------------------------------------------------------------------------------

    def between_requests(self) -> bool:
        """Whether the process neither runs a query nor writes an answer."""
        return self.values[0] == _IDLE

    def running_since(self) -> float | None:
        """When the running query started, or None if none runs."""
        if self.values[0] != _RUNNING:  # the state first: ``start`` writes the time before it
            return None
        return self.values[1]

    def cancel(self, since: float | None = None) -> bool:
        """Stop the running query (the one started at ``since``, if given) before its answer is written.

        True if it was stopped: the process may now be killed, and the answer is the endpoint's to give.
        """
        if not self.lock.acquire(timeout=_LOCK_SECONDS):
            return True
        try:
            if self.values[0] != _RUNNING or (since is not None and self.values[1] != since):
                return False
            self.values[0] = _CANCELLED
            return True
        finally:
            self.lock.release()
