"""The Python API as an embedding user calls it, including the README's example, run as is."""
import re
import subprocess
import sys

import pytest

import healthlint
from helpers import ROOT, write
from healthlint.config import ConfigError


def test_lint_text_picks_the_format_from_the_path():
    md = healthlint.lint_text("Our **tea** cures diabetes.", path="post.md")
    html = healthlint.lint_text("<p>Our <b>tea</b> cures diabetes.</p>", path="post.html")
    assert [(f.code, f.line, f.column) for f in md] == [("HL101", 1, 13)]
    assert [(f.code, f.line, f.column) for f in html] == [("HL101", 1, 19)]
    assert md[0].to_dict()["severity"] == "error" and md[0].to_dict()["fixable"] is False


def test_lint_text_config_select_and_ignore(tmp_path, monkeypatch):
    write(tmp_path, "site/.healthlint.toml", 'ignore = ["HL101"]\n')
    monkeypatch.chdir(tmp_path)
    text = "This miracle tea cures diabetes."
    assert {f.code for f in healthlint.lint_text(text)} == {"HL101", "HL105"}  # "<text>": built-in defaults
    assert {f.code for f in healthlint.lint_text(text, path="site/post.md")} == {"HL105"}  # config found by location
    assert {f.code for f in healthlint.lint_text(text, config="site/.healthlint.toml")} == {"HL105"}
    assert {f.code for f in healthlint.lint_text(text, select=["HL101"])} == {"HL101"}
    assert {f.code for f in healthlint.lint_text(text, ignore=["claim"])} == set()
    with pytest.raises(ConfigError, match="unknown rule"):
        healthlint.lint_text(text, select=["HL999"])


def test_lint_paths_returns_results_and_errors(tmp_path, monkeypatch):
    write(tmp_path, "content/a.md", "This tea cures diabetes.\n")
    write(tmp_path, "content/b.md", "Drink water.\n")
    (tmp_path / "content/c.md").write_bytes(b"\x00binary")
    monkeypatch.chdir(tmp_path)
    results = healthlint.lint_paths(["content", "missing.md"])
    summary = [(r.path, len(r.findings), r.error is not None) for r in results]
    assert summary == [("content/a.md", 1, False), ("content/b.md", 0, False), ("content/c.md", 0, True),
                       ("missing.md", 0, True)]
    assert results[0].text == "This tea cures diabetes.\n"


def test_fix_text_reaches_a_fixpoint():
    text = "Tip.\n<!-- healthlint-disable-next-line HL101 -->\nDrink water.\n\nThis tea cures diabetes.\n"
    outcome = healthlint.fix_text(text, path="post.md")
    assert outcome.fixed == "Tip.\nDrink water.\n\nThis tea cures diabetes.\n" and outcome.applied == 1
    assert outcome.changed and [f.code for f in outcome.result.findings] == ["HL101"]
    again = healthlint.fix_text(outcome.fixed, path="post.md")
    assert again.applied == 0 and not again.changed


def test_readme_example_runs_as_written(tmp_path):
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Python API"):]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    write(tmp_path, "content/post.md", "# Tea\n\nThis tea cures diabetes.\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "1:10 HL101 error" in proc.stdout and "content/post.md 1" in proc.stdout
    assert "applied 1" in proc.stdout
