"""The command line. Parses options, calls the API, prints, and chooses the exit code:
0 nothing at or above the fail level, 1 findings, 2 usage error, bad config or unreadable input."""
from __future__ import annotations

import sys

from . import recache, rxcache

recache.install()  # before click and markdown-it compile their patterns: see healthlint.recache
rxcache.install()  # rule patterns, including those compiled lazily: see healthlint.rxcache

import click  # noqa: E402

from . import __version__  # noqa: E402
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
@click.option("--fix", is_flag=True, help="Apply the safe fixes in place (atomically; encoding, BOM and line endings kept). With -: print the fixed text.")
@click.option("--dry-run", is_flag=True, help="With --fix: print the fixes as a unified diff and write nothing (findings then go to stderr).")
@click.option("--diff", "diff_base", metavar="BASE", help="Only findings on lines changed since git revision BASE (files new since BASE: every line).")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), help="Report only findings that this baseline file does not record.")
@click.option("--write-baseline", "write_baseline_path", type=click.Path(dir_okay=False), help="Record every current finding in this baseline file and exit 0.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Processes for many files [default: all cores]; output is the same as with 1.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write cached per-file results (compiled patterns and word tables, which never change findings, are still kept; HEALTHLINT_CACHE_DIR='' turns off all caching).")
def check(paths, fmt, select, ignore, fail_on, exit_zero, config_path, no_config, quiet, statistics,
          stdin_filename, show_source, color, fix, dry_run, diff_base, baseline_path, write_baseline_path,
          jobs, no_cache) -> None:
    """Lint articles: files, folders (.md .markdown .txt .html .htm) or - for stdin."""
    from .api import Linter
    from .formats import render

    if config_path and no_config:
        _fail("--config and --no-config cannot be used together")
    if not paths:
        _fail("no input: give files, folders, or - for stdin")
    if dry_run and not fix:
        _fail("--dry-run only makes sense with --fix")
    try:
        linter = Linter(config_path, use_config=not no_config, select=_split(select) or None, ignore=_split(ignore))
    except ConfigError as exc:
        _fail(str(exc))
    gate, baseline = _gate(diff_base), _baseline(baseline_path)
    files = [path for path, _error in linter.iter_files(paths)]  # errors come back from lint_paths
    if gate is not None:  # a file unchanged since BASE has no changed line: do not even lint it
        files = [p for p in files if p == "-" or not gate.unchanged_on_disk(p)]
    if fix:
        results = _fix(linter, files, dry_run, stdin_filename, quiet)
    else:
        results = _lint(linter, files, stdin_filename, quiet, jobs, cache=not no_cache)
    if gate is not None:
        results = _guard_git(gate.filter, results)
    if write_baseline_path:
        _write_baseline(write_baseline_path, results)
    if baseline is not None:
        results, accepted = baseline.filter(results)
        if accepted and not quiet:
            click.echo(f"{accepted} finding{'s' if accepted != 1 else ''} accepted by the baseline {baseline_path}.", err=True)
    to_stderr = fix and (dry_run or "-" in files)  # stdout then carries the diff or the fixed text
    tty = (sys.stderr if to_stderr else sys.stdout).isatty()
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
        click.echo(out, nl=not out.endswith("\n"), color=True if color == "always" else None, err=to_stderr)
    sys.exit(_exit_code(results, fail_on or _config_fail_on(linter, results) or DEFAULT_FAIL_ON, exit_zero))


def _lint(linter, files: list[str], stdin_filename: str | None, quiet: bool, jobs: int | None = None,
          cache: bool = False) -> list[FileResult]:
    """Lint in chunks so a progress bar can advance (one chunk, no bar, off a terminal)."""
    from .progress import bar, chunk_size, chunks, wanted

    show = wanted(len(files), quiet)
    results: list[FileResult] = []
    with bar(len(files), "Linting", show) as advance:
        for chunk in chunks(files, chunk_size(len(files)) if show else max(1, len(files))):
            results += linter.lint_paths(chunk, stdin=sys.stdin.buffer, stdin_filename=stdin_filename,
                                         jobs=jobs, cache=cache)
            advance(len(chunk))
    return results


