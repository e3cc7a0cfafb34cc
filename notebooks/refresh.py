"""Run every notebook top to bottom on a fresh kernel and store it with its outputs.

``python notebooks/refresh.py [NAME ...]`` (from the repository root, with the ``notebooks`` extra
installed). Each notebook runs in an empty temporary working folder, with HTTP(S) proxies pointing
at a closed port (nothing may be downloaded), and is written back with its outputs, no execution
timings and the plain ``python3`` kernelspec, so a reader browsing the repository sees what the
code gives. ``tests/test_notebooks.py`` re-runs them with nbval and compares every output, after
:data:`SANITIZE` (``notebooks/sanitize.cfg``) masks what differs from run to run (temporary paths,
build generation names).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

FOLDER = Path(__file__).resolve().parent
SANITIZE = FOLDER / "sanitize.cfg"
KERNELSPEC = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}


def refresh(path: Path) -> None:
    """Execute the notebook at ``path`` and write it back with its outputs."""
    import nbclient
    import nbformat

    nb = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory() as cwd:
        client = nbclient.NotebookClient(nb, kernel_name="python3", timeout=600, record_timing=False,
                                         resources={"metadata": {"path": cwd}})
        client.execute()
    nb.metadata = nbformat.from_dict(KERNELSPEC)
    for cell in nb.cells:
        cell.metadata = nbformat.from_dict({})
    nbformat.validate(nb)
    nbformat.write(nb, path)


def main(names: list[str]) -> None:
    for proxy in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        os.environ[proxy] = "http://127.0.0.1:9"
    paths = [FOLDER / name for name in names] if names else sorted(FOLDER.glob("*.ipynb"))
    for path in paths:
        print(f"running {path.name}", flush=True)
        refresh(path)


if __name__ == "__main__":
    main(sys.argv[1:])
