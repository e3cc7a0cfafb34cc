"""hg.explore in a notebook: the build's own page is shown as it is, other pages are drawn once per session."""

from __future__ import annotations

import pytest

import helixgraph as hg
from helixgraph.generations import resolve_output
from helixgraph.pipeline import analysis_step, build, render_step


@pytest.mark.slow
def test_explore_shows_the_page_the_build_wrote_and_keeps_others(tmp_path):
    out = tmp_path / "out"
    build(out=out, steps=[analysis_step, render_step])
    page = (resolve_output(out) / "ecosystem.html").read_text(encoding="utf-8")
    shown = hg.explore(out)
    assert shown.html == page  # no projection, no rendering: the build's file
    community = hg.explore(out, color_by="community")
    assert community.html != page and "Colour: community" in community.html
    assert hg.explore(out, color_by="community", height=300).html is community.html  # drawn once
    saved = community.save(tmp_path / "park.html")
    assert saved.read_text(encoding="utf-8") == community.html
    assert shown._repr_html_().startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;')
