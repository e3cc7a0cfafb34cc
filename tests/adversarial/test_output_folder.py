"""An output folder the build cannot use is refused in one line, and the previous outputs stay.

Cases: ``--out`` naming a file, a path under a file, a folder the user may not write, and writes
that fail part-way (a file-size limit on the process, and a really full file system where this
machine lets the test mount a tiny one).
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest

NOBODY = 65534


def refused(result: subprocess.CompletedProcess) -> str:
    """The one-line message of a refused command; fails unless it exited 2 without a traceback."""
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def names(message: str, path: str | Path) -> bool:
    """Whether ``message`` names ``path`` (or a file inside it) as a path of its own, not inside a word."""
    return re.search(rf"(^|[\s'\"]){re.escape(str(path))}([/:'\"\s]|$)", message.removeprefix("error: ")) is not None


def test_out_naming_a_file(tmp_path, cli):
    (tmp_path / "out").write_text("my notes", encoding="utf-8")
    message = refused(cli("build", "--out", "out", "--no-analysis", "--no-render", cwd=tmp_path))
    assert names(message, "out") and "is a file" in message
    assert (tmp_path / "out").read_text(encoding="utf-8") == "my notes"


def test_out_under_a_file(tmp_path, cli):
    (tmp_path / "notes.txt").write_text("my notes", encoding="utf-8")
    message = refused(cli("build", "--out", "notes.txt/out", "--no-analysis", "--no-render", cwd=tmp_path))
    assert names(message, "notes.txt/out") and "is a file" in message
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "my notes"


@contextmanager
def _read_only_copy(previous_build, *, files_too: bool = False):
    """A copy of a build whose folders (and, with ``files_too``, files) nobody may write, in a folder
    outside pytest's private temporary folder, so that an unprivileged user can reach it; root may
    write anywhere, so as root the commands run as the user nobody."""
    with tempfile.TemporaryDirectory() as top:
        top = Path(top)
        top.chmod(0o755)
        out = top / "out"
        shutil.copytree(previous_build, out)
        for folder, _dirs, files in os.walk(out):
            Path(folder).chmod(0o555)
            for name in files if files_too else ():
                (Path(folder) / name).chmod(0o444)
        try:
            yield top, out
        finally:
            for folder, _dirs, _files in os.walk(out):
                Path(folder).chmod(0o755)


def _as_nobody() -> str | None:
    return NOBODY if os.geteuid() == 0 else None


def test_out_in_a_read_only_folder(previous_build, cli, digest):
    with _read_only_copy(previous_build) as (top, out):
        before = digest(out)
        result = cli("build", "--out", str(out), "--no-analysis", "--no-render", cwd=top, user=_as_nobody())
        message = refused(result)
        assert names(message, out) and "permission denied" in message.lower()
        assert digest(out) == before


def test_analyze_into_a_read_only_build(previous_build, cli, digest):
    """Any command that cannot write a file says so in one line (here the analysis, rewriting the store)."""
    with _read_only_copy(previous_build, files_too=True) as (top, out):
        before = digest(out)
        result = cli("analyze", "--out", str(out), cwd=top, user=_as_nobody())
        message = refused(result)
        assert names(message, out) and "permission denied" in message.lower()
        assert digest(out) == before


def _limit_file_size() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))


def test_writes_failing_part_way_leave_previous_outputs(previous_build, tmp_path, cli, digest):
    out = tmp_path / "out"
    shutil.copytree(previous_build, out)
    before = digest(out)
    result = cli("build", "--out", "out", "--no-analysis", "--no-render", cwd=tmp_path, preexec_fn=_limit_file_size)
    message = refused(result)
    assert names(message, "out") and "File too large" in message
    assert digest(out) == before
    assert sorted(os.listdir(out)) == sorted(os.listdir(previous_build))  # no scratch folder left behind


def _mount_tmpfs(folder: Path, size: str) -> bool:
    """Mount a file system of ``size`` on ``folder``, if this process may (root with the capability)."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          capture_output=True, check=False)
    return done.returncode == 0


@pytest.mark.parametrize("size", ["64k", "600k"])  # full before the store opens; full while writing files
def test_full_disk(size, tmp_path, cli):
    """A build on a full file system; where no file system can be mounted, a file-size limit stands in."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = _mount_tmpfs(disk, size)
    limit = None if mounted else (lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (int(size[:-1]) * 1024,) * 2))
    try:
        message = refused(cli("build", "--out", str(disk / "out"), "--no-analysis", "--no-render", cwd=tmp_path,
                              preexec_fn=limit))
        assert names(message, disk / "out")
        reasons = ("No space left on device", "disk is full") if mounted else ("File too large",)
        assert any(reason in message for reason in reasons)
        assert [p for p in (disk / "out").rglob("*") if p.is_file() and not p.name.startswith(".")] == []
    finally:
        if mounted:
            subprocess.run(["umount", str(disk)], check=True)
