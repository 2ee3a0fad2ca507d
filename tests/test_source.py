"""Reading bytes into text and mapping offsets to lines and columns."""
import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from healthlint.source import LINE_BREAK_RE, MAX_BYTES, LineIndex, SourceError, decode, read_source


def test_line_index_handles_every_line_ending():
    text = "a\r\nbé\rc\n\nd"
    index = LineIndex(text)
    assert [index.position(text.index(ch)) for ch in "abcd"] == [(1, 1), (2, 1), (3, 1), (5, 1)]
    assert index.position(text.index("é")) == (2, 2)
    assert index.line_text(2) == "bé"
    assert index.position(len(text)) == (5, 2)  # end of file


def test_utf8_bom_is_removed_and_remembered():
    source = decode(codecs.BOM_UTF8 + "Hi".encode(), "a.md")
    assert (source.text, source.bom, source.encoding) == ("Hi", True, "utf-8")


def test_utf16_with_bom():
    source = decode(codecs.BOM_UTF16_LE + "Salut".encode("utf-16-le"), "a.md")
    assert (source.text, source.encoding) == ("Salut", "utf-16-le")


@pytest.mark.parametrize("data, needle", [
    (b"\x00\x01binary", "binary file"),
    (b"caf\xe9", "not valid UTF-8"),
    (b"x" * (MAX_BYTES + 1), "too large"),
])
def test_bad_bytes_are_refused_with_one_line(data, needle):
    with pytest.raises(SourceError, match=needle) as info:
        decode(data, "a.md")
    assert "\n" not in str(info.value)


def test_unreadable_paths(tmp_path):
    with pytest.raises(SourceError, match="no such file"):
        read_source(str(tmp_path / "missing.md"))
    with pytest.raises(SourceError, match="is a directory"):
        read_source(str(tmp_path))


@given(st.text(alphabet="ab \n\r\u2028\x85", max_size=40))
def test_line_starts_match_every_line_break(text):
    # The \n-only fast path (running sums of line lengths) must agree with the line-break scan.
    assert LineIndex(text).starts == [0] + [m.end() for m in LINE_BREAK_RE.finditer(text)]
