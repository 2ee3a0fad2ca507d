"""`check --diff BASE` and the composite GitHub Action, in real git repositories."""
import codecs
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import ROOT, run, run_json, write
from healthlint.gitdiff import hunk_lines

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@x",
           "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
LEGACY = "# Tea\n\nThis tea cures diabetes.\n\nIt is a miracle remedy.\n\nDrink water.\n"


def git(cwd, *args):
    proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env={**os.environ, **GIT_ENV})
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


@pytest.fixture
def repo(tmp_path):
    """A content repo whose BASE commit already has findings in every article."""
    git(tmp_path, "init", "-q")
    write(tmp_path, "legacy.md", LEGACY)
    write(tmp_path, "untouched.md", LEGACY)
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "base")
    git(tmp_path, "tag", "base")
    return tmp_path


def where(data):
    return sorted((d["path"], d["line"], d["code"]) for d in data)


def test_unchanged_repo_reports_nothing(repo):
    proc, data = run_json("--no-config", "--diff", "base", ".", cwd=repo)
    assert data == [] and proc.returncode == 0
    assert run("check", "--no-config", ".", cwd=repo).returncode == 1  # the findings are there without --diff


def test_only_changed_and_new_lines_are_reported(repo):
    # Lines inserted above the legacy claim move it down: it must still count as old.
    write(repo, "legacy.md", "# Tea\n\nA new intro line.\n\nThis tea cures diabetes.\n\nIt is a miracle remedy.\n\n"
                             "Drink water. This pill prevents cancer.\n")
    write(repo, "new.md", "Honey cures colds.\n")  # untracked: every line is new
    proc, data = run_json("--no-config", "--diff", "base", ".", cwd=repo)
    assert where(data) == [("legacy.md", 9, "HL102"), ("new.md", 1, "HL101")]
    assert proc.returncode == 1


def test_committed_changes_since_base_count_and_unchanged_files_are_not_linted(repo):
    write(repo, "legacy.md", LEGACY.replace("Drink water.", "Drink water; it heals every cancer."))
    git(repo, "commit", "-qam", "edit")
    proc = run("check", "--no-config", "--diff", "base", ".", cwd=repo)
    assert "legacy.md:7:" in proc.stdout and "untouched.md" not in proc.stdout
    assert "in 1 file." in proc.stdout  # untouched.md was skipped, not linted and filtered
    assert run_json("--no-config", "--diff", "HEAD", ".", cwd=repo)[1] == []


