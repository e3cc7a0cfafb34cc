"""A reader of an output folder sees one complete build or the previous one, whenever a build stops.

Each write and rename step of the build and of the re-analysis calls
:func:`helixgraph.generations.checkpoint`; these tests interrupt at every one of them (in-process,
and with real SIGKILLs in a child process) and then read the folder as every command does.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import textwrap
from contextlib import contextmanager
from pathlib import Path

import pytest

from helixgraph import generations
from helixgraph.errors import OutputError
from helixgraph.generations import current_generation
from helixgraph.graph.query import query_store
from helixgraph.graph.store import open_store
from helixgraph.pipeline import analysis_step, build, reanalyze_build, render_step

LABEL = """SELECT ?label WHERE { hx:nibs rdfs:label ?label FILTER (lang(?label) = "en") }"""
STEPS = [analysis_step, render_step]


def _relabel(sources: Path, label: str) -> None:
    path = sources / "caixin-2025-10-01.yaml"
    text = path.read_text(encoding="utf-8")
    old = 'en: "National Institute of Biological Sciences, Beijing"'
    assert old in text
    path.write_text(text.replace(old, f"en: {label}"), encoding="utf-8")


def _steps_of_a_build(sources: Path, out: Path, monkeypatch) -> list[str]:
    seen: list[str] = []
    monkeypatch.setattr(generations, "checkpoint", seen.append)
    build([sources], out, steps=STEPS)
    monkeypatch.undo()
    return seen


def _visible_build(out: Path) -> str:
    """What a reader sees: the label of NIBS in the current build, after checking it is complete."""
    folder = current_generation(out)
    assert folder is not None and folder.parent == out / "generations"
    report = json.loads((folder / "build-report.json").read_text(encoding="utf-8"))
    assert set(report["files"]) <= {p.name for p in folder.iterdir()}
    store = open_store(out)
    counts = {g: n for g, n in query_store(
        store, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g").rows}
    assert counts == report["triples_per_graph"], "the store and the report of one build disagree"
    trig = (folder / "ecosystem.trig").read_text(encoding="utf-8")
    (label,) = query_store(store, LABEL).rows[0]
    assert label in trig and label in (folder / "ecosystem.html").read_text(encoding="utf-8")
    if (out / "latest").is_symlink():  # the convenience link names a complete build too
        assert (out / "latest").resolve().parent == (out / "generations").resolve()
        assert (out / "latest" / "build-report.json").is_file()
    return label


@pytest.fixture(scope="module")
def previous_build(tmp_path_factory, request):
    """A source folder and an output folder holding one complete build labelled 'Before'."""
    root = tmp_path_factory.mktemp("atomic")
    sources = root / "sources"
    from helixgraph.data import bundled_sources

    shutil.copytree(bundled_sources(), sources)
    _relabel(sources, "Before")
    build([sources], root / "out", steps=STEPS)
    return sources, root / "out"


def _fresh_copy(previous_build, tmp_path) -> tuple[Path, Path]:
    sources, out = previous_build
    new_sources, new_out = tmp_path / "sources", tmp_path / "out"
    shutil.copytree(sources, new_sources)
    shutil.copytree(out, new_out, symlinks=True)
    _relabel_again = (new_sources / "caixin-2025-10-01.yaml")
    _relabel_again.write_text(_relabel_again.read_text(encoding="utf-8").replace("en: Before", "en: After"),
                              encoding="utf-8")
    return new_sources, new_out


def test_the_build_names_its_write_steps(previous_build, tmp_path, monkeypatch):
    sources, out = _fresh_copy(previous_build, tmp_path)
    steps = _steps_of_a_build(sources, out, monkeypatch)
    assert steps[:2] == ["prepare", "store"]
    assert "step analysis_step" in steps and "step render_step" in steps
    assert steps[-4:] == ["complete", "switch", "link", "clean"]
    assert _visible_build(out) == "After"


def _steps(default: list[str], slow: list[str]) -> list:
    """The steps to stop at: a few in the default tier, every other one in the slow tier."""
    return [*default, *(pytest.param(step, marks=pytest.mark.slow) for step in slow)]


@pytest.mark.parametrize("stop_at", _steps(["store", "complete", "link"],
                                           ["prepare", "step analysis_step", "serialisations", "report",
                                            "switch", "clean"]))
def test_an_interrupted_build_leaves_a_complete_build(previous_build, tmp_path, monkeypatch, stop_at):
    sources, out = _fresh_copy(previous_build, tmp_path)

    def interrupt(step: str) -> None:
        if step == stop_at:
            raise KeyboardInterrupt

    monkeypatch.setattr(generations, "checkpoint", interrupt)
    with pytest.raises(KeyboardInterrupt):
        build([sources], out, steps=STEPS)
    monkeypatch.undo()
    after_switch = stop_at in ("link", "clean")
    assert _visible_build(out) == ("After" if after_switch else "Before")
    # the next build removes the debris and leaves the current build and the one before it
    build([sources], out, steps=STEPS)
    assert _visible_build(out) == "After"
    assert not [p for p in (out / "generations").iterdir() if p.name.startswith(".building-")]
    assert len([p for p in (out / "generations").iterdir() if p.is_dir()]) <= 2


@pytest.mark.parametrize("stop_at", _steps(["serialisations"], ["centrality.csv", "explorer", "switch"]))
def test_an_interrupted_reanalysis_leaves_a_complete_build(previous_build, tmp_path, monkeypatch, stop_at):
    _, out = _fresh_copy(previous_build, tmp_path)
    before = current_generation(out)
    csv_before = (before / "centrality.csv").read_bytes()

    def interrupt(step: str) -> None:
        if step == stop_at:
            raise KeyboardInterrupt

    monkeypatch.setattr(generations, "checkpoint", interrupt)
    with pytest.raises(KeyboardInterrupt):
        reanalyze_build(out, seed=7)  # the run over all sources: it rewrites the CSV and the explorer
    monkeypatch.undo()
    assert current_generation(out) == before
    assert (before / "centrality.csv").read_bytes() == csv_before, "a hard link was edited in place"
    assert _visible_build(out) == "Before"


def test_reanalysis_writes_a_new_generation_with_the_new_run(previous_build, tmp_path):
    _, out = _fresh_copy(previous_build, tmp_path)
    before = current_generation(out)
    reanalyze_build(out, as_of="2025-10-01")
    after = current_generation(out)
    assert after != before and before.is_dir(), "the previous build stays for readers still using it"
    snapshot = "SELECT ?d WHERE { GRAPH <https://w3id.org/helixgraph/graph/analysis-as-of-2025-10-01> { ?run eco:asOfDate ?d } }"
    assert query_store(open_store(out), snapshot).rows == [("2025-10-01",)]
    assert (after / "centrality-as-of-2025-10-01.csv").is_file()
    assert not query_store(open_store(before / "store"), snapshot).rows
    # the run over all sources is kept beside the snapshot, unchanged
    assert (after / "centrality.csv").read_bytes() == (before / "centrality.csv").read_bytes()
    assert query_store(open_store(out), "ASK { GRAPH hxg:analysis { ?run a eco:AnalysisRun } }").boolean
    assert _visible_build(out) == "Before"


def test_a_timeline_keeps_a_snapshot_at_every_source_date(previous_build, tmp_path):
    _, out = _fresh_copy(previous_build, tmp_path)
    reanalyze_build(out, timeline=True)
    runs = query_store(open_store(out), """SELECT ?g ?d ?n WHERE { GRAPH ?g { ?g a eco:AnalysisRun .
        OPTIONAL { ?g eco:asOfDate ?d } ?g eco:setting ?s . ?s rdfs:label "nodes" ; rdf:value ?n } } ORDER BY ?g""").rows
    # the Caixin source (2025-10-01) alone, both sources (2026-01-24), and the run over all sources;
    # the People's Daily source adds no node, only ties and attributes
    assert [(g.rsplit("/", 1)[1], d) for g, d, _ in runs] == [
        ("analysis", None), ("analysis-as-of-2025-10-01", "2025-10-01"), ("analysis-as-of-2026-01-24", "2026-01-24")]
    assert len({n for *_, n in runs}) == 1


_KILLER = textwrap.dedent("""
    import os, signal, sys
    from helixgraph import generations
    from helixgraph.pipeline import analysis_step, build, render_step

    def kill(step):
        if step == sys.argv[3]:
            os.kill(os.getpid(), signal.SIGKILL)

    generations.checkpoint = kill
    build([sys.argv[1]], sys.argv[2], steps=[analysis_step, render_step])
