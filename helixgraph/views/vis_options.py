"""The vis-network options of the explorer: no physics (positions are given), hover tooltips, fonts."""

from __future__ import annotations

__all__ = ["vis_options"]

#: Fonts that draw Chinese labels on the canvas, first match wins.
FONT_FACE = "'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', 'PingFang SC', sans-serif"


def vis_options(edges: int) -> dict:
    """vis-network options for a page with ``edges`` edges (many edges are hidden while dragging or zooming).

    >>> options = vis_options(3000)
    >>> options["physics"], options["interaction"]["hideEdgesOnDrag"], options["interaction"]["hideEdgesOnZoom"]
    ({'enabled': False}, True, False)
    """
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": edges > 2000,
            "hideEdgesOnZoom": edges > 5000,
            "navigationButtons": False,
            "keyboard": False,
        },
        "nodes": {"font": {"face": FONT_FACE, "size": 14, "color": "#1f2933"}, "borderWidth": 1},
        "edges": {
            "smooth": False,
            "color": {"color": "#9aa5b1", "highlight": "#1f2933", "hover": "#52606d", "inherit": False},
            "font": {"face": FONT_FACE, "size": 10, "color": "#52606d", "strokeWidth": 3, "align": "middle"},
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "selectionWidth": 2,
        },
    }
