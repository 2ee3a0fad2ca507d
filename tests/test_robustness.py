"""Any input, no crash: every bad input gets one clear line on stderr and exit 2 (or is linted
normally when it is merely odd), never a traceback, and the other inputs of the run are still
linted and reported. End to end through the real CLI; races and failures that a user cannot
stage from the command line go through the API.

Decisions recorded here (and in the README's Guarantees):
- invalid UTF-8 and Latin-1 are refused, not guessed: every byte string decodes as Latin-1, so a
  guess would lint (and --fix would rewrite) mojibake. The message names the line and column.
- broken YAML/TOML front matter refuses the file with the parser's line: linting the body of an
  article whose metadata the site cannot read would hide the real problem.
"""
import codecs
import errno
import os
import time

import pytest

from helpers import ROOT, run, run_json, write
from healthlint import source
from healthlint.api import Linter

CLAIM = "This tea cures diabetes."
WITNESS = "witness.md"  # a file with one known finding, linted in the same run as the bad input
WITNESS_TEXT = f"# Tea\n\n{CLAIM}\n"
WITNESS_FINDING = ("witness.md", 3, 10, "HL101")


def where(text: str, needle: str = "cures") -> tuple[int, int]:
    """1-based (line, column) of the last `needle`, counting \r\n, \r and \n as line breaks."""
    before = text[:text.rindex(needle)].replace("\r\n", "\n").replace("\r", "\n")
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


def lint(tmp_path, *names, env=None):
    """Run the CLI on `names` plus the witness; return (proc, findings, stderr lines)."""
    write(tmp_path, WITNESS, WITNESS_TEXT)
    t0 = time.monotonic()
    proc, data = run_json("--no-config", *names, WITNESS, cwd=tmp_path, env=env)
    proc.elapsed = time.monotonic() - t0
    assert "Traceback" not in proc.stderr, proc.stderr
    found = [(d["path"], d["line"], d["column"], d["code"]) for d in data]
    assert WITNESS_FINDING in found, "the other input must still be linted"
    return proc, found, proc.stderr.splitlines()


def assert_refused(tmp_path, name, needle, env=None):
    proc, found, errors = lint(tmp_path, name, env=env)
    assert proc.returncode == 2
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"{name}: error: ") and needle in errors[0], errors
    assert not any(f[0] == name for f in found)
    return proc


def assert_linted(tmp_path, name, expected=(), env=None):
    """Linted by every rule without an error; the HL101 findings (the probe claim) are exactly `expected`."""
    proc, found, errors = lint(tmp_path, name, env=env)
    assert errors == [] and proc.returncode == 1
    assert [f for f in found if f[0] == name and f[3] == "HL101"] == list(expected)
    return proc


# --- odd but valid: linted normally --------------------------------------------------------------

@pytest.mark.parametrize("name, data", [
    ("empty.md", b""), ("empty.html", b""), ("empty.txt", b""),
    ("blank.md", b"  \n\t\r\n \xc2\xa0\n\n"), ("blank.html", b" \n <p> </p>\n"),
])
def test_empty_and_whitespace_only(tmp_path, name, data):
    (tmp_path / name).write_bytes(data)
    assert_linted(tmp_path, name)


