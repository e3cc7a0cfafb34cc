"""Collect the problems of a run over source files and report them together, up to a limit."""

from __future__ import annotations

from helixgraph.errors import LoadError, LoadErrors
from helixgraph.loaders.limits import MAX_ERRORS

__all__ = ["ErrorLog"]


class ErrorLog:
    """The :class:`LoadError` s found so far; raises them all at once when asked, or at the limit.

    >>> log = ErrorLog(limit=2)
    >>> log.add(LoadError("b", file="f.yaml", line=9))
    >>> log.add(LoadError("a", file="f.yaml", line=3))
    >>> len(log)
    2
    >>> log.raise_if_any()
    Traceback (most recent call last):
    ...
    helixgraph.errors.LoadErrors: f.yaml:3: a
    f.yaml:9: b
    2 errors in 1 file
    """

    def __init__(self, limit: int = MAX_ERRORS) -> None:
        self.errors: list[LoadError] = []
        self.limit = limit

    def __len__(self) -> int:
        return len(self.errors)

    def add(self, error: LoadError) -> None:
        """Keep ``error`` (or each error of a :class:`LoadErrors`); past the limit, raise them all."""
        for one in error.errors if isinstance(error, LoadErrors) else [error]:
            if len(self.errors) >= self.limit:
                raise self._combined(truncated=True)
            self.errors.append(one)

    def raise_if_any(self) -> None:
        """Raise the errors kept, if any: the error itself when there is one, else :class:`LoadErrors`."""
        if self.errors:
            raise self._combined()

    def _combined(self, *, truncated: bool = False) -> LoadError:
        errors = sorted(self.errors, key=lambda e: (e.file or "", e.line or 0))
        if len(errors) == 1 and not truncated:
            return errors[0]
        return LoadErrors(errors, truncated=truncated)
