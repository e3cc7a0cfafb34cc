"""Stages of long work: timed, logged, and shown on stderr while they run.

Library code marks its stages with :func:`stage`. Every stage is timed into the innermost
:func:`recording` (a build keeps its stages' times in ``build-report.json``) and logged through the
standard :mod:`logging` module (logger ``helixgraph``: the start at DEBUG, the time taken at INFO).
Nothing is shown unless a caller switches a display on with :func:`display`, as the command line
does when stderr is a terminal and ``--quiet`` is not given: then each stage is a line on stderr
with a spinner (a bar when its size is known) and its elapsed time, drawn with rich when it is
installed and as plain lines otherwise.

Examples
--------
>>> with recording() as times:
...     with stage("counting", total=3) as advance:
...         for _ in range(3):
...             advance()
>>> list(times), times["counting"] >= 0, list(times.cpu)
(['counting'], True, ['counting'])
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

__all__ = ["StageTimes", "display", "logger", "recording", "stage"]

#: The package's logger; ``helixgraph build --verbose`` shows its INFO lines.
logger = logging.getLogger("helixgraph")

_recorders: list[StageTimes] = []
_shown: list = []  # the live display, when one is on


class _PlainDisplay:
    """One line per finished stage on a stream, for terminals without rich."""

    def __init__(self, stream) -> None:
        self.stream = stream

    def start(self, name: str, total: int | None):
        print(f"{name} ...", file=self.stream, flush=True)
        return name

    def advance(self, task, steps: int) -> None:
        pass

    def finish(self, task, seconds: float) -> None:
        print(f"{task}: {seconds:.1f} s", file=self.stream, flush=True)


class _RichDisplay:
    """rich's live progress on stderr: a spinner or bar and the elapsed time per stage."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        self.progress = Progress(SpinnerColumn(finished_text="[green]done"), TextColumn("{task.description}"),
                                 BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                 console=Console(stderr=True), transient=False)
        self.progress.start()

    def start(self, name: str, total: int | None):
        return self.progress.add_task(name, total=total)

    def advance(self, task, steps: int) -> None:
        self.progress.advance(task, steps)

    def finish(self, task, seconds: float) -> None:
        total = self.progress.tasks[task].total if task < len(self.progress.tasks) else None
        self.progress.update(task, completed=total if total is not None else 1, total=total or 1)
        self.progress.stop_task(task)

    def close(self) -> None:
        self.progress.stop()


@contextmanager
def display(enabled: bool = True, *, stream=None) -> Iterator[None]:
    """Show the stages that run inside on stderr (or ``stream``, as plain lines), when ``enabled``.

    >>> import io
    >>> out = io.StringIO()
    >>> with display(stream=out):
    ...     with stage("writing"):
    ...         pass
    >>> out.getvalue().splitlines()[0]
    'writing ...'
    """
    if not enabled:
        yield
        return
    if stream is None:
        try:
            shown = _RichDisplay()
        except ImportError:
            shown = _PlainDisplay(sys.stderr)
    else:
        shown = _PlainDisplay(stream)
    _shown.append(shown)
    try:
        yield
    finally:
        _shown.remove(shown)
        if hasattr(shown, "close"):
            shown.close()


class StageTimes(dict):
    """Wall-clock seconds by stage name; ``cpu`` holds the processor seconds of all the process's
    threads over the same stages (steadier than wall time on a busy machine)."""

    def __init__(self) -> None:
        super().__init__()
        self.cpu: dict[str, float] = {}


@contextmanager
def recording() -> Iterator[StageTimes]:
    """Collect the seconds each stage run inside takes (summed when a stage name repeats).

    >>> with recording() as times:
    ...     for _ in range(2):
    ...         with stage("step"):
    ...             pass
    >>> list(times)
    ['step']
    """
    times = StageTimes()
    _recorders.append(times)
    try:
        yield times
    finally:
        _recorders.remove(times)


@contextmanager
def stage(name: str, *, total: int | None = None) -> Iterator[Callable[[int], None]]:
    """Time, log and show one stage of work; yields a function that advances its count by n (1).

    ``total`` is the count the stage reaches when done (sources to read, say), when known.

    >>> import io
    >>> shown = io.StringIO()
    >>> with display(stream=shown), stage("reading", total=2) as advance:
    ...     advance(2)
    >>> shown.getvalue().splitlines()[1].startswith("reading: ")
    True
    """
    logger.debug("%s ...", name)
    shown = _shown[-1] if _shown else None
    task = shown.start(name, total) if shown else None
    start, cpu = time.perf_counter(), time.process_time()

    def advance(steps: int = 1) -> None:
        if shown:
            shown.advance(task, steps)

    try:
        yield advance
    finally:
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        for times in _recorders:
            times[name] = times.get(name, 0.0) + seconds
            times.cpu[name] = times.cpu.get(name, 0.0) + cpu
        if shown:
            shown.finish(task, seconds)
        logger.info("%s: %.2f s (processor time of all threads: %.2f s)", name, seconds, cpu)
