"""Where Oxigraph writes a query result's SPARQL TSV: kept as text while it is small, split into
columns by pyarrow while it is being written once it is large.

Oxigraph serialises a result in Rust without holding Python's lock, and pyarrow's CSV reader splits
text in C++ without it too, so the two can run at once: past a threshold the sink feeds what
Oxigraph writes through a pipe to a thread where pyarrow reads the columns
(:func:`~helixgraph.graph.tsv_columns.tsv_columns`). Splitting then costs next to no time beyond
the serialisation, and the whole text is never held in memory.
"""

from __future__ import annotations

import contextlib
import os
import threading

try:
    import fcntl
except ImportError:  # not on Windows
    fcntl = None

from helixgraph.graph.tsv_columns import tsv_columns

__all__ = ["TsvSink"]

_PIPE_BYTES = 1 << 20  # the largest pipe an unprivileged process may ask Linux for by default


class TsvSink:
    r"""A binary file-like object for ``QuerySolutions.serialize`` (SPARQL TSV, header first).

    Below ``threshold`` bytes it keeps the text; once it holds more, and at least one row, it
    streams the text to pyarrow. :meth:`finish` gives ``("text", rows)`` (the bytes after the
    header) or ``("columns", columns)`` (as :func:`~helixgraph.graph.tsv_columns.tsv_columns`
    returns them). ``width`` is the number of variables; a result without any is always kept as text.

    >>> sink = TsvSink(2, threshold=1 << 20)
    >>> sink.write(b"?s\t?n\n<urn:a>\t1\n")
    16
    >>> sink.finish()
    ('text', b'<urn:a>\t1\n')
    >>> sink = TsvSink(2, threshold=0)
    >>> for chunk in (b"?s\t?n\n<urn:a>", b"\t1\n<urn:b>\t1\n"):
    ...     _ = sink.write(chunk)
    >>> kind, columns = sink.finish()
    >>> kind, [(terms, rows.tolist()) for terms, rows in columns]
    ('columns', [([b'<urn:a>', b'<urn:b>'], [0, 1]), ([b'1'], [0, 0])])
    """

    def __init__(self, width: int, threshold: int) -> None:
        self.width = width
        self.threshold = threshold
        self._chunks: list[bytes] = []
        self._size = 0
        self._pipe = None
        self._reader: threading.Thread | None = None
        self._read: dict = {}

    def write(self, data) -> int:
        if self._pipe is not None:
            self._pipe.write(data)
            return len(data)
        self._chunks.append(bytes(data))
        self._size += len(data)
        if self.width and self._size >= self.threshold and self._has_rows():
            self._stream()
        return len(data)

    def flush(self) -> None:
        """Nothing to do: the text is kept whole, and the pipe is flushed when it is closed."""

    def _has_rows(self) -> bool:
        """Whether the text so far holds something after the header line."""
        text = self._chunks[0] if len(self._chunks) == 1 else b"".join(self._chunks)
        self._chunks = [text]
        end = text.find(b"\n")
        return 0 <= end < len(text) - 1

    def _stream(self) -> None:
        """Start pyarrow reading from a pipe on another thread, and send it the text so far."""
        import pyarrow  # noqa: F401  (imported here, not on the reader's thread)

        readable, writable = os.pipe()
        if fcntl is not None and hasattr(fcntl, "F_SETPIPE_SZ"):  # Linux: a larger pipe, fewer waits on either side
            with contextlib.suppress(OSError):
                fcntl.fcntl(writable, fcntl.F_SETPIPE_SZ, _PIPE_BYTES)
        self._reader = threading.Thread(target=self._read_columns, args=(readable,), name="helixgraph-tsv-columns",
                                        daemon=True)
        self._reader.start()
        self._pipe = open(writable, "wb", buffering=1 << 16)  # noqa: SIM115  (closed by finish or close)
        for chunk in self._chunks:
            self._pipe.write(chunk)
        self._chunks, self._size = [], 0

    def _read_columns(self, readable: int) -> None:
        with open(readable, "rb") as source:
            try:
                self._read["columns"] = tsv_columns(source, self.width, skip_header=True)
            except BaseException as error:  # noqa: BLE001  (raised in finish, once the writer is done)
                self._read["error"] = error
                while source.read(1 << 20):  # drained, so that the writer is never stuck on a full pipe
                    pass

    def close(self) -> None:
        """Stop streaming (after an error while writing): close the pipe and wait for the reader."""
        if self._pipe is not None:
            self._pipe.close()
            self._reader.join()

    def finish(self) -> tuple[str, object]:
        """The result: ``("text", bytes after the header)`` or ``("columns", columns)``."""
        if self._pipe is None:
            text = b"".join(self._chunks)
            self._chunks = []
            end = text.find(b"\n")
            return "text", text[end + 1:] if end >= 0 else b""
        self.close()
        if "error" in self._read:
            raise self._read["error"]
        return "columns", self._read["columns"]
