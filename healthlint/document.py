"""The parsed article: prose blocks whose text keeps an offset map back to the source file.

Readers (healthlint.parse) build blocks with TextBuilder; rules only ever see block text and
return spans into it; the engine maps spans back with Block.source_span.
"""
from __future__ import annotations

import bisect
from collections import namedtuple

from .finding import Frozen, Value, field, setfield, value

# Non-prose inline content (inline code, bare URLs) becomes this one character, so that words on
# either side stay apart and no rule can match inside it.
PLACEHOLDER = "\ufffc"

BLOCK_KINDS = ("heading", "paragraph", "list_item", "table_cell", "blockquote", "image_alt", "title")


class TextBuilder:
    """Accumulates block text while recording where every character came from.

    A segment (text_start, src_start, text_len, src_len) is either a verbatim copy
    (text_len == src_len) or an atomic replacement such as an entity `&amp;` -> `&`.
    """

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.segments: list[tuple[int, int, int, int]] = []

    def copy(self, text: str, src_start: int) -> None:
        """Append text that appears verbatim in the source at src_start."""
        if not text:
            return
        segs = self.segments
        if segs:
            t0, s0, tl, sl = segs[-1]
            if tl == sl and t0 + tl == self.length and s0 + sl == src_start:
                segs[-1] = (t0, s0, tl + len(text), sl + len(text))
                self.parts.append(text)
                self.length += len(text)
                return
        segs.append((self.length, src_start, len(text), len(text)))
        self.parts.append(text)
        self.length += len(text)

    def replace(self, text: str, src_start: int, src_end: int) -> None:
        """Append text that stands for source[src_start:src_end] as a whole (entity, soft break)."""
        if not text:
            return
        self.segments.append((self.length, src_start, len(text), src_end - src_start))
        self.parts.append(text)
        self.length += len(text)

    def text(self) -> str:
        return "".join(self.parts)


@value
class Link(Value):
    start: int  # span of the link text in block text
    end: int
    href: str

    def __init__(self, start: int, end: int, href: str):
        setfield(self, "start", start)
        setfield(self, "end", end)
        setfield(self, "href", href)


@value
class Comment(Value):
    """An HTML comment (or, in plain text, a comment-like line) at source[start:end]."""

    start: int
    end: int
    body: str  # text between <!-- and -->

    def __init__(self, start: int, end: int, body: str):
        setfield(self, "start", start)
        setfield(self, "end", end)
        setfield(self, "body", body)


@value
class Block(Frozen):
    kind: str
    text: str
    segments: tuple[tuple[int, int, int, int], ...]
    links: tuple[Link, ...] = ()
    index: int = 0  # position among the document's blocks

    def __init__(self, kind: str, text: str, segments: tuple[tuple[int, int, int, int], ...],
                 links: tuple[Link, ...] = (), index: int = 0):
        setfield(self, "kind", kind)
        setfield(self, "text", text)
        setfield(self, "segments", segments)
        setfield(self, "links", links)
        setfield(self, "index", index)

    @classmethod
    def build(cls, kind: str, builder: TextBuilder, links=(), index: int = 0) -> "Block":
        return cls(kind, builder.text(), tuple(builder.segments), tuple(links), index)

    def _segment(self, i: int) -> tuple[int, int, int, int]:
        starts = self._starts
        k = bisect.bisect_right(starts, i) - 1
        return self.segments[max(k, 0)]

    @property
    def _starts(self) -> list[int]:
        cached = self.__dict__.get("_starts_cache")
        if cached is None:
            cached = [s[0] for s in self.segments]
            object.__setattr__(self, "_starts_cache", cached)
        return cached

    def source_offset(self, i: int) -> int:
        """Source offset where block character i starts."""
        if not self.segments:
            return 0
        t0, s0, tl, sl = self._segment(i)
        if tl == sl:
            return s0 + min(i - t0, tl)
        return s0 if i < t0 + tl else s0 + sl

    def source_end(self, i: int) -> int:
        """Source offset just after block character i - 1 (the exclusive end of a span ending at i)."""
        if i <= 0 or not self.segments:
            return self.source_offset(0)
        t0, s0, tl, sl = self._segment(i - 1)
        if tl == sl:
            return s0 + (i - t0)
        return s0 + sl

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        start = max(0, min(start, len(self.text)))
        end = max(start, min(end, len(self.text)))
        if end == start:
            s = self.source_offset(start)
            return s, s
        return self.source_offset(start), self.source_end(end)


class Sentence(namedtuple("Sentence", "block start end")):
    """A sentence of a block: block text[start:end]. A named tuple: half the cost of a frozen
    value class, and ~10 are made per 100 words."""

    __slots__ = ()

    @property
    def text(self) -> str:
        return self.block.text[self.start:self.end]


@value
class Document(Frozen):
    path: str
    format: str  # "text" | "markdown" | "html"
    text: str  # the decoded source
    blocks: tuple[Block, ...]
    front_matter: dict = field(default_factory=dict)
    front_matter_span: tuple[int, int] | None = None
    comments: tuple[Comment, ...] = ()
    # Source ranges that are not prose (code, front matter, script/style): suppression comments
    # and rules must ignore them.
    ignored: tuple[tuple[int, int], ...] = ()
    title: str | None = None

    def __init__(self, path: str, format: str, text: str, blocks: tuple[Block, ...], front_matter: dict | None = None,
                 front_matter_span: tuple[int, int] | None = None, comments: tuple[Comment, ...] = (),
                 ignored: tuple[tuple[int, int], ...] = (), title: str | None = None):
        setfield(self, "path", path)
        setfield(self, "format", format)
        setfield(self, "text", text)
        setfield(self, "blocks", blocks)
        setfield(self, "front_matter", {} if front_matter is None else front_matter)
        setfield(self, "front_matter_span", front_matter_span)
        setfield(self, "comments", comments)
        setfield(self, "ignored", ignored)
        setfield(self, "title", title)
