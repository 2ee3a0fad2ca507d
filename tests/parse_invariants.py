"""Invariants every reader must keep, shared by the parser tests."""
from __future__ import annotations

from healthlint.document import Document
from healthlint.source import LineIndex

_BREAKS = "\n\r\t"
_SOURCE_WS = " \t\n\r\f\v"


def check_invariants(doc: Document) -> None:
    """Raise AssertionError if a block's offset map is not exact.

    A segment with text_len == src_len is a copy and must equal the source. TextBuilder cannot
    tell a copy from an equal-length replacement, and a line break "\\n" (or a tab) replaced by
    one space is exactly that, so the one tolerated difference is: a space in block text
    standing on a whitespace character in the source.
    """
    src = doc.text
    for i, block in enumerate(doc.blocks):
        assert block.index == i, (i, block.index)
        assert block.text, "empty block"
        assert block.text == block.text.strip(" "), f"untrimmed block {block.text!r}"
        for ch in _BREAKS:
            assert ch not in block.text, f"{ch!r} in block text {block.text!r}"
        prev_end = -1
        text_pos = 0
        for t0, s0, tl, sl in block.segments:
            assert t0 == text_pos, f"segments not contiguous in {block.text!r}"
            text_pos += tl
            assert 0 <= s0 and s0 + sl <= len(src), f"segment {(t0, s0, tl, sl)} outside the source"
            assert s0 >= prev_end, f"segments out of order in {block.text!r}: {block.segments}"
            prev_end = s0 + sl
            if tl == sl:
                text, orig = block.text[t0:t0 + tl], src[s0:s0 + sl]
                for a, b in zip(text, orig):
                    assert a == b or (a == " " and b in _SOURCE_WS), (
                        f"copy segment {(t0, s0, tl, sl)}: {text!r} != source {orig!r}"
                    )
        assert text_pos == len(block.text), "segments do not cover the block text"
        for link in block.links:
            assert 0 <= link.start < link.end <= len(block.text), (link, block.text)
    for comment in doc.comments:
        # Body right after "<!--"; the end is after the closing ">" ("-->", "-- >", or "<!-->").
        assert src.startswith("<!--" + comment.body, comment.start), comment
        assert comment.start + 4 + len(comment.body) < comment.end <= len(src), comment
        assert src[comment.end - 1] == ">", comment
    for a, b in doc.ignored:
        assert 0 <= a <= b <= len(src), (a, b)


def positions(doc: Document) -> list:
    """Every block character as (kind, char, line, col): equal for LF and CRLF copies of a file."""
    index = LineIndex(doc.text)
    return [
        (block.kind, ch, *index.position(block.source_offset(i)))
        for block in doc.blocks
        for i, ch in enumerate(block.text)
    ]


def block_with(doc: Document, needle: str):
    for block in doc.blocks:
        if needle in block.text:
            return block
    raise AssertionError(f"no block contains {needle!r}: {[b.text for b in doc.blocks]}")


def where(doc: Document, needle: str, occurrence: int = 0) -> tuple[int, int]:
    """(line, col) of the first character of needle in the block holding it."""
    block = block_with(doc, needle)
    i = -1
    for _ in range(occurrence + 1):
        i = block.text.index(needle, i + 1)
    return LineIndex(doc.text).position(block.source_offset(i))


def span_text(doc: Document, needle: str) -> str:
    """The source text a block-text span maps back to."""
    block = block_with(doc, needle)
    i = block.text.index(needle)
    s, e = block.source_span(i, i + len(needle))
    return doc.text[s:e]


def assert_crlf_maps_like_lf(lf: str, path: str, fmt: str) -> None:
    """A CRLF copy of a file reports every block character at the same (line, col)."""
    from healthlint.parse import parse
    from healthlint.source import SourceError

    try:
        a = parse(lf, path, fmt)
    except SourceError:
        return
    b = parse(lf.replace("\n", "\r\n"), path, fmt)
    assert positions(a) == positions(b)
