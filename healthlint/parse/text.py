"""Plain-text reader: blank lines separate blocks; bullets start list items; a short line
without final punctuation is a heading (the first one, the title)."""
from __future__ import annotations

import re

from ..document import Block, Comment, Document
from ..source import LINE_BREAK_RE
from .frontmatter import split_front_matter
from .prose import ProseWriter, find_comments

_BULLET = re.compile(r"(?:[-*+\u2022]|\d{1,9}[.)])[ \t]+")
_RULE_LINE = re.compile(r"([=\-_*~#])\1{2,}[ \t]*")  # "=====" under a title: decoration
_TERMINAL = ".!?:;"


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
    ends = [(m.start(), m.end()) for m in LINE_BREAK_RE.finditer(text, start)]
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
