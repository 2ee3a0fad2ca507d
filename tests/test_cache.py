"""The result cache: same output as a plain run, reused when nothing changed, invalidated when
the file, its config or healthlint's code changes, never written for stdin, silent on failure."""
import os
import subprocess
import sys

import pytest

from helpers import ROOT, run, write
from healthlint import cache
from healthlint.api import Linter

CLAIM = "# Tea\n\nThis herbal tea cures diabetes in a week.\n"
SAFE = "# Tea\n\nOur supplement is 100% safe and has no side effects.\n"


@pytest.fixture
def repo(tmp_path):
    folder = tmp_path / "repo"
    write(folder, "a.md", CLAIM)
    write(folder, "b.md", SAFE)
    write(folder, "c.txt", "Talk to your doctor.\n")
    return folder


def _home_env(tmp_path):
    """No $HEALTHLINT_CACHE_DIR: the default location, under a throwaway XDG cache home."""
    return {"HEALTHLINT_CACHE_DIR": None, "XDG_CACHE_HOME": str(tmp_path / "xdg")}


def _run(*args, env, cwd, input=None):
    """Like helpers.run, but able to remove variables from the environment."""
    full = {k: v for k, v in {**os.environ, "PYTHONPATH": str(ROOT), **env}.items() if v is not None}
    return subprocess.run([sys.executable, "-m", "healthlint", *args], cwd=cwd, input=input,
                          capture_output=True, text=True, env=full, timeout=120)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_cached_runs_print_the_same_bytes(repo, tmp_path, fmt):
    env = _home_env(tmp_path)
    plain = _run("check", "--no-cache", "--format", fmt, ".", cwd=repo, env=env)
    first = _run("check", "--format", fmt, ".", cwd=repo, env=env)
    second = _run("check", "--format", fmt, ".", cwd=repo, env=env)
    assert plain.stdout == first.stdout == second.stdout
    assert plain.returncode == first.returncode == second.returncode == 1
    folder = tmp_path / "xdg" / "healthlint"
    assert (folder / "CACHEDIR.TAG").exists()
    assert any(name.startswith("results-") for name in os.listdir(folder))


def test_the_cache_is_never_written_inside_the_linted_repo(repo, tmp_path):
    """Cache files are pickles: a content repo must not be able to plant one, so none lives there."""
    _run("check", ".", cwd=repo, env=_home_env(tmp_path))
    assert sorted(p.name for p in repo.iterdir()) == ["a.md", "b.md", "c.txt"]
    assert (tmp_path / "xdg" / "healthlint").is_dir()


def test_no_cache_writes_no_results(repo, tmp_path):
    _run("check", "--no-cache", ".", cwd=repo, env=_home_env(tmp_path))
    assert not list((tmp_path / "xdg" / "healthlint").glob("results-*"))


def test_an_empty_cache_dir_variable_writes_nothing(repo, tmp_path):
    _run("check", ".", cwd=repo, env={**_home_env(tmp_path), "HEALTHLINT_CACHE_DIR": ""})
    assert not (tmp_path / "xdg").exists()


def test_stdin_never_writes_a_cache(repo, tmp_path):
    proc = _run("check", "-", "a.md", "--stdin-filename", "x.md", cwd=repo, input=CLAIM, env=_home_env(tmp_path))
    assert proc.returncode == 1
    assert not any(p.name.startswith("results-") for p in (tmp_path / "xdg" / "healthlint").glob("*"))


def test_unwritable_cache_is_silent(repo):
    blocker = repo / "file"
    blocker.write_text("not a folder")
    env = {"HEALTHLINT_CACHE_DIR": str(blocker / "cache")}
    plain = run("check", "--no-cache", ".", cwd=repo)
    proc = run("check", ".", cwd=repo, env=env)
    assert proc.returncode == plain.returncode and proc.stdout == plain.stdout and proc.stderr == ""


class Counting(Linter):
    linted: list

    def lint_texts(self, items):
        self.linted += [os.path.basename(path) for path, _ in items]
        return super().lint_texts(items)


