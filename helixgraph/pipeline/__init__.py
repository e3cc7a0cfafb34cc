"""The pipeline that ties the layers together: build, re-analysis, rendering, store or endpoint.

Data flows one way: sources (:mod:`helixgraph.loaders`) -> validation (:mod:`helixgraph.shacl`)
-> dataset and store (:mod:`helixgraph.graph`) -> network analysis (:mod:`helixgraph.analysis`)
-> views (:mod:`helixgraph.views`). Only this package knows all of them; the layers below never
import it, and analysis and views never import each other.
"""

from helixgraph.pipeline.analysis_step import (
    analysis_step,
    analyze,
    chance_summary,
    ranked_summary,
    write_csv,
)
from helixgraph.pipeline.build import OUTPUT_FILES, BuildStep, build, load_store
from helixgraph.pipeline.connection import Runner, runner
from helixgraph.pipeline.reanalyze import reanalyze_build
from helixgraph.pipeline.render_step import explorer_network, render_step, render_store
from helixgraph.pipeline.report import BuildReport
from helixgraph.pipeline.sensitivity import leave_one_source_out
from helixgraph.pipeline.serialisations import SERIALISATIONS, write_serialisations

__all__ = [
    "OUTPUT_FILES",
    "SERIALISATIONS",
    "BuildReport",
    "BuildStep",
    "Runner",
    "analysis_step",
    "analyze",
    "build",
    "chance_summary",
    "explorer_network",
    "leave_one_source_out",
    "load_store",
    "ranked_summary",
    "reanalyze_build",
    "render_step",
    "render_store",
    "runner",
    "write_csv",
    "write_serialisations",
]
