"""Run an OpenLink Virtuoso server from a folder of its own, on a loopback port, and always stop it.

For tests and measurements against a real Virtuoso (Debian's ``virtuoso-opensource`` package): the
database, its log and its configuration live in the given folder; the SQL and HTTP ports are free
loopback ports. A new database has the single administrator ``dba`` with password ``dba``, which
is why the server is bound to loopback only. Its SPARQL endpoint is ``/sparql`` (read-only for
anonymous users) and its authenticated Graph Store is ``/sparql-graph-crud-auth`` (HTTP digest).
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from helixgraph.errors import EndpointError
from helixgraph.server.addresses import free_port

__all__ = ["find_virtuoso", "running_virtuoso", "virtuoso_config"]

#: Seconds to wait for a new server to answer HTTP.
START_TIMEOUT = 120.0


def find_virtuoso() -> str:
    """The path of the ``virtuoso-t`` server executable.

    Raises
    ------
    EndpointError
        It is not on PATH.

    Examples
    --------
    >>> Path(find_virtuoso()).name
    'virtuoso-t'
    """
    found = shutil.which("virtuoso-t")
    if not found:
        raise EndpointError("the Virtuoso server (virtuoso-t) is not installed: apt-get install virtuoso-opensource")
    return found


def virtuoso_config(folder: Path, *, sql_port: int, http_port: int, max_rows: int = 10_000,
                    max_sorted_rows: int = 10_000, query_seconds: int = 600) -> str:
    """The ``virtuoso.ini`` text for a server keeping everything in ``folder``.

    >>> text = virtuoso_config(Path("/tmp/v"), sql_port=1111, http_port=8890, max_rows=50)
    >>> "ServerPort = 127.0.0.1:8890" in text, "ResultSetMaxRows = 50" in text
    (True, True)
    """
    return f"""[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = {folder}
NumberOfBuffers = 20000
MaxDirtyBuffers = 12000
ThreadsPerQuery = 2
MaxSortedTopRows = {max_sorted_rows}

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerThreads = 4
MaxClientConnections = 4

[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = {query_seconds}
MaxQueryCostEstimationTime = {query_seconds}
"""


def _answers(url: str) -> bool:
    try:
        urllib.request.urlopen(url, timeout=2).close()
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False
    return True


@contextlib.contextmanager
def running_virtuoso(folder: str | Path, *, max_rows: int = 10_000, max_sorted_rows: int = 10_000) -> Iterator[str]:
    """Start Virtuoso with its database in ``folder`` and yield its base URL (``http://127.0.0.1:PORT``).

    Parameters
    ----------
    folder
        An empty or earlier-used folder for the database, its log and its configuration.
    max_rows
        The server's row cap for one SPARQL answer (``ResultSetMaxRows``).
    max_sorted_rows
        The most rows the server sorts for a ``LIMIT``/``OFFSET`` slice (``MaxSortedTopRows``), which
        bounds how far a sorted query can be paged.

    Raises
    ------
    EndpointError
        The executable is missing, or the server did not answer within :data:`START_TIMEOUT` seconds
        (the message quotes the end of its log).
    """
    folder = Path(folder).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    http_port, sql_port = free_port(), free_port()
    while sql_port == http_port:
        sql_port = free_port()
    config = folder / "virtuoso.ini"
    config.write_text(virtuoso_config(folder, sql_port=sql_port, http_port=http_port, max_rows=max_rows,
                                      max_sorted_rows=max_sorted_rows), encoding="utf-8")
    url = f"http://127.0.0.1:{http_port}"
    with open(folder / "stdout.log", "ab") as log:
        process = subprocess.Popen([find_virtuoso(), "+foreground", "+configfile", str(config)],
                                   cwd=folder, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not _answers(f"{url}/sparql?query=ASK%7B%7D"):
            if process.poll() is not None or time.monotonic() > deadline:
                tail = (folder / "virtuoso.log").read_text(errors="replace")[-600:] if (
                    folder / "virtuoso.log").is_file() else ""
                raise EndpointError(f"Virtuoso did not start on {url}: {' '.join(tail.split())}")
            time.sleep(0.5)
        yield url
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(10)
