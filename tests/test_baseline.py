"""--write-baseline / --baseline: accept today's findings, report only new ones, robust to moved lines."""
import json

from helpers import run, run_json, write

ARTICLE = "# Tea\n\nThis tea cures diabetes.\n\nIt is a miracle remedy.\n\nDrink water.\n"


def make_baseline(tmp_path, *paths):
    proc = run("check", "--no-config", "--write-baseline", "healthlint-baseline.json", *paths, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    return proc


def test_write_then_check_reports_nothing(tmp_path):
    write(tmp_path, "a.md", ARTICLE)
    proc = make_baseline(tmp_path, "a.md")
    assert "Wrote 2 findings to the baseline healthlint-baseline.json." in proc.stderr and proc.stdout == ""
    data = json.loads((tmp_path / "healthlint-baseline.json").read_text())
    assert data["tool"] == "healthlint" and all("line" in e and "count" in e for e in data["findings"])
    assert not any(isinstance(v, int) and k != "count" for e in data["findings"] for k, v in e.items())  # no line numbers
    proc, found = run_json("--no-config", "--baseline", "healthlint-baseline.json", "a.md", cwd=tmp_path)
    assert found == [] and proc.returncode == 0
    assert "2 findings accepted by the baseline" in proc.stderr


def test_moved_and_edited_lines_stay_accepted_new_ones_are_reported(tmp_path):
    write(tmp_path, "a.md", ARTICLE)
    make_baseline(tmp_path, "a.md")
    # Paragraphs reordered and lines inserted; the miracle line edited around its flagged phrase;
    # one new claim; and a second copy of an accepted phrase, which the count does not cover.
    write(tmp_path, "a.md", "# Tea\n\nNew intro.\n\nDrink water.\n\nSome say it is a miracle remedy for colds.\n\n"
                            "This tea cures diabetes.\n\nThis pill prevents cancer.\n\nThat tea cures diabetes too.\n")
    proc, found = run_json("--no-config", "--baseline", "healthlint-baseline.json", "a.md", cwd=tmp_path)
    assert sorted((d["line"], d["code"]) for d in found) == [(11, "HL102"), (13, "HL101")]
    assert proc.returncode == 1


def test_the_exact_line_wins_when_a_phrase_repeats(tmp_path):
    write(tmp_path, "a.md", "Intro.\n\nOur tea cures diabetes.\n")
    make_baseline(tmp_path, "a.md")
    write(tmp_path, "a.md", "A new tea cures diabetes, we say.\n\nIntro.\n\nOur tea cures diabetes.\n")
    # Only the claim rules: the document-level HL704 (risks not mentioned) would also fire at line 1.
    proc, found = run_json("--no-config", "--select", "HL1", "--baseline", "healthlint-baseline.json", "a.md", cwd=tmp_path)
    assert [(d["line"], d["code"]) for d in found] == [(1, "HL101")]  # the new copy, not the old one


def test_paths_are_relative_to_the_baseline_file(tmp_path):
    write(tmp_path, "content/a.md", ARTICLE)
    make_baseline(tmp_path, "content")
    proc, found = run_json("--no-config", "--baseline", "../healthlint-baseline.json", "a.md", cwd=tmp_path / "content")
    assert found == [] and proc.returncode == 0
    # Another file with the same findings is not covered by a.md's entries.
    write(tmp_path, "content/b.md", ARTICLE)
    proc, found = run_json("--no-config", "--baseline", "healthlint-baseline.json", "content", cwd=tmp_path)
    assert {d["path"] for d in found} == {"content/b.md"} and len(found) == 2


def test_fixed_findings_simply_disappear(tmp_path):
    write(tmp_path, "a.md", ARTICLE)
    make_baseline(tmp_path, "a.md")
    write(tmp_path, "a.md", "# Tea\n\nDrink water.\n")
    proc, found = run_json("--no-config", "--baseline", "healthlint-baseline.json", "a.md", cwd=tmp_path)
    assert found == [] and proc.returncode == 0


def test_missing_or_malformed_baseline_is_a_usage_error(tmp_path):
    write(tmp_path, "a.md", ARTICLE)
    proc = run("check", "--no-config", "--baseline", "nope.json", "a.md", cwd=tmp_path)
    assert proc.returncode == 2 and "baseline file not found" in proc.stderr
    write(tmp_path, "bad.json", '{"tool": "eslint"}')
    proc = run("check", "--no-config", "--baseline", "bad.json", "a.md", cwd=tmp_path)
    assert proc.returncode == 2 and "not a healthlint baseline" in proc.stderr and "Traceback" not in proc.stderr
