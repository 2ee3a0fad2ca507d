"""The rules: declarative packs from rules/, the Python rule modules, and plugins.

Plugins are Python rules from *installed* distributions only, found through the entry-point group
`healthlint.rules`: each entry point loads to a list of Rule objects (or a function returning one).
Nothing is ever imported from the linted repository: its config and packs are data.
"""
from __future__ import annotations

import importlib
import os
import sys
from functools import lru_cache

from .. import cache, rxcache
from ..config import ConfigError
from .base import Rule
from .packs import builtin_pack_files, load_pack

ENTRY_POINT_GROUP = "healthlint.rules"

# Python rule modules, one per family, each exposing RULES. Listed explicitly: nothing is
# discovered from disk. A family module that does not exist (yet) is skipped.
PYTHON_RULE_MODULES = (
    "healthlint.checks.meta",
    "healthlint.checks.claims",
    "healthlint.checks.spam",
    "healthlint.checks.boilerplate",
    "healthlint.checks.garbled",
    "healthlint.checks.readability",
    "healthlint.checks.sourcing",
    "healthlint.checks.disclaimer",
)


@lru_cache(maxsize=1)
def builtin_rules() -> tuple[Rule, ...]:
    # Patterns compiled while loading (packs, guards, the family modules' module-level regexes)
    # come from the compiled-pattern store when it is warm: see healthlint.rxcache.
    with rxcache.routing():
        return _load_rules()


def _load_rules() -> tuple[Rule, ...]:
    rules: list[Rule] = []
    for path in builtin_pack_files():
        rules.extend(load_pack(path))
    for name in PYTHON_RULE_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        rules.extend(module.RULES)
    rules.extend(plugin_rules())
    seen: dict[str, Rule] = {}
    for rule in rules:
        try:
            rule.validate()
        except ValueError as exc:
            raise PluginError(f"{exc} (from {rule.origin})") from None
        if rule.code in seen:
            raise PluginError(f"duplicate rule code {rule.code}: {seen[rule.code].name} ({seen[rule.code].origin}) "
                              f"and {rule.name} ({rule.origin})")
        seen[rule.code] = rule
    return tuple(sorted(rules, key=lambda r: r.code))


class PluginError(ConfigError):
    """A broken rule or plugin: a usage error (exit 2) with one line naming it."""


def _plugin_entry_points() -> list:
    """`healthlint.rules` entry points of installed distributions, in a stable order."""
    if not _any_plugins():
        return []
    return sorted(_scan_entry_points(), key=lambda e: (e.name, e.value))


def _any_plugins() -> bool:
    """Scanning every installed distribution's metadata costs ~40 ms per run and almost always
    finds nothing. The answer is kept in the cache, keyed by the sys.path folders' mtimes, which
    change whenever a distribution is installed or removed there."""
    folders = [p for p in sys.path if p and os.path.exists(p)]
    return cache.derived("plugins", folders, lambda: bool(_scan_entry_points()))


def _scan_entry_points() -> list:
    """`python -m healthlint` puts the working directory (the content repo) first on sys.path; a
    *.dist-info folder there is not an installed package, so it is ignored."""
    from importlib.metadata import entry_points

    cwd = os.getcwd()
    return [ep for ep in entry_points(group=ENTRY_POINT_GROUP)
            if ep.dist is None or os.path.abspath(str(ep.dist.locate_file(""))) != cwd]


def plugin_rules() -> list[Rule]:
    """Rules from installed distributions' `healthlint.rules` entry points, in a stable order."""
    rules: list[Rule] = []
    for ep in _plugin_entry_points():
        where = f"plugin {ep.name} = {ep.value}"
        try:
            loaded = ep.load()
            found = loaded() if callable(loaded) else loaded
        except Exception as exc:  # a broken plugin is one clear line, not a traceback
            raise PluginError(f"{where}: failed to load: {type(exc).__name__}: {exc}") from None
        if not isinstance(found, (list, tuple)) or not all(isinstance(r, Rule) for r in found):
            raise PluginError(f"{where}: must be a list of healthlint Rule objects")
        for rule in found:
            if rule.origin == "builtin":
                rule.origin = where
            if type(rule).check is Rule.check:
                raise PluginError(f"{where}: rule {rule.code} does not implement check()")
        rules.extend(found)
    return rules
