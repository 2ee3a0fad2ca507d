"""The command line. Parses options, calls the API, prints, and chooses the exit code:
0 nothing at or above the fail level, 1 findings, 2 usage error, bad config or unreadable input.

click defines the commands, their help and their usage errors. Importing it and building the
commands costs ~15 ms, a tenth of a one-file run (a pre-commit hook), so a plain `check` command
line is read by _quick_check() from the same table of options, and anything else (help, another
command, anything click would refuse or might read differently) goes to click.
"""
from __future__ import annotations

import errno
import gc
import os
import re
import sys

from . import recache

recache.install()  # before regex, markdown-it (and click) compile their patterns: see healthlint.recache

from . import rxcache  # noqa: E402

rxcache.install()  # rule patterns, including those compiled lazily: see healthlint.rxcache

from . import __version__  # noqa: E402
from .config import FAIL_LEVELS, ConfigError  # noqa: E402
from .finding import FileResult, Severity  # noqa: E402

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
DEFAULT_FAIL_ON = "warning"
ANSI_RE = re.compile(r"\033\[[;?0-9]*[a-zA-Z]")  # what click.echo strips off a terminal


class Option:
    """One option of `check`: click.option's arguments (decls and keywords, as click takes them)
    and its value type by name, which _quick_check reads too. value: "choice" (click.Choice), "jobs"
    (click.IntRange(min=1)), "file" (click.Path(dir_okay=False): an existing folder or an unreadable
    file is a usage error), or None (text, or a flag)."""

    def __init__(self, *decls: str, value: str | None = None, choices: tuple[str, ...] = (), **kw):
        self.decls, self.value, self.choices, self.kw = decls, value, choices, kw
        flags = [d for d in decls if d.startswith("-")]
        on, _, self.off = flags[0].partition("/")  # --show-source/--no-show-source
        self.flags = (on, *flags[1:])
        named = [d for d in decls if not d.startswith("-")]
        self.dest = named[0] if named else on.lstrip("-").replace("-", "_")
        self.is_flag = bool(kw.get("is_flag") or self.off)
        self.multiple = kw.get("multiple", False)
        self.default = () if self.multiple else kw.get("default", False if kw.get("is_flag") else None)

    def click_option(self, click):
        types = {"choice": lambda: click.Choice(self.choices), "jobs": lambda: click.IntRange(min=1),
                 "file": lambda: click.Path(dir_okay=False)}
        extra = {"type": types[self.value]()} if self.value else {}
        return click.option(*self.decls, **extra, **self.kw)


# Exactly what the click decorators of `check` were; click builds the command from it (_app).
CHECK_OPTIONS = (
    Option("--format", "fmt", value="choice", choices=("text", "json", "sarif", "github"), default="text",
           show_default=True, help="Output format."),
    Option("--select", multiple=True, help="Only these rules: codes, prefixes (HL1), names or categories; "
           "comma-separated, repeatable."),
    Option("--ignore", multiple=True, help="Skip these rules (same forms as --select)."),
    Option("--fail-on", value="choice", choices=FAIL_LEVELS, default=None,
           help=f"Lowest severity that fails the run [default: config fail-on, else {DEFAULT_FAIL_ON}]."),
    Option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (input errors still exit 2)."),
    Option("--config", "config_path", value="file", help="Use this config file for every input."),
    Option("--no-config", is_flag=True, help="Ignore config files: built-in defaults only."),
    Option("--quiet", "-q", is_flag=True, help="Print findings only: no code frames, no summary."),
    Option("--statistics", is_flag=True, help="Count findings per rule."),
    Option("--stdin-filename", help="With '-': the name (and so the format and config) of the text read from stdin."),
    Option("--show-source/--no-show-source", default=None,
           help="Show the offending line with a caret underline [default: when stdout is a terminal]."),
    Option("--color", value="choice", choices=("auto", "always", "never"), default="auto", show_default=True),
    Option("--fix", is_flag=True, help="Apply the safe fixes in place (atomically; encoding, BOM and line endings "
           "kept). With -: print the fixed text."),
    Option("--dry-run", is_flag=True, help="With --fix: print the fixes as a unified diff and write nothing "
           "(findings then go to stderr)."),
    Option("--diff", "diff_base", metavar="BASE", help="Only findings on lines changed since git revision BASE "
           "(files new since BASE: every line)."),
    Option("--baseline", "baseline_path", value="file",
           help="Report only findings that this baseline file does not record."),
    Option("--write-baseline", "write_baseline_path", value="file",
           help="Record every current finding in this baseline file and exit 0."),
    Option("--jobs", "-j", value="jobs", default=None,
           help="Processes for many files [default: all cores]; output is the same as with 1."),
    Option("--no-cache", is_flag=True, help="Neither read nor write cached per-file results (compiled patterns and "
           "word tables, which never change findings, are still kept; HEALTHLINT_CACHE_DIR='' turns off all caching)."),
)


