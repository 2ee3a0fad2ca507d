"""Configuration: [tool.healthlint] in pyproject.toml or a .healthlint.toml, found from each file's
folder upward. Validated strictly: an unknown key or a bad value is a ConfigError naming key and file."""
from __future__ import annotations

import functools
import os
import re

from . import rxcache
from .finding import CATEGORIES, Severity, Value, field, setfield, value

CONFIG_FILES = (".healthlint.toml", "pyproject.toml")
FAIL_LEVELS = ("error", "warning", "info")


class ConfigError(ValueError):
    """Bad configuration: one line naming the file and the key."""


@value
class Config(Value):
    """One config file's settings (or the built-in defaults), validated."""

    path: str | None = None  # the config file (a real path); None: built-in defaults
    select: tuple[str, ...] | None = None  # None: every rule enabled by default
    ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)  # selector -> severity
    rule_options: dict[str, dict[str, object]] = field(default_factory=dict)  # code or name -> options
    rule_packs: tuple[str, ...] = ()  # real paths
    fail_on: str | None = None
    extra_rules: tuple = ()  # rules from this config's own rule packs

    def __init__(self, path: str | None = None, select: tuple[str, ...] | None = None, ignore: tuple[str, ...] = (),
                 exclude: tuple[str, ...] = (), per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = (),
                 severity: dict[str, Severity] | None = None, rule_options: dict[str, dict[str, object]] | None = None,
                 rule_packs: tuple[str, ...] = (), fail_on: str | None = None, extra_rules: tuple = ()):
        setfield(self, "path", path)
        setfield(self, "select", select)
        setfield(self, "ignore", ignore)
        setfield(self, "exclude", exclude)
        setfield(self, "per_file_ignores", per_file_ignores)
        setfield(self, "severity", {} if severity is None else severity)
        setfield(self, "rule_options", {} if rule_options is None else rule_options)
        setfield(self, "rule_packs", rule_packs)
        setfield(self, "fail_on", fail_on)
        setfield(self, "extra_rules", extra_rules)

    @property
    def root(self) -> str:
        return (os.path.dirname(self.path) or os.curdir) if self.path else os.getcwd()

    def relative(self, path: str | os.PathLike) -> str:
        """path relative to the config's folder, POSIX style, for glob matching (the path as
        given, normalised, when it is outside that folder or a relative path that does not exist:
        "a/../b.md" then matches as "b.md")."""
        path = os.fspath(path)
        if os.path.isabs(path) or os.path.exists(path):
            real, root = os.path.realpath(path), os.path.realpath(self.root)
            if real == root or real.startswith(root.rstrip(os.sep) + os.sep):
                return os.path.relpath(real, root).replace(os.sep, "/")
        return os.path.normpath(path).replace(os.sep, "/")

    def is_excluded(self, path: str | os.PathLike) -> bool:
        return any(glob_match(self.relative(path), pat) for pat in self.exclude)

    def ignores_for(self, path: str | os.PathLike) -> tuple[str, ...]:
        if not self.per_file_ignores:
            return self.ignore  # no path to resolve
        rel = self.relative(path)
        extra = tuple(c for pat, codes in self.per_file_ignores if glob_match(rel, pat) for c in codes)
        return self.ignore + extra


DEFAULT = Config()


def glob_match(rel: str, pattern: str) -> bool:
    """Gitignore-like: `*` stays within a folder, `**` spans folders; a pattern without a slash
    matches any path component; a folder pattern also matches everything below it."""
    pattern = pattern.strip().rstrip("/")
    if not pattern:
        return False
    parts = rel.split("/")
    if "/" not in pattern:
        rx = _glob_regex(pattern)
        return any(rx.fullmatch(part) for part in parts)
    rx = _glob_regex(pattern.lstrip("/"))
    return any(rx.fullmatch("/".join(parts[:i])) for i in range(1, len(parts) + 1))


@functools.lru_cache(maxsize=256)
def _glob_regex(pattern: str) -> re.Pattern:
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and "]" in pattern[i + 2:]:
            close = pattern.index("]", i + 2)
            body = pattern[i + 1:close].replace("\\", "\\\\")
            out.append("[^" + body[1:] + "]" if body.startswith("!") else "[" + body + "]")
            i = close + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out))


