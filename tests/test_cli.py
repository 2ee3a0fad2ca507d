"""End-to-end tests: the real CLI in a subprocess, on files written to a temp folder."""
import json

import pytest

from helpers import run, run_json, write

CLAIM = "This herbal tea cures diabetes in a week.\n"
CLEAN = "# Living with diabetes\n\nTalk to your doctor about which treatment suits you.\n"


@pytest.fixture
def repo(tmp_path):
    write(tmp_path, "claim.md", "# Tea\n\n" + CLAIM)
    write(tmp_path, "clean.md", CLEAN)
    return tmp_path


def test_text_format_positions_and_summary(repo):
    proc = run("check", "--no-config", "claim.md", cwd=repo)
    assert proc.returncode == 1
    first = proc.stdout.splitlines()[0]
    assert first.startswith("claim.md:3:17: HL101 ")
    assert first.endswith("[claim]")
    assert "Found 1 finding (1 error) in 1 file." in proc.stdout


def test_clean_file_exits_zero(repo):
    proc = run("check", "--no-config", "clean.md", cwd=repo)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "No findings" in proc.stdout


def test_json_has_exact_keys_and_positions_after_markup(tmp_path):
    write(tmp_path, "a.md", "Intro line.\n\nOur **tea** &amp; [tonic](https://x.example/cures) *cures* diabetes.\n")
    proc, data = run_json("--no-config", "a.md", cwd=tmp_path)
    assert proc.returncode == 1
    f = next(d for d in data if d["code"] == "HL101")
    for key in ("path", "line", "column", "end_line", "end_column", "code", "name", "category", "severity", "message"):
        assert key in f
    line = "Our **tea** &amp; [tonic](https://x.example/cures) *cures* diabetes."
    assert (f["line"], f["column"]) == (3, line.index("cures* diabetes") + 1)
    assert f["category"] == "claim" and f["severity"] == "error" and f["name"] == "cure-claim"
    # The URL's "cures" is not prose: exactly one cure finding on the line.
    assert sum(d["code"] == "HL101" for d in data) == 1


def test_crlf_bom_and_non_ascii_positions(tmp_path):
    text = "Título: café\n\nÉste té 🍵 cures diabetes.\n"
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    proc, data = run_json("--no-config", "a.txt", cwd=tmp_path)
    f = next(d for d in data if d["code"] == "HL101")
    assert (f["line"], f["column"], f["end_line"], f["end_column"]) == (3, 11, 3, 25)  # columns in characters: the emoji counts as one


def test_sarif_output(repo):
    proc = run("check", "--no-config", "--format", "sarif", "claim.md", cwd=repo)
    sarif = json.loads(proc.stdout)
    assert sarif["version"] == "2.1.0"
    result = sarif["runs"][0]["results"][0]
    assert result["ruleId"] == "HL101" and result["level"] == "error"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (3, 17)


def test_github_output(repo):
    proc = run("check", "--no-config", "--format", "github", "claim.md", cwd=repo)
    assert proc.stdout.startswith("::error file=claim.md,line=3,col=17,")


@pytest.mark.parametrize("args, code", [
    (["--select", "HL1"], 1), (["--select", "claim"], 1), (["--select", "HL101"], 1),
    (["--select", "cure-claim"], 1), (["--ignore", "HL101"], 0), (["--ignore", "claim"], 0),
    (["--select", "HL105"], 0), (["--fail-on", "error"], 1), (["--exit-zero"], 0),
])
def test_select_ignore_fail_on(repo, args, code):
    assert run("check", "--no-config", *args, "claim.md", cwd=repo).returncode == code


def test_fail_on_threshold(tmp_path):
    write(tmp_path, "hype.md", "This supplement is a real game-changer for joints.\n")
    assert run("check", "--no-config", "hype.md", cwd=tmp_path).returncode == 1
    write(tmp_path, ".healthlint.toml", '[severity]\nHL105 = "info"\n')
    assert run("check", "hype.md", cwd=tmp_path).returncode == 0
    assert run("check", "--fail-on", "info", "hype.md", cwd=tmp_path).returncode == 1


def test_unknown_selector_is_usage_error(repo):
    proc = run("check", "--select", "HL9", "claim.md", cwd=repo)
    assert proc.returncode == 2 and "HL9" in proc.stderr and "Traceback" not in proc.stderr


def test_missing_file_exits_2_but_lints_the_rest(repo):
    proc = run("check", "--no-config", "nope.md", "claim.md", cwd=repo)
    assert proc.returncode == 2
    assert "nope.md: error:" in proc.stderr
    assert "claim.md:3:17: HL101" in proc.stdout


def test_binary_and_bad_utf8_inputs(repo):
    (repo / "bin.md").write_bytes(b"\x00\x01\x02abc")
    (repo / "latin.md").write_bytes("caf\xe9 cures diabetes".encode("latin-1"))
    proc = run("check", "--no-config", "bin.md", "latin.md", "claim.md", cwd=repo)
    assert proc.returncode == 2
    assert "bin.md: error: binary file" in proc.stderr
    assert "latin.md: error: not valid UTF-8" in proc.stderr
    assert "claim.md:3:17" in proc.stdout and "Traceback" not in proc.stderr


