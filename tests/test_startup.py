"""Start-up stays lean: a one-file run imports only what that file needs."""
import os
import site
import subprocess
import sys
from pathlib import Path

from helpers import ROOT, write


def _imported(args, cwd) -> set[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "healthlint", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=60)
    return {line.split("|")[-1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")}


def test_one_text_file_imports_no_reader_pool_or_other_format(tmp_path):
    write(tmp_path, "a.txt", "This herbal tea cures diabetes.\n")
    mods = _imported(["check", "--no-config", "a.txt"], tmp_path)
    assert "healthlint.checks.guards" in mods  # the run did lint
    for heavy in ("markdown_it", "yaml", "multiprocessing", "healthlint.formats.sarif", "healthlint.formats.github"):
        assert heavy not in mods, heavy


def test_plain_markdown_imports_neither_markdown_it_nor_yaml(tmp_path):
    write(tmp_path, "a.md", "---\ntitle: Tea\n---\n# Tea\n\nThis herbal tea cures diabetes.\n")
    mods = _imported(["check", "--no-config", "--format", "json", "a.md"], tmp_path)
    assert "healthlint.parse.fastmd" in mods and "markdown_it" not in mods and "json" in mods
    assert "yaml" not in mods and "healthlint.formats.text" not in mods and "healthlint.formats.sarif" not in mods


def test_markdown_outside_the_plain_subset_is_read_by_markdown_it(tmp_path):
    write(tmp_path, "a.md", "# Tea\n\n> This herbal tea cures diabetes.\n")
    mods = _imported(["check", "--no-config", "--format", "json", "a.md"], tmp_path)
    assert "markdown_it" in mods


def test_second_run_compiles_no_rule_pattern(tmp_path):
    """The compiled-pattern store is written by the first run and used by the next."""
    write(tmp_path, "a.md", "# Tea\n\nThis herbal tea cures diabetes.\n")
    _imported(["check", "--no-config", "a.md"], tmp_path)
    assert any(p.name.startswith("patterns-") for p in Path(os.environ["HEALTHLINT_CACHE_DIR"]).iterdir())
    write(tmp_path, "a.md", "# Tea\n\nThis herbal tea cures asthma.\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    code = ("import regex._main as m, runpy, sys; calls = []; real = m._compile\n"
            "m._compile = lambda *a, **k: calls.append(a[0]) or real(*a, **k)\n"
            "sys.argv = ['healthlint', 'check', '--no-config', 'a.md']\n"
            "try:\n    runpy.run_module('healthlint', run_name='__main__')\n"
            "except SystemExit:\n    pass\nprint(len(calls))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    # Only a few small inline patterns (regex.search(r"...") helpers in rule code) may still be
    # compiled; without the store a first run compiles several hundred.
    assert int(proc.stdout.strip().splitlines()[-1]) <= 10, proc.stdout + proc.stderr


# Standard modules that cost 5-15 ms each to import and that linting a file does not need: typing and
# dataclasses (with inspect, ast and dis), pathlib (with urllib.parse), tomllib (a config read before),
# gzip and zipfile (data files are read once into the cache folder), tempfile (with random and shutil).
NEEDLESS = ("typing", "dataclasses", "inspect", "pathlib", "tomllib", "gzip", "zipfile", "tempfile")


def _imported_bare(argv, cwd) -> set[str]:
    """The modules `python -S argv` imports. -S with site-packages on PYTHONPATH: no .pth file of the
    environment imports anything first and hides it."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), *site.getsitepackages()])}
    proc = subprocess.run([sys.executable, "-S", "-X", "importtime", *argv], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    return {line.split("|")[-1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")}


def test_warm_one_file_run_imports_no_needless_standard_module(tmp_path):
    write(tmp_path, "a.md", "# Tea\n\nThis herbal tea cures diabetes.\n")
    write(tmp_path, ".healthlint.toml", 'ignore = ["HL501"]\n')
    run = ["-m", "healthlint", "check", "a.md"]
    _imported_bare(run, tmp_path)  # the first run fills the cache folder (tables, parsed config)
    write(tmp_path, "a.md", "# Tea\n\nThis herbal tea cures asthma.\n")  # changed: linted and its result written
    mods = _imported_bare(run, tmp_path) - _imported_bare(["-c", "pass"], tmp_path)
    assert "healthlint.checks.guards" in mods and "healthlint.config" in mods  # the run did lint, with a config
    assert not mods.intersection(NEEDLESS), sorted(mods.intersection(NEEDLESS))


def test_console_script_turns_the_collector_off_before_loading_the_linter():
    """The console script calls healthlint.__main__.run: importing that module loads nothing heavy,
    and the collector is off by the time the linter's modules load (cli.main stands in for them)."""
    code = ("import gc, sys, types\n"
            "import healthlint.__main__ as m\n"
            "light = not any(n.startswith(('healthlint.cli', 'healthlint.checks', 'regex')) for n in sys.modules)\n"
            "fake = types.ModuleType('healthlint.cli'); fake.main = lambda **k: print(light, gc.isenabled())\n"
            "sys.modules['healthlint.cli'] = fake\n"
            "m.run()")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert proc.stdout.split() == ["True", "False"], proc.stdout + proc.stderr
