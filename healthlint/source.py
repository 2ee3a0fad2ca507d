"""Reading files into text, and mapping text offsets back to 1-based line and column."""
from __future__ import annotations

import bisect
import codecs
import functools
import itertools
import os
import re
import stat

from .finding import Value, setfield, value

LINE_BREAK_RE = re.compile(r"\r\n?|\n")
MAX_BYTES = 20 * 1024 * 1024  # beyond this a file is refused, not linted


class SourceError(Exception):
    """The input cannot be linted; the message is one line for the user."""


@value
class SourceFile(Value):
    """A file's decoded text, and how to encode it back (for --fix)."""

    path: str
    text: str  # decoded, BOM removed, line endings untouched
    encoding: str = "utf-8"
    bom: bool = False

    def __init__(self, path: str, text: str, encoding: str = "utf-8", bom: bool = False):
        setfield(self, "path", path)
        setfield(self, "text", text)
        setfield(self, "encoding", encoding)
        setfield(self, "bom", bom)


def _too_large(size: int) -> SourceError:
    return SourceError(f"file is too large ({size / (1024 * 1024):.1f} MB; limit {MAX_BYTES // (1024 * 1024)} MB)")


def read_stream(stream) -> bytes:
    """At most MAX_BYTES from a binary stream (stdin): a larger input is refused without being
    held in memory whole."""
    data = stream.read(MAX_BYTES + 1) if stream is not None else b""
    if len(data) > MAX_BYTES:
        raise SourceError(f"input is too large (more than the {MAX_BYTES // (1024 * 1024)} MB limit)")
    return data


def decode(data: bytes, path: str) -> SourceFile:
    if len(data) > MAX_BYTES:
        raise _too_large(len(data))
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: FF FE starts both
        raise SourceError("UTF-32 text is not supported; re-save the file as UTF-8")
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return SourceFile(path, data[len(bom):].decode(enc), enc, True)
            except UnicodeDecodeError as exc:
                raise SourceError(f"invalid {enc} at byte {exc.start + len(bom)}") from None
    if b"\x00" in data[:8192]:
        raise SourceError("binary file (contains NUL bytes), not a text article")
    try:
        return SourceFile(path, data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise SourceError(_not_utf8(data, exc.start)) from None


def _not_utf8(data: bytes, at: int) -> str:
    """Refuse rather than guess: any byte string decodes as Latin-1, so guessing would lint (and
    --fix would rewrite) mojibake. Say where the first bad byte is and what the file probably is."""
    line = data.count(b"\n", 0, at) + 1
    column = len(data[data.rfind(b"\n", 0, at) + 1:at].decode("utf-8", "replace")) + 1
    isolated = at + 1 == len(data) or data[at + 1] < 0x80  # one high byte among ASCII: a legacy 8-bit encoding
    hint = " (Latin-1 or Windows-1252?)" if isolated else ""
    return f"not valid UTF-8: byte 0x{data[at]:02X} at line {line}, column {column}{hint}; re-save the file as UTF-8"


def read_source(path: str) -> SourceFile:
    """Read a regular file of at most MAX_BYTES. The size is checked on the open file before
    anything is read, so a huge file is refused at once; a FIFO or device is never opened."""
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            raise SourceError("is a directory")
        if not stat.S_ISREG(mode):
            raise SourceError("not a regular file (a FIFO, socket or device)")
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > MAX_BYTES:
                raise _too_large(size)
            data = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise SourceError("no such file") from None
    except OSError as exc:
        raise SourceError(exc.strerror or str(exc)) from None
    return decode(data, path)


class LineIndex:
    """Offsets in the decoded text -> (line, column), both 1-based, columns counted in characters.

    \\r\\n, \\r and \\n all end a line, so CRLF files report the same positions as LF files.
    """

    def __init__(self, text: str):
        self.length = len(text)
        self.text = text

    @functools.cached_property
    def starts(self) -> list[int]:
        """Offset of each line's first character; built when a position is first asked for."""
        text = self.text
        if "\r" in text:
            return [0] + [m.end() for m in LINE_BREAK_RE.finditer(text)]
        # Only \n ends lines: running sums of the line lengths, with no Python loop per line.
        starts = list(itertools.accumulate(map((1).__add__, map(len, text.split("\n"))), initial=0))
        starts.pop()
        return starts

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, self.length))
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def line_text(self, line: int) -> str:
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else self.length
        return self.text[start:end].rstrip("\r\n")

    def line_start(self, line: int) -> int:
        return self.starts[line - 1]
