"""Regex safety: no input can stall a run.

- Every rule the registry returns (so rules added later are covered without editing this file)
  runs on adversarial documents within a time bound.
- Every compiled pattern at module level in healthlint (guards, parsers, segmenter, ...) and every
  pattern of the built-in packs searches adversarial strings without timing out.
- A content repo's hostile rule pack fails cleanly: a catastrophic pattern is rejected when the
  pack loads, one that slips through is stopped by the regex timeout with one line for that file;
  huge lists, huge or deeply nested files, YAML tags and odd Unicode give one line or just work.
"""
import importlib
import pkgutil
import re
import signal
import time
from contextlib import contextmanager

import pytest
import regex

import healthlint
from helpers import run, write
from healthlint.checks import guards, packs
from healthlint.checks.packs import PackError, PatternRule, load_pack
from healthlint.checks.registry import builtin_rules
from healthlint.engine import ActiveRule, lint_document
from healthlint.parse import parse

N = 25_000  # characters per adversarial string for single patterns: a quadratic pattern needs ~1e9 steps
# Seconds one rule may take on a document: linear in its size, with a constant ~50x what rules need
# on a loaded machine (the claim guards spend ~1 ms per match on text without sentence breaks). A
# quadratic rule blows through it: 30 KB squared is ~1e9 steps.
def bound(chars: int) -> float:
    return 1.0 + chars * 100e-6
PATTERN_TIMEOUT = 2.0  # seconds for one search of one pattern over N characters (typically milliseconds)


