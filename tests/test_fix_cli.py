"""`healthlint check --fix` end to end: the real CLI on real files, with HL001 and a fixable
substitution rule from a content repo's own rule pack."""
import codecs
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from helpers import run, write

PACK = """
[pack]
name = "house-terms"

[[rule]]
code = "HL901"
name = "house-term"
category = "garbled"
severity = "warning"
summary = "A term our style guide replaces."
type = "substitution"
message = 'Write "{replacement}" instead of "{match}".'
fixable = true
swap = { "heart disorder" = "heart disease", "chronic heart" = "long-term heart", "sugar illness" = "diabetes" }
[rule.docs]
what = "Replaces house-style terms."
why = "House style."
example = "a heart disorder"
instead = "heart disease"
"""
CONFIG = 'rule-packs = ["house.toml"]\nselect = ["HL0", "HL901", "HL101"]\n'
STALE = "<!-- healthlint-disable-next-line HL101 -->\n"


@pytest.fixture
def repo(tmp_path):
    write(tmp_path, "house.toml", PACK)
    write(tmp_path, ".healthlint.toml", CONFIG)
    return tmp_path


def test_fix_writes_reports_the_rest_and_is_idempotent(repo):
    text = "# Café notes\n\n" + STALE + "A sugar illness diet.\n\nThis tea cures diabetes.\n"
    path = write(repo, "a.md", text)
    proc = run("check", "--fix", "a.md", cwd=repo)
    assert path.read_text() == "# Café notes\n\nA diabetes diet.\n\nThis tea cures diabetes.\n"
    assert "Applied 2 fixes to 1 file." in proc.stderr
    # What is left (a claim, which has no safe fix) is reported, and sets the exit code.
    assert proc.returncode == 1 and "a.md:5:10: HL101" in proc.stdout and "HL901" not in proc.stdout
    again = run("check", "--fix", "a.md", cwd=repo)
    assert "Applied 0 fixes to 0 files." in again.stderr and again.stdout == proc.stdout
    assert path.read_text() == "# Café notes\n\nA diabetes diet.\n\nThis tea cures diabetes.\n"


def test_fix_exits_zero_when_nothing_remains(repo):
    write(repo, "a.md", STALE + "Plain text about a heart disorder.\n")
    proc = run("check", "--fix", "a.md", cwd=repo)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (repo / "a.md").read_text() == "Plain text about a heart disease.\n"


@pytest.mark.parametrize("encoding, bom, newline", [
    ("utf-8", b"", "\n"),
    ("utf-8", codecs.BOM_UTF8, "\r\n"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "\r\n"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "\n"),
    ("utf-8", b"", "\r"),
])
def test_fix_keeps_encoding_bom_line_endings_and_every_other_byte(repo, encoding, bom, newline):
    lines = ["Título: ÉSTE 🍵", "", STALE.rstrip("\n"), "A  *sugar illness*   diet\t(tabs\tkept).", "",
             "Heart disorder,  heart disorder   and a chronic heart disorder.", "no newline at the end"]
    before = newline.join(lines)
    after = newline.join(["Título: ÉSTE 🍵", "", "A  *diabetes*   diet\t(tabs\tkept).", "",
                          "Heart disease,  heart disease   and a long-term heart disease.", "no newline at the end"])
    path = repo / "a.md"
    path.write_bytes(bom + before.encode(encoding))
    proc = run("check", "--fix", "a.md", cwd=repo)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert path.read_bytes() == bom + after.encode(encoding)
    assert run("check", "--fix", "a.md", cwd=repo).returncode == 0
    assert path.read_bytes() == bom + after.encode(encoding)  # idempotent, byte for byte


def test_overlapping_fixes_do_not_corrupt_text(repo):
    # "chronic heart" and "heart disorder" overlap: one is applied, the other is re-found on the next pass.
    write(repo, "a.md", "A chronic heart disorder.\n")
    proc = run("check", "--fix", "a.md", cwd=repo)
    assert (repo / "a.md").read_text() == "A long-term heart disease.\n"
    assert "Applied 2 fixes to 1 file." in proc.stderr


