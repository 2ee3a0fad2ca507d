"""Compiled regular expressions that survive the process, like Python's own __pycache__.

The `regex` module parses and optimises a pattern in pure Python before handing a list of
opcodes to its C engine. For the large alternations of the rule packs and guards this costs
about 200 ms per process, more than the rest of a one-file run together. The opcodes are
plain data, so they are stored once (in the cache folder, see healthlint.cache) and handed
straight to the C engine next time: the pattern object is exactly what regex.compile builds.

The store is keyed by the regex module's version and Python's, and each entry by pattern and
flags, so a change of either recompiles. Anything unexpected (an unreadable store, a regex
version whose internals differ) falls back to a plain regex.compile: the store is only a cache.
Each entry is pickled on its own and unpickled only when a run asks for it: a one-file run need
not pay for the patterns (and screens) of rules that its text never reaches.
"""
from __future__ import annotations

import os
import pickle
import re
import sys
from array import array
from contextlib import contextmanager
from functools import lru_cache

import regex
import regex._main as _main

from . import cache

_plain_compile = regex.compile
_store: dict | None = None  # key -> the pickled entry, as read from disk (or new in this process)
_entries: dict = {}  # key -> the entry, for those this process has unpickled or made
_dirty = False
_MISSING = object()
STORE_FORMAT = 2  # entries pickled one by one, opcodes as array("I")


def _store_path() -> str | None:
    folder = cache.cache_dir()
    if folder is None:
        return None
    tag = f"{STORE_FORMAT}-{regex.__version__}-py{sys.version_info[0]}{sys.version_info[1]}"
    return os.path.join(folder, f"patterns-{tag}.pickle")


def _load() -> dict:
    global _store
    if _store is None:
        _store = cache.read_pickle(_store_path())
        _entries.clear()
    return _store


def _get(key):
    """The stored entry for key, or _MISSING."""
    store = _load()
    if key in _entries:
        return _entries[key]
    if key not in store:
        return _MISSING
    try:
        value = _entries[key] = pickle.loads(store[key])
    except Exception:
        store.pop(key, None)
        return _MISSING
    return value


def _put(key, value) -> None:
    global _dirty
    _load()[key] = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    _entries[key] = value
    _dirty = True


def _drop(key) -> None:
    _load().pop(key, None)
    _entries.pop(key, None)


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
    if kwargs or not isinstance(pattern, str):
        return _plain_compile(pattern, flags, **kwargs)
    key = (pattern, int(flags), int(regex.DEFAULT_VERSION))
    args = _get(key)
    if args is not _MISSING:
        try:
            return _main._regex.compile(args[0], args[1], args[2].tolist(), *args[3:])
        except Exception:
            _drop(key)
    real = _main._regex
    recorder = _Recorder(real)
    _main._regex = recorder
    try:
        compiled = _plain_compile(pattern, flags, cache_pattern=False)
    finally:
        _main._regex = real
    if recorder.args is not None and not recorder.args[5]:  # no named lists: plain data only
        _put_compiled(key, recorder.args)
    return compiled


def _put_compiled(key, args) -> None:
    """Opcodes as an array (unpickled ~10x faster than a list of ints), flags as plain ints."""
    pattern, flags, code, *rest = args
    try:
        code = array("I", code)
    except OverflowError:  # an opcode beyond 32 bits: not stored
        return
    _put(key, (pattern, int(flags), code, *(int(a) if isinstance(a, int) else a for a in rest)))


def install() -> None:
    """For the CLI process only: every regex.compile goes through the store, including the patterns
    rule modules compile lazily on first use (the library API leaves `regex` alone)."""
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
    path = _store_path()
    if cache.write_pickle(path, _store):
        cache.prune_prefix(os.path.dirname(path), "patterns-", os.path.basename(path))


def memo(key: tuple, compute):
    """compute(), kept in the store under `key` (plain data only: parsed rule packs and configs)."""
    value = _get(key)
    if value is _MISSING:
        value = compute()
        _put(key, value)
    return value


