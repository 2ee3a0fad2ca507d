"""Config semantics beyond the CLI basics: severity precedence, rule packs from a content repo, globs."""
import pytest

from helpers import run, run_json, write
from healthlint.config import ConfigError, glob_match, read_config_file
from healthlint.checks.registry import builtin_rules
from healthlint.config import RuleCatalog

PACK = """
[pack]
name = "house"

[[rule]]
code = "HL901"
name = "detox-claim"
category = "claim"
severity = "warning"
summary = "Detox claims, which the house style does not allow."
type = "existence"
message = "Detox claim \\"{match}\\": say what the product does instead."
tokens = ["alkalize", "balance your pH"]
unless = ["negated"]
[rule.docs]
what = "Finds detox claims."
why = "House style, after FTC guidance on unsubstantiated claims."
example = "This juice will detox your liver."
instead = "This juice contains vitamin C."
"""


def test_config_edit_that_keeps_size_and_mtime_is_read(tmp_path):
    """The parsed config is kept by its content, not its size and mtime (cp -p, rsync, tar and two edits
    within one clock tick keep those)."""
    import os

    write(tmp_path, "a.md", "This tea cures diabetes.\n")
    config = write(tmp_path, ".healthlint.toml", 'ignore = ["HL101"]\n')
    assert run_json("a.md", cwd=tmp_path)[1] == []
    stat = os.stat(config)
    write(tmp_path, ".healthlint.toml", 'ignore = ["HL102"]\n')  # same size
    os.utime(config, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert os.stat(config).st_size == stat.st_size
    assert [d["code"] for d in run_json("a.md", cwd=tmp_path)[1]] == ["HL101"]


def test_content_repo_rule_pack(tmp_path):
    write(tmp_path, "style/house.toml", PACK)
    write(tmp_path, ".healthlint.toml", 'rule-packs = ["style/house.toml"]\n[severity]\nHL901 = "error"\n')
    write(tmp_path, "a.md", "This water will alkalize your blood.\n\nNo water can alkalize your blood.\n")
    proc, data = run_json("a.md", cwd=tmp_path)
    assert [(d["line"], d["code"], d["severity"]) for d in data] == [(1, "HL901", "error")]
    # selectors in the same config may name the pack's rules
    write(tmp_path, ".healthlint.toml", 'rule-packs = ["style/house.toml"]\nignore = ["detox-claim"]\n')
    assert run_json("a.md", cwd=tmp_path)[1] == []


@pytest.mark.parametrize("pack, needle", [
    (PACK.replace('type = "existence"', 'type = "existence"\nscript = "rm -rf /"'), "unknown key 'script'"),
    (PACK.replace('"HL901"', '"HL101"'), "already used"),
    (PACK.replace('tokens = ["alkalize", "balance your pH"]', 'patterns = ["(a+)+("]'), "bad regular expression"),
    (PACK + "\n[[rule\n", "invalid rule pack"),
])
def test_bad_content_repo_pack_is_a_clear_error(tmp_path, pack, needle):
    write(tmp_path, "house.toml", pack)
    write(tmp_path, ".healthlint.toml", 'rule-packs = ["house.toml"]\n')
    write(tmp_path, "a.md", "Hello.\n")
    proc = run("check", "a.md", cwd=tmp_path)
    assert proc.returncode == 2 and needle in proc.stderr and "Traceback" not in proc.stderr


def test_missing_rule_pack(tmp_path):
    write(tmp_path, ".healthlint.toml", 'rule-packs = ["nope.yaml"]\n')
    write(tmp_path, "a.md", "Hello.\n")
    proc = run("check", "a.md", cwd=tmp_path)
    assert proc.returncode == 2 and "cannot read rule pack" in proc.stderr


def test_severity_precedence(tmp_path):
    write(tmp_path, ".healthlint.toml", '[severity]\nclaim = "info"\nHL1 = "warning"\nHL101 = "error"\n')
    write(tmp_path, "a.md", "This tea cures diabetes. It is a real game-changer.\n")
    proc, data = run_json("a.md", cwd=tmp_path)
    assert {d["code"]: d["severity"] for d in data} == {"HL101": "error", "HL105": "warning"}


def test_pyproject_without_section_is_skipped_upward(tmp_path):
    write(tmp_path, ".healthlint.toml", 'ignore = ["HL101"]\n')
    write(tmp_path, "sub/pyproject.toml", '[project]\nname = "x"\n')
    write(tmp_path, "sub/a.md", "This tea cures diabetes.\n")
    assert run_json("sub/a.md", cwd=tmp_path)[1] == []


def test_read_config_reports_file_and_key(tmp_path):
    path = write(tmp_path, "pyproject.toml", '[tool.healthlint]\nignore = ["HL101"]\nexlude = []\n')
    with pytest.raises(ConfigError, match=r"pyproject.toml \[tool.healthlint\]: unknown key `exlude`"):
        read_config_file(path, RuleCatalog(builtin_rules()))


@pytest.mark.parametrize("path, pattern, expected", [
    ("drafts/a.md", "drafts/", True),
    ("content/drafts/a.md", "drafts", True),
    ("content/a.md", "drafts/", False),
    ("archive/2019/x.html", "archive/**/*.html", True),
    ("archive/x.html", "archive/**/*.html", True),
    ("legacy/b.md", "legacy/*.md", True),
    ("legacy/sub/b.md", "legacy/*.md", False),
    ("a.min.html", "*.min.html", True),
])
def test_glob_match(path, pattern, expected):
    assert glob_match(path, pattern) is expected


def test_an_option_value_outside_its_choices_is_a_config_error(tmp_path):
    # HL601 reports statistic kinds only: a quiet kind in `kinds` once crashed the lint (KeyError).
    path = write(tmp_path, ".healthlint.toml", '[rules.HL601]\nkinds = ["percent", "count"]\n')
    with pytest.raises(ConfigError, match=r"option `kinds` of HL601: unknown value 'count' \(allowed: percent, "):
        read_config_file(path, RuleCatalog(builtin_rules()))
    write(tmp_path, ".healthlint.toml", '[rules.HL601]\nkinds = ["percent", "money"]\n')
    write(tmp_path, "a.md", "About 70% of adults snore.\n")
    assert [d["code"] for d in run_json("a.md", cwd=tmp_path)[1]] == ["HL601"]
