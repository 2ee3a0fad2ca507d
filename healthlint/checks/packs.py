"""Declarative rule packs: TOML or YAML data in rules/ (built in) or named in config.

Loaded strictly: an unknown key, a wrong type or a bad regex is a PackError naming the file and key.
Packs are data only. Their behaviour comes from a few rule types implemented here, and from
named context guards (healthlint.checks.guards) that a pack may list under `unless`.
"""
from __future__ import annotations

import os
from collections.abc import Iterable

import regex

from .. import rxcache
from ..finding import CATEGORIES, RawFinding, Severity
from .base import CODE_RE, NAME_RE, Rule, RuleDocs
from ..document import Document
from .screen import INDEX, Gate, as_screen

RULE_TYPES = ("existence", "substitution")
PACK_KEYS = {"pack": dict, "rule": list}
PACK_META_KEYS = {"name": str, "description": str, "attribution": str}
RULE_KEYS = {
    "code": str, "name": str, "category": str, "severity": str, "summary": str, "type": str,
    "scope": str, "message": str, "tokens": list, "patterns": list, "ignore-case": bool,
    "unless": list, "exceptions": list, "swap": dict, "fixable": bool, "docs": dict, "enabled": bool,
}
REQUIRED = ("code", "name", "category", "severity", "summary", "type", "message", "docs")
DOC_KEYS = ("what", "why", "example", "instead")
MAX_PHRASES = 20000
MAX_PATTERN_LEN = 2000
MAX_PACK_BYTES = 2 * 1024 * 1024  # a rule pack is a hand-written list, not a data dump
REGEX_TIMEOUT = 1.0  # seconds per search, plus REGEX_TIME_PER_CHAR: a pathological pattern cannot stall a run
REGEX_TIME_PER_CHAR = 20e-6  # linear patterns need ~1-4 microseconds a character; a 1 MB line gets 21 s
PROBE_TIMEOUT = 0.25  # seconds per probe string when a content repo's pack is loaded
ANALYSIS_KEY = "pack-analysis2"  # a rule's screens in the compiled-pattern store (see _analyse)


class PackError(ValueError):
    pass


def _token_regex(token: str) -> str:
    """A literal phrase as a regex: whole words, any run of whitespace between words."""
    words = token.split()
    body = r"\s+".join(regex.escape(w) for w in words)
    left = r"(?<![\w-])" if token[:1].isalnum() else ""
    right = r"(?![\w-])" if token[-1:].isalnum() else ""
    return left + body + right


