"""Reading files into text, and mapping text offsets back to 1-based line and column."""
from __future__ import annotations

import bisect
import codecs
import re
from dataclasses import dataclass

LINE_BREAK_RE = re.compile(r"\r\n?|\n")
MAX_BYTES = 20 * 1024 * 1024  # beyond this a file is refused, not linted


class SourceError(Exception):
    """The input cannot be linted; the message is one line for the user."""


@dataclass(frozen=True)
class SourceFile:
    path: str
    text: str  # decoded, BOM removed, line endings untouched
    encoding: str = "utf-8"
    bom: bool = False


def decode(data: bytes, path: str) -> SourceFile:
    if len(data) > MAX_BYTES:
        raise SourceError(f"file is too large ({len(data) // (1024 * 1024)} MB; limit {MAX_BYTES // (1024 * 1024)} MB)")
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
        raise SourceError(f"not valid UTF-8 (invalid byte at offset {exc.start}); re-save the file as UTF-8") from None


def read_source(path: str) -> SourceFile:
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise SourceError("no such file") from None
    except IsADirectoryError:
        raise SourceError("is a directory") from None
    except OSError as exc:
        raise SourceError(exc.strerror or str(exc)) from None
    return decode(data, path)


class LineIndex:
    """Offsets in the decoded text -> (line, column), both 1-based, columns counted in characters.

    \\r\\n, \\r and \\n all end a line, so CRLF files report the same positions as LF files.
    """

    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in LINE_BREAK_RE.finditer(text)]
        self.length = len(text)
        self.text = text

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
