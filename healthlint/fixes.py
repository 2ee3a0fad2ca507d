"""Applying fixes: pure text edits, then an atomic write that keeps the file's encoding, BOM and
line endings. Nothing here decides what is safe to fix; rules only attach fixes they trust."""
from __future__ import annotations

import codecs
import os
import tempfile
from collections.abc import Iterable

from .finding import Fix
from .source import LINE_BREAK_RE, SourceFile

BOMS = {"utf-8": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}


def newline_of(text: str) -> str:
    """The file's line ending, from its first line break ("\\n" for a one-line file)."""
    m = LINE_BREAK_RE.search(text)
    return m.group() if m else "\n"


def apply_fixes(text: str, fixes: Iterable[Fix]) -> tuple[str, int]:
    """Apply non-overlapping fixes; a fix that overlaps an earlier one is left for the next pass.

    Replacement text written with "\\n" gets the file's own line ending. Returns (text, applied)."""
    newline = newline_of(text)
    out, pos, applied = [], 0, 0
    for fix in sorted(set(fixes), key=lambda f: (f.start, f.end, f.replacement)):
        if fix.start < pos or not (0 <= fix.start <= fix.end <= len(text)):
            continue
        replacement = fix.replacement.replace("\n", newline) if newline != "\n" else fix.replacement
        if text[fix.start:fix.end] == replacement:
            continue
        out.append(text[pos:fix.start])
        out.append(replacement)
        pos = fix.end
        applied += 1
    out.append(text[pos:])
    return "".join(out), applied


def encode(source: SourceFile, text: str) -> bytes:
    """Bytes for `text` in the source's own encoding, with its BOM if it had one."""
    data = text.encode(source.encoding)
    return BOMS[source.encoding] + data if source.bom else data


def write_atomic(path: str, data: bytes) -> None:
    """Replace `path` with `data` so that a reader (or a crash) sees the old file or the new one,
    never a mix: write a temporary file beside it, flush it to disk, then rename over the original."""
    folder = os.path.dirname(os.path.abspath(path))
    mode = os.stat(path).st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(prefix=".healthlint-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    _sync_folder(folder)


def _sync_folder(folder: str) -> None:
    """Make the rename itself durable (POSIX); where folders cannot be opened or synced, the
    file's own fsync is all there is."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
