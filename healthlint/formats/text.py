"""Human-readable output: one line per finding, optional code frames, statistics and a summary."""
from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Mapping

from ..finding import FileResult, Finding, Severity
from ..source import LineIndex

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (~10 ms)
if TYPE_CHECKING:
    from ..checks.base import Rule

MAX_WIDTH = 120  # source lines longer than this (in characters) are windowed around the span
CONTEXT = 10  # characters shown before a span too long to fit the window
TAB_SIZE = 4
ELLIPSIS = "\u2026"
COLORS = {Severity.ERROR: 31, Severity.WARNING: 33, Severity.INFO: 34}  # red, yellow, blue
SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)

# Article text and messages may hold control characters (ESC, BEL, a lone CR). Printed raw they
# would drive the terminal, and with color off we promise no escape sequences at all, so they are
# shown as their Unicode "control picture" (ESC -> U+241B). Tabs are kept: frames expand them.
_CONTROL_PICTURES = {c: 0x2400 + c for c in range(0x20) if c != 0x09}
_CONTROL_PICTURES[0x7F] = 0x2421
_CONTROL_PICTURES.update({c: 0xFFFD for c in range(0x80, 0xA0)})


def style(text: str, severity: Severity) -> str:
    """text in the severity's colour, as click.style(text, fg=...) writes it (click is not imported)."""
    return f"\033[{COLORS[severity]}m{text}\033[0m"


def visible(text: str) -> str:
    return text.translate(_CONTROL_PICTURES)


def render(
    results: list[FileResult],
    rules: Mapping[str, Rule],
    *,
    show_source: bool = False,
    color: bool = False,
    statistics: bool = False,
    quiet: bool = False,
) -> str:
    frames = show_source and not quiet
    entries = [entry for result in results for entry in _entries(result, frames, color)]
    # Findings, statistics and summary are separated by a blank line; so are findings that
    # carry a code frame, which would otherwise run into each other.
    blocks = [("\n\n" if frames else "\n").join(entries)] if entries else []
    if statistics:
        blocks.append("\n".join(statistics_lines(results, rules)))
    if not quiet:
        blocks.append("\n".join(summary_lines(results)))
    blocks = [b for b in blocks if b]
    return "\n\n".join(blocks) + "\n" if blocks else ""


def _entries(result: FileResult, frames: bool, color: bool) -> list[str]:
    lines = [finding_line(f, color) for f in result.findings]
    if frames and result.text is not None and result.findings:
        index = LineIndex(result.text)  # once per file, not per finding
        lines = ["\n".join([line, *code_frame(f, index, color)]) for line, f in zip(lines, result.findings)]
    return lines


def finding_line(finding: Finding, color: bool = False) -> str:
    code = style(finding.code, finding.severity) if color else finding.code
    location = f"{visible(finding.path)}:{finding.line}:{finding.column}"
    return f"{location}: {code} {visible(finding.message)} [{finding.category}]"


# --- code frames -----------------------------------------------------------------------------


def code_frame(finding: Finding, index: LineIndex, color: bool = False) -> list[str]:
    """The finding's first source line under a ruff-style gutter, with ^^^ under the span."""
    if not 1 <= finding.line <= len(index.starts):
        return []
    line = index.line_text(finding.line)
    start = min(max(finding.column - 1, 0), len(line))
    # A span that crosses lines is underlined to the end of its first line.
    end = finding.end_column - 1 if finding.end_line == finding.line else len(line)
    end = min(max(end, start), len(line))
    shown, start, end, cut_left, cut_right = window(line, start, end)
    text, cols = expand(visible(shown))
    pad, width = cols[start], max(1, cols[end] - cols[start])  # an empty span still gets one ^
    if cut_left:
        text, pad = ELLIPSIS + text, pad + 1
    if cut_right:
        text += ELLIPSIS
    carets = "^" * width
    if color:
        carets = style(carets, finding.severity)
    number = str(finding.line)
    return [f"  {number} | {text}", f"  {' ' * len(number)} | {' ' * pad}{carets}"]


def window(line: str, start: int, end: int) -> tuple[str, int, int, bool, bool]:
    """Cut a long line to MAX_WIDTH characters around [start, end), re-basing the span."""
    if len(line) <= MAX_WIDTH:
        return line, start, end, False, False
    keep = MAX_WIDTH - 2  # room for an ellipsis on each side
    slack = keep - (end - start)
    lo = start - slack // 2 if slack >= 0 else start - CONTEXT  # center the span if it fits
    lo = max(0, min(lo, len(line) - keep))
    hi = lo + keep
    return line[lo:hi], start - lo, min(end, hi) - lo, lo > 0, hi < len(line)


def expand(text: str) -> tuple[str, list[int]]:
    """Expand tabs and measure terminal cells, so carets line up under wide or combining text.

    Returns the display string and cols, where cols[i] is the cell at which character i starts
    (cols[len(text)] is the total width).
    """
    out, cols, col = [], [], 0
    for ch in text:
        cols.append(col)
        if ch == "\t":
            step = TAB_SIZE - col % TAB_SIZE
            out.append(" " * step)
        else:
            step = cell_width(ch)
            out.append(ch)
        col += step
    cols.append(col)
    return "".join(out), cols


def cell_width(ch: str) -> int:
    if ch == "\u00ad":  # soft hyphen: format character, but terminals draw it
        return 1
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


# --- statistics and summary ------------------------------------------------------------------


def statistics_lines(results: list[FileResult], rules: Mapping[str, Rule]) -> list[str]:
    """`count  code  name` per code, most frequent first, ties by code."""
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for finding in (f for r in results for f in r.findings):
        counts[finding.code] += 1
        names[finding.code] = rules[finding.code].name if finding.code in rules else finding.name
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    width = max([6] + [len(str(n)) for _, n in rows])
    return [f"{n:>{width}}  {code}  {names[code]}" for code, n in rows]


def summary_lines(results: list[FileResult]) -> list[str]:
    findings = [f for r in results for f in r.findings]
    linted = sum(1 for r in results if r.error is None)
    failed = len(results) - linted
    files = plural(linted, "file")
    if findings:
        by_severity = Counter(f.severity for f in findings)
        parts = ", ".join(plural(by_severity[s], s.value) for s in SEVERITY_ORDER if by_severity[s])
        lines = [f"Found {plural(len(findings), 'finding')} ({parts}) in {files}."]
    else:
        lines = [f"No findings in {files}."]
    if failed:
        lines.append(f"{plural(failed, 'file')} could not be linted.")
    return lines


def plural(n: int, word: str) -> str:
    # "info" is a mass noun: "3 info" reads better than "3 infos".
    return f"{n} {word}" if n == 1 or word == "info" else f"{n} {word}s"
