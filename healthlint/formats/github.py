"""GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` annotation per finding.

stdout carries annotations only; the runner parses every line, so anything else would be noise.
"""
from __future__ import annotations

from ..finding import FileResult, Finding, Severity

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    # Same replacements, same order, as escapeData in actions/toolkit packages/core/src/command.ts.
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    # escapeProperty in command.ts: data escaping plus the two property separators.
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    props: list[tuple[str, object]] = [("file", finding.path), ("line", finding.line)]
    # The runner (ValidateLinesAndColumns) drops col/endColumn, with a warning in the log, when
    # the span covers several lines; so multi-line spans are annotated by lines only.
    if finding.end_line == finding.line and finding.end_column >= finding.column:
        props += [("col", finding.column), ("endLine", finding.end_line), ("endColumn", finding.end_column)]
    else:
        props.append(("endLine", max(finding.end_line, finding.line)))
    props.append(("title", f"{finding.code} {finding.name}"))
    joined = ",".join(f"{key}={escape_property(str(value))}" for key, value in props)
    return f"::{LEVELS[finding.severity]} {joined}::{escape_data(finding.message)}"


def render(results: list[FileResult]) -> str:
    lines = [annotation(finding) for result in results for finding in result.findings]
    return "".join(line + "\n" for line in lines)
