"""HTML reader: stdlib HTMLParser events, an explicit element stack, exact source offsets.

HTMLParser reports positions as (line, column) counting only "\\n" as a line break, so a table of
"\\n"-only line starts turns them back into offsets that are exact for CRLF and lone-\\r files too.
Entities arrive as separate events (convert_charrefs=False) and are mapped as atomic pieces.
Nothing recurses: 10,000 nested elements are just a long list.
"""
from __future__ import annotations

import html
import re
from collections import Counter
from html.parser import HTMLParser

from ..document import Block, Comment, Document
from .prose import ProseWriter

# Tags that end the current block. Text directly inside any of them starts a new block.
_BLOCK = frozenset(
    "address article aside blockquote body caption center dd details dialog dir div dl dt "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html legend "
    "li main menu nav ol p pre section summary table tbody td tfoot th thead title tr ul".split()
)
# Block kind an element gives its text (and, unless overridden, its descendants' text).
_KIND = {
    "li": "list_item", "blockquote": "blockquote", "td": "table_cell", "th": "table_cell",
    "title": "title", "dt": "paragraph", "dd": "paragraph", "figcaption": "paragraph",
    "caption": "paragraph", "summary": "paragraph",
    **{f"h{n}": "heading" for n in range(1, 7)},
}
# Not prose. Inside running text the "inline" ones become one placeholder character.
_SKIP = frozenset(
    "script style noscript template svg math code pre kbd samp "
    "iframe object video audio canvas select datalist textarea".split()
)
_INLINE_SKIP = frozenset(("code", "kbd", "samp"))
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_ALT_ATTR = re.compile(r"""\salt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.I)
_ENTITY = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")
_COMMENT_CLOSE = re.compile(r"--!?\s*>")
_PARSER_COMMENT_CLOSE = re.compile(r"--\s*>")  # what HTMLParser (3.11) ends a comment with
_SECTION_CLOSE = re.compile(r"\]\s*>")  # ends <![CDATA[...]]> and other marked sections


def parse_html(text: str, path: str) -> Document:
    reader = _Reader(text)
    reader.feed(text)
    reader.close()
    return reader.document(path)


def _last_match(pattern: re.Pattern, text: str) -> int:
    last = -1
    for m in pattern.finditer(text):
        last = m.start()
    return last


class _Entry:
    __slots__ = ("tag", "kind", "start", "h1")

    def __init__(self, tag: str, kind: str, start: int, h1: bool):
        self.tag = tag
        self.kind = kind  # block kind of text inside (inherited, so no stack scans)
        self.start = start  # source offset of the start tag
        self.h1 = h1  # inside an <h1>: its text may become Document.title


class _Reader(HTMLParser):
    def __init__(self, src: str):
        super().__init__(convert_charrefs=False)
        self.src = src
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", src)]
        self.stack: list[_Entry] = []
        self.open_count: Counter[str] = Counter()  # stray end tags are found in O(1)
        self.skip: _Entry | None = None  # outermost open non-prose element
        self.blocks: list[Block] = []
        self.comments: list[Comment] = []
        self.ignored: list[tuple[int, int]] = []
        self.alts: list[ProseWriter] = []  # image alt blocks, written after the current block
        self.w: ProseWriter | None = None
        self.kind = "paragraph"
        self.breaks = 0  # consecutive <br>s with nothing but whitespace between
        self.title: str | None = None
        self.h1: str | None = None
        self.in_h1 = False
        self._limits_for: str | None = None
        self._last: dict[str, int] = {}

    # --- guards around HTMLParser internals ------------------------------------------------
    # Each construct HTMLParser cannot finish (`<a` with no `>` after it) is rescanned to the end
    # of the input, once per construct: quadratic time on malformed input (92 s for 90 KB of
    # "<a "). Knowing where the last possible terminator is answers "unfinished" in O(1).
    def _unfinished(self, i: int, kind: str = ">") -> bool:
        raw = self.rawdata
        if raw is not self._limits_for:
            self._limits_for = raw
            self._last = {
                ">": raw.rfind(">"),
                "-->": _last_match(_PARSER_COMMENT_CLOSE, raw),
                "]>": _last_match(_SECTION_CLOSE, raw),
            }
        return self._last[kind] < i

    def check_for_whole_start_tag(self, i):
        return -1 if self._unfinished(i) else super().check_for_whole_start_tag(i)

    def parse_endtag(self, i):
        return -1 if self._unfinished(i) else super().parse_endtag(i)

    def parse_pi(self, i):
        return -1 if self._unfinished(i) else super().parse_pi(i)

    def parse_bogus_comment(self, i, report=1):
        return -1 if self._unfinished(i) else super().parse_bogus_comment(i, report)

    def parse_comment(self, i, report=1):
        return -1 if self._unfinished(i + 4, "-->") else super().parse_comment(i, report)

    def parse_html_declaration(self, i):
        """Also: HTMLParser raises AssertionError on some malformed `<![...]>` and
        `<!DOCTYPE [...]>`; skip such junk to its `>`, as browsers do with a bogus comment."""
        if self._unfinished(i) or (self.rawdata.startswith("<![", i) and self._unfinished(i, "]>")):
            return -1
        pos = self.getpos()
        try:
            return super().parse_html_declaration(i)
        except AssertionError:
            self.lineno, self.offset = pos  # it moved the position before raising
            end = self.rawdata.find(">", i + 2)
            return -1 if end < 0 else end + 1

    # --- positions -------------------------------------------------------------------------
    def _pos(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _tag_end(self, start: int) -> int:
        end = self.src.find(">", start)
        return len(self.src) if end < 0 else end + 1

    # --- blocks ----------------------------------------------------------------------------
    def _writer(self) -> ProseWriter:
        if self.w is None:
            self.w = ProseWriter(self.src, collapse=True)
            top = self.stack[-1] if self.stack else None
            self.kind = top.kind if top else "paragraph"
            self.in_h1 = top.h1 if top else False
        return self.w

    def _end_block(self) -> None:
        self.breaks = 0
        if self.w is not None:
            block = self.w.finish(self.kind, len(self.blocks))
            self.w = None
            if block is not None:
                self.blocks.append(block)
                if block.kind == "title" and self.title is None:
                    self.title = block.text
                if block.kind == "heading" and self.h1 is None and self.in_h1:
                    self.h1 = block.text
        for alt in self.alts:
            block = alt.finish("image_alt", len(self.blocks))
            if block is not None:
                self.blocks.append(block)
        self.alts = []

    # --- parser events ---------------------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        start = self._pos()
        if self.skip is not None:
            if tag not in _VOID:
                self._push(tag, start)
            return
        if tag in _VOID:
            self._void(tag, attrs, start)
            return
        if tag in _BLOCK:
            self._end_block()
        self._push(tag, start)
        if tag in _SKIP:
            self.skip = self.stack[-1]
        elif tag == "a":
            href = dict(attrs).get("href")
            if href is not None:
                self._writer().open_link(href)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:  # <div/> is treated as <div></div>
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in _VOID or not self.open_count[tag]:
            return  # stray end tag: ignore, as browsers do
        end = self._tag_end(self._pos())
        while True:
            entry = self.stack.pop()
            self.open_count[entry.tag] -= 1
            self._close(entry, end)
            if entry.tag == tag:
                break

    def _push(self, tag: str, start: int) -> None:
        parent = self.stack[-1] if self.stack else None
        kind = _KIND.get(tag) or (parent.kind if parent else "paragraph")
        h1 = tag == "h1" if kind == "heading" and tag in _KIND else bool(parent and parent.h1)
        self.stack.append(_Entry(tag, kind, start, h1))
        self.open_count[tag] += 1

    def _close(self, entry: _Entry, end: int) -> None:
        if entry is self.skip:
            self.skip = None
            self.ignored.append((entry.start, end))
            if entry.tag in _INLINE_SKIP:
                self._writer().placeholder(entry.start, end)
            elif entry.tag in _BLOCK:
                self._end_block()
        elif self.skip is None:
            if entry.tag == "a" and self.w is not None:
                self.w.close_link()
            if entry.tag in _BLOCK:
                self._end_block()

    def _void(self, tag: str, attrs, start: int) -> None:
        end = start + len(self.get_starttag_text() or "")
        if tag == "br":
            if self.breaks and self.w is not None:
                self._end_block()  # <br><br> ends a paragraph
                return
            self.breaks = 1
            if self.w is not None:
                self.w.space(start, end)
        elif tag == "img":
            self._alt(start, end, dict(attrs).get("alt"))
            if self.w is not None:
                self.w.space(start, end)
        elif tag == "hr":
            self._end_block()

    def _alt(self, start: int, end: int, alt: str | None) -> None:
        """Alt text as its own block, mapped through the raw attribute value."""
        if not alt:
            return
        for m in _ALT_ATTR.finditer(self.src, start, end):
            group = next(g for g in (1, 2, 3) if m.group(g) is not None)
            if html.unescape(m.group(group)) == alt:  # not an "alt=" inside another value
                break
        else:
            return
        a, b = m.span(group)
        w = ProseWriter(self.src, collapse=True)
        pos = a
        for e in _ENTITY.finditer(self.src, a, b):
            w.text(self.src[pos:e.start()], pos)
            self._entity(w, e.start(), e.end())
            pos = e.end()
        w.text(self.src[pos:b], pos)
        if self.w is None:
            block = w.finish("image_alt", len(self.blocks))
            if block is not None:
                self.blocks.append(block)
        else:
            self.alts.append(w)

    def handle_data(self, data):
        if self.skip is not None or not data:
            return
        if self.w is None and not data.strip(" \t\n\r\f"):
            return  # whitespace between blocks
        start = self._pos()
        if data.strip(" \t\n\r\f"):
            self.breaks = 0
        self._writer().text(data, start)

    def handle_entityref(self, name):
        self._entity_event(1 + len(name))

    def handle_charref(self, name):
        self._entity_event(2 + len(name))

    def _entity_event(self, length: int) -> None:
        """HTMLParser consumed `&` + name (`&#` + digits) and a `;` if one follows."""
        if self.skip is not None:
            return
        start = self._pos()
        end = start + length
        if self.src.startswith(";", end):
            end += 1
        self.breaks = 0
        self._entity(self._writer(), start, end)

    def _entity(self, w: ProseWriter, start: int, end: int) -> None:
        raw = self.src[start:end]
        decoded = html.unescape(raw)
        if decoded == raw:
            w.text(raw, start)  # "&foo;" is not an entity: it is prose as written
        else:
            w.entity(decoded, start, end)

    def handle_comment(self, data):
        start = self._pos()
        body_end = start + 4 + len(data)
        m = _COMMENT_CLOSE.match(self.src, body_end)
        end = m.end() if m else min(len(self.src), body_end + 3)
        if self.src.startswith("<!--", start):
            self.comments.append(Comment(start, end, data))

    def close(self):
        super().close()
        while self.stack:  # unclosed elements end at the end of the file
            entry = self.stack.pop()
            self._close(entry, len(self.src))
        self._end_block()

    def document(self, path: str) -> Document:
        return Document(
            path, "html", self.src, tuple(self.blocks), {}, None, tuple(self.comments),
            tuple(sorted(self.ignored)), self.title if self.title is not None else self.h1,
        )