# --- validation -------------------------------------------------------------------------------

KEYS = {
    "select": list, "ignore": list, "exclude": list, "per-file-ignores": dict, "severity": dict,
    "rules": dict, "rule-packs": list, "fail-on": str,
}


def _strings(value: object, key: str, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{where}: `{key}` must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _selectors(value: object, key: str, where: str, known: "RuleCatalog | None") -> tuple[str, ...]:
    sels = _strings(value, key, where)
    if known is not None:
        for sel in sels:
            if not known.is_valid_selector(sel):
                raise ConfigError(f"{where}: `{key}` names unknown rule or category {sel!r}")
    return sels


def parse_config(data: dict, where: str, path: str | None, known: "RuleCatalog | None" = None) -> Config:
    for key in data:
        if key not in KEYS:
            raise ConfigError(f"{where}: unknown key `{key}` (allowed: {', '.join(sorted(KEYS))})")
        if not isinstance(data[key], KEYS[key]):
            raise ConfigError(f"{where}: `{key}` must be a {_type_name(KEYS[key])}")
    root = os.path.dirname(path) if path else os.getcwd()
    packs = tuple(os.path.realpath(os.path.join(root, p)) for p in _strings(data.get("rule-packs", []), "rule-packs", where))
    extra_rules = _load_packs(packs, where)
    if known is not None and extra_rules:
        known = known.extended(extra_rules, where)
    select = _selectors(data["select"], "select", where, known) if "select" in data else None
    ignore = _selectors(data.get("ignore", []), "ignore", where, known)
    exclude = _strings(data.get("exclude", []), "exclude", where)
    pfi = []
    for pattern, codes in data.get("per-file-ignores", {}).items():
        pfi.append((pattern, _selectors(codes, f"per-file-ignores.{pattern}", where, known)))
    severity = {}
    for sel, level in data.get("severity", {}).items():
        if known is not None and not known.is_valid_selector(sel):
            raise ConfigError(f"{where}: `severity` names unknown rule or category {sel!r}")
        try:
            severity[sel] = Severity.parse(level if isinstance(level, str) else repr(level))
        except ValueError as exc:
            raise ConfigError(f"{where}: `severity.{sel}`: {exc}") from None
    options = {}
    for sel, opts in data.get("rules", {}).items():
        if not isinstance(opts, dict):
            raise ConfigError(f"{where}: `rules.{sel}` must be a table of options")
        rule = known.rule(sel) if known is not None else None
        if known is not None and rule is None:
            raise ConfigError(f"{where}: `rules.{sel}` names an unknown rule")
        if rule is not None:
            _check_options(rule, opts, f"{where}: `rules.{sel}`")
            sel = rule.code
        options[sel] = dict(opts)
    fail_on = data.get("fail-on")
    if fail_on is not None and fail_on not in FAIL_LEVELS:
        raise ConfigError(f"{where}: `fail-on` must be one of {', '.join(FAIL_LEVELS)}")
    return Config(path, select, ignore, exclude, tuple(pfi), severity, options, packs, fail_on, extra_rules)


def _load_packs(paths: tuple[str, ...], where: str) -> tuple:
    """A content repo's own rule packs: data only, loaded as strictly as the built-in ones."""
    from .checks.packs import PackError, load_pack

    rules = []
    for path in paths:
        try:
            rules.extend(load_pack(path, origin=path))
        except PackError as exc:
            raise ConfigError(f"{where}: rule-packs: {exc}") from None
    return tuple(rules)


def _check_options(rule, opts: dict, where: str) -> None:
    for key, value in opts.items():
        if key not in rule.options:
            allowed = ", ".join(sorted(rule.options)) or "none"
            raise ConfigError(f"{where}: unknown option `{key}` for {rule.code} (allowed: {allowed})")
        default = rule.options[key]
        if default is not None and not _same_type(value, default):
            raise ConfigError(f"{where}: option `{key}` must be a {_type_name(type(default))}")
        allowed = rule.choices.get(key)
        unknown = [v for v in (value if isinstance(value, list) else [value]) if allowed and v not in allowed]
        if unknown:
            raise ConfigError(f"{where}: option `{key}` of {rule.code}: unknown value {unknown[0]!r} "
                              f"(allowed: {', '.join(allowed)})")
        if key in rule.regex_options:
            _check_patterns(rule, key, value if isinstance(value, list) else [value], where)


def _check_patterns(rule, key: str, patterns: list, where: str) -> None:
    import regex  # loaded already by the rules; here only for the error it raises

    for pattern in patterns:
        try:
            regex.compile(pattern, regex.IGNORECASE | regex.V0)
        except regex.error as exc:
            raise ConfigError(f"{where}: option `{key}` of {rule.code}: {pattern!r} is not a valid "
                              f"regular expression ({exc})") from None


def _same_type(value: object, default: object) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(value, bool) and isinstance(default, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float))
    return isinstance(value, type(default))


