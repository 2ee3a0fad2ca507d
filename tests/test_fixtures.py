"""Per-rule fixtures: fixtures/<CODE>/*.{md,txt,html} with inline expectations, plus a snapshot.

A line ending in `<!-- expect: HL101 -->` (codes comma-separated) must carry a finding of each code
named; a line marked `<!-- clean -->` is a deliberate negative. No finding of the folder's rule may
appear on any line that does not expect it.
"""
import re

import pytest

from conftest import FIXTURES, SNAPSHOTS, UPDATE_SNAPSHOTS
from healthlint.api import Linter
from healthlint.checks.registry import builtin_rules
from healthlint.config import DEFAULT

EXPECT_RE = re.compile(r"<!--\s*expect:\s*([A-Z0-9, ]+?)\s*-->")
CLEAN_RE = re.compile(r"<!--\s*clean\s*-->")
CODE_DIRS = sorted(p for p in FIXTURES.iterdir() if re.fullmatch(r"HL\d{3}", p.name)) if FIXTURES.is_dir() else []


def fixture_files(folder):
    return sorted(p for p in folder.iterdir() if p.suffix in (".md", ".txt", ".html"))


def expectations(text):
    expected, clean = {}, set()
    for number, line in enumerate(text.splitlines(), 1):
        m = EXPECT_RE.search(line)
        if m:
            expected[number] = {c.strip() for c in m.group(1).split(",") if c.strip()}
        if CLEAN_RE.search(line):
            clean.add(number)
    return expected, clean


def lint(path):
    return Linter(DEFAULT).lint_file(str(path))


@pytest.mark.parametrize("folder", CODE_DIRS, ids=lambda p: p.name)
def test_fixture_expectations(folder):
    code = folder.name
    files = fixture_files(folder)
    assert files, f"{folder} has no fixture files"
    positives = negatives = 0
    for path in files:
        result = lint(path)
        assert result.error is None, result.error
        expected, clean = expectations(result.text)
        positives += sum(code in codes for codes in expected.values())
        negatives += len(clean)
        found = {(f.line, f.code) for f in result.findings}
        for line, codes in expected.items():
            for c in codes:
                assert (line, c) in found, f"{path.name}:{line}: expected {c}, got {sorted(x for l, x in found if l == line)}"
        for f in result.findings:
            if f.code == code:
                assert code in expected.get(f.line, ()), f"{path.name}:{f.line}:{f.column}: unexpected {code}: {f.message}"
    assert positives >= 3, f"{code}: fewer than 3 positive cases marked `expect: {code}`"
    assert negatives >= 3, f"{code}: fewer than 3 negative cases marked `clean`"


@pytest.mark.parametrize("folder", CODE_DIRS, ids=lambda p: p.name)
def test_fixture_snapshot(folder):
    code = folder.name
    lines = []
    for path in fixture_files(folder):
        for f in lint(path).findings:
            if f.code == code:
                lines.append(f"{path.name}:{f.line}:{f.column}-{f.end_line}:{f.end_column}: {f.code} [{f.severity.value}] {f.message}")
    actual = "\n".join(lines) + "\n"
    snapshot = SNAPSHOTS / f"{code}.txt"
    if UPDATE_SNAPSHOTS or not snapshot.exists():
        snapshot.parent.mkdir(exist_ok=True)
        snapshot.write_text(actual, encoding="utf-8")
        if not UPDATE_SNAPSHOTS:
            pytest.fail(f"wrote new snapshot {snapshot.name}: review and commit it")
    assert actual == snapshot.read_text(encoding="utf-8"), (
        f"{code} output changed; if intended, rerun with HEALTHLINT_UPDATE_SNAPSHOTS=1"
    )


def test_every_rule_has_fixtures():
    with_fixtures = {p.name for p in CODE_DIRS}
    engine_only = {"HL001", "HL410", "HL411"}  # covered by tests/test_suppress.py and tests/test_languagetool.py (needs a server)
    missing = [r.code for r in builtin_rules() if r.code not in with_fixtures and r.code not in engine_only]
    assert not missing, f"rules without fixtures/<CODE>/: {missing}"
