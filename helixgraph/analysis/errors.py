"""The error the analysis package raises."""

from __future__ import annotations

from dataclasses import dataclass

from helixgraph.errors import HelixError

__all__ = ["AnalysisError"]


@dataclass
class AnalysisError(HelixError):
    """An analysis was asked for something it cannot compute.

    The attributes name the offending argument, its value and what was expected, so that
    callers and tests can check them.

    Examples
    --------
    >>> err = AnalysisError("unknown engine", parameter="engine", value="gpu", expected="'auto'")
    >>> str(err)
    "unknown engine: engine='gpu'; expected 'auto'"
    >>> err.parameter
    'engine'
    """

    message: str
    parameter: str | None = None
    value: object = None
    expected: str | None = None

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        text = self.message
        if self.parameter is not None:
            text += f": {self.parameter}={self.value!r}"
        if self.expected:
            text += f"; expected {self.expected}"
        return text
