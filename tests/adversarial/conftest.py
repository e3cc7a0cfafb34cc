"""Helpers of the adversarial tests: the command line in a subprocess, and digests of output folders."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import helixgraph

#: The folder holding the helixgraph under test, put first on the subprocesses' path.
PACKAGE_ROOT = str(Path(helixgraph.__file__).resolve().parents[1])


def run_cli(*args: str, cwd: Path, preexec_fn=None, user: int | None = None) -> subprocess.CompletedProcess:
    """``python -m helixgraph ARGS`` in ``cwd`` with the helixgraph under test (as ``user``, if given)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([PACKAGE_ROOT, os.environ.get("PYTHONPATH", "")])}
    command = [sys.executable, "-m", "helixgraph", *args]
    with tempfile.TemporaryDirectory(prefix="home-") as home:
        if user is not None:
            command = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *command]
            os.chmod(home, 0o777)
            env["HOME"] = env["MPLCONFIGDIR"] = home  # a home folder the user may write
        return subprocess.run(command, check=False, cwd=cwd, capture_output=True, text=True, timeout=600,
                              env=env, preexec_fn=preexec_fn)


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (relative path) with the SHA-256 of its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def previous_build(tmp_path_factory) -> Path:
    """The outputs of a successful build of the bundled sources (without analysis and explorer)."""
    out = tmp_path_factory.mktemp("previous") / "out"
    result = run_cli("build", "--out", str(out), "--no-analysis", "--no-render", cwd=out.parent)
    assert result.returncode == 0, result.stderr
    assert any(p.name == "ecosystem.trig" and p.stat().st_size > 10_000 for p in out.rglob("*"))
    return out


@pytest.fixture(scope="session")
def cli():
    """:func:`run_cli`: the command line in a subprocess."""
    return run_cli


@pytest.fixture(scope="session")
def digest():
    """:func:`tree_digest`: the files of a folder with the SHA-256 of each."""
    return tree_digest
