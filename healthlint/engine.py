"""The engine: run the active rules over a document, turn their spans into findings with exact
positions, then apply inline suppressions. Rules never see line numbers; only this module does."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from .checks.base import Context, Rule
from .checks.meta import UNUSED_SUPPRESSION
from .config import Config, selector_matches
from .document import Block, Document
from .finding import Finding, Fix, RawFinding, Severity
from .source import LINE_BREAK_RE, LineIndex
from .suppress import collect


@dataclass(frozen=True)
class ActiveRule:
    rule: Rule
    severity: Severity
    options: dict[str, Any]


def select_rules(
    rules: Sequence[Rule], config: Config, path: str | None,
    select: Sequence[str] | None = None, ignore: Sequence[str] = (),
) -> list[ActiveRule]:
    """The rules that run on `path`: CLI --select replaces the config's select, --ignore adds to it."""
    chosen = select if select else config.select
    ignored = tuple(ignore) + ignored_for(config, path)
    active = []
    for rule in rules:
        if chosen is None:
            on = rule.default_enabled
        else:
            on = any(selector_matches(s, rule) for s in chosen)
        if not on or any(selector_matches(s, rule) for s in ignored):
            continue
        active.append(ActiveRule(rule, _severity(rule, config), {**rule.options, **config.rule_options.get(rule.code, {})}))
    return active


def ignored_for(config: Config, path: str | None) -> tuple[str, ...]:
    return config.ignores_for(path) if path else config.ignore


def _severity(rule: Rule, config: Config) -> Severity:
    """The most specific severity override wins: code, then name, then prefix (longest), then category."""
    best, rank = rule.severity, -1
    for sel, sev in config.severity.items():
        if not selector_matches(sel, rule):
            continue
        r = 100 if sel.upper() == rule.code or sel == rule.name else (len(sel) if sel.upper().startswith("HL") else 0)
        if r > rank:
            best, rank = sev, r
    return best


def run_rules(doc: Document, active: Sequence[ActiveRule]) -> Iterable[tuple[ActiveRule, RawFinding, Block | None, int]]:
    """Yield (rule, raw finding, block or None, base offset in that block)."""
    base_ctx = Context(doc)
    try:
        yield from _run(doc, active, base_ctx)
    finally:
        base_ctx.release()  # memoised values may point back at the context: free the document now, not at a GC pass


def _run(doc: Document, active: Sequence[ActiveRule], base_ctx: Context):
    by_scope: dict[str, list[tuple[ActiveRule, Context]]] = {"document": [], "block": [], "sentence": []}
    for ar in active:
        if ar.rule is UNUSED_SUPPRESSION:
            continue
        by_scope[ar.rule.scope].append((ar, base_ctx.with_options(ar.options)))
    for ar, ctx in by_scope["document"]:
        for raw in ar.rule.check(doc, ctx):
            yield ar, raw, raw.block, 0
    if not by_scope["block"] and not by_scope["sentence"]:
        return
    for block in doc.blocks:
        for ar, ctx in by_scope["block"]:
            for raw in ar.rule.check(block, ctx):
                yield ar, raw, block, 0
        if by_scope["sentence"]:
            for sentence in base_ctx.sentences(block):
                for ar, ctx in by_scope["sentence"]:
                    for raw in ar.rule.check(sentence, ctx):
                        yield ar, raw, block, sentence.start


def _finding(doc: Document, lines: LineIndex, ar: ActiveRule, raw: RawFinding, block: Block | None, base: int) -> Finding:
    if block is not None and not raw.absolute:
        start, end = block.source_span(base + raw.start, base + raw.end)
    else:
        start, end = raw.start, raw.end
    line, col = lines.position(start)
    end_line, end_col = lines.position(end)
    fix = raw.fix
    if fix is None and raw.fix_replacement is not None:
        fix = Fix(start, end, raw.fix_replacement)
    rule = ar.rule
    return Finding(
        doc.path, line, col, end_line, end_col, rule.code, rule.name, rule.category,
        raw.severity or ar.severity, raw.message, start, end, fix,
    )


def lint_document(doc: Document, active: Sequence[ActiveRule], known_codes: Iterable[Rule] = ()) -> list[Finding]:
    lines = LineIndex(doc.text)
    sups = collect(doc, lines)
    if sups.file_disabled():
        return []
    findings: dict[tuple, Finding] = {}
    for ar, raw, block, base in run_rules(doc, active):
        f = _finding(doc, lines, ar, raw, block, base)
        key = (f.start, f.end, f.code)
        if key in findings or sups.suppresses(ar.rule, f.start, f.line):
            continue
        findings[key] = f
    result = list(findings.values())
    unused = next((ar for ar in active if ar.rule is UNUSED_SUPPRESSION), None)
    if unused is not None:
        result.extend(_unused_suppressions(doc, lines, sups, active, unused, known_codes))
    return sorted(result, key=lambda f: (f.line, f.column, f.code, f.end_line, f.end_column))


def _unused_suppressions(doc, lines, sups, active, ar: ActiveRule, known: Iterable[Rule]) -> list[Finding]:
    """A suppression is judged only if every rule it names ran; otherwise it may be needed elsewhere."""
    known = list(known) or [a.rule for a in active]
    active_rules = [a.rule for a in active]
    out = []
    for s in sups.items:
        unknown = [sel for sel in s.selectors if not any(selector_matches(sel, r) for r in known)]
        if unknown:
            message = f"Suppression names unknown rule {', '.join(unknown)}; check the code."
        elif s.used:
            continue
        elif s.selectors and not all(any(selector_matches(sel, r) for r in active_rules) for sel in s.selectors):
            continue
        else:
            what = ", ".join(s.selectors) or "any rule"
            message = f"Unused suppression: this comment disables {what} but nothing was suppressed; remove it."
        raw = RawFinding(s.comment[0], s.comment[1], message, absolute=True, fix=_delete_comment(doc.text, *s.comment))
        out.append(_finding(doc, lines, ar, raw, None, 0))
    return out


def _delete_comment(text: str, start: int, end: int) -> Fix:
    """Delete a comment; alone on its line, delete the line (no blank line left); at the end of
    a line of text, delete the spaces before it too."""
    line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    rest = LINE_BREAK_RE.search(text, end)
    before, after = text[line_start:start], text[end:rest.start() if rest else len(text)]
    if after.strip():  # text follows: drop the comment and one of the two spaces around it
        return Fix(start, end + 1 if before.endswith((" ", "\t")) and after[:1] in (" ", "\t") else end, "")
    if before.strip():
        return Fix(start - (len(before) - len(before.rstrip(" \t"))), end + len(after), "")
    return Fix(line_start, rest.end() if rest else len(text), "")