def main(args=None, prog_name: str | None = None):
    """The `healthlint` command (healthlint.__main__.run: the console script and python -m). Ends the process."""
    # Loading rules, patterns and tables makes no garbage cycles worth ~5 ms of collector passes;
    # check() turns the collector back on when it has more than one file to lint.
    gc.disable()
    try:
        params = _quick_check(sys.argv[1:] if args is None else list(args))
        if params is None:
            gc.enable()
            _app().main(args, prog_name=prog_name)
        _standalone(check, params)
    finally:
        # The process is about to end: the collector need not take apart the ~30,000 objects
        # of rules, patterns and tables one by one first (~40 ms of a ~200 ms one-file run).
        gc.freeze()


def _quick_check(args: list[str]) -> dict | None:
    """check's parameters for a plain `check` command line, exactly as click would pass them, or
    None for click to parse it: another command, help, shell completion, or anything unusual or
    wrong (an unknown option, a bad value, an option value that looks like an option)."""
    if args[:1] != ["check"] or os.name == "nt":  # on Windows click expands globs in sys.argv
        return None
    if any(k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ):  # shell completion
        return None
    by_flag = {flag: (opt, True) for opt in CHECK_OPTIONS for flag in opt.flags}
    by_flag.update({opt.off: (opt, False) for opt in CHECK_OPTIONS if opt.off})
    params = {opt.dest: [] if opt.multiple else opt.default for opt in CHECK_OPTIONS}
    paths: list[str] = []
    rest = iter(args[1:])
    for token in rest:
        if token == "--":
            paths.extend(rest)
            break
        if token == "-" or not token.startswith("-"):
            paths.append(token)
            continue
        if token.startswith("--"):
            name, eq, value = token.partition("=")
            attached = value if eq else None
        else:  # -q, -j4, -j 4
            name, attached = token[:2], token[2:] or None
        found = by_flag.get(name)
        if found is None:
            return None
        opt, on = found
        if opt.is_flag:
            if attached is not None:
                return None
            params[opt.dest] = on
            continue
        value = attached if attached is not None else next(rest, None)
        if value is None or (value.startswith("-") and value != "-"):
            return None
        value = _quick_value(opt, value)
        if value is None:
            return None
        if opt.multiple:
            params[opt.dest].append(value)
        else:
            params[opt.dest] = value
    params = {k: tuple(v) if isinstance(v, list) else v for k, v in params.items()}
    return {"paths": tuple(paths), **params}


def _quick_value(opt: Option, value: str):
    """The converted value, or None where click's type would refuse it."""
    if opt.value == "choice":
        return value if value in opt.choices else None
    if opt.value == "jobs":
        try:
            number = int(value)
        except ValueError:
            return None
        return number if number >= 1 else None
    if opt.value == "file" and (os.path.isdir(value) or (os.path.exists(value) and not os.access(value, os.R_OK))):
        return None
    return value


def _standalone(command, params: dict) -> None:
    """Run a command as click's standalone mode does: Ctrl-C prints "Aborted!", a closed pipe
    (healthlint check ... | head) exits 1 quietly."""
    try:
        command(**params)
    except (EOFError, KeyboardInterrupt):
        _echo("", err=True)
        _echo("Aborted!", err=True)
        sys.exit(1)
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        from click.utils import PacifyFlushWrapper

        sys.stdout, sys.stderr = PacifyFlushWrapper(sys.stdout), PacifyFlushWrapper(sys.stderr)
        sys.exit(1)
    sys.exit(0)


def _echo(text: str, nl: bool = True, err: bool = False, color: bool | None = None) -> None:
    """click.echo for text, without click: ANSI codes are stripped off a terminal unless color."""
    stream = sys.stderr if err else sys.stdout
    if stream is None:
        return
    text = text + "\n" if nl else text
    if text and not (stream.isatty() if color is None else color):
        text = ANSI_RE.sub("", text)
    if text and _ascii_stream(stream):  # as click does: UTF-8 rather than an encoding error
        stream.flush()
        stream.buffer.write(text.encode("utf-8", "replace"))
    elif text:
        stream.write(text)
    stream.flush()


def _ascii_stream(stream) -> bool:
    import codecs

    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "ascii").name == "ascii" and hasattr(stream, "buffer")
    except LookupError:
        return False


