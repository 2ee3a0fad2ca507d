"""--jobs: a process pool gives exactly the output of a serial run, in the same order."""
import pytest

from helpers import run, write
from healthlint import parallel
from healthlint.api import Linter

PARAGRAPHS = [
    "This herbal tea cures diabetes in a week.",
    "Talk to your doctor about which treatment suits you and how often to check your blood sugar.",
    "Our supplement is 100% safe and has no side effects.",
    "Regular follow-up visits let your health care team track how well the plan is working.",
    "This miracle berry is a breakthrough for your heart.",
]


def _article(i: int) -> str:
    body = "\n\n".join(PARAGRAPHS[(i + k) % len(PARAGRAPHS)] for k in range(70))
    return f"# Article {i}\n\n{body}\n"


@pytest.fixture
def repo(tmp_path):
    for i in range(14):
        write(tmp_path, f"docs/a{i:02d}.md", _article(i))
    write(tmp_path, "docs/clean.txt", "Talk to your doctor.\n")
    write(tmp_path, "docs/bad.md", "")
    (tmp_path / "docs" / "bad.md").write_bytes(b"\xff\xfe\x00\x00 not text")
    return tmp_path


def test_the_corpus_is_big_enough_to_go_parallel(repo):
    linter = Linter(use_config=False)
    items = [(p, open(repo / p, encoding="utf-8", errors="replace").read()) for p, _ in linter.iter_files([str(repo / "docs")])]
    assert parallel.worth_it(2, items)


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_cli_output_identical_with_and_without_jobs(repo, fmt):
    serial = run("check", "--no-config", "--no-cache", "--jobs", "1", "--format", fmt, "docs", cwd=repo)
    pooled = run("check", "--no-config", "--no-cache", "--jobs", "2", "--format", fmt, "docs", cwd=repo)
    assert serial.returncode == pooled.returncode == 2  # bad.md is unreadable
    assert serial.stdout == pooled.stdout
    assert serial.stderr == pooled.stderr
    assert "HL101" in serial.stdout


def test_pool_results_equal_serial_results_in_order(repo):
    linter = Linter(use_config=False)
    paths = [str(repo / "docs")]
    serial = linter.lint_paths(paths, jobs=1)
    items = [(r.path, r.text) for r in serial if r.error is None]
    pooled = list(parallel.lint_parallel(linter, items, 2))
    assert [(r.path, r.findings, r.text) for r in pooled] == [(r.path, r.findings, r.text) for r in serial if r.error is None]
    assert sum(len(r.findings) for r in pooled) > 14
    assert linter.lint_paths(paths, jobs=2) == serial


def test_few_small_files_stay_serial():
    assert not parallel.worth_it(8, [("a.md", "short text")] * 3)
    assert not parallel.worth_it(1, [("a.md", "x" * 100_000)] * 100)


def test_jobs_must_be_positive(repo):
    proc = run("check", "--no-config", "--jobs", "0", "docs", cwd=repo)
    assert proc.returncode == 2
