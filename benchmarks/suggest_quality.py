"""Measure ``helixgraph suggest`` on the seed article against the bundled curated source of it.

``python -m benchmarks.suggest_quality [ARTICLE]`` (default: ``../shared/seed/article.txt`` beside
the repository, where present) runs the suggester twice and scores each draft with the curation
report against ``helixgraph/data/sources/caixin-2025-10-01.yaml``:

- linking mode, with the bundled graph: the recall of the curated entity mentions;
- discovery mode, with a graph that holds none of that source's entities (no sources at all): the
  share of curated organisations, people and products proposed, of statistics with the right value,
  qualifier and paragraph, and the precision over all candidates.

The article is not part of the project; without it the script says so and stops.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from helixgraph.data import bundled_sources
from helixgraph.suggest import compare_draft, suggest_article

CURATED = Path(bundled_sources()) / "caixin-2025-10-01.yaml"
DEFAULT_ARTICLE = Path(__file__).resolve().parents[1].parent / "shared" / "seed" / "article.txt"
TARGETS = {"key_entities": 0.70, "statistics": 0.90, "precision": 0.50}


def copied_runs(article: str, draft: str, n: int = 8) -> int:
    """How many runs of ``n`` words of the article the draft repeats."""
    def grams(text: str) -> set[str]:
        words = re.findall(r"\w+", text.lower())
        return {" ".join(words[i:i + n]) for i in range(len(words) - n + 1)}

    return len(grams(article) & grams(draft))


def measure(article: Path) -> dict:
    """The curation reports of both modes, and the article's 8-word runs each draft repeats."""
    out = {}
    text = article.read_text(encoding="utf-8")
    for mode, sources in (("linking", None), ("discovery", [])):
        draft = suggest_article(article, sources=sources, issued="2025-10-01", publisher="Caixin Global",
                                source_id="caixin-draft")
        report = compare_draft(draft, CURATED)
        out[mode] = {"report": report, "records": len(draft.records), "copied": copied_runs(text, draft.to_yaml())}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path, default=DEFAULT_ARTICLE)
    parser.add_argument("--json", type=Path, default=None, help="Also write the full reports here.")
    args = parser.parse_args(argv)
    if not args.article.is_file():
        print(f"no article at {args.article}: nothing to measure")
        return 0
    results = measure(args.article)
    linking, discovery = results["linking"]["report"], results["discovery"]["report"]
    rows = [
        ("linking", "curated entity mentions (entity, paragraph) linked", linking.mentions),
        ("discovery", "curated organisations, people and products proposed", discovery.key_entities),
        ("discovery", "statistics with the right value, qualifier and paragraph", discovery.statistics),
        ("discovery", "events and forecasts with the right type and paragraph", discovery.events),
    ]
    print("| mode | measure | found | of | recall |\n| --- | --- | --- | --- | --- |")
    for mode, name, score in rows:
        total = len(score.found) + len(score.missed)
        print(f"| {mode} | {name} | {len(score.found)} | {total} | {score.recall:.0%} |")
    print(f"| discovery | precision over all {discovery.candidates} candidates | "
          f"{round(discovery.precision * discovery.candidates)} | {discovery.candidates} | {discovery.precision:.0%} |")
    print()
    print(discovery.text())
    print(f"\n8-word runs of the article in the drafts: linking {results['linking']['copied']}, "
          f"discovery {results['discovery']['copied']}")
    if args.json:
        args.json.write_text(json.dumps({m: r["report"].to_json() for m, r in results.items()}, indent=2),
                             encoding="utf-8")
    met = (discovery.key_entities.recall >= TARGETS["key_entities"]
           and discovery.statistics.recall >= TARGETS["statistics"] and discovery.precision >= TARGETS["precision"])
    print(f"\ntargets (>= 70% proposed, >= 90% statistics, >= 50% precision): {'met' if met else 'NOT met'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
