"""`check --diff BASE`: keep only findings on lines changed since a git revision, so a one-line edit
to a legacy article is not blocked by the article's old findings.

A file is compared as text: the version at BASE (`git show BASE:path`, decoded like any input) against
the text that was linted (the working tree, stdin, or the text after --fix), both with line breaks
normalised, through `git diff --no-index --unified=0`. Decoding first means UTF-16 or BOM files diff as
text rather than as "binary files differ". A file that is not in BASE (new, untracked) is all new lines.
"""
from __future__ import annotations

import os
import re
import subprocess
import tempfile
from collections.abc import Iterable

from .finding import FileResult, replace
from .source import LINE_BREAK_RE, SourceError, decode

HUNK_RE = re.compile(rb"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)
ALL = None  # changed_lines() result for a file that is new since BASE: every line counts


class GitError(Exception):
    """Not a git checkout, an unknown revision, or git itself failed: a usage error (exit 2)."""


def _git(args: list[str], cwd: str, ok=(0,)) -> bytes:
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True)
    except FileNotFoundError:
        raise GitError("--diff needs git, and git is not installed") from None
    if proc.returncode not in ok:
        lines = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(lines[-1] if lines else f"git {args[0]} failed")
    return proc.stdout


def hunk_lines(diff: bytes) -> set[int]:
    """New-side line numbers of a --unified=0 diff. A pure deletion (+N,0) adds no line."""
    lines: set[int] = set()
    for m in HUNK_RE.finditer(diff):
        start, count = int(m.group(1)), int(m.group(2) or 1)
        lines.update(range(start, start + count))
    return lines


def _normalised(text: str) -> bytes:
    # LineIndex ends a line at \r\n, \r or \n; git only at \n. Normalising keeps both counts equal.
    return LINE_BREAK_RE.sub("\n", text).encode("utf-8", "surrogatepass")


class ChangedLines:
    """The lines changed since `base` in the repository around `cwd`, file by file."""

    def __init__(self, base: str, cwd: str | None = None):
        self.cwd = os.path.abspath(cwd or os.getcwd())
        try:
            self.root = _git(["rev-parse", "--show-toplevel"], self.cwd).decode().strip()
        except GitError:
            raise GitError(f"--diff {base}: not inside a git repository") from None
        try:
            self.commit = _git(["rev-parse", "--verify", "--quiet", f"{base}^{{commit}}"], self.root).decode().strip()
        except GitError:
            raise GitError(f"--diff {base}: unknown git revision (fetch it first, e.g. git fetch origin {base})") from None
        self.base = base
        self.in_base = self._names(["ls-tree", "-r", "--name-only", "-z", self.commit])
        self.touched = self._names(["diff", "--name-only", "--no-renames", "-z", self.commit, "--"])

    def _names(self, args: list[str]) -> set[str]:
        return {n for n in _git(args, self.root).decode("utf-8", "surrogateescape").split("\0") if n}

    def relpath(self, path: str) -> str | None:
        """The path as git names it (relative to the repository root), or None if outside the repo."""
        rel = os.path.relpath(os.path.realpath(os.path.join(self.cwd, path)), os.path.realpath(self.root))
        return None if rel.startswith(os.pardir) else rel.replace(os.sep, "/")

    def unchanged_on_disk(self, path: str) -> bool:
        """True for a file tracked at BASE whose working-tree content git sees as unchanged:
        such a file cannot have a changed line, so it need not even be linted."""
        rel = self.relpath(path)
        return rel is not None and rel in self.in_base and rel not in self.touched

    def changed_lines(self, path: str, text: str) -> set[int] | None:
        """Lines of `text` (the linted content of `path`) that differ from BASE; ALL if `path` is new."""
        rel = self.relpath(path)
        if rel is None or rel not in self.in_base:
            return ALL
        try:
            old = decode(_git(["show", f"{self.commit}:{rel}"], self.root), path).text
        except SourceError:
            return ALL  # BASE held something we cannot read as text (binary): every line is new
        with tempfile.TemporaryDirectory(prefix="healthlint-diff-") as tmp:
            a, b = os.path.join(tmp, "a"), os.path.join(tmp, "b")
            with open(a, "wb") as fh:
                fh.write(_normalised(old))
            with open(b, "wb") as fh:
                fh.write(_normalised(text))
            diff = _git(["-c", "core.quotepath=off", "diff", "--no-index", "--no-color", "--no-ext-diff",
                         "--unified=0", "--", a, b], tmp, ok=(0, 1))
        return hunk_lines(diff)

    def filter(self, results: Iterable[FileResult]) -> list[FileResult]:
        """Drop findings none of whose lines changed; inputs that failed to read are kept."""
        out = []
        for r in results:
            if r.error or not r.findings or r.text is None:
                out.append(r)
                continue
            lines = self.changed_lines(r.path, r.text)
            if lines is not ALL:
                kept = tuple(f for f in r.findings if any(n in lines for n in range(f.line, f.end_line + 1)))
                r = replace(r, findings=kept)
            out.append(r)
        return out
