"""Building prose blocks: whitespace handling, bare URLs and HTML comments, shared by every reader."""
from __future__ import annotations

import bisect
import re

from ..document import PLACEHOLDER, Block, Comment, Link, TextBuilder


_URL = re.compile(r"(?:\b[Hh][Tt][Tt][Pp][Ss]?://|(?<![\w.@/-])[Ww][Ww][Ww]\.)[^\s<>\"\u00a0\ufffc]+")
_WWW = re.compile(r"[Ww]{3}\.")
_TRAILING = ".,;:!?'\"*_"
_OPENER = {")": "(", "]": "[", "}": "{"}


def url_hint(text: str) -> bool:
    """Could text hold a bare URL? ("://" or "www.", any case.) The substring tests are a cheap
    necessary condition for the regex: "www." ends in one of the four two-letter cases + "."."""
    if "://" in text:
        return True
    return ("ww." in text or "WW." in text or "Ww." in text or "wW." in text) and _WWW.search(text) is not None


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
_BREAK_CHAR = re.compile(r"[\t\n\r\f\v]")


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
        if _BREAK_CHAR.search(text) is None and not (self.collapse and "  " in text):
            # The common case. Then the rewrite pattern can only match leading and trailing
            # spaces: the loop below would make these same calls, without a regex tried at
            # every character.
            core = text.strip(" ")
            if not core:
                self._space(start, start + len(text))
                return
            lead = len(text) - len(text.lstrip(" "))
            end = start + lead + len(core)
            if lead:
                self._space(start, start + lead)
            self._put(core, start + lead, end, True)
            if end < start + len(text):
                self._space(end, start + len(text))
            return
        rewrite = self._rewrite.search
        m = rewrite(text)
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
            if not url_hint(joined):
                self._piece(run[0])
                return
        else:
            joined = "".join(p[0] for p in run)
        urls = find_urls(joined) if url_hint(joined) else ()
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

COMMENT_RE = re.compile(r"<!--(?:-?>|(.*?)-->)", re.S)  # "<!-->" and "<!--->" are empty comments


def find_comments(text: str, start: int, end: int) -> list[Comment]:
    """HTML comments in text[start:end]. An unclosed "<!--" is text, not a comment to the end."""
    # Searching only up to the last "-->" keeps many unclosed "<!--" from costing O(n) each.
    stop = text.rfind("-->", start, end) + 3  # every comment, even "<!-->", ends in "-->"
    if stop < 3:
        return []
    return [Comment(m.start(), m.end(), m.group(1) or "") for m in COMMENT_RE.finditer(text, start, stop)]
