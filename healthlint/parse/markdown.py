"""Markdown reader: markdown-it-py tokens, realigned with the source so block text maps exactly.

markdown-it gives block tokens line ranges but inline tokens no positions, so each inline token
is located again: its children are found in the source left to right with a cursor that only
moves forward, skipping the markup characters between them. The parse runs with `text_join`
disabled, so entities and backslash escapes arrive as separate `text_special` tokens carrying
their raw source form; plain `text` tokens are then verbatim source and are found with one
str.find each - no per-character work in ordinary documents.

Most articles never get here: fastmd.py reads the plain subset of Markdown directly, and
markdown-it is imported only for a document outside it.
"""
from __future__ import annotations

import html
import re

from ..document import Block, Comment, Document
from .fastmd import markdown_document, read_simple
from .frontmatter import split_front_matter
from ..source import LineIndex
from .prose import COMMENT_RE, ProseWriter, find_comments

_MD = None  # the markdown-it parser, built on first use

# How often the aligner had to give up on a token (tests assert it stays 0 on ordinary input).
FALLBACKS = 0

# Characters that may lie between two aligned tokens: emphasis and link markup, table pipes,
# heading marks, and the container prefixes (`> `, indentation) of continuation lines.
_SKIPPABLE = re.compile(r"[ \t\n>*_~\[\]!<`#|\\]*")
_SKIP_CHARS = frozenset(" \t\n>*_~[]!<`#|\\")
_PREFIX = re.compile(r"[ \t>]*")  # container prefix of a continuation line
_TO_BRACKET = re.compile(r"[ \t\n>*_~\[!<`#|\\]*\]")
# `](dest "title")`. Whitespace holds at most one line break (plus the next line's container
# prefix), and no two whitespace runs touch: the regex never backtracks more than linearly.
_WS0 = r"[ \t]*(?:\n[ \t>]*)?"
_WS1 = r"(?:[ \t]+(?:\n[ \t>]*)?|\n[ \t>]*)"
_DEST = r"(?:<(?:[^<>\n\\]|\\.)*>|(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))+)"
_TITLE = r"(?:\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\))"
_INLINE_DEST = re.compile(rf"\({_WS0}(?:{_DEST}(?:{_WS1}{_TITLE})?{_WS0})?\)", re.S)
_REF_LABEL = re.compile(r"\[(?:[^\[\]\\]|\\.)*\]", re.S)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});")
_BACKTICKS = re.compile(r"`+")
_TASK = re.compile(r"\[[ xX]\][ \t]+")
_BR_TAG = re.compile(r"<br\s*/?>", re.I)
_CONTAINERS = {"blockquote_open": "blockquote", "list_item_open": "list_item"}


def parse_markdown(text: str, path: str) -> Document:
    front, fm_span = split_front_matter(text)
    doc = read_simple(text, path, front, fm_span)
    return doc if doc is not None else _Reader(text, path, front, fm_span).read()


def _parser():
    global _MD
    if _MD is None:
        from markdown_it import MarkdownIt

        # maxNesting: commonmark's 20 silently drops everything deeper (20 nested "> " hid a whole
        # paragraph from every rule); 100 is deeper than any article, far below the recursion limit.
        _MD = MarkdownIt("commonmark", {"maxNesting": 100}).enable("table").disable("text_join")
    return _MD


def _normalize(text: str, fm_end: int) -> str:
    r"""A same-length copy markdown-it will not renormalize, so copy offsets == source offsets.

    CRLF becomes " \n", a lone CR "\n", NUL U+FFFD (as markdown-it would do itself). Front
    matter is blanked to spaces, line breaks kept. The one thing this changes: a backslash hard
    break before CRLF is seen as "\ " + LF; _special puts it right.
    """
    norm = text
    if "\r" in norm:
        norm = norm.replace("\r\n", " \n").replace("\r", "\n")
    if "\0" in norm:
        norm = norm.replace("\0", "\ufffd")
    if fm_end:
        norm = re.sub(r"[^\n]", " ", norm[:fm_end]) + norm[fm_end:]
    return norm


