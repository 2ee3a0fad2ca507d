"""JSON: one array of findings across all files, for scripts and other tools."""
from __future__ import annotations

import json

from ..finding import FileResult


def render(results: list[FileResult]) -> str:
    # Always a complete array, even when empty or when some inputs failed (those go to stderr),
    # so `healthlint --format json ... | jq` never sees a partial document. ASCII escapes keep
    # the output safe on consoles whose encoding is not UTF-8.
    findings = [finding.to_dict() for result in results for finding in result.findings]
    return json.dumps(findings, indent=2) + "\n"
