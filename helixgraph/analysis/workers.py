"""Independent pieces of an analysis run side by side in worker processes.

The pieces are pure functions of their arguments (their randomness comes from seeds passed in), so
running them in workers gives exactly the results of running them one after the other. Where worker
processes cannot be started (a daemonic process, a platform refusing them) they run in turn.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager

from helixgraph.errors import AnalysisError

__all__ = ["DEFAULT_WORKERS", "check_workers", "run_in_background", "task_runner"]

#: Worker processes used when the caller does not say: two, or one on a single-processor machine.
DEFAULT_WORKERS = min(2, os.cpu_count() or 1)


def check_workers(workers: int) -> int:
    """Return `workers` if it is a positive int.

    Raises
    ------
    AnalysisError
        Otherwise.

    >>> check_workers(2)
    2
    """
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise AnalysisError("bad number of worker processes", parameter="workers", value=workers,
                            expected="a positive int")
    return workers


@contextmanager
def task_runner(workers: int) -> Iterator[Callable[[Callable, Sequence[tuple]], list]]:
    """Yield ``run(function, arguments)``: ``[function(*a) for a in arguments]``, spread over `workers` processes.

    `function` must be importable by name (defined at module level). The processes start on the first
    call with more than one task and stop when the block ends.

    Examples
    --------
    >>> with task_runner(1) as run:
    ...     run(pow, [(2, 3), (3, 2)])
    [8, 9]
    """
    check_workers(workers)
    pool: list[ProcessPoolExecutor | None] = []

    def run(function: Callable, arguments: Sequence[tuple]) -> list:
        if workers > 1 and len(arguments) > 1 and not multiprocessing.current_process().daemon:
            try:
                if not pool:
                    pool.append(_pool(workers))
                if pool[0] is not None:
                    return list(pool[0].map(function, *zip(*arguments, strict=True)))
            except (BrokenProcessPool, OSError):
                if pool and pool[0] is not None:
                    pool[0].shutdown(cancel_futures=True)
                pool[:] = [None]  # workers cannot run here: everything runs in this process
        return [function(*a) for a in arguments]

    try:
        yield run
    finally:
        if pool and pool[0] is not None:
            pool[0].shutdown()


def run_in_background(function: Callable, arguments: Sequence[tuple], workers: int) -> Callable[[], list]:
    """Start ``function(*a)`` for every `a` of `arguments` in `workers` processes and go on.

    Returns a function that waits for the results and gives them in the order of `arguments` (an
    error raised by a task is raised there). When it is called, the tasks no worker has taken yet
    are done by this process too, from the last one back, while the workers go on from the front:
    the caller's processor helps instead of waiting, and on small work, where the workers have
    barely started, it does nearly all of it. Where the processes cannot start, every task runs in
    this process when the results are asked for.

    Examples
    --------
    >>> results = run_in_background(pow, [(2, 3), (3, 2)], workers=1)
    >>> results()
    [8, 9]
    """
    check_workers(workers)
    pool, futures = None, []
    if not multiprocessing.current_process().daemon:
        try:
            pool = _pool(workers)
            futures = [pool.submit(function, *a) for a in arguments]
        except (BrokenProcessPool, OSError):
            pool = None

    def results() -> list:
        if pool is None:
            return [function(*a) for a in arguments]
        try:
            done_here: dict[int, object] = {}
            for index in reversed(range(len(futures))):
                if not futures[index].cancel():  # a worker has it: the ones before are taken too
                    break
                done_here[index] = function(*arguments[index])
            return [done_here[i] if i in done_here else future.result() for i, future in enumerate(futures)]
        except BrokenProcessPool:
            return [function(*a) for a in arguments]
        finally:
            pool.shutdown(cancel_futures=True)

    return results


def _pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, mp_context=_context(), initializer=_follow, initargs=(os.getpid(),))


#: ``prctl`` option asking for a signal when the parent dies (Linux).
_PR_SET_PDEATHSIG = 1


def _follow(owner: int) -> None:
    """End this worker when the process that started the pool ends, even by SIGKILL.

    A worker's parent is the start method's server process, not the pool's owner: the kernel is
    asked to kill the worker when that server goes (Linux), and a thread checks every half second
    that the owner still runs, so a killed build leaves no process drawing nulls behind it.
    """
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)

    def watch() -> None:
        while True:
            try:
                os.kill(owner, 0)
            except (ProcessLookupError, PermissionError):  # gone, or its id taken by another user's process
                os._exit(1)
            time.sleep(0.5)

    threading.Thread(target=watch, name="helixgraph-owner-watch", daemon=True).start()


def _context():
    """A start method that does not copy this process (which may hold threads, e.g. a store's)."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
