"""What a build produced: counts per source and class, the validation result, the files written."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["BuildReport"]


@dataclass
class BuildReport:
    """What a build produced: counts per source and class, validation result, files written.

    >>> report = BuildReport(out=Path("out"), sources={"s": "s.yaml"}, triples_per_graph={"g": 3})
    >>> report.total_triples
    3
    >>> report.summary().splitlines()[0]
    'Built 3 triples from 1 source(s) into out/'
    """

    out: Path
    sources: dict[str, str] = field(default_factory=dict)
    triples_per_graph: dict[str, int] = field(default_factory=dict)
    entities_per_class: dict[str, int] = field(default_factory=dict)
    violations: list = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: Seconds each stage of the build took, in the order they ran (see :mod:`helixgraph.progress`).
    stages: dict[str, float] = field(default_factory=dict)
    #: Processor seconds (all threads) of each stage.
    stages_cpu: dict[str, float] = field(default_factory=dict)
    #: Statements with evidence of their own (a reified statement), and those of them the curator added.
    evidence: dict[str, int] = field(default_factory=dict)
    #: The name of the output folder's generation the build wrote (see :mod:`helixgraph.generations`).
    generation: str | None = None

    @property
    def total_triples(self) -> int:
        """Triples in all graphs, the ontology's and the analysis graph included."""
        return sum(self.triples_per_graph.values())

    def summary(self) -> str:
        """A plain-text summary for the terminal."""
        lines = [f"Built {self.total_triples} triples from {len(self.sources)} source(s) into {self.out}/", ""]
        lines.append("Triples per graph:")
        width = max((len(g) for g in self.triples_per_graph), default=0)
        lines += [f"  {g.ljust(width)}  {n:>8}" for g, n in self.triples_per_graph.items()]
        lines += ["", "Entities per class:"]
        width = max((len(c) for c in self.entities_per_class), default=0)
        lines += [f"  {c.ljust(width)}  {n:>8}" for c, n in self.entities_per_class.items()]
        lines += ["", f"SHACL validation: {'conforms, 0 violations' if not self.violations else 'FAILED'}"]
        if self.evidence:
            own, curator = self.evidence.get("own evidence", 0), self.evidence.get("added by the curator", 0)
            lines.append(f"Evidence: {own} statement(s) cite their own paragraphs or words; {curator} of them "
                         f"the curator added (--stated-only leaves those out), {own - curator} the sources state.")
        lines += self.notes
        where = f"{self.out}/latest (generation {self.generation})" if self.generation else f"{self.out}/"
        lines += ["", f"Wrote into {where}: " + ", ".join(self.files)]
        return "\n".join(lines)

    def to_json(self) -> dict:
        """The report as the JSON object ``build-report.json`` holds."""
        return {
            "sources": self.sources,
            "triples_per_graph": self.triples_per_graph,
            "entities_per_class": self.entities_per_class,
            "violations": [str(v) for v in self.violations],
            "files": self.files,
            "stages": self.stages,
            "stages_cpu": self.stages_cpu,
            "evidence": self.evidence,
        }
