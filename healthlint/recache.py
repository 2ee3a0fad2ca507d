"""The standard library's compiled regular expressions, kept between runs of the CLI.

Like `regex` (healthlint.rxcache), the stdlib `re` parses and compiles patterns in pure Python;
the ~100 patterns that markdown-it, click and healthlint's readers compile at import cost a
one-file run about a fifth of its time. The CLI installs this hook before importing them: each
(pattern, flags) is compiled once, its opcodes stored with the compiled rule patterns, and
handed straight to the C engine (_sre) next time. The pattern object is exactly what
re.compile builds. Only the CLI installs it; the library API leaves `re` alone.
"""
from __future__ import annotations

import os
import re
import sys

import _sre

from . import cache  # imported before the hook is installed: its imports compile patterns

_compiler = re._compiler
_plain = _compiler.compile
_store: dict | None = None
_dirty = False
SKIP_FLAGS = re.DEBUG | re.LOCALE


def _path() -> str | None:
    folder = cache.cache_dir()
    tag = f"{sys.implementation.cache_tag}-{_sre.MAGIC}"
    return os.path.join(folder, f"re-{tag}.pickle") if folder else None


def _load() -> dict:
    global _store
    if _store is None:
        _store = cache.read_pickle(_path())
    return _store


class _Recorder:
    def __init__(self, real):
        self.real = real
        self.args = None

    def __getattr__(self, name):
        return getattr(self.real, name)

    def compile(self, pattern, flags, code, groups, groupindex, indexgroup):
        # Opcodes arrive as named int constants; plain ints pickle (and compile) the same.
        self.args = (pattern, int(flags), [int(c) for c in code], int(groups), dict(groupindex), tuple(indexgroup))
        return self.real.compile(pattern, flags, code, groups, groupindex, indexgroup)


def _compile(p, flags=0):
    global _dirty
    if not isinstance(p, (str, bytes)) or flags & SKIP_FLAGS:
        return _plain(p, flags)
    store = _load()
    key = (p, flags)
    args = store.get(key)
    if args is not None:
        try:
            return _sre.compile(*args)
        except Exception:
            store.pop(key, None)
    recorder = _Recorder(_sre)
    _compiler._sre = recorder
    try:
        compiled = _plain(p, flags)
    finally:
        _compiler._sre = _sre
    if recorder.args is not None:
        store[key] = recorder.args
        _dirty = True
    return compiled


def install() -> None:
    """From now on, re.compile (and everything built on it) goes through the store."""
    _compiler.compile = _compile


def save() -> None:
    global _dirty
    if not _dirty:
        return
    _dirty = False
    cache.write_pickle(_path(), _store)
