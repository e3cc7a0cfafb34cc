"""YARRRML templates: text with ``$(column)`` references, filled from one table row.

>>> t = Template.parse("company-$(code)")
>>> t.columns, t.fill({"code": "a1"})
(('code',), 'company-a1')
>>> Template.parse("Industry").is_constant
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Template"]

_REFERENCE = re.compile(r"\$\(([^()]+)\)")


@dataclass(frozen=True)
class Template:
    """Literal text and column references, in order: ``parts`` alternates text and column names."""

    text: str
    parts: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> Template:
        """Split ``text`` at its ``$(...)`` references; a template without one is a constant."""
        return cls(text, tuple(_REFERENCE.split(text)))

    @property
    def columns(self) -> tuple[str, ...]:
        """The columns referenced, in order."""
        return self.parts[1::2]

    @property
    def is_constant(self) -> bool:
        return len(self.parts) == 1

    @property
    def is_single_reference(self) -> bool:
        """Whether the template is one ``$(column)`` and nothing else: its value keeps the cell's type."""
        return len(self.parts) == 3 and self.parts[0] == "" and self.parts[2] == ""

    def fill(self, row: dict) -> object:
        """The template's value for ``row`` (a mapping of column to cell); None if a referenced cell is empty.

        A single reference gives the cell itself (a number stays a number); text around references
        gives text.

        >>> Template.parse("$(n)").fill({"n": 7}), Template.parse("x-$(n)").fill({"n": None})
        (7, None)
        """
        if self.is_constant:
            return self.text
        if self.is_single_reference:
            value = row[self.parts[1]]
            return None if _empty(value) else value
        out = []
        for i, part in enumerate(self.parts):
            if i % 2 == 0:
                out.append(part)
                continue
            value = row[part]
            if _empty(value):
                return None
            out.append(str(value))
        return "".join(out)


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
