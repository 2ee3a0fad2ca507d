"""The quick reading of a plain `check` command line (healthlint.cli._quick_check, which spares a
one-file run the import of click) gives exactly the parameters click's own parsing gives, and
leaves everything else (help, errors, other commands, anything unusual) to click."""
import click
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from healthlint import cli

CHECK = cli._app().commands["check"]
TOKENS = [
    "a.md", "b.md", "-", "--", ".", "", "-5", "-h", "--help", "--version", "-q", "--quiet", "-j", "-j2", "-j0", "-jx",
    "-qj2", "-q=1", "--jobs", "--jobs=3", "2", "0", "x", " 4", "--format", "--format=json", "json", "sarif", "text",
    "--format=", "--color", "always", "never", "--select", "--select=HL1", "HL1", "claim,HL201", "--ignore",
    "--fail-on", "error", "warning", "--exit-zero", "--exit-zero=1", "--no-config", "--config", "--config=.",
    "--show-source", "--no-show-source", "--statistics", "--stdin-filename", "--fix", "--dry-run", "--diff", "HEAD",
    "--baseline", "--write-baseline", "--no-cache", "--bogus", "--form", "--no-cache=0",
]


def click_params(args):
    """check's parameters as click parses them, or None for a usage error, help or exit."""
    try:
        with CHECK.make_context("check", list(args)) as ctx:
            return ctx.params
    except (click.exceptions.Exit, click.UsageError):
        return None


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=8))
def test_quick_check_reads_what_click_reads(tmp_path_factory, args):
    quick = cli._quick_check(["check", *args])
    if quick is not None:
        assert quick == click_params(args), args


@pytest.mark.parametrize("args", [
    ["a.md"], ["--no-config", "--exit-zero", "a.md"], ["a.md", "-q", "b.md"], ["--format=json", "-j2", "a.md"],
    ["--select", "HL1", "--select=claim", "--no-show-source", "-", "--stdin-filename", "x.md"], ["--", "-q"], [],
])
def test_plain_command_lines_are_read_quickly(args):
    quick = cli._quick_check(["check", *args])
    assert quick is not None and quick == click_params(args)


@pytest.mark.parametrize("args", [
    ["--help"], ["-h"], ["--bogus", "a.md"], ["--format", "x"], ["-j0", "a.md"], ["--config", ".", "a.md"],
    ["--format"], ["--select", "--quiet"], ["-qj2", "a.md"], ["--exit-zero=1"],
])
def test_anything_else_is_left_to_click(args):
    assert cli._quick_check(["check", *args]) is None


def test_other_commands_and_shell_completion_go_to_click(monkeypatch):
    assert cli._quick_check(["rules"]) is None and cli._quick_check(["--version"]) is None
    monkeypatch.setenv("_HEALTHLINT_COMPLETE", "bash_complete")
    assert cli._quick_check(["check", "a.md"]) is None


def test_colour_codes_are_click_styles():
    from healthlint.finding import Severity
    from healthlint.formats.text import COLORS, style

    names = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
    for severity in COLORS:
        assert style("HL101 ^^", severity) == click.style("HL101 ^^", fg=names[severity])
