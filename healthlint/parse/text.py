"""Plain-text reader, plus ProseWriter and find_urls, which the Markdown and HTML readers share.

Every reader locates each piece of prose in the source and hands it to a ProseWriter, which
owns the rules all formats agree on: whitespace never leaks \\n \\r \\t into block text, blocks
come out trimmed, bare URLs become one PLACEHOLDER with a Link.
"""
from __future__ import annotations

import bisect
import re

from ..document import PLACEHOLDER, Block, Comment, Document, Link, TextBuilder
from .frontmatter import split_front_matter

# ---------------------------------------------------------------------------------------------
# Shared: bare URLs

_URL = re.compile(r"(?:\b[Hh][Tt][Tt][Pp][Ss]?://|(?<![\w.@/-])[Ww][Ww][Ww]\.)[^\s<>\"\u00a0\ufffc]+")
_URL_HINT = re.compile(r"://|[Ww]{3}\.")
_TRAILING = ".,;:!?'\"*_"
_OPENER = {")": "(", "]": "[", "}": "{"}


def find_urls(text: str) -> list[tuple[int, int]]:
    """Spans of bare URLs, without trailing punctuation or an unbalanced closing bracket."""
    spans = []
    for m in _URL.finditer(text):
        s, e = m.span()
        body = text.index("://", s) + 3 if "://" in m.group() else s + 4  # URL must go past this
        # Unmatched closers, counted once: "(see https://x.org/a)" - the ")" is the sentence's.
        excess = {c: text.count(c, s, e) - text.count(o, s, e) for c, o in _OPENER.items()}
        while e > body:
            ch = text[e - 1]
            if ch in _TRAILING:
                e -= 1
            elif excess.get(ch, 0) > 0:
                excess[ch] -= 1
                e -= 1
            else:
                break
        if e > body:
            spans.append((s, e))
    return spans


# ---------------------------------------------------------------------------------------------
# Shared: the block text writer

_WS_RUN = re.compile(r"[ \t\n\r\f\v]+")
# The whitespace a piece of prose needs rewritten; anything else is copied in one piece.
# Keep mode: runs holding a break or tab, and leading/trailing spaces (deferred for trimming).
_REWRITE_KEEP = re.compile(r" *[\t\n\r\f\v][ \t\n\r\f\v]*|^ +| +$")
# Collapse mode: also every run longer than one space.
_REWRITE_COLLAPSE = re.compile(r"[ \t\n\r\f\v]{2,}|[\t\n\r\f\v]|^ | $")