@pytest.mark.parametrize("bom, enc", [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")])
def test_utf16_with_bom_is_decoded(tmp_path, bom, enc):
    text = f"Título\r\n\r\nÉste {CLAIM}\r\n"
    (tmp_path / "u16.md").write_bytes(bom + text.encode(enc))
    assert_linted(tmp_path, "u16.md", [("u16.md", *where(text), "HL101")])


def test_mixed_line_endings_count_lines_like_an_editor(tmp_path):
    text = f"One.\r\nTwo.\rThree.\n\r\n{CLAIM}\r"
    (tmp_path / "mixed.txt").write_bytes(text.encode())
    assert where(text) == (5, 10)
    assert_linted(tmp_path, "mixed.txt", [("mixed.txt", 5, 10, "HL101")])


def test_one_megabyte_single_line_lints_in_reasonable_time(tmp_path):
    filler = "Drink water and rest when you have a cold. " * 24000  # ~1 MB, no line break
    (tmp_path / "long.txt").write_text(filler + CLAIM)
    proc = assert_linted(tmp_path, "long.txt", [("long.txt", 1, len(filler) + 10, "HL101")])
    assert proc.elapsed < 45, f"{proc.elapsed:.1f} s for 1 MB"


@pytest.mark.parametrize("name, text", [
    ("nested.html", "<div>" * 10000 + CLAIM + "</div>" * 10000),
    ("unclosed.html", "<span><b><i>" * 4000 + CLAIM),
    ("quotes.md", "> " * 10000 + "\n\n" + CLAIM + "\n"),
    ("lists.md", "- " * 10000 + "\n\n" + CLAIM + "\n"),
    ("emphasis.md", "*" * 10000 + CLAIM + "*" * 10000 + "\n"),
    ("links.md", "[" * 10000 + CLAIM + "](x)" * 10000 + "\n"),
], ids=lambda v: v if len(v) < 20 else "")
def test_ten_thousand_nested_elements_do_not_recurse(tmp_path, name, text):
    write(tmp_path, name, text)
    assert_linted(tmp_path, name, [(name, *where(text), "HL101")])


def test_markdown_nested_deeper_than_commonmark_default_is_still_linted(tmp_path):
    """markdown-it's commonmark preset drops everything below 20 levels of nesting: a spammer's
    paragraph inside 30 "> " would have been invisible to every rule."""
    text = "> " * 30 + CLAIM + "\n"
    write(tmp_path, "deep.md", text)
    assert_linted(tmp_path, "deep.md", [("deep.md", *where(text), "HL101")])


@pytest.mark.parametrize("name, text", [
    ("a.html", f"<p>Intro <b>bold <i>both</b> {CLAIM}</p></div></span>"),
    ("b.html", f'<p>{CLAIM}</p><a href="x <!-- <![CDATA[ <script> '),
    ("c.html", f"<p>{CLAIM}<<<<<< <//> </p <!DOCTYPE [x]> <![if !IE]> &#xZZ; &bogus"),
    ("d.html", f"<title>x</title><table><tr><td>{CLAIM}</table></td></tr>"),
    ("e.md", f"# T\n\n[link](http://x\n\n<div>\n\n{CLAIM}\n"),
    ("f.md", f"|a|b|\n|-|\n|x|y|z|\n\n[a]: <\n\n**{CLAIM}\n"),
    ("g.md", f"Intro.\n\n{CLAIM}\n\n```\nnever closed fence\n"),
], ids=lambda v: v if len(v) < 20 else "")
def test_malformed_html_and_markdown(tmp_path, name, text):
    write(tmp_path, name, text)
    assert_linted(tmp_path, name, [(name, *where(text), "HL101")])


# --- refused: one line, exit 2, the rest still linted ---------------------------------------------

@pytest.mark.parametrize("name, data, needle", [
    ("image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    ("bad.md", "Fine line.\nThen € \u20ac".encode()[:-1] + b" cut", "not valid UTF-8: byte 0xE2 at line 2, column 8;"),
    ("latin.txt", "Caf\xe9 au lait.\n".encode("latin-1"), "byte 0xE9 at line 1, column 4 (Latin-1 or Windows-1252?)"),
    ("u32.md", codecs.BOM_UTF32_LE + "Hi".encode("utf-32-le"), "UTF-32 text is not supported"),
    ("u16odd.md", codecs.BOM_UTF16_LE + b"H\x00i", "invalid utf-16-le"),
    ("fm.md", f"---\ntitle: [unclosed\nauthor: x\n---\n{CLAIM}\n".encode(), "invalid YAML front matter"),
    ("fm2.md", f"---\n- a list\n---\n{CLAIM}\n".encode(), "expected key: value pairs"),
    ("fm3.md", f"+++\ntitle = \n+++\n{CLAIM}\n".encode(), "invalid TOML front matter: Invalid value (at line 2"),
    ("fm4.md", f"---\nx: !!python/object/apply:os.system ['touch PWNED']\n---\n{CLAIM}\n".encode(),
     "invalid YAML front matter"),
])
def test_bad_bytes_and_broken_front_matter(tmp_path, name, data, needle):
    (tmp_path / name).write_bytes(data)
    assert_refused(tmp_path, name, needle)
    assert not (tmp_path / "PWNED").exists()


def test_fifty_megabyte_file_is_refused_fast(tmp_path):
    with open(tmp_path / "huge.md", "wb") as fh:  # sparse: 50 MB that cost nothing to write
        fh.truncate(50 * 1024 * 1024)
    proc = assert_refused(tmp_path, "huge.md", "file is too large (50.0 MB; limit 20 MB)")
    assert proc.elapsed < 30


def test_huge_file_is_refused_without_being_read(tmp_path, monkeypatch):
    path = tmp_path / "huge.md"
    with open(path, "wb") as fh:
        fh.truncate(source.MAX_BYTES + 1)
    real_open = open

    class NoRead:
        def __init__(self, fh):
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def fileno(self):
            return self.fh.fileno()

        def read(self, *a):
            raise AssertionError("read() called on a file that is too large")

    monkeypatch.setattr(source, "open", lambda p, mode="r": NoRead(real_open(p, mode)), raising=False)
    result = Linter(use_config=False).lint_file(str(path))
    assert result.error.startswith("file is too large")


def test_missing_paths(tmp_path):
    assert_refused(tmp_path, "nope/deeper.md", "no such file or directory")


def test_fifo_is_refused_instead_of_blocking(tmp_path):
    os.mkfifo(tmp_path / "pipe.md")  # opening it for reading would wait forever for a writer
    assert_refused(tmp_path, "pipe.md", "not a regular file")


def test_directory_symlink_loop_terminates_and_lints_each_file_once(tmp_path):
    write(tmp_path, "site/a/page.md", CLAIM + "\n")
    os.symlink("..", tmp_path / "site/a/up")  # site/a/up/a/up/... forever
    os.symlink("self.md", tmp_path / "site/self.md")  # a file symlink to itself
    proc, found, errors = lint(tmp_path, "site")
    assert [f for f in found if f[0].startswith("site")] == [("site/a/page.md", 1, 10, "HL101")]
    assert errors == ["site/self.md: error: Too many levels of symbolic links"]
    assert proc.returncode == 2


def _deny(tmp_path, name):
    """A sitecustomize that makes `name` unreadable in the CLI subprocess: the same EACCES a
    chmod 000 file gives a normal user, for test runs as root (where chmod does not block reads)."""
    hook = tmp_path / "hook"
    write(hook, "sitecustomize.py", (
        "import builtins, errno, os\n"
        "_open = builtins.open\n"
        "def _guarded(file, *a, **k):\n"
        f"    if os.path.basename(str(file)) == {name!r}:\n"
        "        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), file)\n"
        "    return _open(file, *a, **k)\n"
        "builtins.open = _guarded\n"
    ))
    return {"PYTHONPATH": os.pathsep.join([str(hook), str(ROOT)])}


def test_unreadable_file_simulated(tmp_path):
    write(tmp_path, "locked.md", CLAIM)
    assert_refused(tmp_path, "locked.md", "Permission denied", env=_deny(tmp_path, "locked.md"))


def _chmod_blocks_reads() -> bool:
    """False for root with CAP_DAC_OVERRIDE (the usual container), which reads chmod 000 files."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        probe = os.path.join(folder, "probe")
        open(probe, "w").close()
        os.chmod(probe, 0)
        try:
            open(probe).close()
            return False
        except PermissionError:
            return True


@pytest.mark.skipif(not _chmod_blocks_reads(), reason="running as root: chmod 000 does not block reads "
                    "(test_unreadable_file_simulated and test_unreadable_folder_is_reported_not_skipped cover it)")
def test_unreadable_file_and_folder_chmod(tmp_path):
    write(tmp_path, "locked.md", CLAIM)
    write(tmp_path, "closed/inside.md", CLAIM)
    os.chmod(tmp_path / "locked.md", 0)
    os.chmod(tmp_path / "closed", 0)
    try:
        proc, found, errors = lint(tmp_path, "locked.md", "closed")
    finally:
        os.chmod(tmp_path / "closed", 0o755)
    assert sorted(errors) == ["closed: error: cannot read folder: Permission denied",
                              "locked.md: error: Permission denied"]
    assert proc.returncode == 2


def test_unreadable_folder_is_reported_not_skipped(tmp_path, monkeypatch):
    write(tmp_path, "site/ok.md", CLAIM)
    write(tmp_path, "site/closed/inside.md", CLAIM)
    real_scandir = os.scandir

    def scandir(path="."):
        if os.path.basename(os.fspath(path)) == "closed":
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.chdir(tmp_path)
    results = Linter(use_config=False).lint_paths(["site"])
    assert [(r.path, r.error, [f.code for f in r.findings]) for r in results] == [
        ("site/ok.md", None, ["HL101"]),
        ("site/closed", "cannot read folder: Permission denied", []),
    ]


def test_file_deleted_between_listing_and_reading(tmp_path, monkeypatch):
    write(tmp_path, "site/a.md", CLAIM)
    write(tmp_path, "site/b.md", CLAIM)
    write(tmp_path, "site/c.md", CLAIM)
    listed = Linter.iter_files

    def iter_files(self, paths):
        for path, error in listed(self, paths):
            if path.endswith("b.md"):
                os.remove(path)  # another process deletes it after the walker saw it
            yield path, error

    monkeypatch.setattr(Linter, "iter_files", iter_files)
    results = Linter(use_config=False).lint_paths([str(tmp_path / "site")])
    assert [(os.path.basename(r.path), r.error, len(r.findings)) for r in results] == [
        ("a.md", None, 1), ("b.md", "no such file", 0), ("c.md", None, 1)]


def test_file_deleted_before_fixes_are_written(tmp_path, monkeypatch):
    import healthlint.api as api

    path = tmp_path / "a.md"
    path.write_text("Text.\n\n<!-- healthlint-disable-next-line HL101 -->\nMore.\n")
    real_fix_text = Linter.fix_text

    def fix_then_vanish(self, *a, **k):
        out = real_fix_text(self, *a, **k)
        os.remove(path)
        return out

    monkeypatch.setattr(Linter, "fix_text", fix_then_vanish)
    outcome = api.Linter(use_config=False).fix_file(str(path))
    assert outcome.result.error.startswith("cannot write fixes: No such file")
    assert list(tmp_path.iterdir()) == []  # nothing recreated, no temporary file left


def test_everything_at_once(tmp_path):
    """All the bad inputs in one run: one line each, exit 2, and the good ones still reported."""
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "bin.md").write_bytes(b"\x00\x01\x02")
    (tmp_path / "latin.md").write_bytes(b"caf\xe9")
    write(tmp_path, "fm.md", "---\na: [\n---\nx\n")
    write(tmp_path, "deep.html", "<b>" * 10000 + CLAIM)
    with open(tmp_path / "huge.txt", "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    names = ["empty.md", "bin.md", "missing.md", "latin.md", "fm.md", "huge.txt", "deep.html"]
    proc, found, errors = lint(tmp_path, *names)
    assert proc.returncode == 2
    assert [e.split(":")[0] for e in errors] == ["bin.md", "missing.md", "latin.md", "fm.md", "huge.txt"]
    assert ("deep.html", *where("<b>" * 10000 + CLAIM), "HL101") in found


# --- --fix interrupted at any point: each file is untouched or fully fixed --------------------------

FIXABLE = "Intro.\n\n<!-- healthlint-disable-next-line HL101 -->\nPlain text.\n"


def _fixable_file(tmp_path, copies=1, lint=True):
    """(path, original bytes, fixed bytes); without `lint`, each copy's fix is assumed local."""
    path = tmp_path / "article.md"
    path.write_bytes((FIXABLE * copies).encode())
    fixed, applied, _ = Linter(use_config=False).fix_text(FIXABLE * (copies if lint else 1), "article.md")
    assert applied == (copies if lint else 1)
    return path, path.read_bytes(), (fixed if lint else fixed * copies).encode()


def _boom(*a, **k):
    raise OSError(errno.EIO, "Input/output error (injected)")


def _interrupt(*a, **k):
    raise KeyboardInterrupt


class _FailingFile:
    """What os.fdopen returns, with write() failing half way: the disk filled up."""

    def __init__(self, fh, exc):
        self.fh, self.exc = fh, exc

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.fh.close()

    def write(self, data):
        self.fh.write(data[: len(data) // 2])
        raise self.exc()

    def __getattr__(self, name):
        return getattr(self.fh, name)


@pytest.mark.parametrize("step", ["mkstemp", "write", "fsync", "chmod", "replace"])
@pytest.mark.parametrize("failure", [_boom, _interrupt], ids=["OSError", "KeyboardInterrupt"])
def test_fix_interrupted_at_each_step_leaves_the_file_untouched_and_no_temp_file(tmp_path, monkeypatch, step, failure):
    import tempfile

    import healthlint.fixes as fixes

    path, original, _ = _fixable_file(tmp_path)
    if step == "mkstemp":
        monkeypatch.setattr(tempfile, "mkstemp", failure)
    elif step == "write":
        real_fdopen = os.fdopen
        exc = KeyboardInterrupt if failure is _interrupt else (lambda: OSError(errno.ENOSPC, "No space left on device"))
        monkeypatch.setattr(os, "fdopen", lambda *a, **k: _FailingFile(real_fdopen(*a, **k), exc))
    else:
        monkeypatch.setattr(os, step, failure)
    assert fixes.os is os
    if failure is _interrupt:
        with pytest.raises(KeyboardInterrupt):
            Linter(use_config=False).fix_file(str(path))
    else:
        outcome = Linter(use_config=False).fix_file(str(path))
        assert outcome.result.error.startswith("cannot write fixes:") and "\n" not in outcome.result.error
    monkeypatch.undo()
    assert path.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.md"]


KILL_LOOP = """
import sys
from healthlint.fixes import write_atomic
path, a, b = sys.argv[1], open(sys.argv[2], "rb").read(), open(sys.argv[3], "rb").read()
print("ready", flush=True)
while True:
    write_atomic(path, b)
    write_atomic(path, a)
"""


def test_sigkill_during_writes_never_leaves_a_mix(tmp_path):
    """Kill a process that rewrites a 4 MB article in a loop, at random moments: the article is
    always exactly the original or exactly the fixed text (a leftover .tmp file is allowed)."""
    import random
    import subprocess
    import sys

    path, original, fixed = _fixable_file(tmp_path, copies=60_000, lint=False)  # ~4 MB
    (tmp_path / "a.bin").write_bytes(original)
    (tmp_path / "b.bin").write_bytes(fixed)
    rng = random.Random(8)
    seen = set()
    for _ in range(12):
        proc = subprocess.Popen([sys.executable, "-c", KILL_LOOP, str(path), str(tmp_path / "a.bin"), str(tmp_path / "b.bin")],
                                stdout=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.0, 0.4))
        proc.kill()
        proc.wait()
        data = path.read_bytes()
        assert data in (original, fixed), f"mixed file after SIGKILL ({len(data)} bytes)"
        seen.add(data == fixed)
        for leftover in tmp_path.glob(".healthlint-*.tmp"):
            leftover.unlink()
    assert True in seen, "no kill landed after a completed write: the loop never ran"


def test_sigkill_during_fix_file_runs(tmp_path):
    """The real fix path (lint, fix to a fixpoint, encode, write) killed at random points."""
    import random
    import subprocess
    import sys

    path, original, fixed = _fixable_file(tmp_path, copies=300)
    loop = ("import sys\nfrom healthlint.api import Linter\nfrom healthlint.fixes import write_atomic\n"
            "original = open(sys.argv[1], 'rb').read()\nlinter = Linter(use_config=False)\nprint('ready', flush=True)\n"
            "while True:\n    linter.fix_file(sys.argv[1])\n    write_atomic(sys.argv[1], original)\n")
    rng = random.Random(9)
    for _ in range(6):
        proc = subprocess.Popen([sys.executable, "-c", loop, str(path)], stdout=subprocess.PIPE,
                                env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.0, 1.0))
        proc.kill()
        proc.wait()
        assert path.read_bytes() in (original, fixed)


def test_stdin_over_the_size_limit_is_refused_without_reading_it_all(monkeypatch):
    import io

    from healthlint import source
    from healthlint.api import Linter

    monkeypatch.setattr(source, "MAX_BYTES", 1000)
    stream = io.BytesIO(b"word " * 10_000)
    [result] = Linter(use_config=False).lint_paths(["-"], stdin=stream, cache=False)
    assert result.error.startswith("input is too large (more than the ")
    assert stream.tell() == 1001  # read stops one byte past the limit


def test_python_dash_m_never_imports_modules_from_the_linted_repo(tmp_path):
    from helpers import run, write

    write(tmp_path, "click.py", "raise SystemExit('imported click.py from the content repo')\n")
    write(tmp_path, "post.md", "A calm article about sleep.\n")
    proc = run("check", "--no-config", "post.md", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "content repo" not in proc.stderr
