"""Each file of this folder is a kind of input that once crashed or exhausted the loaders.

The command line must refuse every one with exit 2 and a message naming the file and line, print
no traceback, and leave a previous build's outputs byte for byte as they were.
"""

from __future__ import annotations

import os
import shutil
from importlib import resources
from pathlib import Path

import pytest

HERE = Path(__file__).parent
#: The source files shipped with helixgraph.
BUNDLED = Path(str(resources.files("helixgraph") / "data" / "sources"))

#: file -> (line the first error names, words the message must hold)
EXPECTED = {
    "impossible-date.yaml": (6, "not a day of the calendar: day is out of range for month"),
    "year-zero.yaml": (14, "not a day of the calendar: year 0 is out of range"),
    "language-underscore.yaml": (12, "'zh_CN' is not a language tag"),
    "language-markup.yaml": (7, "'en>x' is not a language tag"),
    "language-key-newline.yaml": (12, "'en\\n' is not a language tag"),
    "id-newline.yaml": (9, "bad id; got 'acme\\n'"),
    "source-id-newline.yaml": (3, "bad id; got 'adversarial\\n'"),
    "deep-nesting.yaml": (14, "nested more than 64 levels deep"),
    "deep-nesting.jsonl": (2, "nested more than 64 levels deep"),
    "alias-bomb.yaml": (9, "aliases ('*name') expand to more than 10000 values"),
    "huge-exponent.yaml": (20, "a number with 1000000000 digits before the point"),
    "long-integer.yaml": (20, "a number of 10000 characters; at most 40"),
    "long-integer.jsonl": (3, "a number of 10000 characters; at most 40"),
    "misspelt-required-field.yaml": (12, "did you mean 'label'?"),
    "control-character.yaml": (12, "U+0001 is not allowed"),
    "latin1.yaml": (12, "not valid UTF-8: byte 0xf6 at byte offset 254"),
    "lone-surrogate.jsonl": (2, "half of a surrogate pair"),
    "many-errors.yaml": (10, "unknown class; got 'Compnay'"),
}
CORPUS = sorted(p.name for p in HERE.iterdir() if p.suffix in (".yaml", ".jsonl"))


def test_every_corpus_file_has_an_expectation():
    assert CORPUS == sorted(EXPECTED)


@pytest.mark.parametrize("name", CORPUS)
def test_validate_refuses_with_file_and_line(name, tmp_path, cli):
    shutil.copy(HERE / name, tmp_path / name)
    result = cli("validate", "--sources", name, cwd=tmp_path)
    line, words = EXPECTED[name]
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"error: {name}:{line}"), first
    assert words in first
    assert len(result.stderr) < 2000  # nothing expanded or quoted in full
    assert result.stdout == ""


def test_many_errors_are_listed_one_a_line_with_a_count(tmp_path, cli):
    shutil.copy(HERE / "many-errors.yaml", tmp_path / "many-errors.yaml")
    result = cli("validate", "--sources", "many-errors.yaml", cwd=tmp_path)
    lines = result.stderr.splitlines()
    assert result.returncode == 2
    assert [ln.split(",")[0] for ln in lines[:-1]] == [
        "error: many-errors.yaml:10", "error: many-errors.yaml:18", "error: many-errors.yaml:19",
        "error: many-errors.yaml:20"]
    assert "did you mean 'Industry'" in lines[1] and "month must be in 1..12" in lines[2] and "'para'" in lines[3]
    assert lines[-1] == "4 errors in 1 file"


@pytest.mark.parametrize(("name", "after_bundled"), [
    ("alias-bomb.yaml", False), ("impossible-date.yaml", False), ("id-newline.yaml", False),
    ("many-errors.yaml", True),  # the bundled sources convert fine and are loaded before the bad file fails
])
def test_build_refuses_and_leaves_previous_outputs_as_they_were(name, after_bundled, previous_build, tmp_path,
                                                                cli, digest):
    out = tmp_path / "out"
    shutil.copytree(previous_build, out)
    before = digest(out)
    assert any(k.endswith("ecosystem.trig") for k in before) and any("store" in k for k in before)
    sources = ["--sources", str(BUNDLED)] if after_bundled else []
    result = cli("build", *sources, "--sources", str(HERE / name), "--out", str(out), cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"{HERE / name}:{EXPECTED[name][0]}" in result.stderr
    assert digest(out) == before
    assert sorted(os.listdir(out)) == sorted(os.listdir(previous_build))
