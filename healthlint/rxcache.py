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

