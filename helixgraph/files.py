"""Writing files so that a reader sees the old version or the new one, never half of either.

Every output helixgraph writes goes through these helpers: the data goes to a temporary name in
the target's own folder (the same file system, so the final rename is atomic on Linux, macOS and
Windows) and replaces the target in one step once complete.
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from helixgraph.errors import OutputError

__all__ = ["output_errors", "write_atomically", "write_text_atomically"]

_OS_ERROR = re.compile(r"\(os error (\d+)\)")

#: What the system says when the output folder cannot take the files, as the user should read it.
_WRITE_FAILURES = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the file system is read-only",
    errno.EFBIG: "a file would be larger than the system allows",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
}


@contextmanager
def output_errors(out: str | os.PathLike) -> Iterator[None]:
    """Turn a failure to write into ``out`` (full disk, read-only, no permission) into an
    :class:`~helixgraph.errors.OutputError` naming the folder and the reason.

    >>> with output_errors("out"):
    ...     raise OSError(errno.ENOSPC, "No space left on device")
    Traceback (most recent call last):
    helixgraph.errors.OutputError: cannot write into out: the disk is full (No space left on device)
    >>> with output_errors("out"):
    ...     raise OSError("IO error: File too large (os error 27)")
    Traceback (most recent call last):
    helixgraph.errors.OutputError: cannot write into out: a file would be larger than the system allows (IO error: File too large (os error 27))
    """
    try:
        yield
    except OSError as exc:
        code = exc.errno
        if code is None:  # Oxigraph's and RocksDB's errors carry the code in their text only
            found = _OS_ERROR.search(str(exc))
            code = int(found.group(1)) if found else (errno.ENOSPC if "No space left on device" in str(exc) else None)
        reason = _WRITE_FAILURES.get(code)
        if reason is None:
            raise
        raise OutputError(f"cannot write into {out}: {reason} ({exc.strerror or exc})") from exc


def write_atomically(path: str | os.PathLike, write: Callable[[Path], None]) -> Path:
    """Call ``write(temporary_path)``, then make that file ``path`` in one rename.

    An existing file keeps its permission bits; on any error (or interrupt) the temporary file is
    removed and ``path`` is untouched.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_atomically(folder / "a.txt", lambda p: p.write_text("new")).read_text()
    'new'
    >>> sorted(p.name for p in folder.iterdir())
    ['a.txt']
    """
    target = Path(path)
    mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
    descriptor, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(descriptor)
    temporary = Path(name)
    try:
        write(temporary)
        with open(temporary, "rb") as handle:
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return target


def write_text_atomically(path: str | os.PathLike, text: str) -> Path:
    """Write ``text`` as UTF-8 with ``\\n`` line ends to ``path`` atomically.

    >>> import tempfile, pathlib
    >>> path = write_text_atomically(pathlib.Path(tempfile.mkdtemp()) / "a.txt", "北京\\n")
    >>> path.read_bytes()
    b'\\xe5\\x8c\\x97\\xe4\\xba\\xac\\n'
    """

    def write(temporary: Path) -> None:
        with open(temporary, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)

    return write_atomically(path, write)