class ProseWriter:
    """Builds one block. Whitespace is deferred so that it is only written between content.

    collapse=False (text, Markdown): runs of plain spaces are kept as in the source; any run
    holding a line break or tab becomes one space. collapse=True (HTML): every whitespace run
    becomes one space.
    Text and entity pieces are buffered into a run so bare-URL detection sees them joined
    (an `&amp;` inside a URL does not cut it short).
    """

    def __init__(self, src: str, collapse: bool = False):
        self.src = src
        self.collapse = collapse
        self.builder = TextBuilder()
        self.links: list[Link] = []
        self._rewrite = _REWRITE_COLLAPSE if collapse else _REWRITE_KEEP
        self._run: list[tuple[str, int, int, bool]] = []  # (text, src_start, src_end, verbatim)
        self._gap: tuple[int, int] | None = None
        self._marks: list[list] = []  # open links: [text_start or None, href]
        self._waiting: list[list] = []  # marks with no start yet: set by the next written content

    # --- input ---------------------------------------------------------------------------
    def text(self, text: str, start: int) -> None:
        """Prose that appears verbatim at source[start:start + len(text)]."""
        if text:
            self._run.append((text, start, start + len(text), True))

    def entity(self, text: str, start: int, end: int) -> None:
        """Prose that stands for source[start:end] as a whole (entity, escape fallback)."""
        if text:
            self._run.append((text, start, end, False))

    def space(self, start: int, end: int) -> None:
        """A word break (line break, <br>, an image) spanning source[start:end]."""
        self._flush_run()
        self._space(start, end)

    def placeholder(self, start: int, end: int, href: str | None = None) -> None:
        """Non-prose inline content (code, autolink) at source[start:end]."""
        self._flush_run()
        self._put(PLACEHOLDER, start, end, False)
        if href is not None:
            n = self.builder.length
            self.links.append(Link(n - 1, n, href))

    def open_link(self, href: str) -> None:
        self._flush_run()
        mark = [None, href]
        self._marks.append(mark)
        self._waiting.append(mark)

    def close_link(self) -> None:
        self._flush_run()
        if self._marks:
            self._close(self._marks.pop())

    @property
    def has_content(self) -> bool:
        return bool(self.builder.length or self._run)

    def finish(self, kind: str, index: int) -> Block | None:
        """The block, trimmed; None if it holds no prose."""
        self._flush_run()
        self._gap = None  # trailing whitespace is dropped
        while self._marks:
            self._close(self._marks.pop())
        if not self.builder.length:
            return None
        self.links.sort(key=lambda link: link.start)
        return Block.build(kind, self.builder, self.links, index)

    # --- internals -------------------------------------------------------------------------
    def _close(self, mark: list) -> None:
        start, href = mark
        if start is not None and self.builder.length > start:
            self.links.append(Link(start, self.builder.length, href))

    def _space(self, start: int, end: int) -> None:
        if not self.builder.length:
            return  # leading whitespace is dropped
        gap = self._gap
        # Merging spans the thing between (a comment, an image) that produced no text.
        self._gap = (start, end) if gap is None else (gap[0], max(gap[1], end))

    def _put(self, text: str, start: int, end: int, verbatim: bool) -> None:
        b = self.builder
        if self._gap is None and not self._waiting:  # fast path
            if verbatim:
                b.copy(text, start)
            else:
                b.replace(text, start, end)
            return
        if self._gap is not None:
            s, e = self._gap
            self._gap = None
            seg = self.src[s:e]
            if seg == " " or (not self.collapse and not seg.strip(" ")):
                b.copy(seg, s)
            else:
                b.replace(" ", s, e)
        if self._waiting:
            for mark in self._waiting:
                mark[0] = b.length
            self._waiting = []
        if verbatim:
            b.copy(text, start)
        else:
            b.replace(text, start, end)

    def _verbatim(self, text: str, start: int) -> None:
        rewrite = self._rewrite.search
        m = rewrite(text)
        if m is None:  # the common case: the whole piece is one copy
            self._put(text, start, start + len(text), True)
            return
        pos = 0
        while m is not None:
            a, b = m.span()
            if a > pos:
                self._put(text[pos:a], start + pos, start + a, True)
            self._space(start + a, start + b)
            pos = b
            m = rewrite(text, b)
        if pos < len(text):
            self._put(text[pos:], start + pos, start + len(text), True)

    def _atomic(self, text: str, start: int, end: int) -> None:
        if _WS_RUN.fullmatch(text):
            self._space(start, end)  # e.g. &#10;
        else:
            self._put(_WS_RUN.sub(" ", text), start, end, False)

    def _piece(self, piece: tuple[str, int, int, bool]) -> None:
        text, s, e, verbatim = piece
        if verbatim:
            self._verbatim(text, s)
        else:
            self._atomic(text, s, e)

    def _flush_run(self) -> None:
        run = self._run
        if not run:
            return
        self._run = []
        if len(run) == 1:
            joined = run[0][0]
            if not _URL_HINT.search(joined):
                self._piece(run[0])
                return
        else:
            joined = "".join(p[0] for p in run)
        urls = find_urls(joined) if _URL_HINT.search(joined) else ()
        if not urls:
            for piece in run:
                self._piece(piece)
            return
        offsets = []  # text offset of each piece in joined
        n = 0
        for piece in run:
            offsets.append(n)
            n += len(piece[0])
        pos = 0
        for a, b in urls:
            self._emit_range(run, offsets, pos, a)
            s = self._src_at(run, offsets, a, False)
            e = max(s, self._src_at(run, offsets, b, True))
            self.placeholder(s, e, joined[a:b])
            pos = b
        self._emit_range(run, offsets, pos, len(joined))

    def _emit_range(self, run, offsets, a: int, b: int) -> None:
        """Write joined[a:b]; an entity belongs to the range its first character is in."""
        if a >= b:
            return
        k = bisect.bisect_right(offsets, a) - 1
        while k < len(run) and offsets[k] < b:
            text, s, e, verbatim = run[k]
            off = offsets[k]
            if verbatim:
                lo, hi = max(a, off) - off, min(b, off + len(text)) - off
                if hi > lo:
                    self._verbatim(text[lo:hi], s + lo)
            elif off >= a:
                self._atomic(text, s, e)
            k += 1

    @staticmethod
    def _src_at(run, offsets, i: int, is_end: bool) -> int:
        """Source offset of joined[i] (or, with is_end, just after joined[i - 1])."""
        k = bisect.bisect_right(offsets, i - 1 if is_end else i) - 1
        text, s, e, verbatim = run[max(k, 0)]
        if verbatim:
            return s + (i - offsets[k])
        return e if is_end or i > offsets[k] else s


# ---------------------------------------------------------------------------------------------
# The plain-text reader

