"""`helixgraph serve` on the bundled dataset answers the README's example from curl and SPARQLWrapper."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from helixgraph.server.oxigraph_server import free_port

pytestmark = pytest.mark.server

README = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def served(server_build):
    """`helixgraph serve` started as a user would, on a free loopback port; stopped afterwards."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "helixgraph", "serve", "--out", str(server_build), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/query", timeout=1)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"helixgraph serve did not start: {process.stdout.read()}") from None
                time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def _readme_block(language: str, containing: str) -> str:
    blocks = re.findall(rf"```{language}\n(.*?)\n```", README, flags=re.DOTALL)
    (block,) = [b for b in blocks if containing in b]
    return block


@pytest.mark.skipif(shutil.which("curl") is None, reason="the README's example uses curl")
def test_readme_curl_example(served):
    command = _readme_block("bash", "curl ").replace("7878", str(served))
    done = subprocess.run(command, shell=True, capture_output=True, text=True, timeout=30, check=True)
    assert done.stdout.splitlines() == ["label", "China's first international research hospital"]


def test_readme_sparqlwrapper_example(served):
    code = _readme_block("python", "SPARQLWrapper").replace("7878", str(served))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {})  # noqa: S102 - the README's own example
    assert out.getvalue().strip() == "2"


def test_readme_shell_query_example(server_build):
    command = _readme_block("bash", 'helixgraph query "SELECT').replace(".venv/bin/helixgraph",
                                                                         f"{sys.executable} -m helixgraph")
    done = subprocess.run(f"{command} --out {server_build}", shell=True, capture_output=True, text=True,
                          check=True)
    assert "China's first international research hospital" in done.stdout
    assert "(1 row)" in done.stdout


def test_readme_parameterised_query_example(server_build):
    command = _readme_block("bash", "helixgraph query entity-timeline").replace(
        ".venv/bin/helixgraph", f"{sys.executable} -m helixgraph")
    done = subprocess.run(f"{command} --out {server_build} --format csv", shell=True, capture_output=True,
                          text=True, check=True)
    events = [line.split(",")[0].rsplit("/", 1)[1] for line in done.stdout.splitlines()[1:]]
    # as of 2026-01-01 the approval, reported on 2026-01-24, is not yet known
    assert events == ["libevitug-btd-china", "libevitug-btd-us", "libevitug-nda-accepted",
                      "libevitug-priority-review"]
