"""Fast Markdown reader for the plain subset most articles are written in.

markdown-it-py tokenizes in pure Python (about a microsecond per word). Most articles use only
ATX headings, paragraphs, flat lists, inline links, `*`/`_` emphasis and HTML comments; for
those this reader builds the Document directly, making exactly the ProseWriter calls that the
markdown-it reader (markdown.py) makes for the same tokens. Anything outside the subset, or
any doubt, returns None and the caller uses markdown-it; the reader never guesses.
tests/test_parse_fastmd.py proves both readers agree (fixtures, benchmark corpus, NIH texts,
generated documents).
"""
from __future__ import annotations

import re
import unicodedata

from ..document import Block, Comment, Document, Link
from .prose import ProseWriter, find_comments, url_hint

# Characters that may need markdown-it, found in one C-level scan of the body; _screen looks at
# each one. Tabs (tab stops), CR and whitespace other than space and LF (markdown-it trims Unicode
# whitespace; this is every other character str.isspace accepts), NUL, backslash escapes, code
# spans and fences; "&" of a character reference, "<" of HTML other than a comment ("< " is a
# literal less-than). "]:" (reference definitions) and "![" (images) are found by str.find:
# "]" and "!" are common in articles (every link), too common to look at one by one.
_RARE = re.compile(r"[\0\\`<&\t\r\f\v\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
_ENTITY = re.compile(r"&(?:#|[A-Za-z][A-Za-z0-9]*;)")
# A line (indentation removed) that may start a block this reader does not handle: blockquote,
# tilde fence, a line of markup characters only (thematic break, setext underline, table
# delimiter row, empty list item or heading), an empty ordered list item.
_SPECIAL_LINE = re.compile(r"[-=*_+#|:~][-=*_+#|:~ ]*$|>|~~~|\d{1,9}[.)] *$")
_HEADING = re.compile(r"#{1,6}(?= |$)")
# A list marker at the start of a line: bullet or ordered, then 1-4 spaces and content
# (5+ spaces would make the content indented code).
_ITEM = re.compile(r"(?:[-*+]|\d{1,9}[.)])( +)")
_MARKUP_FIRST = frozenset("-=*_+#|:~>0123456789")
# Lines that would start a block of their own (inside a paragraph, or as list item content):
# in those places only plain text is handled here.
_BLOCK_START = re.compile(r"#{1,6}(?: |$)|[-*+](?: |$)|\d{1,9}[.)](?: |$)|<|~~~|>|\[[ xX]\]")
# An inline link with a plain destination that markdown-it's normalizeLink leaves unchanged
# (no spaces, brackets, quotes or parentheses; "%" only as a valid escape).
_LINK = re.compile(r"\[([^\[\]\n]+)\]\(((?:[A-Za-z0-9\-._~:/?#@!$&*+,;=]|%[0-9A-Fa-f]{2})+)\)")
_BAD_PROTO = re.compile(r"(?i)(?:vbscript|javascript|file|data):")
# A colon only as a scheme's ("https://", "mailto:"), an "@" only in a mailto address: markdown-it
# re-formats other colons and user-info parts ("0:::" -> "0::", "c:@" -> "c:", "//@x" -> "//x").
_PLAIN_COLONS = re.compile(r"(?:https?://|HTTPS?://)?[^:@]*|mailto:[^:@/]+@[^:@]+")
_RUN = re.compile(r"\*+|_+")
_PUNCT: dict[str, bool] = {}


def read_simple(text: str, path: str, front: dict, fm_span: tuple[int, int] | None) -> Document | None:
    """The Document markdown-it would give, or None if text is outside the simple subset."""
    body = fm_span[1] if fm_span else 0
    if not _screen(text, body):
        return None
    try:
        return _Reader(text, path, front, fm_span).read(body)
    except _Decline:
        return None


def _screen(text: str, pos: int) -> bool:
    """No character from pos on that needs markdown-it (see _RARE)."""
    if text.find("]:", pos) >= 0 or text.find("![", pos) >= 0:
        return False
    for m in _RARE.finditer(text, pos):
        i = m.start()
        ch = text[i]
        if ch == "&":
            if _ENTITY.match(text, i):
                return False
        elif ch != "<" or not text.startswith(("<!--", "< "), i):
            return False
    return True


class _Decline(Exception):
    """Raised deep inside the reader when the document is outside the subset."""


class _Reader:
    def __init__(self, text: str, path: str, front: dict, fm_span):
        self.src = text
        self.path = path
        self.front = front
        self.fm_span = fm_span
        self.blocks = []
        self.comments: list[Comment] = []
        self.title: str | None = None
        self.para: list[tuple[int, int]] | None = None  # content spans of the open paragraph's lines
        self.kind = "paragraph"  # of the open paragraph
        self.in_list = False

    def read(self, pos: int) -> Document:
        lines = self.src[pos:].split("\n")
        i = 0
        while i < len(lines):
            line = lines[i]
            ls, le = pos, pos + len(line)
            pos = le + 1
            i += 1
            text = line.lstrip(" ")
            if not text:  # blank: ends the paragraph
                self._end_paragraph()
            elif len(text) < len(line):  # indented: only a plain continuation line
                if self.para is None or _BLOCK_START.match(text) or _SPECIAL_LINE.match(text):
                    raise _Decline
                self.para.append((le - len(text), le))
            elif text.startswith("<!--"):  # HTML block: to the line holding "-->"
                self._end_paragraph()
                self.in_list = False
                while "-->" not in line:
                    if i >= len(lines):
                        raise _Decline  # unclosed: markdown-it swallows the rest
                    line = lines[i]
                    le = pos + len(line)
                    pos = le + 1
                    i += 1
                self.comments.extend(find_comments(self.src, ls, le))
            elif text[0] in _MARKUP_FIRST and self._block_line(text, ls, le):
                pass
            elif self.para is not None:  # a lazy continuation line
                self.para.append((ls, le))
            else:  # after a blank line, text ends a list
                self.in_list, self.kind = False, "paragraph"
                self.para = [(ls, le)]
        self._end_paragraph()
        return self._document()

    def _block_line(self, text: str, ls: int, le: int) -> bool:
        """Handle an unindented line that starts with a markup character, if it is a heading or a
        list item; False for a paragraph line."""
        if _SPECIAL_LINE.match(text):
            raise _Decline
        m = _HEADING.match(text)
        if m:
            self._end_paragraph()
            self.in_list = False
            self._heading(text, ls, m.end())
            return True
        m = _ITEM.match(text)
        if m is None:
            return False
        content = text[m.end():]
        if not content or len(m.group(1)) > 4 or _BLOCK_START.match(content):
            raise _Decline
        if self.para is not None and not self.in_list and "0" <= text[0] <= "9":
            raise _Decline  # only "1." may interrupt a paragraph
        self._end_paragraph()
        self.in_list, self.kind = True, "list_item"
        self.para = [(le - len(content), le)]
        return True

    def _document(self) -> Document:
        return markdown_document(self, (self.fm_span,) if self.fm_span else ())

    def _heading(self, line: str, ls: int, hashes: int) -> None:
        content = line[hashes:].strip(" ")
        if content.endswith("#"):
            raise _Decline  # a closing sequence, or a "#" that may be one
        end = ls + len(line.rstrip(" "))
        block = self._inline([(end - len(content), end)], "heading")
        if block is not None and hashes == 1 and self.title is None:
            self.title = block.text

    def _end_paragraph(self) -> None:
        if self.para is not None:
            self._inline(self.para, self.kind)
            self.para = None

    # --- inline level --------------------------------------------------------------------
    def _inline(self, spans: list[tuple[int, int]], kind: str):
        """One block from its lines' content spans: the markdown-it reader's writer calls."""
        src = self.src
        if len(spans) == 1:
            start, e = spans[0]
            chunk = src[start:e].rstrip(" ")  # trailing spaces: breaks
            lines = [(start, start + len(chunk), e)]
            end = start + len(chunk)
        else:
            lines = [(a, a + len(src[a:e].rstrip(" ")), e) for a, e in spans]
            start, end = lines[0][0], lines[-1][1]
            chunk = src[start:end]
        # Without "](" every bracket is literal text (_Inline._links).
        plain = not ("*" in chunk or "_" in chunk or "<" in chunk or "](" in chunk)
        block = self._one_line(chunk, start, kind, plain) if len(spans) == 1 else None
        if block is None:
            if plain:
                block = self._plain(lines, kind, _DirectWriter()) or self._plain(lines, kind, ProseWriter(src))
            else:
                block = _Inline(self, lines, start, end).run(kind)
        if block is not None:
            self.blocks.append(block)
        return block

    def _one_line(self, chunk: str, start: int, kind: str, plain: bool) -> Block | None:
        """The block of a one-line paragraph in the commonest shapes, or None (not decided)."""
        if chunk.startswith(("*", "_")) and chunk.endswith(chunk[0]):
            # "*text*" with plain text between: an emphasis pair by _Inline._emphasis's rules
            # (an opener at the start, a closer at the end) around text copied whole.
            inner = chunk[1:-1]
            if not inner or inner[0] == " " or inner[-1] == " " or "*" in inner or "_" in inner or "[" in inner or "<" in inner:
                return None
            chunk, start = inner, start + 1
        elif not plain:
            if "*" in chunk or "_" in chunk or "<" in chunk:
                return None
            return self._links_only(chunk, start, kind)
        if not chunk or url_hint(chunk):
            return None
        # The writer would copy this one trimmed piece whole: the block, built directly.
        return Block(kind, chunk, ((0, start, len(chunk), len(chunk)),), (), len(self.blocks))

    def _links_only(self, chunk: str, start: int, kind: str) -> Block | None:
        """A line of text and links, written as _Inline._emit would write it. "[" and "](dest)"
        separate every piece in the source, so each piece is a segment of its own."""
        w = _DirectWriter()
        pos = 0  # offset in chunk
        for s, le, e, dest in _find_links(chunk, start):
            s, le, e = s - start, le - start, e - start
            if s > pos:
                w.text(chunk[pos:s], start + pos)
            w.open_link(dest)
            w.text(chunk[s + 1:le], start + s + 1)
            w.close_link()
            pos = e
        if pos < len(chunk):
            w.text(chunk[pos:], start + pos)
        return w.finish(kind, len(self.blocks))

    def _plain(self, lines, kind: str, w):
        src = self.src
        last = len(lines) - 1
        for k, (a, b, e) in enumerate(lines):
            w.text(src[a:b], a)
            if k < last:
                w.space(b, e + 1)
        return w.finish(kind, len(self.blocks))


class _DirectWriter:
    """ProseWriter's result for the common case, without its whitespace and URL machinery.

    Text pieces are copied whole, a line break is one space, a link spans the text written
    while it is open. That is what ProseWriter writes unless whitespace has to be trimmed or
    merged (then the text starts or ends with a space, or holds two in a row), a link holds no
    text or starts or ends with a space, or the text may hold a bare URL: finish() then returns
    None and the caller uses ProseWriter.
    """

    def __init__(self):
        self.parts: list[str] = []
        self.segments: list[tuple[int, int, int, int]] = []
        self.n = 0
        self.links: list[Link] = []
        self.opened: list[tuple[int, str]] = []
        self.ok = True

    def text(self, text: str, start: int) -> None:
        n = self.n
        segs = self.segments
        if segs:  # TextBuilder.copy: extend a verbatim segment that ends where this starts
            t0, s0, tl, sl = segs[-1]
            if tl == sl and s0 + sl == start:
                segs[-1] = (t0, s0, tl + len(text), sl + len(text))
                self.parts.append(text)
                self.n = n + len(text)
                return
        segs.append((n, start, len(text), len(text)))
        self.parts.append(text)
        self.n = n + len(text)

    def space(self, start: int, end: int) -> None:
        self.segments.append((self.n, start, 1, end - start))
        self.parts.append(" ")
        self.n += 1

    def open_link(self, href: str) -> None:
        self.opened.append((self.n, href))

    def close_link(self) -> None:
        s, href = self.opened.pop()
        if s == self.n:
            self.ok = False
        self.links.append(Link(s, self.n, href))

    def finish(self, kind: str, index: int) -> Block | None:
        text = "".join(self.parts)
        if (not self.ok or not text or text[0] == " " or text[-1] == " " or "  " in text
                or url_hint(text) or any(text[link.start] == " " or text[link.end - 1] == " " for link in self.links)):
            return None
        return Block(kind, text, tuple(self.segments), tuple(self.links), index)


def markdown_document(reader, ignored: tuple) -> Document:
    """The Document both Markdown readers build from what they read: the front matter's title
    unless it is a table or a list, else the first H1."""
    title = reader.front.get("title")
    if title is None or isinstance(title, (dict, list)):
        title = reader.title
    return Document(
        reader.path, "markdown", reader.src, tuple(reader.blocks), reader.front, reader.fm_span,
        tuple(sorted(reader.comments, key=lambda c: c.start)), ignored, None if title is None else str(title),
    )


class _Inline:
    """Links, emphasis and comments of one paragraph, found exactly or declined.

    Positions are source offsets. markdown-it's inline source is the paragraph's lines joined by
    LF: the only difference from the source is indentation and line-end spaces, whitespace in
    both, so emphasis flanking can be judged on the source.
    """

    def __init__(self, reader: _Reader, lines, start: int, end: int):
        self.reader = reader
        self.src = reader.src
        self.lines = lines
        self.start, self.end = start, end

    def run(self, kind: str) -> Block | None:
        """The block (None if it holds no prose); its comments go to the reader."""
        # Per line: (start, end, what) of every comment and link, in order.
        cuts: list[list[tuple]] = []
        outer: list[tuple[int, int]] = []  # emphasis runs outside links
        labels: dict[int, list] = {}  # label end -> emphasis runs inside that link's text
        any_link = "](" in self.src[self.start:self.end]
        for a, b, _e in self.lines:
            line_cuts: list[tuple] = []
            masked = self._comments(a, b, line_cuts)
            links = self._links(masked, a, line_cuts, any_link)
            for _ls, le, _lend in links:
                labels[le] = []
            for m in _RUN.finditer(masked):
                s, e = a + m.start(), a + m.end()
                for ls, le, lend in links:
                    if ls < s < lend:
                        if s < le:
                            labels[le].append((s, e))
                        break  # a run in a destination is part of the URL
                else:
                    outer.append((s, e))
            cuts.append(sorted(line_cuts, key=lambda c: c[0]))
        self.marks = self._emphasis(outer, self.end)
        self.label_marks = {le: self._emphasis(runs, le) for le, runs in labels.items()}
        index = len(self.reader.blocks)
        if not any(what == "comment" for line_cuts in cuts for _s, _t, what in line_cuts):
            block = self._emit(cuts, _DirectWriter()).finish(kind, index)
            if block is not None:
                return block
        return self._emit(cuts, ProseWriter(self.src)).finish(kind, index)

    def _comments(self, a: int, b: int, cuts: list) -> str:
        """Inline HTML comments on the line, masked out of the returned line text."""
        src = self.src
        line = src[a:b]
        p = line.find("<!--")
        while p >= 0:
            q = line.find("-->", p + 4)
            body = line[p + 4:q]
            # markdown-it's comment pattern matches exactly up to the first "-->" only when the
            # body is not empty, does not start with ">" or "->" and does not end with "-".
            if q < 0 or not body or body[0] == ">" or body.startswith("->") or body.endswith("-"):
                raise _Decline
            cuts.append((a + p, a + q + 3, "comment"))
            line = line[:p] + "\0" * (q + 3 - p) + line[q + 3:]
            p = line.find("<!--", q + 3)
        return line

    def _links(self, masked: str, a: int, cuts: list, any_link: bool) -> list:
        """Inline links on the line: (start, label end, end) each. With no "](" anywhere in the
        paragraph every bracket is literal text (no reference definitions exist: "]:" declined);
        otherwise every bracket must belong to a plain link."""
        if not any_link or "[" not in masked:
            return []
        links = _find_links(masked, a)
        cuts += [(s, e, ("link", le, dest)) for s, le, e, dest in links]
        return [(s, le, e) for s, le, e, _dest in links]

    def _emphasis(self, runs: list[tuple[int, int]], scope_end: int) -> list[tuple[int, int]]:
        """The runs that become emphasis markup, when they pair trivially; else decline.

        Each run is classified as markdown-it's scanDelims does. Accepted: runs that cannot open
        or close (literal text), and openers and closers alternating, each closer matching the
        opener before it in character and length. Then the pairing is unambiguous.
        """
        src = self.src
        markup = []
        opener = None
        for s, e in runs:
            prev = src[s - 1] if s > self.start else " "
            nxt = src[e] if e < scope_end else " "
            prev_ws, next_ws = prev in " \n", nxt in " \n"
            prev_p, next_p = _is_punct(prev), _is_punct(nxt)
            left = not (next_ws or (next_p and not (prev_ws or prev_p)))
            right = not (prev_ws or (prev_p and not (next_ws or next_p)))
            if src[s] == "*":
                can_open, can_close = left, right
            else:
                can_open = left and (not right or prev_p)
                can_close = right and (not left or next_p)
            if can_open and can_close:
                raise _Decline
            if can_open:
                if opener is not None or e - s > 3:
                    raise _Decline
                opener = (s, e)
            elif can_close:
                if opener is None or src[opener[0]:opener[1]] != src[s:e]:
                    raise _Decline
                markup += [opener, (s, e)]
                opener = None
        if opener is not None:
            raise _Decline
        return markup

    def _emit(self, cuts: list[list[tuple]], w):
        """Make the writer calls of markdown-it's reader; w is the writer, returned."""
        src = self.src
        last = len(self.lines) - 1
        for k, (a, b, e) in enumerate(self.lines):
            pieces = sorted(cuts[k] + [(s, t, "markup") for s, t in self.marks if a <= s < b], key=lambda c: c[0])
            pos = a
            for s, t, what in pieces:
                self._text(w, pos, s)
                pos = t
                if what == "comment":
                    self.reader.comments.append(Comment(s, t, src[s + 4:t - 3]))
                elif what != "markup":
                    _, le, dest = what
                    w.open_link(dest)
                    inner = s + 1
                    for ms, mt in sorted(self.label_marks[le]):
                        self._text(w, inner, ms)
                        inner = mt
                    self._text(w, inner, le)
                    w.close_link()
            self._text(w, pos, b)
            if k < last:
                w.space(b, e + 1)
        return w

    def _text(self, w, s: int, t: int) -> None:
        if t > s:
            w.text(self.src[s:t], s)


def _find_links(line: str, a: int) -> list[tuple[int, int, int, str]]:
    """(start, label end, end, destination) of every inline link in line (at source offset a);
    declined unless every bracket belongs to one."""
    links = []
    for m in _LINK.finditer(line):
        dest = m.group(2)
        if _BAD_PROTO.match(dest) or "\0" in m.group() or not _PLAIN_COLONS.fullmatch(dest):
            raise _Decline
        if not m.group(1).strip(" "):
            raise _Decline
        links.append((a + m.start(), a + m.end(1), a + m.end(), dest))
    if line.count("[") != len(links) or line.count("]") != len(links):
        raise _Decline
    return links


def _is_punct(ch: str) -> bool:
    """markdown-it's isPunctChar or isMdAsciiPunct: Unicode P* or S* (all ASCII punctuation is)."""
    p = _PUNCT.get(ch)
    if p is None:
        p = _PUNCT[ch] = unicodedata.category(ch)[0] in "PS"
    return p
