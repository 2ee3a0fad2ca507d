"""`check --fix`: fix files in place, or (--dry-run) show what would change as a unified diff.

The edits themselves (fixpoint, overlaps, atomic encoded writes) live in Linter.fix_file/fix_text and
healthlint.fixes; this module only turns their outcomes into what the command line prints.
"""
from __future__ import annotations

import difflib

from .source import LINE_BREAK_RE

NO_NEWLINE = "\\ No newline at end of file\n"


def _lines(text: str) -> list[str]:
    """Lines with their own endings (\\r\\n, \\r or \\n), as the file has them."""
    out, pos = [], 0
    for m in LINE_BREAK_RE.finditer(text):
        out.append(text[pos:m.end()])
        pos = m.end()
    if pos < len(text):
        out.append(text[pos:])
    return out


def unified_diff(path: str, before: str, after: str) -> str:
    """A git-style unified diff (a/ and b/ prefixes, so `git apply` and `patch -p1` take it).
    A last line without a line break gets git's "No newline at end of file" marker."""
    name = path.replace("\\", "/").lstrip("/")
    out = []
    for line in difflib.unified_diff(_lines(before), _lines(after), f"a/{name}", f"b/{name}", n=3):
        if line.startswith(("---", "+++")):
            out.append(line.rstrip("\n") + "\n")  # difflib ends header lines with lineterm="\n"
        elif line.endswith(("\n", "\r")):
            out.append(line)
        else:
            out.append(line + "\n" + NO_NEWLINE)
    return "".join(out)


def fix_summary(applied: int, files: int, dry_run: bool) -> str:
    fixes = f"{applied} fix" + ("" if applied == 1 else "es")
    where = f"{files} file" + ("" if files == 1 else "s")
    if dry_run:
        return f"Would apply {fixes} to {where} (dry run: nothing written)."
    return f"Applied {fixes} to {where}."