class PatternRule(Rule):
    """existence: report every match. substitution: report and suggest (and maybe fix) a swap.

    The engine calls it once per document (scope "document"): the rule checks, one by one, the
    blocks (or their sentences, as the pack's `scope` says) that pass its literal screen; the
    document's literals are found once for all pattern rules (screen.INDEX.document). Given a
    block or sentence instead, it checks just that unit."""

    def __init__(self, *, sources: list[str], flags: int, kind: str, message: str, swap: dict[str, str],
                 guards: list, exceptions: str | None, scope: str = "sentence", screen: tuple | None = None,
                 parts: tuple = (), where: str = "", **kw):
        super().__init__(scope="document", **kw)
        self.unit_scope = scope  # what the regexes run on and the guards see: "block" or "sentence"
        # The alternations to search in turn, and the exceptions, compiled on first use: a run in
        # which no screen lets a unit through compiles nothing.
        self._sources, self._flags, self._where = sources, flags, where
        self._patterns = None
        self._exceptions_source, self._exceptions = exceptions, None
        # Literals every match contains (healthlint.checks.screen): most units lack them, and
        # looking them up is far cheaper than running the patterns.
        self.screen = screen
        self.gate = None
        if screen is not None:
            self.gate = INDEX.gate(screen)
        # The pack's `patterns` one by one, with their own screens: when only some of them can
        # match a unit, an alternation of just those runs instead (same matches, far less work).
        self.parts = parts if screen is not None else ()
        self._part_gate = None  # built on first use (see _kept)
        self._narrowed: dict[tuple[int, ...], object] = {}
        self.kind = kind
        self.message = message
        self.swap = swap
        self.guards = guards

    @property
    def patterns(self) -> list:
        if self._patterns is None:
            self._patterns = [_compile(source, self._flags, self._where) for source in self._sources]
        return self._patterns

    @property
    def exceptions(self):
        if self._exceptions is None and self._exceptions_source is not None:
            self._exceptions = _compile(self._exceptions_source, self._flags, self._where)
        return self._exceptions

    def check(self, unit, ctx) -> Iterable[RawFinding]:
        if isinstance(unit, Document):
            return self._check_document(unit, ctx)
        present = None if self.gate is None else INDEX.present(unit.text)
        return self._check_unit(unit, ctx, present) if self._passes(present) else ()

    def _passes(self, present) -> bool:
        return self.gate is None or self.gate.passes(present)

    def _check_document(self, document: Document, ctx) -> Iterable[RawFinding]:
        if self.gate is None:
            blocks = [(block, None) for block in document.blocks]
        else:
            blocks = self.gate.blocks(INDEX.document(document, ctx))
        for block, present in blocks:
            if self.unit_scope == "block":
                yield from self._check_unit(block, ctx, present, block)
            else:  # the engine's sentences, with their words and folded text shared with other rules
                for sentence in ctx.sentences(block):
                    text = sentence.text
                    present = INDEX.present(text, ctx.words(sentence), ctx.folded(text)) if self.gate is not None else None
                    if self._passes(present):
                        yield from self._check_unit(sentence, ctx, present, block, sentence.start)

    def _check_unit(self, unit, ctx, present, block=None, offset: int = 0) -> Iterable[RawFinding]:
        """Findings in one block or sentence that passes the rule's screen (Gate.blocks has tested
        a block); with `block`, as document findings in that block (offset: where the unit starts
        in it). present: the unit's literals (None: the rule has no screen)."""
        text = unit.text
        timeout = REGEX_TIMEOUT + len(text) * REGEX_TIME_PER_CHAR  # linear in the text: slow is not stuck
        try:
            if self.exceptions is not None and self.exceptions.search(text, timeout=timeout):
                return
            # Matches are collected before the guards run: the timeout must time the regex, not the guards.
            matches = []
            for i, pattern in enumerate(self.patterns):
                if present is not None and self.parts and i == len(self.patterns) - 1:
                    pattern = self._narrow(pattern, present)
                    if pattern is None:
                        continue
                matches.extend(pattern.finditer(text, timeout=timeout))
        except TimeoutError:
            # Not silent: a rule that quietly stops matching is lost recall nobody notices.
            raise PackError(
                f"rule {self.code} ({self.origin}): a pattern ran over {timeout:.3g} s on this input and was "
                "stopped; simplify its regular expression (nested repetition?)"
            ) from None
        for m in matches:
            finding = self._finding(m, text, unit, ctx, block, offset)
            if finding is not None:
                yield finding

    def _narrow(self, full, present):
        """The alternation of the patterns that can match a text with these literals. Patterns
        that cannot match anywhere in it never decide a match, so the matches are the same."""
        kept, every = self._kept(present)
        if kept == every:
            return full
        if not kept:
            return None
        narrowed = self._narrowed.get(kept)
        if narrowed is None:  # DEFINE entries stay: the kept patterns may call their groups
            sources = [self.parts[i][1] for i in kept] + [src for _, src, define in self.parts if define]
            narrowed = self._narrowed[kept] = rxcache.compile(_alternation(sources), full.flags)
        return narrowed

    def _kept(self, present) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """The patterns (not DEFINE entries) whose screens pass these literals, and all of them:
        their screens' alternatives side by side in one Gate, tested at once."""
        if self._part_gate is None:
            alternatives, owners = [], []  # owners: the pattern of each alternative
            for i, (screen, _, define) in enumerate(self.parts):
                if not define:
                    alternatives += screen
                    owners += [i] * len(screen)
            every = tuple(i for i, (_, _, define) in enumerate(self.parts) if not define)
            self._part_gate = Gate(tuple(alternatives)), owners, every
        gate, owners, every = self._part_gate
        kept = {owners[i] for i in gate.which(present)}
        return tuple(sorted(kept)), every

    def _finding(self, m, text: str, unit, ctx, block=None, offset: int = 0) -> RawFinding | None:
        start, end = m.span("match") if "match" in m.re.groupindex and m.group("match") else m.span()
        if start == end or any(g(text, start, end, unit=unit, ctx=ctx) for g in self.guards):
            return None
        found = text[start:end]
        replacement = self.swap.get(" ".join(found.lower().split())) if self.kind == "substitution" else None
        if replacement is not None and found[:1].isupper():
            replacement = replacement[:1].upper() + replacement[1:]
        message = self.message.replace("{match}", found).replace("{replacement}", replacement or "")
        return RawFinding(start + offset, end + offset, message, replacement if self.fixable else None, block=block)