""")


@pytest.mark.parametrize("stop_at", _steps(["complete"], ["step render_step", "link"]))
def test_a_killed_build_leaves_a_complete_build(previous_build, tmp_path, stop_at):
    sources, out = _fresh_copy(previous_build, tmp_path)
    child = subprocess.run([sys.executable, "-c", _KILLER, str(sources), str(out), stop_at],
                           check=False, capture_output=True, text=True, timeout=300)
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert _visible_build(out) == ("After" if stop_at == "link" else "Before")
    build([sources], out, steps=STEPS)
    assert _visible_build(out) == "After"
    assert not [p for p in (out / "generations").iterdir() if p.name.startswith(".building-")]


_HOLDER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from helixgraph.generations import writing

    with writing(sys.argv[1]):
        Path(sys.argv[2]).write_text("holding")
        while not Path(sys.argv[3]).exists():
            time.sleep(0.05)
""")


def test_a_second_writer_is_refused_clearly_while_one_writes(previous_build, tmp_path):
    sources, out = _fresh_copy(previous_build, tmp_path)
    holding, release = tmp_path / "holding", tmp_path / "release"
    holder = subprocess.Popen([sys.executable, "-c", _HOLDER, str(out), str(holding), str(release)])
    try:
        for _ in range(600):
            if holding.exists() or holder.poll() is not None:
                break
            import time

            time.sleep(0.05)
        assert holding.exists(), "the first writer never took the lock"
        with pytest.raises(OutputError, match="another helixgraph process is writing into"):
            build([sources], out, steps=STEPS)
        with pytest.raises(OutputError, match="another helixgraph process is writing into"):
            reanalyze_build(out)
        assert _visible_build(out) == "Before"
    finally:
        release.write_text("go")
        holder.wait(timeout=60)
    build([sources], out, steps=STEPS)
    assert _visible_build(out) == "After"


