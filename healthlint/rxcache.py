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
import sys
from contextlib import contextmanager

import regex
import regex._main as _main

from . import cache

_plain_compile = regex.compile
_store: dict | None = None  # (pattern, flags) -> arguments of the C engine's compile
_dirty = False


def _store_path() -> str | None:
    folder = cache.cache_dir()
    if folder is None:
        return None
    tag = f"{regex.__version__}-py{sys.version_info[0]}{sys.version_info[1]}"
    return os.path.join(folder, f"patterns-{tag}.pickle")


def _load() -> dict:
    global _store
    if _store is None:
        _store = cache.read_pickle(_store_path())
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


def install() -> None:
    """For the CLI process only: every regex.compile goes through the store, including the patterns
    rule modules compile lazily on first use (the library API leaves `regex` alone)."""
    if "--no-cache" not in sys.argv[1:]:  # installed before the options are parsed
        regex.compile = compile


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
    cache.write_pickle(_store_path(), _store)



def memo(key: tuple, compute):
    """compute(), kept in the store under `key` (plain data only: parsed rule packs)."""
    global _dirty
    store = _load()
    if key in store:
        return store[key]
    value = compute()
    store[key] = value
    _dirty = True
    return value


# ------------------------------------------------------------------------------------------------
# Literal screens: words a pattern cannot match without


def required_literals(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Casefolded strings such that every match of `pattern` contains at least one of them, or
    None when no such set is known. Derived from the regex module's own parse of the pattern, so
    it is exact by construction: a text whose casefolded form contains none of them cannot match."""
    screen = literal_screen(pattern, flags)
    if screen is None:
        return None
    return frozenset(lit for alternative in screen for lit in alternative[0])


def literal_screen(pattern: str, flags: int = 0) -> tuple[tuple[tuple[str, ...], ...], ...] | None:
    """A finer screen: one entry per top-level alternative of the pattern, each a list of literal
    groups that a match of that alternative must ALL contain (one literal of each group). A text
    passes if some alternative has every group present. None when an alternative requires nothing
    known. Cached in the store with the compiled patterns."""
    global _dirty
    key = ("screen", pattern, int(flags))
    store = _load()
    if key in store:
        return store[key]
    try:
        source = _main._Source(pattern)
        info = _main._Info(flags, source.char_type, {})
        source.ignore_space = bool(info.flags & regex.VERBOSE)
        tree = _main._parse_pattern(source, info)
        found = None
        if source.at_end():
            alternatives = [_conjunction(alt) for alt in _alternatives(tree)]
            if all(alternatives):
                found = tuple(tuple(tuple(sorted(group, key=len)) for group in alt) for alt in alternatives)
    except Exception:  # anything unexpected: no screen, the pattern simply always runs
        found = None
    store[key] = found
    _dirty = True
    return found


def _alternatives(node) -> list:
    core = _main._regex_core
    if type(node) is core.Branch:
        return [a for b in node.branches for a in _alternatives(b)]
    if type(node) is core.Sequence and len(node.items) == 1:
        return _alternatives(node.items[0])
    return [node]


MAX_GROUPS = 3  # literal groups checked per alternative: the most selective ones


def _conjunction(node) -> list[frozenset[str]]:
    """Literal groups that a match of node must all contain (empty: nothing known)."""
    core = _main._regex_core
    if type(node) is core.Sequence:
        groups = _candidates(node.items)
    else:
        req = _required(node)
        groups = [req] if req else []
    return sorted(groups, key=_cost)[:MAX_GROUPS]


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
    """The most selective requirement of any item of a sequence."""
    candidates = _candidates(items)
    return min(candidates, key=_cost) if candidates else None


def _candidates(items) -> list[frozenset[str]]:
    """Every requirement of a sequence: runs of literal characters form strings."""
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
    return candidates


# Words frequent in any health article. A literal found inside one of them ("heal" in "health")
# lets nearly every paragraph through the screen, so another requirement of the same sequence is
# preferred when there is one. This only steers the choice; every candidate is exact.
COMMON_WORDS = """
the and that this with for from have has are was were will can may not but you your they their
health healthy healthcare heal doctor doctors treatment treatments treat medicine medicines medical
drug drugs care people person patient patients symptom symptoms disease diseases condition
conditions risk risks effect effects side result results study studies research evidence
every ever never however whenever forever because only good better best life lifestyle once found
always often sometimes without within work works working sure question questions change changes
help helps support body blood heart pain weight diet food foods water sleep exercise day days
week weeks year years time times test tests therapy therapies option options plan
""".split()


def _cost(literals: frozenset[str]) -> tuple:
    weak = sum(1 for lit in literals if any(lit in word for word in COMMON_WORDS))
    return (weak, -min(map(len, literals)), len(literals))
