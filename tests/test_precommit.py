"""The pre-commit hooks, used the way a content team uses them: a throwaway git content repo whose
.pre-commit-config.yaml points at a commit of this checkout; `git commit` runs the hook for real.

pre-commit (from the `test` extra) builds a virtualenv and pip-installs this project from the
package registry, so this test is slow (a minute or more) and needs registry access, which CI has.
Everything pre-commit caches goes to a temporary PRE_COMMIT_HOME.
"""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CLEAN = "# Sleep\n\nMost adults need seven or more hours of sleep a night. Talk to your doctor if you snore.\n"
SPAM = "# Sleep\n\nThis miracle pillow cures insomnia in one night. Buy now!\n"


def _have_pre_commit() -> bool:
    return subprocess.run([sys.executable, "-m", "pre_commit", "--version"], capture_output=True).returncode == 0


pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not _have_pre_commit() and not os.environ.get("CI"),
                       reason="pre-commit is not installed (pip install '.[test]'); CI installs it and runs this test"),
]


def git(*args, cwd, env=None, check=True):
    proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=900)
    if check and proc.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
    return proc


def snapshot_checkout(dest: Path, env) -> str:
    """This checkout's files as they are now (committed or not) in a fresh repo; returns its commit.
    pre-commit clones hook repositories by commit, so the hooks under test must be committed somewhere."""
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                           capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, files):
        src = ROOT / name
        if src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    git("init", "-q", cwd=dest, env=env)
    git("add", "-A", cwd=dest, env=env)
    git("commit", "-q", "-m", "snapshot", cwd=dest, env=env)
    return git("rev-parse", "HEAD", cwd=dest, env=env).stdout.strip()


def test_commit_is_blocked_by_the_hook_and_fix_hook_fixes(tmp_path):
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@x", "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_CONFIG_GLOBAL": os.devnull}  # the user's git hooks or templates must not interfere
    env.pop("PYTHONPATH", None)  # the hook must run the healthlint pre-commit installed, not this checkout
    hooks, content = tmp_path / "hooks", tmp_path / "content"
    hooks.mkdir(), content.mkdir()
    rev = snapshot_checkout(hooks, env)

    (content / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hooks.as_uri()}\n    rev: {rev}\n    hooks:\n      - id: healthlint\n")
    git("init", "-q", cwd=content, env=env)
    installed = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=content, env=env,
                               capture_output=True, text=True, timeout=300)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    (content / "sleep.md").write_text(CLEAN)
    (content / "notes.py").write_text("x = 'this cures everything'\n")  # not an article: the hook skips it
    git("add", "-A", cwd=content, env=env)
    ok = git("commit", "-m", "clean article", cwd=content, env=env, check=False)  # builds the hook venv
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "healthlint" in ok.stdout + ok.stderr and "Passed" in ok.stdout + ok.stderr

    (content / "pillow.md").write_text(SPAM)
    git("add", "pillow.md", cwd=content, env=env)
    blocked = git("commit", "-m", "spam", cwd=content, env=env, check=False)
    out = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, out
    assert "Failed" in out and "pillow.md:3:" in out and "HL101" in out
    assert git("log", "--oneline", cwd=content, env=env).stdout.count("\n") == 1  # the spam commit did not land

    # healthlint-fix, from the same hook repository (same environment, nothing new to install):
    # it deletes a stale suppression comment, so pre-commit reports the file as modified.
    stale = "Intro.\n\n<!-- healthlint-disable-next-line HL101 -->\nSleep well.\n"
    (content / "stale.md").write_text(stale)
    (content / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hooks.as_uri()}\n    rev: {rev}\n    hooks:\n      - id: healthlint-fix\n")
    git("add", "stale.md", ".pre-commit-config.yaml", cwd=content, env=env)  # pre-commit sees changes to tracked files
    fixed = subprocess.run([sys.executable, "-m", "pre_commit", "run", "healthlint-fix", "--files", "stale.md"],
                           cwd=content, env=env, capture_output=True, text=True, timeout=600)
    assert fixed.returncode == 1, fixed.stdout + fixed.stderr  # pre-commit fails a hook that modified files
    assert "files were modified by this hook" in fixed.stdout
    assert (content / "stale.md").read_text() == "Intro.\n\nSleep well.\n"
