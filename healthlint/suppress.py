"""Inline suppressions written as HTML comments in the article:

    <!-- healthlint-disable HL101 -->  ...  <!-- healthlint-enable HL101 -->
    <!-- healthlint-disable-next-line HL101, HL104 -->
    <!-- healthlint-disable-file -->

Codes are optional (none = every rule); code prefixes, names and categories work too.
"""
from __future__ import annotations

import re

from .config import selector_matches
from .document import Document
from .source import LineIndex

DIRECTIVE_RE = re.compile(r"^\s*healthlint-(disable-next-line|disable-file|disable|enable)\b(.*)$", re.S)


class Suppression:
    """One directive: what it covers, and whether it suppressed anything in this run. (Plain
    classes, not dataclasses: creating a dataclass costs about a millisecond at start-up.)"""

    def __init__(self, kind: str, selectors: tuple[str, ...], start: int, end: int, comment: tuple[int, int],
                 lines: tuple[int, int] | None = None):
        self.kind = kind  # "range" | "next-line" | "file"
        self.selectors = selectors  # empty: all rules
        self.start, self.end = start, end  # source offsets covered
        self.comment = comment  # where the comment is, for the unused-suppression finding
        self.lines = lines  # for next-line: (first, last) line numbers covered
        self.used = False

    def matches(self, rule) -> bool:
        return not self.selectors or any(selector_matches(s, rule) for s in self.selectors)


class Suppressions:
    def __init__(self):
        self.items: list[Suppression] = []

    def suppresses(self, rule, start: int, line: int) -> bool:
        hit = False
        for s in self.items:
            if not s.matches(rule):
                continue
            inside = s.lines[0] <= line <= s.lines[1] if s.lines else s.start <= start < s.end
            if inside:
                s.used = True
                hit = True
        return hit

    def file_disabled(self) -> bool:
        return any(s.kind == "file" and not s.selectors for s in self.items)


def _parse_selectors(rest: str) -> tuple[str, ...]:
    rest = rest.split("--", 1)[0]  # "-- reason" after the codes is a comment for humans
    return tuple(s for s in re.split(r"[\s,]+", rest.strip()) if s)


def collect(doc: Document, lines: LineIndex) -> Suppressions:
    result = Suppressions()
    open_ranges: list[Suppression] = []
    end_of_file = len(doc.text)
    for comment in sorted(doc.comments, key=lambda c: c.start):
        m = DIRECTIVE_RE.match(comment.body)
        if not m:
            continue
        kind, selectors = m.group(1), _parse_selectors(m.group(2))
        where = (comment.start, comment.end)
        if kind == "disable-file":
            result.items.append(Suppression("file", selectors, 0, end_of_file, where))
        elif kind == "disable-next-line":
            line = lines.position(comment.end)[0] + 1
            result.items.append(Suppression("next-line", selectors, 0, 0, where, lines=(line, line)))
        elif kind == "disable":
            sup = Suppression("range", selectors, comment.end, end_of_file, where)
            result.items.append(sup)
            open_ranges.append(sup)
        else:  # enable: closes the matching open ranges (all of them when no codes are given)
            for sup in list(open_ranges):
                if not selectors or sup.selectors == selectors or set(selectors) & set(sup.selectors):
                    sup.end = comment.start
                    open_ranges.remove(sup)
    return result
