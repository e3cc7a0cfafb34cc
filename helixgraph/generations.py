"""An output folder whose readers see one complete build or the previous one, never a mix.

Layout of an output folder ``out/``::

    out/
      current-build           the name of the complete build readers use (one line)
      latest -> generations/<name>    a convenience link to it (where the system allows links)
      generations/<name>/     one complete build: store/, ecosystem.trig, ..., build-report.json
      generations/.building-<name>/   a build under way (removed if the build fails)
      .lock                   held by the one process writing into out/

A build writes a whole new generation folder, then switches ``current-build`` with one atomic rename
(atomic on Linux, macOS and Windows alike) and then moves the ``latest`` link the same way. A
build killed at any moment leaves ``current-build`` naming a complete generation: the previous one before
the switch, the new one after it. Readers resolve ``out`` through ``current-build``
(:func:`current_generation`); the ``latest`` link only serves people and programs that open files
by path. The next writer removes what killed builds left behind and every generation but the
current one, the one before it (a reader may still be using it) and any a live server has marked
as in use: each is renamed to ``out/.old-<name>`` at once and deleted by a detached process, so
the command does not wait for thousands of files to go.

A folder written by an older helixgraph (``out/store`` and the files beside it) is still read.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from helixgraph.errors import OutputError

__all__ = [
    "CURRENT_FILE",
    "GENERATIONS_DIR",
    "LATEST_LINK",
    "checkpoint",
    "current_generation",
    "generation_name",
    "mark_in_use",
    "new_generation",
    "resolve_output",
    "writing",
]

CURRENT_FILE = "current-build"
GENERATIONS_DIR = "generations"
LATEST_LINK = "latest"
_LOCK_FILE = ".lock"
_BUILDING = ".building-"
_READERS = ".readers"
_PREVIOUS_FILE = ".previous"


def checkpoint(step: str) -> None:
    """Called before each write and rename of an output folder, with the step's name.

    Does nothing; tests replace it to interrupt a build at every step and check what a reader
    of the folder then sees.

    >>> import tempfile
    >>> import helixgraph.generations as generations
    >>> steps, original = [], generations.checkpoint
    >>> generations.checkpoint = steps.append
    >>> try:
    ...     with new_generation(tempfile.mkdtemp()):
    ...         pass
    ... finally:
    ...     generations.checkpoint = original
    >>> steps
    ['prepare', 'complete', 'switch', 'link', 'clean']
    """


def generation_name(folder: Path) -> str:
    """The name a generation folder yielded by :func:`new_generation` will have once complete.

    >>> generation_name(Path("out/generations/.building-20260120T000000000000Z-7"))
    '20260120T000000000000Z-7'
    """
    return folder.name.removeprefix(_BUILDING)


def current_generation(out: str | os.PathLike) -> Path | None:
    """The folder of the complete build ``out`` holds now, or None if it holds none.

    >>> import tempfile
    >>> current_generation(tempfile.mkdtemp()) is None
    True
    """
    out = Path(out)
    try:
        name = (out / CURRENT_FILE).read_text(encoding="utf-8").strip()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise OutputError(f"cannot read {out / CURRENT_FILE}: {exc.strerror}") from exc
    folder = out / GENERATIONS_DIR / name
    if not name or os.sep in name or "/" in name or not folder.is_dir():
        raise OutputError(f"{out / CURRENT_FILE} names a build {name!r} that is not in {out / GENERATIONS_DIR}; "
                          "run `helixgraph build` again")
    return folder


def resolve_output(out: str | os.PathLike) -> Path:
    """The folder holding a build's files: the current generation, or ``out`` itself for an older layout.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> resolve_output(folder) == folder
    True
    """
    return current_generation(out) or Path(out)


def _new_name() -> str:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return f"{stamp}-{os.getpid()}"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def _in_use(generation: Path) -> bool:
    readers = generation / _READERS
    if not readers.is_dir():
        return False
    for marker in readers.iterdir():
        if marker.name.isdigit() and _pid_alive(int(marker.name)):
            return True
        marker.unlink(missing_ok=True)
    return False


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _clean(out: Path, keep: set[str]) -> None:
    """Remove debris of killed builds and the generations nobody needs (the lock is held).

    A generation to remove is first moved aside (``out/.old-<name>``, one rename), then deleted by
    a detached process (:func:`_remove_later`): at 100,000 entities a generation holds 100,000
    profile pages, whose deletion took a build's last 12 s. A move aside that was not deleted
    (the process was killed, say) is debris the next writer removes.
    """
    generations = out / GENERATIONS_DIR
    aside = []
    if generations.is_dir():
        for entry in generations.iterdir():
            if entry.name in keep or entry.name == _PREVIOUS_FILE:
                continue
            if entry.name.startswith(_BUILDING) or not _in_use(entry):
                aside.append(_move_aside(out, entry))
    for entry in out.iterdir():
        debris = entry.name.startswith((".building-", ".analysis-", ".old-", f".{CURRENT_FILE}.", f".{LATEST_LINK}."))
        if debris and entry not in aside:
            aside.append(entry)
    _remove_later(aside)


def _move_aside(out: Path, entry: Path) -> Path:
    """``entry`` renamed to ``out/.old-<name>``, or as it is where the rename fails."""
    target = out / f".old-{entry.name.lstrip('.')}"
    try:
        os.replace(entry, target)
    except OSError:
        return entry
    return target


def _remove_later(paths: list[Path]) -> None:
    """Delete ``paths`` in a detached process, so that the command does not wait; here where that fails."""
    folders = [str(p) for p in paths if p.is_dir() and not p.is_symlink()]
    for path in paths:
        if str(path) not in folders:
            _remove(path)
    if not folders:
        return
    import subprocess
    import sys

    code = "import shutil, sys\nfor path in sys.argv[1:]:\n    shutil.rmtree(path, ignore_errors=True)"
    try:
        subprocess.Popen([sys.executable, "-c", code, *folders], stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, close_fds=True,
                         **_detached())
    except OSError:
        for folder in folders:
            _remove(Path(folder))


def _detached() -> dict:
    """Popen options that let the child outlive this process and its terminal's signals."""
    if os.name == "nt":
        import subprocess

        return {"creationflags": subprocess.DETACHED_PROCESS | subprocess.CREATE_NEW_PROCESS_GROUP}
    return {"start_new_session": True}