def test_cli_says_truly_which_build_out_holds_after_ctrl_c(previous_build, tmp_path):
    sources, out = _fresh_copy(previous_build, tmp_path)
    script = textwrap.dedent("""
        import sys
        from helixgraph import generations
        from helixgraph.cli import main

        def interrupt(step):
            if step == sys.argv[1]:
                raise KeyboardInterrupt

        generations.checkpoint = interrupt
        main(sys.argv[2:])
    """)
    for stop_at, says in (("serialisations", "still holds the previous build"),
                          ("link", "the new build was already complete")):
        child = subprocess.run([sys.executable, "-c", script, stop_at, "build", "--sources", str(sources),
                                "--out", str(out)], check=False, capture_output=True, text=True, timeout=300)
        assert child.returncode == 130, child.stderr
        assert says in child.stderr and "Traceback" not in child.stderr


@contextmanager
def _mounted(folder: Path, options: str):
    """A small tmpfs at ``folder`` (read-only, or too small for a build): real file-system failures."""
    folder.mkdir()
    mount = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], check=False,
                           capture_output=True, text=True)
    if mount.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({mount.stderr.strip()}); CI runs as root and can")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def _cli_build(sources: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "helixgraph", "build", "--sources", str(sources),
                           "--out", str(out)], check=False, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("kind", ["a file", "under a file"])
def test_an_out_path_that_is_not_a_folder_is_refused_with_exit_2(sources_copy, tmp_path, kind):
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    out = blocker if kind == "a file" else blocker / "out"
    child = _cli_build(sources_copy, out)
    assert child.returncode == 2, child.stderr
    assert "error: cannot" in child.stderr and str(out) in child.stderr and "Traceback" not in child.stderr
    assert blocker.read_text() == "not a folder"


def test_a_read_only_out_is_refused_with_exit_2(sources_copy, tmp_path):
    with _mounted(tmp_path / "ro", "ro,size=1m") as out:
        child = _cli_build(sources_copy, out)
    assert child.returncode == 2, child.stderr
    assert str(out) in child.stderr and "Traceback" not in child.stderr
    assert "read-only" in child.stderr or "permission denied" in child.stderr


def test_a_full_disk_is_refused_with_exit_2_and_leaves_the_previous_build(sources_copy, tmp_path):
    with _mounted(tmp_path / "small", "size=8m") as out:
        (out / "ballast").write_bytes(b"x" * (7 * 1024 * 1024))
        child = _cli_build(sources_copy, out)
        assert child.returncode == 2, child.stderr
        assert f"cannot write into {out}: the disk is full" in child.stderr and "Traceback" not in child.stderr
        assert current_generation(out) is None
        assert not [p for p in (out / "generations").iterdir()], "a half-written generation was left"


def test_a_generation_no_longer_kept_is_moved_aside_then_deleted_by_a_detached_process(tmp_path, monkeypatch):
    import time

    def not_here(path: Path) -> None:
        assert not path.is_dir(), f"{path} was deleted by the writing process"
        path.unlink(missing_ok=True)

    monkeypatch.setattr(generations, "_remove", not_here)
    out = tmp_path / "out"
    names = []
    for i in range(3):
        with generations.new_generation(out) as folder:
            (folder / "pages").mkdir()
            for n in range(200):
                (folder / "pages" / f"{n}.html").write_text(f"generation {i}", encoding="utf-8")
        names.append(current_generation(out).name)
    kept = sorted(p.name for p in (out / "generations").iterdir() if p.is_dir())
    assert kept == names[1:]  # the current one and the one before it
    assert (out / "generations" / names[1] / "pages" / "7.html").read_text(encoding="utf-8") == "generation 1"
    first = out / f".old-{names[0]}"
    deadline = time.monotonic() + 60  # waiting for the remover, not timing it
    while first.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not first.exists()
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".old-")) == []
