"""Which sources a command reads: the bundled dataset, the given ones, or both when asked."""

from __future__ import annotations

from click.testing import CliRunner

from helixgraph.cli import cli

EXTRA = """\
source:
  id: extra-note
  title: {en: "A note that adds one hospital"}
  publisher: Test Desk
  issued: 2026-02-01
  language: en
records:
  - id: test-clinic
    type: Hospital
    para: 1
    label: {en: Test clinic}
    sector: Healthcare
"""


def test_given_sources_replace_the_bundled_ones_unless_with_bundled(tmp_path):
    extra = tmp_path / "extra.yaml"
    extra.write_text(EXTRA, encoding="utf-8")
    runner = CliRunner()
    alone = runner.invoke(cli, ["validate", "--sources", str(extra)])
    assert alone.exit_code == 0, alone.output
    assert alone.output.startswith("1 source(s) load and conform")
    both = runner.invoke(cli, ["validate", "--sources", str(extra), "--with-bundled"])
    assert both.exit_code == 0, both.output
    assert both.output.startswith("3 source(s) load and conform")


def test_repeated_sources_flag_reads_each_path(tmp_path):
    one, two = tmp_path / "one.yaml", tmp_path / "two.yaml"
    one.write_text(EXTRA, encoding="utf-8")
    two.write_text(EXTRA.replace("extra-note", "second-note").replace("test-clinic", "other-clinic"),
                   encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", "--sources", str(one), "--sources", str(two)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("2 source(s) load and conform")