class _Reader:
    def __init__(self, text: str, path: str, front: dict, fm_span: tuple[int, int] | None):
        self.src = text
        self.path = path
        self.front, self.fm_span = front, fm_span
        self.norm = _normalize(text, self.fm_span[1] if self.fm_span else 0)
        # Where norm differs from src in a non-whitespace character, text must be checked.
        self.dirty = "\0" in text
        self.starts = LineIndex(self.norm).starts  # norm holds only \n breaks
        self.blocks: list[Block] = []
        self.comments: list[Comment] = []
        self.ignored: list[tuple[int, int]] = [self.fm_span] if self.fm_span else []
        self.title: str | None = None
        self.alts: list[ProseWriter] = []
        self.w: ProseWriter = ProseWriter(text)
        self.cur = 0  # the alignment cursor, in source offsets
        self.limit = 0  # end of the current block's source lines
        self._eol_lo, self._eol_hi = 1, 0  # cached line: positions lo..hi end at hi
        self._h1 = False

    # --- block level ---------------------------------------------------------------------
    def read(self) -> Document:
        ctx: list[str] = []
        kind = "paragraph"
        task_ok = False  # the next inline opens a list item: a task marker is allowed
        row_cur = 0
        for tok in _parser().parse(self.norm):
            t = tok.type
            if t == "inline":
                if kind == "table_cell":
                    self._inline(tok, kind, row_cur, table=True)
                    row_cur = self.cur
                else:
                    self._inline(tok, kind, self._content_start(tok), task=task_ok)
                task_ok = False
            elif t in _CONTAINERS:
                ctx.append(_CONTAINERS[t])
                task_ok = t == "list_item_open"
            elif t in ("blockquote_close", "list_item_close"):
                if ctx:
                    ctx.pop()
            elif t == "paragraph_open":
                kind = ctx[-1] if ctx else "paragraph"
            elif t == "heading_open":
                kind = "heading"
                self._h1 = tok.tag == "h1"
            elif t in ("th_open", "td_open"):
                kind = "table_cell"
            elif t == "tr_open":
                row_cur = self.starts[tok.map[0]] if tok.map else self.cur
            elif t in ("fence", "code_block"):
                self.ignored.append(self._span(tok.map))
            elif t == "html_block":
                self._html_comments(*self._span(tok.map))
        return self._document()

    def _document(self) -> Document:
        return markdown_document(self, tuple(sorted(self.ignored)))

    def _span(self, line_map) -> tuple[int, int]:
        """Source span of block lines [a, b), without the final line break."""
        a, b = line_map
        end = self.starts[b] if b < len(self.starts) else len(self.norm)
        src = self.src
        if end > 0 and src[end - 1] == "\n":
            end -= 1
        if end > 0 and src[end - 1] == "\r":
            end -= 1
        return self.starts[a], max(self.starts[a], end)

    def _html_comments(self, start: int, end: int) -> None:
        self.comments.extend(find_comments(self.src, start, end))

    def _content_start(self, tok) -> int:
        """Where the inline content begins: after `> `, list markers, `#` marks, indentation.

        The content's first line is the tail of its source line (paragraphs) or lies within it
        (headings), so an endswith test settles it without guessing at prefixes.
        """
        if not tok.map:
            return self.cur
        norm = self.norm
        ls = self.starts[tok.map[0]]
        le = self._eol(ls)
        content = tok.content
        nl = content.find("\n")
        first = content if nl < 0 else content[:nl]
        if not first:
            return ls
        if nl >= 0 and norm.endswith(first, ls, le):
            return le - len(first)
        stripped_end = ls + len(norm[ls:le].rstrip())
        if norm.endswith(first, ls, stripped_end):
            return stripped_end - len(first)
        p = norm.find(first, ls, le)
        return p if p >= 0 else ls

    # --- inline level --------------------------------------------------------------------
    def _inline(self, tok, kind: str, start: int, task: bool = False, table: bool = False) -> None:
        self.w = ProseWriter(self.src)
        self.alts = []
        self.cur = start
        last = tok.map[1] if tok.map else len(self.starts)
        self.limit = self.starts[last] if last < len(self.starts) else len(self.norm)
        children = tok.children or []
        if table and tok.content:
            self._seek_cell(tok.content)
        if task and children and children[0].type == "text":
            m = _TASK.match(children[0].content)
            if m and self.norm.startswith(m.group(), self.cur):
                self.cur += m.end()  # "[ ] " of a task list item is not prose
                children[0].content = children[0].content[m.end():]
        self._walk(children)
        block = self.w.finish(kind, len(self.blocks))
        if block is not None:
            self.blocks.append(block)
            if kind == "heading" and self.title is None and self._h1:
                self.title = block.text
        for alt in self.alts:  # image alt text: separate blocks, after the block holding them
            block = alt.finish("image_alt", len(self.blocks))
            if block is not None:
                self.blocks.append(block)

    def _seek_cell(self, content: str) -> None:
        """Table cells share a row line: find this cell's content after the previous cell."""
        p = self._find(content.split("\n", 1)[0])
        if p >= 0:
            self.cur = p

    def _walk(self, children) -> None:
        autolink = False
        for child in children:
            t = child.type
            if autolink:  # the URL text of <https://...> was already replaced
                autolink = t != "link_close"
            elif t == "text":
                self._text(child.content)
            elif t == "text_special":
                self._special(child)
            elif t in ("softbreak", "hardbreak"):
                self._break()
            elif t == "code_inline":
                self._code(child.markup)
            elif t == "link_open":
                if child.markup == "autolink":
                    self._autolink(child.attrs.get("href", ""))
                    autolink = True
                else:
                    self.w.open_link(str(child.attrs.get("href", "")))
            elif t == "link_close":
                self.w.close_link()
                self._skip_destination()
            elif t == "image":
                self._image(child)
            elif t == "html_inline":
                self._html_inline(child.content)
            # em/strong open/close: their markup is skipped when the next token is found

    def _eol(self, pos: int) -> int:
        """End of the source line holding pos (cached: many tokens share a line)."""
        if not self._eol_lo <= pos <= self._eol_hi:
            e = self.norm.find("\n", pos)
            self._eol_lo, self._eol_hi = pos, (e if e >= 0 else len(self.norm))
        return self._eol_hi

    def _find(self, s: str) -> int:
        """Offset of s at or after the cursor with only markup in between, else -1.

        The match must start on the cursor's line: tokens never skip a whole line.
        """
        c = self.cur
        norm = self.norm
        if norm.startswith(s, c):
            return c
        p = norm.find(s, c, self._eol(c))
        if p < 0:
            # markdown-it strips Unicode whitespace (NBSP, em space) off a paragraph, even a whole
            # first line of it: "\xa0\nText" begins on the next line.
            q = norm.find(s, c, self.limit)
            return q if q > c and all(ch.isspace() or ch == ">" for ch in norm[c:q]) else -1
        if not _SKIPPABLE.fullmatch(norm, c, p):
            return -1
        return p

    def _emit(self, s: str, p: int) -> None:
        """Verbatim prose s at source offset p (checked where norm differs from src)."""
        if self.dirty and self.src[p:p + len(s)] != s:
            self._emit_dirty(s, p)
        else:
            self.w.text(s, p)

    def _emit_dirty(self, s: str, p: int) -> None:
        """Where markdown-it shows U+FFFD for NUL, keep the source character."""
        src = self.src
        for i, ch in enumerate(s):
            self.w.text(src[p + i] if src[p + i] == "\0" else ch, p + i)

    def _text(self, s: str) -> None:
        if not s:
            return
        p = self._find(s)
        if p < 0:
            self._align(s)
            return
        self._emit(s, p)
        self.cur = p + len(s)

    def _special(self, tok) -> None:
        """An entity or backslash escape: markup holds its raw source form."""
        raw = tok.markup
        p = self._find(raw) if raw else -1
        if p < 0:
            self._align(tok.content)
            return
        if tok.info == "escape":
            if raw == "\\ " and self.src.startswith("\\\r\n", p):
                return  # a hard break before CRLF: the break's space covers the backslash
            # `\*` shows `*`, found right after the backslash; `\a` (not escapable) shows `\a`.
            self._emit(tok.content, p if tok.content == raw else p + 1)
        else:
            self.w.entity(tok.content, p, p + len(raw))
        self.cur = p + len(raw)

    def _align(self, s: str) -> None:
        """Character-level fallback for text not found verbatim (e.g. `\\|` inside a table)."""
        norm = self.norm
        c, i, n = self.cur, 0, len(s)
        le = self._eol(c)
        while i < n and c < le:
            if norm[c] == s[i]:
                j, d = i + 1, c + 1
                while j < n and d < le and norm[d] == s[j]:
                    j, d = j + 1, d + 1
                self._emit(s[i:j], c)
                i, c = j, d
            elif norm[c] == "\\" and c + 1 < le and norm[c + 1] == s[i]:
                c += 1  # an escape: the character maps to its escaped position
            elif norm[c] == "&" and (dec := _entity_at(norm, c)) and s.startswith(dec[0], i):
                self.w.entity(dec[0], c, dec[1])  # an entity, atomic over its source
                i, c = i + len(dec[0]), dec[1]
            elif norm[c] in _SKIP_CHARS:
                c += 1
            else:
                break
        if i < n:
            # Give up: map the rest to an empty span at the best known position. Never crash.
            _fallback()
            self.w.entity(s[i:].replace("\t", " "), c, c)
        self.cur = c

    def _break(self) -> None:
        """Soft or hard break: one space over trailing spaces / backslash and the line break."""
        norm = self.norm
        c = self.cur
        nl = norm.find("\n", c, self.limit)
        if nl < 0:
            return
        s = nl  # start at the trailing spaces / backslash, not at closing emphasis markup
        while s > c and norm[s - 1] in " \t\\":
            s -= 1
        self.w.space(s, nl + 1)
        self.cur = nl + 1

    def _code(self, markup: str) -> None:
        """Inline code: one placeholder over the whole span, backticks included."""
        n = len(markup)
        start = -1
        for m in _BACKTICKS.finditer(self.norm, self.cur, self.limit):
            if m.end() - m.start() != n:
                continue
            if start < 0:
                if not _SKIPPABLE.fullmatch(self.norm, self.cur, m.start()):
                    break
                start = m.start()
            else:
                self.w.placeholder(start, m.end())
                self.cur = m.end()
                return
        _fallback()
        self.w.placeholder(self.cur, self.cur)

    def _autolink(self, href: str) -> None:
        p = self._find("<")
        q = self.norm.find(">", p, self.limit) if p >= 0 else -1
        if q < 0:
            _fallback()
            self.w.placeholder(self.cur, self.cur, href)
            return
        self.w.placeholder(p, q + 1, href)
        self.cur = q + 1

    def _skip_destination(self) -> None:
        """After link text: skip `](url "title")`, `][ref]` or `]` so URLs are never aligned."""
        norm = self.norm
        m = _TO_BRACKET.match(norm, self.cur, self.limit)
        if not m:
            return
        q = m.end()
        m = _INLINE_DEST.match(norm, q, self.limit) or _REF_LABEL.match(norm, q, self.limit)
        self.cur = m.end() if m else q

    def _image(self, tok) -> None:
        """Alt text becomes its own block; in the paragraph the image is just a word break."""
        outer = self.w
        start = self.cur
        self.w = ProseWriter(self.src)
        self._walk(tok.children or [])
        self.alts.append(self.w)
        self.w = outer
        self._skip_destination()
        outer.space(start, self.cur)

    def _find_lines(self, raw: str) -> tuple[int, int]:
        """Source span of raw, which may span lines whose container prefixes (`> `, list
        indentation) markdown-it stripped from it; (-1, -1) if not found."""
        parts = raw.split("\n")
        p = self._find(parts[0])
        if p < 0:
            return -1, -1
        if len(parts) == 1:
            return p, p + len(raw)
        norm = self.norm
        end = p + len(parts[0])
        for k, part in enumerate(parts[1:], 1):
            part = part.lstrip(" ")  # may be a tab markdown-it expanded while stripping indentation
            if not norm.startswith("\n", end):
                return -1, -1
            ls = end + 1
            le = norm.find("\n", ls, self.limit)
            le = self.limit if le < 0 else le
            if k < len(parts) - 1:  # a whole line: it ends the source line
                q = le - len(part)
            else:
                q = norm.find(part, ls, le) if part else ls
            if q < ls or not norm.startswith(part, q) or not _PREFIX.fullmatch(norm, ls, q):
                return -1, -1
            end = q + len(part)
        return p, end

    def _html_inline(self, raw: str) -> None:
        p, end = self._find_lines(raw)
        if p < 0 and "|" in raw:  # inside a table cell, where markdown-it unescaped `\|`
            p, end = self._find_lines(raw.replace("|", "\\|"))
        if p < 0:
            return  # not prose anyway; the next token is found from the unchanged cursor
        m = COMMENT_RE.fullmatch(raw)
        if m:
            self.comments.append(Comment(p, end, self.src[p + 4:end - 3] if m.group(1) is not None else ""))
        elif _BR_TAG.fullmatch(raw):
            self.w.space(p, end)
        self.cur = end


def _entity_at(text: str, pos: int) -> tuple[str, int] | None:
    """(decoded text, end) of a character reference starting at pos."""
    m = _ENTITY.match(text, pos)
    return (html.unescape(m.group()), m.end()) if m else None


def _fallback() -> None:
    global FALLBACKS
    FALLBACKS += 1

