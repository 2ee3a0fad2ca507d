"""SARIF 2.1.0, shaped for GitHub code scanning (docs: "SARIF support for code scanning")."""
from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Mapping
from pathlib import Path, PurePath
from urllib.parse import quote

from .. import __version__
from ..finding import FileResult, Finding, Severity
from ..source import LineIndex

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (~10 ms)
if TYPE_CHECKING:
    from ..checks.base import Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/healthlint/healthlint"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
PROBLEM_SEVERITY = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "recommendation"}
FINGERPRINT = "healthlintHash/v1"
SRCROOT = "%SRCROOT%"
TEXT_LIMIT = 1024  # GitHub's limit for shortDescription and fullDescription
# RFC 3986 path characters that may stay literal. ':' is left out: in the first segment of a
# relative reference it would read as a URI scheme ("c:notes.md").
URI_SAFE = "/!$&'()*+,;=@"


def render(results: list[FileResult], rules: Mapping[str, Rule]) -> str:
    return json.dumps(build(results, rules), indent=2) + "\n"


def build(results: list[FileResult], rules: Mapping[str, Rule]) -> dict:
    descriptors, rule_index = rule_table(results, rules)
    run = {
        "tool": {"driver": _driver(descriptors)},
        "invocations": [_invocation(results)],
        # Relative URIs are relative to the directory healthlint ran in; the SARIF spec wants a
        # uriBaseId on them, and GitHub's guidance says to resolve it here.
        "originalUriBaseIds": {SRCROOT: {"uri": _directory_uri(Path.cwd())}},
        "results": [res for r in results for res in _file_results(r, rule_index)],
        "columnKind": "unicodeCodePoints",  # our columns count characters, not UTF-16 units
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def _driver(descriptors: list[dict]) -> dict:
    return {
        "name": "healthlint",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": INFORMATION_URI,
        "rules": descriptors,
    }


# --- rules -----------------------------------------------------------------------------------


def rule_table(results: list[FileResult], rules: Mapping[str, Rule]) -> tuple[list[dict], dict[str, int]]:
    """Descriptors for every rule that ran, sorted by code, and code -> ruleIndex.

    All rules, not only those with results: GitHub expects the rules array to stay the same
    across analyses of different code, ruleIndex stays stable for a given configuration, and a
    consumer can tell "ran and found nothing" from "did not run".
    """
    descriptors = {rule.code: _descriptor(rule) for rule in rules.values()}
    for finding in (f for r in results for f in r.findings):
        if finding.code not in descriptors:  # caller passed an incomplete map; stay valid
            descriptors[finding.code] = _fallback_descriptor(finding)
    codes = sorted(descriptors)
    return [descriptors[c] for c in codes], {c: i for i, c in enumerate(codes)}


def _descriptor(rule: Rule) -> dict:
    doc = rule.doc_text()
    summary = rule.summary.strip() or rule.name
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": _clip(summary)},
        "fullDescription": {"text": _clip(rule.docs.what.strip() or summary)},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": _rule_properties(rule.category, rule.severity),
    }


def _fallback_descriptor(finding: Finding) -> dict:
    title = f"{finding.code} {finding.name}"
    return {
        "id": finding.code,
        "name": finding.name,
        "shortDescription": {"text": finding.name},
        "fullDescription": {"text": finding.name},
        "help": {"text": title, "markdown": title},
        "defaultConfiguration": {"level": LEVELS[finding.severity]},
        "properties": _rule_properties(finding.category, finding.severity),
    }


def _rule_properties(category: str, severity: Severity) -> dict:
    # GitHub filters alerts by tags and ranks non-security alerts by problem.severity.
    return {
        "category": category,
        "tags": [category, "health-content"],
        "problem.severity": PROBLEM_SEVERITY[severity],
    }


def _clip(text: str) -> str:
    return text if len(text) <= TEXT_LIMIT else text[: TEXT_LIMIT - 1] + "\u2026"


# --- results ---------------------------------------------------------------------------------


def _file_results(result: FileResult, rule_index: dict[str, int]) -> list[dict]:
    location = artifact_location(result.path)
    prints = fingerprints(result, location["uri"])
    return [_result(f, location, rule_index, fp) for f, fp in zip(result.findings, prints)]


def _result(finding: Finding, location: dict, rule_index: dict[str, int], fingerprint: str) -> dict:
    return {
        "ruleId": finding.code,
        "ruleIndex": rule_index[finding.code],
        "level": LEVELS[finding.severity],  # a finding may differ from its rule's default
        "message": {"text": finding.message or finding.name},  # GitHub rejects empty text
        "locations": [{"physicalLocation": {"artifactLocation": location, "region": region(finding)}}],
        "partialFingerprints": {FINGERPRINT: fingerprint},
    }


def region(finding: Finding) -> dict:
    # Findings come from LineIndex and are valid; the clamps only keep a bad span from making
    # the whole file fail validation (an end before the start is rejected).
    end_line = max(finding.end_line, finding.line)
    end_column = max(finding.end_column, 1)
    if end_line == finding.line:
        end_column = max(end_column, finding.column)
    return {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": end_line,
        "endColumn": end_column,
    }


def fingerprints(result: FileResult, uri: str) -> list[str]:
    """One `hash:n` per finding: hash of code, path and the whitespace-normalized line text.

    Line text instead of a line number keeps an alert matched when lines above it move. `n`
    numbers identical hashes in file order (as GitHub's own primaryLocationLineHash does), so two
    findings of one rule on one line stay two alerts instead of collapsing into one.
    """
    index = LineIndex(result.text) if result.text is not None else None
    seen: Counter[str] = Counter()
    out = []
    for finding in result.findings:
        line = ""
        if index is not None and 1 <= finding.line <= len(index.starts):
            line = " ".join(index.line_text(finding.line).split())
        digest = hashlib.sha256("\n".join((finding.code, uri, line)).encode("utf-8")).hexdigest()[:32]
        seen[digest] += 1
        out.append(f"{digest}:{seen[digest]}")
    return out


def artifact_location(path: str) -> dict:
    """A relative path -> percent-encoded POSIX URI reference under %SRCROOT%; absolute -> file://."""
    if os.path.isabs(path):
        return {"uri": Path(path).as_uri()}
    posix = PurePath(path).as_posix()  # also drops "./" components and turns "\\" into "/" on Windows
    return {"uri": quote(posix, safe=URI_SAFE), "uriBaseId": SRCROOT}


def _directory_uri(directory: Path) -> str:
    uri = directory.as_uri()
    return uri if uri.endswith("/") else uri + "/"  # a base URI must end in "/" to resolve under it


# --- invocation ------------------------------------------------------------------------------


def _invocation(results: list[FileResult]) -> dict:
    failed = [r for r in results if r.error is not None]
    return {
        "executionSuccessful": not failed,
        "toolExecutionNotifications": [_notification(r) for r in failed],
    }


def _notification(result: FileResult) -> dict:
    return {
        "level": "error",
        "message": {"text": result.error or "could not be linted"},
        "locations": [{"physicalLocation": {"artifactLocation": artifact_location(result.path)}}],
    }