def _fix(linter, files: list[str], dry_run: bool, stdin_filename: str | None, quiet: bool) -> list[FileResult]:
    """Fix each file (or print its diff); returns the findings that remain after fixing."""
    from .autofix import fix_summary, unified_diff
    from .progress import bar, wanted

    results, applied, touched = [], 0, 0
    with bar(len(files), "Fixing", wanted(len(files), quiet)) as advance:
        for path in files:
            outcome = _fix_stdin(linter, stdin_filename, dry_run) if path == "-" else linter.fix_file(path, write=not dry_run)
            results.append(outcome.result)
            applied += outcome.applied
            touched += outcome.changed
            if outcome.changed and dry_run:
                click.echo(unified_diff(outcome.result.path, outcome.original, outcome.fixed), nl=False)
            advance(1)
    if not quiet:
        click.echo(fix_summary(applied, touched, dry_run), err=True)
    return results


def _fix_stdin(linter, stdin_filename: str | None, dry_run: bool):
    """Fix the text read from stdin and print it whole (in its own encoding), as ruff does;
    with --dry-run print the diff instead. Findings that remain go to stderr."""
    from .api import FixOutcome
    from .fixes import encode
    from .source import SourceError, decode, read_stream

    name = stdin_filename or "-"
    try:
        source = decode(read_stream(sys.stdin.buffer), name)
    except SourceError as exc:
        return FixOutcome(FileResult(name, error=str(exc)))
    fixed, applied, findings = linter.fix_text(source.text, name)
    if not dry_run:
        sys.stdout.buffer.write(encode(source, fixed))
        sys.stdout.buffer.flush()
    return FixOutcome(FileResult(name, tuple(findings), text=fixed), source.text, fixed, applied)


def _gate(diff_base: str | None):
    if not diff_base:
        return None
    from .gitdiff import ChangedLines

    return _guard_git(ChangedLines, diff_base)


def _guard_git(func, *args):
    from .gitdiff import GitError

    try:
        return func(*args)
    except GitError as exc:
        _fail(str(exc))


def _baseline(path: str | None):
    if not path:
        return None
    from .baseline import Baseline, BaselineError

    try:
        return Baseline(path)
    except BaselineError as exc:
        _fail(str(exc))


def _write_baseline(path: str, results: list[FileResult]) -> None:
    from . import baseline

    try:
        n = baseline.write(path, results)
    except OSError as exc:
        _fail(f"{path}: cannot write the baseline: {exc.strerror or exc}")
    click.echo(f"Wrote {n} finding{'s' if n != 1 else ''} to the baseline {path}.", err=True)
    for r in results:
        if r.error:
            click.echo(f"{r.path}: error: {r.error}", err=True)
    sys.exit(EXIT_ERROR if any(r.error for r in results) else EXIT_OK)


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


@main.command("report")
@click.argument("paths", nargs=-1, type=click.Path(readable=False))
@click.option("--html", "html_path", required=True, type=click.Path(dir_okay=False), help="Write a self-contained HTML page here.")
@click.option("--select", multiple=True, help="Only these rules (as for check).")
@click.option("--ignore", multiple=True, help="Skip these rules (as for check).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this config file for every input.")
@click.option("--no-config", is_flag=True, help="Ignore config files: built-in defaults only.")
def report(paths, html_path, select, ignore, config_path, no_config) -> None:
    """Write an HTML report: each article with its findings highlighted, a summary, a chart.
    Exits 0 once written (2 if an input could not be read); it is a report, not a gate."""
    from .api import Linter
    from .report import render

    if not paths:
        _fail("no input: give files or folders")
    try:
        linter = Linter(config_path, use_config=not no_config, select=_split(select) or None, ignore=_split(ignore))
    except ConfigError as exc:
        _fail(str(exc))
    results = _lint(linter, [p for p, _ in linter.iter_files(p for p in paths if p != "-")], None, False)
    try:
        with open(html_path, "w", encoding="utf-8") as fh:
            fh.write(render(results))
    except OSError as exc:
        _fail(f"{html_path}: cannot write the report: {exc.strerror or exc}")
    for r in results:
        if r.error:
            click.echo(f"{r.path}: error: {r.error}", err=True)
    n = sum(len(r.findings) for r in results)
    click.echo(f"Wrote {html_path}: {n} finding{'s' if n != 1 else ''} in {sum(r.error is None for r in results)} articles.", err=True)
    sys.exit(EXIT_ERROR if any(r.error for r in results) else EXIT_OK)


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
