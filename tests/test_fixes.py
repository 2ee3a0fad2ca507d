"""The fix machinery the CLI's --fix builds on: pure edits, fixpoint, atomic encoded writes."""
import codecs
import os

from healthlint.api import Linter
from healthlint.finding import Fix
from healthlint.fixes import apply_fixes, encode, write_atomic
from healthlint.source import read_source


def test_apply_fixes_skips_overlaps_and_keeps_the_rest():
    text = "abcdefghij"
    fixed, n = apply_fixes(text, [Fix(2, 5, "X"), Fix(4, 7, "Y"), Fix(8, 8, "+")])
    assert (fixed, n) == ("abXfgh+ij", 2)


def test_apply_fixes_uses_the_files_line_endings():
    fixed, _ = apply_fixes("one\r\ntwo\r\n", [Fix(10, 10, "\nthree\n")])
    assert fixed == "one\r\ntwo\r\n\r\nthree\r\n"


def test_fix_is_a_fixpoint_so_a_second_run_changes_nothing():
    linter = Linter(use_config=False)
    text = "Intro.\n\n<!-- healthlint-disable-next-line HL101 -->\nPlain text.\n"
    fixed, applied, left = linter.fix_text(text, "a.md")
    assert applied == 1 and "healthlint-disable" not in fixed and left == []
    assert linter.fix_text(fixed, "a.md")[:2] == (fixed, 0)


def test_write_atomic_keeps_encoding_bom_and_mode(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "caf\u00e9\r\n".encode("utf-16-le"))
    os.chmod(path, 0o640)
    source = read_source(str(path))
    write_atomic(str(path), encode(source, source.text + "more\r\n"))
    assert path.read_bytes() == codecs.BOM_UTF16_LE + "caf\u00e9\r\nmore\r\n".encode("utf-16-le")
    assert os.stat(path).st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]  # no temporary file left behind


def test_fix_file_dry_run_leaves_the_file_alone(tmp_path):
    path = tmp_path / "a.md"
    original = "Text.\n\n<!-- healthlint-disable-next-line HL101 -->\nMore.\n"
    path.write_text(original)
    outcome = Linter(use_config=False).fix_file(str(path), write=False)
    assert outcome.changed and outcome.applied == 1
    assert path.read_text() == original