_LINE_END = re.compile(r"\r\n|\r|\n")
_COMMENT = re.compile(r"<!--(?:-?>|(.*?)-->)", re.S)  # "<!-->" and "<!--->" are empty comments
_BULLET = re.compile(r"(?:[-*+\u2022]|\d{1,9}[.)])[ \t]+")
_RULE_LINE = re.compile(r"([=\-_*~#])\1{2,}[ \t]*")  # "=====" under a title: decoration
_TERMINAL = ".!?:;"


def find_comments(text: str, start: int, end: int) -> list[Comment]:
    """HTML comments in text[start:end]. An unclosed "<!--" is text, not a comment to the end."""
    # Searching only up to the last "-->" keeps many unclosed "<!--" from costing O(n) each.
    stop = text.rfind("-->", start, end) + 3  # every comment, even "<!-->", ends in "-->"
    if stop < 3:
        return []
    return [Comment(m.start(), m.end(), m.group(1) or "") for m in _COMMENT.finditer(text, start, stop)]


class _Para:
    __slots__ = ("kind", "writer", "lines")

    def __init__(self, kind: str, writer: ProseWriter):
        self.kind = kind
        self.writer = writer
        self.lines = 1


def parse_text(text: str, path: str) -> Document:
    front, fm_span = split_front_matter(text)
    body = fm_span[1] if fm_span else 0
    comments = find_comments(text, body, len(text))
    blocks: list[Block] = []
    para: _Para | None = None
    prev_break = (0, 0)  # the previous line's line break span
    for line_start, line_end, next_start, pieces in _visible_lines(text, body, comments):
        first = _first_char(text, pieces)
        if first < 0 or (len(pieces) == 1 and _RULE_LINE.fullmatch(text, first, line_end)):
            _finish(para, blocks)  # blank, comment-only or decorative line: a block boundary
            para = None
            prev_break = (line_end, next_start)
            continue
        bullet = _BULLET.match(text, first, line_end)
        if bullet:
            _finish(para, blocks)
            para = _Para("list_item", ProseWriter(text))
            first = bullet.end()
        elif para is not None and (para.kind != "list_item" or first > line_start):
            para.writer.space(*prev_break)  # a wrapped line: the break is one space
            para.lines += 1
        else:
            _finish(para, blocks)
            para = _Para("paragraph", ProseWriter(text))
        for a, b in pieces:
            if b > first:
                para.writer.text(text[max(a, first):b], max(a, first))
        prev_break = (line_end, next_start)
    _finish(para, blocks)
    title = _title(front, blocks)
    ignored = (fm_span,) if fm_span else ()
    return Document(path, "text", text, tuple(blocks), front, fm_span, tuple(comments), ignored, title)


def _visible_lines(text: str, start: int, comments: list[Comment]):
    """Yield (line_start, line_end, next_start, pieces): the line minus comments, right-trimmed."""
    ci = 0
    pos = start
    ends = [(m.start(), m.end()) for m in _LINE_END.finditer(text, start)]
    ends.append((len(text), len(text)))
    for line_end, next_start in ends:
        while ci < len(comments) and comments[ci].end <= pos:
            ci += 1
        pieces = []
        a = pos
        j = ci
        while j < len(comments) and comments[j].start < line_end:
            if comments[j].start > a:
                pieces.append((a, comments[j].start))
            a = max(a, comments[j].end)
            j += 1
        if a < line_end:
            pieces.append((a, line_end))
        if pieces:  # trailing whitespace is not part of the line (the break's space replaces it)
            a, b = pieces[-1]
            pieces[-1] = (a, a + len(text[a:b].rstrip(" \t\f\v")))
        yield pos, line_end, next_start, pieces
        pos = next_start


def _first_char(text: str, pieces) -> int:
    """Offset of the first non-whitespace visible character, or -1 for a blank line."""
    for a, b in pieces:
        seg = text[a:b]
        stripped = seg.lstrip()
        if stripped:
            return a + len(seg) - len(stripped)
    return -1


def _finish(para: _Para | None, blocks: list[Block]) -> None:
    if para is None:
        return
    block = para.writer.finish(para.kind, len(blocks))
    if block is None:
        return
    if para.kind == "paragraph" and para.lines == 1 and _looks_like_heading(block.text):
        kind = "title" if not blocks else "heading"
        block = Block(kind, block.text, block.segments, block.links, block.index)
    blocks.append(block)


def _looks_like_heading(text: str) -> bool:
    return text[-1] not in _TERMINAL and len(text.split()) <= 12


def _title(front: dict, blocks: list[Block]) -> str | None:
    value = front.get("title")
    if value is not None and not isinstance(value, (dict, list)):
        return str(value)
    if blocks and blocks[0].kind == "title":
        return blocks[0].text
    return None