def _type_name(t: type) -> str:
    return {list: "list", dict: "table", str: "string", bool: "boolean", int: "number", float: "number"}.get(t, t.__name__)


# --- discovery --------------------------------------------------------------------------------


def read_config_file(path: str | os.PathLike, known=None) -> Config | None:
    """The config in path, or None for a pyproject.toml without [tool.healthlint]."""
    path = os.fspath(path)
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config: {exc.strerror or exc}") from None
    data = rxcache.parsed_toml(raw, lambda exc: ConfigError(f"{path}: invalid TOML: {exc}"))
    if os.path.basename(path) == "pyproject.toml":
        section = data.get("tool", {}).get("healthlint")
        if section is None:
            return None
        where = f"{path} [tool.healthlint]"
    else:
        section = data.get("tool", {}).get("healthlint", data) if set(data) == {"tool"} else data
        where = path
    if not isinstance(section, dict):
        raise ConfigError(f"{where}: must be a table")
    return parse_config(section, where, path, known)


class ConfigFinder:
    """Finds the config that governs each file, from its folder upward; cached per folder."""

    def __init__(self, known=None):
        self.known = known
        self._by_dir: dict[str, Config] = {}  # real folder -> its config
        self._by_path: dict[str, Config] = {}  # a run asks up to four times per file

    def for_path(self, path: str | os.PathLike) -> Config:
        key = str(path)
        found = self._by_path.get(key)
        if found is None:
            if len(self._by_path) >= 10_000:
                self._by_path.clear()
            real = os.path.realpath(path)
            start = real if os.path.isdir(path) else os.path.dirname(real)
            found = self._by_path[key] = self._for_dir(start)
        return found

    def _for_dir(self, folder: str) -> Config:
        if folder in self._by_dir:
            return self._by_dir[folder]
        found = None
        for name in CONFIG_FILES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate):
                found = read_config_file(candidate, self.known)
                if found is not None:
                    break
        if found is None:
            parent = os.path.dirname(folder)
            found = DEFAULT if parent == folder else self._for_dir(parent)
        self._by_dir[folder] = found
        return found


class RuleCatalog:
    """What config validation needs to know about the rules: codes, names, categories."""

    def __init__(self, rules):
        self.by_code = {r.code: r for r in rules}
        self.by_name = {r.name: r for r in rules}

    def extended(self, rules, where: str) -> "RuleCatalog":
        for rule in rules:
            if rule.code in self.by_code:
                raise ConfigError(f"{where}: rule pack code {rule.code} is already used by {self.by_code[rule.code].name}")
        return RuleCatalog(list(self.by_code.values()) + list(rules))

    def rule(self, sel: str):
        return self.by_code.get(sel.upper()) or self.by_name.get(sel)

    def is_valid_selector(self, sel: str) -> bool:
        s = sel.strip()
        if s.upper() == "ALL" or s in CATEGORIES or s in self.by_name:
            return True
        return s.upper().startswith("HL") and any(code.startswith(s.upper()) for code in self.by_code)


def selector_matches(sel: str, rule) -> bool:
    s = sel.strip()
    return (
        s.upper() == "ALL" or s == rule.category or s == rule.name
        or (s.upper().startswith("HL") and rule.code.startswith(s.upper()))
    )
