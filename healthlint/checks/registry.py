"""The built-in rules: declarative packs from rules/ plus the Python rule modules."""
from __future__ import annotations

import importlib
from functools import lru_cache

from .. import rxcache
from .base import Rule
from .packs import builtin_pack_files, load_pack

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
    seen: dict[str, Rule] = {}
    for rule in rules:
        rule.validate()
        if rule.code in seen:
            raise ValueError(f"duplicate rule code {rule.code}: {seen[rule.code].name} and {rule.name}")
        seen[rule.code] = rule
    return tuple(sorted(rules, key=lambda r: r.code))