WORDS = st.sampled_from(["chronic", "heart", "disorder", "sugar", "illness", "tea", "Zed", "café", "\n", "  ", ","])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(WORDS, min_size=1, max_size=25))
def test_random_overlaps_keep_the_untouched_words_in_order(repo, words):
    """Whatever overlaps the phrases form, fixing never loses, duplicates or reorders a word that no
    fix touches, and it reaches a fixpoint."""
    from healthlint.api import Linter

    text = " ".join(words)
    linter = Linter(str(repo / ".healthlint.toml"))
    fixed, _applied, left = linter.fix_text(text, "a.md")
    keep = {"tea", "Zed", "café", ","}
    assert [w for w in text.split() if w in keep] == [w for w in fixed.split() if w in keep]
    assert not [f for f in left if f.fix is not None]
    assert linter.fix_text(fixed, "a.md")[:2] == (fixed, 0)


def test_dry_run_prints_a_diff_that_git_applies_and_writes_nothing(repo):
    original = "# Notes\n\n" + STALE + "Text about a heart disorder.\n\nThis tea cures diabetes.\n"
    path = write(repo, "a.md", original)
    mtime = path.stat().st_mtime_ns
    proc = run("check", "--fix", "--dry-run", "a.md", cwd=repo)
    assert path.read_text() == original and path.stat().st_mtime_ns == mtime
    assert proc.stdout.startswith("--- a/a.md\n+++ b/a.md\n@@ ")
    assert "-" + STALE in proc.stdout and "+Text about a heart disease.\n" in proc.stdout
    # Findings that would remain, and the count, go to stderr; the exit code is theirs.
    # Positions are those of the fixed text (the stale comment's line is gone): what applying the diff leaves.
    assert "Would apply 2 fixes to 1 file" in proc.stderr and "a.md:5:10: HL101" in proc.stderr
    assert proc.returncode == 1
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    applied = subprocess.run(["git", "apply", "-"], input=proc.stdout, text=True, cwd=repo, capture_output=True)
    assert applied.returncode == 0, applied.stderr
    fixed_by_diff = path.read_bytes()
    path.write_text(original)
    run("check", "--fix", "a.md", cwd=repo)
    assert path.read_bytes() == fixed_by_diff


def test_dry_run_marks_a_missing_final_newline(repo):
    write(repo, "a.txt", "One heart disorder")
    proc = run("check", "--fix", "--dry-run", "a.txt", cwd=repo)
    assert proc.stdout.endswith("-One heart disorder\n\\ No newline at end of file\n+One heart disease\n"
                                "\\ No newline at end of file\n")


def test_stdin_fix_prints_the_fixed_text(repo):
    proc = run("check", "--fix", "-", "--stdin-filename", "a.md", cwd=repo,
               input=STALE + "A heart disorder.\nThis tea cures diabetes.\n")
    assert proc.stdout == "A heart disease.\nThis tea cures diabetes.\n"
    assert "a.md:2:10: HL101" in proc.stderr and proc.returncode == 1


def test_dry_run_needs_fix(repo):
    write(repo, "a.md", "Text.\n")
    proc = run("check", "--dry-run", "a.md", cwd=repo)
    assert proc.returncode == 2 and "--dry-run only makes sense with --fix" in proc.stderr


def test_fix_reports_unreadable_files_and_keeps_going(repo):
    (repo / "bad.md").write_bytes(b"GIF89a\x00\x01 binary")
    write(repo, "a.md", "A heart disorder.\n")
    proc = run("check", "--fix", "bad.md", "a.md", cwd=repo)
    assert proc.returncode == 2 and "bad.md: error:" in proc.stderr
    assert (repo / "a.md").read_text() == "A heart disease.\n"


@pytest.mark.parametrize("before, after", [
    ("A.\n" + STALE + "B.\n", "A.\nB.\n"),  # alone on its line: the line goes
    ("B. <!-- healthlint-disable HL101 -->\nC.\n", "B.\nC.\n"),  # at the end of a line: trailing space too
    ("B. <!-- healthlint-disable HL101 --> C.\n", "B. C.\n"),  # inside a line: one space kept
    ("A.\n" + STALE.rstrip("\n"), "A.\n"),  # last line without a line break
])
def test_stale_suppression_removal_leaves_no_residue(repo, before, after):
    write(repo, "a.md", before)
    run("check", "--fix", "a.md", cwd=repo)
    assert (repo / "a.md").read_text() == after
