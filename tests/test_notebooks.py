"""The notebooks are stored with their outputs, re-running them gives the same outputs, and the README links them.

Each notebook runs on a fresh ``python3`` kernel whose kernelspec, written for the test, starts
this interpreter (so a ``python3`` kernel elsewhere on the machine cannot be picked up instead),
with a temporary working directory that must stay empty. HTTP(S) proxies point at a closed local
port, so a notebook that tried to download something would fail rather than reach the network.
The stored outputs (written by ``notebooks/refresh.py``) are what a reader browsing the repository
sees; nbval re-runs every notebook and compares each cell's output with the stored one, after
``notebooks/sanitize.cfg`` masks what differs from run to run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "notebooks"
NOTEBOOKS = [
    "01-tour.ipynb",
    "02-translation-pipeline.ipynb",
    "03-network-structure.ipynb",
    "04-extend-the-graph.ipynb",
]
KERNELSPEC = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}

#: For each notebook: (text of the code cell, text its output must contain).
EXPECTED_OUTPUTS = {
    "01-tour.ipynb": [
        ("print(report.summary())", "SHACL validation: conforms, 0 violations"),
        ("hg.query(SOURCES, out=out)", "People's Daily Online"),
        ('hg.query("cq01", out=out)', "hx:huahui-health"),
        ('hg.query("cq18", out=out)', "conditional marketing approval"),
        ('hg.query("cq22", out=out)', "2026-02-01"),
        ('hg.query("cq25", out=out)', "more than"),
        ("hg.query(ROLES, out=out)", "co-founder"),
        ("hg.explore(out)", "<iframe srcdoc="),
    ],
    "02-translation-pipeline.ipynb": [
        ("drop_duplicates()", "Huahui Health"),
        ("hg.query(NAMES, out=out)", "HH-003"),
        ('hg.query("cq20", out=out)', "385"),
        ('hg.query("cq38", out=out)', "fulfilled by"),
        ("known.pivot_table(", "People's Daily Online"),
        ('single[single["class"]', "hx:libevitug-conditional-approval"),
        ('hg.query("cq14", out=out)', "investigated"),
    ],
    "03-network-structure.ipynb": [
        ("print(chance_summary(result))", "Huahui Health: liaison 2; z = 1.21"),
        ("print(chance_summary(result))", "Caveat: only 9 ties"),
        ("network_decisions().splitlines()", "eco:RegulatoryEvent: eco:subject -> eco:regulator"),
        ("per_layer = (edges.groupby(", "CoLocationLayer             True         18    18"),
        ("figures.T.round(2)", "Li Wenhui's research team"),
        ("figures.T.round(2)", "3.75"),
        ("brokerage.overall.round(2)", "8.74"),
        ("brokerage.overall.round(2)", "National Institute of Biological Sciences, Beijing (AcademiaResearch)"),
        ("ei = result.ei_test", "expected under random mixing 0.617; permutation p = 1.000"),
        ("synergy = result.synergy", "-0.197"),
        ("mod = result.modularity_test", "rewirings give 0.463 ± 0.037"),
        ('then = hg.analyze(out, as_of="2025-10-01"', "conditional marketing approval"),
        ('then = hg.analyze(out, as_of="2025-10-01"', "approved_for None -> ['hepatitis-d']"),
        ("def measures(run)", "0.25"),
        ("p = result.parameters", "caveat: only 9 ties: under 50 ties"),
        ("p = result.parameters", "Huahui Health, splits 12 -> 13 components"),
        ('hg.explore(out, color_by="community")', "<iframe srcdoc="),
    ],
    "04-extend-the-graph.ipynb": [
        ("except hg.LoadError", "did you mean 'zgc-life-science-park'"),
        ('EXAMPLE.replace("zgc-life-science-prak"', "3"),
        ('counts[counts["before"]', "Company"),
        ('hg.query("cq28"', "Example Press (fictional)"),
        ('hg.query("cq09"', "hx:example-founder"),
        ("comparison.sort_values(", "Example Founder (fictional)"),
        ('company = "Example Neurotech (fictional)"', "betweenness 0.000"),
        ('hg.explore(workdir / "after")', "<iframe srcdoc="),
    ],
}

#: Code cells that must draw a matplotlib chart.
CHARTS = {
    "02-translation-pipeline.ipynb": ["ax.axvspan("],
    "03-network-structure.ipynb": [
        "ax.barh(",
        "nx.draw_networkx_edges(",
        "result.ei_test.distribution",
        "result.synergy.distribution",
        "result.modularity_test.distribution",
        "ax.set_xticks(range(len(over_time)), over_time.index",
    ],
}


def read(name: str) -> dict:
    return json.loads((FOLDER / name).read_text(encoding="utf-8"))


def cell_with(nb, text: str):
    """The code cell whose source is ``text``, or else the one code cell that contains it."""
    code = [c for c in nb.cells if c.cell_type == "code"]
    cells = [c for c in code if c.source.strip() == text] or [c for c in code if text in c.source]
    assert len(cells) == 1, f"expected one code cell containing {text!r}, found {len(cells)}"
    return cells[0]


def output_text(cell) -> str:
    parts = []
    for output in cell.outputs:
        if output.output_type == "stream":
            parts.append(output.text)
        for mime in ("text/plain", "text/html"):
            parts.append(output.get("data", {}).get(mime, ""))
    return "\n".join(parts)


@pytest.fixture(scope="session")
def jupyter_path(tmp_path_factory) -> Path:
    """A Jupyter data folder whose ``python3`` kernel runs the interpreter running the tests."""
    root = tmp_path_factory.mktemp("jupyter")
    spec = root / "kernels" / "python3"
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    spec.joinpath("kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": "Python 3", "language": "python"}), encoding="utf-8"
    )
    return root


def test_the_notebooks_folder_holds_the_four_notebooks():
    assert sorted(p.name for p in FOLDER.glob("*.ipynb")) == NOTEBOOKS


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_is_stored_with_the_outputs_of_one_run(name):
    nb = read(name)
    assert nb["metadata"] == KERNELSPEC
    title = nb["cells"][0]
    assert title["cell_type"] == "markdown" and "".join(title["source"]).startswith("# ")
    code = [cell for cell in nb["cells"] if cell["cell_type"] == "code"]
    # run once, top to bottom, in one session
    assert [cell["execution_count"] for cell in code] == list(range(1, len(code) + 1))
    for cell in nb["cells"]:
        assert cell.get("metadata", {}) == {}, cell["id"]
        for output in cell.get("outputs", []):
            assert output["output_type"] != "error", (cell["id"], output.get("ename"))
    stored = nbformat_free_read(name)
    for text, expected in EXPECTED_OUTPUTS[name]:
        assert expected in output_text(cell_with(stored, text)), f"stored output of the cell with {text!r}"
    for text in CHARTS.get(name, []):
        outputs = cell_with(stored, text).outputs
        assert any("image/png" in o.get("data", {}) for o in outputs), f"no stored chart from the cell with {text!r}"


def nbformat_free_read(name: str):
    """The notebook as attribute-style cells, without nbformat (the default tier needs no Jupyter)."""

    class Node(dict):
        __getattr__ = dict.get

    def wrap(value):
        if isinstance(value, dict):
            return Node({key: wrap(item) for key, item in value.items()})
        if isinstance(value, list):
            return [wrap(item) for item in value]
        return value

    nb = wrap(read(name))
    for cell in nb.cells:
        cell["source"] = "".join(cell.source) if isinstance(cell.source, list) else cell.source
        for output in cell.get("outputs") or []:
            if isinstance(output.get("text"), list):
                output["text"] = "".join(output["text"])
            for mime, value in (output.get("data") or {}).items():
                if isinstance(value, list):
                    output["data"][mime] = "".join(value)
    return nb


@pytest.mark.slow
@pytest.mark.notebook
def test_rerunning_the_notebooks_gives_their_stored_outputs(jupyter_path, tmp_path):
    pytest.importorskip("nbval")
    pytest.importorskip("ipykernel")
    pytest.importorskip("matplotlib")
    scratch, cwd = tmp_path / "tmp", tmp_path / "cwd"
    scratch.mkdir()
    cwd.mkdir()
    env = {**os.environ, "JUPYTER_PATH": str(jupyter_path), "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
           "TMPDIR": str(scratch), **dict.fromkeys(("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"),
                                                   "http://127.0.0.1:9")}
    env.pop("MPLBACKEND", None)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval", "--nbval-current-env", "--nbval-sanitize-with",
         str(FOLDER / "sanitize.cfg"), "-o", "addopts=", "-p", "no:cacheprovider", "-q",
         *(str(FOLDER / name) for name in NOTEBOOKS)],
        check=False, cwd=cwd, env=env, capture_output=True, text=True, timeout=1800,
    )
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert f"{sum(len([c for c in read(n)['cells'] if c['cell_type'] == 'code']) for n in NOTEBOOKS)} passed" \
        in done.stdout


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_readme_links_every_notebook(name):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"(notebooks/{name})" in readme, f"README.md has no link to notebooks/{name}"


@pytest.mark.notebook
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs(name, jupyter_path, tmp_path, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    pytest.importorskip("matplotlib")

    cwd, scratch = tmp_path / "cwd", tmp_path / "tmp"
    cwd.mkdir()
    scratch.mkdir()
    monkeypatch.setenv("JUPYTER_PATH", str(jupyter_path))
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    monkeypatch.setenv("TMPDIR", str(scratch))  # the notebooks' tempfile.mkdtemp() folders land here
    monkeypatch.delenv("MPLBACKEND", raising=False)  # keep the kernel's inline backend
    for proxy in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.setenv(proxy, "http://127.0.0.1:9")

    nb = nbformat.read(FOLDER / name, as_version=4)
    nbformat.validate(nb)
    client = nbclient.NotebookClient(
        nb, kernel_name="python3", timeout=300, resources={"metadata": {"path": str(cwd)}}
    )
    client.execute()  # raises CellExecutionError, with the cell and traceback, if a cell fails

    for text, expected in EXPECTED_OUTPUTS[name]:
        assert expected in output_text(cell_with(nb, text)), f"output of the cell with {text!r}"
    for text in CHARTS.get(name, []):
        outputs = cell_with(nb, text).outputs
        assert any("image/png" in o.get("data", {}) for o in outputs), f"no chart from the cell with {text!r}"
    assert list(cwd.iterdir()) == [], "the notebook wrote into its working directory"
