"""The Python API shared by the CLI, the tests and anyone embedding healthlint.

    lint_text(text, path="article.md") -> list[Finding]
    lint_paths(["content/"]) -> list[FileResult]
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence

from . import recache, rxcache
from .cache import config_digest
from .checks.base import Rule
from .checks.packs import PackError
from .checks.registry import builtin_rules
from .config import DEFAULT, Config, ConfigError, ConfigFinder, RuleCatalog, read_config_file
from .document import Document
from .engine import ActiveRule, ignored_for, lint_document, lint_documents, select_rules
from .finding import FileResult, Finding, Value, setfield, value
from .parse import detect_format, parse
from .source import SourceError, SourceFile, decode, read_source, read_stream

MAX_FIX_PASSES = 5  # a fix may reveal another (a chrome line under a deleted one); stop at a fixpoint


@value
class FixOutcome(Value):
    """The result of fixing one input: its text before and after, and what is still reported."""

    result: FileResult  # findings that remain after fixing (or the input error)
    original: str | None = None
    fixed: str | None = None
    applied: int = 0

    def __init__(self, result: FileResult, original: str | None = None, fixed: str | None = None, applied: int = 0):
        setfield(self, "result", result)
        setfield(self, "original", original)
        setfield(self, "fixed", fixed)
        setfield(self, "applied", applied)

    @property
    def changed(self) -> bool:
        return self.fixed is not None and self.fixed != self.original


EXTENSIONS = (".md", ".markdown", ".txt", ".html", ".htm")
SKIP_DIRS = {"node_modules", "__pycache__", "venv"}


class Linter:
    """Holds the rules and config lookup for one run; lint many files with it."""

    def __init__(self, config: Config | str | os.PathLike | None = None, *, use_config: bool = True,
                 select: Sequence[str] | None = None, ignore: Sequence[str] = ()):
        self.init_args = (config, use_config, select, ignore)  # to rebuild it in a spawned worker
        self.rules = builtin_rules()
        self.catalog = RuleCatalog(self.rules)
        self.select = tuple(select) if select else None
        self.ignore = tuple(ignore)
        for sel in (self.select or ()) + self.ignore:
            if not self.catalog.is_valid_selector(sel):
                raise ConfigError(f"unknown rule, prefix or category {sel!r} in --select/--ignore")
        if isinstance(config, (str, os.PathLike)):
            config = self._explicit(os.path.normpath(os.fspath(config)))
        self.fixed_config = config if config is not None else (None if use_config else DEFAULT)
        self.finder = ConfigFinder(self.catalog)
        self._result_caches: dict = {}
        self._active: dict = {}  # (config id, ignored selectors) -> (config, rules that run)

    def _explicit(self, path: str) -> Config:
        if not os.path.isfile(path):
            raise ConfigError(f"{path}: config file not found")
        found = read_config_file(path, self.catalog)
        if found is None:
            raise ConfigError(f"{path}: no [tool.healthlint] section")
        return found

    def config_for(self, path: str) -> Config:
        if self.fixed_config is not None:
            return self.fixed_config
        return self.finder.for_path(path if path != "-" else os.getcwd())

    def lint_text(self, text: str, path: str = "<text>", fmt: str | None = None) -> list[Finding]:
        rules, active, doc = self._prepare(text, path, fmt)
        return lint_document(doc, active, rules)

    def _prepare(self, text: str, path: str, fmt: str | None) -> tuple[tuple[Rule, ...], list[ActiveRule], Document]:
        """(all rules, the ones that run on this file, its parsed document)."""
        config = self.config_for(path)
        doc = parse(text, path, fmt or detect_format(path))
        return (*self._rules_for(config, path), doc)

    def _rules_for(self, config: Config, path: str) -> tuple[tuple[Rule, ...], list[ActiveRule]]:
        """(all rules, the active ones) for a file: chosen once per config and set of ignores,
        not per file (~0.2 ms each)."""
        key = (id(config), ignored_for(config, path))
        hit = self._active.get(key)
        if hit is None or hit[0] is not config:
            rules = self.rules + config.extra_rules
            hit = self._active[key] = (config, rules, select_rules(rules, config, path, self.select, self.ignore))
        return hit[1], hit[2]

    def lint_file(self, path: str, fmt: str | None = None) -> FileResult:
        return self._lint_source(lambda: read_source(path), path, fmt)

    def lint_bytes(self, data: bytes, path: str, fmt: str | None = None) -> FileResult:
        return self._lint_source(lambda: decode(data, path), path, fmt)

    def _lint_source(self, read, path: str, fmt: str | None) -> FileResult:
        try:
            source = read()
            return FileResult(path, tuple(self.lint_text(source.text, path, fmt)), text=source.text)
        except Exception as exc:
            return _failed(path, exc)

    def lint_texts(self, items: Sequence[tuple[str, str]]) -> list[FileResult]:
        """FileResults for (path, text) pairs already read, linted as one batch (engine.lint_documents:
        rule by rule, the same findings as one by one)."""
        results: list[FileResult | None] = [None] * len(items)
        batches: dict[int, tuple[tuple[Rule, ...], list[ActiveRule], list[tuple[int, Document]]]] = {}
        for slot, (path, text) in enumerate(items):
            try:
                rules, active, doc = self._prepare(text, path, None)
            except Exception as exc:
                results[slot] = _failed(path, exc)
                continue
            batches.setdefault(id(active), (rules, active, []))[2].append((slot, doc))
        for rules, active, members in batches.values():
            outcomes = lint_documents([doc for _, doc in members], active, rules)
            for (slot, _), outcome in zip(members, outcomes):
                path, text = items[slot]
                results[slot] = (_failed(path, outcome) if isinstance(outcome, Exception)
                                 else FileResult(path, tuple(outcome), text=text))
        return results

    def fix_text(self, text: str, path: str = "<text>", fmt: str | None = None) -> tuple[str, int, list[Finding]]:
        """Apply every fix the findings carry, repeatedly until nothing changes, so that a second
        run is a no-op. Returns (fixed text, fixes applied, findings left)."""
        from .fixes import apply_fixes  # (and tempfile): only when fixing

        applied = 0
        findings = self.lint_text(text, path, fmt)
        for _ in range(MAX_FIX_PASSES):
            fixes = [f.fix for f in findings if f.fix is not None]
            if not fixes:
                break
            candidate, n = apply_fixes(text, fixes)
            if n == 0:
                break
            try:
                findings = self.lint_text(candidate, path, fmt)
            except SourceError:  # the fixes broke the file (exposed front matter): keep the last good text
                break
            text, applied = candidate, applied + n
        return text, applied, findings

    def fix_file(self, path: str, fmt: str | None = None, *, write: bool = True) -> FixOutcome:
        """Fix one file in place (atomically, same encoding/BOM/line endings) unless write=False."""
        from .fixes import encode, write_atomic

        try:
            source: SourceFile = read_source(path)
            fixed, applied, findings = self.fix_text(source.text, path, fmt)
            if write and fixed != source.text:
                write_atomic(path, encode(source, fixed))
        except OSError as exc:  # reading errors are SourceErrors: this is writing
            return FixOutcome(FileResult(path, error=f"cannot write fixes: {exc.strerror or exc}"))
        except Exception as exc:
            return FixOutcome(_failed(path, exc))
        return FixOutcome(FileResult(path, tuple(findings), text=fixed), source.text, fixed, applied)

    def lint_paths(self, paths: Iterable[str], stdin=None, stdin_filename: str | None = None, *,
                   jobs: int | None = 1, cache: bool = False) -> list[FileResult]:
        """Every input in order; "-" reads `stdin` (a binary stream) as `stdin_filename`.

        jobs: processes for many files (None: all cores); the output is the same as jobs=1.
        cache: reuse and store per-file results in the cache folder (healthlint.cache); never
        written when stdin is among the inputs."""
        from .parallel import BATCH_FILES, batches, default_jobs, lint_parallel, worth_it

        inputs = list(self.iter_files(paths))
        use_stdin = any(path == "-" and not error for path, error in inputs)
        store = self._result_cache() if cache else None
        results: list[FileResult | None] = []
        pending: list[tuple[int, str, str, str | None]] = []  # (slot, path, text, cache key)
        for path, error in inputs:
            if error:
                results.append(FileResult(path, error=error))
            elif path == "-":
                results.append(self._lint_source(lambda: decode(read_stream(stdin), stdin_filename or "-"),
                                                 stdin_filename or "-", None))
            else:
                try:
                    source = read_source(path)
                except SourceError as exc:
                    results.append(FileResult(path, error=str(exc)))
                    continue
                key = self._cache_key(store, path, source.text)
                hit = store.get(path, key) if key else None
                results.append(FileResult(path, hit, text=source.text) if hit is not None else None)
                if hit is None:
                    pending.append((len(results) - 1, path, source.text, key))
        jobs = default_jobs() if jobs is None else jobs
        items = [(path, text) for _, path, text, _ in pending]
        linted = lint_parallel(self, items, jobs) if worth_it(jobs, items) else (
            result for batch in batches(items, BATCH_FILES) for result in self.lint_texts(batch))
        for (slot, path, _, key), result in zip(pending, linted):
            results[slot] = result
            if key and result.error is None:
                store.put(path, key, result.findings)
        if store is not None and not use_stdin:
            store.save()
            rxcache.save()
            recache.save()
        return results

    def _result_cache(self):
        from .cache import ResultCache, cache_dir

        folder = cache_dir()
        if folder is None:
            return None
        explicit = "none" if self.fixed_config is None else config_digest(self.fixed_config)
        try:
            project = os.getcwd()  # each project keeps its own results file
        except OSError:
            return None
        settings = repr((project, self.select, self.ignore, explicit, [r.code for r in self.rules]))
        # Read once per Linter: the CLI lints in chunks (for its progress bar), each a lint_paths call.
        key = (folder, settings)
        if key not in self._result_caches:
            self._result_caches[key] = ResultCache(folder, settings)
        return self._result_caches[key]

    def _cache_key(self, store, path: str, text: str) -> str | None:
        if store is None:
            return None
        try:
            return store.key(text, self.config_for(path))
        except (ConfigError, PackError):
            return None  # reported when the file is linted; never cached

    def iter_files(self, paths: Iterable[str]) -> Iterator[tuple[str, str | None]]:
        """(path, error) for every file to lint: named files always, folders recursively by extension."""
        for raw in paths:
            if raw == "-":
                yield raw, None
            elif os.path.isdir(raw):
                yield from self._walk(raw)
            elif os.path.exists(raw) or os.path.islink(raw):
                if not self._excluded(raw):
                    yield os.path.normpath(raw), None
            else:
                yield raw, "no such file or directory"

    def _excluded(self, path: str) -> bool:
        try:
            return self.config_for(path).is_excluded(path)
        except ConfigError:
            return False  # reported when the file itself is linted

    def _walk(self, top: str) -> Iterator[tuple[str, str | None]]:
        seen: set[str] = set()
        errors: list[OSError] = []  # an unreadable folder is reported, not silently skipped
        for folder, dirs, files in os.walk(top, followlinks=True, onerror=errors.append):
            yield from _folder_errors(errors)
            real = os.path.realpath(folder)
            if real in seen:  # a symlink loop: do not walk it twice
                dirs[:] = []
                continue
            seen.add(real)
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS
                             and not self._excluded(os.path.join(folder, d)))
            for name in sorted(files):
                path = os.path.normpath(os.path.join(folder, name))  # "./a/b.md" -> "a/b.md"
                if name.lower().endswith(EXTENSIONS) and not self._excluded(path):
                    yield path, None
        yield from _folder_errors(errors)


def _folder_errors(errors: list[OSError]) -> Iterator[tuple[str, str]]:
    while errors:
        exc = errors.pop(0)
        yield os.path.normpath(exc.filename or "."), f"cannot read folder: {exc.strerror or exc}"


def lint_text(text: str, path: str = "<text>", *, fmt: str | None = None, config: Config | str | os.PathLike | None = None,
              select: Sequence[str] | None = None, ignore: Sequence[str] = ()) -> list[Finding]:
    """Lint a string. `path` picks the format by extension and the config by location, unless
    `config` is given (a Config, or the path of a config file); use `fmt` to force a format."""
    linter = Linter(config, use_config=config is not None or path != "<text>", select=select, ignore=ignore)
    return linter.lint_text(text, path, fmt)


def lint_paths(paths: Iterable[str], *, config: Config | str | os.PathLike | None = None,
               select: Sequence[str] | None = None, ignore: Sequence[str] = (),
               jobs: int | None = 1, cache: bool = False) -> list[FileResult]:
    """Lint files and folders; unreadable inputs come back as FileResults with `error` set.
    jobs=None uses every core; cache=True reuses results from the user's cache folder (healthlint.cache)."""
    return Linter(config, select=select, ignore=ignore).lint_paths(paths, jobs=jobs, cache=cache)


def fix_text(text: str, path: str = "<text>", *, fmt: str | None = None, config: Config | str | os.PathLike | None = None,
             select: Sequence[str] | None = None, ignore: Sequence[str] = ()) -> FixOutcome:
    """Apply the safe fixes to a string (to a fixpoint). `outcome.fixed` is the new text,
    `outcome.applied` how many fixes, `outcome.result.findings` what is still reported."""
    linter = Linter(config, use_config=config is not None or path != "<text>", select=select, ignore=ignore)
    fixed, applied, findings = linter.fix_text(text, path, fmt)
    return FixOutcome(FileResult(path, tuple(findings), text=fixed), text, fixed, applied)


def _failed(path: str, exc: Exception) -> FileResult:
    """The one-line error for an input that could not be linted, never a traceback."""
    if isinstance(exc, (SourceError, ConfigError, PackError)):
        return FileResult(path, error=str(exc))
    # A bug in a rule or reader.
    return FileResult(path, error=f"internal error ({type(exc).__name__}: {exc}); please report it")