def adversarial(n: int) -> dict[str, str]:
    """Inputs that make backtracking regexes and per-match rescans blow up."""
    units = ["a", "a ", "a!", " ", "\t \u00a0", "\ufffc ", "1", "1 ", "1.", "100% ", ".", "!", "?", "-", "*",
             "(", '"', "\u201c", "'", "The ", "cure ", "cures ", "not ", "no ", "Dr. ", "e.g. ", "word, ",
             "aA1 .,;:!?-'\"", "http ", "a\n", "\n", "é", "e\u0301", "🍵", "\u202e", "A", "AB ", "x-", "—"]
    out = {f"{u!r}*": (u * (n // len(u) + 1))[:n] for u in units}
    out["a...!"] = "a" * (n - 1) + "!"
    out["spaces then x"] = " " * (n - 1) + "x"
    out["url path"] = "https://x.example/" + "a/" * (n // 2)
    out["nested parens"] = "(" * (n // 2) + ")" * (n // 2)
    out["many sentences"] = ("This tea cures diabetes. " * (n // 25 + 1))[:n]
    return out


@contextmanager
def time_limit(seconds: float, what: str):
    """Interrupt pure-Python and `re` work that overruns (both check signals while they run). CPU
    seconds of this process, not wall time: other work on a shared machine does not count."""
    def fail(signum, frame):
        raise TimeoutError(f"{what} ran over {seconds} s")

    old = signal.signal(signal.SIGPROF, fail)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, old)


# --- every built-in rule on adversarial documents --------------------------------------------------

def _documents():
    big = 1_000_000
    docs = {
        "1 MB of 'a '": parse(("a " * (big // 2)), "a.txt", "text"),
        "250 KB of one claim per sentence": parse(("This tea cures diabetes. " * 10000), "a.txt", "text"),
        "1 MB of placeholders": parse("`x` " * (big // 4), "a.md", "markdown"),
        "10k nested html": parse("<div>" * 10000 + "This tea is 100% safe." + "</div>" * 10000, "a.html", "html"),
    }
    for name, text in adversarial(30_000).items():
        docs[f"30 KB of {name}"] = parse(text, "a.md", "markdown")
    return docs


@pytest.fixture(scope="module")
def documents():
    return _documents()


@pytest.mark.parametrize("rule", builtin_rules(), ids=lambda r: r.code)
def test_every_rule_is_bounded_on_adversarial_documents(rule, documents):
    active = [ActiveRule(rule, rule.severity, dict(rule.options))]
    for name, doc in documents.items():
        limit = bound(len(doc.text))
        start = time.process_time()  # CPU time: a loaded machine does not make a linear rule fail
        with time_limit(limit * 3, f"{rule.code} on {name}"):
            lint_document(doc, active, builtin_rules())  # a PackError here is a pattern timeout
        took = time.process_time() - start
        assert took < limit, f"{rule.code} took {took:.1f} s on {name}"


# --- every compiled pattern ----------------------------------------------------------------------

# The shared machinery every rule relies on. The rule families' own helper modules (spam, _numbers,
# _spelling, ...) are held to linear time through their rules in the test above, on the same inputs:
# many of their patterns only ever see a bounded window or are anchored, which only the rule knows.
CORE = ("healthlint.source", "healthlint.segment", "healthlint.suppress", "healthlint.config", "healthlint.parse",
        "healthlint.checks.guards", "healthlint.checks.packs", "healthlint.fixes", "healthlint.engine",
        "healthlint.document", "healthlint.formats", "healthlint.api", "healthlint.cli")


def _module_patterns():
    """(where, pattern) for module-level compiled str patterns in the core modules, and every
    pattern of the built-in rule packs."""
    found = []
    for info in pkgutil.walk_packages(healthlint.__path__, "healthlint."):
        if not info.name.startswith(CORE):
            continue
        try:
            module = importlib.import_module(info.name)
        except ImportError:  # an optional dependency that is not installed
            continue
        for attr, value in vars(module).items():
            if isinstance(value, (re.Pattern, regex.Pattern)) and isinstance(value.pattern, str):
                found.append((f"{info.name}.{attr}", value))
    for rule in builtin_rules():
        if isinstance(rule, PatternRule):
            for i, p in enumerate(rule.patterns):
                found.append((f"{rule.code}.patterns[{i}]", p))
            if rule.exceptions is not None:
                found.append((f"{rule.code}.exceptions", rule.exceptions))
    return sorted({id(p): (w, p) for w, p in found}.values(), key=lambda x: x[0])


def _as_regex(p):
    """`re` patterns get the regex module's timeout by recompiling them (same syntax and flags)."""
    return p if isinstance(p, regex.Pattern) else regex.compile(p.pattern, p.flags & ~re.UNICODE | regex.V0)


# Patterns that are never searched over a whole unit, with where their input comes from. Each is
# held to that use below; everything else must search N adversarial characters in linear time.
ANCHORED = {  # only ever .match()ed at one position, so a call scans forward from there once
    "healthlint.segment.NEXT_START_RE": "split_sentences: after each sentence end",
    "healthlint.segment.NUMBER_NEXT_RE": "_is_abbreviation: after 'No.'",
    "healthlint.checks.guards.TESTIMONIAL_AFTER": "quoted: after each quotation",
}
WINDOWED = {  # searched only inside a bounded window of the unit
    "healthlint.checks.guards.MEDICAL_SUBJECT": guards.CLAUSE_WINDOW,  # _clause_before/_clause_after
}


@pytest.mark.parametrize("where, pattern", _module_patterns(), ids=lambda x: x if isinstance(x, str) else "")
def test_every_pattern_is_linear_on_adversarial_strings(where, pattern):
    compiled = _as_regex(pattern)
    size = WINDOWED.get(where, N) * (2 if where in WINDOWED else 1)
    for name, text in adversarial(size).items():
        try:
            if where in ANCHORED:
                compiled.match(text, timeout=PATTERN_TIMEOUT)
            else:
                for _ in compiled.finditer(text, timeout=PATTERN_TIMEOUT):
                    pass
        except TimeoutError:
            pytest.fail(f"{where} ran over {PATTERN_TIMEOUT} s on {size} chars of {name}")


def test_pattern_exemptions_name_real_patterns():
    names = {w for w, _ in _module_patterns()}
    assert set(ANCHORED) | set(WINDOWED) <= names


def test_the_pattern_survey_finds_guards_and_packs():
    names = {w for w, _ in _module_patterns()}
    assert "healthlint.checks.guards.NEGATOR" in names and "HL101.patterns[0]" in names
    assert "healthlint.source.LINE_BREAK_RE" in names


@pytest.mark.parametrize("name", sorted(guards.GUARDS))
def test_every_guard_is_bounded_on_long_text(name):
    guard = guards.GUARDS[name]
    for label, text in adversarial(200_000).items():
        for start in (0, len(text) // 2, len(text) - 5):
            with time_limit(10, f"guard {name} on {label}"):
                guard(text, start, start + 5)
    guards._sentence_spans.cache_clear()  # do not keep 200 KB strings alive


# --- hostile rule packs from a content repo --------------------------------------------------------

RULE = '''
[[rule]]
code = "HL990"
name = "hostile"
category = "spam"
severity = "error"
summary = "s"
type = "existence"
message = "m"
docs = {{ what = "w", why = "y", example = "e", instead = "i" }}
{body}
'''


def _pack(tmp_path, body, name="pack.toml"):
    path = tmp_path / name
    path.write_text(RULE.format(body=body), encoding="utf-8")
    return path


@pytest.mark.parametrize("pattern", [r"(a|aa)+$", r"(\w+\s?)+$", r"(x+x+)+y", r"(\d|\d\d)+$", r"(?:\s|\s\s)+$", r"(?:cure|cures?)+z"])
def test_catastrophic_pattern_is_rejected_when_the_pack_loads(tmp_path, pattern):
    path = _pack(tmp_path, f"patterns = ['{pattern}']")  # a TOML literal string: backslashes as written
    start = time.perf_counter()
    with pytest.raises(PackError, match="too slow .*catastrophic backtracking") as info:
        load_pack(path, origin=str(path))
    assert time.perf_counter() - start < 30 and "\n" not in str(info.value)


def test_a_slow_pattern_that_passes_the_probe_is_stopped_by_the_timeout_for_that_file(tmp_path):
    # The probe tries the pattern's own letters; "\u00e9" is written as an escape, so it is not among them.
    _pack(tmp_path, r"""patterns = ['(?:\u00e9|\u00e9\u00e9)+$']""")
    write(tmp_path, ".healthlint.toml", 'rule-packs = ["pack.toml"]\n')
    write(tmp_path, "bad.md", "\u00e9" * 3000 + "!\n")
    write(tmp_path, "good.md", "This tea cures diabetes.\n")
    start = time.perf_counter()
    proc = run("check", "bad.md", "good.md", cwd=tmp_path)
    assert time.perf_counter() - start < 40
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    (line,) = proc.stderr.splitlines()
    assert re.fullmatch(rf"bad\.md: error: rule HL990 \({re.escape(str(tmp_path / 'pack.toml'))}\): a pattern ran "
                        r"over 1\.\d+ s on this input and was stopped; simplify its regular expression \(nested repetition\?\)",
                        line), line
    assert "good.md:1:10: HL101" in proc.stdout


def test_builtin_packs_are_trusted_not_probed(monkeypatch):
    """Start-up stays fast: only a content repo's patterns pay for the probe."""
    calls = []
    monkeypatch.setattr(packs, "_probe", lambda *a: calls.append(a))
    for path in packs.builtin_pack_files():
        load_pack(path)
    assert calls == []


@pytest.mark.parametrize("content, needle", [
    (RULE.format(body="tokens = [" + ", ".join(f'"w{i}"' for i in range(packs.MAX_PHRASES + 1)) + "]"),
     f"limit {packs.MAX_PHRASES}"),
    (RULE.format(body="patterns = ['" + "a" * (packs.MAX_PATTERN_LEN + 1) + "']"), "longer than"),
    (RULE.format(body="tokens = ['x']") + "#" * (packs.MAX_PACK_BYTES + 1), "larger than 2 MB"),
    (RULE.format(body="patterns = ['(unclosed']"), "bad regular expression"),
    (RULE.format(body="tokens = ['x']\nmodule = 'os'"), "unknown key 'module'"),
    (RULE.format(body="tokens = ['x']").replace('"existence"', '"python"'), "type must be one of"),
])
def test_hostile_toml_packs_fail_with_one_line(tmp_path, content, needle):
    path = tmp_path / "pack.toml"
    path.write_text(content)
    start = time.perf_counter()
    with pytest.raises(PackError) as info:
        load_pack(path, origin=str(path))
    assert needle in str(info.value) and "\n" not in str(info.value)
    assert time.perf_counter() - start < 20


@pytest.mark.parametrize("content, needle", [
    ("rule: " + "[" * 50000 + "]" * 50000 + "\n", "invalid YAML rule pack"),
    ("rule:\n  - !!python/object/apply:os.system ['touch {sentinel}']\n", "invalid YAML rule pack"),
    ("!!python/object/new:os.system ['touch {sentinel}']\n", "invalid YAML rule pack"),
    ("a: &a [*a, *a]\n" + "".join(f"b{i}: &b{i} [*{'a' if i == 0 else f'b{i-1}'}, *{'a' if i == 0 else f'b{i-1}'}]\n"
                                   for i in range(40)), "unknown key"),
    ("- just\n- a list\n", "must be a mapping"),
])
def test_hostile_yaml_packs_fail_with_one_line_and_run_nothing(tmp_path, content, needle):
    sentinel = tmp_path / "PWNED"
    path = tmp_path / "pack.yaml"
    path.write_text(content.replace("{sentinel}", str(sentinel)))
    start = time.perf_counter()
    with pytest.raises(PackError) as info:
        load_pack(path, origin=str(path))
    assert needle in str(info.value) and "\n" not in str(info.value)
    assert time.perf_counter() - start < 20
    assert not sentinel.exists()


def test_odd_unicode_tokens_load_and_lint(tmp_path):
    tokens = ["\u202emiracle\u202c", "cafe\u0301", "🍵 detox", "ﬁx", "\u0000", "zero\u200bwidth", "İstanbul", "ǅ", "\U0001d400"]
    path = tmp_path / "pack.yaml"
    path.write_text(
        "rule:\n  - code: HL990\n    name: odd\n    category: spam\n    severity: warning\n    summary: s\n"
        "    type: existence\n    message: 'odd \"{match}\"'\n"
        "    docs: {what: w, why: y, example: e, instead: i}\n"
        "    tokens: [" + ", ".join('"' + t.encode("unicode_escape").decode().replace('"', '\\"') + '"' for t in tokens) + "]\n",
        encoding="utf-8",
    )
    (rule,) = load_pack(path, origin=str(path))
    text = "Try our 🍵 detox and a cafe\u0301 visit.\n"
    doc = parse(text, "a.md", "markdown")
    found = lint_document(doc, [ActiveRule(rule, rule.severity, {})])
    assert [text[f.start:f.end] for f in found] == ["🍵 detox", "cafe\u0301"]
