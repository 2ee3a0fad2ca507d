"""Findings: the immutable values every rule produces and every formatter consumes."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

CATEGORIES = ("spam", "boilerplate", "garbled", "disclaimer", "claim", "sourcing", "readability")


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 1, "warning": 2, "error": 3}[self.value]

    @classmethod
    def parse(cls, value: str) -> "Severity":
        try:
            return cls(str(value).lower())
        except ValueError:
            raise ValueError(f"unknown severity {value!r} (expected error, warning or info)") from None


@dataclass(frozen=True)
class Fix:
    """Replace source[start:end] (offsets in the decoded file text) with `replacement`."""

    start: int
    end: int
    replacement: str

    @classmethod
    def deletion(cls, span: tuple[int, int] | None) -> "Fix | None":
        """Delete source[start:end]; None when a rule found no safe span to delete."""
        return cls(span[0], span[1], "") if span else None


@dataclass(frozen=True)
class RawFinding:
    """What a rule returns: a span relative to the unit it was given, never a line number.

    For block and sentence rules, start/end index the unit's text. Document rules may instead
    name the block the span belongs to (`block`), or give source offsets with `absolute=True`.
    A fix's offsets are relative in the same way.
    """

    start: int
    end: int
    message: str
    fix_replacement: str | None = None
    block: object | None = None
    absolute: bool = False
    severity: Severity | None = None  # a rule may raise or lower one finding's severity
    # A fix whose span differs from the finding's (delete a whole chrome line, append a disclaimer
    # at the end): absolute offsets in the decoded file text. Wins over fix_replacement.
    fix: Fix | None = None


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str = field(compare=False)
    category: str = field(compare=False)
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    start: int = field(default=0, compare=False)  # offset in the decoded file text
    end: int = field(default=0, compare=False)
    fix: Fix | None = field(default=None, compare=False)

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "category": self.category,
            "severity": self.severity.value,
            "message": self.message,
            "fixable": self.fix is not None,
        }


@dataclass(frozen=True)
class InputError:
    """An input that could not be linted (unreadable, binary, bad config): reported, exit code 2."""

    path: str
    message: str


@dataclass(frozen=True)
class FileResult:
    """Everything the formatters need about one input: its findings, or why it was not linted."""

    path: str
    findings: tuple[Finding, ...] = ()
    error: str | None = None  # set when the input could not be linted (exit code 2)
    text: str | None = None  # decoded source, for code frames in the text format
