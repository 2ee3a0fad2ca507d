"""Compiled regular expressions that survive the process, like Python's own __pycache__.

The `regex` module parses and optimises a pattern in pure Python before handing a list of
opcodes to its C engine. For the large alternations of the rule packs and guards this costs
about 200 ms per process, more than the rest of a one-file run together. The opcodes are
plain data, so they are stored once (in the cache folder, see healthlint.cache) and handed
straight to the C engine next time: the pattern object is exactly what regex.compile builds.

The store is keyed by the regex module's version and Python's, and each entry by pattern and
flags, so a change of either recompiles. Anything unexpected (an unreadable store, a regex
version whose internals differ) falls back to a plain regex.compile: the store is only a cache.
"""
from __future__ import annotations

import os
import pickle
import sys
from contextlib import contextmanager

import regex
import regex._main as _main

_plain_compile = regex.compile
_store: dict | None = None  # (pattern, flags) -> arguments of the C engine's compile
_dirty = False


def _store_path() -> str | None:
    from .cache import cache_dir

    folder = cache_dir()
    if folder is None:
        return None
    tag = f"{regex.__version__}-py{sys.version_info[0]}{sys.version_info[1]}"
    return os.path.join(folder, f"patterns-{tag}.pickle")


def _load() -> dict:
    global _store
    if _store is None:
        _store = {}
        path = _store_path()
        if path:
            try:
                with open(path, "rb") as fh:
                    data = pickle.load(fh)
                if isinstance(data, dict):
                    _store = data
            except Exception:  # missing, truncated or foreign: start empty
                pass
    return _store


class _Recorder:
    """Stands in for the C module during one compile and keeps the arguments it was given."""

    def __init__(self, real):
        self.real = real
        self.args = None

    def __getattr__(self, name):
        return getattr(self.real, name)

    def compile(self, *args):
        self.args = args
        return self.real.compile(*args)


def compile(pattern, flags: int = 0, **kwargs):
    """regex.compile, from the store when this pattern was compiled before."""
    global _dirty
    if kwargs or not isinstance(pattern, str):
        return _plain_compile(pattern, flags, **kwargs)
    key = (pattern, int(flags), int(regex.DEFAULT_VERSION))
    store = _load()
    args = store.get(key)
    if args is not None:
        try:
            return _main._regex.compile(*args)
        except Exception:
            store.pop(key, None)
    real = _main._regex
    recorder = _Recorder(real)
    _main._regex = recorder
    try:
        compiled = _plain_compile(pattern, flags, cache_pattern=False)
    finally:
        _main._regex = real
    if recorder.args is not None and not recorder.args[5]:  # no named lists: plain data only
        store[key] = recorder.args
        _dirty = True
    return compiled


@contextmanager
def routing():
    """Route regex.compile calls made while importing rule modules through the store, so a
    family module's module-level patterns are cached without it knowing."""
    previous = regex.compile
    regex.compile = compile
    try:
        yield
    finally:
        regex.compile = previous


def save() -> None:
    """Write the store if this process compiled something new; silent on any failure."""
    global _dirty
    if not _dirty:
        return
    _dirty = False
    path = _store_path()
    if not path:
        return
    from .cache import write_atomic_quiet

    write_atomic_quiet(path, pickle.dumps(_store, protocol=pickle.HIGHEST_PROTOCOL))



# ------------------------------------------------------------------------------------------------
# Literal screens: words a pattern cannot match without


def required_literals(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Casefolded strings such that every match of `pattern` contains at least one of them, or
    None when no such set is known. Derived from the regex module's own parse of the pattern, so
    it is exact by construction: a text whose casefolded form contains none of them cannot match.
    Cached in the store with the compiled patterns."""
    global _dirty
    key = ("literals", pattern, int(flags))
    store = _load()
    if key in store:
        return store[key]
    try:
        source = _main._Source(pattern)
        info = _main._Info(flags, source.char_type, {})
        source.ignore_space = bool(info.flags & regex.VERBOSE)
        found = _required(_main._parse_pattern(source, info))
        if not source.at_end():
            found = None
    except Exception:  # anything unexpected: no screen, the pattern simply always runs
        found = None
    store[key] = found
    _dirty = True
    return found


MAX_LITERALS = 200


def _required(node) -> frozenset[str] | None:
    core = _main._regex_core
    kind = type(node)
    if kind is core.Sequence:
        return _sequence(node.items)
    if kind is core.Branch:
        parts = [_required(b) for b in node.branches]
        if any(p is None for p in parts):
            return None
        union = frozenset().union(*parts)
        return union if len(union) <= MAX_LITERALS else None
    if kind in (core.Group, core.Atomic):
        return _required(node.subpattern)
    if kind is core.LookAround:  # a positive lookaround that succeeds saw its text
        return _required(node.subpattern) if node.positive else None
    if kind in (core.GreedyRepeat, core.LazyRepeat, core.PossessiveRepeat):
        return _required(node.subpattern) if node.min_count >= 1 else None
    literal = _literal(node)
    return frozenset([literal]) if literal else None


def _literal(node) -> str | None:
    core = _main._regex_core
    if type(node) is core.Character and node.positive and not node.zerowidth:
        return chr(node.value).casefold()
    if type(node) in (core.String, core.Literal) and not getattr(node, "zerowidth", False):
        return "".join(chr(c) for c in node.characters).casefold()
    return None


def _sequence(items) -> frozenset[str] | None:
    """Runs of literal characters form strings; the most selective requirement of any item wins."""
    candidates: list[frozenset[str]] = []
    run: list[str] = []
    for item in list(items) + [None]:
        literal = _literal(item) if item is not None else None
        if literal is not None:
            run.append(literal)
            continue
        if run:
            candidates.append(frozenset(["".join(run)]))
            run = []
        if item is not None:
            req = _required(item)
            if req:
                candidates.append(req)
    if not candidates:
        return None
    return max(candidates, key=lambda s: (min(map(len, s)), -len(s)))
