"""How much a ranking rests on one source: the analysis rerun with each source left out."""

from __future__ import annotations

import pandas as pd

from helixgraph.analysis.projection import project
from helixgraph.analysis.suite import run_suite
from helixgraph.pipeline.connection import Runner

__all__ = ["leave_one_source_out"]


def _ranks(table: pd.DataFrame, measure: str) -> pd.Series:
    actors = table[table["kind"] == "actor"] if "kind" in table.columns else table
    actors = actors[actors[measure] > 0]  # an actor at zero has no place in a ranking
    ordered = actors.sort_values([measure, "label"], ascending=[False, True])
    return pd.Series(range(1, len(ordered) + 1), index=ordered["iri"].to_list())


def leave_one_source_out(run: Runner, *, measure: str = "betweenness", top: int = 10,
                         as_of: str | None = None, **suite_options) -> pd.DataFrame:
    """Rank the actors by ``measure`` on all sources, then again without each source in turn.

    Returns one row per actor in the top ``top`` of the full ranking or of any ranking without a
    source: its label, its rank on all sources (``rank``), its rank without each source (a column
    per source id; empty where the actor is gone with the source or scores zero), and ``depends_on``: the
    sources without which it leaves the top ``top``. An actor whose place rests on one source
    is a finding of that source, not yet of the ecosystem.

    Examples
    --------
    >>> from helixgraph.pipeline import load_store, runner
    >>> table = leave_one_source_out(runner(store=load_store()), top=3)
    >>> table.loc["https://w3id.org/helixgraph/id/huahui-health", ["rank", "people-daily-2026-01-24"]].tolist()
    [1, 1]
    >>> table.loc["https://w3id.org/helixgraph/id/huahui-health", "depends_on"]
    'caixin-2025-10-01'
    """
    suite_options.setdefault("null_draws", 1)  # the nulls are not what this check is about
    full_network = project(run, as_of=as_of)
    full = run_suite(full_network, modularity_draws=0, **suite_options).table
    labels = full.set_index("iri")["label"]
    ranks = {"rank": _ranks(full, measure)}
    for source in sorted(full_network.graph["sources"]):
        name = source.rsplit("/", 1)[-1]
        network = project(run, as_of=as_of, leave_out=[source])
        ranks[name] = _ranks(run_suite(network, modularity_draws=0, **suite_options).table, measure)
    table = pd.DataFrame(ranks).astype("Int64")
    table = table[(table <= top).fillna(False).any(axis=1)].copy()
    without = [c for c in table.columns if c != "rank"]
    table["depends_on"] = [
        ", ".join(c for c in without if row["rank"] <= top and (pd.isna(row[c]) or row[c] > top)) or None
        for _, row in table.iterrows()
    ]
    table.insert(0, "label", labels.reindex(table.index))
    return table.sort_values(["rank", "label"])