def _previous(out: Path) -> str | None:
    marker = out / GENERATIONS_DIR / _PREVIOUS_FILE
    try:
        return marker.read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def _point(out: Path, name: str) -> None:
    """Make ``current-build`` name ``name`` (one rename), then move the ``latest`` link."""
    checkpoint("switch")
    temporary = out / f".{CURRENT_FILE}.{os.getpid()}"
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(name + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, out / CURRENT_FILE)
    checkpoint("link")
    link = out / LATEST_LINK
    temporary_link = out / f".{LATEST_LINK}.{os.getpid()}"
    try:
        temporary_link.unlink(missing_ok=True)
        os.symlink(Path(GENERATIONS_DIR) / name, temporary_link, target_is_directory=True)
        if link.exists() and not link.is_symlink():
            _remove(link)
        os.replace(temporary_link, link)
    except (OSError, NotImplementedError):  # no symbolic links here (Windows without the right)
        temporary_link.unlink(missing_ok=True)


def _check_out(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise OutputError(f"cannot write the build into {out}: it is a file, not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:
        raise OutputError(f"cannot create the output folder {out}: a part of the path is a file") from exc
    except NotADirectoryError as exc:
        raise OutputError(f"cannot create the output folder {out}: a part of the path is a file") from exc
    except PermissionError as exc:
        raise OutputError(f"cannot create the output folder {out}: permission denied") from exc
    if not os.access(out, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write into the output folder {out}: permission denied")


@contextmanager
def writing(out: str | os.PathLike) -> Iterator[Path]:
    """Hold ``out``'s lock, or refuse at once if another process is writing there.

    ``out`` is created if missing. The lock is an operating-system file lock, so it is also refused
    to a second writer in the same process.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "out"
    >>> with writing(out) as folder:
    ...     print(folder == out, folder.is_dir())
    True True
    >>> with writing(out):
    ...     with writing(out):
    ...         pass
    Traceback (most recent call last):
    helixgraph.errors.OutputError: another helixgraph process is writing into .../out; wait for it ...
    """
    out = Path(out)
    _check_out(out)
    lock = FileLock(str(out / _LOCK_FILE), timeout=0)
    try:
        lock.acquire()
    except Timeout as exc:
        raise OutputError(f"another helixgraph process is writing into {out}; wait for it to finish "
                          "or choose another --out") from exc
    try:
        yield out
    finally:
        lock.release()


@contextmanager
def new_generation(out: str | os.PathLike, *, seed: Callable[[Path, Path], None] | None = None) -> Iterator[Path]:
    """Write a new generation of ``out`` in the yielded folder; it becomes current if the block succeeds.

    Parameters
    ----------
    out
        The output folder (created if missing).
    seed
        Called as ``seed(current, new)`` to start the new generation from the current one (the
        re-analysis copies the store and files this way); the new folder does not exist yet then.

    Raises
    ------
    OutputError
        ``out`` cannot be written, or another process is writing into it.

    Examples
    --------
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> with new_generation(out) as folder:
    ...     _ = (folder / "a.txt").write_text("first")
    >>> (current_generation(out) / "a.txt").read_text()
    'first'
    >>> try:
    ...     with new_generation(out) as folder:
    ...         _ = (folder / "a.txt").write_text("second")
    ...         raise KeyboardInterrupt
    ... except KeyboardInterrupt:
    ...     pass
    >>> (current_generation(out) / "a.txt").read_text()
    'first'
    """
    out = Path(out)
    with writing(out):
        current = current_generation(out)
        keep = {current.name} if current else set()
        if current and (previous := _previous(out)):
            keep.add(previous)
        _clean(out, keep)
        name = _new_name()
        generations = out / GENERATIONS_DIR
        generations.mkdir(exist_ok=True)
        scratch = generations / f"{_BUILDING}{name}"
        try:
            checkpoint("prepare")
            if seed is not None and current is not None:
                seed(current, scratch)
            scratch.mkdir(exist_ok=True)
            yield scratch
            checkpoint("complete")
            final = generations / name
            os.replace(scratch, final)
            if current is not None:
                (generations / _PREVIOUS_FILE).write_text(current.name + "\n", encoding="utf-8")
            _point(out, name)
        except BaseException:
            _remove(scratch)
            raise
        checkpoint("clean")
        _clean(out, {name, *([current.name] if current else [])})
        if not current:
            for legacy in ("store", "ecosystem.trig", "ecosystem.ttl", "ecosystem.jsonld", "centrality.csv",
                           "ecosystem.html", "build-report.json"):
                if (out / legacy).exists() and not (out / legacy).is_symlink():
                    _remove(out / legacy)


def mark_in_use(generation: Path) -> Callable[[], None]:
    """Mark ``generation`` as read by this process (a server) until the returned function is called.

    A writer does not remove a generation that a live process has marked.

    >>> import tempfile
    >>> generation = Path(tempfile.mkdtemp())
    >>> release = mark_in_use(generation)
    >>> [marker.name for marker in (generation / ".readers").iterdir()] == [str(os.getpid())]
    True
    >>> release()
    >>> list((generation / ".readers").iterdir())
    []
    """
    readers = generation / _READERS
    readers.mkdir(exist_ok=True)
    marker = readers / str(os.getpid())
    marker.touch()
    return lambda: marker.unlink(missing_ok=True)