def word_alternation(words) -> str:
    """A pattern for any of the words (none empty), common prefixes factored out: the stdlib engine
    tries the alternatives of a group one by one, so a flat list of 80 words would cost 80 tests per
    position."""
    tree: dict = {}
    for word in words:
        node = tree
        for c in word:
            node = node.setdefault(c, {})
        node[""] = {}

    def alternation(node: dict) -> str:
        branches = [re.escape(c) + alternation(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return alternation(tree)


def parsed_toml(raw: bytes, error) -> dict:
    """TOML bytes parsed once per content and kept in the store (rule packs, config files): most
    runs never import tomllib, which imports typing (~10 ms). Bad TOML raises error(exception)."""
    return memo(("toml", raw), lambda: _parse_toml(raw, error))


def _parse_toml(raw: bytes, error) -> dict:
    import tomllib

    try:
        return tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise error(exc) from None


# ------------------------------------------------------------------------------------------------
# Literal screens: words a pattern cannot match without
#
# A literal is a casefolded string that every match contains. A literal of word characters may be
# marked: "<cure" says a word of the text starts with "cure" (the pattern puts \b, a space or
# punctuation before it), "itis>" that a word ends with "itis", "<heal>" that "heal" is a whole
# word. Unmarked, "heal" only says that some word contains it, as "health" does. Words are the \w
# runs of the casefolded text; healthlint.checks.screen looks the literals up.

START, END = "<", ">"
SCREEN_KEY = "screen3"  # stored with the screens: a new analysis must not reuse old results
MAX_GROUPS = 3  # literal groups checked per alternative: the most selective ones
MAX_LITERALS = 200  # a larger group is not worth checking
MAX_ALTERNATIVES = 48  # nested alternations are expanded into separate alternatives up to this many


def required_literals(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Casefolded strings such that every match of `pattern` contains at least one of them, or
    None when no such set is known. Derived from the regex module's own parse of the pattern, so
    it is exact by construction: a text whose casefolded form contains none of them cannot match."""
    screen = literal_screen(pattern, flags)
    if screen is None:
        return None
    return frozenset(split_key(lit)[0] for alternative in screen for lit in alternative[0])


def literal_screen(pattern: str, flags: int = 0, defines: tuple[str, ...] = ()) -> tuple | None:
    """A finer screen: one entry per alternative of the pattern (nested alternations expanded),
    each a list of literal groups that a match of that alternative must ALL contain (one literal
    of each group). A text passes if some alternative has every group present. None when an
    alternative requires nothing known. `defines`: other patterns whose (?(DEFINE)...) groups
    this one calls with (?&name) (a rule pack's patterns are compiled as one alternation).
    Cached in the store with the compiled patterns."""
    key = (SCREEN_KEY, pattern, int(flags), tuple(defines))
    found = _get(key)
    if found is not _MISSING:
        return found
    try:
        tree = _parse(pattern, flags)
        screener = _Screener(_definitions([pattern] + [d for d in defines if d != pattern], flags))
        alternatives = [screener.conjunction(items) for items in screener.expand(tree[0])]
        found = None
        if alternatives and all(alternatives):
            found = tuple(dict.fromkeys(tuple(tuple(sorted(group, key=len)) for group in alt) for alt in alternatives))
    except Exception:  # anything unexpected: no screen, the pattern simply always runs
        found = None
    _put(key, found)
    return found


@lru_cache(maxsize=64)  # a rule's DEFINE entries are read for each of its patterns
def _parse(pattern: str, flags: int):
    """(tree, group names by number) from the regex module's own parser."""
    source = _main._Source(pattern)
    info = _main._Info(flags, source.char_type, {})
    source.ignore_space = bool(info.flags & regex.VERBOSE)
    tree = _main._parse_pattern(source, info)
    if not source.at_end():
        raise ValueError("pattern not fully parsed")
    return tree, {number: name for name, number in info.group_index.items()}


def _children(node) -> list:
    found = []
    for attr in ("items", "branches", "subpattern", "yes_item", "no_item"):
        value = getattr(node, attr, None)
        if isinstance(value, list):
            found.extend(value)
        elif value is not None and not isinstance(value, (str, int, tuple)):
            found.append(value)
    return found


def _definitions(patterns: list[str], flags: int) -> dict:
    """name -> body of every group defined in a (?(DEFINE)...) block of these patterns; a name
    defined twice maps to None (not followed)."""
    found: dict = {}
    for pattern in patterns:
        for name, body in _defined_in(pattern, flags).items():
            found[name] = None if name in found else body
    return found


@lru_cache(maxsize=256)  # a pack's DEFINE patterns are read for each of its patterns: walked once
def _defined_in(pattern: str, flags: int) -> dict:
    core = _main._regex_core
    found: dict = {}

    def walk(node, names, in_define):
        if type(node) is core.Group and in_define and node.group in names:
            name = names[node.group]
            found[name] = node.subpattern if name not in found else None
        define = in_define or (type(node) is core.Conditional and node.group == "DEFINE")
        for child in _children(node):
            walk(child, names, define)

    tree, names = _parse(pattern, flags)
    walk(tree, names, False)
    return found


def _value(pattern: str):
    node = _parse(pattern, 0)[0]
    return node.items[0].value


_SPACE = _value(r"\s")
_WORD = _value(r"\w")
_REGEX_WORD = regex.compile(r"\w+")
_RE_WORD = re.compile(r"\w+")


def is_word(literal: str) -> bool:
    """Made of characters that are word characters for both `re` (how the text is split into
    words) and `regex` (what \\b means in the patterns)."""
    return _RE_WORD.fullmatch(literal) is not None and _REGEX_WORD.fullmatch(literal) is not None


def _non_word_char(c: str) -> bool:
    """A character that only matches itself and is a word character for neither module."""
    return c.casefold() == c == c.upper() and not _RE_WORD.match(c) and not _REGEX_WORD.match(c)


class _Screener:
    def __init__(self, defines: dict):
        self.defines = defines
        self.calling: set[str] = set()
        # Shared sub-patterns (a DEFINE group called from many alternatives) are analysed once.
        self._expanded: dict = {}
        self._required: dict = {}

    def expand(self, node, budget: int = MAX_ALTERNATIVES) -> list[list]:
        """The alternatives of node as flat item lists: nested alternations and optional parts
        (in groups and sequences) are multiplied out into at most `budget` alternatives; what
        does not fit stays one item."""
        key = (id(node), budget)
        if key not in self._expanded:
            self._expanded[key] = self._expand(node, budget)
        return self._expanded[key]

    def _expand(self, node, budget: int) -> list[list]:
        core = _main._regex_core
        kind = type(node)
        if kind is core.Branch and len(node.branches) <= budget:
            share = budget // len(node.branches)
            return [alt for branch in node.branches for alt in self.expand(branch, share)]
        if kind in (core.Group, core.Atomic):
            return self.expand(node.subpattern, budget)
        if kind in (core.GreedyRepeat, core.LazyRepeat, core.PossessiveRepeat) and node.min_count == 0 \
                and node.max_count == 1 and budget >= 2:
            return [[]] + self.expand(node.subpattern, budget - 1)  # x? is "" or x
        if kind is core.Sequence:
            found = [[]]
            for item in node.items:
                options = self.expand(item, budget // len(found))
                found = [done + option for done in found for option in options]
            return found
        return [[node]]

    def conjunction(self, items) -> list[frozenset[str]]:
        """Literal groups that a match of this alternative must all contain (empty: nothing known)."""
        groups = list(dict.fromkeys(self.candidates(items, None, None)))
        return sorted(groups, key=_cost)[:MAX_GROUPS]

    def candidates(self, items, left, right) -> list[frozenset[str]]:
        """Every requirement of a sequence: runs of literal characters form strings. left and
        right are the items around the sequence, when known (for word marks)."""
        items = list(items)
        candidates: list[frozenset[str]] = []
        run: list[str] = []
        for i, item in enumerate(items + [None]):
            literal = _literal(item) if item is not None else None
            if literal is not None:
                run.append(literal)
                continue
            if run:
                before = _neighbour(items, i - len(run) - 1, -1, left)
                after = _neighbour(items, i, 1, right)
                marked = _mark("".join(run), before, after)
                if marked:
                    candidates.append(frozenset([marked]))
                run = []
            if item is not None:
                req = self.required(item, _neighbour(items, i - 1, -1, left), _neighbour(items, i + 1, 1, right))
                if req:
                    candidates.append(req)
        return candidates

    def required(self, node, left=None, right=None) -> frozenset[str] | None:
        key = (id(node), id(left), id(right))
        if key not in self._required:
            self._required[key] = self._requirement(node, left, right)
        return self._required[key]

    def _requirement(self, node, left, right) -> frozenset[str] | None:
        core = _main._regex_core
        kind = type(node)
        if kind is core.Sequence:  # the best requirement of each of its alternatives
            alternatives = self.expand(node)
            return _union([min(c, key=_cost) if (c := self.candidates(items, left, right)) else None
                           for items in alternatives])
        if kind is core.Branch:
            return _union([self.required(b, left, right) for b in node.branches])
        if kind in (core.Group, core.Atomic):
            return self.required(node.subpattern, left, right)
        if kind is core.LookAround:  # a positive lookaround that succeeds saw its text
            if not node.positive:
                return None
            return self.required(node.subpattern, None, right) if node.behind else self.required(node.subpattern, left, None)
        if kind in (core.GreedyRepeat, core.LazyRepeat, core.PossessiveRepeat):
            if node.min_count < 1:
                return None
            single = node.max_count == 1
            return self.required(node.subpattern, left, right if single else None)
        if kind is core.CallGroup:  # (?&name): the body of a DEFINE group, as if written here
            name = node.group
            body = self.defines.get(name) if isinstance(name, str) else None
            if body is None or name in self.calling:
                return None
            self.calling.add(name)
            try:
                return self.required(body, left, right)
            finally:
                self.calling.discard(name)
        literal = _literal(node)
        marked = _mark(literal, left, right) if literal else None
        return frozenset([marked]) if marked else None


def _union(parts: list) -> frozenset[str] | None:
    """One of these requirements holds: any of their literals (None if one requires nothing)."""
    if any(part is None for part in parts):
        return None
    union = frozenset().union(*parts)
    return union if len(union) <= MAX_LITERALS else None


def _literal(node) -> str | None:
    core = _main._regex_core
    if type(node) is core.Character and node.positive and not node.zerowidth:
        return chr(node.value).casefold()
    if type(node) in (core.String, core.Literal) and not getattr(node, "zerowidth", False):
        return "".join(chr(c) for c in node.characters).casefold()
    return None


def _zero_width(node) -> bool:
    """Lookarounds and DEFINE blocks (and groups of them): the items on either side meet at the
    same position. (\\b is zero-width too, but it is itself a word edge: see _edge.)"""
    core = _main._regex_core
    kind = type(node)
    if kind is core.LookAround or (kind is core.Conditional and node.group == "DEFINE"):
        return True
    if kind in (core.Group, core.Atomic):
        return _zero_width(node.subpattern)
    if kind is core.Sequence:
        return all(_zero_width(item) for item in node.items)
    if kind is core.Branch:
        return all(_zero_width(branch) for branch in node.branches)
    return False


def _neighbour(items: list, i: int, step: int, outside):
    """The item that meets position i from that side, skipping zero-width ones."""
    while 0 <= i < len(items):
        if not _zero_width(items[i]):
            return items[i]
        i += step
    return outside


def _mark(literal: str, before, after) -> str:
    """The literal with word marks where the items around it put a word boundary. A literal with
    other characters loses any START/END characters at its ends, so that no literal looks marked
    by mistake (what remains is still required)."""
    if not is_word(literal):
        return literal.lstrip(START).rstrip(END)
    return (START if _edge(before, behind=True) else "") + literal + (END if _edge(after, behind=False) else "")


def _edge(node, behind: bool) -> bool:
    r"""Does node, next to a run of word characters, put a word boundary between them? \b, a
    space, a non-word character, [\s'’-], (?![\w-]) do; anything else is not known to."""
    core = _main._regex_core
    kind = type(node)
    if node is None:
        return False
    if kind is core.Boundary:
        return node.positive
    if kind is core.Property:
        return not node.zerowidth and ((node.positive and node.value == _SPACE) or (not node.positive and node.value == _WORD))
    if kind is core.Character:
        return node.positive and not node.zerowidth and _non_word_char(chr(node.value))
    if kind is core.SetUnion:
        return node.positive and not node.zerowidth and all(_edge(i, behind) for i in node.items)
    if kind in (core.GreedyRepeat, core.LazyRepeat, core.PossessiveRepeat):
        return node.min_count >= 1 and type(node.subpattern) in (core.Property, core.Character, core.SetUnion) \
            and _edge(node.subpattern, behind)
    if kind is core.LookAround:  # (?![\w-]) after the run, (?<![\w-]) before it
        if node.positive or node.behind != behind:
            return False
        inner = node.subpattern.items if type(node.subpattern) is core.Sequence else [node.subpattern]
        if len(inner) != 1:
            return False
        only = inner[0]
        members = only.items if type(only) is core.SetUnion and only.positive else [only]
        return any(type(m) is core.Property and m.positive and m.value == _WORD for m in members)
    return False


# Words frequent in any health article. A literal found inside one of them ("heal" in "health")
# lets nearly every paragraph through the screen, so another requirement of the same sequence is
# preferred when there is one. This only steers the choice; every candidate is exact.
COMMON_WORDS = """
a an the and or but if so as at by of on in to up out off into onto over under about after before
than then there here when where which who what how why all any some many most more much few each
no nor not yes is are was were be been being am do does did done doing has have had having get
gets got getting go goes went come comes came make makes made take takes took give gives gave
keep keeps see seen say says said know known use used using need needs want like also just even
still well very too now new one two three first last other such same own only back way ways
it its it's i me my we us our you your he him his she her they them their this that these those
will would can could may might must should shall
health healthy healthcare heal doctor doctors treatment treatments treat medicine medicines medical
drug drugs care people person patient patients symptom symptoms disease diseases condition
conditions risk risks effect effects side result results study studies research evidence
every ever never however whenever forever because good better best life lifestyle once found
always often sometimes without within work works working sure question questions change changes
help helps support body blood heart pain weight diet food foods water sleep exercise day days
week weeks year years time times test tests therapy therapies option options plan
family children child adults adult women men age free right home call check contact
""".split()


def split_key(literal: str) -> tuple[str, bool, bool]:
    """(the literal without marks, must start a word, must end a word)."""
    start, end = literal.startswith(START), literal.endswith(END)
    core = literal[start:len(literal) - end]
    return (core, start, end) if (start or end) and is_word(core) else (literal, False, False)


def satisfied_by(literal: str, word: str) -> bool:
    """Does this word of a text hold the (possibly marked) literal?"""
    return _holds(split_key(literal), word)


def _holds(key: tuple[str, bool, bool], word: str) -> bool:
    core, start, end = key
    if start and end:
        return word == core
    if start or end:
        return word.startswith(core) if start else word.endswith(core)
    return core in word


_COMMON_TEXT = "\0" + "\0".join(COMMON_WORDS) + "\0"


@lru_cache(maxsize=None)
def _weak(literal: str) -> bool:
    """Does a common word hold the literal? One substring test on the words joined by NULs: a word
    starts right after a NUL and ends right before one, and a literal without NUL cannot span two."""
    key = core, start, end = split_key(literal)
    if "\0" in core:
        return any(_holds(key, word) for word in COMMON_WORDS)
    return ("\0" * start + core + "\0" * end) in _COMMON_TEXT


@lru_cache(maxsize=None)
def _cost(literals: frozenset[str]) -> tuple:
    weak = sum(1 for lit in literals if _weak(lit))
    return (weak, -min(len(split_key(lit)[0]) for lit in literals), len(literals))
