"""The progress bar: on stderr when it is a terminal (tested under a real pty), never otherwise."""
import os
import pty
import subprocess
import sys

import pytest

from helpers import ROOT, run, write


@pytest.fixture
def many(tmp_path):
    for i in range(30):
        write(tmp_path, f"content/a{i:02}.md", "Plain text.\n")
    return tmp_path


def run_with_tty_stderr(args, cwd) -> tuple[int, str, str]:
    """Run the CLI with stderr on a pseudo-terminal (stdout stays a pipe, as when piping a report)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "healthlint", *args], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=slave, env={**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm"})
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    out = proc.stdout.read().decode()
    proc.wait(timeout=60)
    os.close(master)
    return proc.returncode, out, b"".join(chunks).decode("utf-8", "replace")


def test_bar_on_a_terminal(many):
    rc, out, tty = run_with_tty_stderr(["check", "--no-config", "content"], many)
    assert rc == 0 and "No findings in 30 files." in out
    assert "Linting" in tty and "30/30" in tty
    assert "Linting" not in out  # the report itself is untouched


def test_no_bar_with_quiet_even_on_a_terminal(many):
    rc, out, tty = run_with_tty_stderr(["check", "--no-config", "--quiet", "content"], many)
    assert rc == 0 and "Linting" not in tty


def test_no_bar_when_stderr_is_not_a_terminal(many):
    proc = run("check", "--no-config", "content", cwd=many)
    assert proc.returncode == 0 and proc.stderr == "" and "No findings in 30 files." in proc.stdout


def test_bar_while_fixing(many):
    write(many, "content/a00.md", "<!-- healthlint-disable-next-line HL101 -->\nPlain text.\n")
    rc, out, tty = run_with_tty_stderr(["check", "--no-config", "--fix", "content"], many)
    assert rc == 0 and "Fixing" in tty and "Applied 1 fix to 1 file." in tty
