"""Check the output folder before a build starts, and word the failure of a write to it.

A build takes seconds to minutes; a folder it cannot write (read-only, a file, under a file) is
better refused before the work than after it, with the path and the reason in one line.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from helixgraph.errors import OutputError

__all__ = ["check_output_folder", "output_error"]


def output_error(out: str | Path, exc: OSError) -> OutputError:
    """An :class:`OutputError` naming ``out`` and the reason ``exc`` gives (and its file, if another).

    >>> str(output_error("out", OSError(28, "No space left on device", "out/store/000012.sst")))
    'cannot write the outputs into out: out/store/000012.sst: No space left on device'
    """
    reason = exc.strerror or str(exc)
    if exc.filename and Path(os.fsdecode(exc.filename)) != Path(out):
        reason = f"{os.fsdecode(exc.filename)}: {reason}"
    return OutputError(f"cannot write the outputs into {out}: {reason}")


def _first_existing(path: Path) -> Path:
    while not os.path.lexists(path) and path.parent != path:
        path = path.parent
    return path


def check_output_folder(out: str | Path) -> Path:
    """Create ``out`` if needed and make sure files can be created in it; return it as a Path.

    Raises
    ------
    OutputError
        ``out`` is a file, lies under a file, or cannot be created or written (permissions, a
        read-only file system, a full disk), with the path and the reason.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> (folder / "notes.txt").write_text("x")
    1
    >>> check_output_folder(folder / "notes.txt" / "out")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    helixgraph.errors.OutputError: cannot create the output folder .../notes.txt/out: .../notes.txt is a file
    """
    out = Path(out)
    try:
        if out.exists() and not out.is_dir():
            raise OutputError(f"the output folder {out} is a file; give the path of a folder")
        existing = _first_existing(out.absolute())
        if not existing.is_dir():
            raise OutputError(f"cannot create the output folder {out}: {existing} is a file")
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise output_error(out, exc) from None
    try:
        handle, probe = tempfile.mkstemp(prefix=".write-check-", dir=out)
        os.close(handle)
        os.unlink(probe)
    except OSError as exc:
        raise OutputError(f"cannot write the outputs into {out}: {exc.strerror or exc}") from None
    return out
