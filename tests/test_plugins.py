"""Python rules load only from installed distributions (entry-point group `healthlint.rules`);
a content repo's config and rule packs are data and can never make healthlint import or run code."""
import os
import sys
import textwrap
import time
from pathlib import Path

import pytest

from helpers import ROOT, run, run_json, write
from healthlint.api import Linter
from healthlint.checks import registry
from healthlint.config import ConfigError

PLUGIN_MODULE = '''
from healthlint.checks.base import Rule, RuleDocs
from healthlint.finding import RawFinding, Severity


class MiracleRule(Rule):
    def check(self, sentence, ctx):
        text = sentence.text
        at = text.find("miracle")
        if at >= 0:
            yield RawFinding(at, at + len("miracle"), 'Plugin: "miracle" is hype.')


DOCS = RuleDocs(what="Reports 'miracle'.", why="FTC: hype misleads.", example="A miracle pill.", instead="A pill.")


def rules():
    return [MiracleRule(code="{code}", name="plugin-miracle", category="claim",
                        severity=Severity.WARNING, summary="The word miracle.", docs=DOCS)]
'''


def make_distribution(site: Path, code="HL950", module_body=None, target="fakeplug:rules", name="fakeplug") -> Path:
    """An installed distribution, as pip would leave it: a module plus a dist-info folder."""
    site.mkdir(parents=True, exist_ok=True)
    (site / f"{name}.py").write_text(module_body if module_body is not None else PLUGIN_MODULE.replace("{code}", code))
    info = site / f"{name}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[healthlint.rules]\n{name} = {target}\n")
    return site


@pytest.fixture
def installed(tmp_path, monkeypatch):
    """Put a fake site-packages folder on sys.path and forget the cached rule list before and after."""
    def install(**kw):
        site = make_distribution(tmp_path / "site", **kw)
        monkeypatch.syspath_prepend(str(site))
        registry.builtin_rules.cache_clear()
        return site

    yield install
    registry.builtin_rules.cache_clear()
    sys.modules.pop("fakeplug", None)


def test_entry_point_rules_are_loaded_validated_and_run(installed):
    installed()
    rules = {r.code: r for r in registry.builtin_rules()}
    assert rules["HL950"].name == "plugin-miracle"
    assert rules["HL950"].origin.startswith("plugin fakeplug = fakeplug:rules")
    findings = Linter(use_config=False).lint_text("A miracle, in plain words.\n", "a.md")
    assert [f.code for f in findings] == ["HL950"]


def test_duplicate_code_is_a_one_line_error(installed):
    installed(code="HL101")
    with pytest.raises(ConfigError, match=r"duplicate rule code HL101: cure-claim .* plugin-miracle \(plugin fakeplug"):
        registry.builtin_rules()


@pytest.mark.parametrize("body, needle", [
    ("raise RuntimeError('boom')\n", "failed to load: RuntimeError: boom"),
    ("def rules():\n    return ['not a rule']\n", "must be a list of healthlint Rule objects"),
    (PLUGIN_MODULE.replace("{code}", "XX1"), "code 'XX1' is not HL + 3 digits"),
    ("from healthlint.checks.base import Rule, RuleDocs\nfrom healthlint.finding import Severity\n"
     "D = RuleDocs('w', 'y', 'e', 'i')\n"
     "def rules():\n    return [Rule('HL951', 'no-check', 'claim', Severity.INFO, 's', D)]\n",
     "does not implement check()"),
])
def test_broken_plugin_is_a_one_line_error(installed, body, needle):
    installed(module_body=body)
    with pytest.raises(ConfigError, match=r"plugin fakeplug") as info:
        registry.builtin_rules()
    assert needle in str(info.value) and "\n" not in str(info.value)


def test_plugin_through_the_cli(tmp_path):
    site = make_distribution(tmp_path / "site")
    write(tmp_path, "repo/a.md", "A miracle, in plain words.\n")
    env = {"PYTHONPATH": os.pathsep.join([str(ROOT), str(site)])}
    proc, data = run_json("--no-config", "a.md", cwd=tmp_path / "repo", env=env)
    assert [d["code"] for d in data] == ["HL950"], proc.stderr
    assert "HL950" in run("rules", env=env).stdout


def test_broken_plugin_through_the_cli_exits_2_without_traceback(tmp_path):
    site = make_distribution(tmp_path / "site", module_body="raise ImportError('missing dependency')\n")
    write(tmp_path, "repo/a.md", "Plain words.\n")
    env = {"PYTHONPATH": os.pathsep.join([str(ROOT), str(site)])}
    proc = run("check", "--no-config", "a.md", cwd=tmp_path / "repo", env=env)
    expected = ["healthlint: error: plugin fakeplug = fakeplug:rules: failed to load: ImportError: missing dependency"]
    assert proc.returncode == 2 and proc.stderr.strip().splitlines() == expected
    for args in (["rules"], ["rule", "HL101"]):
        proc = run(*args, env=env)
        assert proc.returncode == 2 and proc.stderr.strip().splitlines() == expected


def test_a_content_repo_cannot_install_a_plugin_by_shipping_a_dist_info(tmp_path):
    """`python -m healthlint` runs with the repo as working directory, first on sys.path: a dist-info
    (and module) placed there by an article's author must not be imported."""
    repo = tmp_path / "repo"
    body = f"open({str(tmp_path / 'PWNED')!r}, 'w').close()\n" + PLUGIN_MODULE.replace("{code}", "HL950")
    make_distribution(repo, module_body=body)
    write(repo, "a.md", "A miracle, in plain words.\n")
    proc, data = run_json("--no-config", "a.md", cwd=repo)
    assert proc.returncode == 0 and data == [], proc.stderr
    assert not (tmp_path / "PWNED").exists()


@pytest.mark.parametrize("config", [
    'plugins = ["evil"]\n',
    'rule-packs = ["evil.py"]\n',
    '[rules.HL101]\nmodule = "evil"\n',
    'rule-packs = ["evil.yaml"]\n',
])
def test_config_cannot_name_code_to_import(tmp_path, config):
    sentinel = tmp_path / "PWNED"
    write(tmp_path, "evil.py", f"open({str(sentinel)!r}, 'w').close()\n")
    write(tmp_path, "evil.yaml", textwrap.dedent(f"""\
        rule:
          - !!python/object/apply:builtins.exec ["open({str(sentinel)!r}, 'w').close()"]
        """))
    write(tmp_path, ".healthlint.toml", config)
    write(tmp_path, "a.md", "Plain words.\n")
    proc = run("check", "a.md", cwd=tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and ".healthlint.toml" in proc.stderr
    assert not sentinel.exists()
    assert "evil" not in sys.modules


def test_a_plugin_installed_after_a_run_without_plugins_is_found(tmp_path, monkeypatch):
    """The "no plugins" answer is cached per sys.path folder state; installing into a folder
    already on sys.path changes its mtime, so the next run scans again."""
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    registry.builtin_rules.cache_clear()
    try:
        assert "HL950" not in {r.code for r in registry.builtin_rules()}
        make_distribution(site)
        os.utime(site, ns=(time.time_ns() + 10**9,) * 2)  # as a later install would leave it
        registry.builtin_rules.cache_clear()
        assert "HL950" in {r.code for r in registry.builtin_rules()}
    finally:
        registry.builtin_rules.cache_clear()
        sys.modules.pop("fakeplug", None)
