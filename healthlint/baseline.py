"""Baselines: accept the findings an existing content set has today and report only new ones.

A baseline entry never records a line number, because every edit above a finding would move it.
It keys on the file (relative to the baseline file, so the run's working folder does not matter),
the rule code, the flagged text and the text of the line it sits on, all whitespace-normalised, with
a count. Matching is in two passes: first on the full key, then, for findings whose line was edited,
on file + code + flagged text alone, against what the first pass left over. So moving a paragraph or
editing another sentence on the same line keeps an old finding accepted, while a second copy of an
accepted phrase is still reported (the counts run out).
"""
from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable

from .finding import FileResult, Finding, replace
from .source import LineIndex

VERSION = 1
MAX_TEXT = 200  # characters of span or line kept in a key: long enough to be specific, bounded in size


class BaselineError(Exception):
    """A missing or malformed baseline file: a usage error (exit 2)."""


def _norm(text: str) -> str:
    return " ".join(text.split())[:MAX_TEXT]


def _relpath(path: str, folder: str) -> str:
    return os.path.relpath(os.path.abspath(path), folder).replace(os.sep, "/")


def keys(result: FileResult, folder: str) -> list[tuple[tuple[str, str, str], str]]:
    """((path, code, span text), line text) for each finding of `result`, in order."""
    index = LineIndex(result.text or "")
    path = _relpath(result.path, folder)
    out = []
    for f in result.findings:
        text = result.text or ""
        span = _norm(text[f.start:f.end])
        line = _norm(index.line_text(f.line)) if 1 <= f.line <= len(index.starts) else ""
        out.append(((path, f.code, span), line))
    return out


def write(path: str, results: Iterable[FileResult]) -> int:
    """Record every finding of `results` in `path`; returns how many."""
    folder = os.path.dirname(os.path.abspath(path))
    counts: Counter[tuple[str, str, str, str]] = Counter()
    for r in results:
        if r.error is None:
            counts.update((*k, line) for k, line in keys(r, folder))
    entries = [{"path": p, "code": c, "text": t, "line": line, "count": n}
               for (p, c, t, line), n in sorted(counts.items())]
    data = {"tool": "healthlint", "version": VERSION, "findings": entries}
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        json.dump(data, fh, indent=1, ensure_ascii=False)
        fh.write("\n")
    os.replace(tmp, path)
    return sum(counts.values())


class Baseline:
    def __init__(self, path: str):
        self.folder = os.path.dirname(os.path.abspath(path))
        try:
            with open(path, encoding="utf-8") as fh:
                data = json.load(fh)
        except FileNotFoundError:
            raise BaselineError(f"{path}: baseline file not found (create it with --write-baseline)") from None
        except (OSError, ValueError) as exc:
            raise BaselineError(f"{path}: not a healthlint baseline ({exc})") from None
        if not isinstance(data, dict) or data.get("tool") != "healthlint" or data.get("version") != VERSION:
            raise BaselineError(f"{path}: not a healthlint baseline of version {VERSION}")
        self.entries: dict[str, Counter[tuple[str, str, str]]] = {}  # path -> (code, text, line) -> count
        try:
            for e in data["findings"]:
                per_file = self.entries.setdefault(e["path"], Counter())
                per_file[(e["code"], e["text"], e["line"])] += int(e["count"])
        except (KeyError, TypeError, ValueError) as exc:
            raise BaselineError(f"{path}: malformed baseline entry ({exc!r})") from None

    def filter(self, results: Iterable[FileResult]) -> tuple[list[FileResult], int]:
        """Results without the accepted findings, and how many were accepted."""
        out, accepted = [], 0
        for r in results:
            if r.error or not r.findings:
                out.append(r)
                continue
            ks = keys(r, self.folder)
            left = Counter(self.entries.get(ks[0][0][0], ()))
            matched = [False] * len(ks)
            for i, ((_p, code, text), line) in enumerate(ks):  # pass 1: same flagged text, same line text
                if left[(code, text, line)] > 0:
                    left[(code, text, line)] -= 1
                    matched[i] = True
            for i, ((_p, code, text), _line) in enumerate(ks):  # pass 2: line edited, flagged text still there
                if not matched[i]:
                    matched[i] = _consume_any(left, code, text)
            kept: tuple[Finding, ...] = tuple(f for f, m in zip(r.findings, matched) if not m)
            accepted += len(r.findings) - len(kept)
            out.append(replace(r, findings=kept))
        return out, accepted


def _consume_any(left: Counter, code: str, text: str) -> bool:
    """Use up one leftover entry with this code and flagged text, whatever its line text was."""
    for k, n in left.items():
        if n > 0 and k[:2] == (code, text):
            left[k] -= 1
            return True
    return False
