"""Read an article (plain text, Markdown or HTML) into numbered paragraphs, as curators count them.

Curated sources cite paragraphs by number, paragraph 1 being the first line of text: in a plain
text file every non-blank line is a paragraph. In Markdown a paragraph is a block between blank
lines (headings and list items are blocks of their own), with the markup removed. In HTML each
``<p>``, heading, list item, table cell or ``<blockquote>`` is one; scripts and styles are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from helixgraph.errors import LoadError
from helixgraph.loaders.text_file import read_text

__all__ = ["Paragraph", "paragraphs_of", "read_article"]

_BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "blockquote", "dd", "dt", "figcaption"}
_SKIP_TAGS = {"script", "style", "noscript", "template"}
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKS = re.compile(r"(^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+)|[*_`]{1,3}")


@dataclass(frozen=True)
class Paragraph:
    """One paragraph's number (from 1) and text."""

    number: int
    text: str


class _Blocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._open: list[str] | None = None
        self._skip = 0
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            if self._depth == 0:
                self._open = []
            self._depth += 1
        elif tag == "br" and self._open is not None:
            self._open.append(" ")

    def handle_endtag(self, tag):
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS and self._depth:
            self._depth -= 1
            if self._depth == 0 and self._open is not None:
                self.blocks.append("".join(self._open))
                self._open = None

    def handle_data(self, data):
        if self._open is not None and not self._skip:
            self._open.append(data)


def _clean(text: str) -> str:
    return " ".join(text.split())


def _markdown_blocks(text: str) -> list[str]:
    blocks, current = [], []
    for line in text.splitlines():
        starts_block = re.match(r"\s{0,3}(#{1,6}\s|[-*+]\s|\d+[.)]\s)", line)
        if not line.strip() or starts_block:
            if current:
                blocks.append(" ".join(current))
            current = []
        if line.strip():
            current.append(line)
            if starts_block and line.lstrip().startswith("#"):
                blocks.append(" ".join(current))
                current = []
    if current:
        blocks.append(" ".join(current))
    return [_MD_MARKS.sub("", _MD_LINK.sub(r"\1", b)) for b in blocks]


def paragraphs_of(text: str, kind: str = "text") -> list[Paragraph]:
    """Number the paragraphs of ``text``; ``kind`` is ``text``, ``markdown`` or ``html``.

    >>> [(p.number, p.text) for p in paragraphs_of("\\nFirst line.\\n\\nSecond line.\\n")]
    [(1, 'First line.'), (2, 'Second line.')]
    >>> [p.text for p in paragraphs_of("# Title\\nsome *words*\\nwrapped\\n\\n- item", "markdown")]
    ['Title', 'some words wrapped', 'item']
    >>> [p.text for p in paragraphs_of("<h1>T</h1><script>x</script><p>A &amp; <b>B</b></p>", "html")]
    ['T', 'A & B']
    """
    if kind == "html":
        parser = _Blocks()
        parser.feed(text)
        parser.close()
        blocks = parser.blocks
    elif kind == "markdown":
        blocks = _markdown_blocks(text)
    else:
        blocks = text.splitlines()
    cleaned = [_clean(b) for b in blocks]
    return [Paragraph(i, t) for i, t in enumerate((t for t in cleaned if t), start=1)]


def read_article(path: str | Path) -> list[Paragraph]:
    """Read an article file; the kind is told by its ending (``.html``/``.htm``, ``.md``, else text).

    Raises :class:`~helixgraph.errors.LoadError` for a file that cannot be read or holds no text.

    >>> import tempfile
    >>> page = Path(tempfile.mkdtemp()) / "news.html"
    >>> _ = page.write_text("<h1>Park news</h1><p>First.</p><p>Second.</p>", encoding="utf-8")
    >>> [(p.number, p.text) for p in read_article(page)]
    [(1, 'Park news'), (2, 'First.'), (3, 'Second.')]
    """
    path = Path(path)
    text = read_text(path)
    suffix = path.suffix.lower()
    kind = "html" if suffix in (".html", ".htm", ".xhtml") else "markdown" if suffix in (".md", ".markdown") \
        else "text"
    found = paragraphs_of(text, kind)
    if not found:
        raise LoadError("the article holds no text", file=str(path), expected="a text, Markdown or HTML article")
    return found