def _check_types(table: dict, spec: dict, where: str) -> None:
    for key, value in table.items():
        if key not in spec:
            raise PackError(f"{where}: unknown key {key!r} (allowed: {', '.join(sorted(spec))})")
        if not isinstance(value, spec[key]):
            raise PackError(f"{where}: key {key!r} must be a {spec[key].__name__}, not {type(value).__name__}")


def _alternation(alternatives: list[str]) -> str:
    return "|".join(f"(?:{a})" for a in alternatives)


def _compile(source: str, flags: int, where: str):
    try:
        return rxcache.compile(source, flags)
    except regex.error as exc:
        raise PackError(f"{where}: bad regular expression: {exc}") from None


def _analyse(sources: list[str], patterns: list[str], flags: int, where: str) -> tuple:
    """(screen, parts) of a rule whose alternations are `sources` (the last made of `patterns`,
    if it has any): plain data, kept in the compiled-pattern store. Compiling here checks every
    regular expression and gives the flags the patterns are parsed with."""
    compiled = [_compile(source, flags, where) for source in sources]
    parts = _parts(patterns, compiled[-1].flags) if patterns else ()
    return _screen(compiled, parts), parts


def _screen(compiled: list, parts: tuple) -> tuple | None:
    """The literal screens of all the rule's patterns, or None if one of them has none. The
    `patterns` alternation (the last compiled) is screened by its parts: no second parse."""
    alternatives = []
    for i, pattern in enumerate(compiled):
        if parts and i == len(compiled) - 1:
            if any(screen is None for screen, _, _ in parts):
                return None
            found = [alt for screen, _, _ in parts for alt in screen]
        else:
            found = _selective(rxcache.literal_screen(pattern.pattern, pattern.flags))
        if not found:
            return None
        alternatives.extend(found)
    return as_screen(alternatives)


def _parts(patterns: list[str], flags: int) -> tuple:
    """(screen, source, is a DEFINE entry) for each of a rule's patterns. A pattern's screen
    follows its (?&name) calls into the DEFINE entries."""
    defines = tuple(p for p in patterns if "(?(DEFINE)" in p)
    return tuple((as_screen(found) if (found := _selective(rxcache.literal_screen(p, flags, defines))) else None,
                  p, p in defines) for p in patterns)


def _selective(screen: list | None) -> list | None:
    """The screen without its groups that hold a short piece of a word ("s>", "er", "ing"): most
    words of a text end or go on with one, so such a group lets nearly every text through, and
    the index would look up far more of a document's words (with "s>", "er" and "ing" about half
    of the hits on the benchmark). Fewer groups pass more texts: the screen stays exact. An
    alternative keeps its groups when it has no other."""
    if screen is None:
        return None
    kept = []
    for alternative in screen:
        strong = [group for group in alternative if not any(map(_weak, group))]
        kept.append(strong or alternative)
    return kept


def _weak(literal: str) -> bool:
    """A literal most words hold: up to three characters inside a word, or two at its end."""
    core, start, end = rxcache.split_key(literal)
    return rxcache.is_word(core) and not start and len(core) <= (2 if end else 3)