def test_directory_recursion_and_extensions(tmp_path):
    write(tmp_path, "a/one.md", CLAIM)
    write(tmp_path, "a/b/two.html", "<p>" + CLAIM + "</p>")
    write(tmp_path, "a/b/three.txt", CLAIM)
    write(tmp_path, "a/skip.rst", CLAIM)
    write(tmp_path, "a/.hidden/four.md", CLAIM)
    proc, data = run_json("--no-config", "a", cwd=tmp_path)
    paths = sorted({d["path"] for d in data})
    assert paths == ["a/b/three.txt", "a/b/two.html", "a/one.md"]
    proc, data = run_json("--no-config", "a/skip.rst", cwd=tmp_path)
    assert [d["path"] for d in data] == ["a/skip.rst"]  # named explicitly: linted as plain text


def test_exclude_and_per_file_ignores(tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.healthlint]\nexclude = ["drafts/"]\n'
          '[tool.healthlint.per-file-ignores]\n"legacy/*.md" = ["HL1"]\n')
    write(tmp_path, "drafts/a.md", CLAIM)
    write(tmp_path, "legacy/b.md", CLAIM)
    write(tmp_path, "new/c.md", CLAIM)
    proc, data = run_json(".", cwd=tmp_path)
    assert sorted({d["path"] for d in data}) == ["new/c.md"]


def test_config_found_from_file_folder_upward(tmp_path):
    write(tmp_path, ".healthlint.toml", 'ignore = ["HL101"]\n')
    write(tmp_path, "sub/deeper/a.md", CLAIM)
    proc, data = run_json("sub/deeper/a.md", cwd=tmp_path)
    assert data == [] and proc.returncode == 0
    proc, data = run_json("--no-config", "sub/deeper/a.md", cwd=tmp_path)
    assert [d["code"] for d in data] == ["HL101"]


@pytest.mark.parametrize("config, needle", [
    ('selct = ["HL1"]\n', "unknown key `selct`"),
    ('select = "HL1"\n', "`select` must be a list"),
    ('select = ["HL999"]\n', "unknown rule or category 'HL999'"),
    ('[severity]\nHL101 = "fatal"\n', "unknown severity"),
    ('[rules.HL101]\ncolour = 1\n', "unknown option `colour`"),
    ('fail-on = "sometimes"\n', "`fail-on` must be one of"),
    ('select = [\n', "invalid TOML"),
    ('[rules.HL702]\nresources = ["a)|(b"]\n', "'a)|(b' is not a valid regular expression"),
])
def test_bad_config_is_a_clear_error(tmp_path, config, needle):
    write(tmp_path, ".healthlint.toml", config)
    write(tmp_path, "a.md", CLAIM)
    proc = run("check", "a.md", cwd=tmp_path)
    assert proc.returncode == 2
    assert needle in proc.stderr and ".healthlint.toml" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_explicit_config_file(tmp_path):
    write(tmp_path, "team.toml", 'ignore = ["claim"]\n')
    write(tmp_path, "a.md", CLAIM)
    assert run("check", "--config", "team.toml", "a.md", cwd=tmp_path).returncode == 0
    proc = run("check", "--config", "missing.toml", "a.md", cwd=tmp_path)
    assert proc.returncode == 2 and "config file not found" in proc.stderr


def test_stdin_with_filename_picks_format(tmp_path):
    html = "<p>Set the <code>cures</code> flag aside: this blend <b>cures</b> diabetes.</p>\n"
    proc, data = run_json("--no-config", "--stdin-filename", "post.html", "-", cwd=tmp_path, input=html)
    column = html.index("cures</b>") + 1
    assert [(d["path"], d["line"], d["column"]) for d in data] == [("post.html", 1, column)]


def test_quiet_and_statistics(repo):
    proc = run("check", "--no-config", "--quiet", "claim.md", cwd=repo)
    assert proc.stdout.strip().splitlines() == [proc.stdout.strip()]
    proc = run("check", "--no-config", "--statistics", "claim.md", cwd=repo)
    assert "HL101" in proc.stdout and "cure-claim" in proc.stdout


def test_show_source_caret(repo):
    proc = run("check", "--no-config", "--show-source", "claim.md", cwd=repo)
    assert "^^^^^" in proc.stdout


def test_rules_and_rule_commands():
    proc = run("rules")
    assert proc.returncode == 0 and "HL101" in proc.stdout and "cure-claim" in proc.stdout
    proc = run("rule", "HL101")
    assert "## Why it matters" in proc.stdout
    proc = run("rule", "HL999")
    assert proc.returncode == 2 and "unknown rule" in proc.stderr


def test_version():
    from healthlint import __version__

    proc = run("--version")
    assert proc.returncode == 0 and __version__ in proc.stdout


def test_no_paths_is_usage_error():
    proc = run("check")
    assert proc.returncode == 2 and "no input" in proc.stderr
