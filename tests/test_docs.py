"""The README stays true: every command is documented, the two set-up commands lead it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from helixgraph.cli import cli
from helixgraph.graph.catalog import named_queries

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help_with_an_example_and_is_in_the_readme(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output and f"helixgraph {name}" in result.output
    assert f"`helixgraph {name}" in README


def test_readme_opens_with_the_build_and_test_commands():
    blocks = re.findall(r"```bash\n(.*?)\n```", README, flags=re.DOTALL)
    assert blocks[0] == "python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/helixgraph build"
    assert blocks[1] == "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/pytest"


def test_ci_runs_the_readme_test_command():
    ci = (Path(__file__).parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/pytest" in ci


def test_ci_runs_the_slow_tier_the_readme_documents():
    ci = (Path(__file__).parents[1] / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    default = ci.index("python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/pytest")
    assert ".venv/bin/pytest -m slow" in ci[default + 1:]
    assert "`.venv/bin/pytest -m slow`" in README


def test_readme_names_every_competency_question_it_claims():
    shipped = {int(q.competency_question) for q in named_queries().values() if q.competency_question}
    mentioned = {int(n) for n in re.findall(r"`cq(\d\d)`", README)}
    assert mentioned == shipped


def test_readme_shows_every_network_decision_of_the_ontology():
    from helixgraph.ontology.ties import decision_table

    for row in decision_table():
        assert "| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" in README, row


def test_readme_shows_what_analyze_prints_on_the_bundled_data(built, tmp_path):
    import shutil

    from click.testing import CliRunner

    from helixgraph.cli import cli

    out = tmp_path / "out"
    shutil.copytree(built, out, symlinks=True)
    printed = CliRunner().invoke(cli, ["analyze", "--out", str(out)])
    assert printed.exit_code == 0, printed.output
    start = README.index("Coverage: 2 source(s)")
    shown = README[start:README.index("```", start)].strip().splitlines()
    assert len(shown) >= 8
    for line in shown:
        assert line in printed.output.splitlines(), line