def _probes(source: str) -> list[str]:
    """Strings that make nested repetition backtrack: long runs of the pattern's own letters and
    words (alone, and with spaces) that end in a character the pattern probably does not expect."""
    chars = sorted({c for c in source if c.isalnum()} | {"a", "1"})[:12]
    words = sorted(set(regex.findall(r"[^\W\d_]{2,}", source)), key=len, reverse=True)[:8]
    units = chars + words + [" ".join(chars) + " "]
    return [(u * (3000 // len(u) + 1))[:3000] + tail for u in units for tail in ("!", " !")] + [" " * 3000 + "!"]


def _probe(compiled, where: str) -> None:
    """Reject a content repo's catastrophic pattern when the pack loads, before any article is read."""
    for probe in _probes(compiled.pattern):
        try:
            compiled.search(probe, timeout=PROBE_TIMEOUT)
        except TimeoutError:
            raise PackError(
                f"{where}: a pattern is too slow (catastrophic backtracking on a run of {probe[0]!r}); "
                "avoid nested repetition like (a+)+ or (a|aa)+"
            ) from None


def _strings(value: list, key: str, where: str) -> list[str]:
    if len(value) > MAX_PHRASES:
        raise PackError(f"{where}: {key!r} has {len(value)} entries (limit {MAX_PHRASES})")
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise PackError(f"{where}: every entry of {key!r} must be a non-empty string")
        if len(item) > MAX_PATTERN_LEN:
            raise PackError(f"{where}: an entry of {key!r} is longer than {MAX_PATTERN_LEN} characters")
    return value


def build_rule(spec: dict[str, object], where: str, origin: str) -> Rule:
    from .guards import GUARDS

    _check_types(spec, RULE_KEYS, where)
    missing = [k for k in REQUIRED if k not in spec]
    if missing:
        raise PackError(f"{where}: missing required key(s): {', '.join(missing)}")
    where = f"{where} ({spec['code']})"
    if not CODE_RE.match(spec["code"]):
        raise PackError(f"{where}: code must be HL followed by 3 digits")
    if not NAME_RE.match(spec["name"]):
        raise PackError(f"{where}: name {spec['name']!r} must be kebab-case")
    if spec["category"] not in CATEGORIES:
        raise PackError(f"{where}: category must be one of {', '.join(CATEGORIES)}")
    if spec["type"] not in RULE_TYPES:
        raise PackError(f"{where}: type must be one of {', '.join(RULE_TYPES)}")
    scope = spec.get("scope", "sentence")
    if scope not in ("sentence", "block"):
        raise PackError(f"{where}: scope must be 'sentence' or 'block'")
    try:
        severity = Severity.parse(spec["severity"])
    except ValueError as exc:
        raise PackError(f"{where}: {exc}") from None
    docs = spec["docs"]
    _check_types(docs, {k: str for k in DOC_KEYS}, f"{where} docs")
    if any(not docs.get(k, "").strip() for k in DOC_KEYS):
        raise PackError(f"{where}: docs needs non-empty {', '.join(DOC_KEYS)}")
    swap = spec.get("swap", {})
    if spec["type"] == "substitution":
        if not swap:
            raise PackError(f"{where}: a substitution rule needs a non-empty 'swap' table")
        if any(not isinstance(v, str) for v in swap.values()):
            raise PackError(f"{where}: every 'swap' value must be a string")
    elif swap:
        raise PackError(f"{where}: 'swap' is only for substitution rules")
    tokens = _strings(spec.get("tokens", []), "tokens", where) + list(swap)
    patterns = _strings(spec.get("patterns", []), "patterns", where)
    if not tokens and not patterns:
        raise PackError(f"{where}: needs 'tokens', 'patterns' or 'swap'")
    flags = regex.V0 | (regex.IGNORECASE if spec.get("ignore-case", True) else 0)
    # Tokens and patterns compile separately: a lookbehind at the head of every token alternative
    # would disable the regex module's fast literal scan for the patterns too.
    # Longest phrases first, so that "completely safe" wins over "safe" at the same position.
    sources = []
    if tokens:
        sources.append(_alternation([_token_regex(t) for t in sorted(set(tokens), key=len, reverse=True)]))
    if patterns:
        sources.append(_alternation(patterns))
    screen, parts = rxcache.memo((ANALYSIS_KEY, rxcache.SCREEN_KEY, tuple(sources), flags, tuple(patterns)),
                                 lambda: _analyse(sources, patterns, flags, where))
    guards = []
    for name in _strings(spec.get("unless", []), "unless", where):
        if name not in GUARDS:
            raise PackError(f"{where}: unknown guard {name!r} in 'unless' (known: {', '.join(sorted(GUARDS))})")
        guards.append(GUARDS[name])
    exceptions = spec.get("exceptions")
    exceptions = _alternation(_strings(exceptions, "exceptions", where)) if exceptions else None
    rule = PatternRule(
        code=spec["code"], name=spec["name"], category=spec["category"], severity=severity,
        summary=spec["summary"], docs=RuleDocs(**{k: docs[k] for k in DOC_KEYS}), scope=scope,
        fixable=spec.get("fixable", False), default_enabled=spec.get("enabled", True), origin=origin,
        sources=sources, flags=flags, kind=spec["type"], message=spec["message"],
        swap={" ".join(k.lower().split()): v for k, v in swap.items()}, guards=guards, exceptions=exceptions,
        screen=screen, parts=parts, where=where,
    )
    if origin != "builtin":  # built-in patterns are checked by tests/test_regex_safety.py instead
        for pattern in rule.patterns[-1:] if patterns else []:  # tokens are escaped literals: linear already
            _probe(pattern, where)
        if rule.exceptions is not None:
            _probe(rule.exceptions, where)
    return rule


def read_pack_data(path: str | os.PathLike) -> dict:
    path = os.fspath(path)
    try:
        if os.path.getsize(path) > MAX_PACK_BYTES:
            raise PackError(f"{path}: rule pack is larger than {MAX_PACK_BYTES // (1024 * 1024)} MB")
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise PackError(f"{path}: cannot read rule pack: {exc.strerror or exc}") from None
    suffix = os.path.splitext(path)[1]
    try:
        if suffix == ".toml":
            return rxcache.parsed_toml(raw, lambda exc: PackError(f"{path}: invalid rule pack: {exc}"))
        if suffix in (".yaml", ".yml"):
            import yaml

            data = yaml.safe_load(raw.decode("utf-8"))
            if not isinstance(data, dict):
                raise PackError(f"{path}: a rule pack must be a mapping at the top level")
            return data
    except UnicodeDecodeError as exc:
        raise PackError(f"{path}: invalid rule pack: {exc}") from None
    except Exception as exc:  # yaml.YAMLError and friends: one line, no traceback
        if isinstance(exc, PackError):
            raise
        raise PackError(f"{path}: invalid YAML rule pack: {' '.join(str(exc).split())}") from None
    raise PackError(f"{path}: rule packs must be .toml, .yaml or .yml")


def load_pack(path: str | os.PathLike, origin: str = "builtin") -> list[Rule]:
    data = read_pack_data(path)
    _check_types(data, PACK_KEYS, str(path))
    _check_types(data.get("pack", {}), PACK_META_KEYS, f"{path} [pack]")
    rules = []
    for i, spec in enumerate(data.get("rule", [])):
        if not isinstance(spec, dict):
            raise PackError(f"{path}: rule #{i + 1} must be a table")
        rules.append(build_rule(spec, f"{path} rule #{i + 1}", origin))
    return rules


def builtin_pack_dir() -> str:
    """rules/ in a source checkout; healthlint/_rules inside an installed wheel.

    healthlint._rules is a namespace package (rules/ holds data only, no __init__.py), so its
    folder comes from __path__; importlib.resources would hand back a MultiplexedPath."""
    try:
        import healthlint._rules as installed

        return next(iter(installed.__path__))
    except (ModuleNotFoundError, StopIteration):
        return os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__)))), "rules")


def builtin_pack_files() -> list[str]:
    root = builtin_pack_dir()
    return sorted(os.path.join(root, name) for name in os.listdir(root)
                  if os.path.splitext(name)[1] in (".toml", ".yaml", ".yml"))