def _lint(repo, **kw):
    linter = Counting(**kw)
    linter.linted = []
    results = linter.lint_paths([str(repo)], cache=True)
    return linter.linted, {os.path.basename(r.path): [f.code for f in r.findings] for r in results}


def test_unchanged_files_are_not_linted_again(repo, monkeypatch, tmp_path):
    monkeypatch.setenv("HEALTHLINT_CACHE_DIR", str(tmp_path / "cachedir"))
    linted, first = _lint(repo)
    assert sorted(linted) == ["a.md", "b.md", "c.txt"]
    linted, second = _lint(repo)
    assert linted == [] and second == first
    assert first["a.md"] == ["HL101"]


def test_content_change_invalidates(repo, monkeypatch, tmp_path):
    monkeypatch.setenv("HEALTHLINT_CACHE_DIR", str(tmp_path / "cachedir"))
    _lint(repo)
    write(repo, "c.txt", "This herbal tea cures diabetes.\n")
    linted, results = _lint(repo)
    assert linted == ["c.txt"]
    assert results["c.txt"] == ["HL101"]


def test_config_change_invalidates(repo, monkeypatch, tmp_path):
    monkeypatch.setenv("HEALTHLINT_CACHE_DIR", str(tmp_path / "cachedir"))
    _, before = _lint(repo)
    assert before["a.md"] == ["HL101"]
    write(repo, ".healthlint.toml", 'ignore = ["HL101"]\n')
    linted, after = _lint(repo)
    assert sorted(linted) == ["a.md", "b.md", "c.txt"]
    assert after["a.md"] == []
    write(repo, ".healthlint.toml", 'ignore = ["HL103"]\n')
    linted, after = _lint(repo)
    assert after["a.md"] == ["HL101"] and "HL103" not in after["b.md"]


def test_selection_is_part_of_the_key(repo, monkeypatch, tmp_path):
    monkeypatch.setenv("HEALTHLINT_CACHE_DIR", str(tmp_path / "cachedir"))
    _, everything = _lint(repo)
    linted, only = _lint(repo, select=["HL103"])
    assert sorted(linted) == ["a.md", "b.md", "c.txt"]
    assert only["a.md"] == [] and everything["a.md"] == ["HL101"]


def test_code_change_invalidates(repo, monkeypatch, tmp_path):
    monkeypatch.setenv("HEALTHLINT_CACHE_DIR", str(tmp_path / "cachedir"))
    _lint(repo)
    monkeypatch.setattr(cache, "code_digest", lambda: "f" * 64)  # as if a module or pack changed
    linted, _ = _lint(repo)
    assert sorted(linted) == ["a.md", "b.md", "c.txt"]
    names = os.listdir(tmp_path / "cachedir")
    assert [n for n in names if n.startswith("results-")] == [n for n in names if n.startswith("results-ffff")]


def test_code_digest_covers_modules_and_packs():
    files = {os.path.basename(p) for p in cache._package_files()}
    assert {"engine.py", "packs.py", "claims.toml"} <= files


def test_two_installs_sharing_the_cache_folder_keep_their_tables(tmp_path, monkeypatch):
    """A derived table is keyed by its sources' mtimes, so two installs have two versions: each
    must survive the other's writes, or both rebuild on every alternate run."""
    monkeypatch.setenv("HEALTHLINT_CACHE_DIR", str(tmp_path / "cache"))
    sources = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for n, source in enumerate(sources):
        source.write_text("words\n")
        os.utime(source, ns=(10**18 + n, 10**18 + n))  # same content, different install times
    builds = []

    def table(source):
        return cache.derived("testtable", [str(source)], lambda: builds.append(source) or {"n": len(builds)})

    for source in sources + sources + sources:
        table(source)
    assert builds == sources
    for n in range(10):  # many versions over time (a developer editing the data): only a few are kept
        extra = tmp_path / f"v{n}.txt"
        extra.write_text("words\n")
        table(extra)
    assert len([e for e in os.listdir(tmp_path / "cache") if e.startswith("data-testtable.")]) == cache.KEEP_TABLES
