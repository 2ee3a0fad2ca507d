"""The command line. Parses options, calls the API, prints, and chooses the exit code:
0 nothing at or above the fail level, 1 findings, 2 usage error, bad config or unreadable input."""
from __future__ import annotations

import sys

import click

from . import __version__
from .config import FAIL_LEVELS, ConfigError
from .finding import FileResult, Severity

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
DEFAULT_FAIL_ON = "warning"


def _split(values: tuple[str, ...]) -> list[str]:
    """--select HL1,claim --select HL201 -> ["HL1", "claim", "HL201"]"""
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _fail(message: str) -> None:
    click.echo(f"healthlint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="healthlint")
def main() -> None:
    """healthlint: a content-quality linter for health articles."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(readable=False))  # unreadable: one line, the rest linted
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "github"]), default="text", show_default=True, help="Output format.")
@click.option("--select", multiple=True, help="Only these rules: codes, prefixes (HL1), names or categories; comma-separated, repeatable.")
@click.option("--ignore", multiple=True, help="Skip these rules (same forms as --select).")
@click.option("--fail-on", type=click.Choice(FAIL_LEVELS), default=None, help=f"Lowest severity that fails the run [default: config fail-on, else {DEFAULT_FAIL_ON}].")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (input errors still exit 2).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this config file for every input.")
@click.option("--no-config", is_flag=True, help="Ignore config files: built-in defaults only.")
@click.option("--quiet", "-q", is_flag=True, help="Print findings only: no code frames, no summary.")
@click.option("--statistics", is_flag=True, help="Count findings per rule.")
@click.option("--stdin-filename", help="With '-': the name (and so the format and config) of the text read from stdin.")
@click.option("--show-source/--no-show-source", default=None, help="Show the offending line with a caret underline [default: when stdout is a terminal].")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True)
def check(paths, fmt, select, ignore, fail_on, exit_zero, config_path, no_config, quiet, statistics,
          stdin_filename, show_source, color) -> None:
    """Lint articles: files, folders (.md .markdown .txt .html .htm) or - for stdin."""
    from .api import Linter
    from .formats import render

    if config_path and no_config:
        _fail("--config and --no-config cannot be used together")
    if not paths:
        _fail("no input: give files, folders, or - for stdin")
    try:
        linter = Linter(config_path, use_config=not no_config, select=_split(select) or None, ignore=_split(ignore))
    except ConfigError as exc:
        _fail(str(exc))
    results = linter.lint_paths(paths, stdin=sys.stdin.buffer, stdin_filename=stdin_filename)
    tty = sys.stdout.isatty()
    for r in results:
        if r.error:
            click.echo(f"{r.path}: error: {r.error}", err=True)
    out = render(
        fmt, results, {r.code: r for r in linter.rules},
        show_source=(tty and not quiet) if show_source is None else show_source,
        color=color == "always" or (color == "auto" and tty),
        statistics=statistics, quiet=quiet,
    )
    if out:  # click strips ANSI codes when not a terminal unless told otherwise (--color always)
        click.echo(out, nl=not out.endswith("\n"), color=True if color == "always" else None)
    sys.exit(_exit_code(results, fail_on or _config_fail_on(linter, results) or DEFAULT_FAIL_ON, exit_zero))


def _config_fail_on(linter, results) -> str | None:
    try:
        path = next((r.path for r in results if not r.error), ".")
        return linter.config_for(path).fail_on
    except ConfigError:
        return None


def _exit_code(results: list[FileResult], fail_on: str, exit_zero: bool) -> int:
    if any(r.error for r in results):
        return EXIT_ERROR
    threshold = Severity(fail_on).rank
    failing = any(f.severity.rank >= threshold for r in results for f in r.findings)
    return EXIT_FINDINGS if failing and not exit_zero else EXIT_OK


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
def list_rules(fmt) -> None:
    """List every rule: code, name, category, severity, summary."""
    import json

    from .checks.registry import builtin_rules

    try:
        rules = builtin_rules()
    except ConfigError as exc:  # a broken plugin: one line, exit 2
        _fail(str(exc))
    if fmt == "json":
        rows = [{"code": r.code, "name": r.name, "category": r.category, "severity": r.severity.value,
                 "summary": r.summary, "fixable": r.fixable} for r in rules]
        click.echo(json.dumps(rows, indent=2))
        return
    if fmt == "markdown":  # the table in the README is generated with this
        click.echo("| Code | Name | Category | Severity | Summary |\n|---|---|---|---|---|")
        for r in rules:
            fix = " (fixable)" if r.fixable else ""
            click.echo(f"| {r.code} | `{r.name}` | {r.category} | {r.severity.value} | {r.summary}{fix} |")
        return
    for r in rules:
        click.echo(f"{r.code}  {r.name:<28} {r.category:<12} {r.severity.value:<8} {r.summary}")


@main.command("rule")
@click.argument("code")
def show_rule(code) -> None:
    """Print the full documentation of one rule (by code or name)."""
    from .checks.registry import builtin_rules

    try:
        rules = builtin_rules()
    except ConfigError as exc:
        _fail(str(exc))
    for r in rules:
        if code.upper() == r.code or code == r.name:
            click.echo(r.doc_text())
            return
    _fail(f"unknown rule {code!r}; `healthlint rules` lists them")


if __name__ == "__main__":  # pragma: no cover
    main()