def _split(values: tuple[str, ...]) -> list[str]:
    """--select HL1,claim --select HL201 -> ["HL1", "claim", "HL201"]"""
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _fail(message: str) -> None:
    _echo(f"healthlint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


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
    if len(files) > 1:  # a long run: collect garbage cycles (see main), but
        gc.freeze()  # not by walking the loaded rules and tables again and again,
        gc.set_threshold(10_000, 10, 10)  # and not every 700 allocations: ~440 -> ~20 passes, 5% of a corpus run
        gc.enable()
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
            _echo(f"{accepted} finding{'s' if accepted != 1 else ''} accepted by the baseline {baseline_path}.", err=True)
    to_stderr = fix and (dry_run or "-" in files)  # stdout then carries the diff or the fixed text
    tty = (sys.stderr if to_stderr else sys.stdout).isatty()
    for r in results:
        if r.error:
            _echo(f"{r.path}: error: {r.error}", err=True)
    out = render(
        fmt, results, {r.code: r for r in linter.rules},
        show_source=(tty and not quiet) if show_source is None else show_source,
        color=color == "always" or (color == "auto" and tty),
        statistics=statistics, quiet=quiet,
    )
    if out:  # click strips ANSI codes when not a terminal unless told otherwise (--color always)
        _echo(out, nl=not out.endswith("\n"), color=True if color == "always" else None, err=to_stderr)
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
                _echo(unified_diff(outcome.result.path, outcome.original, outcome.fixed), nl=False)
            advance(1)
    if not quiet:
        _echo(fix_summary(applied, touched, dry_run), err=True)
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
    _echo(f"Wrote {n} finding{'s' if n != 1 else ''} to the baseline {path}.", err=True)
    for r in results:
        if r.error:
            _echo(f"{r.path}: error: {r.error}", err=True)
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
            _echo(f"{r.path}: error: {r.error}", err=True)
    n = sum(len(r.findings) for r in results)
    _echo(f"Wrote {html_path}: {n} finding{'s' if n != 1 else ''} in {sum(r.error is None for r in results)} articles.", err=True)
    sys.exit(EXIT_ERROR if any(r.error for r in results) else EXIT_OK)


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
        _echo(json.dumps(rows, indent=2))
        return
    if fmt == "markdown":  # the table in the README is generated with this
        _echo("| Code | Name | Category | Severity | Summary |\n|---|---|---|---|---|")
        for r in rules:
            fix = " (fixable)" if r.fixable else ""
            _echo(f"| {r.code} | `{r.name}` | {r.category} | {r.severity.value} | {r.summary}{fix} |")
        return
    for r in rules:
        _echo(f"{r.code}  {r.name:<28} {r.category:<12} {r.severity.value:<8} {r.summary}")


def show_rule(code) -> None:
    """Print the full documentation of one rule (by code or name)."""
    from .checks.registry import builtin_rules

    try:
        rules = builtin_rules()
    except ConfigError as exc:
        _fail(str(exc))
    for r in rules:
        if code.upper() == r.code or code == r.name:
            _echo(r.doc_text())
            return
    _fail(f"unknown rule {code!r}; `healthlint rules` lists them")



def _app():
    """The click group: every command, with its options, help and usage errors."""
    import click

    @click.group(context_settings={"help_option_names": ["-h", "--help"]})
    @click.version_option(__version__, "--version", prog_name="healthlint")
    def main() -> None:
        """healthlint: a content-quality linter for health articles."""

    paths = click.argument("paths", nargs=-1, type=click.Path(readable=False))  # unreadable: one line, the rest linted
    main.command()(_decorated(check, paths, *(opt.click_option(click) for opt in CHECK_OPTIONS)))
    main.command("report")(_decorated(
        report, click.argument("paths", nargs=-1, type=click.Path(readable=False)),
        click.option("--html", "html_path", required=True, type=click.Path(dir_okay=False),
                     help="Write a self-contained HTML page here."),
        click.option("--select", multiple=True, help="Only these rules (as for check)."),
        click.option("--ignore", multiple=True, help="Skip these rules (as for check)."),
        click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this config file for every input."),
        click.option("--no-config", is_flag=True, help="Ignore config files: built-in defaults only.")))
    main.command("rules")(_decorated(list_rules, click.option(
        "--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)))
    main.command("rule")(_decorated(show_rule, click.argument("code")))
    return main


def _decorated(func, *decorators):
    """func under these decorators, written top to bottom as they would be above a def."""
    for decorate in reversed(decorators):
        func = decorate(func)
    return func


if __name__ == "__main__":  # pragma: no cover
    main()
