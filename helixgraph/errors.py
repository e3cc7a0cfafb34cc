"""The project's errors.

Every error helixgraph raises on purpose derives from :class:`HelixError`. The command line turns
them into a message and an exit code: 2 for bad input or a failed tool, 1 for data that loads but
breaks a SHACL shape (the convention pySHACL uses).
"""

from __future__ import annotations

import reprlib
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "AnalysisError",
    "EndpointError",
    "HelixError",
    "LoadError",
    "LoadErrors",
    "MissingDependencyError",
    "OntologyError",
    "OptionError",
    "OutputError",
    "QueryError",
    "RenderError",
    "StoreError",
    "ValidationError",
]


class _ShortRepr(reprlib.Repr):
    """reprlib's shortening, applied to subclasses of the built-in containers and text as well."""

    def repr1(self, x: object, level: int) -> str:
        for base in (dict, list, tuple, set, frozenset, str, int):
            if isinstance(x, base) and type(x) is not base and not isinstance(x, bool):
                return getattr(self, f"repr_{base.__name__}")(x, level)
        return super().repr1(x, level)


_SHORT = _ShortRepr()
_SHORT.maxstring = _SHORT.maxother = 60
_SHORT.maxlist = _SHORT.maxtuple = _SHORT.maxdict = _SHORT.maxset = 4
_SHORT.maxlevel = 3
_SHORT.maxlong = 40


def short_repr(value: object) -> str:
    """``repr(value)`` cut to a few dozen characters, for quoting input in a message.

    Long text, long or deep lists and maps, and huge numbers are shortened with ``...``, so that
    a message never grows with its input.

    >>> short_repr("x" * 1000)
    "'xxxxxxxxxxxxxxxxxxxxxxxxx...xxxxxxxxxxxxxxxxxxxxxxxxxx'"
    >>> short_repr([[[[1]]]])
    '[[[[...]]]]'
    >>> class Mapping(dict): pass
    >>> short_repr(Mapping(enumerate("abcdefgh")))
    "{0: 'a', 1: 'b', 2: 'c', 3: 'd', ...}"
    """
    try:
        return _SHORT.repr(value)
    except ValueError:  # an int too long to convert to text
        return f"<a number of about {value.bit_length() * 0.30103:.0f} digits>" if isinstance(value, int) \
            else f"<a {type(value).__name__}>"


class HelixError(Exception):
    """Base class of every error helixgraph raises on purpose; raise one of its subclasses."""

    exit_code = 2


class OptionError(HelixError):
    """An option or argument of a command or API call has a value it cannot take.

    >>> str(OptionError("unknown validation engine 'x'; expected 'sparql' or 'pyshacl'"))
    "unknown validation engine 'x'; expected 'sparql' or 'pyshacl'"
    """


class OntologyError(HelixError):
    """The ontology itself is malformed or inconsistent."""


@dataclass
class LoadError(HelixError):
    """A source file could not be turned into triples.

    The attributes name where the problem is and what was expected, so that tests and callers
    can check them and the message can say them.
    """

    message: str
    file: str | None = None
    line: int | None = None
    record: str | None = None
    field: str | None = None
    value: object = None
    expected: str | None = None
    suggestion: str | None = None

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(self.file if self.line is None else f"{self.file}:{self.line}")
        if self.record:
            where.append(f"record {short_repr(self.record)}")
        if self.field:
            where.append(f"field {short_repr(self.field)}")
        text = ", ".join(where)
        text = f"{text}: {self.message}" if text else self.message
        if self.value is not None:
            text += f"; got {short_repr(self.value)}"
        if self.expected:
            text += f"; expected {self.expected}"
        if self.suggestion:
            text += f" (did you mean {self.suggestion!r}?)"
        return text


class LoadErrors(LoadError):
    """Several problems found in one run over the source files, like a compiler's list of errors.

    ``errors`` holds each :class:`LoadError` in the order of file and line; the attributes of the
    first one (``file``, ``line``, ...) are also this error's, so code that looks at one error
    keeps working. ``truncated`` says that checking stopped at the limit and more may follow.
    """

    def __init__(self, errors: Iterable[LoadError], *, truncated: bool = False) -> None:
        self.errors = list(errors)
        self.truncated = truncated
        first = self.errors[0]
        super().__init__(first.message, first.file, first.line, first.record, first.field, first.value,
                         first.expected, first.suggestion)

    def summary(self) -> str:
        """One line counting the errors and the files they are in."""
        files = len({e.file for e in self.errors})
        more = "; stopped there, more may follow" if self.truncated else ""
        return f"{len(self.errors)} errors in {files} file{'s' if files != 1 else ''}{more}"

    def __str__(self) -> str:
        return "\n".join([*(LoadError.__str__(e) for e in self.errors), self.summary()])


class OutputError(HelixError):
    """An output folder cannot be written: not a folder, no permission, a full disk, or another
    process is writing into it."""


class ValidationError(HelixError):
    """The data loaded but breaks one or more SHACL shapes."""

    exit_code = 1

    def __init__(self, violations: list, report_text: str = "") -> None:
        self.violations = violations
        self.report_text = report_text
        lines = [f"{len(violations)} SHACL violation(s):"]
        lines += [f"  - {v}" for v in violations]
        super().__init__("\n".join(lines))


class QueryError(HelixError):
    """A SPARQL query is malformed, unknown, or failed while running.

    For a syntax error, ``line`` and ``column`` (1-based) say where the parser stopped, when the
    parser said so.

    >>> err = QueryError("SPARQL syntax error: expected '}'", line=3, column=7)
    >>> (err.line, err.column)
    (3, 7)
    """

    def __init__(self, message: str, *, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


class StoreError(HelixError):
    """The built store is missing, locked, or unreadable."""


class EndpointError(HelixError):
    """A remote SPARQL endpoint refused a request or sent a broken answer."""


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


class RenderError(HelixError):
    """The explorer or another view cannot be drawn with the options or data given."""


class MissingDependencyError(HelixError):
    """An optional dependency that a feature needs is not installed.

    >>> print(MissingDependencyError("pyshacl", "the pySHACL validator"))
    the pySHACL validator needs pyshacl, which is not installed: pip install 'helixgraph[reference]'
    """

    def __init__(self, package: str, feature: str, extra: str = "reference") -> None:
        self.package = package
        self.feature = feature
        self.extra = extra
        super().__init__(f"{feature} needs {package}, which is not installed: pip install 'helixgraph[{extra}]'")