def test_paths_from_a_subfolder(repo):
    write(repo, "sub/a.md", "Plain.\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "sub")
    write(repo, "sub/a.md", "Plain.\nThis tea cures diabetes.\n")
    proc, data = run_json("--no-config", "--diff", "base", "a.md", "../legacy.md", cwd=repo / "sub")
    assert where(data) == [("a.md", 2, "HL101")]  # a.md is new since base; legacy.md did not change


def test_utf16_and_crlf_files_diff_as_text(repo):
    path = repo / "legacy.md"
    path.write_bytes(codecs.BOM_UTF16_LE + LEGACY.replace("\n", "\r\n").encode("utf-16-le"))
    git(repo, "commit", "-qam", "utf-16 crlf")
    git(repo, "tag", "wide")
    text = LEGACY.replace("Drink water.", "Drink water.\r\n\r\nThis pill prevents cancer.").replace("\n", "\r\n")
    path.write_bytes(codecs.BOM_UTF16_LE + text.replace("\r\r\n", "\r\n").encode("utf-16-le"))
    proc, data = run_json("--no-config", "--diff", "wide", "legacy.md", cwd=repo)
    assert where(data) == [("legacy.md", 9, "HL102")]


def test_stdin_is_compared_with_the_named_file_at_base(repo):
    text = LEGACY + "\nThis pill prevents cancer.\n"
    proc, data = run_json("--no-config", "--diff", "base", "-", "--stdin-filename", "legacy.md", cwd=repo, input=text)
    assert where(data) == [("legacy.md", 9, "HL102")]


def test_fix_with_diff_leaves_unchanged_files_alone(repo):
    stale = "<!-- healthlint-disable-next-line HL101 -->\nPlain.\n"
    write(repo, "untouched.md", stale)
    git(repo, "commit", "-qam", "stale comment")
    write(repo, "legacy.md", stale)
    proc = run("check", "--no-config", "--fix", "--diff", "HEAD", ".", cwd=repo)
    assert (repo / "legacy.md").read_text() == "Plain.\n" and (repo / "untouched.md").read_text() == stale
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("args, needle", [
    (["--diff", "no-such-rev"], "unknown git revision"),
])
def test_bad_revision_is_a_usage_error(repo, args, needle):
    proc = run("check", "--no-config", *args, ".", cwd=repo)
    assert proc.returncode == 2 and needle in proc.stderr and "Traceback" not in proc.stderr


def test_outside_a_git_repo_is_a_usage_error(tmp_path):
    write(tmp_path, "a.md", "Text.\n")
    proc = run("check", "--no-config", "--diff", "HEAD", "a.md", cwd=tmp_path, env={"GIT_CEILING_DIRECTORIES": str(tmp_path.parent)})
    assert proc.returncode == 2 and "not inside a git repository" in proc.stderr


def test_hunk_lines():
    diff = b"@@ -3,0 +4,2 @@\n+a\n+b\n@@ -10 +12 @@\n-x\n+y\n@@ -20,3 +22,0 @@\n-gone\n"
    assert hunk_lines(diff) == {4, 5, 12}  # a pure deletion adds no line


# --- the composite action ---------------------------------------------------------------------


def action_script() -> str:
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    step = next(s for s in action["runs"]["steps"] if s.get("id") == "lint")
    assert all("${{" not in line for line in step["run"].splitlines())  # inputs only via env (no injection)
    return step["run"]


def run_action(repo: Path, tmp_path: Path, fmt: str, base: str = "base", fail_on: str = "error"):
    """Run the action's lint step as the runner would (bash, inputs in env), with `healthlint` on PATH."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    shim = bin_dir / "healthlint"
    shim.write_text(f"#!/bin/sh\nPYTHONPATH={ROOT} exec {sys.executable} -m healthlint \"$@\"\n")
    shim.chmod(0o755)
    out = tmp_path / "github_output"
    env = {**os.environ, **GIT_ENV, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "GITHUB_OUTPUT": str(out),
           "HEALTHLINT_PATHS": "content", "HEALTHLINT_BASE": base, "HEALTHLINT_FORMAT": fmt,
           "HEALTHLINT_FAIL_ON": fail_on, "HEALTHLINT_SARIF": "healthlint.sarif"}
    proc = subprocess.run(["bash", "-c", action_script()], cwd=repo, env=env, capture_output=True, text=True, timeout=120)
    return proc, (out.read_text() if out.exists() else "")


@pytest.fixture
def pr(tmp_path):
    """main has a legacy article with findings; the PR edits one line of it and adds an article."""
    repo = tmp_path / "site"
    repo.mkdir()
    git(repo, "init", "-q")
    write(repo, "content/legacy.md", LEGACY)
    write(repo, "content/other.md", LEGACY)
    write(repo, ".healthlint.toml", 'fail-on = "warning"\n')
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "main")
    git(repo, "tag", "base")
    return repo


def test_action_sarif_reports_only_the_pr_and_fails_on_errors(pr, tmp_path):
    write(pr, "content/legacy.md", LEGACY.replace("Drink water.", "Drink water. This pill prevents cancer."))
    write(pr, "content/new.md", "# New\n\nIt is an amazing remedy.\n")  # HL107, info: below fail-on error
    git(pr, "add", "-A")
    git(pr, "commit", "-qm", "pr")
    proc, outputs = run_action(pr, tmp_path, "sarif")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "sarif-file=healthlint.sarif" in outputs
    sarif = json.loads((pr / "healthlint.sarif").read_text())
    got = sorted((r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                  r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in sarif["runs"][0]["results"])
    assert got == [("HL102", "content/legacy.md", 7), ("HL107", "content/new.md", 3)]


def test_action_github_annotations_pass_when_the_pr_is_clean(pr, tmp_path):
    write(pr, "content/legacy.md", LEGACY.replace("Drink water.", "Drink water when you are thirsty."))
    git(pr, "commit", "-qam", "pr")
    proc, _ = run_action(pr, tmp_path, "github")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout == ""  # legacy findings on unchanged lines are not annotated


def test_action_github_annotations_fail_on_an_error(pr, tmp_path):
    write(pr, "content/other.md", LEGACY + "\nThis tonic heals arthritis.\n")
    proc, _ = run_action(pr, tmp_path, "github")  # uncommitted changes count too
    assert proc.returncode == 1
    assert proc.stdout.startswith("::error file=content/other.md,line=9,")


def test_action_rejects_an_unknown_format(pr, tmp_path):
    proc, _ = run_action(pr, tmp_path, "html")
    assert proc.returncode == 2 and "format must be sarif or github" in proc.stdout


def workflow_blocks():
    """Every GitHub workflow snippet the docs show (README and docs/ci.md) that uses the action."""
    for doc in (ROOT / "README.md", ROOT / "docs" / "ci.md"):
        for block in re.findall(r"```yaml\n(.*?)```", doc.read_text(), re.S):
            if "healthlint/healthlint@" in block and "uses:" in block:
                yield doc.name, block


def test_documented_workflows_match_the_action():
    inputs = set(yaml.safe_load((ROOT / "action.yml").read_text())["inputs"])
    outputs = set(yaml.safe_load((ROOT / "action.yml").read_text())["outputs"])
    blocks = list(workflow_blocks())
    assert len(blocks) >= 3
    for name, block in blocks:
        parsed = yaml.safe_load(block)
        steps = parsed["jobs"]["lint"]["steps"] if isinstance(parsed, dict) else parsed
        ours = [s for s in steps if str(s.get("uses", "")).startswith("healthlint/healthlint@")]
        assert ours and all(set(s.get("with", {})) <= inputs for s in ours), name
        for s in steps:
            if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif@"):
                assert s.get("if") == "always()", name
                ref = re.search(r"steps\.(\w+)\.outputs\.([\w-]+)", s["with"]["sarif_file"])
                assert ref and ref.group(2) in outputs and any(o.get("id") == ref.group(1) for o in ours), name
